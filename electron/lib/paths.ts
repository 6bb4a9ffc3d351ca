import path from 'node:path';

const SLASH = 0x2f;
const BACKSLASH = 0x5c;

function isSafeSegment(segment: Uint8Array): boolean {
  if (segment.byteLength === 0) return false;
  if (segment.byteLength <= 2 && segment.every((b) => b === 0x2e)) return false; // '.' and '..'
  return !segment.some((b) => b === 0 || b === SLASH || (path.sep === '\\' && b === BACKSLASH));
}

/**
 * The absolute path of an entry below `root`, built from the raw name bytes of each path segment (as read from the
 * directory, so names that are not valid UTF-8 still open). A segment that is empty, `.`, `..`, or that holds a
 * separator or NUL would step outside the tree and is refused: paths come back from the case database, which must
 * not be able to point ingest at anything but the evidence it listed.
 */
export function resolveInside(root: string, segments: readonly Uint8Array[]): Buffer {
  const parts: Uint8Array[] = [Buffer.from(path.resolve(root))];
  for (const segment of segments) {
    if (!isSafeSegment(segment))
      throw new Error(`unsafe path segment ${JSON.stringify(Buffer.from(segment).toString('utf8'))} below ${root}`);
    parts.push(Buffer.from(path.sep), segment);
  }
  return Buffer.concat(parts);
}

/** True when `child` is `parent` or lies below it (both absolute, already canonical). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
