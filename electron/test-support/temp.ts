import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend, type Backend } from '../backend';

/** A fresh temp folder, removed by the returned cleanup. */
export function tempDir(prefix = 'wb-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A real backend with its own data dir, as the web host builds it; every reply is checked against the contract. */
export const testBackend = (dataDir: string): Backend => createBackend({ host: 'web', dataDir, checkReplies: true });
