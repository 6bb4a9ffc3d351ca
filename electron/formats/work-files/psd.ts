import { readPsd, type Layer, type LinkedFile, type Psd } from 'ag-psd';
import type { WorkLayer } from '../../../shared/domain/extraction';
import iconv from 'iconv-lite';
import { decodeBytes } from '../encoding/decode';
import { decodeShortString } from '../encoding/detect';
import type { Extractor, ExtractorOutput } from '../types';
import { readPsdLayout, type PsdLayerRecord } from './psd-sections';
import { clip, WorkFileOutput } from './work-output';

/**
 * Photoshop PSD/PSB layers: the tree (names, Unicode names, visibility, blend modes, groups), text layers with their
 * text and fonts, smart objects and the files they link to, layer comps, guides and resolution. The image extractor
 * already reports the header and the image resources (EXIF, XMP, IPTC, ICC, thumbnail); this adds the layer view to
 * the same `Photoshop` group without repeating those. ag-psd parses a compact copy that holds no pixels.
 */

/** ExifTool's names for Photoshop blend-mode keys (Image::ExifTool::Photoshop, LayerBlendModes). */
const BLEND_MODES: Record<string, string> = {
  pass: 'Pass Through',
  norm: 'Normal',
  diss: 'Dissolve',
  dark: 'Darken',
  'mul ': 'Multiply',
  idiv: 'Color Burn',
  lbrn: 'Linear Burn',
  dkCl: 'Darker Color',
  lite: 'Lighten',
  scrn: 'Screen',
  'div ': 'Color Dodge',
  lddg: 'Linear Dodge',
  lgCl: 'Lighter Color',
  over: 'Overlay',
  sLit: 'Soft Light',
  hLit: 'Hard Light',
  vLit: 'Vivid Light',
  lLit: 'Linear Light',
  pLit: 'Pin Light',
  hMix: 'Hard Mix',
  diff: 'Difference',
  smud: 'Exclusion',
  fsub: 'Subtract',
  fdiv: 'Divide',
  'hue ': 'Hue',
  'sat ': 'Saturation',
  colr: 'Color',
  'lum ': 'Luminosity',
};
const LAYER_COLORS = ['None', 'Red', 'Orange', 'Yellow', 'Green', 'Blue', 'Violet', 'Gray'];
const LAYER_SECTIONS = ['Layer', 'Folder (open)', 'Folder (closed)', 'Divider'];
/** ag-psd's blend-mode words, in ExifTool's spelling. */
const AG_BLEND_MODES: Record<string, string> = { 'linear dodge': 'Linear Dodge', 'pass through': 'Pass Through' };

/** ExifTool shows a list of one as that one value. */
const oneOrList = <T extends string | number>(values: T[]): T | T[] => (values.length === 1 ? values[0]! : values);
const titleCase = (s: string): string => s.replace(/\b\w/g, (c) => c.toUpperCase());
const isPsd = (head: Uint8Array): boolean => head[0] === 0x38 && head[1] === 0x42 && head[2] === 0x50 && head[3] === 0x53;

/** Code pages Photoshop writes legacy layer names in, on the systems the trove's studios use. */
const PASCAL_CODE_PAGES = ['cp949', 'gbk', 'big5', 'shift_jis', 'windows-1251', 'windows-1252', 'macintosh'];

/**
 * The legacy Pascal name: the Unicode name when it is these bytes in one of those code pages (the usual case, and
 * then the right reading); Latin, as ExifTool reads it, when it is something else; a detected code page only when
 * there is no Unicode name to go by, since a guess over a few bytes easily turns Cyrillic into Chinese.
 */
function pascalName(bytes: Uint8Array, unicode: string | undefined): string {
  if (bytes.every((b) => b < 0x80)) return String.fromCharCode(...bytes);
  if (unicode === undefined) return decodeShortString(bytes).text;
  const raw = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (PASCAL_CODE_PAGES.some((cp) => iconv.encode(unicode, cp).equals(raw))) return unicode;
  return decodeBytes(bytes, 'windows-1252');
}

/** The flat per-record lists ExifTool prints (file order: bottom of the stack first, folder ends included). */
function exifToolLayerTags(out: WorkFileOutput, records: readonly PsdLayerRecord[]): void {
  if (records.length === 0) return;
  out.tag('LayerCount', records.length);
  out.listTag(
    'LayerRectangles',
    records.map((r) => `${r.top} ${r.left} ${r.bottom} ${r.right}`),
  );
  out.tag('LayerBlendModes', {
    value: oneOrList(records.map((r) => BLEND_MODES[r.blendKey] ?? r.blendKey)),
    raw: oneOrList(records.map((r) => r.blendKey)),
  });
  const opacities = records.map((r) => (100 * r.opacity) / 255);
  out.tag('LayerOpacities', { value: oneOrList(opacities.map((o) => `${Math.trunc(o)}%`)), raw: oneOrList(opacities) });
  out.listTag(
    'LayerVisible',
    records.map((r) => (r.flags & 0x02 ? 'No' : 'Yes')),
  );
  const names = records.map((r) => pascalName(r.nameBytes, r.unicodeName));
  out.listTag('LayerNames', names);
  if (records.some((r) => r.unicodeName !== undefined))
    out.listTag(
      'LayerUnicodeNames',
      records.map((r, i) => r.unicodeName ?? names[i]!),
    );
  if (records.some((r) => r.color !== undefined))
    out.listTag(
      'LayerColors',
      records.map((r) => LAYER_COLORS[r.color ?? 0] ?? String(r.color)),
    );
  if (records.some((r) => r.sectionType !== undefined))
    out.listTag(
      'LayerSections',
      records.map((r) => LAYER_SECTIONS[r.sectionType ?? 0] ?? String(r.sectionType)),
    );
}

function layerKind(l: Layer): string {
  if (l.children) return 'group';
  if (l.text) return 'text';
  if (l.placedLayer) return 'smart-object';
  if (l.adjustment) return 'adjustment';
  if (l.vectorFill || l.vectorMask || l.vectorStroke) return 'shape';
  return 'pixel';
}

function fontsOf(l: Layer): string[] {
  const fonts = new Set<string>();
  const add = (name: string | undefined): void => {
    if (name) fonts.add(name);
  };
  add(l.text?.style?.font?.name);
  for (const run of l.text?.styleRuns ?? []) add(run.style.font?.name);
  return [...fonts].slice(0, 64).map(clip);
}

/** Where a linked file was, as recorded: the full path when Photoshop kept one, else the name. */
const linkedPath = (f: LinkedFile): string | undefined => f.linkedFile?.fullPath || f.linkedFile?.originalPath || undefined;

/** ag-psd lists children bottom first; the tree is shown as Photoshop's Layers panel shows it, top first. */
function layerTree(out: WorkFileOutput, layers: readonly Layer[], links: ReadonlyMap<string, LinkedFile>, depth: number): WorkLayer[] {
  const tree: WorkLayer[] = [];
  for (const l of [...layers].reverse()) {
    if (!out.admitDepth(depth) || !out.admit()) break;
    const node: WorkLayer = { name: clip(l.name ?? ''), kind: layerKind(l), visible: !l.hidden };
    if (l.blendMode) node.blendMode = AG_BLEND_MODES[l.blendMode] ?? titleCase(l.blendMode);
    if (l.opacity !== undefined) node.opacity = Math.min(1, Math.max(0, l.opacity));
    out.line(l.name);
    if (l.text) {
      node.text = clip(l.text.text);
      const fonts = fontsOf(l);
      if (fonts.length > 0) node.fonts = fonts;
      out.line(l.text.text);
    }
    const link = l.placedLayer ? links.get(l.placedLayer.id) : undefined;
    if (link) node.source = clip(linkedPath(link) ?? link.name);
    if (l.children) node.children = layerTree(out, l.children, links, depth + 1);
    tree.push(node);
  }
  return tree;
}

/** Photoshop stores guide positions as 1/32 pixel in a signed 32-bit field, which ag-psd reads unsigned. */
const guidePixels = (location: number): number => Math.round(location > 2 ** 26 ? location - 2 ** 27 : location);

function describe(out: WorkFileOutput, psd: Psd): void {
  const res = psd.imageResources;
  const resolution = res?.resolutionInfo;
  if (resolution) {
    const unit = (u: string): string => (u === 'PPCM' ? 'cm' : 'inches');
    out.tag('XResolution', resolution.horizontalResolution);
    out.tag('DisplayedUnitsX', unit(resolution.horizontalResolutionUnit));
    out.tag('YResolution', resolution.verticalResolution);
    out.tag('DisplayedUnitsY', unit(resolution.verticalResolutionUnit));
  }
  if (res?.versionInfo) {
    out.tag('HasRealMergedData', res.versionInfo.hasRealMergedData ? 'Yes' : 'No');
    out.tag('WriterName', res.versionInfo.writerName);
    out.tag('ReaderName', res.versionInfo.readerName);
  }

  const links = new Map((psd.linkedFiles ?? []).map((f) => [f.id, f]));
  out.layers = layerTree(out, psd.children ?? [], links, 0);

  const texts: string[] = [];
  const fonts = new Set<string>();
  const visit = (layers: readonly Layer[]): void => {
    for (const l of [...layers].reverse()) {
      if (l.text) {
        texts.push(l.text.text);
        fontsOf(l).forEach((f) => fonts.add(f));
      }
      if (l.children) visit(l.children);
    }
  };
  visit(psd.children ?? []);
  out.listTag('TextLayerText', texts);
  out.listTag('TextLayerFonts', [...fonts]);

  const comps = res?.layerComps?.list ?? [];
  out.listTag(
    'LayerComps',
    comps.map((c) => c.name),
  );
  for (const c of comps) {
    out.line(c.name);
    out.line(c.comment);
  }
  const guides = res?.gridAndGuidesInformation?.guides ?? [];
  out.listTag(
    'Guides',
    guides.map((g) => `${g.direction} ${guidePixels(g.location)} px`),
  );

  for (const f of psd.linkedFiles ?? []) {
    const path = linkedPath(f);
    out.item({
      kind: f.linkedFile ? 'linked-file' : 'embedded-file',
      name: clip(f.name),
      ...(path ? { path: clip(path) } : {}),
      ...(f.type ? { detail: clip(f.type) } : {}),
    });
    if (f.linkedFile?.relativePath) out.path(f.linkedFile.relativePath, `linked file ${f.name} (relative)`);
    if (f.linkedFile?.originalPath && f.linkedFile.originalPath !== path)
      out.path(f.linkedFile.originalPath, `linked file ${f.name} (original)`);
  }
  out.listTag(
    'SmartObjectFiles',
    (psd.linkedFiles ?? []).map((f) => f.name),
  );
}

export const psdLayersExtractor: Extractor = {
  name: 'psd-layers',
  version: 1,
  accepts: (_input, head) => isPsd(head),
  async extract(input): Promise<ExtractorOutput> {
    const out = new WorkFileOutput('Photoshop', 'Photoshop');
    const layout = await readPsdLayout(input.source);
    out.warnings.push(...layout.warnings);
    exifToolLayerTags(out, layout.records);
    if (layout.compact) {
      try {
        describe(
          out,
          readPsd(layout.compact, {
            skipLayerImageData: true,
            skipCompositeImageData: true,
            skipThumbnail: true,
            skipLinkedFilesData: true,
            useRawData: true,
          }),
        );
      } catch (e) {
        out.warnings.push(`Photoshop: the layer tree could not be read (${e instanceof Error ? e.message : String(e)})`);
      }
    }
    for (const dropped of layout.droppedLinks) {
      out.item({ kind: 'embedded-file', name: clip(dropped.name), detail: `${dropped.type}, ${dropped.bytes} bytes (not read)` });
    }
    return out.finish();
  },
};
