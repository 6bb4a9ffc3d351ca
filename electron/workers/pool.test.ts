import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { TestTask } from '../test-support/pool-test.worker';
import { TaskError, WorkerPool } from './pool';

const testWorker = fileURLToPath(new URL('../test-support/pool-test.worker.ts', import.meta.url));

const pools: WorkerPool<TestTask, number, number>[] = [];
function pool(size: number, perWorker: number): WorkerPool<TestTask, number, number> {
  const p = new WorkerPool<TestTask, number, number>({
    file: testWorker,
    size,
    perWorker,
    resourceLimits: { maxOldGenerationSizeMb: 64 },
  });
  pools.push(p);
  return p;
}

const reason = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof TaskError ? e.reason : 'other'),
  );

afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

describe('WorkerPool', () => {
  it('runs tasks across workers and returns their results', async () => {
    const p = pool(2, 4);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => p.run({ kind: 'echo', value: i }, { timeoutMs: 10_000 })));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('stops a stuck worker at the time limit, fails only that task, and keeps serving', async () => {
    const p = pool(1, 4);
    const hang = reason(p.run({ kind: 'hang' }, { timeoutMs: 300 }));
    const after = p.run({ kind: 'echo', value: 7 }, { timeoutMs: 10_000 });
    expect(await hang).toBe('timeout');
    expect(await after).toBe(7);
  });

  it('restarts the time limit on progress, so long tasks that report live on', async () => {
    const p = pool(1, 1);
    const seen: number[] = [];
    expect(await p.run({ kind: 'slow', steps: 5, everyMs: 300 }, { timeoutMs: 1000, onProgress: (n) => seen.push(n) })).toBe(5);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('fails only the task that crashes a worker; the others it held are retried', async () => {
    const p = pool(1, 4);
    const before = p.run({ kind: 'echo', value: 1 }, { timeoutMs: 10_000 });
    const crash = reason(p.run({ kind: 'crash' }, { timeoutMs: 10_000 }));
    const queued = [2, 3].map((value) => p.run({ kind: 'echo', value }, { timeoutMs: 10_000 }));
    expect(await before).toBe(1);
    expect(await crash).toBe('crashed');
    expect(await Promise.all(queued)).toEqual([2, 3]);
  });

  it('reports a task error as failed, and everything as closed after close()', async () => {
    const p = pool(1, 1);
    expect(await reason(p.run({ kind: 'fail' }, { timeoutMs: 10_000 }))).toBe('failed');
    const pending = reason(p.run({ kind: 'slow', steps: 50, everyMs: 100 }, { timeoutMs: 10_000 }));
    await p.close();
    expect(await pending).toBe('closed');
  });

  it('gives up, instead of restarting forever, when a worker cannot even load', async () => {
    const broken = new WorkerPool<TestTask, number, number>({
      file: path.join(path.dirname(testWorker), 'no-such.worker.ts'),
      size: 1,
      perWorker: 1,
      resourceLimits: { maxOldGenerationSizeMb: 64 },
    });
    pools.push(broken);
    expect(await reason(broken.run({ kind: 'echo', value: 1 }, { timeoutMs: 10_000 }))).toBe('unavailable');
    expect(await reason(broken.run({ kind: 'echo', value: 2 }, { timeoutMs: 10_000 }))).toBe('unavailable');
  });
});
