import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp';
import { appendAudit, verifyAudit, verifyAuditTrail } from './audit-repo';
import { createDatabase, type Db } from './database';

let tmp: ReturnType<typeof tempDir>;
let db: Db;
beforeEach(() => {
  tmp = tempDir();
  db = createDatabase(path.join(tmp.dir, 'case.sqlite'));
  for (const [action, details] of [
    ['case.created', { name: 'A' }],
    ['tag.set', { artifactIds: [1] }],
    ['note.added', { text: '原画修型' }],
    ['label.applied', { artifactIds: [2, 3] }],
    ['star.added', { artifactIds: [4] }],
  ] as const)
    appendAudit(db, '김철수', action, details);
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

const problems = (): string[] => verifyAuditTrail(db).problems.map((p) => `${p.seq} ${p.kind}`);

it('verifies an untouched trail and reports its head', () => {
  const result = verifyAuditTrail(db);
  expect(result).toMatchObject({ ok: true, events: 5, problems: [] });
  expect(result.head).toMatch(/^[0-9a-f]{64}$/);
  expect(verifyAudit(db)).toBeNull();
});

it('names an event whose content changed by one byte as edited', () => {
  db.prepare("UPDATE audit_log SET details = replace(details, '修型', '修改') WHERE seq = 3").run();
  expect(problems()).toEqual(['3 edited']);
});

it('names a deleted event as removed', () => {
  db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
  expect(problems()).toEqual(['2 removed']);
});

it('names two swapped events as reordered', () => {
  const cols = 'at, actor, action, details, prev_hash, hash, version';
  const row = (seq: number): Record<string, unknown> =>
    db.prepare(`SELECT ${cols} FROM audit_log WHERE seq = ?`).get(seq) as Record<string, unknown>;
  const [two, four] = [row(2), row(4)];
  const put = (seq: number, r: Record<string, unknown>): void => {
    db.prepare(`UPDATE audit_log SET at = ?, actor = ?, action = ?, details = ?, prev_hash = ?, hash = ?, version = ? WHERE seq = ?`).run(
      ...(Object.values(r) as string[]),
      seq,
    );
  };
  put(2, four);
  put(4, two);
  expect(problems()).toEqual(['2 reordered', '4 reordered']);
});

it('names an event slipped between two others as inserted, and the renumbered ones after it as moved', () => {
  db.prepare('UPDATE audit_log SET seq = seq + 10 WHERE seq >= 3').run();
  db.prepare('UPDATE audit_log SET seq = seq - 9 WHERE seq >= 13').run();
  db.prepare(
    "INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash, version) VALUES (3, '2024-01-01T00:00:00Z', 'x', 'tag.removed', '{}', 'f', 'f', 2)",
  ).run();
  expect(problems()).toEqual(['3 inserted', '4 reordered', '5 reordered', '6 reordered']);
});
