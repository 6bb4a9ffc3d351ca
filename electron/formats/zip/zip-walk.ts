import { fstatSync, read, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import { crc32, inflateRawSync } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { formatBytes } from '../../../shared/format/bytes';
import { detectContentType, SNIFF_BYTES, ZIP_MIME } from '../file-kind';
import { isoFromNs } from '../../lib/file-times';
import { MultiHash, type Digests } from '../../lib/hashing';
import { decodeZipEntryName } from './zip-names';
import type { MemberRecord, ZipLimits } from '../../model/inventory';

/**
 * Reads zip archives without extracting anything to disk: members are streamed, inflated in memory, hashed and
 * typed; small ones are kept in memory only to open nested archives or to extract metadata.
 */

/** Entry sizes are checked by readMember itself, while streaming, so a lying size is named as such. */
const ZIP_OPTIONS = { lazyEntries: true, decodeStrings: false, autoClose: false, validateEntrySizes: false } as const;

/**
 * Reads an archive through a descriptor the caller opened (read-only, see openEvidence) and closes. yauzl's own
 * fd reader closes the descriptor when the archive is closed; this one never does, so ownership stays simple.
 */
class FdReader extends yauzl.RandomAccessReader {
  constructor(private readonly fd: number) {
    super();
  }

  /** Not fs.createReadStream: destroying that closes the descriptor even with autoClose off. */
  override _readStreamForRange(start: number, end: number): Readable {
    const fd = this.fd;
    let position = start;
    return new Readable({
      highWaterMark: 256 * 1024,
      read(size) {
        const length = Math.min(size, end - position);
        if (length <= 0) {
          this.push(null);
          return;
        }
        const chunk = Buffer.allocUnsafe(length);
        read(fd, chunk, 0, length, position, (err, n) => {
          if (err) return void this.destroy(err);
          if (n === 0) return void this.destroy(new Error('unexpected end of file'));
          position += n;
          this.push(n === length ? chunk : chunk.subarray(0, n));
        });
      },
    });
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    const step = (done: number): void => {
      if (done === length) return callback(null);
      read(this.fd, buffer, offset + done, length - done, position + done, (err, n) => {
        if (err) return callback(err);
        if (n === 0) return callback(new Error('unexpected end of file'));
        step(done + n);
      });
    };
    step(0);
  }
}

/** An open archive, and its bytes when it is held in memory (members are then inflated directly from them). */
export interface Archive {
  zip: ZipFile;
  bytes: Buffer | null;
}

export const openZipBuffer = async (bytes: Buffer): Promise<Archive> => ({ zip: await yauzl.fromBufferPromise(bytes, ZIP_OPTIONS), bytes });

/**
 * Opens an archive on an already-open evidence descriptor: read into memory in one pass when it is small enough
 * (`maxBufferBytes`), streamed from the descriptor otherwise.
 */
export async function openZipFd(fd: number, maxBufferBytes: number): Promise<Archive> {
  const size = fstatSync(fd).size;
  if (size > maxBufferBytes) return { zip: await yauzl.fromRandomAccessReaderPromise(new FdReader(fd), size, ZIP_OPTIONS), bytes: null };
  const bytes = Buffer.allocUnsafe(size);
  let done = 0;
  while (done < size) {
    const n = readSync(fd, bytes, done, size - done, done);
    if (n === 0) break;
    done += n;
  }
  return openZipBuffer(done === size ? bytes : bytes.subarray(0, done));
}

/** Inflated bytes so far for one top-level archive and everything nested in it. */
export interface Budget {
  inflated: number;
  readonly limits: ZipLimits;
}

export const newBudget = (limits: ZipLimits): Budget => ({ inflated: 0, limits });

/** A member that must not or cannot be read: inflating past its declared size (a bomb), or short of it (corrupt). */
export class MemberError extends Error {
  constructor(
    message: string,
    readonly isBomb = false,
  ) {
    super(message);
  }
}
const inflatesBeyond = (declared: number): MemberError =>
  new MemberError(`refused: inflates beyond its declared ${formatBytes(declared)} (corrupt or zip bomb)`, true);
const inflatesShort = (bytes: number, declared: number): MemberError =>
  new MemberError(`truncated: inflates to ${bytes} bytes of the ${declared} declared (corrupt)`);
/** The archive's total-size limit was crossed: stop reading the archive. */
export class BudgetExceeded extends Error {}

interface EntryTimes {
  mtime: string | null;
  atime: string | null;
  birthtime: string | null;
}

const unixSeconds = (s: number): string | null => isoFromNs(BigInt(s) * 1_000_000_000n);
const FILETIME_EPOCH_OFFSET = 116_444_736_000_000_000n; // 100 ns ticks from 1601-01-01 to 1970-01-01
const fileTime = (ticks: bigint): string | null => (ticks === 0n ? null : isoFromNs((ticks - FILETIME_EPOCH_OFFSET) * 100n));

/**
 * DOS date and time as stored in every zip: local wall-clock time of the zipping machine with no zone, so it is
 * written without `Z` (never silently re-zoned).
 */
function dosTime(date: number, time: number): string | null {
  const month = (date >> 5) & 0xf;
  const day = date & 0x1f;
  if (month < 1 || month > 12 || day < 1) return null;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${1980 + (date >> 9)}-${pad(month)}-${pad(day)}T${pad(time >> 11)}:${pad((time >> 5) & 0x3f)}:${pad((time & 0x1f) * 2)}`;
}

/** UTC times from the NTFS (0x000a) or Info-ZIP extended timestamp (0x5455) extra fields, else the DOS time. */
function entryTimes(entry: Entry): EntryTimes {
  const times: EntryTimes = { mtime: null, atime: null, birthtime: null };
  for (const field of entry.extraFields) {
    const d = field.data;
    if (field.id === 0x000a && d.byteLength >= 32 && d.readUInt16LE(4) === 1 && d.readUInt16LE(6) >= 24) {
      return { mtime: fileTime(d.readBigUInt64LE(8)), atime: fileTime(d.readBigUInt64LE(16)), birthtime: fileTime(d.readBigUInt64LE(24)) };
    }
    if (field.id === 0x5455 && d.byteLength >= 5) {
      const flags = d[0] ?? 0;
      let at = 1;
      const next = (bit: number): string | null => {
        if (!(flags & bit) || d.byteLength < at + 4) return null;
        const value = unixSeconds(d.readInt32LE(at));
        at += 4;
        return value;
      };
      times.mtime = next(1);
      times.atime = next(2);
      times.birthtime = next(4);
    }
  }
  times.mtime ??= dosTime(entry.lastModFileDate, entry.lastModFileTime);
  return times;
}

/** Unix permission bits, when the archive was made on Unix (version made by, high byte 3). */
const entryMode = (entry: Entry): number | null => (entry.versionMadeBy >> 8 === 3 ? entry.externalFileAttributes >>> 16 || null : null);

export interface EntryInfo {
  entry: Entry;
  /** Virtual path, unique within the archive: `outer.zip!/dir/file.png`. */
  path: string;
  name: string;
  isDirectory: boolean;
  rawName: string | null;
  nameEncoding: string | null;
}

/**
 * Every entry of an archive with its virtual path, in central-directory order. Names are decoded from their raw
 * bytes; the raw bytes and encoding are kept when the name was not stored as plain UTF-8. Two entries with the same
 * name (a sign of tampering) both appear: the later one gets ` [entry N]` appended. The same archive always yields
 * the same paths, which is how extraction finds members again.
 */
export async function* zipEntries(zip: ZipFile, archivePath: string): AsyncGenerator<EntryInfo> {
  const used = new Set<string>();
  let index = 0;
  for await (const entry of zip.eachEntry()) {
    index++;
    const decoded = decodeZipEntryName(entry.fileNameRaw, entry.generalPurposeBitFlag, entry.extraFields);
    const isDirectory = decoded.name.endsWith('/');
    const inner = isDirectory ? decoded.name.slice(0, -1) : decoded.name;
    let path = `${archivePath}!/${inner}`;
    if (used.has(path)) path = `${path} [entry ${index}]`;
    used.add(path);
    const plain = Buffer.from(decoded.name, 'utf8').toString('hex') === decoded.rawHex;
    yield {
      entry,
      path,
      name: inner.slice(inner.lastIndexOf('/') + 1) || inner,
      isDirectory,
      rawName: plain ? null : decoded.rawHex,
      nameEncoding: plain ? null : decoded.encoding,
    };
  }
}

/** Why a member's content cannot be read (encryption, compression method), from the central directory alone. */
export function unreadable(entry: Entry): string | null {
  if (entry.isEncrypted()) return 'encrypted member: content not read';
  if (!entry.canDecodeFileData()) return `compression method ${entry.compressionMethod} is not supported: content not read`;
  return null;
}

/** Why a member is refused as a zip bomb by its declared compression ratio alone. */
export function bombRatio(entry: Entry, limits: ZipLimits): string | null {
  const declared = entry.uncompressedSize;
  if (declared > limits.ratioMinBytes && declared > Math.max(1, entry.compressedSize) * limits.maxRatio) {
    const ratio = Math.round(declared / Math.max(1, entry.compressedSize));
    return `refused: declares ${formatBytes(declared)} at a compression ratio of ${ratio}:1 (limit ${limits.maxRatio}:1, zip bomb)`;
  }
  return null;
}

/** Why a member's content must not be read, judged from the central directory alone. */
const refusal = (entry: Entry, limits: ZipLimits): string | null => unreadable(entry) ?? bombRatio(entry, limits);

export interface MemberContent {
  digests: Digests;
  bytes: number;
  head: Uint8Array;
  /** The whole content, when kept. */
  buffer: Buffer | null;
  crcError: string | null;
}

/** Where a member's data starts: after its local header, whose name and extra field lengths may differ from the directory's. */
function dataStart(bytes: Buffer, entry: Entry): number {
  const at = entry.relativeOffsetOfLocalHeader;
  if (at + 30 > bytes.byteLength || bytes.readUInt32LE(at) !== 0x04034b50)
    throw new MemberError('local header missing or damaged (corrupt)');
  return at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
}

const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
export const crcMismatch = (entry: Entry, crc: number): string | null =>
  crc >>> 0 === entry.crc32 >>> 0 ? null : `CRC-32 mismatch (stored ${hex8(entry.crc32)}, content ${hex8(crc)}): corrupt or altered`;

function contentOf(data: Buffer, entry: Entry, keep: boolean): MemberContent {
  const hash = new MultiHash();
  hash.update(data);
  return {
    digests: hash.digest(),
    bytes: data.byteLength,
    head: data.subarray(0, SNIFF_BYTES),
    buffer: keep ? data : null,
    crcError: crcMismatch(entry, crc32(data)),
  };
}

/**
 * The content of a member of an archive held in memory, inflated in one call. The output is capped one byte above
 * the declared size, so a member that inflates further is stopped there (never materialised) and named for what it is.
 */
export function inflateMemberInMemory(bytes: Buffer, entry: Entry, budget: Budget): Buffer {
  return inflateCompressed(compressedData(bytes, entry), entry, budget);
}

function compressedData(bytes: Buffer, entry: Entry): Buffer {
  const start = dataStart(bytes, entry);
  const compressed = bytes.subarray(start, start + entry.compressedSize);
  if (compressed.byteLength < entry.compressedSize) throw new MemberError('truncated: its data runs past the end of the archive (corrupt)');
  return compressed;
}

function inflateCompressed(compressed: Buffer, entry: Entry, budget: Budget): Buffer {
  const declared = entry.uncompressedSize;
  if (budget.inflated + declared > budget.limits.maxTotalBytes) throw new BudgetExceeded();
  let data: Buffer;
  if (entry.compressionMethod === 0) data = compressed;
  else {
    try {
      data = inflateRawSync(compressed, { maxOutputLength: declared + 1 });
    } catch (e) {
      if (e instanceof RangeError) throw inflatesBeyond(declared);
      throw e;
    }
  }
  budget.inflated += data.byteLength;
  if (data.byteLength > declared) throw inflatesBeyond(declared);
  if (data.byteLength < declared) throw inflatesShort(data.byteLength, declared);
  return data;
}

/**
 * A member's content as it inflates, counting the bytes actually inflated: more than the entry declares, or more
 * than the archive's budget, stops the stream at once; fewer than declared is reported as truncated at the end.
 */
export async function* inflatedChunks(zip: ZipFile, entry: Entry, budget: Budget): AsyncGenerator<Buffer> {
  const stream = await zip.openReadStreamPromise(entry);
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.byteLength;
      budget.inflated += chunk.byteLength;
      if (bytes > entry.uncompressedSize) throw inflatesBeyond(entry.uncompressedSize);
      if (budget.inflated > budget.limits.maxTotalBytes) throw new BudgetExceeded();
      yield chunk;
    }
  } finally {
    stream.destroy();
  }
  if (bytes < entry.uncompressedSize) throw inflatesShort(bytes, entry.uncompressedSize);
}

/**
 * Streams one member through the hashes under the limits of `inflatedChunks`. `keep` decides from the first bytes
 * whether to hold the whole content in memory (never above maxBufferBytes).
 */
async function streamMember(zip: ZipFile, entry: Entry, budget: Budget, keep: (head: Uint8Array) => boolean): Promise<MemberContent> {
  const hash = new MultiHash();
  const chunks: Buffer[] = [];
  let keeping = entry.uncompressedSize <= budget.limits.maxBufferBytes;
  let decided = false;
  let head = Buffer.alloc(0);
  let crc = 0;
  for await (const chunk of inflatedChunks(zip, entry, budget)) {
    if (head.byteLength < SNIFF_BYTES) head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.byteLength)]);
    hash.update(chunk);
    crc = crc32(chunk, crc);
    if (keeping && !decided && head.byteLength >= Math.min(4, entry.uncompressedSize)) {
      decided = true;
      keeping = keep(head);
    }
    if (keeping) chunks.push(chunk);
  }
  return {
    digests: hash.digest(),
    bytes: hash.bytes,
    head,
    buffer: keeping ? Buffer.concat(chunks) : null,
    crcError: crcMismatch(entry, crc),
  };
}

/** A member's whole content, inflated under the limits of `inflatedChunks` (in one call when the archive is in memory). */
async function memberBytes(archive: Archive, entry: Entry, budget: Budget): Promise<Buffer> {
  if (archive.bytes) return inflateMemberInMemory(archive.bytes, entry, budget);
  const chunks: Buffer[] = [];
  for await (const chunk of inflatedChunks(archive.zip, entry, budget)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const startsLikeZip = (head: Uint8Array): boolean => head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
/** `PK`: a local header, an empty archive's end record or a spanned archive's marker. */
const looksLikeArchive = (head: Uint8Array): boolean => head[0] === 0x50 && head[1] === 0x4b;

/**
 * Members of one archive held in memory whose compressed bytes repeat an earlier member's, read once. Equal deflate
 * (or stored) bytes inflate to equal content, so the digests are reused: the entries bomb (twenty thousand copies of
 * one deflated MiB of zeros) cost 37 s of inflating and hashing 4 GiB before its budget ran out, and now costs two
 * inflations. A repeat still draws its size from the archive's budget, so the limits stop a bomb at the same member
 * with the same message. Candidates are matched by what the central directory declares, then by the compressed bytes
 * themselves; only a key seen twice keeps a copy of the content's head, so an archive of distinct members costs
 * one map entry each.
 */
export class RepeatedMembers {
  private readonly byDeclared = new Map<string, { compressed: Buffer; content: MemberContent | null }>();
  private reusedCount = 0;

  /** How many members were answered from an earlier one instead of being inflated. */
  get reused(): number {
    return this.reusedCount;
  }

  read(bytes: Buffer, entry: Entry, budget: Budget): MemberContent {
    const compressed = compressedData(bytes, entry);
    const key = `${entry.compressionMethod}/${entry.compressedSize}/${entry.uncompressedSize}/${entry.crc32}`;
    const seen = this.byDeclared.get(key);
    const same = seen !== undefined && seen.compressed.equals(compressed);
    if (same && seen.content) {
      if (budget.inflated + seen.content.bytes > budget.limits.maxTotalBytes) throw new BudgetExceeded();
      budget.inflated += seen.content.bytes;
      this.reusedCount++;
      return seen.content;
    }
    const content = contentOf(inflateCompressed(compressed, entry, budget), entry, true);
    if (!seen) this.byDeclared.set(key, { compressed, content: null });
    // An archive is kept whole for its own members to be listed, so only other content is answered by digests alone.
    else if (same && !looksLikeArchive(content.head)) seen.content = { ...content, head: Buffer.from(content.head), buffer: null };
    return content;
  }
}

/**
 * In memory when the archive is, and the member small enough; streamed otherwise. `repeats` answers members that
 * repeat an earlier one where the caller needs digests and type only.
 */
function readMember(
  archive: Archive,
  entry: Entry,
  budget: Budget,
  keep: (head: Uint8Array) => boolean,
  repeats?: RepeatedMembers,
): Promise<MemberContent> {
  const bytes = archive.bytes;
  if (bytes && entry.uncompressedSize <= budget.limits.maxBufferBytes)
    return Promise.resolve().then(() =>
      repeats ? repeats.read(bytes, entry, budget) : contentOf(inflateMemberInMemory(bytes, entry, budget), entry, true),
    );
  return streamMember(archive.zip, entry, budget, keep);
}

export interface InventoryOptions {
  archivePath: string;
  /** Nesting depth of this archive's members: 1 for the members of a top-level archive. */
  depth: number;
  budget: Budget;
  emit: (member: MemberRecord) => void;
}

/**
 * Lists, hashes and types every member of an open archive, recursing into nested zips held in memory. Returns the
 * error to record on the archive itself (a zip-bomb limit, a refused or unreadable member), or null.
 */
export async function inventoryZip(archive: Archive, options: InventoryOptions): Promise<string | null> {
  const { zip } = archive;
  const { archivePath, depth, budget, emit } = options;
  const { limits } = budget;
  if (zip.entryCount > limits.maxEntries) {
    return `refused: ${zip.entryCount} entries exceed the limit of ${limits.maxEntries} (zip bomb); members not listed`;
  }
  const problems: string[] = [];
  const repeats = new RepeatedMembers();
  let stopped: string | null = null;
  for await (const info of zipEntries(zip, archivePath)) {
    const { entry } = info;
    const base: MemberRecord = {
      path: info.path,
      parentPath: archivePath,
      name: info.name,
      kind: info.isDirectory ? 'directory' : 'member',
      depth,
      size: info.isDirectory ? null : entry.uncompressedSize,
      ...entryTimes(entry),
      mode: entryMode(entry),
      sha256: null,
      sha1: null,
      md5: null,
      mime: null,
      mismatch: false,
      status: 'ok',
      error: null,
      rawName: info.rawName,
      nameEncoding: info.nameEncoding,
    };
    if (info.isDirectory) {
      emit(base);
      continue;
    }
    if (stopped) {
      emit({ ...base, status: 'error', error: `not read: ${stopped}` });
      continue;
    }
    const refused = refusal(entry, limits);
    if (refused) {
      problems.push(`${info.path}: ${refused}`);
      emit({ ...base, status: 'error', error: refused });
      continue;
    }
    let content: MemberContent;
    try {
      // Only something that starts like a zip, and only below the depth limit, is worth keeping in memory.
      content = await readMember(archive, entry, budget, (head) => startsLikeZip(head) && depth < limits.maxDepth, repeats);
    } catch (e) {
      if (e instanceof BudgetExceeded) {
        stopped = `the archive's uncompressed-size limit (${formatBytes(limits.maxTotalBytes)}) was reached`;
        emit({ ...base, status: 'error', error: `not read: ${stopped}` });
        continue;
      }
      const message = e instanceof Error ? e.message : String(e);
      if (e instanceof MemberError) problems.push(`${info.path}: ${message}`);
      emit({ ...base, status: 'error', error: e instanceof MemberError ? message : `unreadable member: ${message}` });
      continue;
    }
    const type = await detectContentType(content.head, content.bytes, info.name);
    const record: MemberRecord = { ...base, size: content.bytes, ...content.digests, mime: type.mime, mismatch: type.mismatch };
    if (content.crcError) {
      emit({ ...record, status: 'error', error: content.crcError });
      continue;
    }
    if (type.mime !== ZIP_MIME) {
      emit(record);
      continue;
    }
    if (depth >= limits.maxDepth) {
      problems.push(`${info.path}: nesting depth limit reached`);
      emit({ ...record, status: 'error', error: `nested archive not opened: nesting depth limit (${limits.maxDepth}) reached (zip bomb)` });
      continue;
    }
    if (!content.buffer) {
      emit({ ...record, error: `nested archive larger than ${formatBytes(limits.maxBufferBytes)}: hashed, members not listed` });
      continue;
    }
    const nestedError = await inventoryNested(content.buffer, { archivePath: info.path, depth: depth + 1, budget, emit });
    // The nested archive's own record follows its members, with the outcome of opening it.
    emit(nestedError ? { ...record, status: 'error', error: nestedError } : record);
    if (nestedError) problems.push(`${info.path}: ${nestedError}`);
    if (budget.inflated > limits.maxTotalBytes)
      stopped ??= `the archive's uncompressed-size limit (${formatBytes(limits.maxTotalBytes)}) was reached`;
  }
  if (stopped) return `stopped: ${stopped} (zip bomb); the remaining members were listed but not read`;
  if (problems.length === 0) return null;
  const more = problems.length > 3 ? `; and ${problems.length - 3} more` : '';
  return `${problems.length} member(s) refused or failed: ${problems.slice(0, 3).join('; ')}${more}`;
}

async function inventoryNested(bytes: Buffer, options: InventoryOptions): Promise<string | null> {
  let archive: Archive;
  try {
    archive = await openZipBuffer(bytes);
  } catch (e) {
    return `unreadable archive: ${e instanceof Error ? e.message : String(e)}`;
  }
  try {
    return await inventoryZip(archive, options);
  } catch (e) {
    return `archive listing failed: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    archive.zip.close();
  }
}

/** Paths of the nested archives that lead to a member: `a.zip!/b.zip!/c.txt` → `a.zip!/b.zip`. */
export function archivesOnTheWay(path: string, into: Set<string>): void {
  for (let at = path.indexOf('!/'); at !== -1;) {
    at = path.indexOf('!/', at + 2);
    if (at !== -1) into.add(path.slice(0, at));
  }
}

export interface FoundMember {
  path: string;
  /**
   * The member's whole content; null when it was not read: `skipped` says why it was left alone, `problem` why
   * reading failed. Not hashed here: the inventory hashed it, and a reader that must match that does with one digest.
   */
  bytes: Buffer | null;
  skipped: string | null;
  problem: string | null;
}

/**
 * Finds members by virtual path (in `wanted`), reading only them and the nested archives that lead to them
 * (`via`: paths of archives that hold wanted members). Each found member is handed to `onFound` in archive order.
 */
export async function findMembers(
  archive: Archive,
  archivePath: string,
  depth: number,
  budget: Budget,
  wanted: ReadonlySet<string>,
  via: ReadonlySet<string>,
  onFound: (found: FoundMember) => Promise<void>,
): Promise<void> {
  for await (const info of zipEntries(archive.zip, archivePath)) {
    const isWanted = wanted.has(info.path);
    const isVia = via.has(info.path) && depth < budget.limits.maxDepth;
    if (info.isDirectory || (!isWanted && !isVia)) continue;
    const refused = refusal(info.entry, budget.limits);
    const tooBig = info.entry.uncompressedSize > budget.limits.maxBufferBytes;
    if (refused || tooBig) {
      const skipped =
        refused ??
        `larger than ${formatBytes(budget.limits.maxBufferBytes)}: archive members are only held in memory, so it was hashed but not extracted`;
      if (isWanted) await onFound({ path: info.path, bytes: null, skipped, problem: null });
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await memberBytes(archive, info.entry, budget);
    } catch (e) {
      if (e instanceof BudgetExceeded) return;
      if (isWanted) await onFound({ path: info.path, bytes: null, skipped: null, problem: e instanceof Error ? e.message : String(e) });
      continue;
    }
    if (isWanted) await onFound({ path: info.path, bytes, skipped: null, problem: null });
    if (isVia) {
      const nested = await openZipBuffer(bytes).catch(() => null);
      if (!nested) continue;
      try {
        await findMembers(nested, info.path, depth + 1, budget, wanted, via, onFound);
      } finally {
        nested.zip.close();
      }
    }
  }
}
