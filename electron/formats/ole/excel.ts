import { decodeBytes } from '../encoding/decode';
import { decodeCodePage } from '../encoding/windows-code-pages';
import { ByteReader } from '../image/binary';

/**
 * Excel 97-2003 workbooks ([MS-XLS], BIFF8; BIFF5 in a `Book` stream): sheet names, and the cells of each sheet as
 * text rows like the OOXML reader's (`sheet⇥A⇥B`), from the shared string table (SST, across CONTINUE records),
 * LABELSST, LABEL and RSTRING cells, numbers (NUMBER, RK, MULRK) and cached formula results.
 */

const BOF = 0x0809;
const EOF = 0x000a;
const CONTINUE = 0x003c;
const FILEPASS = 0x002f;
const CODEPAGE = 0x0042;
const BOUNDSHEET = 0x0085;
const SST = 0x00fc;
const LABELSST = 0x00fd;
const LABEL = 0x0204;
const RSTRING = 0x00d6;
const NUMBER = 0x0203;
const RK = 0x027e;
const MULRK = 0x00bd;
const BOOLERR = 0x0205;
const FORMULA = 0x0006;
const STRING = 0x0207;

const BIFF8 = 0x0600;
const WORKSHEET = 0x0010;
const MAX_PAD_COLUMNS = 256;
const MAX_CELLS = 2_000_000;

export interface WorkbookText {
  text?: string;
  warnings: string[];
}

interface BiffRecord {
  type: number;
  data: Uint8Array;
  offset: number;
}

function* records(stream: Uint8Array): Generator<BiffRecord> {
  const r = new ByteReader(stream, true);
  for (let o = 0; o + 4 <= stream.byteLength;) {
    const type = r.u16(o) ?? 0;
    const length = r.u16(o + 2) ?? 0;
    const data = r.slice(o + 4, length) ?? stream.subarray(o + 4);
    yield { type, data, offset: o };
    o += 4 + length;
  }
}

/**
 * Reads across a record and its CONTINUE records. Characters of a string split at a record boundary resume after a
 * new option byte (8-bit or UTF-16), which `chars` handles; other fields simply continue.
 */
class ContinuedReader {
  private segment = 0;
  private pos = 0;

  constructor(private readonly segments: Uint8Array[]) {}

  private current(): Uint8Array | undefined {
    while (this.segment < this.segments.length && this.pos >= (this.segments[this.segment]?.byteLength ?? 0)) {
      this.segment++;
      this.pos = 0;
    }
    return this.segments[this.segment];
  }

  get done(): boolean {
    return this.current() === undefined;
  }

  u8(): number | undefined {
    const seg = this.current();
    if (!seg) return undefined;
    return seg[this.pos++];
  }

  u16(): number | undefined {
    const lo = this.u8();
    const hi = this.u8();
    return lo === undefined || hi === undefined ? undefined : lo | (hi << 8);
  }

  u32(): number | undefined {
    const lo = this.u16();
    const hi = this.u16();
    return lo === undefined || hi === undefined ? undefined : (lo | (hi << 16)) >>> 0;
  }

  skip(count: number): void {
    let left = count;
    while (left > 0) {
      const seg = this.current();
      if (!seg) return;
      const step = Math.min(left, seg.byteLength - this.pos);
      this.pos += step;
      left -= step;
    }
  }

  chars(count: number, highByte: boolean): string | undefined {
    let out = '';
    let wide = highByte;
    let left = count;
    while (left > 0) {
      let seg = this.segments[this.segment];
      if (!seg) return undefined;
      if (this.pos >= seg.byteLength) {
        // The characters go on in the next record, after a byte that says how they are stored from there.
        this.segment++;
        this.pos = 0;
        seg = this.segments[this.segment];
        if (!seg || seg.byteLength === 0) return undefined;
        wide = ((seg[this.pos++] ?? 0) & 1) === 1;
      }
      const width = wide ? 2 : 1;
      const take = Math.min(left, Math.floor((seg.byteLength - this.pos) / width));
      if (take === 0) return undefined;
      const bytes = seg.subarray(this.pos, this.pos + take * width);
      out += wide ? decodeBytes(bytes, 'utf-16le') : decodeBytes(bytes, 'latin1');
      this.pos += take * width;
      left -= take;
    }
    return out;
  }
}

/** The shared strings: XLUnicodeRichExtendedString entries, rich-text runs and phonetic data skipped. */
function sharedStrings(segments: Uint8Array[], warnings: string[]): string[] {
  const reader = new ContinuedReader(segments);
  reader.u32();
  const unique = reader.u32() ?? 0;
  const strings: string[] = [];
  for (let i = 0; i < unique && !reader.done; i++) {
    const count = reader.u16();
    const flags = reader.u8();
    if (count === undefined || flags === undefined) break;
    const runs = flags & 0x08 ? (reader.u16() ?? 0) : 0;
    const extended = flags & 0x04 ? (reader.u32() ?? 0) : 0;
    const text = reader.chars(count, (flags & 1) === 1);
    if (text === undefined) {
      warnings.push(`Excel: shared string ${i} is truncated`);
      break;
    }
    strings.push(text);
    reader.skip(runs * 4 + extended);
  }
  return strings;
}

/** XLUnicodeString (BIFF8: 16-bit count, option byte, characters) or a BIFF5 byte string in the workbook's code page. */
function cellString(data: Uint8Array, at: number, biff8: boolean, codePage: number | undefined, shortCount = false): string | undefined {
  const r = new ByteReader(data, true);
  const count = shortCount ? r.u8(at) : r.u16(at);
  if (count === undefined) return undefined;
  const start = at + (shortCount ? 1 : 2);
  if (!biff8) {
    const bytes = r.slice(start, count) ?? data.subarray(start);
    return decodeCodePage(bytes, codePage).text;
  }
  const wide = ((r.u8(start) ?? 0) & 1) === 1;
  const bytes = r.slice(start + 1, count * (wide ? 2 : 1)) ?? data.subarray(start + 1);
  return wide ? decodeBytes(bytes.subarray(0, bytes.byteLength & ~1), 'utf-16le') : decodeBytes(bytes, 'latin1');
}

/** An RK number: a 30-bit integer or the top of a double, optionally divided by 100. */
function rkNumber(rk: number): number {
  let n: number;
  if (rk & 2) n = rk >> 2;
  else {
    const view = new DataView(new ArrayBuffer(8));
    view.setUint32(4, rk & 0xfffffffc, true);
    n = view.getFloat64(0, true);
  }
  return rk & 1 ? n / 100 : n;
}

const numberText = (n: number): string => (Number.isFinite(n) ? String(n) : '');

class Sheet {
  private readonly rows = new Map<number, Map<number, string>>();
  cells = 0;

  constructor(readonly name: string) {}

  set(row: number, col: number, text: string): void {
    if (text === '' || this.cells >= MAX_CELLS) return;
    let cols = this.rows.get(row);
    if (!cols) this.rows.set(row, (cols = new Map()));
    if (!cols.has(col)) this.cells++;
    cols.set(col, text);
  }

  lines(): string[] {
    return [...this.rows.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, cols]) => {
        const cells: string[] = [];
        for (const [col, text] of [...cols.entries()].sort(([a], [b]) => a - b)) {
          if (col - cells.length <= MAX_PAD_COLUMNS) while (cells.length < col) cells.push('');
          cells.push(text);
        }
        return [this.name, ...cells].join('\t');
      });
  }
}

export function workbookText(stream: Uint8Array): WorkbookText {
  const warnings: string[] = [];
  let biff8 = true;
  let codePage: number | undefined;
  const sheetNames = new Map<number, string>();
  const sheets: Sheet[] = [];
  let shared: string[] = [];
  let sheet: Sheet | undefined;
  let sstSegments: Uint8Array[] | undefined;
  let pendingFormula: { row: number; col: number } | undefined;
  let globals = true;

  for (const rec of records(stream)) {
    const r = new ByteReader(rec.data, true);
    if (sstSegments && rec.type !== CONTINUE) {
      shared = sharedStrings(sstSegments, warnings);
      sstSegments = undefined;
    }
    switch (rec.type) {
      case BOF: {
        const version = r.u16(0) ?? 0;
        const kind = r.u16(2) ?? 0;
        if (globals) biff8 = version === BIFF8;
        globals = false;
        if (kind === WORKSHEET) {
          sheet = new Sheet(sheetNames.get(rec.offset) ?? `Sheet${sheets.length + 1}`);
          sheets.push(sheet);
        } else sheet = undefined;
        break;
      }
      case EOF:
        sheet = undefined;
        break;
      case FILEPASS:
        warnings.push('Excel workbook is encrypted: its text was not extracted');
        return { warnings };
      case CODEPAGE:
        codePage = r.u16(0);
        break;
      case BOUNDSHEET: {
        const name = cellString(rec.data, 6, biff8, codePage, true);
        const at = r.u32(0);
        if (name !== undefined && at !== undefined) sheetNames.set(at, name);
        break;
      }
      case SST:
        sstSegments = [rec.data];
        break;
      case CONTINUE:
        sstSegments?.push(rec.data);
        break;
      case LABELSST:
        sheet?.set(r.u16(0) ?? 0, r.u16(2) ?? 0, shared[r.u32(6) ?? -1] ?? '');
        break;
      case LABEL:
      case RSTRING:
        sheet?.set(r.u16(0) ?? 0, r.u16(2) ?? 0, cellString(rec.data, 6, biff8, codePage) ?? '');
        break;
      case NUMBER:
        sheet?.set(r.u16(0) ?? 0, r.u16(2) ?? 0, numberText(r.f64(6) ?? NaN));
        break;
      case RK:
        sheet?.set(r.u16(0) ?? 0, r.u16(2) ?? 0, numberText(rkNumber(r.u32(6) ?? 0)));
        break;
      case MULRK: {
        const row = r.u16(0) ?? 0;
        const first = r.u16(2) ?? 0;
        const count = Math.floor((rec.data.byteLength - 6) / 6);
        for (let i = 0; i < count; i++) sheet?.set(row, first + i, numberText(rkNumber(r.u32(4 + i * 6 + 2) ?? 0)));
        break;
      }
      case BOOLERR:
        if (r.u8(7) === 0) sheet?.set(r.u16(0) ?? 0, r.u16(2) ?? 0, r.u8(6) ? 'TRUE' : 'FALSE');
        break;
      case FORMULA: {
        const row = r.u16(0) ?? 0;
        const col = r.u16(2) ?? 0;
        // A cached result whose last two bytes are 0xFFFF is not a number: type 0 means a STRING record follows.
        if (r.u16(12) !== 0xffff) sheet?.set(row, col, numberText(r.f64(6) ?? NaN));
        else if (r.u8(6) === 0) pendingFormula = { row, col };
        else if (r.u8(6) === 1) sheet?.set(row, col, r.u8(8) ? 'TRUE' : 'FALSE');
        break;
      }
      case STRING:
        if (pendingFormula) sheet?.set(pendingFormula.row, pendingFormula.col, cellString(rec.data, 0, biff8, codePage) ?? '');
        pendingFormula = undefined;
        break;
      default:
        break;
    }
  }
  if (sstSegments) shared = sharedStrings(sstSegments, warnings);
  const lines = sheets.flatMap((s) => s.lines());
  const text = lines.length > 0 ? lines.join('\n') : shared.join('\n');
  return text ? { text, warnings } : { warnings };
}
