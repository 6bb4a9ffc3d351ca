import { beforeEach, describe, expect, it } from 'vitest';
import type { IngestJob } from '../../../shared/domain/ingest';
import { AppError } from '../../../shared/errors';
import { connectApi } from '../../api';
import { memoryTransport } from '../../test-support/memory-transport';
import { useAppStore } from '../index';
import { selectCurrentJob, selectIsIngesting } from '../selectors';

const DIR = '/cases/c1';
const job: IngestJob = {
  id: 12,
  caseDir: DIR,
  sourceId: 1,
  sourcePath: '/evidence/export',
  status: 'running',
  startedAt: '2024-03-20T00:00:00Z',
  finishedAt: null,
  filesTotal: 0,
  filesDone: 0,
  bytesTotal: 0,
  bytesDone: 0,
  errorCount: 0,
  message: null,
};

let fake: ReturnType<typeof memoryTransport>;

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  fake = memoryTransport({
    'extract.rerun': ({ all }: { all: boolean }) => ({ invalidated: all ? 9 : 2, job }),
    'sources.list': () => [],
  });
  connectApi(fake.transport);
  useAppStore.setState({ activeCaseDir: DIR });
});

describe('re-extraction', () => {
  it('starts a job that the progress panel follows like an ingest', async () => {
    expect(await useAppStore.getState().rerunExtraction(1, true)).toBe(true);
    expect(fake.calls.find((c) => c.channel === 'extract.rerun')?.input).toEqual({ dir: DIR, sourceId: 1, all: true });
    expect(selectCurrentJob(useAppStore.getState())).toMatchObject({ job: { id: 12 }, isActive: true });
    expect(selectIsIngesting(useAppStore.getState())).toBe(true);
    expect(useAppStore.getState().toasts.at(-1)?.message).toContain('9 extractions dropped');
    useAppStore.getState().applyIngestFinished({ ...job, status: 'done', finishedAt: '2024-03-20T00:01:00Z' });
    expect(selectIsIngesting(useAppStore.getState())).toBe(false);
  });

  it('reports a refusal (another job running) without starting anything', async () => {
    connectApi(
      memoryTransport({ 'extract.rerun': () => Promise.reject(new AppError('conflict', 'an ingest job is running in this case (job 3)')) })
        .transport,
    );
    expect(await useAppStore.getState().rerunExtraction(1, false)).toBe(false);
    expect(useAppStore.getState().rerunRequest).toMatchObject({ status: 'error', error: { code: 'conflict' } });
    expect(useAppStore.getState().currentJobId).toBeNull();
    expect(useAppStore.getState().toasts.at(-1)?.message).toContain('Could not re-run extraction');
  });
});
