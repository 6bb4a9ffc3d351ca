import { createClient, type Client, type Transport } from '../shared/ipc/client';
import type { EventName } from '../shared/ipc/contract';
import type { Result } from '../shared/ipc/result';
import path from 'node:path';
import { dispatch } from './ipc/dispatch';
import { stopLoadedJobs } from './ipc/handlers/lazy-services';
import { setGeoCacheDir } from './lib/geoip';
import { EventHub, type EventListener } from './ipc/events';
import { closeAllCases } from './services/case-store';
import type { Ctx } from './services/context';

export interface BackendOptions {
  host: Ctx['host'];
  /** Per-user application data (recent cases); never inside evidence. */
  dataDir: string;
  /** The native folder picker, where the host has one (Electron). */
  pickFolder?: Ctx['pickFolder'];
  /** Check every reply against the contract's output schema; the default is dispatch's (on in tests and e2e). */
  checkReplies?: boolean;
}

/** The services behind one contract, built once per process; the Electron shell, the web host and the CLI differ only in transport. */
export interface Backend {
  readonly ctx: Ctx;
  /** Validates, runs and answers one call; never throws. What every transport calls. */
  dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Every event the services push, for a transport to forward (IPC windows, SSE streams). */
  subscribe(listener: EventListener): () => void;
  /** An in-process transport over `dispatch` and the event hub, for the CLI and contract tests. */
  readonly transport: Transport;
  readonly client: Client;
  /** Stops jobs this process runs (finished work is kept) and closes every case database. */
  close(): Promise<void>;
}

export function createBackend(options: BackendOptions): Backend {
  const hub = new EventHub();
  setGeoCacheDir(path.join(options.dataDir, 'geo'));
  const ctx: Ctx = { host: options.host, dataDir: options.dataDir, emit: hub.emit, pickFolder: options.pickFolder };
  const call = (channel: string, input: unknown): Promise<Result<unknown>> =>
    dispatch(channel, input, ctx, { checkReplies: options.checkReplies });
  const transport: Transport = {
    invoke: call,
    subscribe: (event: EventName, listener) => hub.subscribe((name, payload) => name === event && listener(payload)),
  };
  let closed: Promise<void> | null = null;
  return {
    ctx,
    dispatch: call,
    subscribe: (listener) => hub.subscribe(listener),
    transport,
    client: createClient(transport),
    close: () =>
      (closed ??= (async () => {
        await stopLoadedJobs();
        closeAllCases();
      })()),
  };
}
