import type {
  ExtractProgress,
  ExtractResult,
  ExtractTask,
  InventoryProgress,
  InventoryResult,
  InventoryTask,
} from '../../workers/protocol';
import { poolSize, workerEntry, WorkerPool } from '../../workers/pool';

/** One pool for every kind of ingest task: walking, hashing (with extraction) and extracting what is left. */
export type IngestPool = WorkerPool<InventoryTask | ExtractTask, InventoryProgress | ExtractProgress, InventoryResult | ExtractResult>;

/** An idle pool is kept this long: jobs that follow each other (a resumed source, the next source) reuse its workers. */
const IDLE_MS = 30_000;

let shared: IngestPool | null = null;
let users = 0;
let idleTimer: NodeJS.Timeout | null = null;

/** Worker threads: WORKBENCH_WORKERS when set (benchmarks), else one per core. */
function size(): number {
  const n = Number(process.env.WORKBENCH_WORKERS);
  return Number.isInteger(n) && n > 0 ? n : poolSize();
}

/**
 * The process's ingest workers, started once and shared by every job: starting a worker costs more than most
 * files take to read. Each job's tasks carry the job as their group, so cancelling one job leaves others running.
 */
export function acquireIngestPool(): IngestPool {
  users++;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  if (!shared || shared.isBroken) {
    void shared?.close();
    shared = new WorkerPool({
      file: workerEntry('ingest.worker'),
      size: size(),
      perWorker: 4,
      // Room for a file read whole (64 MiB) and what pdf.js or an office parser builds from it.
      resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64 },
    });
  }
  return shared;
}

export function releaseIngestPool(): void {
  users = Math.max(0, users - 1);
  if (users > 0 || !shared) return;
  const idle = shared;
  idleTimer = setTimeout(() => {
    if (shared === idle && users === 0) {
      shared = null;
      void idle.close();
    }
  }, IDLE_MS);
  // An idle pool never keeps a finished CLI or test process alive.
  idleTimer.unref();
}

/** Stops the workers now (shutdown); running tasks fail with reason `closed`. */
export async function closeIngestPool(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const pool = shared;
  shared = null;
  users = 0;
  await pool?.close();
}
