/** Bounds-checked big/little-endian reads over evidence bytes: out-of-range reads return undefined, never throw. */
export class ByteReader {
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    readonly littleEndian = false,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.byteLength;
  }

  has(offset: number, length: number): boolean {
    return Number.isInteger(offset) && offset >= 0 && length >= 0 && offset + length <= this.bytes.byteLength;
  }

  u8(o: number): number | undefined {
    return this.has(o, 1) ? this.view.getUint8(o) : undefined;
  }
  u16(o: number): number | undefined {
    return this.has(o, 2) ? this.view.getUint16(o, this.littleEndian) : undefined;
  }
  u32(o: number): number | undefined {
    return this.has(o, 4) ? this.view.getUint32(o, this.littleEndian) : undefined;
  }
  i8(o: number): number | undefined {
    return this.has(o, 1) ? this.view.getInt8(o) : undefined;
  }
  i16(o: number): number | undefined {
    return this.has(o, 2) ? this.view.getInt16(o, this.littleEndian) : undefined;
  }
  i32(o: number): number | undefined {
    return this.has(o, 4) ? this.view.getInt32(o, this.littleEndian) : undefined;
  }
  f32(o: number): number | undefined {
    return this.has(o, 4) ? this.view.getFloat32(o, this.littleEndian) : undefined;
  }
  f64(o: number): number | undefined {
    return this.has(o, 8) ? this.view.getFloat64(o, this.littleEndian) : undefined;
  }
  u64(o: number): number | undefined {
    return this.has(o, 8) ? Number(this.view.getBigUint64(o, this.littleEndian)) : undefined;
  }
  i64(o: number): number | undefined {
    return this.has(o, 8) ? Number(this.view.getBigInt64(o, this.littleEndian)) : undefined;
  }

  slice(o: number, length: number): Uint8Array | undefined {
    return this.has(o, length) ? this.bytes.subarray(o, o + length) : undefined;
  }

  /** Latin-1 view of bytes, for four-character codes and ASCII signatures. */
  ascii(o: number, length: number): string {
    const end = Math.min(this.bytes.byteLength, o + length);
    let s = '';
    for (let i = Math.max(0, o); i < end; i++) s += String.fromCharCode(this.bytes[i]!);
    return s;
  }
}

/** Most a compressed metadata block (PNG zTXt/iTXt/iCCP, JPEG XL brob) may inflate to: a few KiB of zlib can claim gigabytes. */
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

/** Lower-case hex, the form `MetaValue.bytes` keeps original bytes in. */
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

/** One character per byte, for signatures and Latin-1 text. */
export const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/** Joins byte arrays into one new array. */
export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
