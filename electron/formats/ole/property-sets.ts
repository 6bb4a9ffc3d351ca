import type { MetadataGroups, MetaValue, TimestampEntry } from '../../../shared/domain/extraction';
import { decodeBytes } from '../encoding/decode';
import { decodeCodePage } from '../encoding/windows-code-pages';
import { ByteReader, toHex } from '../image/binary';
import { convertTimeSpan } from '../time-span';

/**
 * OLE property sets ([MS-OLEPS]): the `\u0005SummaryInformation` and `\u0005DocumentSummaryInformation` streams of
 * every Office 97-2003 document (and of MSI, Visio and other compound files), shown as ExifTool shows them: group
 * `FlashPix`, ExifTool's tag names, `raw` for what `exiftool -n` prints. 8-bit strings are decoded in the section's
 * CodePage; dates are FILETIMEs, UTC by definition.
 */

const VT_I2 = 2;
const VT_I4 = 3;
const VT_R4 = 4;
const VT_R8 = 5;
const VT_DATE = 7;
const VT_BSTR = 8;
const VT_ERROR = 10;
const VT_BOOL = 11;
const VT_VARIANT = 12;
const VT_I1 = 16;
const VT_UI1 = 17;
const VT_UI2 = 18;
const VT_UI4 = 19;
const VT_I8 = 20;
const VT_UI8 = 21;
const VT_INT = 22;
const VT_UINT = 23;
const VT_LPSTR = 30;
const VT_LPWSTR = 31;
const VT_FILETIME = 64;
const VT_BLOB = 65;
const VT_CF = 71;
const VT_CLSID = 72;
const VT_VECTOR = 0x1000;

const CODE_PAGE_ID = 1;
const DICTIONARY_ID = 0;
const CP_UTF16 = 1200;
/** A section declaring more properties than this is damaged, not rich. */
const MAX_PROPERTIES = 4096;
const MAX_VECTOR = 65536;
const SECONDS_1601_TO_1970 = 11_644_473_600;
const DAY = 86400;

/** A value as stored, before it is named and shown. */
type OleValue =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string; bytes?: Uint8Array; encoding?: string }
  /** FILETIME: 100-ns ticks since 1601 as seconds; durations (edit time) use the same type. */
  | { kind: 'filetime'; seconds: number; swapped: number }
  /** VT_DATE: days since 1899-12-30. */
  | { kind: 'date'; days: number }
  | { kind: 'blob'; bytes: Uint8Array }
  | { kind: 'vector'; items: OleValue[] };

export interface PropertySection {
  codePage?: number;
  /** Property id → value, in stream order. */
  properties: Map<number, OleValue>;
  /** Property id → name, for user-defined properties. */
  names: Map<number, string>;
}

export interface PropertySetStream {
  sections: PropertySection[];
  warnings: string[];
}

const pad4 = (n: number): number => (n + 3) & ~3;

/** Reads typed values inside one section, never past its end. */
class ValueReader {
  constructor(
    private readonly r: ByteReader,
    private readonly end: number,
    private readonly codePage: number | undefined,
  ) {}

  private fits(at: number, length: number): boolean {
    return at >= 0 && length >= 0 && at + length <= this.end;
  }

  /** A value of `type` at `at` and the offset after it; undefined when it does not fit or the type is unknown. */
  read(type: number, at: number, depth = 0): { value: OleValue; next: number } | undefined {
    const one = this.value(type, at, depth, false);
    return one && { value: one.value, next: one.next };
  }

  private value(
    type: number,
    at: number,
    depth: number,
    inVector: boolean,
  ): { value: OleValue; next: number; stringBytes: number } | undefined {
    if (type & VT_VECTOR) {
      if (!this.fits(at, 4)) return undefined;
      const count = this.r.u32(at) ?? 0;
      if (count > MAX_VECTOR) return undefined;
      const items: OleValue[] = [];
      let next = at + 4;
      let lastStringBytes = 0;
      for (let i = 0; i < count; i++) {
        // Strings in vectors are sometimes padded to 4 bytes and sometimes not: zero padding is skipped (as ExifTool does).
        if (lastStringBytes & 3) {
          const pad = 4 - (lastStringBytes & 3);
          const padding = this.r.slice(next, pad);
          if (padding && padding.every((b) => b === 0) && this.fits(next + pad, 4)) next += pad;
        }
        const item = this.scalar(type & 0x0fff, next, depth, true);
        if (!item) break;
        items.push(item.value);
        lastStringBytes = item.stringBytes;
        next = item.next;
      }
      return { value: { kind: 'vector', items }, next: pad4(next - at) + at, stringBytes: 0 };
    }
    return this.scalar(type, at, depth, inVector);
  }

  private scalar(
    type: number,
    at: number,
    depth: number,
    inVector: boolean,
  ): { value: OleValue; next: number; stringBytes: number } | undefined {
    const r = this.r;
    const fixed = (
      size: number,
      get: (o: number) => number | undefined,
    ): { value: OleValue; next: number; stringBytes: number } | undefined => {
      if (!this.fits(at, size)) return undefined;
      const n = get(at);
      return n === undefined
        ? undefined
        : { value: { kind: 'number', value: n }, next: at + (inVector ? size : pad4(size)), stringBytes: 0 };
    };
    switch (type) {
      case VT_I2:
      case VT_BOOL:
        return fixed(2, (o) => r.i16(o));
      case VT_UI2:
        return fixed(2, (o) => r.u16(o));
      case VT_I4:
      case VT_ERROR:
      case VT_INT:
        return fixed(4, (o) => r.i32(o));
      case VT_UI4:
      case VT_UINT:
        return fixed(4, (o) => r.u32(o));
      case VT_I1:
        return fixed(1, (o) => r.i8(o));
      case VT_UI1:
        return fixed(1, (o) => r.u8(o));
      case VT_R4:
        return fixed(4, (o) => r.f32(o));
      case VT_R8:
        return fixed(8, (o) => r.f64(o));
      case VT_I8:
        return fixed(8, (o) => r.i64(o));
      case VT_UI8:
        return fixed(8, (o) => r.u64(o));
      case VT_DATE: {
        const days = this.fits(at, 8) ? r.f64(at) : undefined;
        return days === undefined ? undefined : { value: { kind: 'date', days }, next: at + 8, stringBytes: 0 };
      }
      case VT_FILETIME: {
        if (!this.fits(at, 8)) return undefined;
        const view = new DataView(r.bytes.buffer, r.bytes.byteOffset + at, 8);
        const seconds = Number(view.getBigUint64(0, true)) * 1e-7;
        // Some writers store the two 32-bit halves big-endian; kept for the repair ExifTool applies.
        const swapped = (view.getUint32(0, false) + view.getUint32(4, false) * 2 ** 32) * 1e-7;
        return { value: { kind: 'filetime', seconds, swapped }, next: at + 8, stringBytes: 0 };
      }
      case VT_CLSID: {
        const b = this.fits(at, 16) ? r.slice(at, 16) : undefined;
        return b && { value: { kind: 'string', value: guid(b) }, next: at + 16, stringBytes: 0 };
      }
      case VT_LPSTR:
      case VT_BSTR:
      case VT_LPWSTR: {
        if (!this.fits(at, 4)) return undefined;
        const count = r.u32(at) ?? 0;
        const length = type === VT_LPWSTR ? count * 2 : count;
        if (!this.fits(at + 4, length)) return undefined;
        const raw = r.slice(at + 4, length) ?? new Uint8Array(0);
        const value = type === VT_LPWSTR || this.codePage === CP_UTF16 ? utf16String(raw) : this.codePageString(raw);
        return { value, next: at + 4 + (inVector ? length : pad4(length)), stringBytes: length };
      }
      case VT_BLOB:
      case VT_CF: {
        if (!this.fits(at, 4)) return undefined;
        const length = r.u32(at) ?? 0;
        const bytes = this.fits(at + 4, length) ? r.slice(at + 4, length) : undefined;
        return bytes && { value: { kind: 'blob', bytes }, next: at + 4 + pad4(length), stringBytes: 0 };
      }
      case VT_VARIANT:
        return depth > 1 || !this.fits(at, 4) ? undefined : this.value(r.u32(at) ?? 0, at + 4, depth + 1, inVector);
      default:
        return undefined;
    }
  }

  /** An 8-bit string in the section's code page, cut at its terminator; original bytes kept when not plain ASCII. */
  codePageString(raw: Uint8Array): OleValue {
    const nul = raw.indexOf(0);
    const bytes = nul >= 0 ? raw.subarray(0, nul) : raw;
    if (bytes.every((b) => b < 0x80)) return { kind: 'string', value: decodeBytes(bytes, 'us-ascii') };
    const decoded = decodeCodePage(bytes, this.codePage);
    return { kind: 'string', value: decoded.text, bytes, encoding: decoded.encoding };
  }
}

function utf16String(raw: Uint8Array): OleValue {
  const text = decodeBytes(raw.subarray(0, raw.byteLength & ~1), 'utf-16le');
  const nul = text.indexOf('\0');
  return { kind: 'string', value: nul >= 0 ? text.slice(0, nul) : text };
}

function guid(b: Uint8Array): string {
  const h = toHex(b);
  const le = (s: string): string => s.match(/../g)?.reverse().join('') ?? s;
  return `${le(h.slice(0, 8))}-${le(h.slice(8, 12))}-${le(h.slice(12, 16))}-${h.slice(16, 20)}-${h.slice(20)}`.toUpperCase();
}

/** The dictionary (property 0): names of user-defined properties, in the section's code page. */
function readDictionary(r: ByteReader, at: number, end: number, codePage: number | undefined, names: Map<number, string>): void {
  const count = r.u32(at) ?? 0;
  const reader = new ValueReader(r, end, codePage);
  let o = at + 4;
  for (let i = 0; i < count && i < MAX_PROPERTIES && o + 8 <= end; i++) {
    const id = r.u32(o) ?? 0;
    const length = r.u32(o + 4) ?? 0;
    const bytes = codePage === CP_UTF16 ? length * 2 : length;
    const raw = o + 8 + bytes <= end ? r.slice(o + 8, bytes) : undefined;
    if (!raw) break;
    const name = codePage === CP_UTF16 ? utf16String(raw) : reader.codePageString(raw);
    if (name.kind === 'string' && name.value !== '') names.set(id, name.value);
    o += 8 + (codePage === CP_UTF16 ? pad4(bytes) : bytes);
  }
}

function readSection(r: ByteReader, start: number, warnings: string[]): PropertySection | undefined {
  const size = r.u32(start);
  const declared = r.u32(start + 4);
  if (size === undefined || declared === undefined || size < 8) {
    warnings.push(`property section at byte ${start} is truncated`);
    return undefined;
  }
  const end = Math.min(start + size, r.length);
  if (start + size > r.length) warnings.push(`property section at byte ${start} runs past the end of its stream`);
  const count = Math.min(declared, MAX_PROPERTIES, Math.floor((end - start - 8) / 8));
  if (count < declared) warnings.push(`property section at byte ${start} lists ${declared} properties but has room for ${count}`);
  const entries: Array<{ id: number; at: number }> = [];
  for (let i = 0; i < count; i++) {
    const id = r.u32(start + 8 + i * 8) ?? 0;
    const offset = r.u32(start + 12 + i * 8) ?? 0;
    if (offset < 8 || start + offset + 4 > end) warnings.push(`property ${id} points outside its section`);
    else entries.push({ id, at: start + offset });
  }
  const section: PropertySection = { properties: new Map(), names: new Map() };
  // The code page decides how every other string reads, wherever it sits in the list.
  const codePageEntry = entries.find((e) => e.id === CODE_PAGE_ID);
  if (codePageEntry) {
    const cp = r.i16(codePageEntry.at + 4);
    // Stored as VT_I2, so 65001 and 1200-ish values above 32767 come out negative.
    if (cp !== undefined) section.codePage = cp < 0 ? cp + 0x10000 : cp;
  }
  const reader = new ValueReader(r, end, section.codePage);
  for (const { id, at } of entries) {
    if (id === DICTIONARY_ID) {
      readDictionary(r, at, end, section.codePage, section.names);
      continue;
    }
    const value = reader.read(r.u32(at) ?? 0, at + 4);
    if (value) section.properties.set(id, value.value);
    else warnings.push(`property ${id} of type ${r.u32(at) ?? 0} could not be read`);
  }
  return section;
}

/** Parses a property set stream: its one or two sections (the second holds user-defined properties). */
export function readPropertySetStream(bytes: Uint8Array): PropertySetStream {
  const r = new ByteReader(bytes, true);
  const warnings: string[] = [];
  if (bytes.byteLength < 48 || r.u16(0) !== 0xfffe) {
    warnings.push('not a property set stream (bad header or byte order mark)');
    return { sections: [], warnings };
  }
  const sectionCount = Math.min(r.u32(24) ?? 0, 2);
  const sections: PropertySection[] = [];
  for (let i = 0; i < sectionCount; i++) {
    const offset = r.u32(44 + i * 20);
    if (offset === undefined || offset < 28 || offset >= bytes.byteLength) {
      warnings.push(`property section ${i + 1} points outside the stream`);
      continue;
    }
    const section = readSection(r, offset, warnings);
    if (section) sections.push(section);
  }
  return { sections, warnings };
}

// ---------------------------------------------------------------------------------------------------------------
// As ExifTool names and shows them

type Conversion = (v: OleValue) => MetaValue | undefined;

const CODE_PAGE_NAMES: Record<number, string> = {
  437: 'DOS United States',
  850: 'DOS Latin 1 (Western European)',
  874: 'Windows Thai (same as 28605, ISO 8859-15)',
  932: 'Windows Japanese (Shift-JIS)',
  936: 'Windows Simplified Chinese (PRC, Singapore)',
  949: 'Windows Korean (Unified Hangul Code)',
  950: 'Windows Traditional Chinese (Taiwan)',
  1200: 'Unicode UTF-16, little endian',
  1201: 'Unicode UTF-16, big endian',
  1250: 'Windows Latin 2 (Central European)',
  1251: 'Windows Cyrillic',
  1252: 'Windows Latin 1 (Western European)',
  1253: 'Windows Greek',
  1254: 'Windows Turkish',
  1255: 'Windows Hebrew',
  1256: 'Windows Arabic',
  1257: 'Windows Baltic',
  1258: 'Windows Vietnamese',
  1361: 'Korean (Johab)',
  10000: 'Mac Roman (Western European)',
  10001: 'Mac Japanese',
  10002: 'Mac Traditional Chinese',
  10003: 'Mac Korean',
  10008: 'Mac Simplified Chinese',
  20127: 'US-ASCII (7-bit)',
  20936: 'Simplified Chinese (GB2312)',
  20949: 'Korean Wansung',
  28591: 'ISO 8859-1 Latin 1 (Western European)',
  51949: 'EUC Korean',
  54936: 'Windows XP and later: GB18030 Simplified Chinese (4 byte)',
  65001: 'Unicode (UTF-8)',
};

const SECURITY_BITS = ['Password protected', 'Read-only recommended', 'Read-only enforced', 'Locked for annotations'];

const finite = (n: number): number | string => (Number.isFinite(n) ? n : String(n));

/** Unix seconds as ExifTool's ConvertUnixTime prints them (UTC, whole seconds), with the ISO form for the timeline. */
function unixTime(seconds: number): { value: string; iso?: string } {
  if (seconds === 0) return { value: '0000:00:00 00:00:00' };
  const whole = seconds === Math.trunc(seconds) ? seconds : Math.floor(seconds + 1e-6);
  const d = new Date(whole * 1000);
  if (Number.isNaN(d.getTime())) return { value: String(seconds) };
  const iso = d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { value: `${iso.slice(0, 10).replace(/-/g, ':')} ${iso.slice(11, 19)}`, iso };
}

/**
 * A FILETIME as ExifTool reads it: over a year's worth of seconds it is a date (repaired when written with the
 * wrong word order or time base), below that a duration in seconds.
 */
function filetime(v: { seconds: number; swapped: number }): { value: string; iso?: string } | number {
  if (v.seconds <= 365 * DAY) return v.seconds;
  let unix = v.seconds - SECONDS_1601_TO_1970;
  const century = 100 * 365 * DAY;
  if (unix < 0 || unix > century) {
    const swapped = v.swapped - SECONDS_1601_TO_1970;
    if (swapped > 0 && swapped < century) unix = swapped;
    else if (unix < 0 && unix + SECONDS_1601_TO_1970 > 0) unix += SECONDS_1601_TO_1970;
  }
  return unixTime(unix);
}

/** The plain shown value of any stored value: strings, numbers, dates, lists (binary data is not shown). */
function plain(v: OleValue): MetaValue['value'] | undefined {
  switch (v.kind) {
    case 'number':
      return finite(v.value);
    case 'string':
      return v.value;
    case 'filetime': {
      const t = filetime(v);
      return typeof t === 'number' ? t : t.value;
    }
    case 'date':
      return unixTime(v.days === 0 ? 0 : (v.days - 25569) * DAY).value;
    case 'blob':
      return undefined;
    case 'vector': {
      const items = v.items.map(plain).filter((x): x is NonNullable<MetaValue['value']> => x !== undefined);
      // ExifTool shows a one-item list as its item, an empty one as an empty string.
      return items.length === 0 ? '' : items.length === 1 ? items[0] : items;
    }
  }
}

const shown: Conversion = (v) => {
  const value = plain(v);
  if (value === undefined) return undefined;
  if (v.kind === 'string' && v.bytes && v.encoding) return { value, bytes: toHex(v.bytes), encoding: v.encoding };
  return { value };
};

const numberOf = (v: OleValue): number | undefined => (v.kind === 'number' ? v.value : undefined);

const lookup =
  (names: Record<number, string>): Conversion =>
  (v) => {
    const n = numberOf(v);
    return n === undefined ? shown(v) : { value: names[n] ?? `Unknown (${n})`, raw: n };
  };

const yesNo: Conversion = (v) => {
  const n = numberOf(v);
  return n === undefined ? shown(v) : { value: n === 0 ? 'No' : 'Yes', raw: n };
};

const codePage: Conversion = lookup(CODE_PAGE_NAMES);

const security: Conversion = (v) => {
  const n = numberOf(v);
  if (n === undefined) return shown(v);
  if (n === 0) return { value: 'None', raw: 0 };
  const bits = SECURITY_BITS.filter((_, i) => n & (1 << i));
  return { value: bits.length > 0 ? bits.join(', ') : `Unknown (${n})`, raw: n };
};

const editTime: Conversion = (v) => {
  const seconds = v.kind === 'filetime' ? filetime(v) : numberOf(v);
  return typeof seconds === 'number' ? { value: convertTimeSpan(seconds), raw: seconds } : shown(v);
};

const appVersion: Conversion = (v) => {
  const n = numberOf(v);
  return n === undefined ? shown(v) : { value: `${n >>> 16}.${String(n & 0xffff).padStart(4, '0')}` };
};

/** `_PID_LINKBASE`: a UTF-16LE string in a blob. */
const linkBase: Conversion = (v) =>
  v.kind === 'blob' ? { value: decodeBytes(v.bytes.subarray(0, v.bytes.byteLength & ~1), 'utf-16le').replace(/\0.*$/s, '') } : shown(v);

/** `_PID_HLINKS`: a blob of variants, six per link; the fifth is the address and the sixth the location in it. */
function hyperlinks(codePageOfSection: number | undefined): Conversion {
  return (v) => {
    if (v.kind !== 'blob') return shown(v);
    const r = new ByteReader(v.bytes, true);
    const reader = new ValueReader(r, v.bytes.byteLength, codePageOfSection);
    const count = Math.min(r.u32(0) ?? 0, MAX_VECTOR);
    const values: OleValue[] = [];
    let at = 4;
    for (let i = 0; i < count; i++) {
      const item = reader.read(VT_VARIANT, at);
      if (!item) break;
      values.push(item.value);
      at = item.next;
    }
    const links: string[] = [];
    for (let i = 0; i + 4 < values.length; i += 6) {
      const address = values[i + 4];
      const location = values[i + 5];
      const shownAddress = address ? String(plain(address) ?? '') : '';
      const shownLocation = location ? String(plain(location) ?? '') : '';
      links.push(shownLocation ? `${shownAddress}#${shownLocation}` : shownAddress);
    }
    return { value: links.length === 1 ? (links[0] ?? '') : links };
  };
}

type TagTable = Record<number, [tag: string, convert?: Conversion]>;

const SUMMARY_INFO: TagTable = {
  1: ['CodePage', codePage],
  2: ['Title'],
  3: ['Subject'],
  4: ['Author'],
  5: ['Keywords'],
  6: ['Comments'],
  7: ['Template'],
  8: ['LastModifiedBy'],
  9: ['RevisionNumber'],
  10: ['TotalEditTime', editTime],
  11: ['LastPrinted'],
  12: ['CreateDate'],
  13: ['ModifyDate'],
  14: ['Pages'],
  15: ['Words'],
  16: ['Characters'],
  18: ['Software'],
  19: ['Security', security],
  0x22: ['CreatedBy'],
  0x23: ['DocumentID'],
  0x80000000: ['LocaleIndicator'],
};

const DOCUMENT_INFO: TagTable = {
  1: ['CodePage', codePage],
  2: ['Category'],
  3: ['PresentationTarget'],
  4: ['Bytes'],
  5: ['Lines'],
  6: ['Paragraphs'],
  7: ['Slides'],
  8: ['Notes'],
  9: ['HiddenSlides'],
  10: ['MMClips'],
  11: ['ScaleCrop', yesNo],
  12: ['HeadingPairs'],
  13: ['TitleOfParts'],
  14: ['Manager'],
  15: ['Company'],
  16: ['LinksUpToDate', yesNo],
  17: ['CharCountWithSpaces'],
  19: ['SharedDoc', yesNo],
  22: ['HyperlinksChanged', yesNo],
  23: ['AppVersion', appVersion],
  0x80000000: ['LocaleIndicator'],
};

/** Dates that go on the timeline. */
const TIMELINE_TAGS = new Set(['CreateDate', 'ModifyDate', 'LastPrinted']);

/**
 * ExifTool's name for a user-defined property: words capitalised and run together, characters other than letters,
 * digits, `-` and `_` dropped. (ExifTool also drops non-ASCII letters; CJK names are kept here.)
 */
export function userPropertyName(name: string): string {
  return name.replace(/(^| )([a-z])/g, (_m, _s: string, c: string) => c.toUpperCase()).replace(/[^-_\p{L}\p{N}]/gu, '');
}

export type PropertyStreamKind = 'summary' | 'document';

/** Adds the FlashPix tags and timeline dates of one property set stream. */
export function propertySetTags(
  stream: PropertySetStream,
  kind: PropertyStreamKind,
  groups: MetadataGroups,
  timestamps: TimestampEntry[],
): void {
  const group = (groups['FlashPix'] ??= {});
  const set = (tag: string, value: MetaValue | undefined): void => {
    if (value !== undefined && !(tag in group)) group[tag] = value;
  };
  const date = (tag: string, v: OleValue): void => {
    if (v.kind !== 'filetime') return;
    const t = filetime(v);
    if (typeof t !== 'number' && t.iso) timestamps.push({ field: `FlashPix:${tag}`, value: t.iso, hasOffset: true, utc: t.iso });
  };
  stream.sections.forEach((section, index) => {
    const userDefined = kind === 'document' && index === 1;
    const table = kind === 'summary' ? SUMMARY_INFO : DOCUMENT_INFO;
    for (const [id, value] of section.properties) {
      if (userDefined) {
        const name = section.names.get(id);
        if (name === undefined) continue;
        if (name === '_PID_LINKBASE') set('HyperlinkBase', linkBase(value));
        else if (name === '_PID_HLINKS') set('Hyperlinks', hyperlinks(section.codePage)(value));
        else {
          const tag = userPropertyName(name);
          if (tag === '') continue;
          set(tag, shown(value));
          date(tag, value);
        }
        continue;
      }
      const entry = id === CODE_PAGE_ID ? SUMMARY_INFO[CODE_PAGE_ID] : table[id];
      if (!entry) continue;
      const [tag, convert = shown] = entry;
      const metaValue =
        id === CODE_PAGE_ID && section.codePage !== undefined ? codePage({ kind: 'number', value: section.codePage }) : convert(value);
      set(tag, metaValue);
      if (TIMELINE_TAGS.has(tag)) date(tag, value);
    }
  });
}
