import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { verifyAudit } from '../db/audit-repo';
import { caseDb, closeAllCases } from './case-store';
import { workspace, type Workspace } from '../test-support/ingest-kit';
import { listSources, waitForJob } from './ingest/ingest-service';
import { rerunExtraction } from './reextract';
import { searchCase } from './search';
import { extractorVersions } from '../formats/run';

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => {
  closeAllCases();
  ws.cleanup();
});

const versionsOf = (caseDir: string): string[] =>
  (caseDb(caseDir).prepare('SELECT versions FROM extractions ORDER BY artifact_id').all() as { versions: string }[]).map((r) => r.versions);

it('re-extracts only what older extractor versions produced, and audits it', async () => {
  const evidence = path.join(ws.root, 'evidence');
  mkdirSync(evidence);
  writeFileSync(path.join(evidence, 'note-a.txt'), '原画修型请注意口型');
  writeFileSync(path.join(evidence, 'note-b.txt'), '로동신문 인빈서블 원화 수정');
  const caseDir = ws.newCase();
  expect((await ws.ingest(caseDir, evidence)).status).toBe('done');
  expect(versionsOf(caseDir)).toEqual([extractorVersions(), extractorVersions()]);

  const db = caseDb(caseDir);
  const noteA = db.prepare("SELECT id FROM artifacts WHERE path = 'note-a.txt'").get() as { id: number };
  db.prepare("UPDATE extractions SET versions = 'text@0' WHERE artifact_id = ?").run(noteA.id);
  db.prepare("DELETE FROM search_docs WHERE artifact_id = ? AND field = 'text'").run(noteA.id);
  const [source] = listSources(caseDir);

  const rerun = await rerunExtraction({ dir: caseDir, sourceId: source!.id, all: false }, ws.ctx);
  expect(rerun.invalidated).toBe(1);
  expect((await waitForJob(caseDir, rerun.job.id)).status).toBe('done');
  expect(versionsOf(caseDir)).toEqual([extractorVersions(), extractorVersions()]);
  const indexed = db.prepare("SELECT COUNT(*) AS n FROM search_docs WHERE artifact_id = ? AND field = 'text'").get(noteA.id) as {
    n: number;
  };
  expect(Number(indexed.n)).toBe(1);
  expect(searchCase({ dir: caseDir, query: '口型', limit: 10 }).map((h) => h.path)).toEqual(['note-a.txt']);

  const all = await rerunExtraction({ dir: caseDir, sourceId: source!.id, all: true }, ws.ctx);
  expect(all.invalidated).toBe(2);
  await waitForJob(caseDir, all.job.id);
  const audit = db.prepare("SELECT details FROM audit_log WHERE action = 'extraction.rerun' ORDER BY seq").all() as { details: string }[];
  expect(audit.map((a) => (JSON.parse(a.details) as { invalidated: number }).invalidated)).toEqual([1, 2]);
  expect(verifyAudit(db)).toBeNull();
});

it('refuses an unknown source', async () => {
  const caseDir = ws.newCase();
  await expect(rerunExtraction({ dir: caseDir, sourceId: 99, all: false }, ws.ctx)).rejects.toMatchObject({ code: 'not_found' });
});
