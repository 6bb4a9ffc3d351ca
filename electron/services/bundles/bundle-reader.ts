import { createHash } from 'node:crypto';
import { closeSync, openSync, fstatSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { Entry } from 'yauzl';
import { AppError } from '../../../shared/errors';
import { formatBytes } from '../../../shared/format/bytes';
import {
  bombRatio,
  BudgetExceeded,
  inflatedChunks,
  MemberError,
  newBudget,
  openZipFd,
  unreadable,
  type Archive,
  type Budget,
} from '../../formats/zip/zip-walk';
import { describeFsError } from '../../lib/fs-errors';
import { MultiHash, type Digests } from '../../lib/hashing';
import { ZIP_LIMITS, type ZipLimits } from '../../model/inventory';

/**
 * Reads a bundle zip for verify and import, with the project's zip-bomb defences: each entry's declared compression
 * ratio is checked before reading (ZIP_LIMITS.maxRatio), inflating past an entry's declared size stops at once, and
 * the entries and inflated bytes of the whole bundle are capped. A bundle with originals may hold a whole trove, so
 * those two caps are wider than for evidence archives; the ratio and size rules are the same.
 */
export const BUNDLE_LIMITS: ZipLimits = { ...ZIP_LIMITS, maxDepth: 1, maxEntries: 2_000_000, maxTotalBytes: 2 ** 40 };

/** Files read into memory to be parsed; each is capped (a manifest larger than this is refused, not read). */
const PARSED_MAX_BYTES = 512 * 1024 * 1024;
const PARSED = new Set(['manifest.json', 'SHA256SUMS', 'audit.jsonl', 'manifest.schema.json']);

export interface ReadEntry {
  name: string;
  size: number;
  sha256: string;
  /** SHA-256, SHA-1 and MD5, for originals (compared with the inventory's). */
  digests: Digests | null;
  /** A damaged entry (CRC-32 or size), named as such. */
  problem: string | null;
}

export interface OpenBundle {
  file: string;
  comment: string;
  entries: ReadEntry[];
  /** The parsed files' bytes (manifest.json, SHA256SUMS, audit.jsonl, manifest.schema.json), when present. */
  parsed: Map<string, Buffer>;
}

/** Entry names a bundle may hold: relative, `/`-separated, no `..`, no backslash, no control character. */
function safeName(raw: Buffer, flags: number): string {
  const name = raw.toString('utf8');
  const utf8 = (flags & 0x800) !== 0 || /^[\x20-\x7e]*$/.test(name);
  if (!utf8 || name.startsWith('/') || name.includes('\\') || /[\u0000-\u001f]/.test(name) || name.split('/').some((s) => s === '..'))
    throw new AppError(
      'invalid_input',
      `not an Evidence Workbench bundle: it holds an unsafe entry name ${JSON.stringify(name.slice(0, 80))}`,
    );
  return name;
}

async function openArchive(file: string): Promise<{ fd: number; archive: Archive }> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new AppError(describeFsError(e, '').includes('no such') ? 'not_found' : 'io', describeFsError(e, file));
  }
  try {
    if (!fstatSync(fd).isFile()) throw new AppError('invalid_input', `not a file: ${file}`);
    // 0: never read the whole bundle into memory, whatever its size.
    return { fd, archive: await openZipFd(fd, 0) };
  } catch (e) {
    closeSync(fd);
    if (e instanceof AppError) throw e;
    throw new AppError(
      'invalid_input',
      `not an Evidence Workbench bundle: ${file} is not a readable zip (${e instanceof Error ? e.message : String(e)})`,
    );
  }
}

async function readEntry(
  archive: Archive,
  entry: Entry,
  name: string,
  budget: Budget,
  keep: boolean,
): Promise<{ read: ReadEntry; bytes: Buffer | null }> {
  const refused = unreadable(entry) ?? bombRatio(entry, budget.limits);
  if (refused) throw new AppError('invalid_input', `refused: ${name}: ${refused}`);
  if (keep && entry.uncompressedSize > PARSED_MAX_BYTES)
    throw new AppError(
      'invalid_input',
      `refused: ${name} declares ${formatBytes(entry.uncompressedSize)}, more than this workbench reads (${formatBytes(PARSED_MAX_BYTES)})`,
    );
  const multi = name.startsWith('originals/') ? new MultiHash() : null;
  const sha = createHash('sha256');
  const parts: Buffer[] = [];
  let crc = 0;
  let size = 0;
  try {
    for await (const chunk of inflatedChunks(archive.zip, entry, budget)) {
      if (multi) multi.update(chunk);
      else sha.update(chunk);
      crc = crc32(chunk, crc);
      size += chunk.byteLength;
      if (keep) parts.push(chunk);
    }
  } catch (e) {
    if (e instanceof BudgetExceeded)
      throw new AppError(
        'invalid_input',
        `refused: the bundle inflates to more than ${formatBytes(budget.limits.maxTotalBytes)} (zip bomb)`,
      );
    if (e instanceof MemberError && e.isBomb) throw new AppError('invalid_input', `refused: ${name}: ${e.message}`);
    if (e instanceof MemberError) throw new AppError('invalid_input', `the bundle is damaged or truncated: ${name}: ${e.message}`);
    throw new AppError('invalid_input', `the bundle is damaged or truncated: ${name}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const digests = multi ? multi.digest() : null;
  const problem =
    crc >>> 0 === entry.crc32 >>> 0 ? null : `its CRC-32 differs from the zip directory's: the entry was damaged or altered inside the zip`;
  return {
    read: { name, size, sha256: digests ? digests.sha256 : sha.digest('hex'), digests, problem },
    bytes: keep ? Buffer.concat(parts) : null,
  };
}

/**
 * Opens a bundle and reads every entry once: hashes all, keeps the few that are parsed. Raises `invalid_input` with
 * one line for a file that is not a zip, a truncated or damaged zip, a zip bomb, or a zip that is not a bundle;
 * `not_found` when there is no such file.
 */
export async function readBundle(file: string, limits: ZipLimits = BUNDLE_LIMITS): Promise<OpenBundle> {
  const { fd, archive } = await openArchive(file);
  try {
    const { zip } = archive;
    if (zip.entryCount > limits.maxEntries)
      throw new AppError(
        'invalid_input',
        `refused: ${zip.entryCount.toLocaleString('en-US')} entries exceed the limit of ${limits.maxEntries.toLocaleString('en-US')} (zip bomb)`,
      );
    const listed: { name: string; entry: Entry }[] = [];
    const seen = new Set<string>();
    let declared = 0;
    try {
      for await (const entry of zip.eachEntry()) {
        const name = safeName(entry.fileNameRaw, entry.generalPurposeBitFlag);
        if (name.endsWith('/')) continue;
        if (seen.has(name))
          throw new AppError('invalid_input', `not an Evidence Workbench bundle: ${name} appears twice in the zip (tampered)`);
        seen.add(name);
        declared += entry.uncompressedSize;
        listed.push({ name, entry });
      }
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('invalid_input', `the bundle is damaged or truncated: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (declared > limits.maxTotalBytes)
      throw new AppError(
        'invalid_input',
        `refused: the bundle declares ${formatBytes(declared)} of content, more than ${formatBytes(limits.maxTotalBytes)} (zip bomb)`,
      );
    if (!seen.has('manifest.json')) throw new AppError('invalid_input', `not an Evidence Workbench bundle: ${file} has no manifest.json`);
    const budget = newBudget(limits);
    const entries: ReadEntry[] = [];
    const parsed = new Map<string, Buffer>();
    for (const { name, entry } of listed) {
      const { read, bytes } = await readEntry(archive, entry, name, budget, PARSED.has(name));
      entries.push(read);
      if (bytes) parsed.set(name, bytes);
    }
    // With decodeStrings off, yauzl hands the comment over as bytes (typed as a string).
    const rawComment: unknown = zip.comment;
    const comment = Buffer.isBuffer(rawComment) ? rawComment.toString('latin1') : String(rawComment ?? '');
    return { file, comment, entries, parsed };
  } finally {
    archive.zip.close();
    closeSync(fd);
  }
}

/** Reads single entries of a verified bundle again (import: text and log files). */
export async function readEntries(file: string, names: ReadonlySet<string>, onEntry: (name: string, bytes: Buffer) => void): Promise<void> {
  const { fd, archive } = await openArchive(file);
  try {
    const budget = newBudget(BUNDLE_LIMITS);
    for await (const entry of archive.zip.eachEntry()) {
      const name = safeName(entry.fileNameRaw, entry.generalPurposeBitFlag);
      if (!names.has(name)) continue;
      const { bytes } = await readEntry(archive, entry, name, budget, true);
      if (bytes) onEntry(name, bytes);
    }
  } finally {
    archive.zip.close();
    closeSync(fd);
  }
}
