import type { LogRequestRecord, LogRequestSink } from '../model/log-requests';

/**
 * Flow control for the requests of access logs, which travel from a worker to the main thread a chunk at a time.
 * The worker may be this many chunks ahead of the main thread at most: the rows of a log of millions of lines never
 * pile up in the main thread's message queue while it writes them.
 */
const WINDOW = 4;
/** Waits are sliced so a worker whose main thread went away still reaches its own time limit. */
const WAIT_SLICE_MS = 1000;

/** Shared by the ingest (main thread) and one task; slot 0 counts the chunks the main thread has taken. */
export const newLogFlow = (): SharedArrayBuffer => new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);

/** Main thread: one chunk was taken (queued for writing), so a worker waiting for room goes on. */
export function tookLogChunk(flow: SharedArrayBuffer): void {
  const view = new Int32Array(flow);
  Atomics.add(view, 0, 1);
  Atomics.notify(view, 0);
}

/** A chunk of one artifact's requests; `first` starts that artifact's rows over (an extraction that runs again). */
export interface LogRequestsProgress {
  type: 'log-requests';
  /** Which artifact of the task: the file's index in a hash task, 0 in a file task, the member id in a member task. */
  key: number;
  first: boolean;
  rows: LogRequestRecord[];
}

/** Worker side of one task's flow: sinks for the extractors that block while the main thread is WINDOW chunks behind. */
export class LogFlow {
  private readonly view: Int32Array;
  private sent = 0;

  constructor(
    flow: SharedArrayBuffer,
    private readonly send: (chunk: LogRequestsProgress) => void,
  ) {
    this.view = new Int32Array(flow);
    // A task run again (its worker crashed) starts counting afresh: chunks taken from the earlier run do not count.
    Atomics.store(this.view, 0, 0);
  }

  sink(key: number): LogRequestSink {
    let first = true;
    return (rows) => {
      for (let taken = Atomics.load(this.view, 0); this.sent - taken >= WINDOW; taken = Atomics.load(this.view, 0))
        Atomics.wait(this.view, 0, taken, WAIT_SLICE_MS);
      this.sent++;
      this.send({ type: 'log-requests', key, first, rows });
      first = false;
    };
  }
}
