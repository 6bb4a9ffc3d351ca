import type { ProjectItem, WorkLayer } from '../../../shared/domain/extraction';
import type { Extractor, ExtractorOutput } from '../types';
import { looksLikeAbsolutePath } from './recorded-path';
import { SourceCursor, TruncatedError } from './source-cursor';
import { clip, WorkFileOutput } from './work-output';

/**
 * After Effects `.aep` projects: a big-endian RIFF (`RIFX`, form `Egg!`). The project panel is a tree of `LIST Item`
 * chunks (folders, compositions, footage), each with an `idta` (type and id) and a `Utf8` name; a composition's
 * `cdta` holds its size, frame rate and duration and its `LIST Layr` children are its layers; a footage item's
 * `LIST Pin ` holds the file it was imported from (`alas`, a JSON `fullpath` in current versions). Every `Utf8`
 * chunk in the file that holds an absolute path is recorded too. Chunks are walked through the byte source; the
 * property and keyframe data that make up most of a project are skipped, not read.
 */

/** Lists whose structure is kept: the project tree. Others are only scanned for path-like `Utf8` chunks. */
const KEPT_LISTS = new Set(['Fold', 'Item', 'Sfdr', 'Layr', 'Pin ', 'Als2', 'ExEn']);
/** Lists that hold binary records rather than chunks (text documents): not walked into. */
const OPAQUE_LISTS = new Set(['btdk']);
/** Chunks whose data is read, and how much of it at most. */
const DATA_CHUNKS: Record<string, number> = { Utf8: 64 * 1024, alas: 64 * 1024, idta: 4096, cdta: 4096, ldta: 4096, opti: 4096, nhed: 256 };
const MAX_CHUNKS = 2_000_000;
const MAX_DEPTH = 64;

interface Chunk {
  id: string;
  list?: string;
  data?: Uint8Array;
  children: Chunk[];
}

const isAep = (head: Uint8Array): boolean =>
  String.fromCharCode(...head.subarray(0, 4)) === 'RIFX' && String.fromCharCode(...head.subarray(8, 12)) === 'Egg!';
const u16 = (b: Uint8Array | undefined, at: number): number | undefined =>
  b && b.byteLength >= at + 2 ? (b[at]! << 8) | b[at + 1]! : undefined;
const u32 = (b: Uint8Array | undefined, at: number): number | undefined =>
  b && b.byteLength >= at + 4 ? ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0 : undefined;
const utf8 = (b: Uint8Array | undefined): string => (b ? new TextDecoder('utf-8').decode(b).replace(/\0+$/, '') : '');

class Walk {
  chunks = 0;
  readonly utf8Paths: string[] = [];
  readonly warnings: string[] = [];
  constructor(private readonly c: SourceCursor) {}

  /** The chunks between `start` and `end`; structure is kept only under KEPT_LISTS, and Utf8 paths are noted everywhere. */
  async chunksIn(start: number, end: number, depth: number, keep: boolean): Promise<Chunk[]> {
    const out: Chunk[] = [];
    let at = start;
    while (at + 8 <= end) {
      if (++this.chunks > MAX_CHUNKS) throw new TruncatedError(`more than ${MAX_CHUNKS} chunks`);
      const id = String.fromCharCode(...(await this.c.bytes(4, at)));
      const size = u32(await this.c.bytes(4, at + 4), 0)!;
      const dataAt = at + 8;
      if (dataAt + size > end) {
        // Inside lists whose structure is not used, an odd record is not worth a warning; in the project tree it is.
        if (keep) this.warnings.push(`After Effects: chunk ${id} at byte ${at} runs past its list`);
        break;
      }
      if (id === 'LIST' && size >= 4) {
        const list = String.fromCharCode(...(await this.c.bytes(4, dataAt)));
        const kept = keep && KEPT_LISTS.has(list);
        if (OPAQUE_LISTS.has(list)) {
          at = dataAt + size + (size & 1);
          continue;
        }
        if (depth < MAX_DEPTH) {
          const children = await this.chunksIn(dataAt + 4, dataAt + size, depth + 1, kept);
          if (kept) out.push({ id, list, children });
        } else this.warnings.push('After Effects: lists nested deeper than 64 levels were not read');
      } else if (DATA_CHUNKS[id] !== undefined && (keep || id === 'Utf8')) {
        const data = await this.c.bytes(Math.min(size, DATA_CHUNKS[id]), dataAt);
        if (id === 'Utf8') {
          const text = utf8(data);
          if (looksLikeAbsolutePath(text)) this.utf8Paths.push(text);
        }
        if (keep) out.push({ id, data, children: [] });
      }
      at = dataAt + size + (size & 1);
    }
    return out;
  }
}

const child = (chunk: Chunk, id: string): Chunk | undefined => chunk.children.find((c) => c.id === id);
const lists = (chunk: Chunk, list: string): Chunk[] => chunk.children.filter((c) => c.list === list);

/** The readable text runs of a binary chunk (an `opti` holds a solid's or placeholder's name among numbers). */
function printableRuns(data: Uint8Array | undefined): string[] {
  if (!data) return [];
  return (
    new TextDecoder('utf-8', { fatal: false })
      .decode(data)
      .match(/[^\0-\x1f\x7f-\x9f\uFFFD]{3,}/g)
      ?.map((s) => s.trim())
      .filter((s) => /\p{L}/u.test(s) && s !== 'Soli') ?? []
  );
}

/** `alas`: `{"fullpath": "...", "target_is_folder": false}`; older projects keep other forms, scanned for a path. */
function aliasPath(data: Uint8Array | undefined): string | undefined {
  const text = utf8(data).trim();
  if (!text) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && 'fullpath' in parsed && typeof parsed.fullpath === 'string')
      return parsed.fullpath;
  } catch {
    // Not JSON: an older alias record; the path is found in its text below.
  }
  return printableRuns(data).find(looksLikeAbsolutePath);
}

const baseName = (path: string): string => path.split(/[\\/]/).filter(Boolean).at(-1) ?? path;

interface Project {
  items: ProjectItem[];
  comps: WorkLayer[];
  byId: Map<number, string>;
}

function readItem(out: WorkFileOutput, item: Chunk, parent: string | undefined, project: Project, depth: number): void {
  if (depth > MAX_DEPTH || !out.admit()) return;
  const idta = child(item, 'idta')?.data;
  const type = u16(idta, 0);
  const id = u32(idta, 16);
  let name = utf8(child(item, 'Utf8')?.data);
  if (type === 1) {
    project.items.push({ kind: 'folder', name: clip(name), ...(parent ? { parent: clip(parent) } : {}) });
    out.line(name);
    for (const sub of lists(item, 'Sfdr').flatMap((s) => lists(s, 'Item'))) readItem(out, sub, name, project, depth + 1);
  } else if (type === 4) {
    const cdta = child(item, 'cdta')?.data;
    const rate = (u32(cdta, 8) ?? 0) / (u32(cdta, 4) || 1);
    const seconds = (u32(cdta, 44) ?? 0) / (u32(cdta, 48) || 1);
    const detail = cdta
      ? `${u16(cdta, 140)}×${u16(cdta, 142)}, ${Math.round(rate * 1000) / 1000} fps, ${Math.round(seconds * 1000) / 1000} s`
      : undefined;
    project.items.push({
      kind: 'composition',
      name: clip(name),
      ...(parent ? { parent: clip(parent) } : {}),
      ...(detail ? { detail } : {}),
    });
    out.line(name);
    const layers: WorkLayer[] = [];
    for (const layer of lists(item, 'Layr')) {
      if (!out.admit()) break;
      const layerName = utf8(child(layer, 'Utf8')?.data);
      const source = u32(child(layer, 'ldta')?.data, 40);
      layers.push({ name: clip(layerName), kind: 'layer', ...(source ? { source: String(source) } : {}) });
      out.line(layerName);
    }
    project.comps.push({ name: clip(name), kind: 'composition', children: layers });
  } else if (type === 7) {
    const pin = lists(item, 'Pin ')[0];
    const path = pin
      ? aliasPath(
          lists(pin, 'Als2')
            .map((a) => child(a, 'alas')?.data)
            .find(Boolean),
        )
      : undefined;
    const inner = pin ? utf8(child(pin, 'Utf8')?.data) : '';
    const opti = pin ? printableRuns(child(pin, 'opti')?.data)[0] : undefined;
    name = name || inner || (path ? baseName(path) : '') || opti || '';
    project.items.push({
      kind: 'footage',
      name: clip(name),
      ...(path ? { path: clip(path) } : {}),
      ...(parent ? { parent: clip(parent) } : {}),
      ...(opti && !path ? { detail: clip(opti) } : {}),
    });
    out.line(name);
    if (path) out.path(path, `footage ${name}`);
  }
  if (id !== undefined) project.byId.set(id, name);
}

export const afterEffectsExtractor: Extractor = {
  name: 'after-effects',
  version: 1,
  accepts: (_input, head) => isAep(head),
  async extract(input): Promise<ExtractorOutput> {
    const out = new WorkFileOutput('After Effects', 'AfterEffects');
    const c = new SourceCursor(input.source);
    const walk = new Walk(c);
    let top: Chunk[] = [];
    try {
      const declared = u32(await c.bytes(4, 4), 0)!;
      const end = Math.min(input.source.size, 8 + declared);
      if (8 + declared > input.source.size) out.warnings.push('After Effects: the file is shorter than its RIFX header says');
      top = await walk.chunksIn(12, end, 0, true);
    } catch (e) {
      if (!(e instanceof TruncatedError)) throw e;
      out.warnings.push(`After Effects: ${e.message}; the chunks read before it are kept`);
    }
    out.warnings.push(...walk.warnings);
    const nhed = top.find((ch) => ch.id === 'nhed')?.data;
    const depthCode = nhed?.[15];
    if (depthCode !== undefined) out.tag('BitsPerChannel', { value: [8, 16, 32][depthCode] ?? depthCode, raw: depthCode });
    const exen = top.find((ch) => ch.list === 'ExEn');
    out.tag('ExpressionEngine', exen ? utf8(child(exen, 'Utf8')?.data) : undefined);

    const project: Project = { items: [], comps: [], byId: new Map() };
    for (const fold of top.filter((ch) => ch.list === 'Fold'))
      for (const item of lists(fold, 'Item')) readItem(out, item, undefined, project, 0);
    for (const comp of project.comps) {
      for (const layer of comp.children ?? []) {
        const sourceName = layer.source ? project.byId.get(Number(layer.source)) : undefined;
        if (sourceName) layer.source = clip(sourceName);
        else delete layer.source;
        if (!layer.name && sourceName) layer.name = clip(sourceName);
      }
    }
    out.items.push(...project.items);
    out.layers = project.comps;
    const names = (kind: string): string[] => project.items.filter((i) => i.kind === kind).map((i) => i.name);
    out.listTag('CompositionNames', names('composition'));
    out.listTag('FootageNames', names('footage'));
    out.listTag('FolderNames', names('folder'));
    out.tag(
      'LayerCount',
      project.comps.reduce((n, comp) => n + (comp.children?.length ?? 0), 0),
    );
    for (const path of walk.utf8Paths) out.path(path, 'Utf8 chunk');
    return out.finish();
  },
};
