import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { closeAllCases } from '../services/case-store';
import { tempDir, testBackend } from '../test-support/temp';
import { dispatch } from './dispatch';

describe('dispatch over an in-memory transport', () => {
  let tmp: ReturnType<typeof tempDir>;
  let client: ReturnType<typeof testBackend>['client'];

  beforeEach(() => {
    tmp = tempDir();
    client = testBackend(path.join(tmp.dir, 'data')).client;
  });
  afterEach(() => {
    closeAllCases();
    tmp.cleanup();
  });

  it('rejects unknown channels, including prototype keys', async () => {
    const { ctx } = testBackend(tmp.dir);
    expect(await dispatch('cases.nope', {}, ctx)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'unknown method cases.nope' },
    });
    expect((await dispatch('constructor', {}, ctx)).ok).toBe(false);
    expect((await dispatch('__proto__', {}, ctx)).ok).toBe(false);
  });

  it('validates input at the boundary with a readable one-line message', async () => {
    const { ctx } = testBackend(tmp.dir);
    const result = await dispatch('cases.create', { dir: path.join(tmp.dir, 'c'), name: '', examiner: 'E' }, ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toContain('name');
      expect(result.error.message).not.toContain('\n');
    }
  });

  it('rejects control characters other than tab and newline in search and filter text, in one line', async () => {
    const dir = path.join(tmp.dir, 'c');
    await client.call('cases.create', { dir, name: 'A', examiner: 'B' });
    for (const bad of ['\u0000', 'abc\u0000def', 'a\u001fb', '\u007f', 'x\ry']) {
      for (const call of [
        () => client.call('search.query', { dir, query: bad }),
        () => client.call('artifacts.list', { dir, filter: bad }),
      ]) {
        const error = await call().then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, JSON.stringify(bad)).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/control character/) });
        expect((error as AppError).message).not.toContain('\n');
      }
    }
    expect(await client.call('search.query', { dir, query: 'a\tb\nc' })).toEqual([]);
    expect((await client.call('artifacts.list', { dir, filter: 'a\tb' })).total).toBe(0);
  });

  it('creates a case in a real SQLite file, reads it back and lists it as recent', async () => {
    const dir = path.join(tmp.dir, 'case 원화 修型');
    const created = await client.call('cases.create', { dir, name: '인빈서블 Invincible', examiner: '김철수' });
    expect(created).toMatchObject({
      name: '인빈서블 Invincible',
      examiner: '김철수',
      dir,
      sourceCount: 0,
      artifactCount: 0,
    });
    expect(created.schemaVersion).toBeGreaterThan(0);
    closeAllCases();
    const info = await client.call('cases.info', { dir });
    expect(info.id).toBe(created.id);
    const recent = await client.call('cases.recent');
    expect(recent.map((r) => r.dir)).toEqual([dir]);
    expect(recent[0]?.exists).toBe(true);
  });

  it('forgets a recent case named through a symbolic link to its folder', async () => {
    const dir = path.join(tmp.dir, 'real');
    await client.call('cases.create', { dir, name: 'A', examiner: 'B' });
    symlinkSync(dir, path.join(tmp.dir, 'link'));
    expect(await client.call('cases.forget', { dir: path.join(tmp.dir, 'link') })).toEqual([]);
  });

  it('maps service errors to their codes', async () => {
    const dir = path.join(tmp.dir, 'c');
    await client.call('cases.create', { dir, name: 'A', examiner: 'B' });
    await expect(client.call('cases.create', { dir, name: 'A', examiner: 'B' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(client.call('cases.info', { dir: path.join(tmp.dir, 'missing') })).rejects.toBeInstanceOf(AppError);
    await expect(client.call('cases.info', { dir: path.join(tmp.dir, 'missing') })).rejects.toMatchObject({ code: 'not_found' });
    await expect(client.call('dialogs.pickFolder', {})).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
