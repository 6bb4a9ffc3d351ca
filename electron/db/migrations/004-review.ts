/**
 * Attribution and review. Analysis results per artifact (languages, Chinese variant, Korean-variety score, stage) with
 * the columns the filters need; the case's production watchlist; suggestions (one per artifact and production,
 * carrying every hit as evidence, and the analyst's decision); translation links between notes; one row per request
 * of every access log; and what the analyst decides: tags, labels, stars, notes, region annotations, saved searches.
 * Review rows are never deleted: removal sets `removed_at`, so undo can restore them and the audit trail can name them.
 */
export const sql = `
CREATE TABLE productions (
  id         TEXT PRIMARY KEY,
  title      TEXT NOT NULL,
  aliases    TEXT NOT NULL DEFAULT '[]',
  networks   TEXT NOT NULL DEFAULT '[]',
  studios    TEXT NOT NULL DEFAULT '[]',
  notes      TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  removed_at TEXT
);

CREATE TABLE analyses (
  artifact_id  INTEGER PRIMARY KEY REFERENCES artifacts(id),
  version      TEXT NOT NULL,
  language     TEXT,
  languages    TEXT NOT NULL DEFAULT '',
  variant      TEXT,
  nk_score     REAL NOT NULL DEFAULT 0,
  nk_verdict   TEXT,
  bilingual    INTEGER NOT NULL DEFAULT 0,
  stage        TEXT,
  fingerprint  TEXT,
  data         TEXT NOT NULL
);
CREATE INDEX analyses_language ON analyses(language);
CREATE INDEX analyses_stage ON analyses(stage);
CREATE INDEX analyses_nk ON analyses(nk_score);

CREATE TABLE suggestions (
  id            INTEGER PRIMARY KEY,
  artifact_id   INTEGER NOT NULL REFERENCES artifacts(id),
  production_id TEXT NOT NULL,
  score         REAL NOT NULL,
  hits          TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'dismissed')),
  decided_by    TEXT,
  decided_at    TEXT,
  tag_id        INTEGER,
  stale         INTEGER NOT NULL DEFAULT 0,
  UNIQUE (artifact_id, production_id)
);
CREATE INDEX suggestions_production ON suggestions(production_id, status);

CREATE TABLE translation_links (
  a_id     INTEGER NOT NULL REFERENCES artifacts(id),
  b_id     INTEGER NOT NULL REFERENCES artifacts(id),
  score    REAL NOT NULL,
  evidence TEXT NOT NULL,
  PRIMARY KEY (a_id, b_id)
);
CREATE INDEX translation_links_b ON translation_links(b_id);

CREATE TABLE log_requests (
  id          INTEGER PRIMARY KEY,
  artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
  line        INTEGER NOT NULL,
  at          TEXT,
  ip          TEXT NOT NULL,
  method      TEXT,
  path        TEXT,
  status      INTEGER,
  bytes       INTEGER,
  referer     TEXT,
  user_agent  TEXT,
  country     TEXT,
  region      TEXT,
  city        TEXT,
  asn         INTEGER,
  network     TEXT
);
CREATE INDEX log_requests_artifact ON log_requests(artifact_id, line);
CREATE INDEX log_requests_ip ON log_requests(ip);
CREATE INDEX log_requests_at ON log_requests(at);

CREATE TABLE tags (
  id            INTEGER PRIMARY KEY,
  artifact_id   INTEGER NOT NULL REFERENCES artifacts(id),
  production_id TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('suspected', 'confirmed', 'ruled-out')),
  confidence    TEXT NOT NULL CHECK (confidence IN ('low', 'medium', 'high')),
  rationale     TEXT NOT NULL DEFAULT '',
  evidence      TEXT,
  suggestion_id INTEGER,
  examiner      TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  removed_at    TEXT
);
CREATE UNIQUE INDEX tags_live ON tags(artifact_id, production_id) WHERE removed_at IS NULL;
CREATE INDEX tags_production ON tags(production_id, status);

CREATE TABLE labels (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  color      TEXT NOT NULL,
  created_at TEXT NOT NULL,
  removed_at TEXT
);
CREATE UNIQUE INDEX labels_live ON labels(name) WHERE removed_at IS NULL;

CREATE TABLE artifact_labels (
  id          INTEGER PRIMARY KEY,
  artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
  label_id    INTEGER NOT NULL REFERENCES labels(id),
  examiner    TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  removed_at  TEXT
);
CREATE UNIQUE INDEX artifact_labels_live ON artifact_labels(artifact_id, label_id) WHERE removed_at IS NULL;
CREATE INDEX artifact_labels_label ON artifact_labels(label_id);

CREATE TABLE stars (
  id          INTEGER PRIMARY KEY,
  artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
  examiner    TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  removed_at  TEXT
);
CREATE UNIQUE INDEX stars_live ON stars(artifact_id) WHERE removed_at IS NULL;

CREATE TABLE notes (
  id          INTEGER PRIMARY KEY,
  artifact_id INTEGER REFERENCES artifacts(id),
  body        TEXT NOT NULL,
  examiner    TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  removed_at  TEXT
);
CREATE INDEX notes_artifact ON notes(artifact_id);

CREATE TABLE annotations (
  id          INTEGER PRIMARY KEY,
  artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
  page        INTEGER,
  x           REAL NOT NULL,
  y           REAL NOT NULL,
  width       REAL NOT NULL,
  height      REAL NOT NULL,
  note        TEXT NOT NULL DEFAULT '',
  tag_id      INTEGER,
  examiner    TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  removed_at  TEXT
);
CREATE INDEX annotations_artifact ON annotations(artifact_id);

CREATE TABLE saved_searches (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  query      TEXT NOT NULL,
  examiner   TEXT NOT NULL,
  created_at TEXT NOT NULL,
  removed_at TEXT
);
CREATE UNIQUE INDEX saved_searches_live ON saved_searches(name) WHERE removed_at IS NULL;

-- Events from now on hash their own sequence number too, so a moved event is told from an edited one.
ALTER TABLE audit_log ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

CREATE TABLE review_ops (
  id         INTEGER PRIMARY KEY,
  audit_seq  INTEGER NOT NULL,
  examiner   TEXT NOT NULL,
  kind       TEXT NOT NULL,
  changes    TEXT NOT NULL,
  undoes     INTEGER REFERENCES review_ops(id),
  undone_by  INTEGER REFERENCES review_ops(id)
);
`;
