import { poolSize, workerEntry, type PoolOptions, type WorkerPool } from '../workers/pool';
import { SharedPool } from '../workers/shared-pool';
import type { VisualResult, VisualTask } from '../workers/visual-task';

/** OCR, perceptual hashes and key frames run in their own pool: their tasks last seconds, not milliseconds like ingest's. */
export type VisualPool = WorkerPool<VisualTask, never, VisualResult>;

/**
 * Worker threads: WORKBENCH_VISUAL_WORKERS when set, else one per core up to 2. Each OCR worker runs tesseract in
 * threads of its own and holds about 150 MB of language models, so more than two buys little on this kind of machine.
 */
function size(): number {
  const n = Number(process.env.WORKBENCH_VISUAL_WORKERS);
  return Number.isInteger(n) && n > 0 ? n : poolSize(2);
}

const visualWorkers = (workers: number): PoolOptions => ({
  file: workerEntry('visual.worker'),
  size: workers,
  // One task at a time per worker: an OCR task is long, and a queued one would wait behind it with its clock stopped.
  perWorker: 1,
  resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64 },
});

/** An idle pool is kept a minute: its OCR engines (half a second each to start) serve the next job. */
const visualPool = new SharedPool<VisualTask, never, VisualResult>(() => visualWorkers(size()), 60_000);

export const acquireVisualPool = (): VisualPool => visualPool.acquire();
export const releaseVisualPool = (): void => visualPool.release();
export const closeVisualPool = (): Promise<void> => visualPool.close();

/**
 * PDF pages for the preview and the viewer are drawn in a lane of their own: on the host's main thread a heavy page
 * held every other request until it was drawn, and behind OCR tasks of several seconds a preview would wait. One
 * worker, kept a minute after the last page so that paging through a document does not start one each time.
 */
const pagePool = new SharedPool<VisualTask, never, VisualResult>(() => visualWorkers(1), 60_000);

export const acquirePagePool = (): VisualPool => pagePool.acquire();
export const releasePagePool = (): void => pagePool.release();
export const closePagePool = (): Promise<void> => pagePool.close();
