import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol';
import { closeVisualTasks, runVisualTask, type VisualResult, type VisualTask } from './visual-task';

/**
 * Worker-thread entry for visual evidence (OCR, perceptual hashes, video key frames), run through WorkerPool like
 * ingest.worker.ts: tasks one at a time in arrival order, so the pool knows which one a stuck worker was running.
 * When the pool stops this worker at a time limit, the tesseract threads it started stop with it.
 */
const port = parentPort;
if (!port) throw new Error('visual.worker must run in a worker thread');

const post = (message: FromWorker<never, VisualResult>): void => port.postMessage(message);
const queue: ToWorker<VisualTask>[] = [];
let busy = false;

async function drain(): Promise<void> {
  busy = true;
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { taskId, task } = next;
    try {
      post({ type: 'done', taskId, result: await runVisualTask(task) });
    } catch (e) {
      post({ type: 'failed', taskId, error: e instanceof Error ? e.message : String(e) });
    }
  }
  busy = false;
}

port.on('message', (message: ToWorker<VisualTask>) => {
  queue.push(message);
  if (!busy) void drain();
});
port.on('close', () => void closeVisualTasks());
post({ type: 'ready' });
