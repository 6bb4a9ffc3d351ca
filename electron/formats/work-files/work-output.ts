import type {
  MetadataGroups,
  MetaValue,
  ProjectItem,
  RecordedPath,
  Timesheet,
  TimestampEntry,
  WorkLayer,
  WorkStructure,
} from '../../../shared/domain/extraction';
import { STRUCTURE_LIMITS } from '../../../shared/domain/extraction';
import type { JsonValue } from '../../../shared/domain/json';
import type { ExtractorOutput } from '../types';
import { splitRecordedPath } from './recorded-path';

/** Searchable text of one work file at most; names and paths of even a huge project fit far below this. */
const MAX_TEXT_CHARS = 4 * 1024 * 1024;

const isMetaValue = (v: JsonValue | MetaValue): v is MetaValue => typeof v === 'object' && v !== null && !Array.isArray(v) && 'value' in v;

/** ExifTool shows a list of one as that one value. */
const listValue = (values: readonly string[]): JsonValue => (values.length === 1 ? values[0]! : [...values]);

/**
 * Collects what a work-file reader finds and turns it into one extractor output: metadata in the reader's group,
 * the names and recorded paths as searchable text (one per line, names in document order, then paths), the paths
 * split in a `RecordedPaths` group, and the structure for the detail pane, all within STRUCTURE_LIMITS.
 */
export class WorkFileOutput {
  readonly metadata: MetadataGroups = {};
  readonly timestamps: TimestampEntry[] = [];
  readonly warnings: string[] = [];
  layers: WorkLayer[] | undefined;
  readonly timesheets: Timesheet[] = [];
  readonly items: ProjectItem[] = [];
  private readonly lines: string[] = [];
  private readonly seenLines = new Set<string>();
  private readonly paths: RecordedPath[] = [];
  private readonly seenPaths = new Set<string>();
  private nodes = 0;
  private cells = 0;
  private truncated = false;

  /** `format` names the application family in the structure; `group` is the metadata group tags go to by default. */
  constructor(
    readonly format: string,
    readonly group: string,
  ) {}

  /** Sets a tag unless it is already set (the first value found wins, as in ExifTool); blank strings are skipped. */
  tag(name: string, value: JsonValue | MetaValue | undefined, group = this.group): void {
    if (value === undefined) return;
    const meta = isMetaValue(value) ? value : { value };
    if (meta.value === '' || (Array.isArray(meta.value) && meta.value.length === 0)) return;
    const g = (this.metadata[group] ??= {});
    if (!(name in g)) g[name] = meta;
  }

  /** A list tag, shown as one value when it has one element. */
  listTag(name: string, values: readonly string[], group = this.group): void {
    if (values.length > 0) this.tag(name, listValue(values), group);
  }

  /** Adds a line of searchable text (a name, a text layer, a cell); blank and repeated lines are dropped. */
  line(text: string | undefined): void {
    const t = text?.replace(/\s+/g, ' ').trim();
    if (!t || this.seenLines.has(t)) return;
    this.seenLines.add(t);
    this.lines.push(t);
  }

  /** Records a file path found in the work file (never opened); `where` names the field it came from. */
  path(recorded: string | undefined, where: string): void {
    if (!recorded || /^[.\\/\s]*$/.test(recorded)) return;
    const split = splitRecordedPath(recorded, where);
    if (!split || this.seenPaths.has(split.path)) return;
    if (!this.admit()) return;
    this.seenPaths.add(split.path);
    this.paths.push(split);
  }

  /**
   * Takes one node (layer, item, track, path) out of the budget; false once the budget is spent, and the structure
   * is then marked truncated. Readers call it before adding a node.
   */
  admit(): boolean {
    if (this.nodes >= STRUCTURE_LIMITS.nodes) {
      this.truncated = true;
      return false;
    }
    this.nodes++;
    return true;
  }

  /** Whether a layer at this depth (0 = top level) may be added; deeper layers are dropped and truncate. */
  admitDepth(depth: number): boolean {
    if (depth < STRUCTURE_LIMITS.depth) return true;
    this.truncated = true;
    return false;
  }

  /** Takes one timesheet cell out of the cell budget. */
  admitCell(): boolean {
    if (this.cells >= STRUCTURE_LIMITS.cells) {
      this.truncated = true;
      return false;
    }
    this.cells++;
    return true;
  }

  /** Adds a project item (counted), its name as a line and its path as a recorded path. */
  item(item: ProjectItem): void {
    if (!this.admit()) return;
    this.items.push(item);
    this.line(item.name);
    if (item.path) this.path(item.path, `${item.kind} ${item.name}`.trim());
  }

  /** Marks the structure as cut short for a reason the reader found (a section too large to read, say). */
  markTruncated(): void {
    this.truncated = true;
  }

  /** The RecordedPaths group: every path, then the parts that say whose machine and which folders. */
  private pathTags(): void {
    const unique = (pick: (p: RecordedPath) => (string | undefined)[]): string[] => [
      ...new Set(this.paths.flatMap(pick).filter((v): v is string => Boolean(v))),
    ];
    const group = 'RecordedPaths';
    this.listTag(
      'Path',
      unique((p) => [p.path]),
      group,
    );
    this.listTag(
      'Drive',
      unique((p) => [p.drive]),
      group,
    );
    this.listTag(
      'Host',
      unique((p) => [p.host]),
      group,
    );
    this.listTag(
      'User',
      unique((p) => [p.user]),
      group,
    );
    this.listTag(
      'Folder',
      unique((p) => p.folders),
      group,
    );
    this.listTag(
      'FileName',
      unique((p) => [p.file]),
      group,
    );
  }

  finish(): ExtractorOutput {
    this.pathTags();
    const allLines = [...this.lines, ...this.paths.map((p) => p.path).filter((p) => !this.seenLines.has(p))];
    let text = allLines.join('\n');
    const textTruncated = text.length > MAX_TEXT_CHARS;
    if (textTruncated) text = text.slice(0, MAX_TEXT_CHARS);
    const structure: WorkStructure = { format: this.format };
    if (this.layers && this.layers.length > 0) structure.layers = this.layers;
    if (this.timesheets.length > 0) structure.timesheets = this.timesheets;
    if (this.items.length > 0) structure.items = this.items;
    if (this.paths.length > 0) structure.paths = this.paths;
    if (this.truncated) structure.truncated = true;
    return {
      metadata: this.metadata,
      structure,
      ...(text ? { text } : {}),
      ...(textTruncated ? { textTruncated } : {}),
      ...(this.timestamps.length > 0 ? { timestamps: this.timestamps } : {}),
      ...(this.warnings.length > 0 ? { warnings: this.warnings } : {}),
    };
  }
}

/** Clips a recorded string to what the structure may hold. */
export const clip = (text: string): string => text.slice(0, STRUCTURE_LIMITS.chars);

/** A local wall-clock or offset date from a work file, as a timeline entry; undefined when it does not parse. */
export function timestampOf(field: string, text: string | undefined, label?: string): TimestampEntry | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text?.trim() ?? '');
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}`;
  const zone = m[8] ? (m[8] === 'Z' ? 'Z' : `${m[8].slice(0, 3)}:${m[8].slice(-2)}`) : undefined;
  const entry: TimestampEntry = { field, value: zone ? `${iso}${zone}` : iso, hasOffset: zone !== undefined };
  if (zone) {
    const ms = Date.parse(`${iso}${zone}`);
    if (!Number.isNaN(ms)) entry.utc = new Date(ms).toISOString();
  }
  if (label) entry.label = label;
  return entry;
}
