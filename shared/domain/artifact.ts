import { z } from 'zod';
import { Extraction } from './extraction';
import { TypedText } from './text';

export const ArtifactKind = z.enum(['file', 'symlink', 'member', 'special', 'directory']);
export type ArtifactKind = z.infer<typeof ArtifactKind>;

export const ArtifactStatus = z.enum(['pending', 'ok', 'error', 'skipped']);
export type ArtifactStatus = z.infer<typeof ArtifactStatus>;

/**
 * One file or archive member. Times are ISO 8601 UTC with the sub-second precision the file system gave
 * (nanoseconds where available). Hashes are lower-case hex; null until hashed or when unreadable.
 */
export const ArtifactSummary = z.object({
  id: z.number().int(),
  sourceId: z.number().int(),
  parentId: z.number().int().nullable(),
  path: z.string(),
  name: z.string(),
  kind: ArtifactKind,
  size: z.number().nullable(),
  mtime: z.string().nullable(),
  ctime: z.string().nullable(),
  atime: z.string().nullable(),
  birthtime: z.string().nullable(),
  mode: z.number().int().nullable(),
  sha256: z.string().nullable(),
  sha1: z.string().nullable(),
  md5: z.string().nullable(),
  mime: z.string().nullable(),
  /** True when the file name's extension contradicts the type found from content. */
  mismatch: z.boolean(),
  /** Id of the first artifact with the same SHA-256, when this one is a duplicate. */
  duplicateOf: z.number().int().nullable(),
  duplicateCount: z.number().int(),
  status: ArtifactStatus,
  error: z.string().nullable(),
  symlinkTarget: z.string().nullable(),
  /** Raw bytes (hex) of an archive member name that was decoded from a legacy encoding, and that encoding. */
  rawName: z.string().nullable(),
  nameEncoding: z.string().nullable(),
});
export type ArtifactSummary = z.infer<typeof ArtifactSummary>;

export const ArtifactSortKey = z.enum(['path', 'mime', 'size', 'mtime', 'sha256', 'status', 'duplicates', 'id']);
export type ArtifactSortKey = z.infer<typeof ArtifactSortKey>;

export const ArtifactQuery = z.object({
  dir: z.string().min(1),
  sourceId: z.number().int().optional(),
  /** Only artifacts whose path starts with this prefix (a folder in the source tree). */
  pathPrefix: z.string().optional(),
  filter: TypedText(500).optional(),
  sort: ArtifactSortKey.default('path'),
  order: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100_000).default(500),
});
export type ArtifactQuery = z.input<typeof ArtifactQuery>;

export const ArtifactPage = z.object({ total: z.number().int(), items: z.array(ArtifactSummary) });
export type ArtifactPage = z.infer<typeof ArtifactPage>;

/** Path prefixes of the source tree end with `/`; an archive's member tree is `outer.zip!/`. */
const FolderPath = z.string().min(1).endsWith('/', 'a folder path ends with /');

export const FolderQuery = z.object({
  dir: z.string().min(1),
  sourceId: z.number().int(),
  /** The folder whose sub-folders are wanted, as a `FolderSummary.path`; the source root when absent. */
  parent: FolderPath.optional(),
});
export type FolderQuery = z.infer<typeof FolderQuery>;

/** One folder of the source tree: a directory, or an archive whose members it holds. */
export const FolderSummary = z.object({
  /** The folder's path prefix, what `artifacts.list` takes as `pathPrefix`: `notes/2024/`, `pack.zip!/`. */
  path: z.string(),
  name: z.string(),
  isArchive: z.boolean(),
  /** Files and members at any depth below (folders themselves not counted). */
  artifactCount: z.number().int(),
  /** Artifacts below with an error (unreadable files, failed extractions), and the folder itself if it could not be listed. */
  errorCount: z.number().int(),
  /** Whether expanding it shows anything: the tree loads children lazily. */
  hasSubfolders: z.boolean(),
});
export type FolderSummary = z.infer<typeof FolderSummary>;

export const DocumentLink = z.object({
  artifactId: z.number().int(),
  path: z.string(),
  relation: z.enum(['same-document', 'derived-from', 'source-of', 'same-original', 'duplicate']),
  via: z.string(),
});
export type DocumentLink = z.infer<typeof DocumentLink>;

export const ArtifactDetail = ArtifactSummary.extend({
  extraction: Extraction.nullable(),
  links: z.array(DocumentLink),
  children: z.number().int(),
});
export type ArtifactDetail = z.infer<typeof ArtifactDetail>;
