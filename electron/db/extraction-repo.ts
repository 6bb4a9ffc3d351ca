import type { DocumentLink } from '../../shared/domain/artifact';
import { Extraction } from '../../shared/domain/extraction';
import type { SearchDoc } from '../model/inventory';
import { clearDerived } from './artifact-repo';
import type { Db } from './database';
import { insertSearchDocs } from './search-repo';
import { ocrSearchDoc } from './visual-repo';
import { prepared } from './statements';

/**
 * Replaces everything derived from one artifact's extraction: the stored JSON, its timeline entries, its XMP
 * document ids (for links) and its full-text rows (`docs`, built with `buildSearchDocs`). The text itself is stored
 * by `saveTextChunk`, chunk by chunk, before this. Call inside a transaction.
 */
export function saveExtraction(db: Db, artifactId: number, extraction: Extraction, versions: string, docs: readonly SearchDoc[]): void {
  // The text was stored just before, chunk by chunk (chunk 0 replaced any older one): it stays.
  clearDerived(db, artifactId, { keepText: true });
  const failures = extraction.extractors.filter((e) => e.error).map((e) => `${e.name}: ${e.error}`);
  const { text: _text, ...withoutText } = extraction;
  prepared(db, 'INSERT INTO extractions (artifact_id, versions, data, encoding, error, extracted_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    artifactId,
    versions,
    JSON.stringify(withoutText),
    extraction.encoding?.name ?? null,
    failures.length ? failures.join('; ') : null,
    new Date().toISOString(),
  );

  const insertTime = prepared(db, 'INSERT INTO timestamps (artifact_id, field, value, has_offset, utc, label) VALUES (?, ?, ?, ?, ?, ?)');
  for (const t of extraction.timestamps) insertTime.run(artifactId, t.field, t.value, t.hasOffset ? 1 : 0, t.utc ?? null, t.label ?? null);

  const id = extraction.identity;
  if (id) {
    const insertId = prepared(db, 'INSERT OR IGNORE INTO doc_ids (artifact_id, kind, value) VALUES (?, ?, ?)');
    const pairs: [string, string | undefined][] = [
      ['document', id.documentId],
      ['instance', id.instanceId],
      ['original', id.originalDocumentId],
      ['derived-document', id.derivedFrom?.documentId],
      ['derived-instance', id.derivedFrom?.instanceId],
    ];
    for (const [kind, value] of pairs) if (value) insertId.run(artifactId, kind, value);
    for (const h of id.history ?? []) if (h.instanceId) insertId.run(artifactId, 'history-instance', h.instanceId);
  }

  // OCR text is not the extractors' work and survives their re-runs: it joins the artifact's index row again here.
  const ocr = ocrSearchDoc(db, artifactId);
  insertSearchDocs(db, artifactId, ocr ? [...docs, ocr] : docs);
}

/** Characters (UTF-16 code units, never splitting a pair) per stored chunk of extracted text. */
export const TEXT_CHUNK = 256 * 1024;

/** The text in chunks of about TEXT_CHUNK, cut between characters. */
export function textChunks(text: string): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < text.length;) {
    let end = Math.min(text.length, at + TEXT_CHUNK);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    chunks.push(text.slice(at, end));
    at = end;
  }
  return chunks.length ? chunks : [''];
}

/**
 * Stores one chunk of an artifact's extracted text; chunks come in order, and chunk 0 removes whatever an earlier
 * pass left, so the later ones are plain INSERTs (OR REPLACE costs ten times as much in an ingest, see saveAnalysis).
 */
export function saveTextChunk(db: Db, artifactId: number, chunk: number, text: string): void {
  if (chunk === 0) prepared(db, 'DELETE FROM extraction_texts WHERE artifact_id = ?').run(artifactId);
  prepared(db, 'INSERT INTO extraction_texts (artifact_id, chunk, text) VALUES (?, ?, ?)').run(artifactId, chunk, text);
}

/** An artifact's whole extracted text, chunk by chunk, for streaming it out (a bundle's text file) without joining it. */
export function* storedTextChunks(db: Db, artifactId: number): Generator<string> {
  for (const row of prepared(db, 'SELECT text FROM extraction_texts WHERE artifact_id = ? ORDER BY chunk').iterate(artifactId))
    yield (row as { text: string }).text;
}

/** How much text an artifact read carries by default: enough to read, small enough that no reply is large. */
export const TEXT_WINDOW = 64 * 1024;

/**
 * One artifact's extraction with the first `textChars` characters of its text (all of it with Infinity); the
 * whole length is in `textLength`. SQLite cuts the window, so a huge text is never loaded to show its start.
 */
export function readExtraction(db: Db, artifactId: number, textChars = TEXT_WINDOW): Extraction | null {
  const row = prepared(db, 'SELECT data FROM extractions WHERE artifact_id = ?').get(artifactId) as { data: string } | undefined;
  if (!row) return null;
  const parsed = Extraction.safeParse(JSON.parse(row.data));
  if (!parsed.success) return null;
  const window = readText(db, artifactId, 0, textChars);
  return window ? { ...parsed.data, text: window.text, textLength: window.total } : parsed.data;
}

/**
 * A range of an artifact's extracted text, or null when it has none. Offsets and lengths count characters (code
 * points), as SQLite's substr does, so a window is cut without loading what precedes it.
 */
/** Artifacts whose stored text is longer than `chars` characters (code points, as `substr` counts). */
export function longTextIds(db: Db, chars: number): Set<number> {
  const rows = db.prepare('SELECT artifact_id AS id FROM extraction_texts GROUP BY artifact_id HAVING SUM(chars) > ?').all(chars) as {
    id: number;
  }[];
  return new Set(rows.map((r) => Number(r.id)));
}

/**
 * The first `chars` characters of an artifact's stored text (all of it when shorter), or null without text: one read
 * of chunk 0, which holds at least TEXT_CHUNK / 2 characters when there is more than one chunk.
 */
export function readTextStart(db: Db, artifactId: number, chars: number): string | null {
  if (chars > TEXT_CHUNK / 2) throw new RangeError('readTextStart reads within the first chunk; use readText');
  const row = prepared(db, 'SELECT substr(text, 1, ?) AS text FROM extraction_texts WHERE artifact_id = ? AND chunk = 0').get(
    chars,
    artifactId,
  ) as { text: string } | undefined;
  return row ? String(row.text) : null;
}

export function readText(db: Db, artifactId: number, offset: number, length: number): { text: string; total: number } | null {
  const chunks = prepared(db, 'SELECT chunk, chars FROM extraction_texts WHERE artifact_id = ? ORDER BY chunk').all(artifactId) as {
    chunk: number;
    chars: number;
  }[];
  if (chunks.length === 0) return null;
  const piece = prepared(db, 'SELECT substr(text, ?, ?) AS text FROM extraction_texts WHERE artifact_id = ? AND chunk = ?');
  const end = Number.isFinite(length) ? offset + length : Number.MAX_SAFE_INTEGER;
  const parts: string[] = [];
  let start = 0;
  for (const c of chunks) {
    const chars = Number(c.chars);
    if (start + chars > offset && start < end) {
      const from = Math.max(0, offset - start);
      const take = Math.min(chars, end - start) - from;
      parts.push((piece.get(from + 1, take, artifactId, c.chunk) as { text: string }).text);
    }
    start += chars;
  }
  return { text: parts.join(''), total: start };
}

const relationOf = (mine: string, theirs: string): DocumentLink['relation'] => {
  if (mine === 'derived-document' || mine === 'derived-instance') return 'derived-from';
  if (theirs === 'derived-document' || theirs === 'derived-instance') return 'source-of';
  if (mine === 'original' || theirs === 'original') return 'same-original';
  return 'same-document';
};

/** Artifacts that share XMP document/instance ids with this one, and byte-identical duplicates. */
export function documentLinks(db: Db, artifactId: number): DocumentLink[] {
  const rows = db
    .prepare(
      `SELECT other.artifact_id AS id, a.path AS path, mine.kind AS mineKind, other.kind AS otherKind, mine.value AS value
       FROM doc_ids mine JOIN doc_ids other ON other.value = mine.value AND other.artifact_id <> mine.artifact_id
       JOIN artifacts a ON a.id = other.artifact_id
       WHERE mine.artifact_id = ? ORDER BY a.path LIMIT 500`,
    )
    .all(artifactId) as { id: number; path: string; mineKind: string; otherKind: string; value: string }[];
  const links = new Map<string, DocumentLink>();
  for (const r of rows) {
    // A derived file's own ids are unrelated; only its DerivedFrom ids point at the source.
    if (r.mineKind === 'history-instance' && r.otherKind === 'history-instance') continue;
    const relation = relationOf(r.mineKind, r.otherKind);
    const key = `${r.id}:${relation}`;
    if (!links.has(key))
      links.set(key, { artifactId: Number(r.id), path: r.path, relation, via: `${r.mineKind}=${r.otherKind} ${r.value}` });
  }
  const dupes = db
    .prepare(
      `SELECT b.id AS id, b.path AS path, a.sha256 AS sha FROM artifacts a JOIN artifacts b ON b.sha256 = a.sha256 AND b.id <> a.id
       WHERE a.id = ? AND a.sha256 IS NOT NULL ORDER BY b.path LIMIT 500`,
    )
    .all(artifactId) as { id: number; path: string; sha: string }[];
  for (const d of dupes)
    links.set(`${d.id}:duplicate`, { artifactId: Number(d.id), path: d.path, relation: 'duplicate', via: `sha256 ${d.sha}` });
  return [...links.values()];
}

/**
 * Drops one source's extractions made by other extractor versions (or all of them), with their timeline, id and
 * search rows, so the next ingest pass of that source extracts them again. Returns how many were dropped.
 */
export function invalidateExtractions(db: Db, sourceId: number, currentVersions: string, all: boolean): number {
  const stale = db
    .prepare(
      `SELECT e.artifact_id AS id FROM extractions e JOIN artifacts a ON a.id = e.artifact_id
       WHERE a.source_id = ? AND (? OR e.versions <> ?)`,
    )
    .all(sourceId, all ? 1 : 0, currentVersions) as { id: number }[];
  for (const { id } of stale) clearDerived(db, id);
  return stale.length;
}
