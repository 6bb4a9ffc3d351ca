import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { formatBytes } from '../../../shared/format/bytes';
import type { ZipLimits } from '../../model/inventory';
import type { ByteSource } from '../types';
import { decodeZipEntryName } from './zip-names';
import { bombRatio, type Budget, BudgetExceeded, crcMismatch, inflatedChunks, MemberError, newBudget, unreadable } from './zip-walk';

/**
 * Reads chosen parts of a zip-based document (OOXML and the like) through the archive walker's own limits: only the
 * parts asked for are inflated, each counted as it actually inflates, so a package that is a zip bomb fails with a
 * clear error instead of exhausting memory.
 */

const ZIP_OPTIONS = { lazyEntries: true, decodeStrings: false, autoClose: false, validateEntrySizes: false } as const;
const WINDOW = 64 * 1024;
const STREAM_CHUNK = 256 * 1024;

/**
 * yauzl's random access over a read-only byte source. The central directory is read in many small pieces, so small
 * reads are served from one window instead of one source read (one file open) each.
 */
class SourceReader extends yauzl.RandomAccessReader {
  private windowAt = 0;
  private window: Uint8Array = new Uint8Array(0);

  constructor(private readonly source: ByteSource) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const source = this.source;
    let position = start;
    return new Readable({
      highWaterMark: STREAM_CHUNK,
      read() {
        const length = Math.min(STREAM_CHUNK, end - position);
        if (length <= 0) {
          this.push(null);
          return;
        }
        source.read(position, length).then(
          (chunk) => {
            if (chunk.byteLength === 0) return void this.destroy(new Error('unexpected end of file'));
            position += chunk.byteLength;
            this.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          },
          (err: unknown) => this.destroy(err instanceof Error ? err : new Error(String(err))),
        );
      },
    });
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    this.bytesAt(position, length).then(
      (bytes) => {
        if (bytes.byteLength < length) return callback(new Error('unexpected end of file'));
        buffer.set(bytes, offset);
        callback(null);
      },
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
    );
  }

  private async bytesAt(position: number, length: number): Promise<Uint8Array> {
    const inWindow = position >= this.windowAt && position + length <= this.windowAt + this.window.byteLength;
    if (!inWindow) {
      if (length > WINDOW) return this.source.read(position, length);
      this.window = await this.source.read(position, WINDOW);
      this.windowAt = position;
    }
    return this.window.subarray(position - this.windowAt, position - this.windowAt + length);
  }
}

export interface ZipParts {
  /** Every member name, in central-directory order. */
  names: string[];
  /** The wanted parts that could be read, by name. */
  parts: Map<string, Uint8Array>;
  /** Wanted parts left unread (encrypted, unsupported, too large, truncated), or read despite a CRC mismatch. */
  warnings: string[];
  /** Why the archive itself could not be read (not a zip, damaged central directory). */
  unreadable?: string;
}

/** The package crossed a zip-bomb limit: nothing of it should be trusted or read further. */
export class ZipBombError extends Error {}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The central directory, decoded; an archive yauzl cannot list is reported, not thrown. */
async function listEntries(source: ByteSource, limits: ZipLimits): Promise<{ zip: ZipFile; entries: Entry[] } | { unreadable: string }> {
  let zip: ZipFile;
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(new SourceReader(source), source.size, ZIP_OPTIONS);
  } catch (e) {
    return { unreadable: messageOf(e) };
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new ZipBombError(`refused: ${zip.entryCount} entries exceed the limit of ${limits.maxEntries} (zip bomb)`);
  }
  const entries: Entry[] = [];
  try {
    for await (const entry of zip.eachEntry()) entries.push(entry);
  } catch (e) {
    zip.close();
    return { unreadable: messageOf(e) };
  }
  return { zip, entries };
}

/**
 * Reads the parts `wanted` picks, whole, under `limits`: the entry count, the declared compression ratio, the
 * bytes each part actually inflates to (never past its declared size) and the total inflated for the package.
 * Parts larger than `maxBufferBytes` are skipped with a warning. Throws ZipBombError when a limit is crossed.
 */
export async function readZipParts(source: ByteSource, wanted: (name: string) => boolean, limits: ZipLimits): Promise<ZipParts> {
  const listing = await listEntries(source, limits);
  if ('unreadable' in listing) return { names: [], parts: new Map(), warnings: [], unreadable: listing.unreadable };
  const { zip, entries } = listing;
  const budget = newBudget(limits);
  const result: ZipParts = { names: [], parts: new Map(), warnings: [] };
  try {
    for (const entry of entries) {
      const { name } = decodeZipEntryName(entry.fileNameRaw, entry.generalPurposeBitFlag, entry.extraFields);
      result.names.push(name);
      if (!wanted(name) || result.parts.has(name)) continue;
      const bomb = bombRatio(entry, limits);
      if (bomb) throw new ZipBombError(`${name}: ${bomb}`);
      const skipped =
        unreadable(entry) ??
        (entry.uncompressedSize > limits.maxBufferBytes
          ? `${formatBytes(entry.uncompressedSize)} uncompressed, more than the ${formatBytes(limits.maxBufferBytes)} a part may have: not read`
          : null);
      if (skipped) {
        result.warnings.push(`${name}: ${skipped}`);
        continue;
      }
      const { bytes, problem } = await inflatePart(zip, entry, budget, name);
      if (problem) result.warnings.push(`${name}: ${problem}`);
      if (bytes) result.parts.set(name, bytes);
    }
    return result;
  } finally {
    zip.close();
  }
}

/** A part's bytes (with a CRC warning if they do not match), or why it could not be read; a bomb limit throws. */
async function inflatePart(zip: ZipFile, entry: Entry, budget: Budget, name: string): Promise<{ bytes?: Uint8Array; problem?: string }> {
  const chunks: Buffer[] = [];
  let crc = 0;
  try {
    for await (const chunk of inflatedChunks(zip, entry, budget)) {
      chunks.push(chunk);
      crc = crc32(chunk, crc);
    }
  } catch (e) {
    if (e instanceof BudgetExceeded)
      throw new ZipBombError(`refused: the parts inflate to more than ${formatBytes(budget.limits.maxTotalBytes)} (zip bomb)`);
    if (e instanceof MemberError && e.isBomb) throw new ZipBombError(`${name}: ${e.message}`);
    return { problem: messageOf(e) };
  }
  const badCrc = crcMismatch(entry, crc);
  const bytes = Buffer.concat(chunks);
  return badCrc ? { bytes, problem: badCrc } : { bytes };
}
