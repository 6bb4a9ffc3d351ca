/**
 * Extracted text lives in a table of its own instead of inside the extraction's JSON: a 60 MB one-line log made
 * every read of the artifact parse and ship 52 MB. It is stored in chunks of about a million characters, written in
 * separate slices during ingest (one 50 MB row made one commit hold the host's thread for half a second); readers
 * cut a window out of the chunks it spans with `substr`. `chars` counts characters (code points), as substr does.
 */
export const sql = `
CREATE TABLE extraction_texts (
  artifact_id INTEGER NOT NULL REFERENCES artifacts(id),
  chunk       INTEGER NOT NULL,
  text        TEXT NOT NULL,
  chars       INTEGER GENERATED ALWAYS AS (length(text)) STORED,
  PRIMARY KEY (artifact_id, chunk)
) WITHOUT ROWID;
INSERT INTO extraction_texts (artifact_id, chunk, text)
  SELECT artifact_id, 0, json_extract(data, '$.text') FROM extractions WHERE json_type(data, '$.text') = 'text';
UPDATE extractions SET data = json_remove(data, '$.text') WHERE json_type(data, '$.text') = 'text';
`;
