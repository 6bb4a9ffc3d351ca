import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import { chromiumExecutable, electronBinary, outDir, projectRoot } from './fixtures/launcher';

/** Newest modification time under a folder (skipping node_modules and dot folders). */
function newest(dir: string): number {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const p = path.join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

/** Builds when the bundles are missing or older than their sources, then says which launcher each project uses. */
export default function globalSetup(config: FullConfig): void {
  const built = path.join(outDir, 'main/web.js');
  const rendererIndex = path.join(outDir, 'renderer/index.html');
  const sources = Math.max(...['electron', 'renderer', 'shared'].map((d) => newest(path.join(projectRoot, d))));
  const isStale =
    !existsSync(built) || !existsSync(rendererIndex) || statSync(rendererIndex).mtimeMs < sources || statSync(built).mtimeMs < sources;
  if (isStale && process.env.E2E_SKIP_BUILD !== '1') {
    process.stdout.write('[e2e] out/ is missing or older than the sources: running npm run build\n');
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  }

  const projects = new Set(config.projects.map((p) => p.name));
  const electron = electronBinary();
  const browser = chromiumExecutable();
  if (projects.has('electron')) {
    process.stdout.write(`[e2e] electron project: ${electron.ok ? `runs with ${electron.reason}` : `SKIPPED, ${electron.reason}`}\n`);
  }
  if (projects.has('web')) {
    process.stdout.write(
      `[e2e] web project: ${browser.ok ? `web host (node out/main/web.js) + ${browser.reason}` : `cannot run, ${browser.reason}`}\n`,
    );
  }
}
