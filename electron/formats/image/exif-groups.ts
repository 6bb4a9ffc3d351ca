import exifr from 'exifr';
import type { MetadataGroups, MetaValue } from '../../../shared/domain/extraction';
import { printExifValue, toDms } from '../exif-print';
import { APEX } from '../xmp';
import { ByteReader } from './binary';
import { cString, exifCharsetText, legacyText, xpText } from './text';
import { TIFF_POINTER_TAGS, type Ifd, type IfdEntry, type TiffStructure } from './tiff-reader';

/** A date/time tag seen in EXIF, kept as its wall-clock text; the offset is decided later (OffsetTime*, XMP). */
export interface ExifDate {
  field: string;
  wallClock: string;
  subSec?: string;
  offset?: string;
  offsetSource?: string;
}

/** Metadata blocks that TIFF files carry inside IFD0 tags, handed back for their own parsers. */
export interface EmbeddedBlocks {
  iptc: Uint8Array[];
  photoshop: Uint8Array[];
  xmp: Uint8Array[];
  icc: Uint8Array[];
}

/** EXIF as groups, plus what later steps need: dates (for offsets), GPS (for Composite), embedded blocks. */
export interface ExifResult {
  groups: MetadataGroups;
  dates: ExifDate[];
  /** Signed decimal degrees from GPS, for the Composite group. */
  gps?: { lat: number; lon: number };
  gpsUtc?: string;
  embedded: EmbeddedBlocks;
  warnings: string[];
}

const tagKeys = exifr.tagKeys as Map<string, Map<number, string>>;
const tagValues = exifr.tagValues as Map<string, Map<number, unknown>>;

const IPTC_NAA = 0x83bb;
const PHOTOSHOP_SETTINGS = 0x8649;
const APPLICATION_NOTES = 0x02bc;
const ICC_PROFILE = 0x8773;
const EMBEDDED_TAGS = new Set([IPTC_NAA, PHOTOSHOP_SETTINGS, APPLICATION_NOTES, ICC_PROFILE]);

const XP_TAGS = new Set([0x9c9b, 0x9c9c, 0x9c9d, 0x9c9e, 0x9c9f]);
const CHARSET_TEXT = new Set([0x9286]);
const GPS_CHARSET_TEXT = new Set([0x1b, 0x1c]);
const VERSION_TAGS = new Set([0x9000, 0xa000]);
const MAX_LIST = 64;
const TRIMMED = new Set(['Make', 'Model', 'Software']);

function blockOf(ifd: string): string {
  if (ifd === 'ExifIFD') return 'exif';
  if (ifd === 'GPS') return 'gps';
  if (ifd === 'InteropIFD') return 'interop';
  if (ifd === 'IFD1') return 'ifd1';
  return 'ifd0';
}

function tagName(ifd: string, tag: number): string {
  const block = blockOf(ifd);
  const own = tagKeys.get(block)?.get(tag);
  if (own) return own;
  if (block !== 'gps' && block !== 'interop') {
    const other = tagKeys.get(block === 'exif' ? 'ifd0' : 'exif')?.get(tag);
    if (other) return other;
  }
  return `Exif_0x${tag.toString(16).padStart(4, '0')}`;
}

function printConv(ifd: string, tag: number, raw: number): string | undefined {
  const dict = tagValues.get(blockOf(ifd))?.get(tag) ?? tagValues.get(blockOf(ifd) === 'exif' ? 'ifd0' : 'exif')?.get(tag);
  if (typeof dict !== 'object' || dict === null) return undefined;
  const v: unknown = (dict as Record<string, unknown>)[String(raw)];
  return typeof v === 'string' ? v : undefined;
}

type Num = number | 'undef' | 'inf';

function numbers(entry: IfdEntry, littleEndian: boolean): Num[] {
  const r = new ByteReader(entry.bytes, littleEndian);
  const out: Num[] = [];
  for (let i = 0; i < entry.count; i++) {
    let v: Num | undefined;
    switch (entry.type) {
      case 1:
      case 7:
        v = r.u8(i);
        break;
      case 6:
        v = r.i8(i);
        break;
      case 3:
        v = r.u16(i * 2);
        break;
      case 8:
        v = r.i16(i * 2);
        break;
      case 4:
      case 13:
        v = r.u32(i * 4);
        break;
      case 9:
        v = r.i32(i * 4);
        break;
      case 11:
        v = r.f32(i * 4);
        break;
      case 12:
        v = r.f64(i * 8);
        break;
      case 16:
      case 18:
        v = r.u64(i * 8);
        break;
      case 17:
        v = r.i64(i * 8);
        break;
      case 5:
      case 10: {
        const n = entry.type === 5 ? r.u32(i * 8) : r.i32(i * 8);
        const d = entry.type === 5 ? r.u32(i * 8 + 4) : r.i32(i * 8 + 4);
        // ExifTool rounds rationals to 10 significant digits, also with -n.
        if (n !== undefined && d !== undefined) v = d === 0 ? (n === 0 ? 'undef' : 'inf') : Number((n / d).toPrecision(10));
        break;
      }
    }
    if (v === undefined) break;
    out.push(v);
  }
  return out;
}

const binarySummary = (entry: IfdEntry): MetaValue => ({ value: `(Binary data ${entry.bytes.length} bytes)` });

function numericValue(ifd: string, entry: IfdEntry, littleEndian: boolean): MetaValue {
  const nums = numbers(entry, littleEndian);
  if (nums.length > MAX_LIST) return binarySummary(entry);
  if (nums.length === 1) {
    const raw = nums[0]!;
    const printed = typeof raw === 'number' ? printConv(ifd, entry.tag, raw) : undefined;
    return printed === undefined ? { value: raw } : { value: printed, raw };
  }
  return { value: nums.join(' ') };
}

/** GPS degrees/minutes/seconds rationals → decimal degrees; `undefined` when any part is 0/0 (ExifTool shows ''). */
function gpsDegrees(entry: IfdEntry, littleEndian: boolean): number | undefined {
  const [d, m = 0, s = 0] = numbers(entry, littleEndian);
  if (typeof d !== 'number' || typeof m !== 'number' || typeof s !== 'number') return undefined;
  return d + m / 60 + s / 3600;
}

const pad2 = (n: number): string => String(Math.floor(n)).padStart(2, '0');

function gpsTime(entry: IfdEntry, littleEndian: boolean): string | undefined {
  // ExifTool reads 0/0 parts of a time as zero (a broken clock still shows its seconds).
  const [h, m, s] = numbers(entry, littleEndian).map((n) => (n === 'undef' ? 0 : n));
  if (typeof h !== 'number' || typeof m !== 'number' || typeof s !== 'number') return undefined;
  const whole = Math.floor(s);
  const frac = s - whole;
  return `${pad2(h)}:${pad2(m)}:${pad2(whole)}${frac > 0 ? String(Number(frac.toFixed(3))).slice(1) : ''}`;
}

const EXIF_DATE = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const OFFSET = /^[+-]\d{2}:\d{2}$/;

function decodeEntry(ifd: string, entry: IfdEntry, littleEndian: boolean, warnings: string[]): MetaValue {
  if (XP_TAGS.has(entry.tag) && ifd !== 'GPS') return xpText(entry.bytes);
  if ((CHARSET_TEXT.has(entry.tag) && ifd !== 'GPS') || (GPS_CHARSET_TEXT.has(entry.tag) && ifd === 'GPS')) {
    const { value, warning } = exifCharsetText(entry.bytes, littleEndian);
    if (warning) warnings.push(`${ifd}:${tagName(ifd, entry.tag)}: ${warning}`);
    return value;
  }
  if (entry.type === 2) return legacyText(cString(entry.bytes));
  if (entry.type === 7) {
    if ((VERSION_TAGS.has(entry.tag) && ifd === 'ExifIFD') || (entry.tag === 0x0002 && ifd === 'InteropIFD')) {
      return { value: String.fromCharCode(...entry.bytes.subarray(0, 4)) };
    }
    if (entry.tag === 0x9101 && ifd === 'ExifIFD') {
      const raw = [...entry.bytes.subarray(0, 4)].join(' ');
      return { value: [...entry.bytes.subarray(0, 4)].map((b) => printConv(ifd, entry.tag, b) ?? String(b)).join(', '), raw };
    }
    if (entry.count > 16) return binarySummary(entry);
  }
  return numericValue(ifd, entry, littleEndian);
}

function findEntry(ifds: Ifd[], name: string, tag: number): IfdEntry | undefined {
  return ifds.find((i) => i.name === name)?.entries.find((e) => e.tag === tag);
}

const DATE_TAGS: Array<{ ifd: string; tag: number; offsetTag: number; subSecTag: number }> = [
  { ifd: 'IFD0', tag: 0x0132, offsetTag: 0x9010, subSecTag: 0x9290 },
  { ifd: 'ExifIFD', tag: 0x9003, offsetTag: 0x9011, subSecTag: 0x9291 },
  { ifd: 'ExifIFD', tag: 0x9004, offsetTag: 0x9012, subSecTag: 0x9292 },
  // Some raw formats (NEF) keep DateTimeOriginal in IFD0.
  { ifd: 'IFD0', tag: 0x9003, offsetTag: 0x9011, subSecTag: 0x9291 },
];

/** Converts a parsed TIFF structure into ExifTool family-1 groups, with EXIF dates and GPS for later steps. */
export function exifToGroups(tiff: TiffStructure, ifd0Names?: Readonly<Record<number, string>>): ExifResult {
  const { littleEndian, ifds } = tiff;
  const warnings = [...tiff.warnings];
  const groups: MetadataGroups = {};
  const embedded: EmbeddedBlocks = { iptc: [], photoshop: [], xmp: [], icc: [] };

  for (const ifd of ifds) {
    const tags: Record<string, MetaValue> = {};
    for (const entry of ifd.entries) {
      if (TIFF_POINTER_TAGS.has(entry.tag)) continue;
      if (ifd.name !== 'GPS' && EMBEDDED_TAGS.has(entry.tag)) {
        const list =
          entry.tag === IPTC_NAA
            ? embedded.iptc
            : entry.tag === PHOTOSHOP_SETTINGS
              ? embedded.photoshop
              : entry.tag === APPLICATION_NOTES
                ? embedded.xmp
                : embedded.icc;
        list.push(entry.bytes);
        continue;
      }
      if (entry.tag === 0x927c) {
        tags.MakerNote = binarySummary(entry);
        continue;
      }
      const name = (ifd.name === 'IFD0' ? ifd0Names?.[entry.tag] : undefined) ?? tagName(ifd.name, entry.tag);
      if (tags[name]) continue;
      const decoded = decodeEntry(ifd.name, entry, littleEndian, warnings);
      // ExifTool's RawConv drops trailing blanks from these three (cameras pad them); other strings keep theirs.
      if (TRIMMED.has(name) && typeof decoded.value === 'string') decoded.value = decoded.value.trimEnd();
      const apex = APEX[name];
      // ExifTool reports APEX shutter/aperture values converted (seconds, f-number), also with -n.
      tags[name] = printed(name, apex && typeof decoded.value === 'number' ? { value: apex(decoded.value) } : decoded);
    }
    if (ifd.name === 'GPS') applyGps(ifd, tags, littleEndian, warnings);
    if (Object.keys(tags).length > 0) groups[ifd.name] = { ...groups[ifd.name], ...tags };
  }

  const result: ExifResult = { groups, dates: collectDates(ifds, groups), embedded, warnings };
  const gps = ifds.find((i) => i.name === 'GPS');
  if (gps) {
    const lat = signedCoordinate(gps, 0x02, 0x01, 'S', littleEndian);
    const lon = signedCoordinate(gps, 0x04, 0x03, 'W', littleEndian);
    if (lat !== undefined && lon !== undefined) result.gps = { lat, lon };
  }
  const gpsDate = groups.GPS?.GPSDateStamp?.value;
  const gpsTimeValue = groups.GPS?.GPSTimeStamp?.value;
  if (typeof gpsDate === 'string' && typeof gpsTimeValue === 'string' && /^\d{4}:\d{2}:\d{2}$/.test(gpsDate)) {
    result.gpsUtc = `${gpsDate.replace(/:/g, '-')}T${gpsTimeValue}Z`;
  }
  return result;
}

/** The ExifTool-printed value beside the raw one, when ExifTool prints this tag differently from its raw value. */
function printed(name: string, decoded: MetaValue): MetaValue {
  const raw = decoded.raw ?? decoded.value;
  const text = printExifValue(name, raw);
  return text === undefined || text === String(raw) ? decoded : { ...decoded, value: text, raw };
}

function gpsRef(ifd: Ifd, tag: number): string | undefined {
  const e = ifd.entries.find((x) => x.tag === tag);
  return e ? new TextDecoder('latin1').decode(cString(e.bytes)).trim().toUpperCase() : undefined;
}

/** Decimal degrees with the hemisphere's sign, for the Composite group. */
function signedCoordinate(ifd: Ifd, tag: number, refTag: number, negative: string, littleEndian: boolean): number | undefined {
  const entry = ifd.entries.find((e) => e.tag === tag);
  const deg = entry ? gpsDegrees(entry, littleEndian) : undefined;
  if (deg === undefined) return undefined;
  return gpsRef(ifd, refTag) === negative ? -deg : deg;
}

function applyGps(ifd: Ifd, tags: Record<string, MetaValue>, littleEndian: boolean, warnings: string[]): void {
  const coords: Array<[number, string]> = [
    [0x02, 'GPSLatitude'],
    [0x04, 'GPSLongitude'],
    [0x14, 'GPSDestLatitude'],
    [0x16, 'GPSDestLongitude'],
  ];
  for (const [tag, name] of coords) {
    const entry = ifd.entries.find((e) => e.tag === tag);
    if (!entry) continue;
    const deg = gpsDegrees(entry, littleEndian);
    if (deg === undefined) {
      warnings.push(`GPS:${name} is undefined (0/0 rationals)`);
      tags[name] = { value: '' };
      continue;
    }
    // ExifTool keeps the per-tag value unsigned (the Ref tag holds the hemisphere); Composite carries the sign.
    tags[name] = { value: toDms(deg), raw: deg };
  }
  const time = ifd.entries.find((e) => e.tag === 0x07);
  if (time) {
    const t = gpsTime(time, littleEndian);
    tags.GPSTimeStamp = { value: t ?? '' };
  }
  const version = ifd.entries.find((e) => e.tag === 0x00);
  if (version) tags.GPSVersionID = { value: [...version.bytes.subarray(0, 4)].join('.'), raw: [...version.bytes.subarray(0, 4)].join(' ') };
  const altitudeRef = ifd.entries.find((e) => e.tag === 0x05);
  if (altitudeRef && altitudeRef.bytes[0] !== undefined) {
    const raw = altitudeRef.bytes[0];
    tags.GPSAltitudeRef = { value: raw === 1 ? 'Below Sea Level' : 'Above Sea Level', raw };
  }
}

function collectDates(ifds: Ifd[], groups: MetadataGroups): ExifDate[] {
  const dates: ExifDate[] = [];
  const text = (ifd: string, tag: number): string | undefined => {
    const e = findEntry(ifds, ifd, tag);
    return e && e.type === 2 ? new TextDecoder('latin1').decode(cString(e.bytes)).trim() : undefined;
  };
  for (const d of DATE_TAGS) {
    const wallClock = text(d.ifd, d.tag);
    if (!wallClock || !EXIF_DATE.test(wallClock)) continue;
    const name = tagName(d.ifd, d.tag);
    if (!groups[d.ifd]?.[name]) continue;
    const offset = text('ExifIFD', d.offsetTag) ?? text(d.ifd, d.offsetTag);
    const subSec = text('ExifIFD', d.subSecTag);
    const date: ExifDate = { field: `${d.ifd}:${name}`, wallClock };
    if (subSec && /^\d+$/.test(subSec)) date.subSec = subSec;
    if (offset && OFFSET.test(offset)) {
      date.offset = offset;
      date.offsetSource = `ExifIFD:${tagName('ExifIFD', d.offsetTag)}`;
    }
    dates.push(date);
  }
  return dates;
}
