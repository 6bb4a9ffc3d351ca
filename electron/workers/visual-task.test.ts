import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeTestVideo, renderScene, renderTextImage, SAMPLE_LINES, TEST_VIDEO_FORMATS } from '../test-support/generate/visual';
import { tempDir } from '../test-support/temp';
import { ffmpegPath } from '../formats/visual/key-frames';
import { TaskError, workerEntry, WorkerPool } from './pool';
import type { VisualResult, VisualTask } from './visual-task';

const temp = tempDir('wb-visual-worker-');
const pools: WorkerPool<VisualTask, never, VisualResult>[] = [];
const pool = (): WorkerPool<VisualTask, never, VisualResult> => {
  const p = new WorkerPool<VisualTask, never, VisualResult>({
    file: workerEntry('visual.worker'),
    size: 1,
    perWorker: 1,
    resourceLimits: { maxOldGenerationSizeMb: 512 },
  });
  pools.push(p);
  return p;
};

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  temp.cleanup();
});

describe('visual.worker through WorkerPool', () => {
  it('runs OCR, image and PDF hashes and key frames in a worker thread', async () => {
    const p = pool();
    const ocr = await p.run(
      {
        type: 'ocr',
        bytes: renderTextImage(SAMPLE_LINES.korean, { lang: 'ko' }),
        dataDir: path.join(temp.dir, 'tessdata'),
        timeoutMs: 60_000,
      },
      { timeoutMs: 60_000 },
    );
    expect(ocr.type === 'ocr' && ocr.result.text).toContain('인빈서블');

    const hashes = await p.run({ type: 'hash-image', bytes: renderScene(3) }, { timeoutMs: 10_000 });
    expect(hashes).toMatchObject({ type: 'hashes', pixels: 'image', hashes: { width: 800, height: 600, flat: false } });

    const notPdf = await p.run({ type: 'hash-pdf', bytes: new TextEncoder().encode('%PDF-1.4 truncated') }, { timeoutMs: 10_000 });
    expect(notPdf).toMatchObject({ type: 'no-hashes', reason: expect.stringMatching(/could not be opened/) });

    const format = TEST_VIDEO_FORMATS[0];
    if (!format) throw new Error('no test video format');
    const file = path.join(temp.dir, format.file);
    encodeTestVideo(ffmpegPath(), file, format);
    const frames = await p.run({ type: 'key-frames', path: file, options: {} }, { timeoutMs: 30_000 });
    expect(frames.type === 'key-frames' && frames.frames.map((f) => f.hashes.flat)).toEqual([false, false, false, false]);
    expect(
      frames.type === 'key-frames' &&
        Buffer.from(frames.frames[0]?.png ?? [])
          .subarray(1, 4)
          .toString(),
    ).toBe('PNG');
  });

  it('stops a worker whose OCR outlives the pool time limit, and the next task gets a fresh one', async () => {
    const p = pool();
    const dataDir = path.join(temp.dir, 'tessdata');
    const page = renderTextImage([...SAMPLE_LINES.simplified, ...SAMPLE_LINES.korean], { lang: 'zh-CN' });
    const stuck = p.run({ type: 'ocr', bytes: page, dataDir, timeoutMs: 60_000 }, { timeoutMs: 50 });
    await expect(stuck).rejects.toSatisfy((e) => e instanceof TaskError && e.reason === 'timeout');
    const next = await p.run({ type: 'hash-image', bytes: renderScene(4) }, { timeoutMs: 10_000 });
    expect(next.type).toBe('hashes');
  });
});
