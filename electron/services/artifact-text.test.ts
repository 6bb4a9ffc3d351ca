import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { workspace, type Workspace } from '../test-support/ingest-kit';
import { artifactText, getArtifact, listArtifacts } from './artifacts';
import { closeAllCases } from './case-store';

let ws: Workspace;
let caseDir: string;
let id: number;
const LINE = '原画修型 invincible 인빈서블 '.repeat(200_000);

beforeAll(async () => {
  ws = workspace();
  const evidence = path.join(ws.root, 'evidence');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(evidence);
  // One 7 MB line: the shape of a log or dump that once made one reply carry the whole text.
  writeFileSync(path.join(evidence, 'one-line.txt'), LINE);
  caseDir = ws.newCase();
  await ws.ingest(caseDir, evidence);
  id = listArtifacts({ dir: caseDir, sort: 'path', order: 'asc', offset: 0, limit: 10, type: 'file' }).items[0]!.id;
}, 120_000);
afterAll(() => {
  closeAllCases();
  ws.cleanup();
});

it('answers an artifact read with a window of its text and the whole length', () => {
  const detail = getArtifact(caseDir, id);
  expect(detail.extraction?.textLength).toBe([...LINE].length);
  expect(detail.extraction?.text?.length).toBe(64 * 1024);
  expect(JSON.stringify(detail).length).toBeLessThan(512 * 1024);
});

it('pages the text by characters, to its exact end', () => {
  const total = [...LINE].length;
  const middle = artifactText({ dir: caseDir, id, offset: 1_000_000, length: 30 });
  expect(middle).toEqual({ offset: 1_000_000, text: [...LINE].slice(1_000_000, 1_000_030).join(''), total });
  const tail = artifactText({ dir: caseDir, id, offset: total - 5, length: 1000 });
  expect(tail.text).toBe([...LINE].slice(-5).join(''));
  expect(artifactText({ dir: caseDir, id, offset: total, length: 10 }).text).toBe('');
});
