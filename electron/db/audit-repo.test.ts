import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp';
import { appendAudit, verifyAudit } from './audit-repo';
import { createDatabase, openDatabase, type Db } from './database';

let tmp: ReturnType<typeof tempDir>;
let db: Db;
beforeEach(() => {
  tmp = tempDir();
  db = createDatabase(path.join(tmp.dir, 'case.sqlite'));
});
afterEach(() => {
  db.close();
  tmp.cleanup();
});

it('chains audit events so that editing any one breaks verification from there on', () => {
  appendAudit(db, 'analyst', 'case.created', { name: 'A' });
  appendAudit(db, 'analyst', 'tag.added', { artifact: 1 });
  appendAudit(db, 'analyst', 'note.added', { text: '原画修型' });
  expect(verifyAudit(db)).toBeNull();
  db.prepare('UPDATE audit_log SET details = \'{"artifact":2}\' WHERE seq = 2').run();
  expect(verifyAudit(db)).toBe(2);
});

it('detects a deleted event', () => {
  for (let i = 0; i < 3; i++) appendAudit(db, 'analyst', 'x', { i });
  db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
  expect(verifyAudit(db)).toBe(3);
});

it('creates a database at the current schema version, and opening it again changes nothing', () => {
  const version = db.prepare('PRAGMA user_version').get() as { user_version: number };
  expect(version.user_version).toBeGreaterThanOrEqual(1);
  db.close();
  db = openDatabase(path.join(tmp.dir, 'case.sqlite'), { readOnly: false });
  expect((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version).toBe(version.user_version);
});
