import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './test-support/temp';
import { corpusDir, repoRoot } from './test-support/paths';

/**
 * The team's own yardstick, run end to end: ingest ../shared/corpus (real third-party samples, never copied into
 * this repository) with the built CLI, then let ../shared/tools/corpus-check.py compare our extraction with
 * ExifTool, pdftotext and the labelled encodings. Skipped where the corpus, the tools or the build are missing.
 * CORPUS_BREADTH=1 makes the `breadth:` line (camera raw, JPEG trailers, European single-byte code pages) gate too:
 * it reached 100% / 100% when the raw readers, trailers and code-page scoring landed.
 */
const corpus = corpusDir;
const checker = path.resolve(repoRoot, '../shared/tools/corpus-check.py');
const cli = path.join(repoRoot, 'out/main/cli.js');
const has = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const available =
  existsSync(path.join(corpus, 'MANIFEST.tsv')) &&
  existsSync(checker) &&
  existsSync(cli) &&
  has('python3') &&
  has('exiftool') &&
  has('pdftotext');

describe.skipIf(!available)('corpus check against ExifTool, pdftotext and labelled encodings', () => {
  it('ingests the whole corpus without a crash or hang and meets the three bars', () => {
    const tmp = tempDir('wb-corpus-');
    try {
      const caseDir = path.join(tmp.dir, 'case');
      const env = { ...process.env, WORKBENCH_DATA_DIR: path.join(tmp.dir, 'data') };
      const run = (args: string[], timeout: number) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env, timeout });
      expect(run(['case', 'create', caseDir, '--name', 'corpus', '--examiner', 'ci'], 30_000).status).toBe(0);
      const ingest = run(['ingest', caseDir, corpus, '--json'], 600_000);
      expect(ingest.status, ingest.stderr).toBe(0);
      const check = spawnSync('python3', [checker, corpus, caseDir, process.execPath, cli], {
        encoding: 'utf8',
        env: { ...env, CORPUS_BREADTH: '1' },
        timeout: 900_000,
      });
      process.stdout.write(check.stdout);
      const figures = check.stdout.split('\n').find((l) => l.startsWith('extract:'));
      expect(figures, check.stderr).toBeDefined();
      if (existsSync(path.join(corpus, 'breadth'))) expect(check.stdout, 'breadth/ must be reported').toMatch(/^breadth: /m);
      expect(check.status, check.stdout).toBe(0);
    } finally {
      tmp.cleanup();
    }
  }, 1_800_000);
});
