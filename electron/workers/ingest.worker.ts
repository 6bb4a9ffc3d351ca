import { parentPort } from 'node:worker_threads';
import type { ExtractProgress, ExtractResult, FromWorker, InventoryProgress, InventoryResult, ToWorker, WorkerTask } from './protocol';
import { walkTask } from './walk-task';
import type * as ExtractTaskModule from './extract-task';
import type * as HashTaskModule from './hash-task';

/**
 * Worker-thread entry for ingestion: walking the source, hashing, typing and zip listing, and metadata extraction. Tasks run one at a
 * time in arrival order; the pool relies on that to know which task a stuck or crashed worker was running.
 */
const port = parentPort;
if (!port) throw new Error('ingest.worker must run in a worker thread');

type Message = FromWorker<InventoryProgress | ExtractProgress, InventoryResult | ExtractResult>;
const post = (message: Message): void => port.postMessage(message);

// Loaded on first use, so a worker is ready to walk the source as soon as possible; hashing is warmed up below.
const hashing = (): Promise<typeof HashTaskModule> => import('./hash-task');
const extracting = (): Promise<typeof ExtractTaskModule> => import('./extract-task');

async function run(task: WorkerTask, progress: (p: InventoryProgress | ExtractProgress) => void): Promise<InventoryResult | ExtractResult> {
  switch (task.type) {
    case 'walk':
      return walkTask(task, progress);
    case 'hash':
      return (await hashing()).hashTask(task, progress);
    case 'extract-file':
      return (await extracting()).extractFile(task, progress);
    case 'extract-members':
      return (await extracting()).extractMembers(task, progress);
  }
}

const queue: ToWorker<WorkerTask>[] = [];
let busy = false;

async function drain(): Promise<void> {
  busy = true;
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { taskId, task } = next;
    try {
      const result = await run(task, (progress) => post({ type: 'progress', taskId, progress }));
      post({ type: 'done', taskId, result });
    } catch (e) {
      post({ type: 'failed', taskId, error: e instanceof Error ? e.message : String(e) });
    }
  }
  busy = false;
}

port.on('message', (message: ToWorker<WorkerTask>) => {
  queue.push(message);
  if (!busy) void drain();
});
post({ type: 'ready' });
void hashing();
