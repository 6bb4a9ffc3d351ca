import type { DocumentIdentity, Timesheet, TimesheetTrack, WorkLayer } from '../../../shared/domain/extraction';
import type { ByteSource, Extractor, ExtractorOutput } from '../types';
import { elements, type XmlElement, type XmlNode } from '../xml';
import { parseXmpPacket } from '../xmp';
import { clip, WorkFileOutput } from './work-output';
import {
  attrNumber,
  childrenNamed,
  decodeXmlBytes,
  descendants,
  firstChild,
  isZip,
  localName,
  parseWorkXml,
  readWorkZip,
  textOf,
  zipMimetype,
} from './work-xml';

/**
 * Adobe Animate / Flash `.fla` (XFL in a zip) and bare XFL `DOMDocument.xml`: the document (stage size, frame rate,
 * the application and version that saved it), its scenes (timelines) with their layers and keyframes, the library
 * (folders, symbols, bitmaps, sounds, fonts) with the external files media were imported from, the publish settings'
 * output paths, and the XMP packet Animate keeps in META-INF/metadata.xml (reported as ExifTool does).
 */

const XFL_MIME = 'application/vnd.adobe.xfl';
/** A bare DOMDocument.xml larger than this is not read (documents of hundreds of scenes stay far below it). */
const MAX_BARE_DOCUMENT = 64 * 1024 * 1024;
/** Library symbols read at most; a symbol is one small XML part. */
const MAX_SYMBOL_PARTS = 2000;
const MEDIA_KINDS: Record<string, string> = {
  DOMBitmapItem: 'bitmap',
  DOMSoundItem: 'sound',
  DOMVideoItem: 'video',
  DOMFontItem: 'font',
  DOMCompiledClipItem: 'compiled-clip',
  DOMSymbolItem: 'symbol',
};
/** Attributes holding the file a library item was imported from, as recorded on the author's machine. */
const SOURCE_PATH_ATTRS = ['sourceExternalFilepath', 'sourceFilePath', 'externalFilePath', 'importFilePath'];
const INSTANCE_ELEMENTS = new Set(['DOMSymbolInstance', 'DOMBitmapInstance', 'DOMVideoInstance', 'DOMCompiledClipInstance']);
const TEXT_ELEMENTS = new Set(['DOMStaticText', 'DOMDynamicText', 'DOMInputText']);

const startsLikeDomDocument = (head: Uint8Array): boolean =>
  /^(?:\uFEFF)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<DOMDocument\b/.test(new TextDecoder('utf-8').decode(head.subarray(0, 4096)));

function firstLocalHeaderName(head: Uint8Array): string {
  const nameLength = head[26]! | (head[27]! << 8);
  return String.fromCharCode(...head.subarray(30, 30 + nameLength));
}

/** Text runs and fonts of the text fields inside an element. */
function textFields(root: XmlElement, lines: (text: string) => void, fonts: Set<string>): void {
  for (const field of elements(root.children)) {
    if (TEXT_ELEMENTS.has(localName(field.name))) {
      for (const run of descendants(field.children, 'DOMTextRun')) {
        const characters = firstChild(run, 'characters');
        if (characters) lines(textOf(characters));
        for (const attrs of descendants(run.children, 'DOMTextAttrs')) if (attrs.attrs['face']) fonts.add(attrs.attrs['face']);
      }
    } else textFields(field, lines, fonts);
  }
}

/** What a keyframe shows, as a cell name: its label, the library item it places, or a cross when it is blank. */
function frameValue(frame: XmlElement): string {
  if (frame.attrs['name']) return frame.attrs['name'];
  const els = firstChild(frame, 'elements');
  const placed = els ? elements(els.children) : [];
  const instance = placed.find((e) => INSTANCE_ELEMENTS.has(localName(e.name)));
  if (instance?.attrs['libraryItemName']) return instance.attrs['libraryItemName'];
  if (placed.length === 0) return '×';
  return localName(placed[0]!.name).replace(/^DOM/, '');
}

interface TimelineRead {
  layer: WorkLayer;
  sheet: Timesheet;
}

function readTimeline(out: WorkFileOutput, timeline: XmlElement, fonts: Set<string>): TimelineRead | undefined {
  if (!out.admit()) return undefined;
  const name = timeline.attrs['name'] ?? '';
  out.line(name);
  const layers = childrenNamed(timeline, 'layers').flatMap((l) => childrenNamed(l, 'DOMLayer'));
  const nodes: { node: WorkLayer; parent?: number }[] = [];
  const tracks: TimesheetTrack[] = [];
  let frames = 0;
  for (const layer of layers) {
    if (!out.admit()) break;
    const layerName = layer.attrs['name'] ?? '';
    out.line(layerName);
    const node: WorkLayer = {
      name: clip(layerName),
      kind: layer.attrs['layerType'] ?? 'layer',
      visible: layer.attrs['visible'] !== 'false',
    };
    const parent = attrNumber(layer, 'parentLayerIndex');
    nodes.push(parent === undefined ? { node } : { node, parent });
    const cells: TimesheetTrack['cells'] = [];
    for (const frame of childrenNamed(layer, 'frames').flatMap((f) => childrenNamed(f, 'DOMFrame'))) {
      const index = attrNumber(frame, 'index') ?? 0;
      frames = Math.max(frames, index + (attrNumber(frame, 'duration') ?? 1));
      out.line(frame.attrs['name']);
      const els = firstChild(frame, 'elements');
      if (els) {
        textFields(els, (t) => out.line(t), fonts);
        for (const e of elements(els.children)) {
          out.line(e.attrs['libraryItemName']);
          out.line(e.attrs['name']);
        }
      }
      if (index >= 0 && out.admitCell()) cells.push({ frame: index, value: clip(frameValue(frame)) });
    }
    tracks.push({ name: clip(layerName), field: node.kind === 'layer' ? 'cell' : (node.kind ?? 'cell'), cells });
  }
  // Folder layers own the layers that name them as parent (parentLayerIndex), as Animate's Timeline panel shows.
  const top: WorkLayer[] = [];
  nodes.forEach(({ node, parent }) => {
    const owner = parent !== undefined ? nodes[parent]?.node : undefined;
    if (owner && owner !== node) (owner.children ??= []).push(node);
    else top.push(node);
  });
  return {
    layer: { name: clip(name), kind: 'timeline', children: top },
    sheet: { name: clip(name), frames, tracks },
  };
}

function sourcePaths(out: WorkFileOutput, el: XmlElement, label: string): string | undefined {
  let first: string | undefined;
  for (const attr of SOURCE_PATH_ATTRS) {
    const value = el.attrs[attr];
    if (!value) continue;
    first ??= value;
    out.path(value, `${label} (${attr})`);
  }
  return first;
}

function readDocument(out: WorkFileOutput, nodes: readonly XmlNode[]): void {
  const doc = firstChild(nodes, 'DOMDocument');
  if (!doc) {
    out.warnings.push('Animate: DOMDocument.xml has no DOMDocument element');
    return;
  }
  const a = doc.attrs;
  out.tag('Width', attrNumber(doc, 'width'));
  out.tag('Height', attrNumber(doc, 'height'));
  const frameRate = attrNumber(doc, 'frameRate');
  out.tag('FrameRate', frameRate);
  out.tag('XFLVersion', a['xflVersion']);
  out.tag('CreatorInfo', a['creatorInfo']);
  out.tag('Platform', a['platform']);
  out.tag('VersionInfo', a['versionInfo']);
  out.tag('FileGUID', a['fileGUID']);

  for (const folder of childrenNamed(doc, 'folders').flatMap((f) => childrenNamed(f, 'DOMFolderItem'))) {
    const name = folder.attrs['name'] ?? '';
    const slash = name.lastIndexOf('/');
    out.item({ kind: 'folder', name: clip(name), ...(slash > 0 ? { parent: clip(name.slice(0, slash)) } : {}) });
  }
  const fonts = new Set<string>();
  // Fonts sit in their own list in files Animate saves, beside media in older ones.
  for (const media of [...childrenNamed(doc, 'fonts'), ...childrenNamed(doc, 'media')].flatMap((m) => elements(m.children))) {
    const kind =
      MEDIA_KINDS[localName(media.name)] ??
      localName(media.name)
        .replace(/^DOM|Item$/g, '')
        .toLowerCase();
    const name = media.attrs['name'] ?? '';
    const path = sourcePaths(out, media, `${kind} ${name}`);
    if (media.attrs['font']) fonts.add(media.attrs['font']);
    out.item({
      kind,
      name: clip(name),
      ...(path ? { path: clip(path) } : {}),
      ...(media.attrs['font'] ? { detail: clip(media.attrs['font']) } : {}),
    });
  }
  for (const include of childrenNamed(doc, 'symbols').flatMap((s) => childrenNamed(s, 'Include'))) {
    const href = include.attrs['href'] ?? '';
    out.item({ kind: 'symbol', name: clip(href.replace(/\.xml$/i, '')) });
  }

  const read = childrenNamed(doc, 'timelines')
    .flatMap((t) => childrenNamed(t, 'DOMTimeline'))
    .map((t) => readTimeline(out, t, fonts))
    .filter((t): t is TimelineRead => t !== undefined);
  out.layers = read.map((r) => r.layer);
  out.timesheets.push(...read.map((r) => ({ ...r.sheet, ...(frameRate ? { frameRate } : {}) })));
  out.listTag(
    'Scenes',
    read.map((r) => r.layer.name),
  );
  out.listTag('Fonts', [...fonts]);
  fonts.forEach((f) => out.line(f));
}

/** A library symbol part (LIBRARY/*.xml): its name, where it came from, and the names and text inside it. */
function readSymbol(out: WorkFileOutput, nodes: readonly XmlNode[]): void {
  const symbol = firstChild(nodes, 'DOMSymbolItem');
  if (!symbol) return;
  const name = symbol.attrs['name'] ?? '';
  const path = sourcePaths(out, symbol, `symbol ${name}`);
  if (path) out.item({ kind: 'symbol-source', name: clip(name), path: clip(path) });
  out.line(name);
  const fonts = new Set<string>();
  for (const timeline of descendants(symbol.children, 'DOMTimeline', 100)) {
    for (const layer of descendants(timeline.children, 'DOMLayer', 1000)) out.line(layer.attrs['name']);
    textFields(timeline, (t) => out.line(t), fonts);
    for (const instance of descendants(timeline.children, 'DOMSymbolInstance', 1000)) out.line(instance.attrs['libraryItemName']);
  }
}

/** Output file names and class paths of the publish profiles, as set on the author's machine. */
function readPublishSettings(out: WorkFileOutput, nodes: readonly XmlNode[]): void {
  const visit = (list: readonly XmlNode[]): void => {
    for (const el of elements(list)) {
      const local = localName(el.name);
      const value = elements(el.children).length === 0 ? textOf(el).trim() : '';
      if (value && /(FileName|Path|Paths)$/.test(local) && !/^(0|1|true|false)$/.test(value)) {
        for (const part of value.split(/[;\n]/)) out.path(part, `publish settings ${local}`);
      } else visit(el.children);
    }
  };
  visit(nodes);
}

/** The package's parts; returns why the zip could not be read, or the XMP identity it holds. */
async function readFla(out: WorkFileOutput, source: ByteSource): Promise<{ unreadable?: string; identity?: DocumentIdentity }> {
  let symbols = 0;
  const zip = await readWorkZip(source, (n) => {
    if (n === 'DOMDocument.xml' || n === 'META-INF/metadata.xml' || n === 'PublishSettings.xml') return true;
    return /^LIBRARY\/.+\.xml$/i.test(n) && symbols++ < MAX_SYMBOL_PARTS;
  });
  if (zip.unreadable !== undefined) return { unreadable: zip.unreadable };
  out.warnings.push(...zip.warnings);
  if (symbols > MAX_SYMBOL_PARTS) out.warnings.push(`Animate: ${symbols} library parts; the first ${MAX_SYMBOL_PARTS} were read`);
  const xml = (name: string): XmlNode[] | undefined => {
    const bytes = zip.parts.get(name);
    return bytes ? parseWorkXml(decodeXmlBytes(bytes), `Animate ${name}`, out.warnings) : undefined;
  };
  const doc = xml('DOMDocument.xml');
  if (doc) readDocument(out, doc);
  else out.warnings.push('Animate: no DOMDocument.xml');
  for (const name of zip.parts.keys()) {
    if (!name.startsWith('LIBRARY/')) continue;
    const nodes = xml(name);
    if (nodes) readSymbol(out, nodes);
  }
  const publish = xml('PublishSettings.xml');
  if (publish) readPublishSettings(out, publish);
  const metadata = zip.parts.get('META-INF/metadata.xml');
  if (metadata && metadata.byteLength > 0) {
    try {
      const xmp = parseXmpPacket(decodeXmlBytes(metadata));
      for (const [group, tags] of Object.entries(xmp.metadata)) for (const [tag, value] of Object.entries(tags)) out.tag(tag, value, group);
      out.timestamps.push(...xmp.timestamps);
      out.warnings.push(...xmp.warnings);
      return xmp.identity ? { identity: xmp.identity } : {};
    } catch (e) {
      out.warnings.push(`Animate: META-INF/metadata.xml could not be read (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  return {};
}

export const xflExtractor: Extractor = {
  name: 'xfl',
  version: 1,
  accepts(input, head) {
    if (isZip(head))
      return zipMimetype(head) === XFL_MIME || /\.(fla|xfl)$/i.test(input.name) || firstLocalHeaderName(head) === 'DOMDocument.xml';
    return startsLikeDomDocument(head);
  },
  async extract(input): Promise<ExtractorOutput> {
    const out = new WorkFileOutput('Animate', 'Animate');
    const head = await input.source.read(0, 4);
    if (isZip(head)) {
      const fla = await readFla(out, input.source);
      if (fla.unreadable !== undefined) return { warnings: [`Animate: not a readable zip (${fla.unreadable})`] };
      return { ...out.finish(), ...(fla.identity ? { identity: fla.identity } : {}) };
    }
    const nodes = parseWorkXml(decodeXmlBytes(await input.source.readAll(MAX_BARE_DOCUMENT)), 'Animate DOMDocument.xml', out.warnings);
    if (nodes) readDocument(out, nodes);
    return out.finish();
  },
};
