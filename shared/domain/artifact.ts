import { z } from 'zod';
import { ArtifactAnalysis, LanguageLabel } from './analysis';
import { Extraction } from './extraction';
import { TypedText } from './text';
import { StoredOcrPage } from './visual';

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
  /** From the analysis: the language of the artifact's own text, its Chinese variant, Korean-variety score, stage. */
  language: LanguageLabel.nullable(),
  variant: z.string().nullable(),
  nkScore: z.number(),
  stage: z.string().nullable(),
  /** From the review: star, live tags (production and status), labels, notes, open suggestions. */
  starred: z.boolean(),
  tags: z.array(z.object({ productionId: z.string(), status: z.enum(['suspected', 'confirmed', 'ruled-out']) })),
  labelIds: z.array(z.number().int()),
  noteCount: z.number().int(),
  openSuggestions: z.number().int(),
});
export type ArtifactSummary = z.infer<typeof ArtifactSummary>;

export const ArtifactSortKey = z.enum(['path', 'mime', 'size', 'mtime', 'sha256', 'status', 'duplicates', 'id']);
export type ArtifactSortKey = z.infer<typeof ArtifactSortKey>;

/**
 * Filters of the artifact list; every one the UI offers is here, so a view is reloadable from its query and the CLI
 * takes the same ones. Absent means no restriction.
 */
export const ArtifactFilters = z.object({
  sourceId: z.number().int().optional(),
  /** Only artifacts whose path starts with this prefix (a folder in the source tree). */
  pathPrefix: z.string().optional(),
  /** Substring of path, type, error or hash prefix: the table's quick filter. */
  filter: TypedText(500).optional(),
  /** Full-text search over paths, metadata values and extracted text (as `search.query` matches). */
  search: TypedText(1000).optional(),
  /** MIME type prefix (`image/`, `application/pdf`) or artifact kind (`directory`, `member`). */
  type: z.string().max(200).optional(),
  language: LanguageLabel.optional(),
  variant: z.enum(['hans', 'hant', 'mixed']).optional(),
  /** Korean-variety score at least this (0–1): North Korean spelling and vocabulary. */
  nkMin: z.number().min(0).max(1).optional(),
  stage: z.string().max(100).optional(),
  /** Tagged to this production (with `tagStatus`, only tags of that status). */
  production: z.string().max(100).optional(),
  tagStatus: z.enum(['suspected', 'confirmed', 'ruled-out', 'untagged']).optional(),
  /** An open suggestion for this production. */
  suggested: z.string().max(100).optional(),
  labelId: z.number().int().optional(),
  starred: z.boolean().optional(),
  hasNotes: z.boolean().optional(),
  hasErrors: z.boolean().optional(),
  duplicates: z.boolean().optional(),
  mismatch: z.boolean().optional(),
  /** Modified time bounds (ISO 8601, inclusive; a date alone means that whole day). */
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
});
export type ArtifactFilters = z.input<typeof ArtifactFilters>;

export const ArtifactQuery = ArtifactFilters.extend({
  dir: z.string().min(1),
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
  /** Languages, variant, Korean markers, glossary terms, stage and watchlist hits of each analysed text. */
  analysis: ArtifactAnalysis.nullable(),
  links: z.array(DocumentLink),
  children: z.number().int(),
  /** What OCR read in the artifact's pictures (current bytes only), page by page; empty when it was not OCR'd. */
  ocr: z.array(StoredOcrPage),
});
export type ArtifactDetail = z.infer<typeof ArtifactDetail>;
