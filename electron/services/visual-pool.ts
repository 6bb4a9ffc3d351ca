import { poolSize, workerEntry, WorkerPool } from '../workers/pool';
import type { VisualResult, VisualTask } from '../workers/visual-task';

/** OCR, perceptual hashes and key frames run in their own pool: their tasks last seconds, not milliseconds like ingest's. */
export type VisualPool = WorkerPool<VisualTask, never, VisualResult>;

/** An idle pool is kept this long: its OCR engines (half a second each to start) serve the next job. */
const IDLE_MS = 60_000;

let shared: VisualPool | null = null;
let users = 0;
let idleTimer: NodeJS.Timeout | null = null;

/**
 * Worker threads: WORKBENCH_VISUAL_WORKERS when set, else one per core up to 2. Each OCR worker runs tesseract in
 * threads of its own and holds about 150 MB of language models, so more than two buys little on this kind of machine.
 */
function size(): number {
  const n = Number(process.env.WORKBENCH_VISUAL_WORKERS);
  return Number.isInteger(n) && n > 0 ? n : poolSize(2);
}

export function acquireVisualPool(): VisualPool {
  users++;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  if (!shared || shared.isBroken) {
    void shared?.close();
    shared = new WorkerPool({
      file: workerEntry('visual.worker'),
      size: size(),
      // One task at a time per worker: an OCR task is long, and a queued one would wait behind it with its clock stopped.
      perWorker: 1,
      resourceLimits: { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64 },
    });
  }
  return shared;
}

export function releaseVisualPool(): void {
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
export async function closeVisualPool(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const pool = shared;
  shared = null;
  users = 0;
  await pool?.close();
}
