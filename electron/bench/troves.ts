import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeTrove, type TroveSummary } from '../test-support/generate/trove';
import { timeCli } from './tools';

/** Bump when the generator's output changes, so cached troves are made again. */
const TROVE_VERSION = 3;
export const benchRoot = path.join(os.tmpdir(), 'workbench-bench');

/** A studio-like trove of `files` files, generated once and cached under the system temp folder. */
export async function trove(files: number, log: (line: string) => void): Promise<TroveSummary> {
  const dir = path.join(benchRoot, `trove-${files}-v${TROVE_VERSION}`);
  const marker = `${dir}.json`;
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8')) as TroveSummary;
  rmSync(dir, { recursive: true, force: true });
  log(`generating a ${files.toLocaleString('en-US')}-file trove in ${dir} (once; cached)…`);
  const summary = await writeTrove(dir, { files });
  writeFileSync(marker, JSON.stringify(summary));
  return summary;
}

/** The trove's PDFs alone, as hard links in a folder of their own: what both PDF readers are given. */
export function pdfFolder(t: TroveSummary): { dir: string; files: string[] } {
  const dir = `${t.dir}-pdfs`;
  const files = t.pdfs.map((rel, i) => path.join(dir, `${String(i).padStart(6, '0')}.pdf`));
  if (!existsSync(`${dir}.done`)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    t.pdfs.forEach((rel, i) => linkSync(path.join(t.dir, rel), files[i] as string));
    writeFileSync(`${dir}.done`, '');
  }
  return { dir, files };
}

export interface IngestRun {
  seconds: number;
  maxRssMb: number;
  artifacts: number;
  caseDir: string;
  /**
   * The ingest's name in the bench (`full`, `analysis-on`, `growth-100000`…), under which its peak RSS is reported;
   * for a case made earlier (`--case`), the case's own name.
   */
  name: string;
}

/** One ingest by the bundled CLI into a fresh case folder (kept when `keep`, for the search and UI measurements). */
export async function ingest(
  evidence: string,
  options: { extract: boolean; name: string; keep?: boolean; workers?: number; env?: Record<string, string> },
): Promise<IngestRun> {
  const work = path.join(benchRoot, 'cases', options.name);
  rmSync(work, { recursive: true, force: true });
  const caseDir = path.join(work, 'case');
  const env: NodeJS.ProcessEnv = { ...process.env, WORKBENCH_DATA_DIR: path.join(work, 'data') };
  if (options.workers) env.WORKBENCH_WORKERS = String(options.workers);
  Object.assign(env, options.env);
  await timeCli(['case', 'create', caseDir, '--name', `bench ${options.name}`, '--examiner', 'bench'], env);
  const run = await timeCli(['ingest', caseDir, evidence, '--json', ...(options.extract ? [] : ['--no-extract'])], env);
  const summary = run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; status?: string; filesTotal?: number })
    .find((m) => m.type === 'summary');
  if (summary?.status !== 'done') throw new Error(`ingest of ${evidence} ended ${summary?.status ?? 'without a summary'}`);
  if (!options.keep) rmSync(work, { recursive: true, force: true });
  return { seconds: run.seconds, maxRssMb: run.maxRssMb ?? 0, artifacts: summary.filesTotal ?? 0, caseDir, name: options.name };
}

/**
 * A case made earlier (`--case`), brought to this build's schema, for the search, review and UI measurements: the
 * 100,000-file ingest takes a quarter of an hour, and these sections need its case, not another ingest.
 */
export async function existingCase(caseDir: string): Promise<IngestRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, WORKBENCH_DATA_DIR: path.join(path.dirname(caseDir), 'data') };
  await timeCli(['case', 'migrate', caseDir], env);
  const info = JSON.parse((await timeCli(['case', 'info', caseDir, '--json'], env)).stdout) as { name: string; artifactCount: number };
  return { seconds: 0, maxRssMb: 0, artifacts: info.artifactCount, caseDir, name: info.name };
}
