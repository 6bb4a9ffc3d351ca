import type { Extraction } from '../../shared/domain/extraction';
import type { StatRecord } from '../lib/file-times';
import type { WalkEvent } from './walk';

/** Messages between the ingest service (main thread) and `ingest.worker.ts`. Everything is structured-clone safe. */

/** Zip-bomb defences. Sizes count bytes actually inflated, not what the archive declares. */
export interface ZipLimits {
  /** Archive nesting levels opened: 1 lists a top-level archive's members, 3 also lists zips in zips in zips. */
  maxDepth: number;
  /** Inflated bytes per top-level archive, nested archives included. */
  maxTotalBytes: number;
  maxEntries: number;
  /** Declared uncompressed : compressed ratio refused for members declaring more than `ratioMinBytes`. */
  maxRatio: number;
  ratioMinBytes: number;
  /** Members up to this size are held in memory (to open nested archives and to extract); larger ones are only hashed. */
  maxBufferBytes: number;
}

export interface ContentRecord {
  sha256: string | null;
  sha1: string | null;
  md5: string | null;
  mime: string | null;
  mismatch: boolean;
}

export type RecordStatus = 'ok' | 'error';

export interface HashedFile {
  /** Null when the file could not be opened: the stats taken when it was listed are kept. */
  stat: StatRecord | null;
  /** Null when the content could not be read. */
  content: ContentRecord | null;
  status: RecordStatus;
  error: string | null;
}

/** One archive member. `parentPath` is the virtual path of the archive holding it (`a.zip` or `a.zip!/b.zip`). */
export interface MemberRecord extends ContentRecord {
  path: string;
  parentPath: string;
  name: string;
  kind: 'member' | 'directory';
  depth: number;
  size: number | null;
  mtime: string | null;
  atime: string | null;
  birthtime: string | null;
  mode: number | null;
  status: RecordStatus;
  error: string | null;
  rawName: string | null;
  nameEncoding: string | null;
}

export interface HashFile {
  /** Absolute path as raw bytes (names need not be UTF-8). */
  path: Uint8Array;
  name: string;
  /** Path relative to the source: the prefix of member paths (`dir/outer.zip!/…`). */
  displayPath: string;
}

/** Several small files per task, so messages cost little next to the hashing. */
export interface HashTask {
  type: 'hash';
  files: HashFile[];
  limits: ZipLimits;
}

/** The listing of a source, walked in a worker and sent back in batches. */
export interface WalkTask {
  type: 'walk';
  root: string;
}

export type InventoryTask = WalkTask | HashTask;

export type InventoryProgress =
  { type: 'bytes'; bytes: number } | { type: 'members'; file: number; members: MemberRecord[] } | { type: 'walked'; events: WalkEvent[] };

/** Per file of the task, in order; `members` counts the member records sent as progress for it. */
export type InventoryResult = { type: 'hashed'; files: { file: HashedFile; members: number }[] } | { type: 'walked' };

export interface ExtractFileTask {
  type: 'extract-file';
  path: Uint8Array;
  name: string;
  displayPath: string;
  /** Size, SHA-256 and mtime (ISO, nanoseconds) recorded at hashing: the worker checks the bytes are still those. */
  size: number;
  mime: string | null;
  sha256: string;
  mtime: string | null;
}

export interface WantedMember {
  id: number;
  path: string;
  name: string;
  size: number;
  mime: string | null;
  sha256: string;
}

export interface ExtractMembersTask {
  type: 'extract-members';
  /** The top-level archive on disk. */
  archive: Uint8Array;
  archivePath: string;
  wanted: WantedMember[];
  limits: ZipLimits;
}

export type ExtractTask = ExtractFileTask | ExtractMembersTask;

/** `versions` are the `name@version` list of the extractors the worker has, stored with each extraction. */
export interface Extracted {
  extraction: Extraction;
  versions: string;
}

export type ExtractProgress =
  | { type: 'member-start'; id: number }
  /** `skipped`: deliberately not extracted (too large to hold in memory, refused); `error`: extraction failed. */
  | { type: 'member-done'; id: number; extracted: Extracted | null; skipped: string | null; error: string | null };

/** For a member task, the ids that were not found in the archive any more. */
export type ExtractResult = ({ type: 'file' } & Extracted) | { type: 'members'; missing: number[] };

export type WorkerTask = InventoryTask | ExtractTask;

export interface ToWorker<T> {
  taskId: number;
  task: T;
}

/** `ready` is sent once, when the worker has loaded: time limits count from then, not from the spawn. */
export type FromWorker<P, R> =
  | { type: 'ready' }
  | { type: 'progress'; taskId: number; progress: P }
  | { type: 'done'; taskId: number; result: R }
  | { type: 'failed'; taskId: number; error: string };
