import { DatabaseSync } from '@photostructure/sqlite';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { searchGrams } from '../lib/search-grams';
import type { SearchDoc, SearchField } from '../model/inventory';
import { tempDir } from '../test-support/temp';
import { applyMigrations, createDatabase, openDatabase, SCHEMA_VERSION, transaction, type Db } from './database';
import { sql as init } from './migrations/001-init';
import { sql as jobOwner } from './migrations/002-job-owner';
import { clearSearch, insertSearchDocs, rebuildSearchIfStale, type IndexForms } from './search-repo';

/** Lower case stands in for the analysis layer's folding: these tests are about rows and rowids. */
const lowerCase: IndexForms = (content) => ({ folded: content.toLowerCase(), grams: searchGrams(content.toLowerCase()) });
const searchDoc = (field: SearchField, content: string): SearchDoc => ({ field, content, ...lowerCase(content) });

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

const trigramHits = (db: Db, term: string): number[] =>
  (db.prepare('SELECT rowid AS id FROM search_trigrams WHERE search_trigrams MATCH ?').all(`"${term}"`) as { id: number }[]).map((r) =>
    Number(r.id),
  );

const gramHits = (db: Db, query: string): number[] =>
  (db.prepare('SELECT rowid AS id FROM search_grams WHERE search_grams MATCH ?').all(query) as { id: number }[]).map((r) => Number(r.id));

it('moves a version-2 case index to search_docs and rebuilds the folded FTS tables when the case is migrated', () => {
  const file = path.join(tmp.dir, 'v2.sqlite');
  const old = new DatabaseSync(file);
  old.exec(init);
  old.exec(jobOwner);
  old.exec('PRAGMA user_version = 2');
  old.exec("INSERT INTO sources (id, path, kind, added_at) VALUES (1, '/e', 'folder', '2024-01-01T00:00:00Z')");
  old.exec("INSERT INTO artifacts (id, source_id, path, name, kind) VALUES (7, 1, 'a/Sheet.txt', 'Sheet.txt', 'file')");
  old.exec("INSERT INTO search_index (artifact_id, field, content) VALUES (7, 'path', 'a/Sheet.txt'), (7, 'text', 'INVINCIBLE 原画修型')");
  old.close();

  const db = openDatabase(file, { readOnly: false });
  expect(applyMigrations(db, () => rebuildSearchIfStale(db, lowerCase))).toEqual({ from: 2, to: SCHEMA_VERSION });
  expect(db.prepare('SELECT id, field FROM search_docs ORDER BY id').all()).toEqual([
    { id: 7 * 16, field: 'path' },
    { id: 7 * 16 + 2, field: 'text' },
  ]);
  expect(trigramHits(db, 'invincible')).toEqual([7]);
  expect(trigramHits(db, 'sheet')).toEqual([7]);
  // One- and two-letter words are prefix queries, answered by the prefix indexes that migration 9 added.
  expect(gramHits(db, '"s" *')).toEqual([7]);
  expect(gramHits(db, '"in" *')).toEqual([7]);
  expect((db.prepare("SELECT sql FROM sqlite_master WHERE name = 'search_grams'").get() as { sql: string }).sql).toMatch(/prefix = '1 2'/);
  expect(db.prepare("SELECT value FROM case_info WHERE key = 'search_index'").get()).toEqual({ value: 'current' });
  db.close();
});

it("removes one artifact's rows and leaves its neighbours", () => {
  const db = createDatabase(path.join(tmp.dir, 'fresh.sqlite'));
  transaction(db, () => {
    for (const id of [1, 2, 3]) insertSearchDocs(db, id, [searchDoc('path', `notes/${id}.txt`), searchDoc('text', `원화 수정 ${id}번`)]);
    clearSearch(db, 2);
  });
  expect(trigramHits(db, 'notes/')).toEqual([1, 3]);
  expect((db.prepare('SELECT artifact_id AS a FROM search_docs ORDER BY id').all() as { a: number }[]).map((r) => r.a)).toEqual([
    1, 1, 3, 3,
  ]);
  const grams = db.prepare('SELECT rowid AS id FROM search_grams WHERE search_grams MATCH \'"원화"\'').all() as { id: number }[];
  expect(grams.map((g) => Number(g.id))).toEqual([1, 3]);
  // Fields are joined by a line break that no query term holds: no match spans the end of one and the start of the next.
  expect(trigramHits(db, '.txt원화')).toEqual([]);
  db.close();
});
