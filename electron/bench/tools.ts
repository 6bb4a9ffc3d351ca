import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Helpers for the benchmark: timed child processes, statistics, and the reference tools it compares against. */

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
export const cli = path.join(projectRoot, 'out/main/cli.js');
export const webHost = path.join(projectRoot, 'out/main/web.js');
const rssProbe = path.join(projectRoot, 'electron/bench/rss-on-exit.mjs');

export const median = (xs: readonly number[]): number => percentile(xs, 50);

/** Nearest-rank percentile. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

export const round = (x: number, digits = 2): number => Number(x.toFixed(digits));

export interface Timed {
  seconds: number;
  /** Peak resident memory of the process and its threads (ours only: reported by the preloaded probe). */
  maxRssMb: number | null;
  stdout: string;
}

/** Runs a shell command line and times it from spawn to exit; fails on a non-zero status unless `allowFailure`. */
export function timeShell(script: string, args: readonly string[] = [], allowFailure = false): Timed {
  const started = performance.now();
  const run = spawnSync('bash', ['-c', script, 'bash', ...args], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0 && !allowFailure)
    throw new Error(`${script.split(' ')[0]} failed (${run.status}): ${run.stderr.toString().slice(0, 300)}`);
  return { seconds, maxRssMb: null, stdout: '' };
}

/** Runs the bundled CLI with the RSS probe preloaded; resolves with its wall time, peak RSS and standard output. */
export function timeCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', rssProbe, cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    const [, out, err, rss] = child.stdio;
    let stdout = '';
    let stderr = '';
    let maxRssKb = 0;
    out?.on('data', (c: Buffer) => (stdout += c.toString()));
    err?.on('data', (c: Buffer) => (stderr += c.toString()));
    rss?.on('data', (c: Buffer) => (maxRssKb = (JSON.parse(c.toString()) as { maxRssKb: number }).maxRssKb));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) reject(new Error(`workbench ${args[0]} exited with ${code}: ${stderr.trim().split('\n').at(-1) ?? ''}`));
      else resolve({ seconds, maxRssMb: maxRssKb / 1024, stdout });
    });
  });
}

const hasCommand = (name: string): boolean => spawnSync('bash', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;

/** Debian packages of the reference tools and of the fonts the trove's modern PDFs embed. */
const PEERS: readonly { check: () => boolean; pkg: string }[] = [
  { check: () => hasCommand('exiftool'), pkg: 'libimage-exiftool-perl' },
  { check: () => hasCommand('pdftotext'), pkg: 'poppler-utils' },
  { check: () => hasCommand('zip'), pkg: 'zip' },
  { check: () => existsSync('/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf'), pkg: 'fonts-droid-fallback' },
  { check: () => existsSync('/usr/share/fonts/truetype/nanum/NanumGothic.ttf'), pkg: 'fonts-nanum' },
];

/** Installs the reference tools from Debian when they are missing and this process may (root with apt-get). */
export function ensurePeers(log: (line: string) => void): void {
  const missing = PEERS.filter((p) => !p.check()).map((p) => p.pkg);
  if (missing.length === 0) return;
  if (!hasCommand('apt-get') || os.userInfo().uid !== 0) {
    log(`missing reference tools (${missing.join(', ')}); install them to measure against them`);
    return;
  }
  log(`installing ${missing.join(' ')} from Debian…`);
  const run = spawnSync(
    'bash',
    ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`],
    {
      stdio: 'inherit',
    },
  );
  if (run.status !== 0) log('apt-get failed; the comparisons that need those tools are skipped');
}

export const available = (tool: 'exiftool' | 'pdftotext' | 'zip' | 'sha256sum'): boolean => hasCommand(tool);

export function machine(): Record<string, string | number> {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

export const loadAverage = (): number => round(os.loadavg()[0] ?? 0);
