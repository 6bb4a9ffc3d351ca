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
 * The workers' young generations share one budget, so that memory grows less with their number: 64 MB each for one
 * or two workers, 32 for four, 16 from eight. Each worker's young generation fills to its limit between scavenges,
 * so it is resident memory: with four workers on the 3,000-file bench trove 64 MB each peaked at 1,156 MB, 32 at
 * 1,059 and 16 at 963, in the same time. Two workers keep 64 MB each: at 32 a 10,000-file ingest peaked 25–93 MB
 * lower but took 4% longer (median of five rounds, −2 to +7%), and at 16 6.5% longer.
 */
const YOUNG_GENERATION_BUDGET_MB = 128;
export const youngGenerationMb = (workers: number): number => Math.min(64, Math.max(16, Math.floor(YOUNG_GENERATION_BUDGET_MB / workers)));

/**
 * The process's ingest workers, shared by every job; each job's tasks carry the job as their group, so cancelling
 * one job leaves others running. An idle pool is kept 30 s: jobs that follow each other (a resumed source, the next
 * source) reuse its workers.
 */
const ingestPool = new SharedPool<InventoryTask | ExtractTask, InventoryProgress | ExtractProgress, InventoryResult | ExtractResult>(() => {
  const workers = size();
  return {
    file: workerEntry('ingest.worker'),
    size: workers,
    perWorker: 4,
    // Old generation: room for a file read whole (64 MiB) and what pdf.js or an office parser builds from it.
    resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: youngGenerationMb(workers) },
  };
}, 30_000);

export const acquireIngestPool = (): IngestPool => ingestPool.acquire();
export const releaseIngestPool = (): void => ingestPool.release();
export const closeIngestPool = (): Promise<void> => ingestPool.close();
