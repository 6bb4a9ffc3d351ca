import { isDenseTerm } from '../lib/search-grams';
import { SEARCH_FIELD_SLOTS, SEARCH_SLOTS, type SearchDoc } from '../model/inventory';
import { prepared } from './statements';
import type { Db } from './database';

const firstRow = (artifactId: number): number => artifactId * SEARCH_SLOTS;

/**
 * Fields meet in one FTS row per artifact, joined by a line break: a query term never holds one (terms are split
 * on whitespace), so no match spans two fields, and one row per artifact is a third of the index writes.
 */
const FIELD_BREAK = '\n';

/**
 * Writes an artifact's indexed texts, in place of any it had in `search_docs` (call after `clearSearch`, which also
 * empties its FTS rows, inside the caller's transaction). A range DELETE and plain INSERTs: INSERT OR REPLACE costs
 * ten times as much inside an ingest's write transactions (see saveAnalysis).
 */
export function insertSearchDocs(db: Db, artifactId: number, docs: readonly SearchDoc[]): void {
  const from = firstRow(artifactId);
  prepared(db, 'DELETE FROM search_docs WHERE id BETWEEN ? AND ?').run(from, from + SEARCH_SLOTS - 1);
  const doc = prepared(db, 'INSERT INTO search_docs (id, artifact_id, field, content) VALUES (?, ?, ?, ?)');
  for (const d of docs) doc.run(from + SEARCH_FIELD_SLOTS[d.field], artifactId, d.field, d.content);
  insertIndexRows(db, artifactId, docs);
}

/** An artifact's one row in each FTS table, its fields joined (the texts themselves live in `search_docs`). */
function insertIndexRows(db: Db, artifactId: number, docs: readonly SearchDoc[]): void {
  if (docs.length === 0) return;
  prepared(db, 'INSERT INTO search_trigrams (rowid, content) VALUES (?, ?)').run(artifactId, docs.map((d) => d.folded).join(FIELD_BREAK));
  prepared(db, 'INSERT INTO search_grams (rowid, content) VALUES (?, ?)').run(artifactId, docs.map((d) => d.grams).join(FIELD_BREAK));
}

/** An artifact's indexed texts in field order (path, metadata, text…): a rowid range, never a scan of the table. */
export function searchDocsOf(db: Db, artifactId: number): { field: string; content: string }[] {
  const from = firstRow(artifactId);
  return prepared(db, 'SELECT field, content FROM search_docs WHERE id BETWEEN ? AND ? ORDER BY id').all(from, from + SEARCH_SLOTS - 1) as {
    field: string;
    content: string;
  }[];
}

/** Removes an artifact's indexed texts: a rowid range and two rowids, whatever the size of the case. */
export function clearSearch(db: Db, artifactId: number): void {
  const from = firstRow(artifactId);
  prepared(db, 'DELETE FROM search_docs WHERE id BETWEEN ? AND ?').run(from, from + SEARCH_SLOTS - 1);
  prepared(db, 'DELETE FROM search_trigrams WHERE rowid = ?').run(artifactId);
  prepared(db, 'DELETE FROM search_grams WHERE rowid = ?').run(artifactId);
}

/** How a text is indexed (the analysis layer's folding); passed in, as the repository does no text analysis. */
export type IndexForms = (content: string) => { folded: string; grams: string };

/** True when a migration left the FTS tables to be filled again from `search_docs`. */
export function searchIndexIsStale(db: Db): boolean {
  const state = db.prepare("SELECT value FROM case_info WHERE key = 'search_index'").get() as { value: string } | undefined;
  return state?.value === 'stale';
}

/** Rows of `search_docs` folded and indexed between two yields of `refillStaleSearch`. */
const REFILL_SLICE_ROWS = 2000;

/**
 * Fills both FTS tables again from `search_docs` when a migration left them stale (folding is not SQL), a slice of
 * rows at a time: it yields after each slice, so a caller can give the event loop back (a 145,000-artifact case
 * takes most of a minute). Runs inside the caller's transaction, part of the explicit case migration.
 */
export function* refillStaleSearch(db: Db, indexForms: IndexForms): Generator<void> {
  if (!searchIndexIsStale(db)) return;
  db.exec('DELETE FROM search_trigrams; DELETE FROM search_grams;');
  const page = db.prepare('SELECT artifact_id AS artifactId, field, content FROM search_docs WHERE id >= ? ORDER BY id LIMIT ?');
  let from = 0;
  for (;;) {
    const rows = page.all(from, REFILL_SLICE_ROWS) as { artifactId: number; field: SearchDoc['field']; content: string }[];
    const full = rows.length === REFILL_SLICE_ROWS;
    // A full slice may end inside an artifact's rows: that artifact is left whole to the next slice.
    const next = full ? Number(rows.at(-1)?.artifactId) : null;
    const byArtifact = new Map<number, SearchDoc[]>();
    for (const row of rows) {
      const artifact = Number(row.artifactId);
      if (artifact === next) break;
      const docs = byArtifact.get(artifact) ?? [];
      docs.push({ field: row.field, content: row.content, ...indexForms(row.content) });
      byArtifact.set(artifact, docs);
    }
    // The texts are already in `search_docs`: only the FTS rows are written again.
    for (const [artifact, docs] of byArtifact) insertIndexRows(db, artifact, docs);
    if (next === null) break;
    from = firstRow(next);
    yield;
  }
  db.prepare("UPDATE case_info SET value = 'current' WHERE key = 'search_index'").run();
}

/** `refillStaleSearch` in one go, for a database nobody waits on (a case being created). */
export function rebuildSearchIfStale(db: Db, indexForms: IndexForms): void {
  for (const _slice of refillStaleSearch(db, indexForms)) continue;
}

/** FTS5's trigram tokenizer cannot match terms shorter than three characters (two-syllable Korean, two-character Chinese words). */
const isShortTerm = (term: string): boolean => [...term].length < 3;
const ftsPhrase = (term: string): string => `"${term.replaceAll('"', '""')}"`;

/**
 * The FTS query for one folded term: trigrams for three characters and more; for shorter ones the single-character
 * and pair index, as a whole token in Han/Hangul/Kana and as a word prefix in other scripts. Terms are always quoted
 * phrases, so nothing the analyst types is read as FTS syntax.
 */
function termQuery(term: string): { sql: string; param: string } {
  if (!isShortTerm(term)) return { sql: 'SELECT rowid FROM search_trigrams WHERE search_trigrams MATCH ?', param: ftsPhrase(term) };
  const token = isDenseTerm(term) ? ftsPhrase(term) : `${ftsPhrase(term)} *`;
  return { sql: 'SELECT rowid FROM search_grams WHERE search_grams MATCH ?', param: token };
}

/**
 * The first `limit` ids of artifacts holding one (folded) term, in id order. FTS5 walks a term's rows in rowid order
 * and stops at the limit, where `id IN (…)` collects every match first: 0.7 ms against 50 ms for `invincible` in a
 * 145,000-artifact case.
 */
export function firstMatchingIds(db: Db, term: string, limit: number): number[] {
  const { sql, param } = termQuery(term);
  return (db.prepare(`${sql} ORDER BY rowid LIMIT ?`).all(param, limit) as { rowid: number }[]).map((r) => Number(r.rowid));
}

/** A subquery of the ids of artifacts holding every one of the (folded) terms, in any of their indexed fields. */
export function matchArtifactsSql(terms: readonly string[]): { sql: string; params: string[] } {
  const parts = terms.map(termQuery);
  return { sql: parts.map((p) => p.sql).join(' INTERSECT '), params: parts.map((p) => p.param) };
}
