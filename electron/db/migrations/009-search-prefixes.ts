/**
 * One- and two-letter searches in Latin script (`e`, `ep`) are prefix queries on the word index, and without a
 * prefix index FTS5 merges the row lists of every word that starts with them: 82 ms for `e` and 23 ms for `ep` in a
 * 145,000-artifact case, against 0.1-0.4 ms with FTS5's own one- and two-character prefix indexes (measured on that
 * case's texts; the index grows from 137 to 311 MB, about 4% of that case file). Both FTS tables are made again,
 * empty, and refilled from `search_docs` by the migration (`search_index` = 'stale').
 */
export const sql = `
DROP TABLE search_trigrams;
DROP TABLE search_grams;
CREATE VIRTUAL TABLE search_trigrams USING fts5(content, tokenize = 'trigram', content = '', contentless_delete = 1);
CREATE VIRTUAL TABLE search_grams USING fts5(
  content, tokenize = 'unicode61 remove_diacritics 0', content = '', contentless_delete = 1, prefix = '1 2'
);
INSERT INTO case_info (key, value) VALUES ('search_index', 'stale') ON CONFLICT (key) DO UPDATE SET value = 'stale';
`;
