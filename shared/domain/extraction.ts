import { z } from 'zod';
import { JsonValue } from './json';

/**
 * One metadata tag. `value` is the readable (print-converted) value; `raw` is the unconverted machine value,
 * matching `exiftool -n`, present only when it differs from `value`. `bytes` keeps the original bytes (hex) of a
 * string that had to be decoded from a legacy or unusual encoding, named in `encoding`, so analysts can re-decode.
 */
export const MetaValue = z.object({
  value: JsonValue,
  raw: JsonValue.optional(),
  bytes: z.string().optional(),
  encoding: z.string().optional(),
});
export type MetaValue = z.infer<typeof MetaValue>;

/** Group (ExifTool family-1 name such as `IFD0`, `ExifIFD`, `XMP-dc`, `PDF`) → tag name (ExifTool spelling) → value. */
export const MetadataGroups = z.record(z.string(), z.record(z.string(), MetaValue));
export type MetadataGroups = z.infer<typeof MetadataGroups>;

export const EncodingInfo = z.object({
  /** WHATWG / IANA label as decoded, lower case, e.g. `utf-8`, `gb18030`, `euc-kr`, `shift_jis`, `utf-16le`. */
  name: z.string(),
  confidence: z.number().min(0).max(1),
  bom: z.boolean().optional(),
  /** Human-readable reason for the choice, e.g. `BOM`, `strict UTF-8`, `statistical (jschardet)`. */
  method: z.string().optional(),
});
export type EncodingInfo = z.infer<typeof EncodingInfo>;

export const PageText = z.object({
  page: z.number().int().positive(),
  text: z.string(),
  /** Annotation contents on this page (editing comments often live there). */
  annotations: z
    .array(z.object({ subtype: z.string(), author: z.string().optional(), contents: z.string(), modified: z.string().optional() }))
    .optional(),
});
export type PageText = z.infer<typeof PageText>;

/**
 * One date found anywhere in an artifact, normalised to ISO 8601. `value` keeps the offset when the source gave
 * one (`2024-03-15T14:22:05+09:00`); otherwise it is local wall-clock time with no offset and `hasOffset` is false —
 * never silently re-zoned. `utc` is filled only when the instant is known.
 */
export const TimestampEntry = z.object({
  field: z.string(),
  value: z.string(),
  hasOffset: z.boolean(),
  utc: z.string().optional(),
  label: z.string().optional(),
});
export type TimestampEntry = z.infer<typeof TimestampEntry>;

export const XmpHistoryEvent = z.object({
  action: z.string().optional(),
  softwareAgent: z.string().optional(),
  when: z.string().optional(),
  instanceId: z.string().optional(),
  changed: z.string().optional(),
});
export type XmpHistoryEvent = z.infer<typeof XmpHistoryEvent>;

/** XMP media-management identity of a file: what links derived files to their originals. */
export const DocumentIdentity = z.object({
  creatorTool: z.string().optional(),
  documentId: z.string().optional(),
  instanceId: z.string().optional(),
  originalDocumentId: z.string().optional(),
  derivedFrom: z.object({ documentId: z.string().optional(), instanceId: z.string().optional() }).optional(),
  history: z.array(XmpHistoryEvent).optional(),
});
export type DocumentIdentity = z.infer<typeof DocumentIdentity>;

export const LogClient = z.object({
  ip: z.string(),
  country: z.string().optional(),
  /** Province or state, from the offline city data. */
  region: z.string().optional(),
  asn: z.number().int().optional(),
  network: z.string().optional(),
  requests: z.number().int(),
  firstAt: z.string().optional(),
  lastAt: z.string().optional(),
  topPaths: z.array(z.object({ path: z.string(), count: z.number().int() })),
  userAgents: z.array(z.string()),
});
export type LogClient = z.infer<typeof LogClient>;

/** Who accessed what from where, for one web-server access log. */
export const LogSummary = z.object({
  format: z.enum(['combined', 'common']),
  lines: z.number().int(),
  parsed: z.number().int(),
  firstAt: z.string().optional(),
  lastAt: z.string().optional(),
  clients: z.array(LogClient),
  countries: z.array(z.object({ country: z.string(), requests: z.number().int() })),
});
export type LogSummary = z.infer<typeof LogSummary>;

/**
 * Bounds of a work file's structure. A hostile or merely huge project (thousands of layers, a timesheet of every
 * frame) must not bloat the case: readers stop adding at these bounds and set `truncated`; the schema checks each list.
 */
export const STRUCTURE_LIMITS = {
  /** Layers, items, timesheet tracks and recorded paths together. */
  nodes: 5000,
  /** Timesheet cells of one artifact, all tracks together. */
  cells: 20_000,
  /** Nesting of the layer tree (groups in groups). */
  depth: 32,
  /** Characters of one name, path or text. */
  chars: 4000,
} as const;

const StructureText = z.string().max(STRUCTURE_LIMITS.chars);

/**
 * One layer, group, folder or timeline layer of a work file, as the application shows it (top of the stack first).
 * `kind` is the application's notion in plain words (`group`, `pixel`, `text`, `shape`, `smart-object`, `adjustment`,
 * `vector`, `guide`, `mask`, `folder`, `timeline`…); `source` is a linked or embedded file the layer shows, as recorded.
 */
export interface WorkLayer {
  name: string;
  kind?: string;
  visible?: boolean;
  blendMode?: string;
  /** 0 to 1. */
  opacity?: number;
  /** What a text layer says. */
  text?: string;
  fonts?: string[];
  source?: string;
  children?: WorkLayer[];
}
export const WorkLayer: z.ZodType<WorkLayer> = z.lazy(() =>
  z.object({
    name: StructureText,
    kind: z.string().max(64).optional(),
    visible: z.boolean().optional(),
    blendMode: z.string().max(64).optional(),
    opacity: z.number().min(0).max(1).optional(),
    text: StructureText.optional(),
    fonts: z.array(StructureText).max(64).optional(),
    source: StructureText.optional(),
    children: z.array(WorkLayer).max(STRUCTURE_LIMITS.nodes).optional(),
  }),
);

/** One exposure change on a timesheet track: from `frame` (0-based) on, the track shows `value` (a cell or drawing name). */
export const TimesheetCell = z.object({ frame: z.number().int().nonnegative(), value: StructureText });
export type TimesheetCell = z.infer<typeof TimesheetCell>;

/**
 * One column of a timesheet (a cel layer, a dialogue or camera track). `field` names what the column holds
 * (`cell`, `dialog`, `camerawork`, `sound`…). Only the frames where the exposure changes are listed, as on paper.
 */
export const TimesheetTrack = z.object({
  name: StructureText,
  field: z.string().max(64).optional(),
  cells: z.array(TimesheetCell).max(STRUCTURE_LIMITS.cells),
});
export type TimesheetTrack = z.infer<typeof TimesheetTrack>;

/** One exposure sheet: a cut's time table, a Harmony scene, an OpenToonz xsheet. */
export const Timesheet = z.object({
  name: StructureText.optional(),
  /** Duration in frames. */
  frames: z.number().int().nonnegative().optional(),
  frameRate: z.number().positive().optional(),
  tracks: z.array(TimesheetTrack).max(STRUCTURE_LIMITS.nodes),
});
export type Timesheet = z.infer<typeof Timesheet>;

/**
 * One entry of a project's item list: a composition, footage, folder, sequence, media file, library symbol, level,
 * element or node. `path` is the file it refers to, as recorded (never opened); `parent` the folder or bin holding it.
 */
export const ProjectItem = z.object({
  kind: z.string().max(64),
  name: StructureText,
  path: StructureText.optional(),
  parent: StructureText.optional(),
  /** A short description: size, frame rate, duration, type. */
  detail: StructureText.optional(),
});
export type ProjectItem = z.infer<typeof ProjectItem>;

/**
 * A file path recorded inside a work file, split into the parts that identify a machine and a person: the drive or
 * volume, the host of a network path, the user whose home folder it is under, the folders, the file name. `where`
 * says which field of the work file held it.
 */
export const RecordedPath = z.object({
  path: StructureText,
  style: z.enum(['windows', 'unc', 'mac', 'posix', 'relative']),
  drive: StructureText.optional(),
  host: StructureText.optional(),
  user: StructureText.optional(),
  folders: z.array(StructureText).max(256),
  file: StructureText.optional(),
  where: StructureText,
});
export type RecordedPath = z.infer<typeof RecordedPath>;

/**
 * The inner structure of an illustration or animation work file, for the detail pane: its layer tree, its
 * timesheets, its project items and the file paths it recorded. Bounded by STRUCTURE_LIMITS; `truncated` is set
 * when a reader stopped at a bound.
 */
export const WorkStructure = z.object({
  /** The application family, e.g. `Photoshop`, `Clip Studio Paint`, `Krita`, `XDTS`, `After Effects`. */
  format: z.string().max(64),
  layers: z.array(WorkLayer).max(STRUCTURE_LIMITS.nodes).optional(),
  timesheets: z.array(Timesheet).max(STRUCTURE_LIMITS.nodes).optional(),
  items: z.array(ProjectItem).max(STRUCTURE_LIMITS.nodes).optional(),
  paths: z.array(RecordedPath).max(STRUCTURE_LIMITS.nodes).optional(),
  truncated: z.boolean().optional(),
});
export type WorkStructure = z.infer<typeof WorkStructure>;

/** Everything extracted from one artifact. All fields JSON-safe. */
export const Extraction = z.object({
  metadata: MetadataGroups,
  /** The extracted text, or the first part of it when `textLength` says it is longer (page it with `artifacts.text`). */
  text: z.string().optional(),
  /** Length of the whole extracted text in characters (code points); `text` may hold only its beginning. */
  textLength: z.number().int().optional(),
  /** The source was longer than what was decoded (see the extractor's warning). */
  textTruncated: z.boolean().optional(),
  encoding: EncodingInfo.optional(),
  pages: z.array(PageText).optional(),
  timestamps: z.array(TimestampEntry),
  identity: DocumentIdentity.optional(),
  logSummary: LogSummary.optional(),
  /** Layers, timesheets, project items and recorded paths of a work file (PSD, Clip Studio, Krita, XDTS, AEP…). */
  structure: WorkStructure.optional(),
  /** Non-fatal problems (a bad segment, an undecodable field); the extraction still holds what could be read. */
  warnings: z.array(z.string()),
  /** Which extractors ran, with versions, and the error of any that failed. */
  extractors: z.array(z.object({ name: z.string(), version: z.number().int(), error: z.string().optional(), ms: z.number().optional() })),
});
export type Extraction = z.infer<typeof Extraction>;
