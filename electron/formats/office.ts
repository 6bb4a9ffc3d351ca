import type { MetadataGroups, MetaValue, TimestampEntry } from '../../shared/domain/extraction';
import { ZIP_LIMITS, type ZipLimits } from '../model/inventory';
import { readOleDocument } from './ole/ole-document';
import { convertTimeSpan } from './time-span';
import type { Extractor, ExtractorOutput } from './types';
import { elements, ownText, parseXml, type XmlElement, type XmlNode, xmlEvents } from './xml';
import { readZipParts } from './zip/zip-parts';

/**
 * OOXML packages (docx, xlsx, pptx and their macro/template variants): document properties as ExifTool reports
 * them (dc:* in `XMP-dc`, everything else from docProps in `XML`) and the visible text, in reading order.
 * Legacy OLE compound files (doc, xls, ppt) are read by ole/ole-document.ts.
 */

/** The archive walker's zip-bomb limits; the parts read are all held in memory, so their total is capped lower. */
const PACKAGE_LIMITS: ZipLimits = { ...ZIP_LIMITS, maxTotalBytes: 256 * 1024 * 1024 };
const MAX_TEXT_CHARS = 16 * 1024 * 1024;
/** Spreadsheet rows are padded to the cell's column so columns line up; past this, gaps are not padded. */
const MAX_PAD_COLUMNS = 256;

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const OOXML_EXTENSIONS = /\.(docx|docm|dotx|dotm|xlsx|xlsm|xltx|xltm|pptx|pptm|potx|potm|ppsx|ppsm)$/i;

const WANTED_PART = new RegExp(
  '^(\\[Content_Types\\]\\.xml|docProps/(core|app|custom)\\.xml' +
    '|word/(document|footnotes|endnotes|comments)\\.xml|word/(header|footer)\\d*\\.xml' +
    '|xl/workbook\\.xml|xl/_rels/workbook\\.xml\\.rels|xl/sharedStrings\\.xml|xl/styles\\.xml|xl/worksheets/[^/]+\\.xml' +
    '|ppt/presentation\\.xml|ppt/_rels/presentation\\.xml\\.rels|ppt/slides/[^/]+\\.xml|ppt/slides/_rels/[^/]+\\.rels' +
    '|ppt/notesSlides/[^/]+\\.xml)$',
);

const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/** Elements with this local name (any prefix) anywhere below `nodes`, not looking inside a match. */
function findAll(nodes: readonly XmlNode[], local: string, into: XmlElement[] = []): XmlElement[] {
  for (const el of elements(nodes)) {
    if (localName(el.name) === local) into.push(el);
    else findAll(el.children, local, into);
  }
  return into;
}

// ---------------------------------------------------------------------------------------------------------------
// Properties

/** Word/Excel store WPS-era timestamps as W3CDTF; ExifTool shows them as `YYYY:MM:DD hh:mm:ssZ`. */
function w3cdtf(text: string): { value: string; entry?: Omit<TimestampEntry, 'field'> } {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(text.trim());
  if (!m) return { value: text };
  const time = `${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}`;
  const zone = m[8];
  const value = `${m[1]}:${m[2]}:${m[3]} ${time}${zone ?? ''}`;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${time}${zone ?? ''}`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { value };
  const utc = zone ? date.toISOString().replace('.000Z', 'Z') : undefined;
  return { value, entry: { value: iso, hasOffset: zone !== undefined, ...(utc ? { utc } : {}) } };
}

const CORE_TAGS: Record<string, [group: string, tag: string]> = {
  'dc:title': ['XMP-dc', 'Title'],
  'dc:subject': ['XMP-dc', 'Subject'],
  'dc:creator': ['XMP-dc', 'Creator'],
  'dc:description': ['XMP-dc', 'Description'],
  'dc:language': ['XMP-dc', 'Language'],
  'dc:identifier': ['XMP-dc', 'Identifier'],
  'cp:revision': ['XML', 'RevisionNumber'],
  'dcterms:created': ['XML', 'CreateDate'],
  'dcterms:modified': ['XML', 'ModifyDate'],
};

const DOC_SECURITY: Record<string, string> = {
  '0': 'None',
  '1': 'Password protected',
  '2': 'Read-only recommended',
  '4': 'Read-only enforced',
  '8': 'Locked for annotations',
};
const NUMERIC_APP_TAGS = new Set([
  'Pages',
  'Words',
  'Characters',
  'Lines',
  'Paragraphs',
  'CharactersWithSpaces',
  'Slides',
  'Notes',
  'HiddenSlides',
  'MMClips',
  'DocSecurity',
  'TotalTime',
]);

/** ExifTool's tag-name rule for docProps elements and custom property names: words capitalised and joined. */
function tagName(name: string): string {
  return name
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => (w[0] ?? '').toUpperCase() + w.slice(1))
    .join('');
}

function vtValues(node: XmlElement): (string | number)[] {
  const out: (string | number)[] = [];
  const visit = (n: XmlElement): void => {
    const children = elements(n.children);
    if (children.length === 0 && n.name.startsWith('vt:')) {
      const t = ownText(n).trim();
      out.push(/^vt:(i\d|ui\d|int|uint|r\d|decimal)$/.test(n.name) && t !== '' && Number.isFinite(Number(t)) ? Number(t) : t);
    }
    children.forEach(visit);
  };
  visit(node);
  return out;
}

const rootElement = (nodes: readonly XmlNode[], name: string): XmlElement | undefined =>
  elements(nodes).find((n) => localName(n.name) === name);

class Props {
  readonly metadata: MetadataGroups = {};
  readonly timestamps: TimestampEntry[] = [];

  set(group: string, tag: string, v: MetaValue): void {
    (this.metadata[group] ??= {})[tag] = v;
  }

  private date(group: string, tag: string, text: string): void {
    const d = w3cdtf(text);
    this.set(group, tag, { value: d.value });
    if (d.entry) this.timestamps.push({ field: `${group}:${tag}`, ...d.entry });
  }

  core(nodes: readonly XmlNode[]): void {
    for (const el of elements(rootElement(nodes, 'coreProperties')?.children ?? [])) {
      const text = ownText(el).trim();
      if (text === '') continue;
      const mapped = CORE_TAGS[el.name];
      const [group, tag] = mapped ?? ['XML', tagName(localName(el.name))];
      if (el.attrs['xsi:type'] === 'dcterms:W3CDTF' || tag === 'CreateDate' || tag === 'ModifyDate' || tag === 'LastPrinted')
        this.date(group, tag, text);
      else this.set(group, tag, { value: text });
    }
  }

  app(nodes: readonly XmlNode[]): void {
    for (const el of elements(rootElement(nodes, 'Properties')?.children ?? [])) {
      const name = localName(el.name);
      if (elements(el.children).length > 0) {
        const values = vtValues(el);
        if (values.length > 0) this.set('XML', tagName(name), { value: values.length === 1 ? (values[0] ?? '') : values });
        continue;
      }
      const text = ownText(el).trim();
      if (text === '') continue;
      if (name === 'TotalTime' && Number.isFinite(Number(text)))
        this.set('XML', 'TotalEditTime', { value: convertTimeSpan(Number(text), 60), raw: Number(text) });
      else if (name === 'DocSecurity') this.set('XML', 'DocSecurity', { value: DOC_SECURITY[text] ?? text, raw: Number(text) });
      else if (text === 'true' || text === 'false')
        this.set('XML', tagName(name), { value: text === 'true' ? 'Yes' : 'No', raw: text === 'true' });
      else if (NUMERIC_APP_TAGS.has(name) && Number.isFinite(Number(text))) this.set('XML', tagName(name), { value: Number(text) });
      else this.set('XML', tagName(name), { value: text });
    }
  }

  custom(nodes: readonly XmlNode[]): void {
    for (const prop of elements(rootElement(nodes, 'Properties')?.children ?? [])) {
      const name = prop.attrs['name'];
      const valueNode = elements(prop.children)[0];
      if (!name || !valueNode) continue;
      const tag = tagName(name);
      const text = ownText(valueNode).trim();
      if (valueNode.name === 'vt:filetime' || valueNode.name === 'vt:date') this.date('XML', tag, text);
      else if (valueNode.name === 'vt:bool')
        this.set('XML', tag, { value: text === 'true' || text === '1' ? 'Yes' : 'No', raw: text === 'true' || text === '1' });
      else if (/^vt:(i\d|ui\d|int|uint|r\d|decimal)$/.test(valueNode.name) && Number.isFinite(Number(text)))
        this.set('XML', tag, { value: Number(text) });
      else this.set('XML', tag, { value: text });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Text

/** Word body, header, footer, note and comment parts: paragraphs on lines, table cells tab-separated. */
function wordText(nodes: readonly XmlNode[]): string {
  let out = '';
  let inText = false;
  for (const e of xmlEvents(nodes)) {
    if (e.kind === 'text') {
      if (inText) out += e.text;
      continue;
    }
    const open = e.kind === 'open';
    switch (e.element.name) {
      case 'w:t':
        inText = open;
        break;
      case 'w:tab':
      case 'w:ptab':
        if (open) out += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        if (open) out += '\n';
        break;
      case 'w:noBreakHyphen':
        if (open) out += '\u2011';
        break;
      case 'w:p':
        if (!open) out += '\n';
        break;
      case 'w:tc':
        if (!open) out = `${out.replace(/\n$/, '')}\t`;
        break;
      case 'w:tr':
        if (!open) out = `${out.replace(/\t$/, '')}\n`;
        break;
      default:
        break;
    }
  }
  return out;
}

interface WordComment {
  author?: string;
  date?: string;
  text: string;
}

function wordComments(nodes: readonly XmlNode[]): WordComment[] {
  return findAll(nodes, 'comment').map((el) => {
    const author = el.attrs['w:author'];
    const date = el.attrs['w:date'];
    return { ...(author ? { author } : {}), ...(date ? { date } : {}), text: wordText(el.children).trim() };
  });
}

/** DrawingML text (slides, notes): paragraphs on lines. */
function drawingText(nodes: readonly XmlNode[]): string {
  let out = '';
  let inText = false;
  for (const e of xmlEvents(nodes)) {
    if (e.kind === 'text') {
      if (inText) out += e.text;
      continue;
    }
    const open = e.kind === 'open';
    const name = e.element.name;
    if (name === 'a:t') inText = open;
    else if (name === 'a:br' && open) out += '\n';
    else if (name === 'a:tab' && open) out += '\t';
    else if (name === 'a:p' && !open) out += '\n';
  }
  return out.replace(/\n{3,}/g, '\n\n');
}

/** Shared strings, skipping phonetic guides (`rPh`, Japanese furigana) which would duplicate the reading. */
function sharedStrings(nodes: readonly XmlNode[]): string[] {
  const out: string[] = [];
  let current: string | undefined;
  let inText = false;
  let phonetic = 0;
  for (const e of xmlEvents(nodes)) {
    if (e.kind === 'text') {
      if (inText && phonetic === 0 && current !== undefined) current += e.text;
      continue;
    }
    const open = e.kind === 'open';
    const name = e.element.name;
    if (name === 'si') {
      if (open) current = '';
      else {
        out.push(current ?? '');
        current = undefined;
      }
    } else if (name === 'rPh') phonetic += open ? 1 : -1;
    else if (name === 't') inText = open;
  }
  return out;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref.toUpperCase()) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);
const BUILTIN_TIME_ONLY = new Set([18, 19, 20, 21, 45, 46, 47]);

type DateKind = 'date' | 'time' | 'datetime';

/** Which cell styles (`s` index) display serial numbers as dates or times. */
function dateStyles(nodes: readonly XmlNode[]): Map<number, DateKind> {
  const customFormats = new Map<number, string>();
  const styles = new Map<number, DateKind>();
  let inCellXfs = false;
  let index = 0;
  for (const e of xmlEvents(nodes)) {
    if (e.kind === 'text') continue;
    const { name, attrs } = e.element;
    if (name === 'numFmt' && e.kind === 'open') customFormats.set(Number(attrs['numFmtId']), attrs['formatCode'] ?? '');
    else if (name === 'cellXfs') inCellXfs = e.kind === 'open';
    else if (name === 'xf' && e.kind === 'open' && inCellXfs) {
      const id = Number(attrs['numFmtId'] ?? 0);
      const code = customFormats.get(id);
      let kind: DateKind | undefined;
      if (code !== undefined) {
        const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
        const hasDate = /[dy]/i.test(bare) || /m{3,}/i.test(bare);
        const hasTime = /[hs]/i.test(bare);
        if (hasDate || hasTime) kind = hasDate && hasTime ? 'datetime' : hasDate ? 'date' : 'time';
      } else if (BUILTIN_DATE_FORMATS.has(id)) kind = BUILTIN_TIME_ONLY.has(id) ? 'time' : id === 22 ? 'datetime' : 'date';
      if (kind) styles.set(index, kind);
      index++;
    }
  }
  return styles;
}

/** Excel serial day numbers (1900 system with its phantom 29 Feb 1900, or the 1904 system) as ISO text. */
export function excelSerialToText(serial: number, kind: DateKind, date1904: boolean): string {
  const days = date1904 ? serial + 1462 : serial < 60 ? serial + 1 : serial;
  const ms = Math.round((days - 25569) * 86400000);
  const iso = new Date(ms).toISOString();
  const time = iso.slice(11, 19).replace(/:00$/, '');
  if (kind === 'time') return time;
  if (kind === 'date' || time === '00:00') return iso.slice(0, 10);
  return `${iso.slice(0, 10)} ${time}`;
}

interface SheetContext {
  shared: string[];
  styles: Map<number, DateKind>;
  date1904: boolean;
}

/** One line per row: the sheet name, then the cells tab-separated and padded to their columns. */
function sheetText(sheetName: string, nodes: readonly XmlNode[], ctx: SheetContext): string {
  const lines: string[] = [];
  let row: string[] = [];
  let cell: { col: number; type: string; style: number } | undefined;
  let value = '';
  let inValue = false;
  let inInline = false;
  let phonetic = 0;
  let nextCol = 0;
  for (const e of xmlEvents(nodes)) {
    if (e.kind === 'text') {
      if ((inValue || inInline) && phonetic === 0) value += e.text;
      continue;
    }
    const open = e.kind === 'open';
    const { name, attrs } = e.element;
    switch (name) {
      case 'row':
        if (open) {
          row = [];
          nextCol = 0;
        } else if (row.some((c) => c !== '')) lines.push([sheetName, ...row].join('\t').replace(/\t+$/, ''));
        break;
      case 'c':
        if (open) {
          const ref = attrs['r'];
          const col = ref ? columnIndex(ref) : nextCol;
          cell = { col: col >= 0 ? col : nextCol, type: attrs['t'] ?? 'n', style: Number(attrs['s'] ?? -1) };
          value = '';
          break;
        }
        if (cell) {
          const shown = cellText(cell.type, cell.style, value, ctx);
          if (cell.col - row.length <= MAX_PAD_COLUMNS) while (row.length < cell.col) row.push('');
          row.push(shown);
          nextCol = cell.col + 1;
        }
        cell = undefined;
        break;
      case 'v':
        inValue = open;
        break;
      case 'is':
        inInline = open;
        break;
      case 'rPh':
        phonetic += open ? 1 : -1;
        break;
      default:
        break;
    }
  }
  return lines.join('\n');
}

function cellText(type: string, style: number, raw: string, ctx: SheetContext): string {
  switch (type) {
    case 's':
      return ctx.shared[Number(raw)] ?? '';
    case 'b':
      return raw === '1' ? 'TRUE' : raw === '0' ? 'FALSE' : raw;
    case 'inlineStr':
    case 'str':
    case 'e':
      return raw;
    default: {
      const kind = ctx.styles.get(style);
      const n = Number(raw);
      if (kind && raw !== '' && Number.isFinite(n) && n >= 0 && n < 2958466) return excelSerialToText(n, kind, ctx.date1904);
      return raw;
    }
  }
}

/** Relationship id → target part path, resolved against the part that owns the rels file. */
function relationships(nodes: readonly XmlNode[], baseDir: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const el of findAll(nodes, 'Relationship')) {
    const id = el.attrs['Id'];
    const target = el.attrs['Target'];
    if (!id || !target || el.attrs['TargetMode'] === 'External') continue;
    map.set(id, resolvePart(baseDir, target));
  }
  return map;
}

function resolvePart(baseDir: string, target: string): string {
  const parts = target.startsWith('/') ? [] : baseDir.split('/').filter(Boolean);
  for (const seg of target.replace(/^\//, '').split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

const numericSuffix = (name: string): number => Number(/(\d+)\.xml$/.exec(name)?.[1] ?? 0);
const byNumber = (a: string, b: string): number => numericSuffix(a) - numericSuffix(b);

/**
 * The parts read from a package. Each is parsed when asked for and not kept: a parsed tree takes about twenty times
 * the memory of its XML, so a large workbook must not hold all its sheets at once. A part that cannot be parsed is
 * reported and reads as empty.
 */
class Parts {
  constructor(
    private readonly bytes: ReadonlyMap<string, Uint8Array>,
    private readonly warnings: string[],
  ) {}

  has(name: string): boolean {
    return this.bytes.has(name);
  }

  names(): string[] {
    return [...this.bytes.keys()];
  }

  xml(name: string): XmlNode[] {
    const bytes = this.bytes.get(name);
    if (!bytes) return [];
    try {
      const doc = parseXml(decodeXml(bytes));
      this.warnings.push(...doc.warnings.map((w) => `${name}: ${w}`));
      return doc.nodes;
    } catch (e) {
      this.warnings.push(`${name}: not readable as XML (${e instanceof Error ? e.message : String(e)})`);
      return [];
    }
  }
}

function docxText(parts: Parts, timestamps: TimestampEntry[]): string {
  const sections: string[] = [];
  if (parts.has('word/document.xml')) sections.push(wordText(parts.xml('word/document.xml')));
  const names = parts.names();
  for (const kind of ['header', 'footer']) {
    for (const name of names.filter((n) => new RegExp(`^word/${kind}\\d*\\.xml$`).test(n)).sort(byNumber))
      sections.push(wordText(parts.xml(name)));
  }
  for (const name of ['word/footnotes.xml', 'word/endnotes.xml']) if (parts.has(name)) sections.push(wordText(parts.xml(name)));
  if (parts.has('word/comments.xml')) {
    for (const c of wordComments(parts.xml('word/comments.xml'))) {
      sections.push(c.author ? `${c.author}: ${c.text}` : c.text);
      if (c.date) {
        const d = w3cdtf(c.date);
        // Word writes comment times with a `Z` although they are the author's local wall clock.
        if (d.entry) timestamps.push({ field: 'XML:CommentDate', ...d.entry, label: `Comment${c.author ? ` by ${c.author}` : ''}` });
      }
    }
  }
  return sections
    .map((s) => s.trim())
    .filter(Boolean)
    .join('\n\n');
}

/** The relationship id of a `sheet` or `sldId` element (`r:id`, whatever the prefix). */
const relationshipId = (el: XmlElement): string | undefined =>
  el.attrs['r:id'] ?? Object.entries(el.attrs).find(([k]) => k.endsWith(':id'))?.[1];

function xlsxText(parts: Parts): string {
  const workbook = parts.xml('xl/workbook.xml');
  const rels = relationships(parts.xml('xl/_rels/workbook.xml.rels'), 'xl');
  const shared = sharedStrings(parts.xml('xl/sharedStrings.xml'));
  const styles = dateStyles(parts.xml('xl/styles.xml'));
  let date1904 = false;
  const sheets: { name: string; part: string }[] = [];
  for (const e of xmlEvents(workbook)) {
    if (e.kind !== 'open') continue;
    const el = e.element;
    if (el.name.endsWith('workbookPr')) date1904 = el.attrs['date1904'] === '1' || el.attrs['date1904'] === 'true';
    if (localName(el.name) === 'sheet') {
      const rid = relationshipId(el);
      const part = rid ? rels.get(rid) : undefined;
      if (part) sheets.push({ name: el.attrs['name'] ?? part, part });
    }
  }
  if (sheets.length === 0) {
    for (const name of parts
      .names()
      .filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))
      .sort(byNumber))
      sheets.push({ name: name.replace(/^.*\/|\.xml$/g, ''), part: name });
  }
  const ctx: SheetContext = { shared, styles, date1904 };
  return sheets
    .map((s) => sheetText(s.name, parts.xml(s.part), ctx))
    .filter(Boolean)
    .join('\n');
}

function pptxText(parts: Parts): string {
  const rels = relationships(parts.xml('ppt/_rels/presentation.xml.rels'), 'ppt');
  const order: string[] = [];
  for (const el of findAll(parts.xml('ppt/presentation.xml'), 'sldId')) {
    const rid = relationshipId(el);
    const part = rid ? rels.get(rid) : undefined;
    if (part) order.push(part);
  }
  if (order.length === 0)
    order.push(
      ...parts
        .names()
        .filter((n) => /^ppt\/slides\/[^/]+\.xml$/.test(n))
        .sort(byNumber),
    );
  const slides: string[] = [];
  for (const slide of order) {
    if (!parts.has(slide)) continue;
    let text = drawingText(parts.xml(slide)).trim();
    const file = slide.slice(slide.lastIndexOf('/') + 1);
    const slideRels = relationships(parts.xml(`ppt/slides/_rels/${file}.rels`), 'ppt/slides');
    for (const target of slideRels.values()) {
      if (!target.startsWith('ppt/notesSlides/')) continue;
      const notes = drawingText(parts.xml(target)).trim();
      if (notes) text += `\n${notes}`;
    }
    slides.push(text);
  }
  return slides.filter(Boolean).join('\n\n');
}

// ---------------------------------------------------------------------------------------------------------------

function isZip(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

function isOle(head: Uint8Array): boolean {
  return OLE_MAGIC.every((b, i) => head[i] === b);
}

function containsAscii(haystack: Uint8Array, needle: string): boolean {
  return Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength).includes(needle, 0, 'latin1');
}

export const officeExtractor: Extractor = {
  name: 'office',
  version: 2,
  accepts(input, head) {
    if (isOle(head)) return true;
    if (!isZip(head)) return false;
    return containsAscii(head, '[Content_Types].xml') || OOXML_EXTENSIONS.test(input.name) || (input.mime ?? '').includes('openxmlformats');
  },
  async extract(input): Promise<ExtractorOutput> {
    const head = await input.source.read(0, 8);
    if (isOle(head)) return readOleDocument(input);
    // A zip bomb throws here (ZipBombError), so the extraction fails with the limit that was crossed.
    const pkg = await readZipParts(input.source, (name) => WANTED_PART.test(name), PACKAGE_LIMITS);
    if (pkg.unreadable !== undefined) return { warnings: [`not a readable OOXML package: ${pkg.unreadable}`] };
    const warnings = [...pkg.warnings];
    const names = pkg.names;
    const parts = new Parts(pkg.parts, warnings);

    const props = new Props();
    if (parts.has('docProps/core.xml')) props.core(parts.xml('docProps/core.xml'));
    if (parts.has('docProps/app.xml')) props.app(parts.xml('docProps/app.xml'));
    if (parts.has('docProps/custom.xml')) props.custom(parts.xml('docProps/custom.xml'));

    const timestamps = props.timestamps;
    let text = '';
    if (parts.has('word/document.xml')) text = docxText(parts, timestamps);
    else if (parts.has('xl/workbook.xml')) text = xlsxText(parts);
    else if (parts.has('ppt/presentation.xml')) text = pptxText(parts);
    else if (!names.includes('[Content_Types].xml')) warnings.push('zip archive without [Content_Types].xml: not an OOXML package');

    const truncated = text.length > MAX_TEXT_CHARS;
    return {
      metadata: props.metadata,
      timestamps,
      ...(text ? { text: truncated ? text.slice(0, MAX_TEXT_CHARS) : text } : {}),
      ...(truncated ? { textTruncated: true } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  },
};
