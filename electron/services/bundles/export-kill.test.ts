import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bytes, workspace, type Workspace } from '../../test-support/ingest-kit';
import { repoRoot } from '../../test-support/paths';
import { closeAllCases } from '../case-store';
import { verifyBundle } from './verify';

/**
 * Kills `workbench export` with SIGKILL at 20 random moments: half at any time after the process starts, half at a
 * random point while the bundle's temporary file is being written (within the time it existed in a whole run). No kill may leave a file under the target name.
 */

const built = path.join(repoRoot, 'out/main/cli.js');
// The built CLI starts in a fraction of the time tsx needs, which puts more of the kills inside the export itself.
const command = existsSync(built) ? [built] : ['--import', 'tsx', path.join(repoRoot, 'electron/cli/main.ts')];

let ws: Workspace;
let caseDir: string;
const out = (): string => path.join(ws.root, 'out');

beforeAll(async () => {
  ws = workspace();
  caseDir = ws.newCase('kill-case');
  const evidence = path.join(ws.root, 'evidence');
  mkdirSync(evidence, { recursive: true });
  for (let i = 0; i < 120; i++) writeFileSync(path.join(evidence, `note-${i}.txt`), `原画修型 ${i} `.repeat(400));
  writeFileSync(path.join(evidence, 'big.bin'), bytes(24 * 1024 * 1024, 7));
  expect((await ws.ingest(caseDir, evidence, { extract: false })).status).toBe('done');
  closeAllCases();
  mkdirSync(out(), { recursive: true });
}, 120_000);
afterAll(() => ws.cleanup());

function startExport(target: string, ...extra: string[]): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [...command, 'export', caseDir, target, '--originals', '--json', ...extra], {
    cwd: repoRoot,
    env: { ...process.env, WORKBENCH_DATA_DIR: path.join(ws.root, 'data') },
    stdio: 'ignore',
  });
  return { child, exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))) };
}

const partials = (): string[] => readdirSync(out()).filter((n) => n.includes('.partial-'));

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 5));
  }
  return false;
}

it('leaves no file at the target name when the export is killed at any moment', async () => {
  const reference = path.join(out(), 'reference.zip');
  const started = Date.now();
  const full = startExport(reference);
  // How long the temporary file exists in a whole run: the window the kills while writing aim at.
  expect(await waitFor(() => partials().some((n) => n.startsWith('.reference.zip.')), 30_000)).toBe(true);
  const writingFrom = Date.now();
  expect(await full.exited).toBe(0);
  const wholeRun = Date.now() - started;
  const writingRun = Date.now() - writingFrom;
  expect(existsSync(reference)).toBe(true);

  let killedWhileWriting = 0;
  for (let i = 0; i < 20; i++) {
    const target = path.join(out(), `bundle-${i}.zip`);
    const run = startExport(target);
    if (i % 2 === 0) {
      await new Promise((r) => setTimeout(r, Math.random() * wholeRun));
    } else if (await waitFor(() => partials().some((n) => n.startsWith(`.bundle-${i}.zip.`)), 30_000)) {
      await new Promise((r) => setTimeout(r, Math.random() * writingRun * 0.8));
    }
    const writing = partials().some((n) => n.startsWith(`.bundle-${i}.zip.`));
    run.child.kill('SIGKILL');
    const code = await run.exited;
    if (code === null && writing) killedWhileWriting++;
    // Either nothing carries the name, or the whole bundle does: the kill came after the rename (the process had
    // finished the bundle and was exiting) or after a normal exit.
    if (code === null && existsSync(target)) expect((await verifyBundle(target)).ok, `kill ${i}`).toBe(true);
    else if (code !== null) expect(code, `kill ${i}`).toBe(0);
  }
  expect(killedWhileWriting).toBeGreaterThanOrEqual(5);

  // The next export of a target removes what killed runs left behind under temporary names.
  // --force: the kill may have come after that bundle was complete, and an export never overwrites one unasked.
  const again = startExport(path.join(out(), 'bundle-1.zip'), '--force');
  expect(await again.exited).toBe(0);
  expect(partials().filter((n) => n.startsWith('.bundle-1.zip.'))).toEqual([]);
}, 600_000);
