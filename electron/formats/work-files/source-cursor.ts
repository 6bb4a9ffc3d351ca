import type { ByteSource } from '../types';

const WINDOW = 256 * 1024;

/** Reading past the end of a structure or of the file: the caller turns it into a warning. */
export class TruncatedError extends Error {}

/**
 * Sequential big-endian reads over a read-only byte source, served from one window so that a walk through many
 * small fields costs few source reads. Only what is walked over is read: a 2 GB file is never loaded whole.
 */
export class SourceCursor {
  private windowAt = 0;
  private window: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly source: ByteSource,
    public pos = 0,
  ) {}

  get size(): number {
    return this.source.size;
  }

  /** `length` bytes at `at` (default: the cursor, which then moves past them); throws TruncatedError at end of file. */
  async bytes(length: number, at?: number): Promise<Uint8Array> {
    const from = at ?? this.pos;
    if (length < 0 || from < 0 || from + length > this.source.size) {
      throw new TruncatedError(`${length} bytes at ${from} run past the end of the file (${this.source.size} bytes)`);
    }
    let out: Uint8Array;
    if (from >= this.windowAt && from + length <= this.windowAt + this.window.byteLength) {
      out = this.window.subarray(from - this.windowAt, from - this.windowAt + length);
    } else if (length > WINDOW) {
      out = await this.source.read(from, length);
    } else {
      this.window = await this.source.read(from, WINDOW);
      this.windowAt = from;
      out = this.window.subarray(0, length);
    }
    if (out.byteLength < length) throw new TruncatedError(`short read at ${from}`);
    if (at === undefined) this.pos = from + length;
    return out;
  }

  async u8(): Promise<number> {
    return (await this.bytes(1))[0]!;
  }

  async u16(): Promise<number> {
    const b = await this.bytes(2);
    return (b[0]! << 8) | b[1]!;
  }

  async i16(): Promise<number> {
    const v = await this.u16();
    return v >= 0x8000 ? v - 0x10000 : v;
  }

  async u32(): Promise<number> {
    const b = await this.bytes(4);
    return ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  }

  /** A 64-bit length; beyond 2^53 it cannot be a real offset in any file, so it is refused. */
  async u64(): Promise<number> {
    const high = await this.u32();
    const low = await this.u32();
    if (high >= 0x200000) throw new TruncatedError('a 64-bit length beyond any file size');
    return high * 0x1_0000_0000 + low;
  }

  async ascii(length: number): Promise<string> {
    return String.fromCharCode(...(await this.bytes(length)));
  }
}
