import type { WorkLayer } from '../../../shared/domain/extraction';
import type { XmlElement, XmlNode } from '../xml';
import type { Extractor, ExtractorOutput } from '../types';
import { clip, timestampOf, WorkFileOutput } from './work-output';
import {
  attrNumber,
  childrenNamed,
  childText,
  decodeXmlBytes,
  firstChild,
  isZip,
  parseWorkXml,
  readWorkZip,
  textOf,
  zipMimetype,
} from './work-xml';

/**
 * Krita `.kra`: a zip whose `maindoc.xml` holds the image (size, resolution, colour space) and the layer tree
 * (paint, group, vector, file, filter and clone layers with their masks), and whose `documentinfo.xml` holds the
 * document information Krita asks for on save (title, author, dates, editing time). A file layer records the path
 * of the image it shows; it is recorded, never opened.
 */

const KRITA_MIME = 'application/x-krita';

const NODE_KINDS: Record<string, string> = {
  paintlayer: 'pixel',
  grouplayer: 'group',
  shapelayer: 'vector',
  filelayer: 'file',
  adjustmentlayer: 'adjustment',
  generatorlayer: 'fill',
  clonelayer: 'clone',
  transparencymask: 'mask',
  filtermask: 'mask',
  selectionmask: 'mask',
  transformmask: 'mask',
  colorizemask: 'mask',
};

/** documentinfo.xml element → Krita tag name. */
const ABOUT_TAGS: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  subject: 'Subject',
  abstract: 'Abstract',
  keyword: 'Keywords',
  'initial-creator': 'InitialCreator',
  'editing-cycles': 'EditingCycles',
  'editing-time': 'EditingTime',
  date: 'ModifyDate',
  'creation-date': 'CreateDate',
  language: 'Language',
  license: 'License',
};
const AUTHOR_TAGS: Record<string, string> = {
  'full-name': 'AuthorFullName',
  'creator-first-name': 'AuthorFirstName',
  'creator-last-name': 'AuthorLastName',
  initial: 'AuthorInitials',
  'author-title': 'AuthorTitle',
  position: 'AuthorPosition',
  company: 'AuthorCompany',
};

const compositeName = (op: string | undefined): string | undefined =>
  op ? op.replace(/[_-]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()) : undefined;

function kritaLayers(out: WorkFileOutput, nodes: readonly XmlElement[], depth: number): WorkLayer[] {
  const tree: WorkLayer[] = [];
  for (const el of nodes) {
    if (!out.admitDepth(depth) || !out.admit()) break;
    const a = el.attrs;
    const name = a['name'] ?? '';
    const node: WorkLayer = { name: clip(name), kind: NODE_KINDS[a['nodetype'] ?? ''] ?? a['nodetype'] ?? 'layer' };
    if (a['visible'] !== undefined) node.visible = a['visible'] !== '0';
    const blend = compositeName(a['compositeop']);
    if (blend) node.blendMode = blend;
    const opacity = attrNumber(el, 'opacity');
    if (opacity !== undefined) node.opacity = Math.min(1, Math.max(0, opacity / 255));
    out.line(name);
    if (a['nodetype'] === 'filelayer' && a['source']) {
      node.source = clip(a['source']);
      out.path(a['source'], `file layer ${name}`);
    }
    const children = [
      ...childrenNamed(el, 'layers').flatMap((l) => childrenNamed(l, 'layer')),
      ...childrenNamed(el, 'masks').flatMap((m) => childrenNamed(m, 'mask')),
    ];
    if (children.length > 0) node.children = kritaLayers(out, children, depth + 1);
    tree.push(node);
  }
  return tree;
}

function mainDoc(out: WorkFileOutput, nodes: readonly XmlNode[]): void {
  const doc = firstChild(nodes, 'DOC');
  if (!doc) {
    out.warnings.push('Krita: maindoc.xml has no DOC element');
    return;
  }
  out.tag('KritaVersion', doc.attrs['kritaVersion']);
  out.tag('Editor', doc.attrs['editor']);
  out.tag('SyntaxVersion', doc.attrs['syntaxVersion']);
  const image = firstChild(doc, 'IMAGE');
  if (!image) return;
  out.tag('ImageName', image.attrs['name']);
  out.line(image.attrs['name']);
  out.tag('ImageWidth', attrNumber(image, 'width'));
  out.tag('ImageHeight', attrNumber(image, 'height'));
  out.tag('XResolution', attrNumber(image, 'x-res'));
  out.tag('YResolution', attrNumber(image, 'y-res'));
  out.tag('ColorSpace', image.attrs['colorspacename']);
  out.tag('ColorProfile', image.attrs['profile']);
  out.tag('ImageDescription', image.attrs['description']);
  const animation = firstChild(image, 'animation');
  if (animation) {
    out.tag('FrameRate', attrNumber(firstChild(animation, 'framerate'), 'value'));
    const range = firstChild(animation, 'range');
    if (range) out.tag('FrameRange', `${range.attrs['from'] ?? ''}-${range.attrs['to'] ?? ''}`);
  }
  const top = childrenNamed(image, 'layers').flatMap((l) => childrenNamed(l, 'layer'));
  out.layers = kritaLayers(out, top, 0);
  const names: string[] = [];
  const collect = (layers: readonly WorkLayer[]): void => {
    for (const l of layers) {
      names.push(l.name);
      if (l.children) collect(l.children);
    }
  };
  collect(out.layers);
  out.tag('LayerCount', names.length);
  out.listTag('LayerNames', names);
}

/** documentinfo.xml: the about and author sections; dates are local wall-clock times without an offset. */
export function documentInfo(out: WorkFileOutput, nodes: readonly XmlNode[], app: string): void {
  const info = firstChild(nodes, 'document-info');
  if (!info) return;
  const about = firstChild(info, 'about');
  for (const [element, tag] of Object.entries(ABOUT_TAGS)) {
    const value = about ? childText(about, element) : undefined;
    if (!value) continue;
    const number = tag === 'EditingCycles' || tag === 'EditingTime' ? Number(value) : NaN;
    out.tag(tag, Number.isFinite(number) ? number : value);
    if (tag === 'CreateDate' || tag === 'ModifyDate') {
      const t = timestampOf(`${out.group}:${tag}`, value, `${app} document information`);
      if (t) out.timestamps.push(t);
    } else if (tag !== 'EditingCycles' && tag !== 'EditingTime') out.line(value);
  }
  const author = firstChild(info, 'author');
  for (const [element, tag] of Object.entries(AUTHOR_TAGS)) {
    const value = author ? childText(author, element) : undefined;
    out.tag(tag, value);
    out.line(value);
  }
  const contacts = (author ? childrenNamed(author, 'contact') : []).map((c) => textOf(c).trim()).filter(Boolean);
  out.listTag('AuthorContact', contacts);
  contacts.forEach((c) => out.line(c));
}

export const kritaExtractor: Extractor = {
  name: 'krita',
  version: 1,
  accepts: (input, head) => zipMimetype(head) === KRITA_MIME || (isZip(head) && /\.kra~?$/i.test(input.name)),
  async extract(input): Promise<ExtractorOutput> {
    const out = new WorkFileOutput('Krita', 'Krita');
    const zip = await readWorkZip(input.source, (n) => n === 'maindoc.xml' || n === 'documentinfo.xml');
    if (zip.unreadable !== undefined) return { warnings: [`Krita: not a readable zip (${zip.unreadable})`] };
    out.warnings.push(...zip.warnings);
    const main = zip.parts.get('maindoc.xml');
    const mainNodes = main ? parseWorkXml(decodeXmlBytes(main), 'Krita maindoc.xml', out.warnings) : undefined;
    if (mainNodes) mainDoc(out, mainNodes);
    else if (!main) out.warnings.push('Krita: no maindoc.xml');
    const info = zip.parts.get('documentinfo.xml');
    const infoNodes = info ? parseWorkXml(decodeXmlBytes(info), 'Krita documentinfo.xml', out.warnings) : undefined;
    if (infoNodes) documentInfo(out, infoNodes, 'Krita');
    return out.finish();
  },
};
