import type { ByteSource } from '../types';

/**
 * The ISO base media file format's box structure (ISO/IEC 14496-12 §4.2), shared by MP4/MOV, HEIF/AVIF, CR3,
 * JPEG 2000 and JPEG XL: size and type, a 64-bit `largesize` when size is 1, size 0 for "to the end", the 16-byte
 * user type of `uuid` boxes, and full-box version and flags. Every walk is bounded in box count and nesting depth,
 * and a size that cannot be right is reported, never trusted.
 */

export interface Box {
  /** Four-character type, byte-wise (MacRoman `©` 0xA9 → U+00A9, as QuickTime tag tables spell it). */
  type: string;
  /** Offset of the header. */
  start: number;
  /** Offset of the payload: after size, type, largesize and, for `uuid` boxes, the user type. */
  payload: number;
  /** End offset, clamped to the container when the declared size runs past it. */
  end: number;
  /** Lower-case hex of a `uuid` box's user type. */
  uuid?: string;
}

export interface BoxLimits {
  /** Boxes visited in the whole walk; hostile files can declare millions of tiny boxes. */
  maxBoxes: number;
  /** Container nesting levels read below the top; deeper children are skipped with a warning. */
  maxDepth: number;
}

const BOX_LIMITS: BoxLimits = { maxBoxes: 20_000, maxDepth: 12 };

export interface WalkOptions {
  limits?: BoxLimits;
  /** Receives each problem found in the structure (sizes, truncation, limits). */
  warn: (message: string) => void;
}

const HEADER_READ = 32;
const WINDOW = 64 * 1024;

const fourcc = (b: Uint8Array, at: number): string => String.fromCharCode(b[at] ?? 0, b[at + 1] ?? 0, b[at + 2] ?? 0, b[at + 3] ?? 0);
const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/** Version and flags of a full box, from the first four payload bytes. */
export function fullBoxHeader(payload: Uint8Array): { version: number; flags: number } | undefined {
  if (payload.byteLength < 4) return undefined;
  return { version: payload[0] ?? 0, flags: ((payload[1] ?? 0) << 16) | ((payload[2] ?? 0) << 8) | (payload[3] ?? 0) };
}

/** Counts boxes and reports problems for one walk, whichever reader serves the bytes. */
class WalkState {
  private boxes = 0;
  private readonly limits: BoxLimits;
  readonly warn: (message: string) => void;

  constructor(options: WalkOptions) {
    this.limits = options.limits ?? BOX_LIMITS;
    this.warn = options.warn;
  }

  /** False (with one warning) once the box budget is spent. */
  countBox(): boolean {
    if (++this.boxes <= this.limits.maxBoxes) return true;
    if (this.boxes === this.limits.maxBoxes + 1) this.warn(`more than ${this.limits.maxBoxes} boxes; the rest was skipped`);
    return false;
  }

  /** False (with a warning) when the children of `parent` would sit deeper than the limit. */
  allowsDepth(depth: number, parent: string): boolean {
    if (depth <= this.limits.maxDepth) return true;
    this.warn(`boxes nested deeper than ${this.limits.maxDepth} levels in '${parent}' were skipped`);
    return false;
  }

  /**
   * The box whose header bytes `h` start at `offset` inside a container ending at `limit`, or undefined when no
   * valid box can start there. `container` names the container in warnings (`file` for the top level).
   */
  decode(h: Uint8Array, offset: number, limit: number, container: string): Box | undefined {
    const room = limit - offset;
    if (room < 8) {
      if (room > 0 && container !== 'file') this.warn(`${room} stray bytes at the end of '${container}'`);
      return undefined;
    }
    if (!this.countBox()) return undefined;
    if (h.byteLength < 8) {
      this.warn(`truncated box header at offset ${offset}`);
      return undefined;
    }
    const view = new DataView(h.buffer, h.byteOffset, h.byteLength);
    const type = fourcc(h, 4);
    let size = view.getUint32(0);
    let header = 8;
    if (size === 1) {
      if (h.byteLength < 16) {
        this.warn(`truncated 64-bit box header '${type}' at offset ${offset}`);
        return undefined;
      }
      const large = view.getBigUint64(8);
      // Past 2^53 no offset is exact; such a size can only mean "beyond the end" here.
      size = large > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(large);
      header = 16;
    } else if (size === 0) {
      size = room;
    }
    let uuid: string | undefined;
    if (type === 'uuid') {
      if (h.byteLength < header + 16 || room < header + 16) {
        this.warn(`truncated uuid box header at offset ${offset}`);
        return undefined;
      }
      uuid = hex(h.subarray(header, header + 16));
      header += 16;
    }
    if (size < header) {
      this.warn(`invalid size ${size} for box '${type}' at offset ${offset}`);
      return undefined;
    }
    let end = offset + size;
    if (size > room) {
      this.warn(
        `box '${type}' at offset ${offset} runs past the end of ${container === 'file' ? 'the file' : `'${container}'`} (truncated file?)`,
      );
      end = limit;
    }
    const box: Box = { type, start: offset, payload: offset + header, end };
    if (uuid !== undefined) box.uuid = uuid;
    return box;
  }
}

/** The top level of a file: the box every walk starts from. */
const fileBox = (size: number): Box => ({ type: 'file', start: 0, payload: 0, end: size });

/** Walks boxes held in memory (image containers are read whole). */
export class BoxList {
  private readonly state: WalkState;

  constructor(
    private readonly bytes: Uint8Array,
    options: WalkOptions,
  ) {
    this.state = new WalkState(options);
  }

  get file(): Box {
    return fileBox(this.bytes.byteLength);
  }

  /** Children of `parent` (from `from`, for containers with a preamble), or none past the depth limit. */
  children(parent: Box, depth = 0, from = parent.payload): Box[] {
    const out: Box[] = [];
    if (!this.state.allowsDepth(depth, parent.type)) return out;
    for (let offset = from; offset < parent.end;) {
      const h = this.bytes.subarray(offset, Math.min(offset + HEADER_READ, parent.end));
      const box = this.state.decode(h, offset, parent.end, parent.type);
      if (!box) break;
      out.push(box);
      offset = box.end;
    }
    return out;
  }

  payload(box: Box): Uint8Array {
    return this.bytes.subarray(box.payload, box.end);
  }
}

/** Serves the many small sequential reads of a walk from one window, so a file source is not reopened per header. */
class WindowReader {
  private offset = 0;
  private data: Uint8Array = new Uint8Array(0);

  constructor(private readonly source: ByteSource) {}

  async read(offset: number, length: number): Promise<Uint8Array> {
    if (offset >= this.offset && offset + length <= this.offset + this.data.byteLength)
      return this.data.subarray(offset - this.offset, offset - this.offset + length);
    const chunk = await this.source.read(offset, Math.max(length, WINDOW));
    this.offset = offset;
    this.data = chunk;
    return chunk.subarray(0, length);
  }
}

/**
 * Walks boxes through a read-only byte source, reading headers and only the payloads asked for: a multi-GB `mdat`
 * costs one header read.
 */
export class BoxWalker {
  private readonly state: WalkState;
  private readonly reader: WindowReader;

  constructor(
    private readonly source: ByteSource,
    options: WalkOptions,
  ) {
    this.state = new WalkState(options);
    this.reader = new WindowReader(source);
  }

  get file(): Box {
    return fileBox(this.source.size);
  }

  /** Children of `parent` in file order (from `from`, for containers with a preamble), or none past the depth limit. */
  async *children(parent: Box, depth = 0, from = parent.payload): AsyncGenerator<Box> {
    if (!this.state.allowsDepth(depth, parent.type)) return;
    for (let offset = from; offset < parent.end;) {
      const h = await this.reader.read(offset, Math.min(HEADER_READ, parent.end - offset));
      const box = this.state.decode(h, offset, parent.end, parent.type);
      if (!box) return;
      yield box;
      offset = box.end;
    }
  }

  /** The first `max` payload bytes of a box. */
  async payload(box: Box, max: number): Promise<Uint8Array> {
    const length = Math.min(box.end - box.payload, max);
    return length > 0 ? this.reader.read(box.payload, length) : new Uint8Array(0);
  }

  /** Bytes at an absolute offset, through the same window. */
  read(offset: number, length: number): Promise<Uint8Array> {
    return this.reader.read(offset, length);
  }
}
