import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from '@photostructure/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../test-support/paths';
import { tempDir } from '../test-support/temp';
import { NOBODY, NOT_READABLE_BY_NOBODY, projectReadableByNobody, runsAsRoot } from '../test-support/unprivileged';

/**
 * A case the user cannot write (folder 0555, database 0444), read through the real CLI process. Root ignores file
 * modes, so under root the commands run as `nobody` (65534); otherwise as the current user.
 */
const unprivileged: { uid?: number; gid?: number } = runsAsRoot() ? NOBODY : {};
const repoReadable = !runsAsRoot() || projectReadableByNobody();
if (!repoReadable) process.stderr.write(`read-only case tests skipped: ${NOT_READABLE_BY_NOBODY}\n`);

describe.skipIf(!repoReadable)('a read-only case', () => {
  const tmp = tempDir('wb-read-only-');
  const caseDir = path.join(tmp.dir, 'case');
  const olderDir = path.join(tmp.dir, 'older');
  const evidence = path.join(tmp.dir, 'evidence');
  const userData = path.join(tmp.dir, 'user-data');
  let before: string;

  const run = (args: string[], asUser: boolean): { status: number | null; stdout: string; stderr: string } =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'electron/cli/main.ts'), ...args], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, WORKBENCH_DATA_DIR: userData },
      ...(asUser ? unprivileged : {}),
    });
  const fingerprint = (): string =>
    readdirSync(caseDir)
      .sort()
      .map(
        (f) =>
          `${f}:${createHash('sha256')
            .update(readFileSync(path.join(caseDir, f)))
            .digest('hex')}`,
      )
      .join(' ');

  beforeAll(() => {
    mkdirSync(evidence);
    writeFileSync(path.join(evidence, 'note.txt'), '原画修型请注意口型 INVINCIBLE episode 5\n');
    writeFileSync(path.join(evidence, 'sheet.txt'), 'model sheet revision 3\n');
    expect(run(['case', 'create', caseDir, '--name', 'Seized copy', '--examiner', 'J. Kim'], false).status).toBe(0);
    expect(run(['ingest', caseDir, evidence], false).status).toBe(0);
    expect(run(['case', 'create', olderDir, '--name', 'Older', '--examiner', 'J. Kim'], false).status).toBe(0);
    // Labelled as written by an older version: what matters here is that it is never migrated in place.
    const older = new DatabaseSync(path.join(olderDir, 'case.sqlite'));
    older.exec('PRAGMA user_version = 2');
    older.close();
    chmodSync(tmp.dir, 0o755);
    if (unprivileged.uid !== undefined && unprivileged.gid !== undefined) chownSync(userData, unprivileged.uid, unprivileged.gid);
    chmodSync(path.join(caseDir, 'case.sqlite'), 0o444);
    chmodSync(caseDir, 0o555);
    chmodSync(path.join(olderDir, 'case.sqlite'), 0o444);
    chmodSync(olderDir, 0o555);
    before = fingerprint();
  }, 60_000);
  afterAll(() => {
    chmodSync(caseDir, 0o755);
    chmodSync(olderDir, 0o755);
    tmp.cleanup();
  });

  it('opens read-only and says so, and lists and searches', () => {
    const info = run(['case', 'info', caseDir, '--json'], true);
    expect(info.stderr).toBe('');
    expect(JSON.parse(info.stdout)).toMatchObject({
      name: 'Seized copy',
      artifactCount: 2,
      readOnly: true,
      readOnlyReason: `the case folder ${caseDir} is not writable for this user`,
    });
    expect(run(['case', 'info', caseDir], true).stdout).toContain(
      `Access     read-only (the case folder ${caseDir} is not writable for this user)`,
    );
    const listed = JSON.parse(run(['list', caseDir, '--json'], true).stdout) as { path: string }[];
    expect(listed.map((a) => a.path)).toEqual(['note.txt', 'sheet.txt']);
    const hits = JSON.parse(run(['search', caseDir, '修型', '--json'], true).stdout) as { path: string }[];
    expect(hits.map((h) => h.path)).toEqual(['note.txt']);
    expect(fingerprint()).toBe(before);
  }, 60_000);

  it('refuses changes with one line naming the reason', () => {
    for (const args of [
      ['ingest', caseDir, evidence],
      ['extract', caseDir, '--all'],
      ['case', 'migrate', caseDir],
    ]) {
      const refused = run(args, true);
      expect(refused.status, args.join(' ')).toBe(1);
      expect(refused.stderr, args.join(' ')).toMatch(
        new RegExp(
          `^workbench: this case is open read-only: the case folder ${caseDir} is not writable for this user; [a-z -]+ needs a writable copy of the case folder\\n$`,
        ),
      );
    }
    expect(fingerprint()).toBe(before);
  }, 60_000);

  it('asks for a migration on a writable copy when an older case cannot be migrated in place', () => {
    const older = run(['case', 'info', olderDir], true);
    expect(older.status).toBe(1);
    expect(older.stderr).toMatch(
      new RegExp(
        `^workbench: ${olderDir}/case\\.sqlite uses case schema 2; this workbench uses \\d+, so it cannot be upgraded here because the case folder ${olderDir} is not writable for this user: copy the case folder somewhere writable and run \`workbench case migrate <copy>\`\\n$`,
      ),
    );
    expect(run(['case', 'migrate', olderDir], true).stderr).toMatch(
      /^workbench: this case is open read-only: .* upgrading the case needs a writable copy/,
    );
  }, 60_000);
});
