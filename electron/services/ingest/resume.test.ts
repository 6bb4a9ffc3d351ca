import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { nestedZip, writeZip } from '../../test-support/generate/zips';
import type { IngestProgress } from '../../../shared/domain/ingest';
import { closeAllCases } from '../case-store';
import { listJobs } from './ingest-service';
import { workspace, type Workspace } from '../../test-support/ingest-kit';
import { repoRoot } from '../../test-support/paths';

/** Files hashed and committed before the job holds still for the kill. */
const PAUSE_AFTER = 800;

let ws: Workspace | null = null;
afterEach(() => {
  closeAllCases();
  ws?.cleanup();
});

/** Path → what the inventory says about it, for comparing two ingests of the same content. */
const inventory = (w: Workspace, caseDir: string): Map<string, string> =>
  new Map(w.artifacts(caseDir).map((a) => [a.path, `${a.kind} ${a.status} ${a.size} ${a.sha256} ${a.mime}`]));

describe('resume after kill -9', () => {
  it('gives exactly the artifact set of a clean run: no duplicate rows, no lost files, zips all-or-nothing', async () => {
    ws = workspace();
    const ev = path.join(ws.root, 'evidence');
    // 2,400 small files plus archives; the job is paused at a chosen point (the test hook), so the kill always lands mid-hash.
    for (let d = 0; d < 40; d++) {
      mkdirSync(path.join(ev, `folder-${d}`), { recursive: true });
      for (let f = 0; f < 60; f++)
        writeFileSync(path.join(ev, `folder-${d}`, `file-${f}.bin`), randomBytes(1024 + ((d * 60 + f) % 97) * 64));
    }
    for (let z = 0; z < 5; z++) {
      const entries = Array.from({ length: 300 }, (_, i) => ({
        name: `part-${z}/${i}.txt`,
        data: new TextEncoder().encode(`member ${z}/${i} `.repeat(50)),
      }));
      writeFileSync(path.join(ev, `folder-${z * 8}`, `pack-${z}.zip`), writeZip(entries));
    }
    writeFileSync(path.join(ev, 'nested.zip'), nestedZip().bytes);

    const caseDir = ws.newCase('killed');
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/main.ts', 'ingest', caseDir, ev, '--json', '--no-extract'], {
      cwd: repoRoot,
      env: { ...process.env, WORKBENCH_TEST_PAUSE_AFTER: String(PAUSE_AFTER) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let killedAt: IngestProgress | null = null;
    for await (const line of createInterface({ input: child.stdout })) {
      const message = JSON.parse(line) as { type: string } & IngestProgress;
      if (message.type === 'progress' && message.phase === 'hashing' && message.filesDone >= PAUSE_AFTER) {
        killedAt = message;
        child.kill('SIGKILL');
        break;
      }
    }
    expect(await exited).toBe('SIGKILL');
    expect(killedAt, 'the kill must land while hashing').not.toBeNull();
    expect(killedAt?.filesDone).toBeLessThan(killedAt?.filesTotal ?? 0);

    expect(listJobs(caseDir)[0]?.status).toBe('interrupted');
    const partial = ws.artifacts(caseDir);
    expect(partial.some((a) => a.status === 'pending')).toBe(true);

    const resumed = await ws.ingest(caseDir, ev, { extract: false });
    expect(resumed.status).toBe('done');

    const copy = path.join(ws.root, 'evidence-copy');
    cpSync(ev, copy, { recursive: true });
    const cleanCase = ws.newCase('clean');
    await ws.ingest(cleanCase, copy, { extract: false });

    const after = inventory(ws, caseDir);
    const clean = inventory(ws, cleanCase);
    expect(after.size).toBe(ws.artifacts(caseDir).length); // no two rows for one path
    expect([...after.values()].some((v) => v.includes(' pending '))).toBe(false);
    expect(after).toEqual(clean);
    expect(after.size).toBe(40 + 2400 + 5 + 5 * 300 + 1 + 5); // folders, files, packs and members, nested.zip and its 5
  }, 120_000);
});
