import type { TimesheetTrack } from '../../../shared/domain/extraction';
import type { Extractor, ExtractorOutput } from '../types';
import { elements, type XmlElement, type XmlNode } from '../xml';
import { looksLikeAbsolutePath } from './recorded-path';
import { clip, WorkFileOutput } from './work-output';
import { attrNumber, childrenNamed, decodeXmlBytes, descendants, firstChild, localName, parseWorkXml } from './work-xml';

/**
 * Toon Boom Harmony `.xstage` scenes (XML): the application build that saved it, the elements (drawing folders and
 * their drawings), the scenes with their columns and exposures (an exposure sheet: which drawing from which frame),
 * the node graph's modules, and the paths the scene records (render outputs, linked elements).
 */

/** An .xstage of a long episode is a few megabytes; far past this it is not a scene. */
const MAX_BYTES = 64 * 1024 * 1024;
const MAX_ELEMENTS_WALKED = 500_000;

const HEAD = /^(?:\uFEFF)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<project\b([^>]*)>/;

function isXstage(name: string, head: Uint8Array): boolean {
  const m = HEAD.exec(new TextDecoder('utf-8').decode(head.subarray(0, 4096)));
  if (!m) return false;
  return /\.xstage$/i.test(name) || /harmony|toon ?boom|creator="(?:harmony|storyboard)/i.test(m[1] ?? '');
}

/** `exposures="1-12,20"` → the 0-based first frame of each run (Harmony counts frames from 1). */
function exposureStarts(spec: string): number[] {
  const starts: number[] = [];
  for (const part of spec.split(',')) {
    const first = Number(part.trim().split('-')[0]);
    if (Number.isInteger(first) && first >= 1) starts.push(first - 1);
  }
  return starts;
}

function columnTrack(out: WorkFileOutput, column: XmlElement): TimesheetTrack {
  const name = column.attrs['name'] ?? '';
  const type = column.attrs['type'];
  const cells: TimesheetTrack['cells'] = [];
  for (const seq of elements(column.children)) {
    const value = seq.attrs['val'] ?? seq.attrs['name'];
    const spec = seq.attrs['exposures'] ?? seq.attrs['start'];
    if (value === undefined || spec === undefined) continue;
    for (const frame of exposureStarts(spec)) if (out.admitCell()) cells.push({ frame, value: clip(value) });
    out.line(value);
  }
  cells.sort((a, b) => a.frame - b.frame);
  return { name: clip(name), field: type === '0' ? 'drawing' : type === '2' ? 'sound' : type ? `type ${type}` : 'column', cells };
}

/** Attribute and `val` values that name files: render outputs (`drawingName`, `moviePath`), sound files, linked folders. */
function recordPaths(out: WorkFileOutput, nodes: readonly XmlNode[]): void {
  let walked = 0;
  const visit = (list: readonly XmlNode[], context: string): void => {
    for (const el of elements(list)) {
      if (++walked > MAX_ELEMENTS_WALKED) return;
      const local = localName(el.name);
      const here = el.attrs['name'] ? `${local} ${el.attrs['name']}` : context;
      for (const [attr, value] of Object.entries(el.attrs)) {
        if (!value) continue;
        if (/(?:path|filename)$/i.test(attr) || attr === 'file') out.path(value, `${here} ${attr}`);
        else if (attr === 'rootFolder' && looksLikeAbsolutePath(value)) out.path(value, `${here} root folder`);
      }
      if (/(?:Path|Name|File)$/.test(local) && /[\\/]/.test(el.attrs['val'] ?? '') && local !== 'customName')
        out.path(el.attrs['val'], `${context} ${local}`);
      visit(el.children, here);
    }
  };
  visit(nodes, 'scene');
}

function readProject(out: WorkFileOutput, nodes: readonly XmlNode[]): void {
  const project = firstChild(nodes, 'project');
  if (!project) {
    out.warnings.push('Harmony: no project element');
    return;
  }
  out.tag('Source', project.attrs['source']);
  out.tag('Version', project.attrs['version']);
  out.tag('Build', project.attrs['build']);
  out.tag('Creator', project.attrs['creator']);
  const options = firstChild(project, 'options');
  const resolution = options ? firstChild(options, 'resolution') : undefined;
  out.tag('Resolution', resolution?.attrs['name']);
  out.tag('ResolutionSize', resolution?.attrs['size']);
  const frameRate = attrNumber(options ? firstChild(options, 'framerate') : undefined, 'val');
  out.tag('FrameRate', frameRate);

  const elementNames: string[] = [];
  for (const el of childrenNamed(project, 'elements').flatMap((e) => childrenNamed(e, 'element'))) {
    const name = el.attrs['elementName'] ?? '';
    elementNames.push(name);
    const drawings = descendants(el.children, 'dwg', 10_000).map((d) => d.attrs['name'] ?? '');
    out.item({
      kind: 'element',
      name: clip(name),
      ...(el.attrs['elementFolder']
        ? { detail: clip(`folder ${el.attrs['elementFolder']}${drawings.length ? `, ${drawings.length} drawings` : ''}`) }
        : {}),
    });
    drawings.forEach((d) => out.line(d));
  }
  out.listTag('Elements', elementNames);

  const sceneNames: string[] = [];
  const columnNames: string[] = [];
  for (const scene of childrenNamed(project, 'scenes').flatMap((s) => childrenNamed(s, 'scene'))) {
    if (!out.admit()) break;
    const name = scene.attrs['name'] ?? '';
    sceneNames.push(name);
    out.line(name);
    const tracks: TimesheetTrack[] = [];
    for (const column of childrenNamed(scene, 'columns').flatMap((c) => childrenNamed(c, 'column'))) {
      if (!out.admit()) break;
      columnNames.push(column.attrs['name'] ?? '');
      out.line(column.attrs['name']);
      tracks.push(columnTrack(out, column));
    }
    const frames = attrNumber(scene, 'nbframes');
    out.timesheets.push({
      name: clip(name),
      ...(frames !== undefined && frames >= 0 ? { frames: Math.floor(frames) } : {}),
      ...(frameRate && frameRate > 0 ? { frameRate } : {}),
      tracks,
    });
    for (const module of descendants(scene.children, 'module', 20_000)) {
      out.item({
        kind: 'node',
        name: clip(module.attrs['name'] ?? ''),
        ...(module.attrs['type'] ? { detail: clip(module.attrs['type']) } : {}),
        parent: clip(name),
      });
    }
  }
  out.listTag('Scenes', sceneNames);
  out.listTag('Columns', [...new Set(columnNames)]);
  recordPaths(out, [project]);
}

export const harmonyExtractor: Extractor = {
  name: 'harmony',
  version: 1,
  accepts: (input, head) => isXstage(input.name, head),
  async extract(input): Promise<ExtractorOutput> {
    const out = new WorkFileOutput('Harmony', 'Harmony');
    if (input.size > MAX_BYTES) {
      out.warnings.push(`Harmony: ${input.size} bytes, more than the ${MAX_BYTES} a scene is read up to`);
      return out.finish();
    }
    const nodes = parseWorkXml(decodeXmlBytes(await input.source.readAll()), 'Harmony', out.warnings);
    if (nodes) readProject(out, nodes);
    return out.finish();
  },
};
