import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as PdfjsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { DocumentIdentity, MetadataGroups, MetaValue, PageText, TimestampEntry } from '../../shared/domain/extraction';
import { decodeShortString } from './encoding/detect';
import type { ExtractInput, Extractor, ExtractorOutput } from './types';
import { parseXmpPacket } from './xmp';

type Pdfjs = typeof PdfjsModule;
export type PdfDocument = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;
export type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;
type TextContent = Awaited<ReturnType<PdfPage['getTextContent']>>;

let pdfjsModule: Promise<Pdfjs> | undefined;

/**
 * The legacy build (the one that runs in Node) bundles core-js, which replaces natives for the whole thread with
 * spec-edge-case versions written in JavaScript: `Array.prototype.push` (8× slower), `JSON.stringify` (11× slower on
 * an analysis record: JSON.rawJSON, which it adds, is missing in Node 20) and `JSON.parse`. In an extraction worker
 * that taxed every extractor and the analysis after the first PDF, and in the hosts every reply after the first PDF
 * preview. Nothing in pdf.js depends on those edge cases (arrays with a non-writable length, raw JSON, reviver source
 * text), so the natives are put back; what core-js adds (Promise.withResolvers, Uint8Array.prototype.toHex...) stays.
 */
async function importPdfjs(): Promise<Pdfjs> {
  const natives = { push: Array.prototype.push, stringify: JSON.stringify, parse: JSON.parse };
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // In Node pdf.js runs its "worker" in this thread; loading it now (pdf.js picks it up from `pdfjsWorker`) means
  // its copy of the polyfills is installed before the natives are restored, not after.
  (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  Array.prototype.push = natives.push;
  JSON.stringify = natives.stringify;
  JSON.parse = natives.parse;
  return pdfjs;
}

/** Loaded on first use: the module is large and most artifacts are not PDFs. */
export const loadPdfjs = (): Promise<Pdfjs> => (pdfjsModule ??= importPdfjs());

/** pdf.js wants file-system paths with a trailing separator in Node (TOOLCHAIN §6); without the CMaps CJK text is dropped. */
function pdfjsDataDirs(): { cMapUrl: string; standardFontDataUrl: string } {
  const pkgDir = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return { cMapUrl: path.join(pkgDir, 'cmaps') + path.sep, standardFontDataUrl: path.join(pkgDir, 'standard_fonts') + path.sep };
}

const binaryData = new Map<string, Uint8Array>();

/**
 * pdf.js's own Node factory reads a CMap or standard-font file from disk for every document that uses it; CJK PDFs
 * use the same few, so they are read once per worker and handed out as copies (pdf.js may detach what it gets).
 */
class CachedBinaryDataFactory {
  private readonly dirs = pdfjsDataDirs();

  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const dir = kind === 'cMapUrl' ? this.dirs.cMapUrl : kind === 'standardFontDataUrl' ? this.dirs.standardFontDataUrl : null;
    if (!dir) throw new Error(`pdf.js asked for ${kind} data, which this workbench does not ship`);
    const file = path.join(dir, path.basename(filename));
    let bytes = binaryData.get(file);
    if (!bytes) binaryData.set(file, (bytes = new Uint8Array(await readFile(file))));
    return bytes.slice();
  }
}

/** No single pdf.js call may take longer than this; a stuck page is reported and the rest still returned. */
export const PDF_STEP_TIMEOUT_MS = 20_000;

class StepTimeout extends Error {}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StepTimeout(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

interface PdfDate {
  /** ExifTool's display form, `2024:03:15 05:22:05+09:00`. */
  exiftool: string;
  entry: Omit<TimestampEntry, 'field'>;
}

const PDF_DATE = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?\s*(?:(Z)|([+-])(\d{2})'?(?:(\d{2})'?)?)?/;

/** `D:20240315052205+09'00'` → `2024-03-15T05:22:05+09:00`; the offset is kept, never applied; none means local time. */
export function parsePdfDate(raw: string): PdfDate | undefined {
  const m = PDF_DATE.exec(raw.trim());
  if (!m) return undefined;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', zulu, sign, oh, om = '00'] = m;
  if (Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return undefined;
  const tz = zulu ? 'Z' : sign && oh ? `${sign}${oh}:${om}` : '';
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${tz}`;
  const exiftool = `${y}:${mo}:${d} ${h}:${mi}:${s}${tz}`;
  if (!tz) return { exiftool, entry: { value: iso, hasOffset: false } };
  const ms = Date.parse(iso);
  return {
    exiftool,
    entry: Number.isNaN(ms) ? { value: iso, hasOffset: true } : { value: iso, hasOffset: true, utc: new Date(ms).toISOString() },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Text

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/;

interface Item {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
  hasEOL: boolean;
}

function isItem(x: unknown): x is Item {
  return typeof x === 'object' && x !== null && typeof (x as Item).str === 'string' && Array.isArray((x as Item).transform);
}

/**
 * What goes between two text runs: nothing when the second continues the first (CJK runs split at font changes
 * must not gain spaces), a space across a visible gap, a line break when the second starts a new line or column.
 * Distances are measured along and across the writing direction, so rotated and vertical text work the same way.
 */
function separator(prev: Item, cur: Item, vertical: boolean): string {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = prev.transform;
  const size = Math.hypot(c, d) || Math.hypot(a, b) || 1;
  const dx = (cur.transform[4] ?? 0) - e;
  const dy = (cur.transform[5] ?? 0) - f;
  const ulen = Math.hypot(a, b) || 1;
  const [ux, uy] = [a / ulen, b / ulen];
  let along: number;
  let across: number;
  if (vertical) {
    // Vertical runs advance down the page: against the text's up vector.
    const vlen = Math.hypot(c, d) || 1;
    along = -(dx * (c / vlen) + dy * (d / vlen)) - prev.height;
    across = dx * ux + dy * uy;
  } else {
    along = dx * ux + dy * uy - prev.width;
    across = -dx * uy + dy * ux;
  }
  if (Math.abs(across) > size * 0.6) return '\n';
  const last = prev.str.at(-1) ?? '';
  const first = cur.str[0] ?? '';
  const gap = CJK.test(last) && CJK.test(first) ? size * 0.8 : size * 0.15;
  return along > gap ? ' ' : '';
}

interface Line {
  text: string;
  /** Baseline and left edge of the line's first run, and its font size, for horizontal upright runs only. */
  upright?: { x: number; y: number; size: number };
}

const uprightOf = (item: Item, vertical: boolean): Line['upright'] => {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = item.transform;
  return !vertical && a > 0 && d > 0 && b === 0 && c === 0 ? { x: e, y: f, size: d } : undefined;
};

/**
 * Lines top to bottom, as pdftotext reads a simple page, when the content stream draws them in another order (a
 * header written last, lines drawn bottom-up). Only for single-column pages of horizontal upright text: two lines on
 * one baseline mean columns or a table, whose reading order the stream knows better than a sort.
 */
function readingOrder(lines: Line[]): Line[] {
  const placed = lines.filter((l) => l.text !== '');
  if (placed.length < 2 || placed.some((l) => !l.upright)) return lines;
  const at = placed.map((l) => l.upright!);
  const sameBaseline = (p: { y: number; size: number }, q: { y: number; size: number }): boolean =>
    Math.abs(p.y - q.y) < Math.min(p.size, q.size) / 2;
  for (let i = 0; i < at.length; i++) for (let j = i + 1; j < at.length; j++) if (sameBaseline(at[i]!, at[j]!)) return lines;
  return [...placed].sort((p, q) => q.upright!.y - p.upright!.y);
}

export function joinTextContent(content: TextContent): string {
  const lines: Line[] = [{ text: '' }];
  let prev: Item | undefined;
  for (const item of content.items) {
    if (!isItem(item)) continue;
    const vertical = content.styles[item.fontName]?.vertical === true;
    let line = lines.at(-1)!;
    if (item.str) {
      if (prev && line.text && !/\s$/.test(line.text) && !/^\s/.test(item.str)) {
        const sep = separator(prev, item, vertical);
        if (sep === '\n') lines.push((line = { text: '' }));
        else line.text += sep;
      }
      if (line.text === '') {
        const upright = uprightOf(item, vertical);
        if (upright) line.upright = upright;
      }
      line.text += item.str;
      prev = item;
    }
    if (item.hasEOL && line.text !== '') lines.push({ text: '' });
  }
  return readingOrder(lines)
    .flatMap((l) => l.text.split('\n'))
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

/** Annotation kinds whose appearance can show text on the page (a signature block, a stamp, a filled field). */
const TEXT_BEARING_ANNOTATIONS = new Set(['Widget', 'FreeText', 'Stamp', 'Watermark', 'Redact']);
const HIDDEN = 0x02;
const NO_VIEW = 0x20;

interface Glyph {
  unicode: string;
}

const isGlyph = (g: unknown): g is Glyph => typeof g === 'object' && g !== null && typeof (g as Glyph).unicode === 'string';

/**
 * Text drawn by annotation appearance streams (what a viewer shows for a signature field or stamp), read from the
 * page's operator list: pdf.js's text content covers the page's own content stream only.
 */
function appearanceText(ops: Pdfjs['OPS'], fnArray: number[], argsArray: unknown[]): string {
  let out = '';
  let inside = false;
  const breakLine = (): void => {
    if (out && !out.endsWith('\n')) out += '\n';
  };
  fnArray.forEach((fn, i) => {
    const args = argsArray[i];
    if (fn === ops.beginAnnotation) {
      inside = true;
      breakLine();
      return;
    }
    if (fn === ops.endAnnotation) {
      inside = false;
      return;
    }
    if (!inside) return;
    switch (fn) {
      case ops.beginText:
      case ops.setTextMatrix:
      case ops.nextLine:
        breakLine();
        return;
      case ops.moveText:
      case ops.setLeadingMoveText: {
        const [tx = 0, ty = 0] = Array.isArray(args) ? (args as number[]) : [];
        if (ty !== 0) breakLine();
        else if (tx > 0 && out && !/\s$/.test(out)) out += ' ';
        return;
      }
      case ops.nextLineShowText:
      case ops.nextLineSetSpacingShowText:
        breakLine();
        break;
      case ops.showText:
      case ops.showSpacedText:
        break;
      default:
        return;
    }
    const glyphs: unknown = Array.isArray(args) ? args.at(-1) : undefined;
    if (!Array.isArray(glyphs)) return;
    for (const g of glyphs) {
      // In TJ arrays a large negative number moves right by more than a space's width.
      if (typeof g === 'number' && g < -250 && !/\s$/.test(out)) out += ' ';
      else if (isGlyph(g)) out += g.unicode;
    }
  });
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Metadata

const INFO_TAGS: ReadonlyArray<readonly [string, string]> = [
  ['Title', 'Title'],
  ['Author', 'Author'],
  ['Subject', 'Subject'],
  ['Keywords', 'Keywords'],
  ['Creator', 'Creator'],
  ['Producer', 'Producer'],
  ['Trapped', 'Trapped'],
];
const INFO_DATES: ReadonlyArray<readonly [string, string]> = [
  ['CreationDate', 'CreateDate'],
  ['ModDate', 'ModifyDate'],
];

function str(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  // pdf.js hands names (e.g. /Trapped /True) over as objects with a `name`.
  if (typeof x === 'object' && x !== null && typeof (x as { name?: unknown }).name === 'string') return (x as { name: string }).name;
  return undefined;
}

/** PDFDocEncoding's code points that differ from Latin-1, back to their bytes. */
const PDF_DOC_BYTES = new Map<number, number>([
  [0x02d8, 0x18],
  [0x02c7, 0x19],
  [0x02c6, 0x1a],
  [0x02d9, 0x1b],
  [0x02dd, 0x1c],
  [0x02db, 0x1d],
  [0x02da, 0x1e],
  [0x02dc, 0x1f],
  [0x2022, 0x80],
  [0x2020, 0x81],
  [0x2021, 0x82],
  [0x2026, 0x83],
  [0x2014, 0x84],
  [0x2013, 0x85],
  [0x0192, 0x86],
  [0x2044, 0x87],
  [0x2039, 0x88],
  [0x203a, 0x89],
  [0x2212, 0x8a],
  [0x2030, 0x8b],
  [0x201e, 0x8c],
  [0x201c, 0x8d],
  [0x201d, 0x8e],
  [0x2018, 0x8f],
  [0x2019, 0x90],
  [0x201a, 0x91],
  [0x2122, 0x92],
  [0xfb01, 0x93],
  [0xfb02, 0x94],
  [0x0141, 0x95],
  [0x0152, 0x96],
  [0x0160, 0x97],
  [0x0178, 0x98],
  [0x017d, 0x99],
  [0x0131, 0x9a],
  [0x0142, 0x9b],
  [0x0153, 0x9c],
  [0x0161, 0x9d],
  [0x017e, 0x9e],
  [0x20ac, 0xa0],
]);
const LEGACY_INFO_ENCODINGS = /^(utf-8|gb2312|gbk|gb18030|big5|euc-kr|cp949|shift_jis|euc-jp)$/;

/**
 * An Info string without a BOM is PDFDocEncoding by the standard, but Chinese, Korean and Japanese software often
 * wrote its local code page (or BOM-less UTF-8) there. pdf.js's PDFDocEncoding reading is turned back into the
 * original bytes; when those read as UTF-8 or plausibly as CJK, that reading is shown and the bytes are kept.
 */
export function infoValue(text: string): MetaValue {
  if (!/[^\x00-\x7f]/.test(text)) return { value: text };
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const b = cp <= 0xff ? cp : PDF_DOC_BYTES.get(cp);
    // Anything else came from a UTF-16 string, which needs no second reading.
    if (b === undefined) return { value: text };
    bytes.push(b);
  }
  const read = decodeShortString(Uint8Array.from(bytes));
  if (!LEGACY_INFO_ENCODINGS.test(read.encoding) || read.confidence < 0.5) return { value: text };
  return { value: read.text, bytes: Buffer.from(bytes).toString('hex'), encoding: read.encoding };
}

const yesNo = (b: boolean): MetaValue => ({ value: b ? 'Yes' : 'No', raw: b });

/** The dictionary starting at `start` (`<<`), up to its matching `>>`; strings may hold any bytes, so they are skipped. */
function dictAt(text: string, start: number): string | undefined {
  let depth = 0;
  for (let i = start; i < text.length && i < start + 20_000; i++) {
    const ch = text[i];
    if (ch === '(') {
      let nest = 0;
      for (; i < text.length; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '(') nest++;
        else if (text[i] === ')' && --nest === 0) break;
      }
    } else if (ch === '<' && text[i + 1] === '<') {
      depth++;
      i++;
    } else if (ch === '<') {
      i = text.indexOf('>', i);
      if (i < 0) return undefined;
    } else if (ch === '>' && text[i + 1] === '>') {
      i++;
      if (--depth === 0) return text.slice(start, i + 1);
    }
  }
  return undefined;
}

/** The /Encrypt dictionary, read from the raw bytes: pdf.js decrypts transparently and does not say how. */
export function encryptionOf(bytes: Uint8Array): string | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  // The trailer's key, not /EncryptMetadata; the last one belongs to the newest revision.
  const at = [...text.matchAll(/\/Encrypt(?![A-Za-z])/g)].at(-1)?.index;
  if (at === undefined) return undefined;
  const ref = /^\/Encrypt\s*(\d+)\s+(\d+)\s+R/.exec(text.slice(at, at + 40));
  let start = -1;
  if (ref) {
    const obj = new RegExp(`(?:^|\\D)${ref[1]}\\s+${ref[2]}\\s+obj\\s*<<`).exec(text);
    if (obj) start = obj.index + obj[0].length - 2;
  } else {
    start = text.indexOf('<<', at);
    if (start > at + 20) start = -1;
  }
  const dict = start < 0 ? undefined : dictAt(text, start);
  if (dict === undefined) return 'unknown';
  const num = (key: string): number | undefined => {
    const m = new RegExp(`/${key}\\s+(\\d+)`).exec(dict);
    return m ? Number(m[1]) : undefined;
  };
  const filter = /\/Filter\s*\/(\w+)/.exec(dict)?.[1] ?? 'Standard';
  const v = num('V') ?? 0;
  const r = num('R');
  // Crypt filters nested in /CF give their length in bytes; the dictionary's own /Length is in bits.
  const bits = v >= 5 ? 256 : ([...dict.matchAll(/\/Length\s+(\d+)/g)].map((m) => Number(m[1])).find((l) => l >= 40) ?? 40);
  // ExifTool's wording: "Standard V4.4 (128-bit)".
  return `${filter} V${v}${r === undefined ? '' : `.${r}`} (${bits}-bit)`;
}

function pdfVersionOf(bytes: Uint8Array): string | undefined {
  return /%PDF-(\d\.\d)/.exec(Buffer.from(bytes.subarray(0, 1024)).toString('latin1'))?.[1];
}

interface AnnotationLike {
  subtype?: unknown;
  annotationFlags?: unknown;
  hasAppearance?: unknown;
  contentsObj?: { str?: unknown };
  titleObj?: { str?: unknown };
  modificationDate?: unknown;
  file?: { filename?: unknown; content?: unknown };
}

/** Annotation subtypes that carry no reviewer text of their own. */
const SILENT_ANNOTATIONS = new Set(['Link', 'Widget', 'Popup']);

function pageAnnotations(raw: unknown[]): { list: NonNullable<PageText['annotations']>; files: string[]; drawsText: boolean } {
  const list: NonNullable<PageText['annotations']> = [];
  const files: string[] = [];
  let drawsText = false;
  for (const x of raw) {
    if (typeof x !== 'object' || x === null) continue;
    const a = x as AnnotationLike;
    const subtype = typeof a.subtype === 'string' ? a.subtype : 'Unknown';
    const flags = typeof a.annotationFlags === 'number' ? a.annotationFlags : 0;
    if (a.hasAppearance === true && TEXT_BEARING_ANNOTATIONS.has(subtype) && (flags & (HIDDEN | NO_VIEW)) === 0) drawsText = true;
    if (a.file && typeof a.file.filename === 'string') files.push(attachmentLabel(a.file.filename, a.file.content));
    const contents = typeof a.contentsObj?.str === 'string' ? a.contentsObj.str.trim() : '';
    if (!contents || SILENT_ANNOTATIONS.has(subtype)) continue;
    const entry: NonNullable<PageText['annotations']>[number] = { subtype, contents };
    if (typeof a.titleObj?.str === 'string' && a.titleObj.str) entry.author = a.titleObj.str;
    if (typeof a.modificationDate === 'string') entry.modified = parsePdfDate(a.modificationDate)?.entry.value ?? a.modificationDate;
    list.push(entry);
  }
  return { list, files, drawsText };
}

function attachmentLabel(name: string, content: unknown): string {
  return content instanceof Uint8Array ? `${name} (${content.byteLength} bytes)` : name;
}

// ---------------------------------------------------------------------------------------------------------------
// Extractor

export function errorName(e: unknown): string {
  return typeof e === 'object' && e !== null && typeof (e as { name?: unknown }).name === 'string' ? (e as { name: string }).name : '';
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export async function openDocument(pdfjs: Pdfjs, bytes: Uint8Array, stepTimeoutMs: number): Promise<PdfDocument> {
  const task = pdfjs.getDocument({
    // pdf.js takes ownership of (and may detach) the buffer it is given, so it gets a copy.
    data: new Uint8Array(bytes),
    ...pdfjsDataDirs(),
    BinaryDataFactory: CachedBinaryDataFactory,
    cMapPacked: true,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    return await withTimeout(task.promise, stepTimeoutMs, 'opening the PDF');
  } catch (e) {
    await task.destroy();
    throw e;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}

/** The `N G obj` that a position lies in, searching back at most 4 KiB. */
function enclosingObject(text: string, at: number): string | undefined {
  const window = text.slice(Math.max(0, at - 4096), at);
  const objs = [...window.matchAll(/(\d+)\s+(\d+)\s+obj\b/g)];
  const last = objs.at(-1);
  return last && !window.slice(last.index).includes('endobj') ? `${last[1]} ${last[2]}` : undefined;
}

/**
 * A file cut short loses its xref and trailer, and pdf.js cannot reconstruct a document without a trailer. The
 * catalog (and Info) objects usually survive near the start, so a trailer naming them, appended to an in-memory
 * copy, lets the surviving pages be read.
 */
function syntheticTrailer(bytes: Uint8Array): { bytes: Uint8Array; root: string } | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const find = (re: RegExp): string | undefined => {
    for (const m of [...text.matchAll(re)].reverse()) {
      const obj = enclosingObject(text, m.index);
      if (obj) return obj;
    }
    return undefined;
  };
  const root = find(/\/Type\s*\/Catalog\b/g);
  if (!root) return undefined;
  const info = find(/\/(?:CreationDate|Producer)\s*[(<]/g);
  const trailer = `\ntrailer\n<< /Root ${root} R${info ? ` /Info ${info} R` : ''} >>\n%%EOF\n`;
  return { bytes: Uint8Array.from(trailer, (c) => c.charCodeAt(0)), root };
}

export async function extractPdf(bytes: Uint8Array, stepTimeoutMs = PDF_STEP_TIMEOUT_MS): Promise<ExtractorOutput> {
  const warnings: string[] = [];
  const pdf: Record<string, MetaValue> = {};
  const version = pdfVersionOf(bytes);
  if (version) pdf.PDFVersion = { value: version };
  const encryption = encryptionOf(bytes);
  pdf.Encrypted = yesNo(encryption !== undefined);
  if (encryption && encryption !== 'unknown') pdf.Encryption = { value: encryption };
  const metadata: MetadataGroups = { PDF: pdf };

  const pdfjs = await loadPdfjs();
  let doc: PdfDocument;
  try {
    doc = await openDocument(pdfjs, bytes, stepTimeoutMs);
  } catch (e) {
    if (errorName(e) === 'PasswordException') {
      // The pipeline records this as the extractor's failure: an unreadable document must not look like an empty one.
      // Worded as the status analysts see: pdf.js already tried the empty user password, so only a real one opens it.
      throw new Error(`encrypted, password needed${encryption && encryption !== 'unknown' ? ` (${encryption})` : ''}`);
    }
    const trailer = errorName(e) === 'InvalidPDFException' ? syntheticTrailer(bytes) : undefined;
    if (!trailer) return { metadata, warnings: [`PDF: could not be opened: ${message(e)}`] };
    try {
      doc = await openDocument(pdfjs, concat(bytes, trailer.bytes), stepTimeoutMs);
      warnings.push(`PDF: no usable trailer (truncated file?); read by rebuilding it around catalog object ${trailer.root}`);
    } catch (e2) {
      return { metadata, warnings: [`PDF: could not be opened: ${message(e)}; rebuilt trailer failed too: ${message(e2)}`] };
    }
  }

  const timestamps: TimestampEntry[] = [];
  let identity: DocumentIdentity | undefined;
  const pages: PageText[] = [];
  const attachments: string[] = [];
  try {
    pdf.PageCount = { value: doc.numPages };
    try {
      const { info, metadata: xmp } = await withTimeout(doc.getMetadata(), stepTimeoutMs, 'reading metadata');
      const dict = info as Record<string, unknown>;
      const headerVersion = str(dict.PDFFormatVersion);
      if (headerVersion) pdf.PDFVersion = { value: headerVersion };
      pdf.Linearized = yesNo(dict.IsLinearized === true);
      for (const [key, tag] of INFO_TAGS) {
        const v = str(dict[key]);
        if (v !== undefined && v !== '') pdf[tag] = infoValue(v);
      }
      for (const [key, tag] of INFO_DATES) {
        const raw = str(dict[key]);
        if (!raw) continue;
        const date = parsePdfDate(raw);
        pdf[tag] = date ? { value: date.exiftool, raw } : { value: raw };
        if (date) timestamps.push({ field: `PDF:${tag}`, ...date.entry });
        else warnings.push(`PDF: ${tag} "${raw}" is not a PDF date`);
      }
      const packet = xmp?.getRaw();
      if (typeof packet === 'string' && packet.trim()) {
        const parsed = parseXmpPacket(packet);
        Object.assign(metadata, parsed.metadata);
        timestamps.push(...parsed.timestamps);
        warnings.push(...parsed.warnings);
        identity = parsed.identity;
      }
    } catch (e) {
      warnings.push(`PDF: metadata unreadable: ${message(e)}`);
    }

    try {
      const files: unknown = await withTimeout(doc.getAttachments(), stepTimeoutMs, 'reading attachments');
      if (typeof files === 'object' && files !== null) {
        for (const [key, f] of Object.entries(files)) {
          const file = f as { filename?: unknown; content?: unknown };
          attachments.push(attachmentLabel(typeof file.filename === 'string' ? file.filename : key, file.content));
        }
      }
    } catch (e) {
      warnings.push(`PDF: attachments unreadable: ${message(e)}`);
    }

    for (let n = 1; n <= doc.numPages; n++) {
      const entry: PageText = { page: n, text: '' };
      pages.push(entry);
      try {
        const page = await withTimeout(doc.getPage(n), stepTimeoutMs, `page ${n}`);
        const content = await withTimeout(page.getTextContent(), stepTimeoutMs, `text of page ${n}`);
        entry.text = joinTextContent(content);
        const annots: unknown = await withTimeout(page.getAnnotations(), stepTimeoutMs, `annotations of page ${n}`);
        if (Array.isArray(annots)) {
          const { list, files, drawsText } = pageAnnotations(annots);
          if (list.length > 0) entry.annotations = list;
          attachments.push(...files);
          if (drawsText) {
            const opList = await withTimeout(
              page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.ENABLE }),
              stepTimeoutMs,
              `annotations of page ${n}`,
            );
            const shown = appearanceText(pdfjs.OPS, opList.fnArray, opList.argsArray);
            // Shown on the page like the page's own text (pdftotext includes it too), so it belongs to the page text.
            if (shown) entry.text = entry.text ? `${entry.text}\n\n${shown}` : shown;
          }
        }
        page.cleanup();
      } catch (e) {
        warnings.push(`PDF: page ${n}: ${message(e)}`);
        // A page that hangs pdf.js would make every later call wait behind it.
        if (e instanceof StepTimeout) break;
      }
    }
  } finally {
    await doc.destroy();
  }

  if (attachments.length > 0) pdf.Attachments = { value: attachments };
  const out: ExtractorOutput = { metadata, pages, text: pages.map((p) => p.text).join('\f'), timestamps };
  if (identity) out.identity = identity;
  if (warnings.length > 0) out.warnings = warnings;
  return out;
}

export const pdfExtractor: Extractor = {
  name: 'pdf',
  version: 3,
  accepts(input: ExtractInput, head: Uint8Array): boolean {
    if (input.mime === 'application/pdf') return true;
    // Junk before the header is tolerated by readers (and by pdf.js) up to 1 KiB.
    return Buffer.from(head.subarray(0, 1024)).toString('latin1').includes('%PDF-');
  },
  async extract(input: ExtractInput): Promise<ExtractorOutput> {
    return extractPdf(await input.source.readAll());
  },
};
