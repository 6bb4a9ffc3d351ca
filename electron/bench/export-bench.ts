/**
 * `node --import tsx electron/bench/export-bench.ts [--files 10000] [--rounds 3]` (after `npm run build`), and the
 * `export` section of `npm run bench`.
 *
 * Exports a 10,000-file trove's case with originals (`workbench export --originals`: every file and archive member
 * re-read, re-hashed with SHA-256 against the inventory, and zipped, plus manifest, report, CSV,
 * CASE/UCO and SHA256SUMS) and times it next to Info-ZIP's `zip -r` over the same folder, interleaved, in one run.
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SCHEMA_VERSION } from '../db/database';
import { benchRoot, ingest, trove } from './troves';
import { available, ensurePeers, loadAverage, median, round, timeCli, timeShell } from './tools';

export interface ExportBench {
  artifacts: number;
  troveMb: number;
  bundleMb: number;
  zipMb: number;
  workbenchSeconds: number;
  zipSeconds: number;
  ratio: number;
  peakRssMb: number;
}

export async function exportBench(files: number, rounds: number, log: (line: string) => void): Promise<ExportBench | null> {
  if (!available('zip')) {
    log('export: Info-ZIP zip is missing (apt-get install zip); skipped');
    return null;
  }
  const t = await trove(files, log);
  // One extracted case of the trove, kept between runs (it only changes with the trove, the ingest or the schema).
  const work = path.join(benchRoot, 'cases', `export-${files}-schema${SCHEMA_VERSION}`);
  const caseDir = path.join(work, 'case');
  const marker = path.join(work, 'ingested');
  const env: NodeJS.ProcessEnv = { ...process.env, WORKBENCH_DATA_DIR: path.join(work, 'data') };
  let artifacts: number;
  if (existsSync(marker)) artifacts = Number(JSON.parse(readFileSync(marker, 'utf8')));
  else {
    log(`export: ingesting the ${files.toLocaleString('en-US')}-file trove once (kept in ${work})…`);
    const run = await ingest(t.dir, { extract: true, name: `export-${files}-schema${SCHEMA_VERSION}`, keep: true });
    artifacts = run.artifacts;
    writeFileSync(marker, JSON.stringify(artifacts));
  }
  const bundle = path.join(work, 'bundle.zip');
  const zipOut = path.join(work, 'zip-r.zip');
  let peak = 0;
  const ours = async (): Promise<number> => {
    const run = await timeCli(['export', caseDir, bundle, '--originals', '--force', '--json'], env);
    peak = Math.max(peak, run.maxRssMb ?? 0);
    return run.seconds;
  };
  const theirs = async (): Promise<number> => {
    rmSync(zipOut, { force: true });
    return timeShell('cd "$1" && zip -r -q "$2" .', [t.dir, zipOut]).seconds;
  };
  // Warm page cache and one warm-up each, then interleaved rounds.
  timeShell('find "$1" -type f -print0 | xargs -0 cat > /dev/null', [t.dir]);
  await ours();
  await theirs();
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 1; r <= rounds; r++) {
    a.push(await ours());
    b.push(await theirs());
    log(`  export round ${r}: workbench ${a.at(-1)?.toFixed(2)} s vs zip -r ${b.at(-1)?.toFixed(2)} s (load ${loadAverage()})`);
  }
  const result: ExportBench = {
    artifacts,
    troveMb: round(t.bytes / 1e6, 0),
    bundleMb: round(statSync(bundle).size / 1e6, 0),
    zipMb: round(statSync(zipOut).size / 1e6, 0),
    workbenchSeconds: round(median(a)),
    zipSeconds: round(median(b)),
    ratio: round(median(a) / median(b)),
    peakRssMb: round(peak, 0),
  };
  log(
    `export of ${artifacts.toLocaleString('en-US')} artifacts with originals (${result.troveMb} MB): workbench ${result.workbenchSeconds} s ` +
      `(${result.bundleMb} MB bundle, peak RSS ${result.peakRssMb} MB) vs zip -r ${result.zipSeconds} s (${result.zipMb} MB): ${result.ratio}×`,
  );
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const argv = process.argv.slice(2);
  const value = (name: string, fallback: number): number => {
    const at = argv.indexOf(`--${name}`);
    return at === -1 ? fallback : Number(argv[at + 1]);
  };
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  ensurePeers(log);
  exportBench(value('files', 10_000), value('rounds', 3), log).catch((e: unknown) => {
    process.stderr.write(`export bench: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
