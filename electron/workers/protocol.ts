import type { Production } from '../../shared/domain/analysis';
import type { Extraction } from '../../shared/domain/extraction';
import type { AnalysisRecord } from '../analysis/artifact-analysis';
import type { HashedFile, MemberRecord, SearchDoc, WalkEvent, ZipLimits } from '../model/inventory';
import type { LogRequestsProgress } from './log-flow';

/** Messages between the ingest service (main thread) and `ingest.worker.ts`. Everything is structured-clone safe. */

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
  /**
   * Also run the extractors on each file small enough to hold in memory, from the very bytes just hashed: one read
   * per file instead of two, and no second hash to prove the extracted bytes are the inventoried ones.
   */
  extract: boolean;
  /** The case's watchlist, for the analysis that follows each extraction. */
  productions: Production[];
  /** Flow control for access-log requests sent as progress (see log-flow.ts). */
  logFlow: SharedArrayBuffer;
}

/** The listing of a source, walked in a worker and sent back in batches. */
export interface WalkTask {
  type: 'walk';
  root: string;
}

export type InventoryTask = WalkTask | HashTask;

export type InventoryProgress =
  | { type: 'bytes'; bytes: number }
  | { type: 'members'; file: number; members: MemberRecord[] }
  | { type: 'walked'; events: WalkEvent[] }
  /** A file of the task is done: the pool's silence limit restarts, so it applies per file, not per batch. */
  | { type: 'file-done'; file: number }
  | LogRequestsProgress;

/** What became of one file of a hash task; `members` counts the member records sent as progress for it. */
export interface HashOutcome {
  file: HashedFile;
  members: number;
  /** Present when the task asked for extraction and the file was read whole: the result, or why it failed. */
  extracted?: Extracted | { error: string };
}

/** Per file of the task, in order. */
export type InventoryResult = { type: 'hashed'; files: HashOutcome[] } | { type: 'walked' };

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
  productions: Production[];
  logFlow: SharedArrayBuffer;
  /** What OCR read in the artifact's pictures before, analysed with the new extraction (it survives re-extraction). */
  ocrText?: string;
}

export interface WantedMember {
  id: number;
  path: string;
  name: string;
  size: number;
  mime: string | null;
  sha256: string;
  /** As in ExtractFileTask. */
  ocrText?: string;
}

export interface ExtractMembersTask {
  type: 'extract-members';
  /** The top-level archive on disk. */
  archive: Uint8Array;
  archivePath: string;
  wanted: WantedMember[];
  limits: ZipLimits;
  productions: Production[];
  logFlow: SharedArrayBuffer;
}

export type ExtractTask = ExtractFileTask | ExtractMembersTask;

/**
 * `versions` are the `name@version` list of the extractors the worker has, stored with each extraction; `docs` are
 * the artifact's full-text rows, folded in the worker so that the main thread only writes them. An access log's
 * requests are not here: they were sent before it as `log-requests` progress.
 */
export interface Extracted {
  extraction: Extraction;
  versions: string;
  docs: SearchDoc[];
  analysis: AnalysisRecord;
}

export type ExtractProgress =
  | { type: 'member-start'; id: number }
  | LogRequestsProgress
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
