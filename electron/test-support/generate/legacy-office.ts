import CFB from 'cfb';
import iconv from 'iconv-lite';
import { concatBytes } from './bytes';
import type { FixtureItem } from './fixture-set';

/**
 * Office 97-2003 documents built stream by stream with cfb's compound-file writer: summary property sets with
 * Chinese and Korean values (Unicode, and 8-bit in code pages 936 and 949), a Word document with a piece table
 * mixing cp1252 and UTF-16 pieces, a BIFF8 workbook whose shared strings cross CONTINUE records, and a PowerPoint
 * stream with a superseded edit and a master slide that a reader must not report.
 */

export interface LegacyOfficeExpectation {
  /** group → tag → `value` a correct reader reports (a subset). */
  tags: Record<string, Record<string, string | number | (string | number)[]>>;
  /**
   * `Group:Tag` keys ExifTool reads otherwise, so it is not asked about them: 8-bit CJK strings (it has no CJK code
   * pages), names in UTF-16 dictionaries (it reads their length as bytes), the Unicode current-user name (it takes
   * the ANSI one and what follows), and the save history (its JSON keeps one entry).
   */
  exiftoolDiffers: string[];
  /** The whole extracted text. */
  text: string;
  /** `field` → ISO value of timestamps that must be present. */
  timestamps: Record<string, string>;
}

export type LegacyOfficeFixture = FixtureItem<LegacyOfficeExpectation>;

// ---------------------------------------------------------------------------------------------------------------
// Little-endian building blocks

function le(size: number, write: (v: DataView) => void): Uint8Array {
  const out = new Uint8Array(size);
  write(new DataView(out.buffer));
  return out;
}
const u8 = (n: number): Uint8Array => Uint8Array.of(n & 0xff);
const u16 = (n: number): Uint8Array => le(2, (v) => v.setUint16(0, n & 0xffff, true));
const u32 = (n: number): Uint8Array => le(4, (v) => v.setUint32(0, n >>> 0, true));
const u64 = (n: bigint): Uint8Array => le(8, (v) => v.setBigUint64(0, n, true));
const utf16 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf16le'));
const latin1 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const padded = (b: Uint8Array): Uint8Array => concatBytes([b, new Uint8Array((4 - (b.byteLength % 4)) % 4)]);

/** A FILETIME for an ISO instant: 100-ns ticks since 1601-01-01 UTC. */
export const filetime = (iso: string): bigint => (BigInt(Date.parse(iso)) + 11_644_473_600_000n) * 10_000n;

/** Word's DTTM: the local date and time to the minute, packed into 32 bits. */
function dttm(local: string): number {
  const [date = '', time = ''] = local.split('T');
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  return (((y - 1900) << 20) | (mo << 16) | (d << 11) | (h << 6) | mi) >>> 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Property sets ([MS-OLEPS])

const VT_I2 = 2;
const VT_I4 = 3;
const VT_BOOL = 11;
const VT_VARIANT = 12;
const VT_LPSTR = 30;
const VT_LPWSTR = 31;
const VT_FILETIME = 64;
const VT_BLOB = 65;
const VT_VECTOR = 0x1000;

export type PropValue =
  | { type: 'i2' | 'i4' | 'bool'; value: number }
  | { type: 'lpstr' | 'lpwstr'; value: string }
  | { type: 'filetime'; value: bigint }
  /** `padEach`: pad every string to 4 bytes, as some writers other than Office do. */
  | { type: 'strings'; value: string[]; padEach?: boolean }
  | { type: 'pairs'; value: Array<[string, number]> }
  | { type: 'blob'; value: Uint8Array };

export interface PropertySection {
  fmtid: string;
  codePage: number;
  props: Array<[id: number, value: PropValue]>;
  /** User-defined property names (the dictionary, property 0). */
  names?: Array<[id: number, name: string]>;
}

export const SUMMARY_FMTID = 'F29F85E0-4FF9-1068-AB91-08002B27B3D9';
export const DOC_SUMMARY_FMTID = 'D5CDD502-2E9C-101B-9397-08002B2CF9AE';
export const USER_DEFINED_FMTID = 'D5CDD505-2E9C-101B-9397-08002B2CF9AE';

function guidBytes(guid: string): Uint8Array {
  const h = guid.replace(/-/g, '');
  const swap = (s: string): string => s.match(/../g)!.reverse().join('');
  return new Uint8Array(Buffer.from(swap(h.slice(0, 8)) + swap(h.slice(8, 12)) + swap(h.slice(12, 16)) + h.slice(16), 'hex'));
}

/** An 8-bit string in the section's code page (UTF-16LE when the code page is 1200), with its terminator. */
function codePageBytes(text: string, codePage: number): Uint8Array {
  if (codePage === 1200) return utf16(`${text}\0`);
  return new Uint8Array(iconv.encode(`${text}\0`, `cp${codePage}`));
}

/** Office pads a string to 4 bytes on its own, but not inside a vector. */
function lpstr(text: string, codePage: number, inVector = false): Uint8Array {
  const bytes = codePageBytes(text, codePage);
  const value = concatBytes([u32(bytes.byteLength), bytes]);
  return inVector ? value : padded(value);
}

function typed(v: PropValue, codePage: number): Uint8Array {
  switch (v.type) {
    case 'i2':
      return concatBytes([u32(VT_I2), u16(v.value), u16(0)]);
    case 'bool':
      return concatBytes([u32(VT_BOOL), u16(v.value ? 0xffff : 0), u16(0)]);
    case 'i4':
      return concatBytes([u32(VT_I4), u32(v.value)]);
    case 'lpstr':
      return concatBytes([u32(VT_LPSTR), lpstr(v.value, codePage)]);
    case 'lpwstr':
      return concatBytes([u32(VT_LPWSTR), u32(v.value.length + 1), padded(utf16(`${v.value}\0`))]);
    case 'filetime':
      return concatBytes([u32(VT_FILETIME), u64(v.value)]);
    case 'strings':
      return padded(concatBytes([u32(VT_VECTOR | VT_LPSTR), u32(v.value.length), ...v.value.map((s) => lpstr(s, codePage, !v.padEach))]));
    case 'pairs':
      return padded(
        concatBytes([
          u32(VT_VECTOR | VT_VARIANT),
          u32(v.value.length * 2),
          ...v.value.flatMap(([s, n]) => [u32(VT_LPSTR), lpstr(s, codePage, true), u32(VT_I4), u32(n)]),
        ]),
      );
    case 'blob':
      return concatBytes([u32(VT_BLOB), u32(v.value.byteLength), padded(v.value)]);
  }
}

function dictionary(names: Array<[number, string]>, codePage: number): Uint8Array {
  const entries = names.map(([id, name]) => {
    const bytes = codePageBytes(name, codePage);
    const length = codePage === 1200 ? bytes.byteLength / 2 : bytes.byteLength;
    return concatBytes([u32(id), u32(length), codePage === 1200 ? padded(bytes) : bytes]);
  });
  return padded(concatBytes([u32(names.length), ...entries]));
}

function section(s: PropertySection): Uint8Array {
  const values: Array<[number, Uint8Array]> = [[1, typed({ type: 'i2', value: s.codePage }, s.codePage)]];
  if (s.names) values.unshift([0, dictionary(s.names, s.codePage)]);
  for (const [id, v] of s.props) values.push([id, typed(v, s.codePage)]);
  const headerSize = 8 + values.length * 8;
  let offset = headerSize;
  const index: Uint8Array[] = [];
  for (const [id, bytes] of values) {
    index.push(u32(id), u32(offset));
    offset += bytes.byteLength;
  }
  return concatBytes([u32(offset), u32(values.length), ...index, ...values.map(([, b]) => b)]);
}

/** A property set stream with one or two sections. */
export function propertySetStream(sections: PropertySection[]): Uint8Array {
  const bodies = sections.map(section);
  const headerSize = 28 + sections.length * 20;
  let offset = headerSize;
  const index = sections.map((s, i) => {
    const entry = concatBytes([guidBytes(s.fmtid), u32(offset)]);
    offset += bodies[i]!.byteLength;
    return entry;
  });
  return concatBytes([u16(0xfffe), u16(0), u32(0x00020006), new Uint8Array(16), u32(sections.length), ...index, ...bodies]);
}

/** `_PID_HLINKS`: six variants per link (hash, app, instance, info, address, location). */
function hyperlinkBlob(links: Array<[address: string, location: string]>): Uint8Array {
  const variant = (s: string): Uint8Array => concatBytes([u32(VT_LPWSTR), u32(s.length + 1), padded(utf16(`${s}\0`))]);
  const int = (n: number): Uint8Array => concatBytes([u32(VT_I4), u32(n)]);
  return concatBytes([
    u32(links.length * 6),
    ...links.flatMap(([a, l], i) => [int(i + 1), int(0), int(0), int(1), variant(a), variant(l)]),
  ]);
}

export function compoundFile(streams: Record<string, Uint8Array>): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  for (const [name, bytes] of Object.entries(streams)) CFB.utils.cfb_add(cfb, name, Buffer.from(bytes));
  const out: unknown = CFB.write(cfb, { type: 'buffer' });
  if (!(out instanceof Uint8Array)) throw new Error('cfb did not write a buffer');
  return new Uint8Array(out);
}

// ---------------------------------------------------------------------------------------------------------------
// Word 97-2003

const CREATED = '2024-03-14T01:10:00Z';
const SAVED = '2024-03-15T06:22:05Z';

/** A FIB for Word 97 (nFib 0xC1) with the table in `1Table`, the text counts, and the table-stream pairs set. */
function wordFib(
  ccp: { text: number; footnotes: number },
  pairs: Record<number, [fc: number, lcb: number]>,
  savedTicks: bigint,
): Uint8Array {
  const base = concatBytes([
    u16(0xa5ec),
    u16(0x00c1),
    u16(0),
    u16(0x0804), // Simplified Chinese
    u16(0),
    u16(1 << 9), // fWhichTblStm: 1Table
    u16(0x00bf),
    u32(0),
    u8(0), // envr: Windows
    u8(0),
    u16(0),
    u16(0),
    u32(0),
    u32(0),
  ]);
  const fibRgW = new Uint8Array(28);
  const lw = new Uint32Array(22);
  lw[3] = ccp.text;
  lw[4] = ccp.footnotes;
  const fcLcb = new Uint8Array(0x5d * 8);
  const view = new DataView(fcLcb.buffer);
  for (const [index, [fc, lcb]] of Object.entries(pairs)) {
    view.setUint32(Number(index) * 8, fc, true);
    view.setUint32(Number(index) * 8 + 4, lcb, true);
  }
  view.setBigUint64(0x2b8, savedTicks, true);
  return concatBytes([base, u16(14), fibRgW, u16(22), new Uint8Array(lw.buffer), u16(0x5d), fcLcb, u16(0)]);
}

/**
 * A .doc whose body mixes a cp1252 piece and UTF-16 pieces, with a HYPERLINK field (code hidden, result kept),
 * a two-cell table row and a footnote; GBK (code page 936) summary strings and Unicode document-summary strings.
 */
export function cjkWordDoc(): LegacyOfficeFixture {
  const body = [
    { compressed: false, text: '案件笔记：第12话\r' },
    { compressed: true, text: 'Case notes, see \x13 HYPERLINK "http://example.org/ep12" \x14example.org\x15 for cuts.\r' },
    { compressed: false, text: '원화\x07수정 의견\x07\x07결론：重画。\r' },
  ];
  const footnote = { compressed: false, text: '\x02 脚注：见附件 3。\r' };
  const pieces = [...body, footnote];
  const textStart = 0x1000;
  const pieceBytes: Uint8Array[] = [];
  const pieceEntries: Array<{ cp: number; fc: number; compressed: boolean }> = [];
  let cp = 0;
  let at = textStart;
  for (const p of pieces) {
    const bytes = p.compressed ? latin1(p.text) : utf16(p.text);
    pieceEntries.push({ cp, fc: p.compressed ? (at * 2) | 0x40000000 : at, compressed: p.compressed });
    pieceBytes.push(bytes);
    cp += p.text.length;
    at += bytes.byteLength;
  }
  const ccpText = body.reduce((n, p) => n + p.text.length, 0);
  const plcPcd = concatBytes([
    ...pieceEntries.map((e) => u32(e.cp)),
    u32(cp),
    ...pieceEntries.map((e) => concatBytes([u16(0), u32(e.fc), u16(0)])),
  ]);
  const clx = concatBytes([u8(0x01), u16(2), u16(0), u8(0x02), u32(plcPcd.byteLength), plcPcd]);

  const dop = new Uint8Array(84);
  const dv = new DataView(dop.buffer);
  dv.setUint32(20, dttm('2024-03-14T10:10'), true);
  dv.setUint32(24, dttm('2024-03-15T15:22'), true);
  dv.setUint32(28, dttm('2024-03-15T16:05'), true);
  dv.setUint16(32, 7, true);
  dv.setUint32(34, 125, true);
  dv.setUint32(38, 42, true);
  dv.setUint32(42, 180, true);
  dv.setUint16(46, 1, true);
  dv.setUint32(48, 4, true);
  dv.setUint32(56, 5, true);
  const commentAuthors = concatBytes(['김철수'].flatMap((n) => [u16(n.length), utf16(n)]));
  const savedBy = concatBytes([
    u16(0xffff),
    u16(4),
    u16(0),
    ...['王工', 'C:\\Users\\王工\\案件.doc', '김철수', 'D:\\원화\\案件.doc'].flatMap((s) => [u16(s.length), utf16(s)]),
  ]);
  const table = concatBytes([clx, dop, commentAuthors, savedBy]);
  const fib = wordFib(
    { text: ccpText, footnotes: footnote.text.length },
    {
      31: [clx.byteLength, dop.byteLength],
      33: [0, clx.byteLength],
      36: [clx.byteLength + dop.byteLength, commentAuthors.byteLength],
      71: [clx.byteLength + dop.byteLength + commentAuthors.byteLength, savedBy.byteLength],
    },
    filetime(SAVED),
  );
  const word = concatBytes([fib, new Uint8Array(textStart - fib.byteLength), ...pieceBytes]);

  const summary = propertySetStream([
    {
      fmtid: SUMMARY_FMTID,
      codePage: 936,
      props: [
        [2, { type: 'lpstr', value: '第12话 修改意见' }],
        [4, { type: 'lpstr', value: '王工' }],
        [5, { type: 'lpstr', value: '原画; 修改' }],
        [7, { type: 'lpstr', value: 'Normal.dotm' }],
        [8, { type: 'lpstr', value: '王工' }],
        [9, { type: 'lpstr', value: '7' }],
        [10, { type: 'filetime', value: 125n * 60n * 10_000_000n }],
        [12, { type: 'filetime', value: filetime(CREATED) }],
        [13, { type: 'filetime', value: filetime(SAVED) }],
        [14, { type: 'i4', value: 1 }],
        [15, { type: 'i4', value: 42 }],
        [16, { type: 'i4', value: 180 }],
        [18, { type: 'lpstr', value: 'Microsoft Office Word' }],
        [19, { type: 'i4', value: 0 }],
      ],
    },
  ]);
  const docSummary = propertySetStream([
    {
      fmtid: DOC_SUMMARY_FMTID,
      codePage: 936,
      props: [
        [2, { type: 'lpstr', value: '内部' }],
        [14, { type: 'lpstr', value: '李经理' }],
        [15, { type: 'lpstr', value: '光影动画工作室' }],
        [12, { type: 'pairs', value: [['标题', 1]] }],
        [13, { type: 'strings', value: ['第12话 修改意见'] }],
        [23, { type: 'i4', value: 0x000c0000 }],
      ],
    },
    {
      fmtid: USER_DEFINED_FMTID,
      codePage: 936,
      names: [
        [2, 'Reviewer'],
        [3, '_PID_HLINKS'],
      ],
      props: [
        [2, { type: 'lpwstr', value: '박지민' }],
        [3, { type: 'blob', value: hyperlinkBlob([['http://example.org/ep12', 'cut3']]) }],
      ],
    },
  ]);
  return {
    name: 'office/案件笔记.doc',
    bytes: compoundFile({
      WordDocument: word,
      '1Table': table,
      '\u0005SummaryInformation': summary,
      '\u0005DocumentSummaryInformation': docSummary,
    }),
    expected: {
      tags: {
        FlashPix: {
          Title: '第12话 修改意见',
          Author: '王工',
          Keywords: '原画; 修改',
          Template: 'Normal.dotm',
          LastModifiedBy: '王工',
          RevisionNumber: '7',
          TotalEditTime: '2.1 hours',
          CreateDate: '2024:03:14 01:10:00',
          ModifyDate: '2024:03:15 06:22:05',
          Pages: 1,
          Words: 42,
          Characters: 180,
          Software: 'Microsoft Office Word',
          Security: 'None',
          CodePage: 'Windows Simplified Chinese (PRC, Singapore)',
          Category: '内部',
          Manager: '李经理',
          Company: '光影动画工作室',
          HeadingPairs: ['标题', 1],
          TitleOfParts: '第12话 修改意见',
          AppVersion: '12.0000',
          Reviewer: '박지민',
          Hyperlinks: 'http://example.org/ep12#cut3',
          Identification: 'Word 8.0',
          LanguageCode: 'Simplified Chinese',
          DocFlags: '1Table',
          System: 'Windows',
        },
        'MS-DOC': {
          ModifyDate: '2024:03:15 06:22:05',
          CreateDate: '2024:03:14 10:10:00',
          LastPrinted: '2024:03:15 16:05:00',
          RevisionNumber: 7,
          TotalEditTime: '2.1 hours',
          Words: 42,
          Characters: 180,
          Pages: 1,
          Paragraphs: 4,
          Lines: 5,
          CommentBy: '김철수',
          LastSavedBy: ['王工 (C:\\Users\\王工\\案件.doc)', '김철수 (D:\\원화\\案件.doc)'],
        },
      },
      exiftoolDiffers: [
        ...['Title', 'Author', 'Keywords', 'LastModifiedBy', 'Category', 'Manager', 'Company', 'HeadingPairs', 'TitleOfParts'].map(
          (t) => `FlashPix:${t}`,
        ),
        'MS-DOC:LastSavedBy',
      ],
      text: '案件笔记：第12话\nCase notes, see example.org for cuts.\n원화\t수정 의견\t\t결론：重画。\n\n脚注：见附件 3。',
      timestamps: {
        'FlashPix:CreateDate': '2024-03-14T01:10:00Z',
        'FlashPix:ModifyDate': '2024-03-15T06:22:05Z',
        'MS-DOC:ModifyDate': '2024-03-15T06:22:05Z',
        'MS-DOC:CreateDate': '2024-03-14T10:10:00',
        'MS-DOC:LastPrinted': '2024-03-15T16:05:00',
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Excel 97-2003 (BIFF8)

const record = (type: number, ...data: Uint8Array[]): Uint8Array => {
  const body = concatBytes(data);
  return concatBytes([u16(type), u16(body.byteLength), body]);
};

/** XLUnicodeString: 16-bit count, option byte (1 = UTF-16), characters. */
const xlString = (s: string, wide = /[^\x00-\xff]/.test(s)): Uint8Array =>
  concatBytes([u16(s.length), u8(wide ? 1 : 0), wide ? utf16(s) : latin1(s)]);

/**
 * A workbook: sheet names in Korean and Latin, shared strings of which one is split across an SST and a CONTINUE
 * record (8-bit before the split, UTF-16 after it), LABELSST, LABEL, NUMBER and RK cells; CP949 summary strings.
 */
export function cjkWorkbook(): LegacyOfficeFixture {
  const bof = (kind: number): Uint8Array => record(0x0809, u16(0x0600), u16(kind), u16(0x0dbb), u16(0x07cc), u32(0), u32(0x0600));
  const eof = record(0x000a);
  const cell = (row: number, col: number): Uint8Array => concatBytes([u16(row), u16(col), u16(15)]);
  const rk = (n: number): number => ((n << 2) | 2) >>> 0;

  const sheet1 = concatBytes([
    bof(0x0010),
    record(0x00fd, cell(0, 0), u32(0)),
    record(0x00fd, cell(0, 1), u32(1)),
    record(0x0204, cell(0, 3), xlString('동화')),
    record(0x00fd, cell(1, 0), u32(2)),
    record(
      0x0203,
      cell(1, 2),
      le(8, (v) => v.setFloat64(0, 7.5, true)),
    ),
    record(0x027e, cell(2, 1), u32(rk(42))),
    eof,
  ]);
  const sheet2 = concatBytes([bof(0x0010), record(0x0204, cell(0, 0), xlString('Sheet two')), eof]);

  // The third string: 11 Latin characters in the SST record, the rest in a CONTINUE record after a UTF-16 flag byte.
  const split = { head: 'Scene 12 - ', tail: '修改意见 수정 의견' };
  const sstHead = concatBytes([
    u32(3),
    u32(3),
    xlString('原画'),
    xlString('金哲 김철'),
    u16(split.head.length + split.tail.length),
    u8(0),
    latin1(split.head),
  ]);
  const sst = concatBytes([record(0x00fc, sstHead), record(0x003c, u8(1), utf16(split.tail))]);

  const boundSheet = (at: number, name: string): Uint8Array => {
    const wide = /[^\x00-\xff]/.test(name);
    return record(0x0085, u32(at), u8(0), u8(0), u8(name.length), u8(wide ? 1 : 0), wide ? utf16(name) : latin1(name));
  };
  const globalsFor = (first: number, second: number): Uint8Array =>
    concatBytes([bof(0x0005), record(0x0042, u16(1200)), boundSheet(first, '시간표'), boundSheet(second, 'Sheet2'), sst, eof]);
  const globalsLength = globalsFor(0, 0).byteLength;
  const workbook = concatBytes([globalsFor(globalsLength, globalsLength + sheet1.byteLength), sheet1, sheet2]);

  const summary = propertySetStream([
    {
      fmtid: SUMMARY_FMTID,
      codePage: 949,
      props: [
        [2, { type: 'lpstr', value: '작업 시간표 5화' }],
        [4, { type: 'lpstr', value: '김철수' }],
        [6, { type: 'lpwstr', value: '단위: 시간' }],
        [8, { type: 'lpstr', value: '박지민' }],
        [12, { type: 'filetime', value: filetime(CREATED) }],
        [13, { type: 'filetime', value: filetime(SAVED) }],
        [18, { type: 'lpstr', value: 'Microsoft Excel' }],
        [19, { type: 'i4', value: 2 }],
      ],
    },
  ]);
  const docSummary = propertySetStream([
    {
      fmtid: DOC_SUMMARY_FMTID,
      codePage: 949,
      props: [
        [15, { type: 'lpstr', value: '한빛 스튜디오' }],
        [11, { type: 'bool', value: 0 }],
        [13, { type: 'strings', value: ['시간표', 'Sheet2'] }],
        [12, { type: 'pairs', value: [['워크시트', 2]] }],
      ],
    },
  ]);
  return {
    name: 'office/작업시간표.xls',
    bytes: compoundFile({ Workbook: workbook, '\u0005SummaryInformation': summary, '\u0005DocumentSummaryInformation': docSummary }),
    expected: {
      tags: {
        FlashPix: {
          Title: '작업 시간표 5화',
          Author: '김철수',
          Comments: '단위: 시간',
          LastModifiedBy: '박지민',
          CreateDate: '2024:03:14 01:10:00',
          ModifyDate: '2024:03:15 06:22:05',
          Software: 'Microsoft Excel',
          Security: 'Read-only recommended',
          CodePage: 'Windows Korean (Unified Hangul Code)',
          Company: '한빛 스튜디오',
          ScaleCrop: 'No',
          TitleOfParts: ['시간표', 'Sheet2'],
          HeadingPairs: ['워크시트', 2],
        },
      },
      exiftoolDiffers: ['Title', 'Author', 'LastModifiedBy', 'Company', 'TitleOfParts', 'HeadingPairs'].map((t) => `FlashPix:${t}`),
      text: ['시간표\t原画\t金哲 김철\t\t동화', '시간표\tScene 12 - 修改意见 수정 의견\t\t7.5', '시간표\t\t42', 'Sheet2\tSheet two'].join(
        '\n',
      ),
      timestamps: { 'FlashPix:CreateDate': '2024-03-14T01:10:00Z', 'FlashPix:ModifyDate': '2024-03-15T06:22:05Z' },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// PowerPoint 97-2003

const atom = (type: number, data: Uint8Array, instance = 0): Uint8Array =>
  concatBytes([u16(instance << 4), u16(type), u32(data.byteLength), data]);
const container = (type: number, ...children: Uint8Array[]): Uint8Array => {
  const body = concatBytes(children);
  return concatBytes([u16(0x000f), u16(type), u32(body.byteLength), body]);
};
const textChars = (s: string): Uint8Array => atom(0x0fa0, utf16(s));
const textBytes = (s: string): Uint8Array => atom(0x0fa8, latin1(s));
const slidePersist = (id: number): Uint8Array => atom(0x03f3, concatBytes([u32(id), u32(0), u32(0), u32(0), u32(0)]));

/**
 * A presentation saved twice: the first document version (still in the stream) held a title the second save
 * replaced; the persist directory of the last edit points at the second. A master slide carries template prompts.
 */
export function cjkPresentation(): LegacyOfficeFixture {
  const oldDocument = container(0x03e8, container(0x0ff0, slidePersist(256), textChars('旧标题 (superseded)')));
  const master = container(0x03f8, textChars('Click to edit Master title style'));
  const slideList = container(
    0x0ff0,
    slidePersist(256),
    atom(0x0f9f, u32(0)),
    textChars('第12话 原画审核\r원화 검토'),
    atom(0x0f9f, u32(1)),
    textBytes('Review notes'),
    slidePersist(257),
    atom(0x0f9f, u32(0)),
    textChars('수정 의견\v눈 크기 조정'),
  );
  const document = container(0x03e8, slideList);
  const slide = container(0x03ee, container(0xf00d, textChars('备注：第3镜')));

  const persistDirectory = (entries: Array<[id: number, offsets: number[]]>): Uint8Array =>
    atom(0x1772, concatBytes(entries.flatMap(([id, offsets]) => [u32(id | (offsets.length << 20)), ...offsets.map(u32)])));
  const userEdit = (lastEdit: number, directoryAt: number): Uint8Array =>
    atom(0x0ff5, concatBytes([u32(256), u16(0), u8(0), u8(3), u32(lastEdit), u32(directoryAt), u32(1), u32(3), u16(1), u16(0)]));

  // First save: [old document][master][directory 1][edit 1]. Second save appends [document][slide][directory 2][edit 2].
  const oldAt = 0;
  const masterAt = oldAt + oldDocument.byteLength;
  const dir1At = masterAt + master.byteLength;
  const dir1 = persistDirectory([[1, [oldAt, masterAt]]]);
  const edit1At = dir1At + dir1.byteLength;
  const edit1 = userEdit(0, dir1At);
  const documentAt = edit1At + edit1.byteLength;
  const slideAt = documentAt + document.byteLength;
  const dir2At = slideAt + slide.byteLength;
  const dir2 = persistDirectory([
    [1, [documentAt]],
    [3, [slideAt]],
  ]);
  const edit2At = dir2At + dir2.byteLength;
  const stream = concatBytes([oldDocument, master, dir1, edit1, document, slide, dir2, userEdit(edit1At, dir2At)]);

  const user = '박지민';
  const currentUser = atom(
    0x0ff6,
    concatBytes([
      u32(0x14),
      u32(0xe391c05f),
      u32(edit2At),
      u16(user.length),
      u16(0x03f4),
      u8(3),
      u8(0),
      u16(0),
      latin1('???'),
      u32(8),
      utf16(user),
    ]),
  );

  const summary = propertySetStream([
    {
      fmtid: SUMMARY_FMTID,
      codePage: 1200,
      props: [
        [2, { type: 'lpstr', value: '原画审核 원화 검토' }],
        [4, { type: 'lpstr', value: '박지민' }],
        [6, { type: 'lpwstr', value: '修改后请回传' }],
        [11, { type: 'filetime', value: filetime('2024-03-16T02:00:00Z') }],
        [12, { type: 'filetime', value: filetime(CREATED) }],
        [13, { type: 'filetime', value: filetime(SAVED) }],
        [18, { type: 'lpstr', value: 'Microsoft PowerPoint' }],
      ],
    },
  ]);
  const docSummary = propertySetStream([
    {
      fmtid: DOC_SUMMARY_FMTID,
      codePage: 1200,
      props: [
        [3, { type: 'lpstr', value: 'On-screen Show' }],
        [7, { type: 'i4', value: 2 }],
        [15, { type: 'lpstr', value: '한빛' }],
      ],
    },
    {
      fmtid: USER_DEFINED_FMTID,
      codePage: 1200,
      names: [[2, 'review date']],
      props: [[2, { type: 'filetime', value: filetime('2024-03-20T00:00:00Z') }]],
    },
  ]);
  return {
    name: 'office/review.ppt',
    bytes: compoundFile({
      'PowerPoint Document': stream,
      'Current User': currentUser,
      '\u0005SummaryInformation': summary,
      '\u0005DocumentSummaryInformation': docSummary,
    }),
    expected: {
      tags: {
        FlashPix: {
          Title: '原画审核 원화 검토',
          Author: '박지민',
          Comments: '修改后请回传',
          LastPrinted: '2024:03:16 02:00:00',
          CreateDate: '2024:03:14 01:10:00',
          ModifyDate: '2024:03:15 06:22:05',
          Software: 'Microsoft PowerPoint',
          CodePage: 'Unicode UTF-16, little endian',
          PresentationTarget: 'On-screen Show',
          Slides: 2,
          Company: '한빛',
          ReviewDate: '2024:03:20 00:00:00',
          CurrentUser: '박지민',
        },
      },
      exiftoolDiffers: ['FlashPix:ReviewDate', 'FlashPix:CurrentUser'],
      text: '第12话 原画审核\n원화 검토\nReview notes\n\n수정 의견\n눈 크기 조정\n\n备注：第3镜',
      timestamps: {
        'FlashPix:LastPrinted': '2024-03-16T02:00:00Z',
        'FlashPix:CreateDate': '2024-03-14T01:10:00Z',
        'FlashPix:ModifyDate': '2024-03-15T06:22:05Z',
        'FlashPix:ReviewDate': '2024-03-20T00:00:00Z',
      },
    },
  };
}

export function legacyOfficeFixtures(): LegacyOfficeFixture[] {
  return [cjkWordDoc(), cjkWorkbook(), cjkPresentation()];
}

/** The root streams of a generated compound file, by name: for tests that damage one stream and read it alone. */
export function streamsOf(bytes: Uint8Array): Map<string, Uint8Array> {
  const container = CFB.parse(Buffer.from(bytes));
  const streams = new Map<string, Uint8Array>();
  container.FileIndex.forEach((entry) => {
    if (entry.type === 2) streams.set(entry.name, new Uint8Array(entry.content));
  });
  return streams;
}
