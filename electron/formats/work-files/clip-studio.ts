import type { WorkLayer } from '../../../shared/domain/extraction';
import type { ByteSource, Extractor, ExtractorOutput } from '../types';
import { isSqlite, sqlNumber, sqlText, withEmbeddedSqlite, type EmbeddedDb, type SqlRow } from './embedded-sqlite';
import { SourceCursor, TruncatedError } from './source-cursor';
import { clip, WorkFileOutput } from './work-output';

/**
 * Clip Studio Paint `.clip`: a `CSFCHUNK` container of chunks (`CHNKHead`, `CHNKExta` pixel blocks, `CHNKSQLi`,
 * `CHNKFoot`). The SQLite chunk describes the document: canvas size and resolution, the layer tree (each layer
 * links its first child and its next sibling), text layers, the format version and a PNG preview of the canvas.
 */

/** A database larger than this is not a description of a canvas; it is not copied out. */
const MAX_DATABASE = 256 * 1024 * 1024;
const MAX_CHUNKS = 1_000_000;
const MAX_LAYERS = 20_000;

export const isClipStudio = (head: Uint8Array): boolean => String.fromCharCode(...head.subarray(0, 8)) === 'CSFCHUNK';

export interface ClipChunks {
  /** Where the SQLite database sits in the file. */
  database?: { at: number; size: number };
  /** How many chunks of each kind (`Head`, `Exta`, `SQLi`, `Foot`). */
  counts: Record<string, number>;
  warnings: string[];
}

/** Walks the chunk list (16-byte headers: `CHNK`, a 4-letter kind, a 64-bit size); the chunk data is skipped. */
export async function readClipChunks(source: ByteSource): Promise<ClipChunks> {
  const c = new SourceCursor(source, 8);
  const result: ClipChunks = { counts: {}, warnings: [] };
  try {
    await c.u64();
    c.pos = Math.max(24, await c.u64());
    for (let n = 0; n < MAX_CHUNKS && c.pos + 16 <= source.size; n++) {
      const tag = await c.ascii(4);
      if (tag !== 'CHNK') {
        result.warnings.push(`Clip Studio: no chunk header at byte ${c.pos - 4}`);
        break;
      }
      const kind = await c.ascii(4);
      const size = await c.u64();
      result.counts[kind] = (result.counts[kind] ?? 0) + 1;
      if (kind === 'SQLi' && !result.database) result.database = { at: c.pos, size };
      if (c.pos + size > source.size) {
        result.warnings.push(`Clip Studio: chunk ${kind} at byte ${c.pos - 16} runs past the end of the file`);
        break;
      }
      c.pos += size;
      if (kind === 'Foot') break;
    }
  } catch (e) {
    if (!(e instanceof TruncatedError)) throw e;
    result.warnings.push(`Clip Studio: ${e.message}`);
  }
  return result;
}

/** The embedded database's bytes, or why they were not read. */
export async function clipDatabase(source: ByteSource, chunks: ClipChunks): Promise<Uint8Array | string> {
  const db = chunks.database;
  if (!db) return 'no SQLite chunk';
  if (db.size > MAX_DATABASE) return `the SQLite chunk (${db.size} bytes) is larger than ${MAX_DATABASE} bytes and was not read`;
  if (db.at + db.size > source.size) return 'the SQLite chunk is truncated';
  const bytes = await source.read(db.at, db.size);
  return isSqlite(bytes) ? bytes : 'the SQLite chunk does not hold an SQLite database';
}

/** `SELECT` of the wanted columns that exist (older versions lack some); no rows when none does. */
function select(db: EmbeddedDb, table: string, wanted: readonly string[], limit: number): SqlRow[] {
  const have = db.columns(table);
  const columns = wanted.filter((c) => have.has(c));
  if (columns.length === 0) return [];
  return db.rows(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${table}" LIMIT ${limit}`);
}

const LAYER_COLUMNS = [
  'MainId',
  'LayerName',
  'LayerType',
  'LayerVisibility',
  'LayerOpacity',
  'LayerComposite',
  'LayerFolder',
  'LayerNextIndex',
  'LayerFirstChildIndex',
  'TextLayerString',
] as const;

interface ClipLayer {
  id: number;
  name: string;
  folder: boolean;
  visible: boolean;
  opacity?: number;
  composite?: number;
  text?: string;
  next?: number;
  firstChild?: number;
}

function toLayer(row: SqlRow): ClipLayer | undefined {
  const id = sqlNumber(row['MainId']);
  if (id === undefined) return undefined;
  const opacity = sqlNumber(row['LayerOpacity']);
  const composite = sqlNumber(row['LayerComposite']);
  const text = sqlText(row['TextLayerString']);
  const next = sqlNumber(row['LayerNextIndex']);
  const firstChild = sqlNumber(row['LayerFirstChildIndex']);
  return {
    id,
    name: sqlText(row['LayerName']) ?? '',
    folder: (sqlNumber(row['LayerFolder']) ?? 0) !== 0,
    // Bit 0 is the layer's eye; bit 1 is its mask's.
    visible: ((sqlNumber(row['LayerVisibility']) ?? 1) & 1) === 1,
    ...(opacity !== undefined ? { opacity: Math.min(1, Math.max(0, opacity / 256)) } : {}),
    ...(composite !== undefined ? { composite } : {}),
    ...(text ? { text: text.replace(/\r\n?/g, '\n') } : {}),
    ...(next ? { next } : {}),
    ...(firstChild ? { firstChild } : {}),
  };
}

/** The children of a folder follow `next` links from its first child, bottom of the stack first; shown top first. */
function childrenOf(
  out: WorkFileOutput,
  layers: ReadonlyMap<number, ClipLayer>,
  first: number | undefined,
  depth: number,
  seen: Set<number>,
): WorkLayer[] {
  const chain: ClipLayer[] = [];
  for (let id = first; id !== undefined && !seen.has(id); id = layers.get(id)?.next) {
    const layer = layers.get(id);
    if (!layer) break;
    seen.add(id);
    chain.push(layer);
  }
  const tree: WorkLayer[] = [];
  for (const layer of chain.reverse()) {
    if (!out.admitDepth(depth) || !out.admit()) break;
    const node: WorkLayer = {
      name: clip(layer.name),
      kind: layer.folder ? 'folder' : layer.text ? 'text' : 'layer',
      visible: layer.visible,
    };
    if (layer.composite !== undefined) node.blendMode = layer.composite === 0 ? 'Normal' : `Composite ${layer.composite}`;
    if (layer.opacity !== undefined) node.opacity = layer.opacity;
    if (layer.text) node.text = clip(layer.text);
    out.line(layer.name);
    out.line(layer.text);
    if (layer.folder) node.children = childrenOf(out, layers, layer.firstChild, depth + 1, seen);
    tree.push(node);
  }
  return tree;
}

function describe(out: WorkFileOutput, db: EmbeddedDb): void {
  const [project] = select(db, 'Project', ['ProjectInternalVersion', 'ProjectName'], 1);
  out.tag('ProjectInternalVersion', sqlText(project?.['ProjectInternalVersion']));
  out.tag('ProjectName', sqlText(project?.['ProjectName']));
  const [canvas] = select(
    db,
    'Canvas',
    ['CanvasWidth', 'CanvasHeight', 'CanvasResolution', 'CanvasUnit', 'CanvasChannelBytes', 'CanvasRootFolder'],
    1,
  );
  for (const tag of ['CanvasWidth', 'CanvasHeight', 'CanvasResolution', 'CanvasUnit', 'CanvasChannelBytes'])
    out.tag(tag, sqlNumber(canvas?.[tag]));
  const [preview] = select(db, 'CanvasPreview', ['ImageWidth', 'ImageHeight'], 1);
  const pw = sqlNumber(preview?.['ImageWidth']);
  const ph = sqlNumber(preview?.['ImageHeight']);
  if (pw && ph) out.tag('PreviewImageSize', `${pw}x${ph}`);

  const rows = select(db, 'Layer', LAYER_COLUMNS, MAX_LAYERS + 1);
  if (rows.length > MAX_LAYERS) out.warnings.push(`Clip Studio: more than ${MAX_LAYERS} layers; the first ${MAX_LAYERS} were read`);
  const layers = new Map<number, ClipLayer>();
  for (const row of rows.slice(0, MAX_LAYERS)) {
    const layer = toLayer(row);
    if (layer) layers.set(layer.id, layer);
  }
  const root = layers.get(sqlNumber(canvas?.['CanvasRootFolder']) ?? -1);
  out.layers = root
    ? childrenOf(out, layers, root.firstChild, 0, new Set([root.id]))
    : [...layers.values()].filter(() => out.admit()).map((l) => ({ name: clip(l.name), visible: l.visible }));
  const named = [...layers.values()].filter((l) => l !== root);
  out.tag('LayerCount', named.length);
  out.listTag(
    'LayerNames',
    named.map((l) => l.name),
  );
  out.listTag(
    'TextLayerText',
    named.flatMap((l) => (l.text ? [l.text] : [])),
  );
}

export const clipStudioExtractor: Extractor = {
  name: 'clip-studio',
  version: 1,
  accepts: (_input, head) => isClipStudio(head),
  async extract(input): Promise<ExtractorOutput> {
    const out = new WorkFileOutput('Clip Studio Paint', 'ClipStudio');
    const chunks = await readClipChunks(input.source);
    out.warnings.push(...chunks.warnings);
    out.tag('ExternalChunks', chunks.counts['Exta'] ?? 0);
    const database = await clipDatabase(input.source, chunks);
    if (typeof database === 'string') out.warnings.push(`Clip Studio: ${database}`);
    else {
      try {
        withEmbeddedSqlite(database, (db) => describe(out, db));
      } catch (e) {
        out.warnings.push(`Clip Studio: the embedded database could not be read (${e instanceof Error ? e.message : String(e)})`);
      }
    }
    return out.finish();
  },
};
