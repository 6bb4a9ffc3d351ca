import type {
  ExtractProgress,
  ExtractResult,
  ExtractTask,
  InventoryProgress,
  InventoryResult,
  InventoryTask,
} from '../../workers/protocol';
import { poolSize, workerEntry, type WorkerPool } from '../../workers/pool';
import { SharedPool } from '../../workers/shared-pool';

/** One pool for every kind of ingest task: walking, hashing (with extraction) and extracting what is left. */
export type IngestPool = WorkerPool<InventoryTask | ExtractTask, InventoryProgress | ExtractProgress, InventoryResult | ExtractResult>;

/** Worker threads: WORKBENCH_WORKERS when set (benchmarks), else one per core. */
function size(): number {
  const n = Number(process.env.WORKBENCH_WORKERS);
  return Number.isInteger(n) && n > 0 ? n : poolSize();
}

/**
 * The process's ingest workers, shared by every job; each job's tasks carry the job as their group, so cancelling
 * one job leaves others running. An idle pool is kept 30 s: jobs that follow each other (a resumed source, the next
 * source) reuse its workers.
 */
const ingestPool = new SharedPool<InventoryTask | ExtractTask, InventoryProgress | ExtractProgress, InventoryResult | ExtractResult>(
  () => ({
    file: workerEntry('ingest.worker'),
    size: size(),
    perWorker: 4,
    // Room for a file read whole (64 MiB) and what pdf.js or an office parser builds from it.
    resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64 },
  }),
  30_000,
);

export const acquireIngestPool = (): IngestPool => ingestPool.acquire();
export const releaseIngestPool = (): void => ingestPool.release();
export const closeIngestPool = (): Promise<void> => ingestPool.close();
