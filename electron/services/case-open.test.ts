import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from '@photostructure/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../db/audit-repo';
import { SCHEMA_VERSION } from '../db/database';
import { sql as init } from '../db/migrations/001-init';
import { sql as jobOwner } from '../db/migrations/002-job-owner';
import { tempDir, testBackend } from '../test-support/temp';
import { CASE_DB_FILE, caseDb, closeAllCases } from './case-store';

/**
 * Opening a case never creates, rebuilds or migrates its database: an empty, truncated or foreign file is
 * `case_damaged`, an older schema is `case_needs_migration` until `cases.migrate`, a newer one `case_too_new`; each
 * one readable line (the CLI's side is in electron/cli/cli.test.ts).
 */
describe('opening case databases that are not what they should be', () => {
  let tmp: ReturnType<typeof tempDir>;
  let backend: ReturnType<typeof testBackend>;
  let dir: string;
  let file: string;

  beforeEach(() => {
    tmp = tempDir();
    backend = testBackend(path.join(tmp.dir, 'data'));
    dir = path.join(tmp.dir, 'case');
    file = path.join(dir, CASE_DB_FILE);
  });
  afterEach(async () => {
    await backend.close();
    closeAllCases();
    tmp.cleanup();
  });

  const failure = (channel: 'cases.open' | 'cases.info' | 'sources.list', input: { dir: string }) =>
    backend.dispatch(channel, input).then((r) => (r.ok ? null : r.error));
  const sha = (f: string): string => createHash('sha256').update(readFileSync(f)).digest('hex');

  /** A real case with a few artifacts and search rows, closed so its WAL is checkpointed into the file. */
  async function realCase(): Promise<void> {
    const evidence = path.join(tmp.dir, 'evidence');
    mkdirSync(evidence);
    for (let i = 0; i < 40; i++) writeFileSync(path.join(evidence, `note-${i}.txt`), `原画修型 invincible ${i} `.repeat(200));
    await backend.client.call('cases.create', { dir, name: 'Real', examiner: 'E' });
    const job = await backend.client.call('ingest.start', { dir, path: evidence });
    for (let j = job; j.status === 'running' || j.status === 'queued';) {
      await new Promise((r) => setTimeout(r, 50));
      j = (await backend.client.call('ingest.jobs', { dir })).find((x) => x.id === job.id) ?? j;
    }
    caseDb(dir).exec('PRAGMA wal_checkpoint(TRUNCATE)');
    closeAllCases();
  }

  it('refuses a zero-byte case.sqlite without rebuilding it, and an ingest into it too', async () => {
    mkdirSync(dir);
    writeFileSync(file, '');
    const evidence = path.join(tmp.dir, 'evidence');
    mkdirSync(evidence);
    writeFileSync(path.join(evidence, 'a.txt'), 'a');
    for (const channel of ['cases.open', 'cases.info', 'sources.list'] as const) {
      expect(await failure(channel, { dir }), channel).toEqual({
        code: 'case_damaged',
        message: `${file} is empty (0 bytes): it is not a usable case database; restore the case folder from a backup (the workbench never rebuilds it)`,
      });
    }
    const ingest = await backend.dispatch('ingest.start', { dir, path: evidence });
    expect(ingest).toMatchObject({ ok: false, error: { code: 'case_damaged' } });
    expect(statSync(file).size).toBe(0);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a truncated case, a file that is not SQLite, and an SQLite file that is not a case', async () => {
    await realCase();
    const size = statSync(file).size;
    truncateSync(file, Math.floor(size / 2));
    expect(await failure('cases.open', { dir })).toMatchObject({
      code: 'case_damaged',
      message: expect.stringMatching(new RegExp(`^${file} is truncated \\(\\d+ bytes; its header counts \\d+ pages of \\d+ bytes\\)`)),
    });
    truncateSync(file, 50);
    expect(await failure('cases.open', { dir })).toMatchObject({ code: 'case_damaged', message: expect.stringContaining('is truncated') });
    // With a write-ahead log beside it the header's page count may be ahead of the file, so SQLite's own reading decides.
    writeFileSync(`${file}-wal`, Buffer.alloc(4096, 1));
    expect(await failure('cases.open', { dir })).toMatchObject({ code: 'case_damaged' });
    rmSync(`${file}-wal`);

    // New files (new inodes) from here on: the ingest's connection may still hold its lock on the old one.
    rmSync(file);
    writeFileSync(file, 'name,examiner\nReal,E\n');
    expect(await failure('cases.open', { dir })).toMatchObject({
      code: 'case_damaged',
      message: expect.stringContaining(`${file} is not an SQLite database`),
    });

    rmSync(file);
    const foreign = new DatabaseSync(file);
    foreign.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)');
    foreign.close();
    expect(await failure('cases.open', { dir })).toMatchObject({
      code: 'case_damaged',
      message: expect.stringContaining(
        'is an SQLite database but not a workbench case (it has no case_info, sources, jobs, artifacts, audit_log)',
      ),
    });
    const before = sha(file);
    expect(await backend.dispatch('cases.migrate', { dir })).toMatchObject({ ok: false, error: { code: 'case_damaged' } });
    expect(sha(file)).toBe(before);
  });

  it('refuses a case written by a newer workbench', async () => {
    await backend.client.call('cases.create', { dir, name: 'Future', examiner: 'E' });
    closeAllCases();
    const db = new DatabaseSync(file);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 7}`);
    db.close();
    expect(await failure('cases.open', { dir })).toEqual({
      code: 'case_too_new',
      message: `${file} uses case schema ${SCHEMA_VERSION + 7}, newer than this workbench's ${SCHEMA_VERSION}: open it with a newer version of the workbench`,
    });
    expect(await backend.dispatch('cases.migrate', { dir })).toMatchObject({ ok: false, error: { code: 'case_too_new' } });
  });

  it('asks for an explicit migration of an older case, then migrates it once and audits it', async () => {
    mkdirSync(dir);
    const old = new DatabaseSync(file);
    old.exec('PRAGMA journal_mode = WAL');
    old.exec(init);
    old.exec(jobOwner);
    old.exec('PRAGMA user_version = 2');
    old.exec(
      "INSERT INTO case_info (key, value) VALUES ('id', 'c-1'), ('name', 'Old'), ('examiner', 'J. Kim'), ('description', ''), ('createdAt', '2024-01-01T00:00:00Z')",
    );
    old.exec("INSERT INTO sources (id, path, kind, added_at) VALUES (1, '/e', 'folder', '2024-01-01T00:00:00Z')");
    old.exec("INSERT INTO artifacts (id, source_id, path, name, kind) VALUES (7, 1, 'a/Sheet.txt', 'Sheet.txt', 'file')");
    old.exec("INSERT INTO search_index (artifact_id, field, content) VALUES (7, 'text', 'INVINCIBLE 原画修型')");
    old.close();
    const before = sha(file);

    const asked = await failure('cases.open', { dir });
    expect(asked).toEqual({
      code: 'case_needs_migration',
      message: `${file} uses case schema 2; this workbench uses ${SCHEMA_VERSION}, so upgrade it first with \`workbench case migrate ${dir}\` or Upgrade case in the app`,
    });
    expect(await backend.dispatch('search.query', { dir, query: 'invincible' })).toEqual({ ok: false, error: asked });
    expect(sha(file)).toBe(before);

    const migrated = await backend.client.call('cases.migrate', { dir });
    expect(migrated).toMatchObject({ name: 'Old', schemaVersion: SCHEMA_VERSION, readOnly: false, artifactCount: 1 });
    const opened = await backend.client.call('cases.open', { dir });
    expect(opened.schemaVersion).toBe(SCHEMA_VERSION);
    expect((await backend.client.call('search.query', { dir, query: '原画' })).map((h) => h.artifactId)).toEqual([7]);
    const audit = caseDb(dir).prepare("SELECT actor, details FROM audit_log WHERE action = 'case.migrated'").all() as {
      actor: string;
      details: string;
    }[];
    expect(audit.map((a) => ({ actor: a.actor, ...(JSON.parse(a.details) as object) }))).toEqual([
      { actor: 'J. Kim', from: 2, to: SCHEMA_VERSION, host: 'web' },
    ]);
    expect(verifyAudit(caseDb(dir))).toBeNull();
    expect(await backend.client.call('cases.migrate', { dir })).toMatchObject({ schemaVersion: SCHEMA_VERSION });
    expect(caseDb(dir).prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'case.migrated'").get()).toEqual({ n: 1 });
  });

  it('upgrades a large case in slices: other requests are answered meanwhile, a second upgrade is refused, every row is indexed', async () => {
    await backend.client.call('cases.create', { dir, name: 'Large', examiner: 'J. Kim' });
    closeAllCases();
    const artifacts = 4000;
    const db = new DatabaseSync(file);
    db.exec("INSERT INTO sources (id, path, kind, added_at) VALUES (1, '/e', 'folder', '2024-01-01T00:00:00Z')");
    const artifact = db.prepare("INSERT INTO artifacts (id, source_id, path, name, kind) VALUES (?, 1, ?, ?, 'file')");
    // Three rows per artifact, so slices of rows end inside an artifact's rows.
    const doc = db.prepare('INSERT INTO search_docs (id, artifact_id, field, content) VALUES (?, ?, ?, ?)');
    db.exec('BEGIN');
    for (let id = 1; id <= artifacts; id++) {
      artifact.run(id, `folder/file-${id}.txt`, `file-${id}.txt`);
      doc.run(id * 16, id, 'path', `folder/file-${id}.txt`);
      doc.run(id * 16 + 1, id, 'metadata', `XMP-dc:Title Sheet ${id}`);
      doc.run(id * 16 + 2, id, 'text', `第${id}集 原画修型`);
    }
    db.exec("UPDATE case_info SET value = 'stale' WHERE key = 'search_index'");
    db.exec('COMMIT');
    db.close();

    let upgraded = false;
    const upgrading = backend.client.call('cases.migrate', { dir }).then((summary) => {
      upgraded = true;
      return summary;
    });
    // One turn of the event loop: a rebuild that held the thread would have finished by now.
    await new Promise((resolve) => setImmediate(resolve));
    await backend.client.call('app.info');
    expect(upgraded).toBe(false);
    expect(await backend.dispatch('cases.migrate', { dir })).toEqual({
      ok: false,
      error: { code: 'conflict', message: `the case in ${dir} is being upgraded already` },
    });
    expect(await upgrading).toMatchObject({ name: 'Large', artifactCount: artifacts });

    const count = (table: string, query: string): unknown =>
      caseDb(dir).prepare(`SELECT count(*) AS n FROM ${table} WHERE ${table} MATCH ?`).get(query);
    expect(count('search_trigrams', '"原画修型"')).toEqual({ n: artifacts });
    expect(count('search_trigrams', '"folder/file-"')).toEqual({ n: artifacts });
    expect(count('search_grams', '"sheet"')).toEqual({ n: artifacts });
    expect((await backend.client.call('search.query', { dir, query: 'file-2001.txt' })).map((h) => h.artifactId)).toEqual([2001]);
  });

  it('never migrates an empty or foreign database', async () => {
    mkdirSync(dir);
    writeFileSync(file, '');
    expect(await backend.dispatch('cases.migrate', { dir })).toMatchObject({ ok: false, error: { code: 'case_damaged' } });
    expect(statSync(file).size).toBe(0);
  });
});
