import { WorkerPool, type PoolOptions } from './pool';

/**
 * One worker pool per process, started on first use and shared by every job that uses it: starting workers costs
 * more than most tasks take. Jobs acquire and release it; once nobody uses it, it is kept `idleMs` for the next job
 * and then closed. A broken pool (a worker that could not start) is replaced at the next acquire.
 */
export class SharedPool<T, P, R> {
  private pool: WorkerPool<T, P, R> | null = null;
  private users = 0;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: () => PoolOptions,
    private readonly idleMs: number,
  ) {}

  acquire(): WorkerPool<T, P, R> {
    this.users++;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.pool || this.pool.isBroken) {
      void this.pool?.close();
      this.pool = new WorkerPool<T, P, R>(this.options());
    }
    return this.pool;
  }

  release(): void {
    this.users = Math.max(0, this.users - 1);
    if (this.users > 0 || !this.pool) return;
    const idle = this.pool;
    this.idleTimer = setTimeout(() => {
      if (this.pool === idle && this.users === 0) {
        this.pool = null;
        void idle.close();
      }
    }, this.idleMs);
    // An idle pool never keeps a finished CLI or test process alive.
    this.idleTimer.unref();
  }

  /** Stops the workers now (shutdown); running tasks fail with reason `closed`. */
  async close(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const pool = this.pool;
    this.pool = null;
    this.users = 0;
    await pool?.close();
  }
}
