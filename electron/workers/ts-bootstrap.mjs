// Source mode only (vitest, tsx scripts): runs a TypeScript worker entry. Node 20 does not apply `--import tsx`
// from a worker's execArgv before loading the entry, so tsx's loader is registered here, then the entry imported.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.tsEntry);
