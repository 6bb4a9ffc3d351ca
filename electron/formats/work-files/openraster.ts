import type { WorkLayer } from '../../../shared/domain/extraction';
import type { Extractor, ExtractorOutput } from '../types';
import { elements, type XmlElement } from '../xml';
import { documentInfo } from './krita';
import { clip, WorkFileOutput } from './work-output';
import { attrNumber, decodeXmlBytes, firstChild, isZip, localName, parseWorkXml, readWorkZip, zipMimetype } from './work-xml';

/**
 * OpenRaster `.ora` (MyPaint, Krita, GIMP and others): a zip whose `stack.xml` nests stacks (groups) and layers,
 * each with a name, visibility, opacity and composite operation. Krita adds its `documentinfo.xml`.
 */

const ORA_MIME = 'image/openraster';

const compositeName = (op: string | undefined): string | undefined =>
  op
    ? op
        .replace(/^(svg|krita):/, '')
        .replace(/[_-]+/g, ' ')
        .replace(/\b\w/g, (c) => c.toUpperCase())
    : undefined;

function stackLayers(out: WorkFileOutput, children: readonly XmlElement[], depth: number): WorkLayer[] {
  const tree: WorkLayer[] = [];
  for (const el of children) {
    const kind = localName(el.name);
    if (kind !== 'stack' && kind !== 'layer' && kind !== 'text') continue;
    if (!out.admitDepth(depth) || !out.admit()) break;
    const name = el.attrs['name'] ?? '';
    const node: WorkLayer = { name: clip(name), kind: kind === 'stack' ? 'group' : kind === 'text' ? 'text' : 'pixel' };
    if (el.attrs['visibility'] !== undefined) node.visible = el.attrs['visibility'] !== 'hidden';
    const opacity = attrNumber(el, 'opacity');
    if (opacity !== undefined) node.opacity = Math.min(1, Math.max(0, opacity));
    const blend = compositeName(el.attrs['composite-op']);
    if (blend) node.blendMode = blend;
    out.line(name);
    if (kind === 'stack') node.children = stackLayers(out, elements(el.children), depth + 1);
    tree.push(node);
  }
  return tree;
}

export const openRasterExtractor: Extractor = {
  name: 'openraster',
  version: 1,
  accepts: (input, head) => zipMimetype(head) === ORA_MIME || (isZip(head) && /\.ora$/i.test(input.name)),
  async extract(input): Promise<ExtractorOutput> {
    const out = new WorkFileOutput('OpenRaster', 'OpenRaster');
    const zip = await readWorkZip(input.source, (n) => n === 'stack.xml' || n === 'documentinfo.xml');
    if (zip.unreadable !== undefined) return { warnings: [`OpenRaster: not a readable zip (${zip.unreadable})`] };
    out.warnings.push(...zip.warnings);
    const stack = zip.parts.get('stack.xml');
    const nodes = stack ? parseWorkXml(decodeXmlBytes(stack), 'OpenRaster stack.xml', out.warnings) : undefined;
    const image = nodes ? firstChild(nodes, 'image') : undefined;
    if (image) {
      out.tag('ImageWidth', attrNumber(image, 'w'));
      out.tag('ImageHeight', attrNumber(image, 'h'));
      out.tag('XResolution', attrNumber(image, 'xres'));
      out.tag('YResolution', attrNumber(image, 'yres'));
      out.tag('OpenRasterVersion', image.attrs['version']);
      // The specification's single unnamed root stack is the image itself, not a group the artist made.
      const top = elements(image.children);
      const root = top.length === 1 && localName(top[0]!.name) === 'stack' && !top[0]!.attrs['name'] ? elements(top[0]!.children) : top;
      out.layers = stackLayers(out, root, 0);
      const names: string[] = [];
      const collect = (layers: readonly WorkLayer[]): void => {
        for (const l of layers) {
          if (l.kind !== 'group' || l.name) names.push(l.name);
          if (l.children) collect(l.children);
        }
      };
      collect(out.layers);
      out.tag('LayerCount', names.length);
      out.listTag('LayerNames', names);
    } else if (!stack) out.warnings.push('OpenRaster: no stack.xml');
    const info = zip.parts.get('documentinfo.xml');
    const infoNodes = info ? parseWorkXml(decodeXmlBytes(info), 'OpenRaster documentinfo.xml', out.warnings) : undefined;
    if (infoNodes) documentInfo(out, infoNodes, 'OpenRaster');
    return out.finish();
  },
};
