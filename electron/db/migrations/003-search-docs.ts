/**
 * Search that stays fast as a case grows. The original FTS table kept `artifact_id` as an UNINDEXED column, so
 * replacing one artifact's rows scanned the whole index (quadratic ingest). Now every indexed text is a row of
 * `search_docs` whose id encodes the artifact (`artifact_id * 16 + slot`), and two contentless FTS5 tables index the
 * folded fields of each artifact in one row whose rowid is the artifact id: trigrams for terms of three or more
 * characters, single characters and pairs of Han/Hangul/Kana for shorter ones (which trigrams cannot match).
 * Deleting an artifact's rows is a rowid range and two rowids.
 * The FTS tables are filled again from `search_docs` by JavaScript (folding is not SQL): `search_index` = 'stale'
 * tells the opener to do so.
 */
export const sql = `
CREATE TABLE search_docs (
  id          INTEGER PRIMARY KEY,
  artifact_id INTEGER NOT NULL,
  field       TEXT NOT NULL,
  content     TEXT NOT NULL
);
INSERT OR IGNORE INTO search_docs (id, artifact_id, field, content)
  SELECT artifact_id * 16 + CASE field WHEN 'path' THEN 0 WHEN 'metadata' THEN 1 ELSE 2 END, artifact_id, field, content FROM search_index;
DROP TABLE search_index;
CREATE VIRTUAL TABLE search_trigrams USING fts5(content, tokenize = 'trigram', content = '', contentless_delete = 1);
CREATE VIRTUAL TABLE search_grams USING fts5(content, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1);
INSERT INTO case_info (key, value) VALUES ('search_index', 'stale') ON CONFLICT (key) DO UPDATE SET value = 'stale';

CREATE INDEX artifacts_path ON artifacts(path);
CREATE INDEX artifacts_mtime ON artifacts(mtime);
CREATE INDEX artifacts_size ON artifacts(size);
CREATE INDEX artifacts_mime ON artifacts(mime);
`;
