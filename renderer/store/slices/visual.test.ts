import { beforeEach, describe, expect, it } from 'vitest';
import type { OcrJob } from '../../../shared/domain/visual';
import { connectApi } from '../../api';
import { memoryTransport } from '../../test-support/memory-transport';
import { useAppStore } from '../index';

const job = (over: Partial<OcrJob> = {}): OcrJob => ({
  id: 7,
  caseDir: '/cases/c',
  status: 'running',
  total: 2,
  done: 0,
  failed: 0,
  skipped: 0,
  startedAt: '2026-12-06T10:00:00.000Z',
  finishedAt: null,
  message: null,
  ...over,
});

let fake: ReturnType<typeof memoryTransport>;

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  fake = memoryTransport({
    'visual.ocr.start': () => job(),
    'visual.similar': ({ artifactId }) => [
      { artifactId: artifactId + 1, path: 'copy.jpg', distance: 2, dDistance: 3, score: 0.969, pixels: 'image' },
    ],
  });
  connectApi(fake.transport);
  useAppStore.setState({ activeCaseDir: '/cases/c', examiner: 'E' });
});

describe('visual slice', () => {
  it('starts OCR of a selection and follows the job through its events, ignoring other cases', async () => {
    await useAppStore.getState().startOcr([3, 4]);
    expect(fake.calls.find((c) => c.channel === 'visual.ocr.start')?.input).toEqual({ dir: '/cases/c', ids: [3, 4] });
    expect(useAppStore.getState().ocrJob).toMatchObject({ id: 7, status: 'running' });

    const progress = { ...job({ done: 1 }), currentPath: 'a.png', elapsedSeconds: 2, etaSeconds: 2 };
    useAppStore.getState().applyOcrProgress({ ...progress, caseDir: '/cases/other', done: 2 });
    useAppStore.getState().applyOcrProgress(progress);
    expect(useAppStore.getState().ocrJob).toMatchObject({ done: 1, etaSeconds: 2 });

    useAppStore.getState().applyOcrFinished(job({ status: 'done', done: 2, finishedAt: '2026-12-06T10:00:05.000Z' }));
    // A late progress event does not bring a finished job back to running.
    useAppStore.getState().applyOcrProgress(progress);
    expect(useAppStore.getState().ocrJob).toMatchObject({ status: 'done', done: 2 });
  });

  it('keeps the similar pictures of the artifact asked for', async () => {
    await useAppStore.getState().loadSimilar(5);
    expect(useAppStore.getState().similar).toEqual({ artifactId: 5, items: [expect.objectContaining({ artifactId: 6, score: 0.969 })] });
    expect(useAppStore.getState().similarRequest.status).toBe('idle');
  });

  it('asks for a reference picture once per case, again after an error', async () => {
    let fails = true;
    fake = memoryTransport({
      'production.references.thumbnail': ({ id }) => {
        if (fails) throw new Error('worker gone');
        return { referenceId: id, dataUrl: 'data:image/png;base64,AAAA', reason: null };
      },
    });
    connectApi(fake.transport);
    const { loadReferenceThumbnail } = useAppStore.getState();
    const asked = () => fake.calls.filter((c) => c.channel === 'production.references.thumbnail').length;

    await loadReferenceThumbnail(11);
    expect(useAppStore.getState().referenceThumbnails['/cases/c#11']?.request.status).toBe('error');
    fails = false;
    await Promise.all([loadReferenceThumbnail(11), loadReferenceThumbnail(11)]);
    await loadReferenceThumbnail(11);
    expect(asked()).toBe(2);
    expect(useAppStore.getState().referenceThumbnails['/cases/c#11']?.thumbnail?.dataUrl).toBe('data:image/png;base64,AAAA');

    // The same id in another case is another reference.
    useAppStore.setState({ activeCaseDir: '/cases/d' });
    await loadReferenceThumbnail(11);
    expect(asked()).toBe(3);
  });
});
