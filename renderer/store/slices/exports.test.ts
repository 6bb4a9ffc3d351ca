import { beforeEach, describe, expect, it } from 'vitest';
import type { ExportJob } from '../../../shared/domain/bundle';
import { AppError } from '../../../shared/errors';
import { connectApi } from '../../api';
import { memoryTransport } from '../../test-support/memory-transport';
import { useAppStore } from '../index';

const DIR = '/cases/c1';
const job: ExportJob = {
  id: 'e1',
  caseDir: DIR,
  target: '/out/b.zip',
  status: 'running',
  startedAt: '2024-03-20T00:00:00Z',
  finishedAt: null,
  artifacts: 3,
  originals: true,
  filesDone: 0,
  filesTotal: 3,
  bytesDone: 0,
  bytesTotal: 10,
  bundleBytes: null,
  fingerprint: null,
  message: null,
};

let fake: ReturnType<typeof memoryTransport>;

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  fake = memoryTransport({
    'exports.start': () => job,
    'exports.cancel': () => ({
      ...job,
      status: 'cancelled',
      finishedAt: '2024-03-20T00:00:01Z',
      message: 'cancelled; no bundle was written',
    }),
    'bundles.verify': ({ bundle }) => ({
      ok: false,
      bundle,
      fingerprint: null,
      caseName: 'c',
      exportedAt: null,
      exportedBy: null,
      artifacts: 3,
      files: 9,
      checks: [{ kind: 'file', subject: 'report.html', ok: false, message: 'changed' }],
    }),
  });
  connectApi(fake.transport);
  useAppStore.setState({
    activeCaseDir: DIR,
    query: { sort: 'path', order: 'asc', filter: '원화', sourceId: 2, pathPrefix: null, filters: {} },
  });
});

describe('exports slice', () => {
  it('starts an export of the current filter, follows its end, and keeps a finish that raced the start', async () => {
    const selection = { kind: 'filter' as const, filters: useAppStore.getState().currentFilters() };
    expect(selection.filters).toEqual({ filter: '원화', sourceId: 2 });
    useAppStore.getState().applyExportFinished({ ...job, status: 'done', fingerprint: 'a'.repeat(64), bundleBytes: 99 });
    expect(await useAppStore.getState().startExport({ selection, target: '/out/b.zip', originals: true, force: false })).toBe(true);
    expect(fake.calls.find((c) => c.channel === 'exports.start')?.input).toEqual({
      dir: DIR,
      selection,
      target: '/out/b.zip',
      originals: true,
      force: false,
    });
    expect(useAppStore.getState().exportJob).toMatchObject({ status: 'done', fingerprint: 'a'.repeat(64) });
  });

  it('cancels the running export and ignores events of other cases', async () => {
    await useAppStore.getState().startExport({ selection: { kind: 'case' }, target: '/out/b.zip', originals: false, force: false });
    useAppStore.getState().applyExportFinished({ ...job, caseDir: '/cases/other', status: 'failed', message: 'x' });
    expect(useAppStore.getState().exportJob?.status).toBe('running');
    await useAppStore.getState().cancelExport();
    expect(useAppStore.getState().exportJob?.status).toBe('cancelled');
  });

  it('keeps a verification and the one-line refusal of a file that is not a bundle', async () => {
    await useAppStore.getState().verifyBundle('/out/b.zip');
    expect(useAppStore.getState().bundleVerification?.checks[0]).toMatchObject({ subject: 'report.html', ok: false });
    connectApi(
      memoryTransport({
        'bundles.verify': () => {
          throw new AppError('invalid_input', 'not an Evidence Workbench bundle: /x.zip has no manifest.json');
        },
      }).transport,
    );
    await useAppStore.getState().verifyBundle('/x.zip');
    expect(useAppStore.getState().bundleVerifyRequest).toMatchObject({ status: 'error', error: { code: 'invalid_input' } });
  });
});
