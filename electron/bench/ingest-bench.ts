/**
 * Ingest benchmark: `npm run bench [-- --files 100000] [-- --rounds 3]` (builds first: it measures the bundled CLI).
 *
 * Generates (once, cached under the OS temp folder) a tree of mixed files: sizes from 0 B to 4 MiB, nested
 * folders, duplicates and a few zips. Then, on a warm page cache, alternately times `sha256sum` over the same files
 * and `workbench ingest --no-extract` (hash-and-inventory: SHA-256 + SHA-1 + MD5, type sniffing, zip members, case
 * database writes), and reports the best of each, files/s, MiB/s, peak RSS (main thread and workers share one
 * process, whose maxRSS covers both) and the ratio to sha256sum.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import type { IngestJob } from '../../shared/domain/ingest';
import { formatByteRate, formatBytes } from '../../shared/format/bytes';

const DATASET_VERSION = 1;

interface Dataset {
  dir: string;
  files: number;
  bytes: number;
  folders: number;
  zips: number;
}

interface Run {
  /** From the job's start to its end, as the job records them. */
  jobSeconds: number;
  /** The whole CLI process, start-up included. */
  processSeconds: number;
  maxRssKb: number;
  job: IngestJob;
}

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const cli = path.join(projectRoot, 'out/main/cli.js');

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

/** xorshift32: the same tree shape (names, sizes, kinds) on every machine for a given file count. */
function prng(seed: number): () => number {
  let x = seed | 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

/** 75% up to 16 KiB (some empty), 22% up to 128 KiB, 2.7% up to 1 MiB, 0.3% up to 4 MiB: about 44 KB a file. */
function sizeFor(r: number, s: number): number {
  if (r < 0.02) return 0;
  if (r < 0.75) return Math.floor(s * 16 * 1024);
  if (r < 0.97) return 16 * 1024 + Math.floor(s * 112 * 1024);
  if (r < 0.997) return 128 * 1024 + Math.floor(s * 896 * 1024);
  return 1024 * 1024 + Math.floor(s * 3 * 1024 * 1024);
}

const TEXT = 'Invincible episode 12 key frame revision / 原画修型请注意口型 / 로동신문 원화 수정 요청\n';
const PNG_HEAD = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const JPEG_HEAD = Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex');

function content(kind: number, size: number): Buffer {
  if (size === 0) return Buffer.alloc(0);
  if (kind < 0.15) return Buffer.from(TEXT.repeat(Math.ceil(size / Buffer.byteLength(TEXT)))).subarray(0, size);
  const out = randomFillSync(Buffer.allocUnsafe(size));
  if (kind < 0.25) PNG_HEAD.copy(out, 0, 0, Math.min(size, PNG_HEAD.length));
  else if (kind < 0.35) JPEG_HEAD.copy(out, 0, 0, Math.min(size, JPEG_HEAD.length));
  return out;
}

function generate(count: number): Dataset {
  const dir = path.join(os.tmpdir(), 'workbench-bench', `${count}-files-v${DATASET_VERSION}`);
  const marker = path.join(dir, '..', `${count}-files-v${DATASET_VERSION}.json`);
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8')) as Dataset;
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`generating ${count} files in ${dir} (once; cached)…\n`);
  const random = prng(count);
  const folders = new Set<string>();
  const earlier: string[] = [];
  let bytes = 0;
  let zips = 0;
  for (let i = 0; i < count; i++) {
    const folder = path.join(dir, `d${i % 37}`, `s${Math.floor(i / 37) % 11}`, `t${Math.floor(i / 407) % 5}`);
    if (!folders.has(folder)) {
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    const file = path.join(folder, `f${i}`);
    let data: Buffer;
    let name: string;
    if (i % 1000 === 500) {
      // A zip of 200 small members every thousand files.
      const members: Record<string, Uint8Array> = {};
      for (let m = 0; m < 200; m++) members[`part/${m}.txt`] = Buffer.from(`${TEXT}${i}/${m}\n`.repeat(20));
      data = Buffer.from(zipSync(members));
      name = `${file}.zip`;
      zips++;
    } else if (random() < 0.03 && earlier.length > 0) {
      // Duplicates: the same bytes under another name.
      const source = earlier[Math.floor(random() * earlier.length)] as string;
      data = readFileSync(source);
      name = `${file}-dup.bin`;
    } else {
      const kind = random();
      data = content(kind, sizeFor(random(), random()));
      name = `${file}${kind < 0.15 ? '.txt' : kind < 0.25 ? '.png' : kind < 0.35 ? '.jpg' : '.bin'}`;
      if (earlier.length < 500) earlier.push(name);
    }
    writeFileSync(name, data);
    bytes += data.byteLength;
  }
  const dataset: Dataset = { dir, files: count, bytes, folders: folders.size, zips };
  writeFileSync(marker, JSON.stringify(dataset));
  return dataset;
}

function sha256sum(dir: string): number {
  const started = performance.now();
  const run = spawnSync('bash', ['-c', 'find "$1" -type f -print0 | xargs -0 sha256sum > /dev/null', 'bash', dir], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error('sha256sum run failed');
  return (performance.now() - started) / 1000;
}

/** One hash-and-inventory ingest by the bundled CLI into a fresh case; peak RSS comes back through fd 3. */
async function ours(dataset: Dataset): Promise<Run> {
  const work = path.join(os.tmpdir(), 'workbench-bench', `run-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  const caseDir = path.join(work, 'case');
  const env = { ...process.env, WORKBENCH_DATA_DIR: path.join(work, 'data') };
  const created = spawnSync(process.execPath, [cli, 'case', 'create', caseDir, '--name', 'bench', '--examiner', 'bench'], { env });
  if (created.status !== 0) throw new Error(`case create failed: ${created.stderr.toString()}`);
  const started = performance.now();
  const proc = spawn(
    process.execPath,
    ['--import', path.join(projectRoot, 'electron/bench/rss-on-exit.mjs'), cli, 'ingest', caseDir, dataset.dir, '--no-extract', '--json'],
    {
      env,
      stdio: ['ignore', 'pipe', 'inherit', 'pipe'],
    },
  );
  const [, stdout, , rss] = proc.stdio;
  if (!stdout || !rss) throw new Error('no pipes to the benchmarked CLI');
  let job: IngestJob | null = null;
  let maxRssKb = 0;
  const lines = createInterface({ input: stdout }).on('line', (line) => {
    const message = JSON.parse(line) as { type: string } & IngestJob;
    if (message.type === 'summary') job = message;
  });
  rss.on('data', (chunk: Buffer) => (maxRssKb = (JSON.parse(chunk.toString()) as { maxRssKb: number }).maxRssKb));
  const code = await new Promise<number | null>((resolve) => proc.on('close', resolve));
  const processSeconds = (performance.now() - started) / 1000;
  lines.close();
  rmSync(work, { recursive: true, force: true });
  const done = job as IngestJob | null;
  if (code !== 0 || !done || !done.finishedAt) throw new Error(`workbench ingest exited with ${code}`);
  return { jobSeconds: (Date.parse(done.finishedAt) - Date.parse(done.startedAt)) / 1000, processSeconds, maxRssKb, job: done };
}

async function main(): Promise<void> {
  if (!existsSync(cli)) throw new Error('out/main/cli.js is missing: run `npm run build` first');
  const dataset = generate(flag('files', 10_000));
  const rounds = flag('rounds', 3);
  process.stdout.write(
    `dataset: ${dataset.dir}: ${dataset.files.toLocaleString('en-US')} files (${dataset.zips} zips of 200 members), ` +
      `${formatBytes(dataset.bytes)} in ${dataset.folders} folders; ${rounds} rounds, best of each\n`,
  );
  sha256sum(dataset.dir); // warms the page cache for both contenders
  const baselines: number[] = [];
  const runs: Run[] = [];
  for (let round = 1; round <= rounds; round++) {
    baselines.push(sha256sum(dataset.dir));
    runs.push(await ours(dataset));
    const last = runs.at(-1) as Run;
    process.stdout.write(
      `  round ${round}: sha256sum ${(baselines.at(-1) ?? 0).toFixed(2)} s, workbench ${last.jobSeconds.toFixed(2)} s (process ${last.processSeconds.toFixed(2)} s)\n`,
    );
  }
  const reference = Math.min(...baselines);
  const best = runs.reduce((a, b) => (b.jobSeconds < a.jobSeconds ? b : a));
  const { job } = best;
  const summary = {
    files: job.filesTotal,
    bytes: job.bytesTotal,
    sha256sumSeconds: Number(reference.toFixed(2)),
    oursJobSeconds: Number(best.jobSeconds.toFixed(2)),
    oursProcessSeconds: Number(best.processSeconds.toFixed(2)),
    filesPerSecond: Math.round(job.filesTotal / best.jobSeconds),
    bytesPerSecond: Math.round(job.bytesTotal / best.jobSeconds),
    // maxRSS is reported in KiB.
    peakRssBytes: Math.max(...runs.map((r) => r.maxRssKb)) * 1024,
    ratio: Number((best.jobSeconds / reference).toFixed(2)),
    processRatio: Number((best.processSeconds / reference).toFixed(2)),
    status: job.status,
    errors: job.errorCount,
    cores: os.availableParallelism(),
    loadAverage: os.loadavg()[0]?.toFixed(2),
  };
  process.stdout.write(
    [
      `sha256sum (find | xargs -0 sha256sum, warm cache): ${summary.sha256sumSeconds} s`,
      `workbench ingest --no-extract: ${summary.oursJobSeconds} s for the job (${summary.oursProcessSeconds} s with process start-up), ` +
        `${summary.files.toLocaleString('en-US')} artifacts, ${summary.filesPerSecond.toLocaleString('en-US')} files/s, ${formatByteRate(summary.bytesPerSecond)}, ` +
        `peak RSS ${formatBytes(summary.peakRssBytes)}, ${job.status}, ${job.errorCount} errors`,
      `ratio workbench / sha256sum: ${summary.ratio} (process: ${summary.processRatio}; target ≤ 2)`,
      JSON.stringify(summary),
      '',
    ].join('\n'),
  );
}

await main();
