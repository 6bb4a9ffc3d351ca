import type { TimesheetTrack } from '../../../shared/domain/extraction';
import type { Extractor, ExtractorOutput } from '../types';
import { elements, ownText, type XmlElement, type XmlNode } from '../xml';
import { clip, WorkFileOutput } from './work-output';
import { attrNumber, childrenNamed, childText, decodeXmlBytes, descendants, firstChild, localName, parseWorkXml, textOf } from './work-xml';

/**
 * OpenToonz (and Toonz, Tahoma2D) `.tnz` scenes: the program that saved it, the camera and output settings, the
 * level set (every drawing level and the file it is stored in, as a project-relative `+drawings/…` alias or an
 * absolute path), and the xsheet's columns with their cells (which drawing of which level from which frame).
 * Toonz writes strings quoted and unescaped; quotes are removed here, and only ever as text.
 */

const MAX_BYTES = 64 * 1024 * 1024;
const HEAD = /^(?:\uFEFF)?\s*(?:<\?xml[^>]*>\s*)?<(tnz|tab)\b[^>]*\bversion=/;

const unquote = (s: string): string =>
  s
    .trim()
    .replace(/^"(.*)"$/s, '$1')
    .replace(/^'(.*)'$/s, '$1');

interface Level {
  id: string;
  name: string;
  type: string;
  path?: string;
}

function readLevels(out: WorkFileOutput, tab: XmlElement): Map<string, Level> {
  const levels = new Map<string, Level>();
  const set = firstChild(tab, 'levelSet');
  const list = set ? childrenNamed(set, 'levels').flatMap((l) => elements(l.children)) : [];
  for (const el of list) {
    const kind = localName(el.name);
    const id = el.attrs['id'] ?? String(levels.size + 1);
    const name = unquote(el.attrs['name'] ?? ownText(el)) || `level ${id}`;
    const info = firstChild(el, 'info');
    const path = childText(el, 'path');
    const level: Level = { id, name, type: info?.attrs['type'] ?? kind, ...(path ? { path: unquote(path) } : {}) };
    levels.set(id, level);
    out.item({
      kind: kind === 'level' ? 'level' : kind,
      name: clip(name),
      ...(level.path ? { path: clip(level.path) } : {}),
      ...(info?.attrs['type'] ? { detail: clip(info.attrs['type']) } : {}),
    });
    const scanned = childText(el, 'scannedPath');
    if (scanned) out.path(unquote(scanned), `level ${name} scanned path`);
  }
  return levels;
}

/**
 * One `<cell>` run as Toonz writes it: first row, row count, the level (a `<level id=…/>` reference, or its id),
 * the first drawing number (with an optional letter) and the increment between rows.
 */
function cellRun(cell: XmlElement): { row: number; count: number; level?: string; fid: string; step: number } | undefined {
  const ref = elements(cell.children).find((e) => localName(e.name).toLowerCase().includes('level'));
  const tokens = cell.children
    .filter((n): n is string => typeof n === 'string')
    .join(' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const [row, count] = [Number(tokens[0]), Number(tokens[1])];
  if (!Number.isInteger(row) || !Number.isInteger(count) || row < 0 || count < 1) return undefined;
  const rest = ref ? tokens.slice(2) : tokens.slice(3);
  const level = ref ? (ref.attrs['id'] ?? undefined) : tokens[2];
  return { row, count, ...(level ? { level } : {}), fid: rest[0] ?? '1', step: Number(rest[1] ?? 0) || 0 };
}

function readColumns(out: WorkFileOutput, tab: XmlElement, levels: ReadonlyMap<string, Level>): TimesheetTrack[] {
  const xsheet = firstChild(tab, 'xsheet');
  const columns = xsheet ? childrenNamed(xsheet, 'columns').flatMap((c) => elements(c.children)) : [];
  // Column names live on the stage objects `Col1`, `Col2`… of the pegbar tree.
  const names = new Map<string, string>();
  for (const pegbar of xsheet ? descendants(xsheet.children, 'pegbar', 10_000) : []) {
    const name = childText(pegbar, 'name');
    if (pegbar.attrs['id'] && name) names.set(pegbar.attrs['id'], unquote(name));
  }
  const tracks: TimesheetTrack[] = [];
  columns.forEach((column, index) => {
    if (!out.admit()) return;
    const cells: TimesheetTrack['cells'] = [];
    let first: Level | undefined;
    for (const cell of descendants(column.children, 'cell', 100_000)) {
      const run = cellRun(cell);
      if (!run) continue;
      const level = run.level ? levels.get(run.level) : undefined;
      first ??= level;
      const fid = Number(run.fid);
      const rows = run.step !== 0 && Number.isInteger(fid) ? run.count : 1;
      for (let i = 0; i < rows; i++) {
        if (!out.admitCell()) break;
        const drawing = rows > 1 ? String(fid + i * run.step) : run.fid;
        cells.push({ frame: run.row + i, value: clip(level && level !== first ? `${level.name} ${drawing}` : drawing) });
      }
    }
    const name = names.get(`Col${index + 1}`) ?? first?.name ?? `column ${index + 1}`;
    out.line(name);
    tracks.push({ name: clip(name), field: localName(column.name).replace(/Column$/, '') || 'column', cells });
  });
  return tracks;
}

function readScene(out: WorkFileOutput, nodes: readonly XmlNode[], fileName: string): void {
  const tab = elements(nodes).find((e) => e.name === 'tnz' || e.name === 'tab');
  if (!tab) {
    out.warnings.push('OpenToonz: no tnz element');
    return;
  }
  out.tag('Version', tab.attrs['version']);
  const frameCount = attrNumber(tab, 'framecount');
  out.tag('FrameCount', frameCount);
  const generator = childText(tab, 'generator');
  out.tag('Generator', generator ? unquote(generator) : undefined);
  const properties = firstChild(tab, 'properties');
  const camera = properties ? descendants(properties.children, 'camera', 1)[0] : undefined;
  out.tag('CameraSize', camera ? childText(camera, 'cameraSize') : undefined);
  out.tag('CameraResolution', camera ? childText(camera, 'cameraRes') : undefined);
  const outputs = properties ? descendants(properties.children, 'output', 100) : [];
  const frameRate = Number(outputs.map((o) => childText(o, 'frameRate')).find(Boolean) ?? NaN);
  if (Number.isFinite(frameRate) && frameRate > 0) out.tag('FrameRate', frameRate);
  for (const output of outputs) {
    const path = childText(output, 'path');
    if (path) out.path(unquote(path), `output ${output.attrs['name'] ?? ''}`.trim());
  }

  const levels = readLevels(out, tab);
  out.listTag(
    'Levels',
    [...levels.values()].map((l) => l.name),
  );
  const tracks = readColumns(out, tab, levels);
  out.listTag(
    'Columns',
    tracks.map((t) => t.name),
  );
  const sceneName = fileName.replace(/\.(tnz|tab)$/i, '');
  out.tag('SceneName', sceneName);
  out.timesheets.push({
    name: clip(sceneName),
    ...(frameCount !== undefined && frameCount >= 0 ? { frames: Math.floor(frameCount) } : {}),
    ...(Number.isFinite(frameRate) && frameRate > 0 ? { frameRate } : {}),
    tracks,
  });
  for (const path of descendants(tab.children, 'path', 10_000)) {
    const value = unquote(textOf(path));
    if (value) out.path(value, 'scene path');
  }
}

export const openToonzExtractor: Extractor = {
  name: 'opentoonz',
  version: 1,
  accepts: (input, head) =>
    HEAD.test(new TextDecoder('utf-8').decode(head.subarray(0, 4096))) || (/\.tnz$/i.test(input.name) && head[0] === 0x3c),
  async extract(input): Promise<ExtractorOutput> {
    const out = new WorkFileOutput('OpenToonz', 'OpenToonz');
    if (input.size > MAX_BYTES) {
      out.warnings.push(`OpenToonz: ${input.size} bytes, more than the ${MAX_BYTES} a scene is read up to`);
      return out.finish();
    }
    const nodes = parseWorkXml(decodeXmlBytes(await input.source.readAll()), 'OpenToonz', out.warnings);
    if (nodes) readScene(out, nodes, input.name);
    return out.finish();
  },
};
