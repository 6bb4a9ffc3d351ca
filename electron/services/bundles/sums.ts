/*
 * SHA256SUMS in exactly the form GNU `sha256sum` writes and `sha256sum -c` reads: 64 lower-case hex digits, two
 * spaces (text mode), the path, a newline. Bundle paths never hold a backslash or a line break (see safeFileName and
 * the manifest's path rule), which would make sha256sum escape the line; they are refused here rather than escaped.
 */

export const SUMS_FILE = 'SHA256SUMS';

export function sumsLine(sha256: string, path: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  if (/[\\\n\r]/.test(path)) throw new Error(`a bundle path must not hold a backslash or a line break: ${JSON.stringify(path)}`);
  return `${sha256}  ${path}\n`;
}

export interface SumsEntry {
  sha256: string;
  path: string;
}

/** Parses SHA256SUMS; every line that is not `<64 hex>  <path>` (or `<64 hex> *<path>`) is a problem, named by number. */
export function parseSums(text: string): { entries: SumsEntry[]; problems: string[] } {
  const entries: SumsEntry[] = [];
  const problems: string[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  else problems.push('the last line does not end with a line break');
  lines.forEach((line, i) => {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m?.[1] || !m[2]) problems.push(`line ${i + 1} is not "<sha256>  <file>": ${JSON.stringify(line.slice(0, 120))}`);
    else entries.push({ sha256: m[1], path: m[2] });
  });
  return { entries, problems };
}

/** The zip comment: names the format and fixes SHA256SUMS, so a changed SHA256SUMS is told from a changed file. */
export const bundleComment = (fingerprint: string): string => `Evidence Workbench case bundle; SHA256SUMS sha256=${fingerprint}`;
export const commentFingerprint = (comment: string): string | null => /SHA256SUMS sha256=([0-9a-f]{64})/.exec(comment)?.[1] ?? null;
