/** README.txt of every bundle: what each file is and how to check the bundle without the workbench. */
export function bundleReadme(caseName: string, exportedAt: string, exportedBy: string, tool: string): string {
  return `CASE BUNDLE: ${caseName}
Exported ${exportedAt} by ${exportedBy} with ${tool}.

WHAT IS IN THIS BUNDLE
  report.html           The case for a reader: a summary per production, a timeline, and one card per reviewed file
                        (picture, key facts, text with the production titles highlighted, tags with their reasons,
                        notes, marked regions, fingerprints). It is self-contained and loads nothing from the network.
  artifacts.csv         One row per file, for spreadsheets (UTF-8 with byte-order mark).
  manifest.json         Everything the bundle states, for programs: the case, who exported what and when, and for every
                        file its path (and archive), size, times, hashes, type, metadata, text, languages, markers,
                        suggestions, tags, labels, stars, notes and annotations; the watchlist, labels and case notes.
  manifest.schema.json  The JSON Schema manifest.json follows (draft 2020-12).
  text/<id>.txt         Extracted text too long to keep inside manifest.json.
  logs/<id>.jsonl       Requests parsed from a web-server access log, one JSON object a line.
  originals/<id>-<name> The evidence files themselves, when they were included: byte for byte as they were inventoried.
  audit.jsonl           The case's audit trail: every recorded action, up to and including this export, hash-chained.
  case.jsonld           The same facts as CASE/UCO JSON-LD (https://caseontology.org).
  SHA256SUMS            The SHA-256 of every other file of the bundle.

HOW TO CHECK IT
  1. Unpack the zip and run, in its folder:   sha256sum -c SHA256SUMS
     Every line must say OK. The SHA-256 of SHA256SUMS itself is the bundle's fingerprint; the exporter gives it
     separately (it is also in the zip's comment), and it must match:   sha256sum SHA256SUMS
  2. The evidence files in originals/ have the SHA-256, SHA-1 and MD5 that manifest.json lists for them, which are
     the fingerprints taken when the evidence was first read.
  3. The audit trail re-verifies from audit.jsonl alone. For each line, in order:
       version 2:  hash = SHA-256 of the JSON text [seq, prevHash, at, actor, action, details]
       version 1:  hash = SHA-256 of the JSON text [prevHash, at, actor, action, details]
     written as JavaScript's JSON.stringify writes it (no spaces; "details" is itself a JSON text, kept as a string).
     The first event's prevHash is 64 zeros, each next prevHash is the hash before it, and the last event is this
     export (its details name the export id of manifest.json, and the SHA-256 of its list of artifact ids).
  4. "workbench verify <bundle.zip>" runs all of these checks and names every file or event that differs.
`;
}
