import { foldForSearch, searchGrams } from '../lib/search-fold';
import { SEARCH_FIELD_SLOTS, SEARCH_SLOTS, type SearchDoc } from '../model/inventory';
import { prepared } from './statements';
import type { Db } from './database';

const firstRow = (artifactId: number): number => artifactId * SEARCH_SLOTS;

/** Writes an artifact's indexed texts (call after `clearSearch`, inside the caller's transaction). */
export function insertSearchDocs(db: Db, artifactId: number, docs: readonly SearchDoc[]): void {
  const doc = prepared(db, 'INSERT OR REPLACE INTO search_docs (id, artifact_id, field, content) VALUES (?, ?, ?, ?)');
  const trigrams = prepared(db, 'INSERT INTO search_trigrams (rowid, content) VALUES (?, ?)');
  const grams = prepared(db, 'INSERT INTO search_grams (rowid, content) VALUES (?, ?)');
  for (const d of docs) {
    const id = firstRow(artifactId) + SEARCH_FIELD_SLOTS[d.field];
    doc.run(id, artifactId, d.field, d.content);
    trigrams.run(id, d.folded);
    grams.run(id, d.grams);
  }
}

/** Removes an artifact's indexed texts: three rowid ranges, whatever the size of the case. */
export function clearSearch(db: Db, artifactId: number): void {
  const from = firstRow(artifactId);
  const to = from + SEARCH_SLOTS - 1;
  prepared(db, 'DELETE FROM search_docs WHERE id BETWEEN ? AND ?').run(from, to);
  prepared(db, 'DELETE FROM search_trigrams WHERE rowid BETWEEN ? AND ?').run(from, to);
  prepared(db, 'DELETE FROM search_grams WHERE rowid BETWEEN ? AND ?').run(from, to);
}

/**
 * Fills both FTS tables again from `search_docs` when a migration left them stale (folding happens here, not in
 * SQL). Runs once, in one transaction, when a case is opened after the upgrade.
 */
export function rebuildSearchIfStale(db: Db): void {
  const state = db.prepare("SELECT value FROM case_info WHERE key = 'search_index'").get() as { value: string } | undefined;
  if (state?.value !== 'stale') return;
  db.exec('DELETE FROM search_trigrams; DELETE FROM search_grams;');
  const trigrams = db.prepare('INSERT INTO search_trigrams (rowid, content) VALUES (?, ?)');
  const grams = db.prepare('INSERT INTO search_grams (rowid, content) VALUES (?, ?)');
  for (const row of db.prepare('SELECT id, content FROM search_docs').iterate() as Iterable<{ id: number; content: string }>) {
    const folded = foldForSearch(row.content);
    trigrams.run(row.id, folded);
    grams.run(row.id, searchGrams(folded));
  }
  db.prepare("UPDATE case_info SET value = 'current' WHERE key = 'search_index'").run();
}
