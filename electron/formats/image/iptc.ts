import exifr from 'exifr';
import type { MetaValue, TimestampEntry } from '../../../shared/domain/extraction';
import { isAscii } from '../../lib/bytes';
import { ByteReader, toHex } from './binary';
import { legacyText } from './text';

/** Photoshop image resources (8BIM blocks) by resource id, in file order. */
export type PhotoshopResources = Map<number, Uint8Array[]>;

const IRB_SIGNATURES = new Set(['8BIM', '8B64', 'PHUT', 'AgHg', 'DCSR', 'MeSa']);

/** Photoshop resource ids of the blocks other parsers read. */
export const IRB_IPTC = 0x0404;
export const IRB_ICC = 0x040f;
export const IRB_EXIF = 0x0422;
export const IRB_XMP = 0x0424;

/** Walks Photoshop image resource blocks (APP13 `Photoshop 3.0`, TIFF tag 34377, PSD). */
export function readPhotoshopResources(bytes: Uint8Array): { resources: PhotoshopResources; warnings: string[] } {
  const r = new ByteReader(bytes);
  const resources: PhotoshopResources = new Map();
  const warnings: string[] = [];
  let o = 0;
  while (o + 12 <= bytes.length) {
    if (!IRB_SIGNATURES.has(r.ascii(o, 4))) {
      warnings.push(`Photoshop: bad resource signature at byte ${o}`);
      break;
    }
    const id = r.u16(o + 4)!;
    const nameLength = r.u8(o + 6)!;
    // The Pascal name (length byte + chars) is padded to an even size.
    const sizeAt = o + 6 + ((nameLength + 2) & ~1);
    const size = r.u32(sizeAt);
    const data = size === undefined ? undefined : r.slice(sizeAt + 4, size);
    if (size === undefined || data === undefined) {
      warnings.push(`Photoshop: resource 0x${id.toString(16)} is truncated`);
      break;
    }
    const list = resources.get(id) ?? [];
    list.push(data);
    resources.set(id, list);
    o = sizeAt + 4 + size + (size & 1);
  }
  return { resources, warnings };
}

const iptcKeys = exifr.tagKeys.get('iptc') as Map<number, string> | undefined;

/** ExifTool's IPTC names where exifr abbreviates them. */
const RECORD2_NAMES: Record<number, string> = {
  12: 'SubjectReference',
  80: 'By-line',
  85: 'By-lineTitle',
  92: 'Sub-location',
  95: 'Province-State',
  100: 'Country-PrimaryLocationCode',
  101: 'Country-PrimaryLocationName',
  120: 'Caption-Abstract',
  122: 'Writer-Editor',
  135: 'LanguageIdentifier',
};

const RECORD1_NAMES: Record<number, string> = {
  0: 'EnvelopeRecordVersion',
  5: 'Destination',
  20: 'FileFormat',
  22: 'FileVersion',
  30: 'ServiceIdentifier',
  40: 'EnvelopeNumber',
  50: 'ProductID',
  60: 'EnvelopePriority',
  70: 'DateSent',
  80: 'TimeSent',
  90: 'CodedCharacterSet',
  100: 'UniqueObjectName',
  120: 'ARMIdentifier',
  122: 'ARMVersion',
};

/** Repeatable datasets, which ExifTool reports as lists. */
const LIST_DATASETS = new Set([
  4, 12, 20, 25, 26, 27, 45, 47, 50, 80, 85, 118, 122, 150, 151, 152, 153, 154, 184, 185, 186, 187, 188, 231, 232,
]);
const BINARY_INT_DATASETS: Record<number, Set<number>> = { 1: new Set([0, 20, 22, 120, 122]), 2: new Set([0]) };
const BINARY_DATASETS: Record<number, Set<number>> = { 2: new Set([200, 201, 202]) };
const DATE_DATASETS: Record<number, Set<number>> = { 1: new Set([70]), 2: new Set([30, 37, 47, 55, 62]) };
const TIME_DATASETS: Record<number, Set<number>> = { 1: new Set([80]), 2: new Set([35, 38, 60, 63]) };

const nameOf = (record: number, dataset: number): string =>
  (record === 1 ? RECORD1_NAMES[dataset] : record === 2 ? (RECORD2_NAMES[dataset] ?? iptcKeys?.get(dataset)) : undefined) ??
  `IPTC_${record}_${dataset}`;

interface Dataset {
  record: number;
  dataset: number;
  bytes: Uint8Array;
}

function readDatasets(bytes: Uint8Array, warnings: string[]): Dataset[] {
  const r = new ByteReader(bytes);
  const out: Dataset[] = [];
  let o = bytes.indexOf(0x1c);
  while (o >= 0 && o + 5 <= bytes.length) {
    if (bytes[o] !== 0x1c) {
      // Trailing padding after the last dataset is common; anything else is worth a note.
      if (bytes.subarray(o).some((b) => b !== 0)) warnings.push(`IPTC: unexpected byte at ${o}, rest ignored`);
      break;
    }
    const record = r.u8(o + 1)!;
    const dataset = r.u8(o + 2)!;
    let length = r.u16(o + 3)!;
    let start = o + 5;
    if (length & 0x8000) {
      // Extended dataset: the low 15 bits give the size of the length field that follows.
      const n = length & 0x7fff;
      let l = 0;
      for (let i = 0; i < n; i++) l = l * 256 + (r.u8(start + i) ?? 0);
      length = l;
      start += n;
    }
    const data = r.slice(start, length);
    if (!data) {
      warnings.push(`IPTC: dataset ${record}:${dataset} is truncated`);
      out.push({ record, dataset, bytes: bytes.subarray(start) });
      break;
    }
    out.push({ record, dataset, bytes: data });
    o = start + length;
  }
  return out;
}

const UTF8_ESCAPE = [0x1b, 0x25, 0x47];

function isUtf8Declared(ds: Dataset[]): boolean | undefined {
  const ccs = ds.find((d) => d.record === 1 && d.dataset === 90);
  if (!ccs) return undefined;
  return UTF8_ESCAPE.every((b, i) => ccs.bytes[i] === b);
}

function formatDate(s: string): string {
  return /^\d{8}$/.test(s) ? `${s.slice(0, 4)}:${s.slice(4, 6)}:${s.slice(6, 8)}` : s;
}

function formatTime(s: string): string {
  const m = /^(\d{2})(\d{2})(\d{2})(?:([+-])(\d{2})(\d{2}))?$/.exec(s);
  if (!m) return s;
  return `${m[1]}:${m[2]}:${m[3]}${m[4] ? `${m[4]}${m[5]}:${m[6]}` : ''}`;
}

/** IPTC tags for the `IPTC` group, with the dates they carry. */
export interface IptcResult {
  tags: Record<string, MetaValue>;
  timestamps: TimestampEntry[];
  warnings: string[];
}

/**
 * IPTC IIM (records 1 and 2) with ExifTool names. Strings follow CodedCharacterSet (1:90): `ESC % G` means UTF-8;
 * without it, non-ASCII strings go through legacy detection and keep their original bytes.
 */
export function parseIptc(bytes: Uint8Array): IptcResult {
  const warnings: string[] = [];
  const datasets = readDatasets(bytes, warnings);
  const utf8 = isUtf8Declared(datasets);
  const tags: Record<string, MetaValue> = {};
  const lists = new Map<string, MetaValue[]>();

  const decodeString = (b: Uint8Array): MetaValue => {
    if (isAscii(b)) return { value: new TextDecoder('latin1').decode(b) };
    if (utf8) {
      try {
        return { value: new TextDecoder('utf-8', { fatal: true }).decode(b) };
      } catch {
        warnings.push('IPTC: CodedCharacterSet says UTF-8 but a value is not valid UTF-8; detected instead');
      }
    }
    return legacyText(b);
  };

  for (const d of datasets) {
    const name = nameOf(d.record, d.dataset);
    let mv: MetaValue;
    if (BINARY_INT_DATASETS[d.record]?.has(d.dataset) && d.bytes.length <= 4) {
      mv = { value: d.bytes.reduce((n, b) => n * 256 + b, 0) };
    } else if (BINARY_DATASETS[d.record]?.has(d.dataset)) {
      mv = { value: `(Binary data ${d.bytes.length} bytes)` };
    } else if (d.record === 1 && d.dataset === 90) {
      mv = { value: utf8 ? 'UTF8' : toHex(d.bytes), raw: new TextDecoder('latin1').decode(d.bytes) };
    } else {
      mv = decodeString(d.bytes);
      if (typeof mv.value === 'string') {
        if (DATE_DATASETS[d.record]?.has(d.dataset)) mv = { ...mv, value: formatDate(mv.value) };
        else if (TIME_DATASETS[d.record]?.has(d.dataset)) mv = { ...mv, value: formatTime(mv.value) };
      }
    }
    if (d.record === 2 && LIST_DATASETS.has(d.dataset)) {
      const list = lists.get(name) ?? [];
      list.push(mv);
      lists.set(name, list);
    } else if (!tags[name]) {
      tags[name] = mv;
    }
  }
  for (const [name, items] of lists) {
    const legacy = items.find((i) => i.encoding);
    const tag: MetaValue = { value: items.map((i) => i.value) };
    if (legacy?.encoding) {
      tag.encoding = legacy.encoding;
      tag.bytes = items.map((i) => i.bytes ?? '').join(',');
    }
    tags[name] = tag;
  }
  return { tags, timestamps: iptcTimestamps(tags), warnings };
}

function iptcTimestamps(tags: Record<string, MetaValue>): TimestampEntry[] {
  const out: TimestampEntry[] = [];
  const pairs: Array<[string, string]> = [
    ['DateCreated', 'TimeCreated'],
    ['DigitalCreationDate', 'DigitalCreationTime'],
    ['DateSent', 'TimeSent'],
  ];
  for (const [dateTag, timeTag] of pairs) {
    const date = tags[dateTag]?.value;
    if (typeof date !== 'string' || !/^\d{4}:\d{2}:\d{2}$/.test(date)) continue;
    const isoDate = date.replace(/:/g, '-');
    const time = tags[timeTag]?.value;
    const m = typeof time === 'string' ? /^(\d{2}:\d{2}:\d{2})([+-]\d{2}:\d{2})?$/.exec(time) : null;
    if (!m) {
      out.push({ field: `IPTC:${dateTag}`, value: isoDate, hasOffset: false });
      continue;
    }
    const value = `${isoDate}T${m[1]}${m[2] ?? ''}`;
    if (m[2]) out.push({ field: `IPTC:${dateTag}`, value, hasOffset: true, utc: new Date(value).toISOString() });
    else out.push({ field: `IPTC:${dateTag}`, value, hasOffset: false });
  }
  return out;
}
