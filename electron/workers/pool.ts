import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol';

export type TaskFailure = 'timeout' | 'crashed' | 'failed' | 'closed' | 'unavailable';

/**
 * A task that did not complete: its own error (`failed`), a time limit, a worker crash, the pool closing, or no
 * worker able to start at all (`unavailable`).
 */
export class TaskError extends Error {
  constructor(
    readonly reason: TaskFailure,
    message: string,
  ) {
    super(message);
    this.name = 'TaskError';
  }
}

export interface PoolOptions {
  /** Absolute path of the worker entry (.ts in source mode, .js in the bundle). */
  file: string;
  size: number;
  /** Tasks queued at one worker at once: hides message latency; the worker still runs them one at a time. */
  perWorker: number;
  resourceLimits: ResourceLimits;
}

export interface RunOptions<P> {
  /** Longest the worker may stay silent (no progress, no result) while running this task. */
  timeoutMs: number;
  onProgress?: (progress: P) => void;
  /** Who the task belongs to (an ingest job): `abandon(group)` cancels a group's tasks and leaves the others running. */
  group?: unknown;
}

interface Pending<T, P, R> {
  id: number;
  task: T;
  options: RunOptions<P>;
  resolve: (result: R) => void;
  reject: (error: TaskError) => void;
  /** Run alone on a worker: it was in flight with others when a worker crashed, so it may be the cause. */
  isolate: boolean;
}

interface Slot<T, P, R> {
  worker: Worker;
  /** Loaded and listening; tasks are sent only then, so start-up never counts against a time limit. */
  ready: boolean;
  /** In arrival order; the first one is the task the worker is running now. */
  tasks: Pending<T, P, R>[];
  timer: NodeJS.Timeout | null;
  crash: Error | null;
  retired: boolean;
}

/** Worker threads for a machine: one per available core, at least 1, at most `cap`. */
export const poolSize = (cap = 8): number => Math.max(1, Math.min(cap, os.availableParallelism()));

/**
 * Where a worker entry lives: next to this module in source mode (`electron/workers/x.worker.ts`), and next to
 * the bundle entries in a build (`out/main/x.worker.js`, this code being in `out/main/` or `out/main/chunks/`).
 */
export function workerEntry(name: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, `${name}.ts`), path.join(here, `${name}.js`), path.join(here, '..', `${name}.js`)];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`worker entry ${name} not found near ${here}`);
  return found;
}

/**
 * In source mode (vitest, tsx) the entry is TypeScript and starts through `ts-bootstrap.mjs`, which registers tsx
 * in the worker (Node 20's workers ignore `--import tsx` in execArgv for their entry); a build runs the .js entry.
 */
function spawnWorker(file: string, resourceLimits: ResourceLimits): Worker {
  if (!file.endsWith('.ts')) return new Worker(file, { resourceLimits });
  return new Worker(new URL('./ts-bootstrap.mjs', import.meta.url), { resourceLimits, workerData: { tsEntry: pathToFileURL(file).href } });
}

/**
 * A fixed set of worker threads with per-task time limits. A worker that stays silent past the running task's
 * limit is terminated and replaced and only that task fails; a worker that crashes is replaced, and the tasks it
 * held are retried one by one so that only the task that crashes a worker on its own fails.
 */
export class WorkerPool<T, P, R> {
  private readonly slots: Slot<T, P, R>[] = [];
  private readonly queue: Pending<T, P, R>[] = [];
  private nextId = 1;
  private closed = false;
  private broken: string | null = null;

  constructor(private readonly options: PoolOptions) {
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn());
  }

  get size(): number {
    return this.slots.length;
  }

  run(task: T, options: RunOptions<P>): Promise<R> {
    if (this.closed) return Promise.reject(new TaskError('closed', 'worker pool is closed'));
    if (this.broken) return Promise.reject(new TaskError('unavailable', this.broken));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, options, resolve, reject, isolate: false });
      this.pump();
    });
  }

  /**
   * Cancels one group's tasks: queued ones fail at once with reason `closed`; a worker holding any of them is stopped
   * (a task already posted to a worker cannot be recalled) and replaced, and the other groups' tasks it held run again.
   */
  abandon(group: unknown): void {
    const cancelled = (p: Pending<T, P, R>): boolean => p.options.group === group;
    const dropped = this.queue.filter(cancelled);
    this.queue.splice(0, this.queue.length, ...this.queue.filter((p) => !cancelled(p)));
    for (const slot of [...this.slots]) {
      if (!slot.tasks.some(cancelled)) continue;
      const held = slot.tasks.splice(0);
      dropped.push(...held.filter(cancelled));
      this.replace(slot);
      this.queue.unshift(...held.filter((p) => !cancelled(p)));
    }
    for (const p of dropped) p.reject(new TaskError('closed', 'cancelled'));
    this.pump();
  }

  /** No worker could start: a new pool is needed. */
  get isBroken(): boolean {
    return this.broken !== null || this.closed;
  }

  /** Stops every worker; tasks not finished fail with reason `closed`. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const dropped = this.queue.splice(0);
    const workers: Worker[] = [];
    for (const slot of this.slots) {
      slot.retired = true;
      if (slot.timer) clearTimeout(slot.timer);
      dropped.push(...slot.tasks.splice(0));
      workers.push(slot.worker);
    }
    for (const p of dropped) p.reject(new TaskError('closed', 'cancelled'));
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private spawn(): Slot<T, P, R> {
    const worker = spawnWorker(this.options.file, this.options.resourceLimits);
    const slot: Slot<T, P, R> = { worker, ready: false, tasks: [], timer: null, crash: null, retired: false };
    worker.on('message', (message: FromWorker<P, R>) => this.onMessage(slot, message));
    worker.on('error', (e) => {
      slot.crash = e;
    });
    worker.on('messageerror', (e) => {
      slot.crash = e;
      void worker.terminate();
    });
    worker.on('exit', (code) => this.onExit(slot, code));
    return slot;
  }

  private pump(): void {
    for (const slot of this.slots) {
      while (this.queue.length > 0 && slot.ready && !slot.retired) {
        const head = slot.tasks[0];
        const next = this.queue[0] as Pending<T, P, R>;
        const busy = slot.tasks.length >= this.options.perWorker || head?.isolate === true;
        if (busy || (next.isolate && slot.tasks.length > 0)) break;
        this.queue.shift();
        slot.tasks.push(next);
        slot.worker.postMessage({ taskId: next.id, task: next.task } satisfies ToWorker<T>);
        if (slot.tasks.length === 1) this.arm(slot);
      }
    }
  }

  /** (Re)starts the silence timer for the task the worker is running now. */
  private arm(slot: Slot<T, P, R>): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const running = slot.tasks[0];
    if (!running) return;
    slot.timer = setTimeout(() => this.onTimeout(slot), running.options.timeoutMs);
  }

  private onMessage(slot: Slot<T, P, R>, message: FromWorker<P, R>): void {
    if (message.type === 'ready') {
      slot.ready = true;
      this.pump();
      return;
    }
    const index = slot.tasks.findIndex((p) => p.id === message.taskId);
    const pending = slot.tasks[index];
    if (!pending) return;
    if (message.type === 'progress') {
      this.arm(slot);
      pending.options.onProgress?.(message.progress);
      return;
    }
    slot.tasks.splice(index, 1);
    this.arm(slot);
    if (message.type === 'done') pending.resolve(message.result);
    else pending.reject(new TaskError('failed', message.error));
    this.pump();
  }

  private onTimeout(slot: Slot<T, P, R>): void {
    const running = slot.tasks.shift();
    const others = slot.tasks.splice(0);
    this.replace(slot);
    this.queue.unshift(...others);
    running?.reject(
      new TaskError('timeout', `timed out after ${Math.round(running.options.timeoutMs / 1000)} s without progress; worker stopped`),
    );
    this.pump();
  }

  private onExit(slot: Slot<T, P, R>, code: number): void {
    if (slot.retired) return;
    const reason = slot.crash ? slot.crash.message : `worker exited with code ${code}`;
    if (!slot.ready) {
      // A worker that cannot even load would fail again on every restart: give up instead of looping.
      slot.retired = true;
      this.broken = `worker could not start: ${reason}`;
      for (const p of this.queue.splice(0)) p.reject(new TaskError('unavailable', this.broken));
      return;
    }
    const held = slot.tasks.splice(0);
    this.replace(slot);
    if (held.length === 1 || held[0]?.isolate) {
      const [culprit, ...rest] = held;
      culprit?.reject(new TaskError('crashed', `worker crashed: ${reason}`));
      this.queue.unshift(...rest);
    } else {
      this.queue.unshift(...held.map((p) => ({ ...p, isolate: true })));
    }
    this.pump();
  }

  /** Retires a slot's worker (terminating it if still running) and puts a fresh one in its place. */
  private replace(slot: Slot<T, P, R>): void {
    slot.retired = true;
    if (slot.timer) clearTimeout(slot.timer);
    void slot.worker.terminate();
    const at = this.slots.indexOf(slot);
    if (at !== -1 && !this.closed) this.slots[at] = this.spawn();
  }
}
