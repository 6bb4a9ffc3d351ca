import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { layeredPsd, WORK_NAMES } from '../test-support/generate/work-files';
import { workspace } from '../test-support/ingest-kit';
import { closeAllCases } from './case-store';
import { listSuggestions } from './review';

const ws = workspace();
afterAll(() => {
  closeAllCases();
  ws.cleanup();
});

it('suggests the production a PSD names only in a layer (인빈서블), with the layer name as evidence', async () => {
  const evidence = path.join(ws.root, 'evidence');
  mkdirSync(evidence);
  // A neutral file name: the title can only come from inside the work file.
  writeFileSync(path.join(evidence, 'layout_c012.psd'), layeredPsd().bytes);
  const caseDir = ws.newCase();
  expect((await ws.ingest(caseDir, evidence)).status).toBe('done');
  const psd = ws.artifacts(caseDir).find((a) => a.name === 'layout_c012.psd');
  if (!psd) throw new Error('the PSD was not ingested');
  const suggestions = listSuggestions({ dir: caseDir, artifactId: psd.id, offset: 0, limit: 10 }).items;
  const invincible = suggestions.find((s) => s.productionId === 'invincible');
  expect(invincible?.hits.some((h) => h.text.includes(WORK_NAMES.invincible))).toBe(true);
});
