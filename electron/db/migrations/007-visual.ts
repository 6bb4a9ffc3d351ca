/**
 * Visual evidence (issue 14). OCR results live in tables of their own, not in `extractions`, so that re-running the
 * other extractors (which drops and rewrites an artifact's extraction) keeps them. Each result records the SHA-256 of
 * the bytes it read: a result for other content than the artifact's current one is not used.
 * - `ocr_pages`: one row per artifact and page (0: the image itself; n ≥ 1: page n of a PDF drawn by the workbench),
 *   with the text, the language models and engine used, and the lines with word boxes (JSON, in the pixels of the
 *   picture read: the image as displayed, or the drawn page, whose size is kept beside).
 * - `ocr_docs`: an artifact's OCR text as one search field with its two index forms, so that a re-extraction puts it
 *   back into the full-text index without folding text in the database layer.
 * - `perceptual_hashes`: dHash and pHash of an image, or of page 1 of a PDF (frame 0), or why there are none.
 * - `reference_images`: a production's known pictures (a model sheet), from the case or from outside it (then with
 *   a thumbnail, since the file is not evidence of the case); `look_alikes`: artifacts found near one.
 */
export const sql = `
CREATE TABLE ocr_pages (
  artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
  page        INTEGER NOT NULL,
  sha256      TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('done', 'failed')),
  text        TEXT NOT NULL DEFAULT '',
  languages   TEXT NOT NULL DEFAULT '[]',
  engine      TEXT NOT NULL DEFAULT '',
  confidence  REAL NOT NULL DEFAULT 0,
  width       INTEGER NOT NULL DEFAULT 0,
  height      INTEGER NOT NULL DEFAULT 0,
  lines       TEXT NOT NULL DEFAULT '[]',
  error       TEXT,
  duration_ms INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (artifact_id, page)
) WITHOUT ROWID;

CREATE TABLE ocr_docs (
  artifact_id INTEGER PRIMARY KEY REFERENCES artifacts(id),
  content     TEXT NOT NULL,
  folded      TEXT NOT NULL,
  grams       TEXT NOT NULL
);

CREATE TABLE perceptual_hashes (
  artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
  frame       INTEGER NOT NULL,
  pixels      TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  d_hash      TEXT,
  p_hash      TEXT,
  width       INTEGER,
  height      INTEGER,
  flat        INTEGER NOT NULL DEFAULT 0,
  error       TEXT,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (artifact_id, frame)
) WITHOUT ROWID;

CREATE TABLE reference_images (
  id            INTEGER PRIMARY KEY,
  production_id TEXT NOT NULL REFERENCES productions(id),
  artifact_id   INTEGER REFERENCES artifacts(id),
  label         TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  d_hash        TEXT NOT NULL,
  p_hash        TEXT NOT NULL,
  thumbnail     TEXT,
  added_by      TEXT NOT NULL,
  added_at      TEXT NOT NULL,
  removed_at    TEXT
);
CREATE INDEX reference_images_production ON reference_images(production_id);

CREATE TABLE look_alikes (
  artifact_id  INTEGER NOT NULL REFERENCES artifacts(id),
  reference_id INTEGER NOT NULL REFERENCES reference_images(id),
  distance     INTEGER NOT NULL,
  PRIMARY KEY (artifact_id, reference_id)
) WITHOUT ROWID;
CREATE INDEX look_alikes_reference ON look_alikes(reference_id);
`;
