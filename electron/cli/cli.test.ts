import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from '@photostructure/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../test-support/cli';
import { tempDir } from '../test-support/temp';
import { repoRoot } from '../test-support/paths';

const run = (argv: string[]): ReturnType<typeof cli> => cli(...argv);

describe('workbench CLI', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
    process.env.WORKBENCH_DATA_DIR = path.join(tmp.dir, 'data');
  });
  afterEach(() => {
    delete process.env.WORKBENCH_DATA_DIR;
    tmp.cleanup();
  });

  it('creates a case and prints it as JSON', async () => {
    const dir = path.join(tmp.dir, 'c1');
    const created = await run(['case', 'create', dir, '--name', 'X', '--examiner', 'Y']);
    expect(created).toMatchObject({ code: 0, err: '' });
    const info = await run(['case', 'info', dir, '--json']);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.out)).toMatchObject({ name: 'X', examiner: 'Y', dir, artifactCount: 0 });
  });

  it('gives a one-line error and exit code 2 for a missing argument', async () => {
    const result = await run(['case', 'create', path.join(tmp.dir, 'c2'), '--name', 'X']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^workbench: missing --examiner; usage: workbench case create .*\n$/);
    expect(result.err).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('gives a one-line error and a non-zero exit code for a bad path', async () => {
    const result = await run(['case', 'info', path.join(tmp.dir, 'nowhere'), '--json']);
    expect(result.code).toBe(1);
    expect(result.err).toBe(`workbench: case folder does not exist: ${path.join(tmp.dir, 'nowhere')}\n`);
    const file = path.join(repoRoot, 'package.json');
    const onFile = await run(['case', 'create', file, '--name', 'X', '--examiner', 'Y']);
    expect(onFile.code).not.toBe(0);
    expect(onFile.err.trim().split('\n')).toHaveLength(1);
  });

  it('says in one line, without a stack, why a damaged or newer case cannot be opened', async () => {
    const empty = path.join(tmp.dir, 'empty');
    mkdirSync(empty);
    writeFileSync(path.join(empty, 'case.sqlite'), '');
    expect(await run(['case', 'info', empty])).toEqual({
      code: 1,
      out: '',
      err: `workbench: ${empty}/case.sqlite is empty (0 bytes): it is not a usable case database; restore the case folder from a backup (the workbench never rebuilds it)\n`,
    });
    const newer = path.join(tmp.dir, 'newer');
    expect((await run(['case', 'create', newer, '--name', 'N', '--examiner', 'E'])).code).toBe(0);
    const db = new DatabaseSync(path.join(newer, 'case.sqlite'));
    db.exec('PRAGMA user_version = 99');
    db.close();
    const refused = await run(['list', newer, '--json']);
    expect(refused).toMatchObject({ code: 1, out: '' });
    expect(refused.err).toMatch(
      /^workbench: \S+case\.sqlite uses case schema 99, newer than this workbench's \d+: open it with a newer version of the workbench\n$/,
    );
    expect((await run(['case', 'migrate', newer])).err).toBe(refused.err);
  });

  it('rejects unknown commands with usage exit code 2', async () => {
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['--help'])).out).toContain('case create');
  });

  it('runs as a real process without printing a stack trace', () => {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'electron/cli/main.ts'), 'case', 'info', path.join(tmp.dir, 'none')],
      {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, WORKBENCH_DATA_DIR: path.join(tmp.dir, 'data') },
      },
    );
    expect(child.status).toBe(1);
    expect(child.stderr.trim().split('\n')).toEqual([`workbench: case folder does not exist: ${path.join(tmp.dir, 'none')}`]);
  });
});
