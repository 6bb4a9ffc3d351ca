import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from '../workers/protocol';

/** A worker for pool.test.ts only: tasks that answer, report progress, hang, fail or crash on demand. */
export type TestTask =
  | { kind: 'echo'; value: number }
  | { kind: 'slow'; steps: number; everyMs: number }
  | { kind: 'hang' }
  | { kind: 'fail' }
  | { kind: 'crash' };

const port = parentPort;
if (!port) throw new Error('pool-test.worker must run in a worker thread');
const post = (m: FromWorker<number, number>): void => port.postMessage(m);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const queue: ToWorker<TestTask>[] = [];
let busy = false;

async function run({ taskId, task }: ToWorker<TestTask>): Promise<void> {
  switch (task.kind) {
    case 'echo':
      return post({ type: 'done', taskId, result: task.value });
    case 'slow':
      for (let i = 0; i < task.steps; i++) {
        await sleep(task.everyMs);
        post({ type: 'progress', taskId, progress: i });
      }
      return post({ type: 'done', taskId, result: task.steps });
    case 'hang':
      for (;;);
    case 'fail':
      return post({ type: 'failed', taskId, error: 'refused' });
    case 'crash':
      setImmediate(() => {
        throw new Error('boom');
      });
      return sleep(1000);
  }
}

port.on('message', async (message: ToWorker<TestTask>) => {
  queue.push(message);
  if (busy) return;
  busy = true;
  for (let next = queue.shift(); next; next = queue.shift()) await run(next);
  busy = false;
});
post({ type: 'ready' });
