import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { link, open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateRaw, deflateRawSync } from 'node:zlib';
import { AppError } from '../../../shared/errors';
import { DEFLATED, STORED, ZipWriter, type ZipMethod, type ZipSink } from '../../formats/zip/zip-writer';
import { describeFsError, errnoCode } from '../../lib/fs-errors';

/**
 * Writes one bundle zip under a temporary name in the target's folder and gives it the target's name only once it is
 * complete and on disk: a crash, a kill, a full disk or a cancel never leaves a half bundle under the final name.
 * Entries go into the zip in the order they are added. Streamed entries are written as they are read (nothing holds
 * the whole bundle); whole entries (small originals) are hashed when added, deflated in the thread pool meanwhile and
 * written in turn, with at most QUEUED_BYTES of them waiting, so reading the next files overlaps compressing and
 * writing the earlier ones. Every entry's SHA-256 is taken from the very bytes handed to the zip, which is what
 * SHA256SUMS lists.
 */

/** The temporary name records the writing process, so a later export can tell an abandoned one (its process is gone). */
const partialName = (target: string, pid: number, tag: string): string => `.${path.basename(target)}.partial-${pid}-${tag}`;
const PARTIAL = /^\.(.+)\.partial-(\d+)-[0-9a-f]+$/;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoCode(e) === 'EPERM';
  }
}

/** Removes temporary files of earlier exports to the same target whose process died (SIGKILL, power loss). */
async function removeAbandoned(target: string): Promise<void> {
  const folder = path.dirname(target);
  const names = await readdir(folder).catch(() => []);
  for (const name of names) {
    const m = PARTIAL.exec(name);
    if (m && m[1] === path.basename(target) && !processAlive(Number(m[2]))) await unlink(path.join(folder, name)).catch(() => undefined);
  }
}

export interface EntryResult {
  path: string;
  sha256: string;
  size: number;
}

export interface EntryOptions {
  /**
   * Deflate the entry; off for content that is compressed already (JPEG, zip, video), where it only costs time.
   * `auto` deflates a sample of the start first and stores the entry when that gains under a tenth: deflating
   * incompressible bytes runs at about 25 MB/s here against over 1 GB/s for text, and gains nothing.
   */
  compress?: boolean | 'auto';
}

/** Bytes of an entry's start that are deflated to judge whether the whole entry is worth deflating. */
const SAMPLE_BYTES = 64 * 1024;
/** Deflate only when the sample shrinks below this share of its size. */
const WORTH_DEFLATING = 0.9;

/** Whether deflating `sample` gains a tenth or more (an empty one: yes, as nothing is lost either way). */
const deflatesWell = (sample: Buffer): boolean =>
  sample.byteLength === 0 || deflateRawSync(sample, { level: 1 }).byteLength < sample.byteLength * WORTH_DEFLATING;

/** Reads the start of a source to judge its compressibility, and gives back a source that still yields every byte. */
async function sampleStart(
  source: Iterable<Buffer | string> | AsyncIterable<Buffer | string>,
): Promise<{ compressible: boolean; source: AsyncIterable<Buffer | string> }> {
  const iterator = (Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]()) as
    AsyncIterator<Buffer | string> | Iterator<Buffer | string>;
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < SAMPLE_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value;
    head.push(chunk);
    size += chunk.byteLength;
  }
  return {
    compressible: deflatesWell(Buffer.concat(head).subarray(0, SAMPLE_BYTES)),
    source: (async function* rest(): AsyncGenerator<Buffer | string> {
      yield* head;
      if (ended) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    })(),
  };
}

/** Thrown into a running export when it is cancelled. */
export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
  }
}

const deflateRawAsync = promisify(deflateRaw);
/** Small entries are written in batches of this size: thousands of small originals make few system calls. */
const FLUSH_BYTES = 1024 * 1024;
/** Streamed text arrives in lines; it is deflated and hashed in pieces of about this size. */
const PIECE_BYTES = 256 * 1024;
/** Whole entries added but not yet written hold at most this much memory (their deflated copies aside). */
const QUEUED_BYTES = 48 * 1024 * 1024;
/**
 * Whole entries up to this size are deflated at once on the calling thread: a 4 KB note takes 28 µs that way and
 * 121 µs of mostly main-thread bookkeeping through the thread pool (measured), and most originals are small.
 */
const SYNC_DEFLATE_BYTES = 64 * 1024;
/** A whole entry larger than this is judged on a sample of its start, like a streamed one. */
const WHOLE_SAMPLE_BYTES = 16 * 1024;

/** Appends to the temporary file; a write error is reported once, in one line, with the path that failed. */
class FileOutput implements ZipSink {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private position = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly where: string,
  ) {}

  async write(chunk: Buffer): Promise<void> {
    this.pending.push(chunk);
    this.pendingBytes += chunk.byteLength;
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    const data = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    for (let done = 0; done < data.byteLength;) {
      try {
        const { bytesWritten } = await this.handle.write(data, done, data.byteLength - done, this.position);
        done += bytesWritten;
        this.position += bytesWritten;
      } catch (e) {
        throw new AppError('io', `cannot write the bundle: ${describeFsError(e, this.where)}`);
      }
    }
  }

  /** Writes what is pending and waits until the file is on disk. */
  async close(): Promise<void> {
    if (this.pendingBytes > 0) await this.flush();
    await this.handle.sync().catch((e: unknown) => {
      throw new AppError('io', `cannot write the bundle: ${describeFsError(e, this.where)}`);
    });
  }
}

/** Gathers small pieces (lines of JSON, CSV rows) into pieces of about PIECE_BYTES. */
async function* pieces(source: Iterable<Buffer | string> | AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of source) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    if (chunk.byteLength === 0) continue;
    pending.push(chunk);
    pendingBytes += chunk.byteLength;
    if (pendingBytes >= PIECE_BYTES) {
      yield pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
    }
  }
  if (pendingBytes > 0) yield pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, pendingBytes);
}

/** The body of a whole entry: deflated (in the thread pool) when that is worth it, the bytes themselves otherwise. */
async function wholeBody(bytes: Buffer, compress: boolean | 'auto'): Promise<{ body: Buffer; method: ZipMethod }> {
  if (compress === false) return { body: bytes, method: STORED };
  if (compress === 'auto' && bytes.byteLength > WHOLE_SAMPLE_BYTES && !deflatesWell(bytes.subarray(0, WHOLE_SAMPLE_BYTES)))
    return { body: bytes, method: STORED };
  const deflated =
    bytes.byteLength <= SYNC_DEFLATE_BYTES ? deflateRawSync(bytes, { level: 1 }) : await deflateRawAsync(bytes, { level: 1 });
  if (compress === 'auto' && deflated.byteLength >= bytes.byteLength * WORTH_DEFLATING) return { body: bytes, method: STORED };
  return { body: deflated, method: DEFLATED };
}

export class BundleWriter {
  private readonly output: FileOutput;
  private readonly zip: ZipWriter;
  private readonly written: EntryResult[] = [];
  private failure: Error | null = null;
  private cancelled = false;
  /** The write of the entry added last; each entry's write starts when the one before it has finished. */
  private tail: Promise<void> = Promise.resolve();
  /** Whole entries waiting to be written, oldest first, and the bytes they hold. */
  private readonly queued: { bytes: number; written: Promise<void> }[] = [];
  private queuedBytes = 0;

  private constructor(
    readonly target: string,
    private readonly partial: string,
    private readonly handle: FileHandle,
    mtime: Date,
  ) {
    this.output = new FileOutput(handle, target);
    this.zip = new ZipWriter(this.output, mtime);
  }

  /**
   * Opens the temporary file next to `target`. Raises `conflict` when the target exists and `force` is off,
   * `not_found` when its folder does not exist, `io` when the folder cannot be written.
   */
  static async create(target: string, force: boolean, mtime: Date, tag: string): Promise<BundleWriter> {
    const folder = path.dirname(target);
    const existing = await open(folder, constants.O_RDONLY | constants.O_DIRECTORY).then(
      (h) => h.close().then(() => true),
      (e: unknown) => {
        if (errnoCode(e) === 'ENOENT') throw new AppError('not_found', `the target folder does not exist: ${folder}`);
        if (errnoCode(e) === 'ENOTDIR') throw new AppError('invalid_input', `not a folder: ${folder}`);
        throw new AppError('io', describeFsError(e, folder));
      },
    );
    if (!existing) throw new AppError('not_found', `the target folder does not exist: ${folder}`);
    if (!force) {
      const taken = await open(target, constants.O_RDONLY).then(
        (h) => h.close().then(() => true),
        () => false,
      );
      if (taken) throw new AppError('conflict', `${target} exists already (export with force to replace it)`);
    }
    await removeAbandoned(target);
    const partial = path.join(folder, partialName(target, process.pid, tag));
    let handle: FileHandle;
    try {
      // O_EXCL: never write into a file someone else made under this name.
      handle = await open(partial, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
    } catch (e) {
      throw new AppError('io', `cannot write in ${folder}: ${describeFsError(e, partial).replace(`${partial}: `, '')}`);
    }
    return new BundleWriter(target, partial, handle, mtime);
  }

  get entries(): readonly EntryResult[] {
    return this.written;
  }

  cancel(): void {
    this.cancelled = true;
  }

  private check(): void {
    if (this.failure) throw this.failure;
    if (this.cancelled) throw new ExportCancelled();
  }

  /** Runs `write` once every entry added before has been written; a failure stops every later write. */
  private enqueue(write: () => Promise<unknown>): Promise<void> {
    const turn = this.tail.then(async () => {
      if (this.cancelled) throw new ExportCancelled();
      await write();
    });
    this.tail = turn.catch((e: unknown) => {
      this.failure ??= e instanceof Error ? e : new Error(String(e));
      throw this.failure;
    });
    // Whoever waits on this entry sees its error; the chain itself must not count as unobserved.
    this.tail.catch(() => undefined);
    return this.tail;
  }

  /** Adds one entry from a source read as it is written, and resolves once all its bytes went into the zip. */
  async add(
    entryPath: string,
    source: Iterable<Buffer | string> | AsyncIterable<Buffer | string>,
    options: EntryOptions = {},
  ): Promise<EntryResult> {
    this.check();
    if (Array.isArray(source)) {
      // Already in memory: written as a whole entry, which spares a deflate stream per small file.
      const bytes = Buffer.concat(source.map((piece: Buffer | string) => (typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece)));
      return this.addWhole(entryPath, bytes, { compress: options.compress });
    }
    const hash = createHash('sha256');
    const counted = { size: 0 };
    const compress = options.compress ?? true;
    const sampled = compress === 'auto' ? await sampleStart(source) : null;
    const method = (sampled ? sampled.compressible : compress) ? DEFLATED : STORED;
    const chunks = this.hashed(pieces(sampled?.source ?? source), hash, counted);
    await this.enqueue(() => this.zip.writeStream(entryPath, chunks, method));
    this.check();
    const result: EntryResult = { path: entryPath, sha256: hash.digest('hex'), size: counted.size };
    this.written.push(result);
    return result;
  }

  /**
   * Adds one entry whose bytes are all in memory and resolves as soon as it is queued (sooner than it is written),
   * unless too much is queued already. `sha256`, when the caller took it already, spares hashing the bytes again.
   */
  async addWhole(entryPath: string, bytes: Buffer, options: { compress?: boolean | 'auto'; sha256?: string } = {}): Promise<EntryResult> {
    this.check();
    const sha256 = options.sha256 ?? createHash('sha256').update(bytes).digest('hex');
    const crc = crc32(bytes);
    const body = wholeBody(bytes, options.compress ?? true);
    // Settled by the write below; a rejection is reported there, not here.
    body.catch(() => undefined);
    const written = this.enqueue(async () => this.zip.writeWhole(entryPath, { ...(await body), crc, size: bytes.byteLength }));
    const slot = { bytes: bytes.byteLength, written };
    this.queued.push(slot);
    this.queuedBytes += slot.bytes;
    const result: EntryResult = { path: entryPath, sha256, size: bytes.byteLength };
    this.written.push(result);
    while (this.queuedBytes > QUEUED_BYTES) await this.settleOldest();
    this.check();
    return result;
  }

  private async settleOldest(): Promise<void> {
    const oldest = this.queued.shift();
    if (!oldest) return;
    await oldest.written.catch(() => undefined);
    this.queuedBytes -= oldest.bytes;
  }

  /** The entry's bytes as they go into the zip, hashed and counted on the way; stops at once when cancelled. */
  private async *hashed(
    source: AsyncIterable<Buffer>,
    hash: { update(chunk: Uint8Array): unknown },
    counted: { size: number },
  ): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      if (this.cancelled) throw new ExportCancelled();
      hash.update(chunk);
      counted.size += chunk.byteLength;
      yield chunk;
    }
  }

  /**
   * Ends the zip (with `comment`), waits until every byte is on disk, then gives it the target's name: by link when
   * the target must not be replaced (atomic, and fails if one appeared meanwhile), by rename with `force`.
   */
  async commit(comment: string, force: boolean): Promise<number> {
    this.check();
    await this.enqueue(() => this.zip.finish(comment));
    await this.output.close();
    const size = this.zip.length;
    await this.handle.close();
    try {
      if (force) await rename(this.partial, this.target);
      else await this.linkInPlace();
    } catch (e) {
      await unlink(this.partial).catch(() => undefined);
      if (e instanceof AppError) throw e;
      throw new AppError('io', `cannot name the bundle ${this.target}: ${describeFsError(e, this.target)}`);
    }
    await syncFolder(path.dirname(this.target));
    return size;
  }

  private async linkInPlace(): Promise<void> {
    try {
      await link(this.partial, this.target);
    } catch (e) {
      if (errnoCode(e) === 'EEXIST') throw new AppError('conflict', `${this.target} appeared while exporting; it was left as it is`);
      // File systems without hard links (FAT, some network shares): rename, which the existence check above guards.
      if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'].includes(errnoCode(e) ?? '')) throw e;
      await rename(this.partial, this.target);
      return;
    }
    await unlink(this.partial);
  }

  /** Gives up: queued writes stop, the temporary file is removed; nothing appears under the target's name. */
  async abort(): Promise<void> {
    this.cancelled = true;
    await this.tail.catch(() => undefined);
    await this.handle.close().catch(() => undefined);
    await unlink(this.partial).catch(() => undefined);
  }
}

async function syncFolder(folder: string): Promise<void> {
  // Makes the new name itself durable; not every platform can open a folder for this, and then the OS decides.
  const handle = await open(folder, constants.O_RDONLY).catch(() => null);
  await handle?.sync().catch(() => undefined);
  await handle?.close().catch(() => undefined);
}
