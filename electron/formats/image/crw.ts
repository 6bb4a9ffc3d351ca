import type { MetaValue } from '../../../shared/domain/extraction';
import { printExifValue } from '../exif-print';
import { ByteReader } from './binary';
import { cString, legacyText } from './text';
import { emptySegments, setTag, type Segments } from './segments';

/**
 * Canon CRW (CIFF, "Camera Image File Format", Canon 1997): a byte-order mark, a header length, `HEAPCCDR`, then a
 * heap. A heap ends with the offset of its record table: a count and 10-byte records (tag, size, offset relative to
 * the heap). Tag bits 0x3800 give the data type (0x2800/0x3000 are sub-heaps), bits 0xc000 = 0x4000 say the data
 * sits in the record's own 8 bytes. Tag names and groups follow ExifTool's CanonRaw.pm (`CanonRaw`, and `Canon` for
 * the maker-note style arrays).
 */

const MAX_DEPTH = 8;
const MAX_RECORDS = 4096;

const TYPE_MASK = 0x3800;
const SUBDIR_TYPES = new Set([0x2800, 0x3000]);
const IN_RECORD = 0x4000;

const MAKE_MODEL = 0x080a;
/** 0x0805 is the file description inside the ImageDescription heap (0x2804) and the user comment elsewhere. */
const DESCRIPTION = 0x0805;
const IMAGE_DESCRIPTION_HEAP = 0x2804;
const STRINGS: Record<number, string> = {
  0x080b: 'CanonFirmwareVersion',
  0x0810: 'OwnerName',
  0x0815: 'CanonImageType',
  0x0816: 'OriginalFileName',
  0x0817: 'ThumbnailFileName',
};
const TIME_STAMP = 0x180e;
const IMAGE_INFO = 0x1810;
const FILE_NUMBER = 0x1817;
const SHOT_INFO = 0x102a;
const CAMERA_SETTINGS = 0x102d;
/** CameraSettings index 25: focal lengths are stored in 1/FocalUnits mm (32 on PowerShots). */
const FOCAL_UNITS_INDEX = 25;
const FOCAL_LENGTH = 0x1029;
const JPG_FROM_RAW = 0x2007;

interface CiffRecord {
  id: number;
  /** Tag of the heap that holds the record (0 for the root heap): 0x0805 is named by it. */
  parent: number;
  data: Uint8Array;
}

/** Every record of a heap and its sub-heaps, depth first; a record that points outside its heap is skipped. */
function walk(heap: Uint8Array, littleEndian: boolean, parent: number, depth: number, out: CiffRecord[], warnings: string[]): void {
  const r = new ByteReader(heap, littleEndian);
  const table = r.u32(heap.length - 4);
  const count = table === undefined ? undefined : r.u16(table);
  if (table === undefined || count === undefined || count > MAX_RECORDS) {
    warnings.push('CRW: heap record table is outside the heap');
    return;
  }
  for (let i = 0; i < count; i++) {
    const o = table + 2 + i * 10;
    const tag = r.u16(o);
    if (tag === undefined) break;
    const inRecord = (tag & 0xc000) === IN_RECORD;
    const size = r.u32(o + 2) ?? 0;
    const offset = r.u32(o + 6) ?? 0;
    const data = inRecord ? r.slice(o + 2, 8) : r.slice(offset, size);
    if (!data) continue;
    if (!inRecord && SUBDIR_TYPES.has(tag & TYPE_MASK)) {
      if (depth < MAX_DEPTH) walk(data, littleEndian, tag & 0x3fff, depth + 1, out, warnings);
      continue;
    }
    out.push({ id: tag & 0x3fff, parent, data });
  }
}

function records(bytes: Uint8Array, warnings: string[]): { list: CiffRecord[]; littleEndian: boolean } {
  const littleEndian = bytes[0] === 0x49;
  const headerLength = new ByteReader(bytes, littleEndian).u32(2) ?? bytes.length;
  const list: CiffRecord[] = [];
  if (headerLength < bytes.length) walk(bytes.subarray(headerLength), littleEndian, 0, 0, list, warnings);
  return { list, littleEndian };
}

/** ExifTool's CanonEv: Canon's 1/32-EV codes, where 0x0c and 0x14 mean thirds rather than 12/32 and 20/32. */
export function canonEv(code: number): number {
  const sign = code < 0 ? -1 : 1;
  const v = Math.abs(code);
  let frac = v & 0x1f;
  const whole = v - frac;
  if (frac === 0x0c) frac = 0x20 / 3;
  else if (frac === 0x14) frac = 0x40 / 3;
  return (sign * (whole + frac)) / 0x20;
}

/** Seconds since 1970 as ExifTool's ConvertUnixTime writes them (the camera clock's wall time, no zone). */
function unixTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace(/-/g, ':').replace('T', ' ');
}

const text = (data: Uint8Array): MetaValue => legacyText(cString(data));

/** CRW metadata: make and model, capture time, image size, file names, and exposure from the shot-info array. */
export function readCrw(bytes: Uint8Array): Segments {
  const s = emptySegments();
  const { list, littleEndian } = records(bytes, s.warnings);
  const set = (tag: string, value: MetaValue, group = 'CanonRaw'): void => setTag(s.groups, group, tag, value);
  const canon = (tag: string, raw: number, printed: string | undefined): void =>
    set(tag, printed === undefined || printed === String(raw) ? { value: raw } : { value: printed, raw }, 'Canon');
  const settings = list.find((x) => x.id === CAMERA_SETTINGS);
  const focalUnits = (settings && new ByteReader(settings.data, littleEndian).i16(FOCAL_UNITS_INDEX * 2)) || 1;
  for (const { id, parent, data } of list) {
    const r = new ByteReader(data, littleEndian);
    if (id === MAKE_MODEL) {
      const end = data.indexOf(0);
      set('Make', text(data.subarray(0, end < 0 ? data.length : end)));
      if (end >= 0) set('Model', text(data.subarray(end + 1)));
    } else if (id === DESCRIPTION) {
      set(parent === IMAGE_DESCRIPTION_HEAP ? 'CanonFileDescription' : 'UserComment', text(data));
    } else if (STRINGS[id]) {
      set(STRINGS[id], text(data));
    } else if (id === TIME_STAMP) {
      const t = r.u32(0);
      if (t !== undefined) {
        const wallClock = unixTime(t);
        set('DateTimeOriginal', { value: wallClock });
        s.timestamps.push({
          field: 'CanonRaw:DateTimeOriginal',
          value: wallClock.replace(/^(\d{4}):(\d{2}):(\d{2}) /, '$1-$2-$3T'),
          hasOffset: false,
        });
      }
    } else if (id === IMAGE_INFO) {
      const width = r.u32(0);
      const height = r.u32(4);
      const rotation = r.i32(12);
      if (width !== undefined) set('ImageWidth', { value: width });
      if (height !== undefined) set('ImageHeight', { value: height });
      if (rotation !== undefined) set('Rotation', { value: rotation });
    } else if (id === FILE_NUMBER) {
      const n = r.u32(0);
      if (n !== undefined) set('FileNumber', { value: n });
    } else if (id === FOCAL_LENGTH) {
      const focal = r.u16(2);
      // Canon.pm prints this one as `$val mm`, unrounded (7.09375 mm), unlike EXIF's FocalLength.
      if (focal) set('FocalLength', { value: `${focal / focalUnits} mm`, raw: focal / focalUnits }, 'Canon');
    } else if (id === SHOT_INFO) {
      // ExifTool's Canon ShotInfo array: int16 codes, index 21 FNumber and 22 ExposureTime in Canon EV units.
      const fCode = r.i16(21 * 2);
      const tCode = r.i16(22 * 2);
      const fNumber = Math.pow(2, canonEv(fCode ?? 0) / 2);
      const exposure = Math.pow(2, -canonEv(tCode ?? 0));
      // Canon.pm prints FNumber with %.2g (2.9, 4, 11), not EXIF's one decimal.
      if (fCode) canon('FNumber', fNumber, String(Number(fNumber.toPrecision(2))));
      if (tCode) canon('ExposureTime', exposure, printExifValue('ExposureTime', exposure));
    }
  }
  if (list.length === 0) s.warnings.push('CRW: no records in the CIFF heap');
  return s;
}

/** The full-size JPEG (JpgFromRaw) a CRW carries beside its raw data, for the preview. */
export function crwPreview(bytes: Uint8Array): Uint8Array | undefined {
  return records(bytes, []).list.find((r) => r.id === JPG_FROM_RAW)?.data;
}
