/**
 * Extracted text lives in a table of its own instead of inside the extraction's JSON: a 60 MB one-line log made
 * every read of the artifact parse and ship 52 MB. Readers now take a window of it (`substr`), and the JSON they
 * parse holds only metadata.
 */
export const sql = `
CREATE TABLE extraction_texts (
  artifact_id INTEGER PRIMARY KEY REFERENCES artifacts(id),
  text        TEXT NOT NULL
);
INSERT INTO extraction_texts (artifact_id, text)
  SELECT artifact_id, json_extract(data, '$.text') FROM extractions WHERE json_type(data, '$.text') = 'text';
UPDATE extractions SET data = json_remove(data, '$.text') WHERE json_type(data, '$.text') = 'text';
`;
