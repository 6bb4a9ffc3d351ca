import type { ManifestArtifact, ManifestOriginal, ManifestText } from '../../../shared/domain/bundle';
import type { ArtifactAnalysis } from '../../../shared/domain/analysis';
import type { Extraction } from '../../../shared/domain/extraction';
import {
  analysisColumns,
  analysisResult,
  analysisRow,
  appliedLabels,
  extractionRow,
  starOf,
  suggestionRows,
  tagRows,
  translationRows,
  type ArtifactRow,
} from '../../db/bundle-repo';
import type { Db } from '../../db/database';
import { readTextStart } from '../../db/extraction-repo';
import { annotationsOf, notesOf } from '../../db/review-repo';

/** Extracted text up to this many characters (code points, as the text store counts them) stays in the manifest; longer text is a file of its own, `text/<id>.txt`. */
export const INLINE_TEXT_MAX = 2000;
/** Korean-variety marker words listed per artifact in the readable summary (all of them are in `analysis`). */
const MARKER_WORDS = 20;

export const textPath = (id: number): string => `text/${id}.txt`;
export const logPath = (id: number): string => `logs/${id}.jsonl`;
export const ANALYSIS_FILE = 'analysis.jsonl';

/**
 * The stored extraction (validated when it was written, so parsed without a second validation: exports read
 * thousands) with the start of its text: whole when it is short enough to sit in the manifest, the first
 * INLINE_TEXT_MAX + 1 characters otherwise (a longer text goes to a file of its own, streamed from the store).
 */
export function readStoredExtraction(db: Db, id: number): { versions: string; data: Extraction } | null {
  const row = extractionRow(db, id);
  if (!row) return null;
  const data = JSON.parse(row.data) as Extraction;
  const start = readTextStart(db, id, INLINE_TEXT_MAX + 1);
  return { versions: row.versions, data: start !== null ? { ...data, text: start } : data };
}

/** Members: the archive on disk and the path inside it (`a.zip!/b.zip!/c.txt` → `a.zip`, `b.zip!/c.txt`). */
export function archiveOf(path: string): ManifestArtifact['archive'] {
  const cut = path.indexOf('!/');
  return cut < 0 ? null : { path: path.slice(0, cut), member: path.slice(cut + 2) };
}

export interface RecordParts {
  inBundle: ReadonlySet<number>;
  text: ManifestText | null;
  logRequests: ManifestArtifact['logRequests'];
}

/**
 * What the tables, the CASE graph and the report need of every artifact: its inventory row, the analysis columns and
 * the review. Cheap to read (no stored JSON is parsed), so an export keeps these for all artifacts in memory.
 */
export interface ArtifactFacts {
  row: ArtifactRow;
  language: string | null;
  variant: string | null;
  nkScore: number;
  stage: string | null;
  tags: ManifestArtifact['tags'];
  labels: ManifestArtifact['labels'];
  star: ManifestArtifact['star'];
  notes: ManifestArtifact['notes'];
  annotations: ManifestArtifact['annotations'];
  suggestions: ManifestArtifact['suggestions'];
  original: ManifestOriginal | null;
}

export function artifactFacts(db: Db, a: ArtifactRow, original: ManifestOriginal | null): ArtifactFacts {
  const columns = analysisColumns(db, a.id);
  return {
    row: a,
    language: columns?.language ?? null,
    variant: columns?.variant ?? null,
    nkScore: columns?.nkScore ?? 0,
    stage: columns?.stage ?? null,
    tags: tagRows(db, a.id),
    labels: appliedLabels(db, a.id),
    star: starOf(db, a.id),
    notes: notesOf(db, a.id),
    annotations: annotationsOf(db, a.id),
    suggestions: suggestionRows(db, a.id),
    original,
  };
}

/** Whether the analyst decided or wrote anything about an artifact: those get a card of their own in the report. */
export const isReviewed = (f: ArtifactFacts): boolean =>
  f.tags.length > 0 || f.notes.length > 0 || f.annotations.length > 0 || f.star !== null || f.labels.length > 0;

/**
 * Stands in the record for the stored extraction until the record is serialised, and is then replaced by the stored
 * JSON itself: parsing and re-serialising every artifact's extraction cost a fifth of the manifest's time, and the
 * stored text is JSON.stringify output already, so the bytes are the same. A NUL cannot be part of a path or a name
 * before it in the record, so the first occurrence is this one.
 */
const STORED_EXTRACTION = '\u0000stored extraction\u0000';

/** Everything the bundle says about one artifact (its facts read already), from the export's snapshot, as JSON. */
export function artifactRecordJson(db: Db, facts: ArtifactFacts, parts: RecordParts): string {
  const a = facts.row;
  const stored = extractionRow(db, a.id);
  const inline = parts.text ? null : readTextStart(db, a.id, INLINE_TEXT_MAX);
  const analysis = analysisRow(db, a.id);
  // Only artifacts with Korean markers need their full result read, for the readable marker summary.
  const result = analysis && analysis.nkScore > 0 ? analysisResult(db, a.id) : null;
  const fields = result ? (JSON.parse(result) as ArtifactAnalysis).fields : [];
  const korean = fields.flatMap((f) => (f.korean && f.korean.verdict !== 'none' ? [{ field: f.field, result: f.korean }] : []));
  const strongest = korean.reduce<(typeof korean)[number] | null>(
    (best, k) => (!best || k.result.score > best.result.score ? k : best),
    null,
  );
  const record: Omit<ManifestArtifact, 'extraction'> & { extraction: { versions: string; data: string } | null } = {
    id: a.id,
    sourceId: a.sourceId,
    parentId: a.parentId !== null && parts.inBundle.has(a.parentId) ? a.parentId : null,
    path: a.path,
    name: a.name,
    archive: a.kind === 'member' || a.depth > 0 ? archiveOf(a.path) : null,
    kind: a.kind,
    size: a.size,
    times: { mtime: a.mtime, ctime: a.ctime, atime: a.atime, birthtime: a.birthtime },
    mode: a.mode,
    hashes: { sha256: a.sha256, sha1: a.sha1, md5: a.md5 },
    mime: a.mime,
    mismatch: a.mismatch,
    status: a.status,
    error: a.error,
    symlinkTarget: a.symlinkTarget,
    rawName: a.rawName,
    nameEncoding: a.nameEncoding,
    extraction: stored ? { versions: stored.versions, data: STORED_EXTRACTION } : null,
    text: parts.text ?? (inline !== null ? { length: inline.length, inline } : null),
    analysis,
    markers: strongest
      ? {
          verdict: analysis?.nkVerdict ?? strongest.result.verdict,
          score: strongest.result.score,
          total: korean.reduce((n, k) => n + k.result.totalMatches, 0),
          words: korean
            .flatMap((k) => k.result.matches.map((m) => ({ text: m.text, north: m.north, south: m.south, field: k.field })))
            .slice(0, MARKER_WORDS),
        }
      : null,
    suggestions: facts.suggestions,
    tags: facts.tags,
    labels: facts.labels,
    star: facts.star,
    notes: facts.notes,
    annotations: facts.annotations,
    translations: translationRows(db, a.id, parts.inBundle),
    logRequests: parts.logRequests,
    original: facts.original,
  };
  const json = JSON.stringify(record);
  return stored ? json.replace(JSON.stringify(STORED_EXTRACTION), () => stored.data) : json;
}
