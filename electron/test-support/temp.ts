import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Ctx } from '../services/context';
import { EventHub } from '../ipc/events';

/** A fresh temp folder, removed by the returned cleanup. */
export function tempDir(prefix = 'wb-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A real service context with its own data dir and event hub, as the web host builds it. */
export function testCtx(dataDir: string): { ctx: Ctx; hub: EventHub } {
  const hub = new EventHub();
  return { ctx: { host: 'web', dataDir, emit: hub.emit }, hub };
}
