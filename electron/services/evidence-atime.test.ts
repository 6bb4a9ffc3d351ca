import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { plainJpeg } from '../test-support/generate/images';
import { cjkEvidencePdf } from '../test-support/generate/pdfs';
import { writeZip } from '../test-support/generate/zips';
import { workspace, type Workspace } from '../test-support/ingest-kit';
import { closeAllCases } from './case-store';
import { listSources, waitForJob } from './ingest/ingest-service';
import { artifactPreview, closePreviewWorkers } from './preview';
import { rerunExtraction } from './reextract';

let ws: Workspace;
let evidence: string;
let caseDir: string;
const OLD = new Date('2001-02-03T04:05:06.000Z');

beforeAll(async () => {
  ws = workspace();
  evidence = path.join(ws.root, 'evidence');
  mkdirSync(evidence);
  writeFileSync(path.join(evidence, 'sheet.pdf'), cjkEvidencePdf().bytes);
  writeFileSync(path.join(evidence, 'layout.jpg'), plainJpeg(40, 30));
  writeFileSync(path.join(evidence, 'bundle.zip'), writeZip([{ name: 'frames/a.jpg', data: plainJpeg(8, 8) }]));
  writeFileSync(path.join(ws.root, 'control.txt'), 'read the ordinary way');
  caseDir = ws.newCase();
  await ws.ingest(caseDir, evidence);
}, 60_000);

afterAll(async () => {
  await closePreviewWorkers();
  closeAllCases();
  ws.cleanup();
});

const files = ['sheet.pdf', 'layout.jpg', 'bundle.zip'];
const atime = (file: string): string => statSync(file).atime.toISOString();
const ageAll = (): void => {
  for (const f of [...files.map((n) => path.join(evidence, n)), path.join(ws.root, 'control.txt')]) utimesSync(f, OLD, statSync(f).mtime);
};

it('previews, re-extracts and ingests again without changing the access time of evidence the process owns', async (ctx) => {
  ageAll();
  readFileSync(path.join(ws.root, 'control.txt'));
  // With atime older than mtime even relatime updates it on an ordinary read; a noatime mount would prove nothing.
  if (atime(path.join(ws.root, 'control.txt')) === OLD.toISOString()) ctx.skip('this file system does not record access times');

  const ids = new Map(ws.artifacts(caseDir).map((a) => [a.path, a.id]));
  for (const p of ['sheet.pdf', 'layout.jpg', 'bundle.zip!/frames/a.jpg']) {
    expect((await artifactPreview(caseDir, ids.get(p) ?? -1)).kind, p).toBe('image');
  }
  for (const f of files) expect(atime(path.join(evidence, f)), `${f} after preview`).toBe(OLD.toISOString());

  const [source] = listSources(caseDir);
  const rerun = await rerunExtraction({ dir: caseDir, sourceId: source?.id ?? -1, all: true }, ws.ctx);
  expect((await waitForJob(caseDir, rerun.job.id)).status).toBe('done');
  for (const f of files) expect(atime(path.join(evidence, f)), `${f} after re-extraction`).toBe(OLD.toISOString());

  await ws.ingest(caseDir, evidence);
  const recorded = new Map(ws.artifacts(caseDir).map((a) => [a.path, a.atime]));
  for (const f of files) expect(recorded.get(f)?.slice(0, 19), `${f} as recorded by a later ingest`).toBe(OLD.toISOString().slice(0, 19));
}, 60_000);
