import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArtifactPage } from '../../shared/domain/artifact';
import { verifyAuditTrail } from '../db/audit-repo';
import { openDatabase } from '../db/database';
import { tagsOf } from '../db/review-repo';
import { workspace, type Workspace } from '../test-support/ingest-kit';
import { startWebHost, webHostEntry } from '../test-support/web-host';
import { closeAllCases } from './case-store';

/**
 * An acknowledged change is on disk: the web host is killed with SIGKILL the moment each tag is acknowledged, at
 * a different point of a run of tags each time, and the case read afterwards holds every acknowledged tag with its
 * audit event, on an intact chain.
 */
describe.skipIf(!existsSync(webHostEntry))('review changes survive SIGKILL right after the acknowledgement', () => {
  let ws: Workspace;
  let caseDir: string;
  let ids: number[] = [];

  beforeAll(async () => {
    ws = workspace();
    caseDir = ws.newCase('kill-review');
    const evidence = path.join(ws.root, 'evidence');
    mkdirSync(evidence, { recursive: true });
    for (let i = 0; i < 12; i++) writeFileSync(path.join(evidence, `note-${i}.txt`), `인빈서블 원화 수정 ${i}\n`);
    expect((await ws.ingest(caseDir, evidence)).status).toBe('done');
    ids = ws
      .artifacts(caseDir)
      .filter((a) => a.kind === 'file')
      .map((a) => a.id);
    closeAllCases();
  }, 120_000);
  afterAll(() => ws.cleanup());

  it('keeps every acknowledged tag and its audit event, however soon the process dies', async () => {
    const acknowledged: number[] = [];
    for (let round = 0; round < 4; round++) {
      const host = await startWebHost(path.join(ws.root, 'data'));
      const listed = await host.rpc<ArtifactPage>('artifacts.list', { dir: caseDir, limit: 1 });
      expect(listed.ok, JSON.stringify(listed.error)).toBe(true);
      // Round 0 dies after its first acknowledged tag, round 3 after its fourth: the kill lands at another point each time.
      for (let i = 0; i <= round; i++) {
        const artifactId = ids[acknowledged.length] as number;
        const reply = await host.rpc('tags.set', {
          dir: caseDir,
          examiner: 'kill test',
          artifactIds: [artifactId],
          productionId: 'invincible',
          status: 'suspected',
          rationale: `round ${round}`,
        });
        if (i === round) host.child.kill('SIGKILL');
        expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
        acknowledged.push(artifactId);
      }
      expect(await host.exited).toBeNull();
    }

    const db = openDatabase(path.join(caseDir, 'case.sqlite'), { readOnly: true });
    try {
      for (const id of acknowledged)
        expect(
          tagsOf(db, id).map((t) => t.productionId),
          `artifact ${id}`,
        ).toEqual(['invincible']);
      const tagEvents = db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'tag%'").get() as { n: number };
      expect(Number(tagEvents.n)).toBe(acknowledged.length);
      expect(verifyAuditTrail(db).ok).toBe(true);
    } finally {
      db.close();
    }
  }, 180_000);
});
