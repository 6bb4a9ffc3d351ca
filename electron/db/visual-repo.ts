import type { WatchlistHit } from '../../shared/domain/analysis';
import type { HashedPixels, ImageHashes, OcrLanguage, OcrLine, OcrResult, StoredOcrPage } from '../../shared/domain/visual';
import type { SearchDoc } from '../model/inventory';
import type { Db } from './database';
import { clearSearch, insertSearchDocs, type IndexForms } from './search-repo';
import { prepared } from './statements';

/*
 * OCR results, perceptual hashes, reference images and look-alikes (migration 007). Every result carries the SHA-256
 * of the bytes it was computed from; only results for an artifact's current SHA-256 are read back, so a file that
 * changed since is read again instead of showing another content's text.
 */

/** Pictures the visual work reads: images (not SVG, a document) and PDFs. */
const VISUAL_MIME_SQL = `((a.mime LIKE 'image/%' AND a.mime <> 'image/svg+xml') OR a.mime = 'application/pdf')`;
const CURRENT = `a.kind IN ('file', 'member') AND a.status = 'ok' AND a.sha256 IS NOT NULL`;

export interface OcrPageOutcome {
  page: number;
  result?: OcrResult;
  error?: string;
}

/** Replaces an artifact's OCR pages and its OCR search field (`doc`: null when nothing was read). Call inside a transaction. */
export function saveOcr(db: Db, artifactId: number, sha256: string, pages: readonly OcrPageOutcome[], doc: SearchDoc | null): void {
  const now = new Date().toISOString();
  prepared(db, 'DELETE FROM ocr_pages WHERE artifact_id = ?').run(artifactId);
  const insert = prepared(
    db,
    `INSERT INTO ocr_pages (artifact_id, page, sha256, status, text, languages, engine, confidence, width, height, lines, error, duration_ms, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const { page, result, error } of pages) {
    insert.run(
      artifactId,
      page,
      sha256,
      result ? 'done' : 'failed',
      result?.text ?? '',
      JSON.stringify(result?.languages ?? []),
      result?.engine ?? '',
      result?.confidence ?? 0,
      result?.width ?? 0,
      result?.height ?? 0,
      JSON.stringify(result?.lines ?? []),
      result ? null : (error ?? 'no result'),
      Math.round(result?.durationMs ?? 0),
      now,
    );
  }
  if (doc)
    prepared(db, 'INSERT OR REPLACE INTO ocr_docs (artifact_id, content, folded, grams) VALUES (?, ?, ?, ?)').run(
      artifactId,
      doc.content,
      doc.folded,
      doc.grams,
    );
  else prepared(db, 'DELETE FROM ocr_docs WHERE artifact_id = ?').run(artifactId);
}

interface OcrPageRow {
  page: number;
  status: 'done' | 'failed';
  text: string;
  languages: string;
  engine: string;
  confidence: number;
  width: number;
  height: number;
  lines: string;
  error: string | null;
  durationMs: number;
  createdAt: string;
}

/** An artifact's OCR pages for its current bytes, in page order. */
export function readOcr(db: Db, artifactId: number): StoredOcrPage[] {
  const rows = prepared(
    db,
    `SELECT o.page, o.status, o.text, o.languages, o.engine, o.confidence, o.width, o.height, o.lines, o.error,
       o.duration_ms AS durationMs, o.created_at AS createdAt
     FROM ocr_pages o JOIN artifacts a ON a.id = o.artifact_id WHERE o.artifact_id = ? AND o.sha256 = a.sha256 ORDER BY o.page`,
  ).all(artifactId) as unknown as OcrPageRow[];
  return rows.map((r) => ({
    page: Number(r.page),
    status: r.status,
    text: r.text,
    languages: JSON.parse(r.languages) as OcrLanguage[],
    engine: r.engine,
    confidence: Number(r.confidence),
    width: Number(r.width),
    height: Number(r.height),
    lines: JSON.parse(r.lines) as OcrLine[],
    error: r.error,
    durationMs: Number(r.durationMs),
    createdAt: r.createdAt,
  }));
}

/** The OCR search field of an artifact, when its OCR is of its current bytes. */
export function ocrSearchDoc(db: Db, artifactId: number): SearchDoc | null {
  const row = prepared(
    db,
    `SELECT d.content, d.folded, d.grams FROM ocr_docs d JOIN artifacts a ON a.id = d.artifact_id
     WHERE d.artifact_id = ? AND EXISTS (SELECT 1 FROM ocr_pages o WHERE o.artifact_id = d.artifact_id AND o.sha256 = a.sha256)`,
  ).get(artifactId) as { content: string; folded: string; grams: string } | undefined;
  return row ? { field: 'ocr', content: row.content, folded: row.folded, grams: row.grams } : null;
}

/** The OCR text of an artifact's current bytes, for its analysis; undefined when it has none. */
export const ocrText = (db: Db, artifactId: number): string | undefined => ocrSearchDoc(db, artifactId)?.content;

/**
 * Writes an artifact's full-text row again with its OCR field (or without, when it has none): the FTS row holds all
 * fields of an artifact together, so the other fields are folded again from `search_docs` with `indexForms`.
 */
export function reindexWithOcr(db: Db, artifactId: number, indexForms: IndexForms): void {
  const others = (
    prepared(db, "SELECT field, content FROM search_docs WHERE artifact_id = ? AND field <> 'ocr' ORDER BY id").all(artifactId) as {
      field: SearchDoc['field'];
      content: string;
    }[]
  ).map((r) => ({ field: r.field, content: r.content, ...indexForms(r.content) }));
  const ocr = ocrSearchDoc(db, artifactId);
  clearSearch(db, artifactId);
  insertSearchDocs(db, artifactId, ocr ? [...others, ocr] : others);
}

export interface VisualCandidate {
  id: number;
  path: string;
  mime: string;
  sha256: string;
  size: number;
}

const candidateColumns = 'a.id AS id, a.path AS path, a.mime AS mime, a.sha256 AS sha256, a.size AS size';
const toCandidate = (r: VisualCandidate): VisualCandidate => ({ ...r, id: Number(r.id), size: Number(r.size ?? 0) });

/** Images and PDFs without a text layer (no extracted text but white space and page breaks): what "OCR all" reads. */
export function ocrCandidates(db: Db): VisualCandidate[] {
  return (
    db
      .prepare(
        `SELECT ${candidateColumns} FROM artifacts a WHERE ${CURRENT} AND ${VISUAL_MIME_SQL}
           AND (a.mime <> 'application/pdf' OR NOT EXISTS (
             SELECT 1 FROM extraction_texts t WHERE t.artifact_id = a.id AND length(trim(t.text, char(32, 9, 10, 12, 13))) > 0))
         ORDER BY a.id`,
      )
      .all() as unknown as VisualCandidate[]
  ).map(toCandidate);
}

/** The given artifacts, when they are pictures OCR can read; the others are left out. */
export function visualArtifacts(db: Db, ids: readonly number[]): VisualCandidate[] {
  const one = prepared(db, `SELECT ${candidateColumns} FROM artifacts a WHERE a.id = ? AND ${CURRENT} AND ${VISUAL_MIME_SQL}`);
  return ids.flatMap((id) => {
    const row = one.get(id) as VisualCandidate | undefined;
    return row ? [toCandidate(row)] : [];
  });
}

/** True when OCR read some page of the artifact's current bytes (a resumed job skips it; one that failed is tried again). */
export function hasCurrentOcr(db: Db, artifactId: number): boolean {
  return (
    prepared(
      db,
      "SELECT 1 FROM ocr_pages o JOIN artifacts a ON a.id = o.artifact_id WHERE o.artifact_id = ? AND o.sha256 = a.sha256 AND o.status = 'done' LIMIT 1",
    ).get(artifactId) !== undefined
  );
}

// ---- perceptual hashes ----

/** Records an artifact's hashes, or why it has none (`hashes` null). */
export function saveHashes(
  db: Db,
  artifactId: number,
  sha256: string,
  pixels: HashedPixels,
  hashes: ImageHashes | null,
  error: string | null,
): void {
  prepared(
    db,
    `INSERT OR REPLACE INTO perceptual_hashes (artifact_id, frame, pixels, sha256, d_hash, p_hash, width, height, flat, error, created_at)
     VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    artifactId,
    pixels,
    sha256,
    hashes?.dHash ?? null,
    hashes?.pHash ?? null,
    hashes?.width ?? null,
    hashes?.height ?? null,
    hashes?.flat ? 1 : 0,
    error,
    new Date().toISOString(),
  );
}

/**
 * Frames of a video, hashed from its key frames (first, middle, scene changes): replaces the video's rows, frame n
 * being its n-th key frame; with no frame, one row says why.
 */
export function saveFrameHashes(db: Db, artifactId: number, sha256: string, frames: readonly ImageHashes[], error: string | null): void {
  prepared(db, 'DELETE FROM perceptual_hashes WHERE artifact_id = ?').run(artifactId);
  if (frames.length === 0) {
    saveHashes(db, artifactId, sha256, 'video-frame', null, error ?? 'no key frame could be read');
    return;
  }
  const insert = prepared(
    db,
    `INSERT INTO perceptual_hashes (artifact_id, frame, pixels, sha256, d_hash, p_hash, width, height, flat, error, created_at)
     VALUES (?, ?, 'video-frame', ?, ?, ?, ?, ?, ?, NULL, ?)`,
  );
  const now = new Date().toISOString();
  frames.forEach((h, i) => insert.run(artifactId, i, sha256, h.dHash, h.pHash, h.width, h.height, h.flat ? 1 : 0, now));
}

/**
 * Images, PDFs and videos (files on disk: ffmpeg reads them from there) without hashes for their current bytes: what
 * a hashing pass reads.
 */
export function hashCandidates(db: Db): VisualCandidate[] {
  return (
    db
      .prepare(
        `SELECT ${candidateColumns} FROM artifacts a WHERE ${CURRENT} AND (${VISUAL_MIME_SQL} OR (a.mime LIKE 'video/%' AND a.kind = 'file'))
           AND NOT EXISTS (SELECT 1 FROM perceptual_hashes h WHERE h.artifact_id = a.id AND h.frame = 0 AND h.sha256 = a.sha256)
         ORDER BY a.id`,
      )
      .all() as unknown as VisualCandidate[]
  ).map(toCandidate);
}

export interface HashRow {
  artifactId: number;
  path: string;
  pixels: HashedPixels;
  pHash: string;
  dHash: string;
  flat: boolean;
}

/** Every hashed picture of an artifact: one for an image or PDF, one per key frame for a video. */
const HASH_SELECT = `SELECT h.artifact_id AS artifactId, a.path AS path, h.pixels AS pixels, h.p_hash AS pHash, h.d_hash AS dHash, h.flat AS flat
  FROM perceptual_hashes h JOIN artifacts a ON a.id = h.artifact_id
  WHERE h.sha256 = a.sha256 AND h.p_hash IS NOT NULL`;
const toHashRow = (r: HashRow): HashRow => ({ ...r, artifactId: Number(r.artifactId), flat: Boolean(r.flat) });

/** Every current hash of the case (several per video), flat pictures included (callers leave them out of similarity). */
export function hashRows(db: Db): HashRow[] {
  return (db.prepare(`${HASH_SELECT} ORDER BY h.artifact_id, h.frame`).all() as unknown as HashRow[]).map(toHashRow);
}

/** The picture an artifact is compared by: the image, page 1 of a PDF, or the first key frame of a video. */
export function hashOf(db: Db, artifactId: number): HashRow | null {
  const row = prepared(db, `${HASH_SELECT} AND h.artifact_id = ? ORDER BY h.frame LIMIT 1`).get(artifactId) as HashRow | undefined;
  return row ? toHashRow(row) : null;
}

/** Why an artifact has no hashes, when hashing it failed. */
export function hashError(db: Db, artifactId: number): string | null {
  const row = prepared(db, 'SELECT error FROM perceptual_hashes WHERE artifact_id = ? ORDER BY frame LIMIT 1').get(artifactId) as
    { error: string | null } | undefined;
  return row?.error ?? null;
}

// ---- reference images and look-alikes ----

export interface ReferenceRow {
  id: number;
  productionId: string;
  artifactId: number | null;
  label: string;
  sha256: string;
  pHash: string;
  dHash: string;
  thumbnail: string | null;
  addedAt: string;
  matches: number;
}

export function insertReference(db: Db, r: Omit<ReferenceRow, 'id' | 'matches'>, examiner: string): number {
  const result = prepared(
    db,
    `INSERT INTO reference_images (production_id, artifact_id, label, sha256, d_hash, p_hash, thumbnail, added_by, added_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(r.productionId, r.artifactId, r.label, r.sha256, r.dHash, r.pHash, r.thumbnail, examiner, r.addedAt);
  return Number(result.lastInsertRowid);
}

/** Live references (of productions still on the watchlist), optionally of one production. */
export function listReferences(db: Db, productionId?: string): ReferenceRow[] {
  const rows = db
    .prepare(
      `SELECT r.id, r.production_id AS productionId, r.artifact_id AS artifactId, r.label, r.sha256, r.p_hash AS pHash, r.d_hash AS dHash,
         r.thumbnail, r.added_at AS addedAt, (SELECT COUNT(*) FROM look_alikes l WHERE l.reference_id = r.id) AS matches
       FROM reference_images r JOIN productions p ON p.id = r.production_id AND p.removed_at IS NULL
       WHERE r.removed_at IS NULL AND (? IS NULL OR r.production_id = ?) ORDER BY r.id`,
    )
    .all(productionId ?? null, productionId ?? null) as unknown as ReferenceRow[];
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    artifactId: r.artifactId === null ? null : Number(r.artifactId),
    matches: Number(r.matches),
  }));
}

/** A reference image whether or not it was taken off its production: decided suggestions still point at it. */
export function findReference(db: Db, id: number): { artifactId: number | null; thumbnail: string | null } | null {
  const row = prepared(db, 'SELECT artifact_id AS artifactId, thumbnail FROM reference_images WHERE id = ?').get(id) as
    { artifactId: number | null; thumbnail: string | null } | undefined;
  if (!row) return null;
  return { artifactId: row.artifactId === null ? null : Number(row.artifactId), thumbnail: row.thumbnail };
}

export function retireReference(db: Db, id: number, now: string): boolean {
  return prepared(db, 'UPDATE reference_images SET removed_at = ? WHERE id = ? AND removed_at IS NULL').run(now, id).changes > 0;
}

/** Sets the artifacts near one reference; returns the artifacts whose look-alikes changed (theirs and the old ones). */
export function replaceLookAlikes(db: Db, referenceId: number, matches: readonly { artifactId: number; distance: number }[]): number[] {
  const before = (
    prepared(db, 'SELECT artifact_id AS id FROM look_alikes WHERE reference_id = ?').all(referenceId) as { id: number }[]
  ).map((r) => Number(r.id));
  prepared(db, 'DELETE FROM look_alikes WHERE reference_id = ?').run(referenceId);
  const insert = prepared(db, 'INSERT INTO look_alikes (artifact_id, reference_id, distance) VALUES (?, ?, ?)');
  for (const m of matches) insert.run(m.artifactId, referenceId, m.distance);
  return [...new Set([...before, ...matches.map((m) => m.artifactId)])];
}

/** Score of a pHash distance: the share of the 64 bits that agree. */
export const similarityScore = (distance: number): number => Math.round((1 - distance / 64) * 1000) / 1000;

/**
 * An artifact's look-alike hits, one per live reference it is near, as watchlist hits so that they join the text hits
 * of the same production in one suggestion (see replaceSuggestions).
 */
export function lookAlikeHits(db: Db, artifactId: number): WatchlistHit[] {
  const rows = prepared(
    db,
    `SELECT l.distance, r.id AS referenceId, r.artifact_id AS referenceArtifactId, r.label, p.id AS productionId, p.title
     FROM look_alikes l JOIN reference_images r ON r.id = l.reference_id AND r.removed_at IS NULL
     JOIN productions p ON p.id = r.production_id AND p.removed_at IS NULL
     WHERE l.artifact_id = ? ORDER BY l.distance, r.id`,
  ).all(artifactId) as {
    distance: number;
    referenceId: number;
    referenceArtifactId: number | null;
    label: string;
    productionId: string;
    title: string;
  }[];
  return rows.map((r) => {
    const distance = Number(r.distance);
    const reference = r.referenceArtifactId === null ? `"${r.label}"` : `"${r.label}" (artifact ${r.referenceArtifactId})`;
    return {
      field: 'image',
      start: 0,
      end: 0,
      text: '',
      productionId: r.productionId,
      title: r.title,
      alias: r.label,
      aliasLang: 'und',
      aliasKind: 'character',
      match: 'fuzzy',
      distance,
      score: similarityScore(distance),
      snippet: '',
      highlight: { start: 0, end: 0 },
      reason: `looks like the reference image ${reference} of ${r.title}: perceptual hashes ${distance} of 64 bits apart`,
      lookAlike: {
        referenceId: Number(r.referenceId),
        referenceArtifactId: r.referenceArtifactId === null ? null : Number(r.referenceArtifactId),
      },
    };
  });
}
