import { createHash, type Hash } from 'node:crypto';
import { constants } from 'node:fs';
import { link, open, readdir, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { ZipFile } from 'yazl';
import { AppError } from '../../../shared/errors';
import { describeFsError, errnoCode } from '../../lib/fs-errors';
import { MultiHash, type Digests } from '../../lib/hashing';

/**
 * Writes one bundle zip under a temporary name in the target's folder and gives it the target's name only once it is
 * complete and on disk: a crash, a kill, a full disk or a cancel never leaves a half bundle under the final name.
 * Entries are streamed one at a time (nothing holds the whole bundle), and every entry's SHA-256 is taken from the
 * very bytes handed to the zip, which is what SHA256SUMS lists.
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
  /** All three digests, when the entry was written with `digests: true` (originals: compared with the inventory). */
  digests: Digests | null;
}

export interface EntryOptions {
  /** Deflate the entry; off for content that is compressed already (JPEG, zip, video), where it only costs time. */
  compress?: boolean;
  digests?: boolean;
}

/** Thrown into a running export when it is cancelled. */
export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
  }
}

/** A Writable over a file handle that reports the first write error once, with the path that failed. */
function fileSink(handle: FileHandle, where: string): Writable {
  let position = 0;
  return new Writable({
    highWaterMark: 1024 * 1024,
    writev(chunks, callback) {
      const buffers = chunks.map((c) => c.chunk as Buffer);
      handle.writev(buffers, position).then(
        ({ bytesWritten }) => {
          position += bytesWritten;
          callback();
        },
        (e: unknown) => callback(new AppError('io', `cannot write the bundle: ${describeFsError(e, where)}`)),
      );
    },
    final(callback) {
      handle.sync().then(
        () => callback(),
        (e: unknown) => callback(new AppError('io', `cannot write the bundle: ${describeFsError(e, where)}`)),
      );
    },
  });
}

export class BundleWriter {
  private readonly zip = new ZipFile();
  private readonly written: EntryResult[] = [];
  private failure: Error | null = null;
  private finished: Promise<void>;
  private cancelled = false;
  /** The one entry being read now, and its waiter, so a failure elsewhere can stop it and fail that entry. */
  private current: Readable | null = null;
  private onFailure: ((e: Error) => void) | null = null;

  private constructor(
    readonly target: string,
    private readonly partial: string,
    private readonly handle: FileHandle,
    private readonly mtime: Date,
  ) {
    const sink = fileSink(handle, target);
    this.finished = new Promise((resolve, reject) => {
      const fail = (e: Error): void => {
        this.failure ??= e;
        this.current?.destroy(e);
        this.onFailure?.(this.failure);
        reject(this.failure);
      };
      this.zip.on('error', fail);
      sink.on('error', fail);
      sink.on('finish', () => resolve());
    });
    // Every failure is also reported by the entry that is waiting; this keeps the promise from being unobserved.
    this.finished.catch(() => undefined);
    this.zip.outputStream.pipe(sink);
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
    this.current?.destroy(new ExportCancelled());
  }

  private check(): void {
    if (this.failure) throw this.failure;
    if (this.cancelled) throw new ExportCancelled();
  }

  /** Adds one entry and resolves once all its bytes went into the zip, with their hash. */
  async add(
    entryPath: string,
    source: Iterable<Buffer | string> | AsyncIterable<Buffer | string>,
    options: EntryOptions = {},
  ): Promise<EntryResult> {
    this.check();
    const sha256: Hash = createHash('sha256');
    const multi = options.digests ? new MultiHash() : null;
    const counted = { size: 0 };
    const stream = Readable.from(this.hashed(source, multi ?? sha256, counted), { objectMode: false, highWaterMark: 1024 * 1024 });
    this.current = stream;
    const done = new Promise<void>((resolve, reject) => {
      stream.once('end', resolve);
      stream.once('error', reject);
      this.onFailure = reject;
    });
    // Level 1: most of a bundle is already-compressed originals or JSON that deflates well at any level; time matters more.
    const compressionLevel = (options.compress ?? true) ? 1 : 0;
    this.zip.addReadStream(stream, entryPath, { mtime: this.mtime, compressionLevel });
    try {
      await done;
    } finally {
      this.current = null;
      this.onFailure = null;
    }
    this.check();
    const digests = multi ? multi.digest() : null;
    const result: EntryResult = { path: entryPath, sha256: digests ? digests.sha256 : sha256.digest('hex'), size: counted.size, digests };
    this.written.push(result);
    return result;
  }

  /** The entry's bytes as they go into the zip, hashed and counted on the way; stops at once when cancelled. */
  private async *hashed(
    source: Iterable<Buffer | string> | AsyncIterable<Buffer | string>,
    hash: { update(chunk: Uint8Array): unknown },
    counted: { size: number },
  ): AsyncGenerator<Buffer> {
    for await (const piece of source) {
      if (this.cancelled) throw new ExportCancelled();
      const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      if (chunk.byteLength === 0) continue;
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
    this.zip.end({ comment, forceZip64Format: false });
    await this.finished;
    const { size } = await this.handle.stat();
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

  /** Gives up: the temporary file is removed; nothing appears under the target's name. */
  async abort(): Promise<void> {
    this.cancelled = true;
    this.current?.destroy(new ExportCancelled());
    this.zip.outputStream.unpipe();
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
