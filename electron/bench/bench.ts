/**
 * `npm run bench [-- --files 10000] [-- --quick] [-- --rounds 3] [-- --json] [-- --only hash,full,pdf,growth,search,ui,workers,export]
 *  [-- --case DIR]` (`--case`: measure search, review and UI on a case made earlier, such as the one a 100,000-file
 *  growth run keeps in the temp folder, instead of ingesting again)
 *
 * Measures what the analyst waits for, each next to the tool analysts would otherwise use, in the same run and
 * interleaved (A, B, A, B…), reporting medians and the load average, because the machine is shared:
 * - hash-and-inventory (`ingest --no-extract`) against `sha256sum` over the same files;
 * - full ingest against `exiftool -j -r -ext '*'` over the same folder (ExifTool only reads metadata);
 * - the trove's PDFs against a `pdftotext` loop over the same PDFs;
 * - time per file at three sizes (1k, 10k and 100k files; with --quick 1k, 3k and 10k), to show the growth;
 * - search latency per query class and, in Chromium, first table paint, filter round trips and a scroll to the
 *   last row, on the largest case;
 * - peak memory with 1 and 4 extract workers;
 * - a case bundle export with originals against Info-ZIP `zip -r` over the same files (export-bench.ts).
 * Troves come from the seeded generator in electron/test-support/generate/trove.ts and are cached in the temp
 * folder. With --json the last line is one JSON object, also written to bench/results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportBench } from './export-bench';
import { existingCase, ingest, pdfFolder, trove, type IngestRun } from './troves';
import { available, ensurePeers, loadAverage, machine, median, projectRoot, round, timeShell } from './tools';
import { reviewTimings, searchLatency, startHost, uiTimings, SEARCH_QUERIES } from './web';

type Section = 'hash' | 'full' | 'analysis' | 'pdf' | 'growth' | 'search' | 'review' | 'ui' | 'workers' | 'export';
const SECTIONS: readonly Section[] = ['hash', 'full', 'analysis', 'pdf', 'growth', 'search', 'review', 'ui', 'workers', 'export'];

interface Options {
  files: number;
  quick: boolean;
  rounds: number;
  json: boolean;
  only: Set<Section>;
  caseDir: string | null;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    return at === -1 ? undefined : argv[at + 1];
  };
  const whole = (name: string, fallback: number): number => {
    const raw = value(name);
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, got ${raw}`);
    return n;
  };
  const only = value('only')?.split(',') ?? SECTIONS;
  const unknown = only.filter((s) => !SECTIONS.includes(s as Section));
  if (unknown.length) throw new Error(`--only takes ${SECTIONS.join(', ')}; not ${unknown.join(', ')}`);
  return {
    files: whole('files', 10_000),
    quick: argv.includes('--quick'),
    rounds: whole('rounds', 3),
    json: argv.includes('--json'),
    only: new Set(only as Section[]),
    caseDir: value('case') ? path.resolve(value('case') as string) : null,
  };
}

const log = (line: string): void => void process.stdout.write(`${line}\n`);

/** Interleaves A and B `rounds` times (after one warm-up of each) and returns their medians in seconds. */
async function interleaved(rounds: number, a: () => Promise<number>, b: () => Promise<number>, label: string): Promise<[number, number]> {
  await a();
  await b();
  const as: number[] = [];
  const bs: number[] = [];
  for (let r = 1; r <= rounds; r++) {
    as.push(await a());
    bs.push(await b());
    log(`  ${label} round ${r}: ${as.at(-1)?.toFixed(2)} s vs ${bs.at(-1)?.toFixed(2)} s (load ${loadAverage()})`);
  }
  return [median(as), median(bs)];
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const results: Record<string, unknown> = { machine: machine(), started: new Date().toISOString(), files: options.files };
  const ratios: Record<string, number> = {};
  const seconds: Record<string, number> = {};
  const failed: Record<string, string> = {};
  /** A section that fails is reported and recorded, and the others still run and are written. */
  const attempt = async <T>(section: string, work: () => Promise<T>): Promise<T | null> => {
    try {
      return await work();
    } catch (e) {
      failed[section] = e instanceof Error ? e.message : String(e);
      log(`  ${section} failed: ${failed[section]}`);
      return null;
    }
  };
  ensurePeers(log);
  const main = await trove(options.files, log);
  log(`trove: ${main.files.toLocaleString('en-US')} files, ${round(main.bytes / 1e6, 0)} MB; load average ${loadAverage()}`);
  // Both contenders read from a warm page cache.
  timeShell('find "$1" -type f -print0 | xargs -0 cat > /dev/null', [main.dir]);
  let peakRss = 0;
  /** Each ingest's highest peak RSS over its rounds, so that the run's peak says which ingest reached it. */
  const peakRssByIngest: Record<string, number> = {};
  const track = (run: IngestRun): number => {
    peakRss = Math.max(peakRss, run.maxRssMb);
    peakRssByIngest[run.name] = round(Math.max(peakRssByIngest[run.name] ?? 0, run.maxRssMb), 0);
    return run.seconds;
  };

  if (options.only.has('hash') && available('sha256sum')) {
    log('hash-and-inventory vs sha256sum:');
    const [ours, peer] = await interleaved(
      options.rounds,
      async () => track(await ingest(main.dir, { extract: false, name: 'hash' })),
      async () => timeShell('find "$1" -type f -print0 | xargs -0 sha256sum > /dev/null', [main.dir]).seconds,
      'workbench --no-extract vs sha256sum',
    );
    Object.assign(seconds, { hash: round(ours), sha256sum: round(peer) });
    ratios.hash_vs_sha256sum = round(ours / peer);
  }

  let fullRun: IngestRun | null = null;
  if (options.only.has('full') && available('exiftool')) {
    log("full ingest vs exiftool -j -r -ext '*':");
    const [ours, peer] = await interleaved(
      options.rounds,
      async () => {
        fullRun = await ingest(main.dir, { extract: true, name: 'full', keep: true });
        return track(fullRun);
      },
      async () => timeShell(`exiftool -j -r -ext '*' "$1" > /dev/null`, [main.dir], true).seconds,
      'workbench ingest vs exiftool',
    );
    Object.assign(seconds, { full: round(ours), exiftool: round(peer) });
    ratios.full_vs_exiftool = round(ours / peer);
  }

  if (options.only.has('analysis')) {
    log('full ingest with and without the analysis layer (languages, markers, glossary, watchlist):');
    const [withAnalysis, without] = await interleaved(
      options.rounds,
      async () => track(await ingest(main.dir, { extract: true, name: 'analysis-on' })),
      async () => track(await ingest(main.dir, { extract: true, name: 'analysis-off', env: { WORKBENCH_SKIP_ANALYSIS: '1' } })),
      'with analysis vs without',
    );
    Object.assign(seconds, { with_analysis: round(withAnalysis), without_analysis: round(without) });
    results.analysis_overhead = round(withAnalysis / without - 1);
  }

  if (options.only.has('pdf') && available('pdftotext')) {
    const pdfs = pdfFolder(main);
    log(`PDF text (${pdfs.files.length} PDFs) vs a pdftotext loop:`);
    const [ours, peer] = await interleaved(
      options.rounds,
      async () => track(await ingest(pdfs.dir, { extract: true, name: 'pdf' })),
      async () => timeShell('for f in "$@"; do pdftotext "$f" - > /dev/null 2>&1; done', pdfs.files).seconds,
      'workbench ingest of the PDFs vs pdftotext loop',
    );
    const parallel = timeShell(
      `printf '%s\\0' "$@" | xargs -0 -P ${machine().cpus} -I{} sh -c 'pdftotext "{}" - > /dev/null 2>&1'`,
      pdfs.files,
      true,
    ).seconds;
    Object.assign(seconds, { pdf: round(ours), pdftotext_loop: round(peer), pdftotext_parallel: round(parallel) });
    ratios.pdf_vs_pdftotext = round(ours / peer);
    ratios.pdf_vs_pdftotext_parallel = round(ours / parallel);
  }

  const sizes = options.quick ? [1_000, 3_000, options.files] : [1_000, options.files, 100_000];
  let largest: IngestRun | null = fullRun;
  if (options.only.has('growth')) {
    const distinct = [...new Set(sizes)].sort((a, b) => a - b);
    log(`time per file at ${distinct.map((n) => n.toLocaleString('en-US')).join(', ')} files:`);
    const perFile: Record<string, number> = {};
    for (const n of distinct) {
      const t = n === options.files ? main : await trove(n, log);
      const run = n === options.files && fullRun ? fullRun : await ingest(t.dir, { extract: true, name: `growth-${n}`, keep: true });
      track(run);
      perFile[n] = round((run.seconds / t.files) * 1000, 3);
      log(
        `  ${n.toLocaleString('en-US')} files: ${run.seconds.toFixed(1)} s, ${perFile[n]} ms per file, peak RSS ${round(run.maxRssMb, 0)} MB`,
      );
      if (!largest || run.artifacts > largest.artifacts) largest = run;
    }
    results.ms_per_file = perFile;
    const small = perFile[Math.min(...sizes)] ?? Number.NaN;
    const big = perFile[Math.max(...sizes)] ?? Number.NaN;
    results.per_file_growth = round(big / small);
  }

  let caseName: string | null = null;
  if (options.caseDir) {
    const existing = await existingCase(options.caseDir);
    largest = existing;
    caseName = existing.name;
  } else if ((options.only.has('search') || options.only.has('ui') || options.only.has('review')) && !largest) {
    largest = await ingest(main.dir, { extract: true, name: 'full', keep: true });
  }
  if (largest && (options.only.has('search') || options.only.has('ui') || options.only.has('review'))) {
    const host = await startHost(path.join(path.dirname(largest.caseDir), 'data'));
    try {
      results.search_case_artifacts = largest.artifacts;
      if (options.only.has('search')) {
        log(`search through the web host's RPC on a ${largest.artifacts.toLocaleString('en-US')}-artifact case:`);
        const latency = await searchLatency(host, largest.caseDir);
        for (const [name, q] of Object.entries(latency))
          log(`  ${name.padEnd(12)} ${SEARCH_QUERIES[name]}: p50 ${q.p50} ms, p95 ${q.p95} ms, ${q.hits} hits`);
        results.search_p95_ms = Object.fromEntries(Object.entries(latency).map(([k, v]) => [k, v.p95]));
        results.search_p50_ms = Object.fromEntries(Object.entries(latency).map(([k, v]) => [k, v.p50]));
      }
      if (options.only.has('review')) {
        log(`review on the same case, through the RPC:`);
        const review = await reviewTimings(host, largest.caseDir);
        log(
          `  tagging ${review.tagged.toLocaleString('en-US')} artifacts in one bulk call: ${review.bulkTagMs} ms; ` +
            `filters p95 ${review.filterP95Ms} ms; search with filters p95 ${review.searchP95Ms} ms`,
        );
        Object.assign(results, {
          bulk_tag_ms: review.bulkTagMs,
          bulk_tagged: review.tagged,
          review_filter_p95_ms: review.filterP95Ms,
          filtered_search_p95_ms: review.searchP95Ms,
        });
      }
      if (options.only.has('ui')) {
        log(`UI in Chromium on the same case (${largest.artifacts.toLocaleString('en-US')} artifacts):`);
        const name = caseName ?? `bench ${path.basename(path.dirname(largest.caseDir))}`;
        const ui = await attempt('ui', () => uiTimings(host, largest.caseDir, name));
        if (ui) {
          log(`  first table paint ${ui.firstPaintMs} ms; scroll to the last row ${ui.deepScrollMs} ms`);
          log(`  panel filters p50 ${ui.filterP50Ms} ms, p95 ${ui.filterP95Ms} ms`);
          log(
            `  search with panel filters p50 ${ui.searchP50Ms} ms, p95 ${ui.searchP95Ms} ms; its hit list p50 ${ui.hitListP50Ms} ms, p95 ${ui.hitListP95Ms} ms`,
          );
          log(`  typed path filter p50 ${ui.typedFilterP50Ms} ms, p95 ${ui.typedFilterP95Ms} ms (includes the typing pause of 220 ms)`);
          Object.assign(results, {
            first_paint_ms: ui.firstPaintMs,
            filter_p95_ms: ui.filterP95Ms,
            filter_p50_ms: ui.filterP50Ms,
            ui_search_with_filters_p95_ms: ui.searchP95Ms,
            ui_search_with_filters_p50_ms: ui.searchP50Ms,
            ui_search_hit_list_p95_ms: ui.hitListP95Ms,
            ui_search_hit_list_p50_ms: ui.hitListP50Ms,
            typed_filter_p95_ms: ui.typedFilterP95Ms,
            typed_filter_p50_ms: ui.typedFilterP50Ms,
            deep_scroll_ms: ui.deepScrollMs,
          });
        }
      }
    } finally {
      host.stop();
    }
  }

  if (options.only.has('workers')) {
    log('peak memory by number of extract workers (3,000-file trove):');
    const small = await trove(3_000, log);
    const byWorkers: Record<string, { seconds: number; peakRssMb: number }> = {};
    for (const workers of [1, 4]) {
      const run = await ingest(small.dir, { extract: true, name: `workers-${workers}`, workers });
      byWorkers[workers] = { seconds: round(run.seconds, 1), peakRssMb: round(run.maxRssMb, 0) };
      log(`  ${workers} worker${workers > 1 ? 's' : ''}: ${run.seconds.toFixed(1)} s, peak RSS ${round(run.maxRssMb, 0)} MB`);
    }
    results.rss_by_workers_mb = byWorkers;
  }

  if (options.only.has('export')) {
    log('case bundle export with originals vs zip -r:');
    const exported = await attempt('export', () => exportBench(options.files, options.rounds, log));
    if (exported) {
      Object.assign(seconds, { export: exported.workbenchSeconds, zip_r: exported.zipSeconds });
      ratios.export_vs_zip_r = exported.ratio;
      results.export = exported;
    }
  }

  if (Object.keys(failed).length > 0) results.failed = failed;
  results.ratios = ratios;
  results.seconds = seconds;
  results.peak_rss_mb = round(peakRss, 0);
  results.peak_rss_mb_by_ingest = peakRssByIngest;
  results.load_average = loadAverage();
  results.finished = new Date().toISOString();
  log(
    `ratios: ${JSON.stringify(ratios)}; peak RSS ${round(peakRss, 0)} MB (per ingest: ${JSON.stringify(peakRssByIngest)}); load average at the end ${loadAverage()}`,
  );
  if (options.json) {
    const dir = path.join(projectRoot, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${String(results.started).replace(/[:.]/g, '-')}.json`), `${JSON.stringify(results, null, 2)}\n`);
    log(JSON.stringify(results));
  }
  if (Object.keys(failed).length > 0) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
