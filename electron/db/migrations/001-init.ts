/**
 * Initial case schema. Migrations are TypeScript string modules, not .sql files, so the Electron bundle, the
 * web host, the CLI and tsx-run scripts all load them without a bundler-specific loader.
 */
export const sql = `
CREATE TABLE case_info (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE sources (
  id       INTEGER PRIMARY KEY,
  path     TEXT NOT NULL UNIQUE,
  kind     TEXT NOT NULL CHECK (kind IN ('folder', 'file', 'zip')),
  added_at TEXT NOT NULL,
  status   TEXT NOT NULL DEFAULT 'pending'
);

CREATE TABLE jobs (
  id          INTEGER PRIMARY KEY,
  source_id   INTEGER NOT NULL REFERENCES sources(id),
  kind        TEXT NOT NULL DEFAULT 'ingest',
  status      TEXT NOT NULL,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  files_total INTEGER NOT NULL DEFAULT 0,
  files_done  INTEGER NOT NULL DEFAULT 0,
  bytes_total INTEGER NOT NULL DEFAULT 0,
  bytes_done  INTEGER NOT NULL DEFAULT 0,
  error_count INTEGER NOT NULL DEFAULT 0,
  message     TEXT
);

CREATE TABLE artifacts (
  id             INTEGER PRIMARY KEY,
  source_id      INTEGER NOT NULL REFERENCES sources(id),
  parent_id      INTEGER REFERENCES artifacts(id),
  path           TEXT NOT NULL,
  name           TEXT NOT NULL,
  kind           TEXT NOT NULL,
  size           INTEGER,
  mtime          TEXT,
  ctime          TEXT,
  atime          TEXT,
  birthtime      TEXT,
  mode           INTEGER,
  sha256         TEXT,
  sha1           TEXT,
  md5            TEXT,
  mime           TEXT,
  mismatch       INTEGER NOT NULL DEFAULT 0,
  status         TEXT NOT NULL DEFAULT 'pending',
  error          TEXT,
  symlink_target TEXT,
  raw_name       TEXT,
  name_encoding  TEXT,
  depth          INTEGER NOT NULL DEFAULT 0,
  UNIQUE (source_id, path)
);
CREATE INDEX artifacts_sha256 ON artifacts(sha256);
CREATE INDEX artifacts_parent ON artifacts(parent_id);
CREATE INDEX artifacts_status ON artifacts(status);

CREATE TABLE extractions (
  artifact_id  INTEGER PRIMARY KEY REFERENCES artifacts(id),
  versions     TEXT NOT NULL,
  data         TEXT NOT NULL,
  encoding     TEXT,
  error        TEXT,
  extracted_at TEXT NOT NULL
);

CREATE TABLE timestamps (
  id          INTEGER PRIMARY KEY,
  artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
  field       TEXT NOT NULL,
  value       TEXT NOT NULL,
  has_offset  INTEGER NOT NULL,
  utc         TEXT,
  label       TEXT
);
CREATE INDEX timestamps_artifact ON timestamps(artifact_id);
CREATE INDEX timestamps_utc ON timestamps(utc);

CREATE TABLE doc_ids (
  artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
  kind        TEXT NOT NULL,
  value       TEXT NOT NULL,
  PRIMARY KEY (artifact_id, kind, value)
);
CREATE INDEX doc_ids_value ON doc_ids(value);

CREATE VIRTUAL TABLE search_index USING fts5(
  artifact_id UNINDEXED,
  field UNINDEXED,
  content,
  tokenize = 'trigram'
);

CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  details   TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
`;
