import type { MetadataGroups, MetaValue, TimestampEntry } from '../../../shared/domain/extraction';
import { decodeBytes } from '../encoding/decode';
import { ByteReader } from '../image/binary';
import { convertTimeSpan } from '../time-span';

/**
 * Word 97-2003 binary documents ([MS-DOC]): the File Information Block (ExifTool's FlashPix Identification,
 * LanguageCode, DocFlags, System, Word97), the document properties in the table stream (ExifTool's `MS-DOC`
 * group), and the text, assembled through the piece table: 8-bit pieces are cp1252, the others UTF-16LE.
 */

export interface WordDocument {
  metadata: MetadataGroups;
  timestamps: TimestampEntry[];
  text?: string;
  warnings: string[];
}

const WORD_8 = 0xa5ec;
const IDENTIFICATION: Record<number, string> = { 0x6a62: 'MS Word 97', 0x626a: 'Word 98 Mac', 0xa5dc: 'Word 6.0/7.0', 0xa5ec: 'Word 8.0' };

const LANGUAGES: Record<number, string> = {
  0x0400: 'None',
  0x0401: 'Arabic',
  0x0402: 'Bulgarian',
  0x0403: 'Catalan',
  0x0404: 'Traditional Chinese',
  0x0804: 'Simplified Chinese',
  0x0405: 'Czech',
  0x0406: 'Danish',
  0x0407: 'German',
  0x0807: 'German (Swiss)',
  0x0408: 'Greek',
  0x0409: 'English (US)',
  0x0809: 'English (British)',
  0x0c09: 'English (Australian)',
  0x040a: 'Spanish (Castilian)',
  0x080a: 'Spanish (Mexican)',
  0x040b: 'Finnish',
  0x040c: 'French',
  0x080c: 'French (Belgian)',
  0x0c0c: 'French (Canadian)',
  0x100c: 'French (Swiss)',
  0x040d: 'Hebrew',
  0x040e: 'Hungarian',
  0x040f: 'Icelandic',
  0x0410: 'Italian',
  0x0810: 'Italian (Swiss)',
  0x0411: 'Japanese',
  0x0412: 'Korean',
  0x0413: 'Dutch',
  0x0813: 'Dutch (Belgian)',
  0x0414: 'Norwegian (Bokmal)',
  0x0814: 'Norwegian (Nynorsk)',
  0x0415: 'Polish',
  0x0416: 'Portuguese (Brazilian)',
  0x0816: 'Portuguese',
  0x0417: 'Rhaeto-Romanic',
  0x0418: 'Romanian',
  0x0419: 'Russian',
  0x041a: 'Croato-Serbian (Latin)',
  0x081a: 'Serbo-Croatian (Cyrillic)',
  0x041b: 'Slovak',
  0x041c: 'Albanian',
  0x041d: 'Swedish',
  0x041e: 'Thai',
  0x041f: 'Turkish',
  0x0420: 'Urdu',
  0x0421: 'Bahasa',
  0x0422: 'Ukrainian',
  0x0423: 'Byelorussian',
  0x0424: 'Slovenian',
  0x0425: 'Estonian',
  0x0426: 'Latvian',
  0x0427: 'Lithuanian',
  0x0429: 'Farsi',
  0x042d: 'Basque',
  0x042f: 'Macedonian',
  0x0436: 'Afrikaans',
  0x043e: 'Malaysian',
};

const DOC_FLAGS = [
  'Template',
  'AutoText only',
  'Complex',
  'Has picture',
  '',
  '',
  '',
  '',
  'Encrypted',
  '1Table',
  'Read only',
  'Passworded',
  'ExtChar',
  'Load override',
  'Far east',
  'Obfuscated',
];
const F_ENCRYPTED = 1 << 8;
const F_WHICH_TABLE = 1 << 9;
const F_OBFUSCATED = 1 << 15;

/** Offsets in FibRgFcLcb (pairs of 32-bit offset and length in the table stream). */
const FC_DOP = 31 * 8;
const FC_CLX = 33 * 8;
const FC_COMMENT_AUTHORS = 36 * 8;
const FC_SAVED_BY = 71 * 8;
/** Where ExifTool finds a FILETIME of the last save in the FIB (MS-DOC:ModifyDate). */
const FIB_MODIFY_DATE = 0x2b8;

/** CP counts of the stories after the main text, in CP order (FibRgLw97 fields 4-10). */
const STORIES = ['footnotes', 'headers', 'macros', 'comments', 'endnotes', 'text boxes', 'header text boxes'] as const;

const MAX_CHARS = 16 * 1024 * 1024;
const SECONDS_1601_TO_1970 = 11_644_473_600;

const hex4 = (n: number): string => `0x${n.toString(16).padStart(4, '0')}`;

/** ExifTool's ConvertDTTM: Word's packed local date and time (minutes), zero as 0000:00:00. */
function dttm(v: number): { value: string; iso?: string } {
  const year = v === 0 ? 0 : ((v >>> 20) & 0x1ff) + 1900;
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  const [mon, day, hour, min] = [(v >>> 16) & 0x0f, (v >>> 11) & 0x1f, (v >>> 6) & 0x1f, v & 0x3f];
  const value = `${pad(year, 4)}:${pad(mon)}:${pad(day)} ${pad(hour)}:${pad(min)}:00`;
  const valid = v !== 0 && mon >= 1 && mon <= 12 && day >= 1 && hour < 24 && min < 60;
  return valid ? { value, iso: `${pad(year, 4)}-${pad(mon)}-${pad(day)}T${pad(hour)}:${pad(min)}:00` } : { value };
}

/** Strings of 16-bit length-prefixed UTF-16LE, one after another, within `end`. */
function utf16List(r: ByteReader, at: number, end: number, max: number): string[] {
  const out: string[] = [];
  let o = at;
  while (o + 2 <= end && out.length < max) {
    const length = r.u16(o) ?? 0;
    const bytes = o + 2 + length * 2 <= end ? r.slice(o + 2, length * 2) : undefined;
    if (!bytes) break;
    out.push(decodeBytes(bytes, 'utf-16le'));
    o += 2 + length * 2;
  }
  return out;
}

/** Removes Word's control characters: field codes (keeping field results), anchors, note marks; breaks become newlines. */
export function plainWordText(raw: string): string {
  let out = '';
  const fields: boolean[] = [];
  let inCode = 0;
  for (const ch of raw) {
    const c = ch.charCodeAt(0);
    if (c === 0x13) {
      fields.push(true);
      inCode++;
      continue;
    }
    if (c === 0x14 || c === 0x15) {
      if (fields.length > 0 && fields[fields.length - 1]) inCode--;
      if (c === 0x14 && fields.length > 0) fields[fields.length - 1] = false;
      else fields.pop();
      continue;
    }
    if (inCode > 0) continue;
    if (c === 0x0d || c === 0x0b || c === 0x0c || c === 0x0e) out += '\n';
    else if (c === 0x07) out += '\t';
    else if (c === 0x1e) out += '\u2011';
    else if (c < 0x20 && c !== 0x09) continue;
    else out += ch;
  }
  return out
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

interface Piece {
  cpStart: number;
  cpEnd: number;
  fc: number;
  compressed: boolean;
}

/** The piece table (PlcPcd) inside the Clx: after any Prc blocks of formatting, one Pcdt. */
function pieces(table: ByteReader, fcClx: number, lcbClx: number, warnings: string[]): Piece[] {
  const end = Math.min(fcClx + lcbClx, table.length);
  let o = fcClx;
  while (o < end && table.u8(o) === 0x01) o += 3 + Math.max(0, table.i16(o + 1) ?? 0);
  if (o + 5 > end || table.u8(o) !== 0x02) {
    warnings.push('Word: no piece table in the Clx');
    return [];
  }
  const lcb = table.u32(o + 1) ?? 0;
  const plc = o + 5;
  if (plc + lcb > end || lcb < 16) {
    warnings.push('Word: the piece table runs past its Clx');
    return [];
  }
  const n = Math.floor((lcb - 4) / 12);
  const out: Piece[] = [];
  for (let i = 0; i < n; i++) {
    const cpStart = table.u32(plc + i * 4) ?? 0;
    const cpEnd = table.u32(plc + (i + 1) * 4) ?? 0;
    const fcCompressed = table.u32(plc + (n + 1) * 4 + i * 8 + 2) ?? 0;
    if (cpEnd < cpStart) {
      warnings.push(`Word: piece ${i} has a negative length`);
      continue;
    }
    out.push({ cpStart, cpEnd, fc: fcCompressed & 0x3fffffff, compressed: (fcCompressed & 0x40000000) !== 0 });
  }
  return out;
}

/** The document's characters from CP 0 to `cpLimit`, piece by piece, as stored (control characters included). */
function documentCharacters(word: Uint8Array, list: Piece[], cpLimit: number, warnings: string[]): string {
  let text = '';
  for (const [i, p] of list.entries()) {
    if (p.cpStart >= cpLimit || text.length >= MAX_CHARS) break;
    const count = Math.min(p.cpEnd, cpLimit) - p.cpStart;
    const start = p.compressed ? p.fc / 2 : p.fc;
    const length = p.compressed ? count : count * 2;
    if (!Number.isInteger(start) || start + length > word.byteLength) {
      warnings.push(`Word: piece ${i} points outside the WordDocument stream`);
      continue;
    }
    const bytes = word.subarray(start, start + length);
    text += p.compressed ? decodeBytes(bytes, 'windows-1252') : decodeBytes(bytes, 'utf-16le');
  }
  return text;
}

export function readWordDocument(word: Uint8Array, streams: ReadonlyMap<string, Uint8Array>): WordDocument {
  const result: WordDocument = { metadata: {}, timestamps: [], warnings: [] };
  const r = new ByteReader(word, true);
  const ident = r.u16(0);
  if (ident !== WORD_8) {
    result.warnings.push(
      ident === 0xa5dc
        ? 'Word 6.0/95 document: its text was not extracted'
        : `WordDocument stream with an unknown signature ${hex4(ident ?? 0)}: its text was not extracted`,
    );
    return result;
  }
  const flags = r.u16(0x0a) ?? 0;
  const envr = r.u16(0x12) ?? 0;
  const lid = r.u16(0x06) ?? 0;
  const docFlags = flags & 0xff0f;
  const flagNames = DOC_FLAGS.filter((name, i) => name && docFlags & (1 << i));
  result.metadata['FlashPix'] = {
    Identification: { value: IDENTIFICATION[ident] ?? `Unknown (${hex4(ident)})`, raw: ident },
    LanguageCode: { value: LANGUAGES[lid] ?? `Unknown (${hex4(lid)})`, raw: lid },
    DocFlags: { value: flagNames.length > 0 ? flagNames.join(', ') : '(none)', raw: docFlags },
    System: { value: envr & 1 ? 'Macintosh' : 'Windows', raw: envr & 1 },
    Word97: { value: envr & 0x10 ? 'Yes' : 'No', raw: (envr & 0x10) >> 4 },
  };

  // FibBase (32 bytes), then three variable-length arrays, each after its own count.
  const csw = r.u16(32) ?? 0;
  const lwAt = 34 + csw * 2 + 2;
  const cslw = r.u16(lwAt - 2) ?? 0;
  const fcAt = lwAt + cslw * 4 + 2;
  const fcLength = (r.u16(fcAt - 2) ?? 0) * 8;
  if (cslw < 11 || fcAt + Math.min(fcLength, FC_CLX + 8) > word.byteLength || fcLength < FC_CLX + 8) {
    result.warnings.push('Word: the File Information Block is truncated');
    return result;
  }
  const pair = (offset: number): { fc: number; lcb: number } | undefined =>
    offset + 8 <= fcLength ? { fc: r.u32(fcAt + offset) ?? 0, lcb: r.u32(fcAt + offset + 4) ?? 0 } : undefined;

  if (flags & (F_ENCRYPTED | F_OBFUSCATED)) {
    result.warnings.push('Word document is encrypted or obfuscated: its text and document properties were not read');
    return result;
  }
  const tableName = flags & F_WHICH_TABLE ? '1Table' : '0Table';
  const tableBytes = streams.get(tableName);
  if (!tableBytes) {
    result.warnings.push(`Word: the ${tableName} stream is missing`);
    return result;
  }
  const table = new ByteReader(tableBytes, true);
  const docGroup = properties(r, table, fcAt, pair, result);
  if (Object.keys(docGroup).length > 0) result.metadata['MS-DOC'] = docGroup;

  const clx = pair(FC_CLX);
  const ccpText = r.u32(lwAt + 12) ?? 0;
  const storyLengths = STORIES.map((_, i) => r.u32(lwAt + 16 + i * 4) ?? 0);
  const total = Math.min(ccpText + storyLengths.reduce((a, b) => a + b, 0), MAX_CHARS);
  const chars = clx ? documentCharacters(word, pieces(table, clx.fc, clx.lcb, result.warnings), total, result.warnings) : '';
  const sections = [plainWordText(chars.slice(0, ccpText))];
  let cp = ccpText;
  for (const length of storyLengths) {
    sections.push(plainWordText(chars.slice(cp, cp + length)));
    cp += length;
  }
  const text = sections.filter(Boolean).join('\n\n');
  if (text) result.text = text;
  return result;
}

/** The MS-DOC group: the FIB's last-save time, the DOP's counts and local dates, comment authors and the save history. */
function properties(
  r: ByteReader,
  table: ByteReader,
  fcAt: number,
  pair: (offset: number) => { fc: number; lcb: number } | undefined,
  result: WordDocument,
): Record<string, MetaValue> {
  const group: Record<string, MetaValue> = {};
  const modifiedTicks = r.u64(fcAt + FIB_MODIFY_DATE);
  const modified = modifiedTicks === undefined ? 0 : modifiedTicks * 1e-7 - SECONDS_1601_TO_1970;
  if (modified > 0 && r.has(fcAt + FIB_MODIFY_DATE, 8) && pair(FIB_MODIFY_DATE)) {
    const iso = new Date(Math.floor(modified) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    group['ModifyDate'] = { value: `${iso.slice(0, 10).replace(/-/g, ':')} ${iso.slice(11, 19)}` };
    result.timestamps.push({ field: 'MS-DOC:ModifyDate', value: iso, hasOffset: true, utc: iso });
  }
  const dop = pair(FC_DOP);
  if (dop && dop.lcb >= 60 && table.has(dop.fc, 60)) {
    const d = dop.fc;
    const local = (tag: string, at: number): void => {
      const t = dttm(table.u32(at) ?? 0);
      if (tag in group) return;
      group[tag] = { value: t.value };
      // Word writes these in the author's local time, with no zone.
      if (t.iso) result.timestamps.push({ field: `MS-DOC:${tag}`, value: t.iso, hasOffset: false });
    };
    local('CreateDate', d + 20);
    local('ModifyDate', d + 24);
    local('LastPrinted', d + 28);
    group['RevisionNumber'] = { value: table.u16(d + 32) ?? 0 };
    const minutes = table.u32(d + 34) ?? 0;
    group['TotalEditTime'] = { value: convertTimeSpan(minutes, 60), raw: minutes };
    group['Words'] = { value: table.u32(d + 38) ?? 0 };
    group['Characters'] = { value: table.u32(d + 42) ?? 0 };
    group['Pages'] = { value: table.u16(d + 46) ?? 0 };
    group['Paragraphs'] = { value: table.u32(d + 48) ?? 0 };
    group['Lines'] = { value: table.u32(d + 56) ?? 0 };
  } else if (dop && dop.lcb > 0) result.warnings.push('Word: the document properties (DOP) point outside the table stream');

  const authors = pair(FC_COMMENT_AUTHORS);
  if (authors && authors.lcb > 0 && table.has(authors.fc, authors.lcb)) {
    const names = utf16List(table, authors.fc, authors.fc + authors.lcb, 10_000);
    if (names.length > 0) group['CommentBy'] = { value: names.length === 1 ? (names[0] ?? '') : names };
  }
  const savedBy = pair(FC_SAVED_BY);
  if (savedBy && savedBy.lcb >= 6 && table.has(savedBy.fc, savedBy.lcb)) {
    // An extended STTB: 0xFFFF, the string count, extra bytes per string (0); strings alternate author and path.
    const strings = utf16List(table, savedBy.fc + 6, savedBy.fc + savedBy.lcb, table.u16(savedBy.fc + 2) ?? 0);
    const history: string[] = [];
    for (let i = 0; i + 1 < strings.length; i += 2) history.push(`${strings[i] ?? ''} (${strings[i + 1] ?? ''})`);
    if (history.length > 0) group['LastSavedBy'] = { value: history.length === 1 ? (history[0] ?? '') : history };
  }
  return group;
}
