import { z } from 'zod';
import { LanguageLabel, Production, TranslationFingerprint, WatchlistHit } from './analysis';
import { ArtifactFilters, ArtifactKind, ArtifactStatus } from './artifact';
import { Extraction } from './extraction';
import { Annotation, Confidence, Note, SavedSearch, SuggestionStatus, TagStatus } from './review';
import { SourceKind } from './source';

/*
 * Case bundles: one zip that an editor, a colleague, a lawyer or a court can check byte for byte without trusting the
 * workbench. Its manifest follows `BundleManifest`; the JSON Schema generated from it is committed as
 * shared/schemas/bundle-manifest.schema.json and shipped inside every bundle, so anyone can validate it.
 */

export const BUNDLE_FORMAT = 'evidence-workbench-bundle';
export const BUNDLE_VERSION = 1;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const isoTime = z.string();
const id = z.number().int();
/** Where a file sits inside the bundle: relative, `/`-separated, no `.`/`..` segments, no backslashes. */
const BundlePath = z.string().regex(/^(?!\/)(?!.*(?:^|\/)\.{1,2}(?:\/|$))[^\\\u0000-\u001f]+$/, 'a relative path inside the bundle');

/** What an export covers. Every kind is resolved to artifact ids when the export starts, and recorded as typed. */
export const ExportSelection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('case') }),
  /** The artifact list's filters (the current view, or a query typed on the command line). */
  z.object({ kind: z.literal('filter'), filters: ArtifactFilters }),
  z.object({ kind: z.literal('saved'), name: z.string().min(1).max(200) }),
  /** Everything tagged to one production (any status, ruled-out included: the report says which). */
  z.object({ kind: z.literal('production'), productionId: z.string().min(1).max(100) }),
]);
export type ExportSelection = z.infer<typeof ExportSelection>;

export const StartExport = z.object({
  dir: z.string().min(1),
  /** Who exports (recorded in the audit trail and the manifest); the case's examiner when absent. */
  examiner: z.string().trim().min(1).max(200).optional(),
  selection: ExportSelection,
  /** The zip to write. Its folder must exist; the file is written under a temporary name there and renamed at the end. */
  target: z.string().trim().min(1).max(4096),
  /** Copy the evidence files themselves into `originals/` (re-hashed while copied). */
  originals: z.boolean().default(false),
  /** Replace an existing file at `target`; without it an existing target is refused. */
  force: z.boolean().default(false),
});
export type StartExport = z.input<typeof StartExport>;

export const ExportJobStatus = z.enum(['running', 'done', 'failed', 'cancelled']);
export type ExportJobStatus = z.infer<typeof ExportJobStatus>;

export const ExportJob = z.object({
  id: z.string(),
  caseDir: z.string(),
  target: z.string(),
  status: ExportJobStatus,
  startedAt: isoTime,
  finishedAt: isoTime.nullable(),
  artifacts: z.number().int(),
  originals: z.boolean(),
  filesDone: z.number().int(),
  filesTotal: z.number().int(),
  bytesDone: z.number(),
  bytesTotal: z.number(),
  /** Size of the finished zip. */
  bundleBytes: z.number().nullable(),
  /** SHA-256 of the bundle's SHA256SUMS: one line that fixes every file of the bundle; give it to the recipient separately. */
  fingerprint: hex64.nullable(),
  message: z.string().nullable(),
});
export type ExportJob = z.infer<typeof ExportJob>;

export const ExportPhase = z.enum(['preparing', 'text', 'originals', 'tables', 'report', 'manifest', 'finishing']);
export type ExportPhase = z.infer<typeof ExportPhase>;

/** Pushed while an export runs (throttled). */
export const ExportProgress = z.object({
  jobId: z.string(),
  caseDir: z.string(),
  phase: ExportPhase,
  filesDone: z.number().int(),
  filesTotal: z.number().int(),
  bytesDone: z.number(),
  bytesTotal: z.number(),
  currentPath: z.string().nullable(),
  elapsedSeconds: z.number(),
});
export type ExportProgress = z.infer<typeof ExportProgress>;

/** What a selection covers, before exporting it. */
export const ExportEstimate = z.object({
  artifacts: z.number().int(),
  /** Files and members whose original can be copied (readable, hashed), and their bytes. */
  originals: z.number().int(),
  originalBytes: z.number(),
  tagged: z.number().int(),
});
export type ExportEstimate = z.infer<typeof ExportEstimate>;

export const EstimateExport = z.object({ dir: z.string().min(1), selection: ExportSelection });
export type EstimateExport = z.input<typeof EstimateExport>;

export const VerifyBundle = z.object({ bundle: z.string().trim().min(1).max(4096) });
export const ImportBundle = z.object({
  bundle: z.string().trim().min(1).max(4096),
  dir: z.string().trim().min(1).max(4096),
  /** Who imports (recorded in the new case's audit trail); the bundle's case examiner when absent. */
  examiner: z.string().trim().min(1).max(200).optional(),
});
export type ImportBundle = z.input<typeof ImportBundle>;

/** One check of a verification: a file's hash, the manifest schema, the audit chain, the bundle's structure. */
export const BundleCheck = z.object({
  kind: z.enum(['structure', 'file', 'schema', 'audit', 'original', 'fingerprint']),
  /** The file or event the check is about (`manifest.json`, `originals/42-x.png`, `audit.jsonl#17`). */
  subject: z.string(),
  ok: z.boolean(),
  message: z.string(),
});
export type BundleCheck = z.infer<typeof BundleCheck>;

export const BundleVerification = z.object({
  ok: z.boolean(),
  bundle: z.string(),
  /** SHA-256 of SHA256SUMS as found in the bundle; compare it with the one the exporter gave. */
  fingerprint: hex64.nullable(),
  caseName: z.string().nullable(),
  exportedAt: isoTime.nullable(),
  exportedBy: z.string().nullable(),
  artifacts: z.number().int(),
  files: z.number().int(),
  checks: z.array(BundleCheck),
});
export type BundleVerification = z.infer<typeof BundleVerification>;

/** Where an imported case came from, kept in its case info. */
export const BundleOrigin = z.object({
  bundle: z.string(),
  fingerprint: hex64,
  exportId: z.string(),
  exportedAt: isoTime,
  exportedBy: z.string(),
  tool: z.string(),
  importedAt: isoTime,
  importedBy: z.string(),
  /** Whether the bundle carried the evidence files; either way they are not opened from this machine's disk. */
  originals: z.boolean(),
});
export type BundleOrigin = z.infer<typeof BundleOrigin>;

// ---- the manifest ----

/** A file of the bundle other than manifest.json and SHA256SUMS, with the SHA-256 of its bytes. */
export const ManifestFile = z.object({ path: BundlePath, sha256: hex64, size: z.number().int().min(0) });
export type ManifestFile = z.infer<typeof ManifestFile>;

const FileRef = z.object({ file: BundlePath, sha256: hex64 });

export const ManifestSelection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('case') }),
  z.object({ kind: z.literal('filter'), filters: ArtifactFilters }),
  z.object({ kind: z.literal('saved'), name: z.string(), query: z.record(z.string(), z.unknown()) }),
  z.object({ kind: z.literal('production'), productionId: z.string(), title: z.string() }),
]);
export type ManifestSelection = z.infer<typeof ManifestSelection>;

export const ManifestExport = z.object({
  id: z.string(),
  at: isoTime,
  by: z.string(),
  tool: z.object({ name: z.string(), version: z.string() }),
  host: z.string(),
  originals: z.boolean(),
  /** The audit trail as exported: its length and head, the export event (the trail's last) and its place. */
  audit: z.object({ file: BundlePath, events: z.number().int(), head: hex64, exportEventSeq: z.number().int() }),
});
export type ManifestExport = z.infer<typeof ManifestExport>;

export const ManifestSource = z.object({ id, path: z.string(), kind: SourceKind, addedAt: isoTime });
export type ManifestSource = z.infer<typeof ManifestSource>;

export const ManifestText = z.union([
  z.object({ length: z.number().int(), inline: z.string() }),
  z.object({ length: z.number().int(), file: BundlePath, sha256: hex64 }),
]);
export type ManifestText = z.infer<typeof ManifestText>;

export const ManifestAnalysis = z.object({
  version: z.string(),
  language: LanguageLabel.nullable(),
  languages: z.array(LanguageLabel),
  variant: z.string().nullable(),
  nkScore: z.number(),
  nkVerdict: z.string().nullable(),
  bilingual: z.boolean(),
  stage: z.string().nullable(),
  fingerprint: TranslationFingerprint.nullable(),
});
export type ManifestAnalysis = z.infer<typeof ManifestAnalysis>;

export const ManifestSuggestion = z.object({
  id,
  productionId: z.string(),
  score: z.number(),
  hits: z.array(WatchlistHit),
  status: SuggestionStatus,
  decidedBy: z.string().nullable(),
  decidedAt: isoTime.nullable(),
  tagId: id.nullable(),
  stale: z.boolean(),
});
export type ManifestSuggestion = z.infer<typeof ManifestSuggestion>;

export const ManifestTag = z.object({
  id,
  productionId: z.string(),
  productionTitle: z.string(),
  status: TagStatus,
  confidence: Confidence,
  rationale: z.string(),
  evidence: z.array(WatchlistHit).nullable(),
  suggestionId: id.nullable(),
  examiner: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type ManifestTag = z.infer<typeof ManifestTag>;

export const ManifestTranslation = z.object({
  zhId: id,
  koId: id,
  score: z.number(),
  evidence: z.record(z.string(), z.unknown()),
});
export type ManifestTranslation = z.infer<typeof ManifestTranslation>;

export const ManifestOriginal = z.union([FileRef, z.object({ omitted: z.string() })]);
export type ManifestOriginal = z.infer<typeof ManifestOriginal>;

export const ManifestArtifact = z.object({
  id,
  sourceId: id,
  /** The parent (folder or archive) when it is in this bundle too; `path` always says where the artifact was. */
  parentId: id.nullable(),
  path: z.string(),
  name: z.string(),
  /** For archive members: the top-level archive's path and the member's path inside it (nested archives kept in it). */
  archive: z.object({ path: z.string(), member: z.string() }).nullable(),
  kind: ArtifactKind,
  size: z.number().nullable(),
  times: z.object({ mtime: isoTime.nullable(), ctime: isoTime.nullable(), atime: isoTime.nullable(), birthtime: isoTime.nullable() }),
  mode: z.number().int().nullable(),
  hashes: z.object({ sha256: hex64.nullable(), sha1: z.string().nullable(), md5: z.string().nullable() }),
  mime: z.string().nullable(),
  mismatch: z.boolean(),
  status: ArtifactStatus,
  error: z.string().nullable(),
  symlinkTarget: z.string().nullable(),
  rawName: z.string().nullable(),
  nameEncoding: z.string().nullable(),
  /** Metadata groups, timestamps, encoding, pages, identity and the extractors that ran; the text is in `text`. */
  extraction: z.object({ versions: z.string(), data: Extraction.omit({ text: true }) }).nullable(),
  text: ManifestText.nullable(),
  /**
   * The analysis as the list filters use it. Its full result (every analysed text's language blocks, Chinese variant,
   * Korean markers, glossary and watchlist hits, stage reasons) is the line of analysis.jsonl with this artifact's id.
   */
  analysis: ManifestAnalysis.nullable(),
  /** Readable summary of the Korean-variety markers found (all of them are in analysis.jsonl). */
  markers: z
    .object({
      verdict: z.string(),
      score: z.number(),
      total: z.number().int(),
      words: z.array(z.object({ text: z.string(), north: z.string(), south: z.string(), field: z.string() })),
    })
    .nullable(),
  suggestions: z.array(ManifestSuggestion),
  tags: z.array(ManifestTag),
  labels: z.array(z.object({ labelId: id, examiner: z.string(), at: isoTime })),
  star: z.object({ examiner: z.string(), at: isoTime }).nullable(),
  notes: z.array(Note),
  annotations: z.array(Annotation),
  /** Translation links to other artifacts of this bundle, listed on the Chinese side. */
  translations: z.array(ManifestTranslation),
  /** The access-log requests parsed from this artifact (one JSON object a line), when there are any. */
  logRequests: FileRef.extend({ rows: z.number().int() }).nullable(),
  original: ManifestOriginal.nullable(),
});
export type ManifestArtifact = z.infer<typeof ManifestArtifact>;

export const BundleManifest = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  export: ManifestExport,
  case: z.object({ id: z.string(), name: z.string(), description: z.string(), examiner: z.string(), createdAt: isoTime }),
  selection: ManifestSelection,
  counts: z.object({
    artifacts: z.number().int(),
    tagged: z.number().int(),
    originals: z.number().int(),
    textFiles: z.number().int(),
  }),
  sources: z.array(ManifestSource),
  watchlist: z.array(Production),
  labels: z.array(z.object({ id, name: z.string(), color: z.string() })),
  caseNotes: z.array(Note),
  savedSearches: z.array(SavedSearch),
  artifacts: z.array(ManifestArtifact),
  files: z.array(ManifestFile),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

/** One line of audit.jsonl: every field the hash chain covers, so the chain re-verifies from the file alone. */
export const AuditLine = z.object({
  seq: z.number().int(),
  version: z.number().int(),
  at: isoTime,
  actor: z.string(),
  action: z.string(),
  /** The event's details exactly as hashed (a JSON text). */
  details: z.string(),
  prevHash: hex64,
  hash: hex64,
});
export type AuditLine = z.infer<typeof AuditLine>;

/** The manifest's JSON Schema, generated from `BundleManifest`; committed as shared/schemas/bundle-manifest.schema.json. */
export const manifestJsonSchema = (): Record<string, unknown> => ({
  ...z.toJSONSchema(BundleManifest, { target: 'draft-2020-12' }),
  $id: `https://evidence-workbench.invalid/schemas/bundle-manifest-${BUNDLE_VERSION}.json`,
  title: `Evidence Workbench case bundle manifest, version ${BUNDLE_VERSION}`,
});
