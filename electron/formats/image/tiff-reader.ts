import { ByteReader } from './binary';

/** One IFD entry with its value bytes still in the file's byte order: decoding is the caller's choice. */
export interface IfdEntry {
  tag: number;
  type: number;
  count: number;
  bytes: Uint8Array;
}

/** An IFD named as ExifTool names it in family 1: `IFD0`, `ExifIFD`, `GPS`, `InteropIFD`, `IFD1`, `SubIFD`… */
export interface Ifd {
  name: string;
  entries: IfdEntry[];
}

/** Directories in reading order (IFD0, its sub-IFDs, then IFD1…), with what could not be read as warnings. */
export interface TiffStructure {
  littleEndian: boolean;
  ifds: Ifd[];
  warnings: string[];
}

/** Bytes per value by TIFF type; 16–18 are BigTIFF's 64-bit LONG8, SLONG8 and IFD8. */
export const TYPE_SIZE: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
  13: 4,
  16: 8,
  17: 8,
  18: 8,
};

const EXIF_POINTER = 0x8769;
const GPS_POINTER = 0x8825;
const INTEROP_POINTER = 0xa005;
const SUBIFD_POINTER = 0x014a;
/** Guards against loops and absurd counts in corrupt files. */
const MAX_ENTRIES = 1000;
const MAX_CHAINED_IFDS = 16;

/** Tags that only point at other directories; they are followed, not reported. */
export const TIFF_POINTER_TAGS = new Set([EXIF_POINTER, GPS_POINTER, INTEROP_POINTER, SUBIFD_POINTER]);

/** Reads the unsigned numbers of a BYTE/SHORT/LONG/LONG8/IFD entry (used for pointers and sizes). */
export function entryUints(entry: IfdEntry, littleEndian: boolean): number[] {
  const r = new ByteReader(entry.bytes, littleEndian);
  const size = TYPE_SIZE[entry.type] ?? 1;
  const out: number[] = [];
  for (let i = 0; i < entry.count; i++) {
    const v = size === 2 ? r.u16(i * 2) : size === 4 ? r.u32(i * 4) : size === 8 ? r.u64(i * 8) : r.u8(i);
    if (v === undefined) break;
    out.push(v);
  }
  return out;
}

/**
 * A small TIFF/EXIF directory reader (classic and BigTIFF): byte order, IFD0 and its chain (IFD1, IFD2…), ExifIFD,
 * GPS, InteropIFD and SubIFDs. Values are returned as raw bytes so strings can be decoded by their real encoding,
 * not assumed UTF-8. Corrupt offsets become warnings; whatever was readable is returned.
 *
 * `rootName` names a lone directory that is not IFD0 (Canon CR3 stores ExifIFD and GPS as separate TIFF blocks).
 */
export function readTiff(bytes: Uint8Array, rootName = 'IFD0'): TiffStructure {
  const warnings: string[] = [];
  const order = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0);
  if (order !== 'II' && order !== 'MM') return { littleEndian: false, ifds: [], warnings: ['TIFF: bad byte-order mark'] };
  const littleEndian = order === 'II';
  const r = new ByteReader(bytes, littleEndian);
  const big = r.u16(2) === 43;
  const countSize = big ? 8 : 2;
  const entrySize = big ? 20 : 12;
  const inline = big ? 8 : 4;
  const offsetAt = (o: number): number | undefined => (big ? r.u64(o) : r.u32(o));
  const ifds: Ifd[] = [];
  const visited = new Set<number>();

  const readIfd = (name: string, offset: number): { ifd?: Ifd; next: number } => {
    if (visited.has(offset)) {
      warnings.push(`${name}: loop to offset ${offset}`);
      return { next: 0 };
    }
    visited.add(offset);
    const count = big ? r.u64(offset) : r.u16(offset);
    if (count === undefined || count > MAX_ENTRIES) {
      warnings.push(`${name}: directory at ${offset} is outside the data or corrupt`);
      return { next: 0 };
    }
    const entries: IfdEntry[] = [];
    for (let i = 0; i < count; i++) {
      const at = offset + countSize + i * entrySize;
      const tag = r.u16(at);
      const type = r.u16(at + 2);
      const n = big ? r.u64(at + 4) : r.u32(at + 4);
      if (tag === undefined || type === undefined || n === undefined) {
        warnings.push(`${name}: truncated after ${i} of ${count} entries`);
        break;
      }
      const hex = `0x${tag.toString(16).padStart(4, '0')}`;
      const size = TYPE_SIZE[type];
      if (size === undefined) {
        warnings.push(`${name}: tag ${hex} has unknown type ${type}`);
        continue;
      }
      const total = size * n;
      const valueAt = total <= inline ? at + 4 + (big ? 8 : 4) : offsetAt(at + 4 + (big ? 8 : 4));
      const value = valueAt === undefined ? undefined : r.slice(valueAt, total);
      if (value === undefined) {
        warnings.push(`${name}: tag ${hex} points outside the data`);
        continue;
      }
      entries.push({ tag, type, count: n, bytes: value });
    }
    const next = offsetAt(offset + countSize + count * entrySize) ?? 0;
    const ifd = { name, entries };
    ifds.push(ifd);
    return { ifd, next };
  };

  const follow = (parent: Ifd, tag: number, name: string): void => {
    const entry = parent.entries.find((e) => e.tag === tag);
    if (!entry) return;
    entryUints(entry, littleEndian).forEach((o, i) => {
      const child = readIfd(tag === SUBIFD_POINTER && i > 0 ? `${name}${i}` : name, o).ifd;
      if (child && tag === EXIF_POINTER) follow(child, INTEROP_POINTER, 'InteropIFD');
    });
  };

  let offset = (big ? r.u64(8) : r.u32(4)) ?? 0;
  if (rootName !== 'IFD0') {
    const root = readIfd(rootName, offset).ifd;
    if (root && rootName === 'ExifIFD') follow(root, INTEROP_POINTER, 'InteropIFD');
    return { littleEndian, ifds, warnings };
  }
  for (let index = 0; offset !== 0 && index < MAX_CHAINED_IFDS; index++) {
    const { ifd, next } = readIfd(`IFD${index}`, offset);
    if (!ifd) break;
    if (index === 0) {
      follow(ifd, EXIF_POINTER, 'ExifIFD');
      follow(ifd, GPS_POINTER, 'GPS');
      follow(ifd, INTEROP_POINTER, 'InteropIFD');
    }
    follow(ifd, SUBIFD_POINTER, 'SubIFD');
    offset = next;
  }
  return { littleEndian, ifds, warnings };
}
