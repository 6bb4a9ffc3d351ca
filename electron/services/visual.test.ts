import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OcrProgress } from '../../shared/domain/visual';
import { encodeTestVideo, renderScene, renderTextImage, scannedPdf, TEST_VIDEO_FORMATS } from '../test-support/generate/visual';
import { ffmpegPath } from '../formats/visual/key-frames';
import { workspace, type Workspace } from '../test-support/ingest-kit';
import { getArtifact } from './artifacts';
import { closeAllCases } from './case-store';
import { listSources, waitForJob } from './ingest/ingest-service';
import { rerunExtraction } from './reextract';
import { listSuggestions } from './review';
import { searchCase } from './search';
import {
  addReference,
  cancelOcr,
  findSimilar,
  referenceImages,
  referenceThumbnail,
  removeReference,
  startOcr,
  stopVisualJobs,
  visualClusters,
  waitForOcr,
} from './visual';

let ws: Workspace;
beforeEach(() => {
  ws = workspace();
});
afterEach(() => {
  closeAllCases();
  ws.cleanup();
});
afterAll(() => stopVisualJobs());

const idOf = (caseDir: string, p: string): number => {
  const found = ws.artifacts(caseDir).find((a) => a.path === p);
  if (!found) throw new Error(`no artifact ${p}`);
  return found.id;
};

const ocrProgress = (): OcrProgress[] => {
  const seen: OcrProgress[] = [];
  ws.ctx.emit = ((emit) =>
    ((event, payload) => {
      if (event === 'visual.ocr.progress') seen.push(payload as OcrProgress);
      emit(event, payload);
    }) as typeof ws.ctx.emit)(ws.ctx.emit);
  return seen;
};

describe('OCR jobs', () => {
  it('reads printed Korean, indexes and analyses it, suggests the production, and keeps it through re-extraction', async () => {
    const evidence = path.join(ws.root, 'evidence');
    mkdirSync(evidence);
    // A single printed line at 300 dpi; the file name says nothing of the production.
    writeFileSync(path.join(evidence, 'scan-0412.png'), renderTextImage(['인빈서블 배경 색상 조정'], { lang: 'ko' }));
    const caseDir = ws.newCase();
    expect((await ws.ingest(caseDir, evidence)).status).toBe('done');
    const id = idOf(caseDir, 'scan-0412.png');
    expect(listSuggestions({ dir: caseDir, artifactId: id, offset: 0, limit: 10 }).total).toBe(0);

    const progress = ocrProgress();
    const job = await waitForOcr(caseDir, startOcr({ dir: caseDir, ids: [id] }, ws.ctx).id);
    expect(job).toMatchObject({ status: 'done', total: 1, done: 1, failed: 0, skipped: 0 });
    expect(progress.at(-1)).toMatchObject({ done: 1, etaSeconds: 0 });

    const check = (): void => {
      const detail = getArtifact(caseDir, id);
      const [page] = detail.ocr;
      expect(page).toMatchObject({ page: 0, status: 'done', languages: expect.arrayContaining(['kor', 'eng']) });
      expect(page?.text).toContain('인빈서블');
      for (const word of page?.lines.flatMap((l) => l.words) ?? []) {
        expect(word.box.x + word.box.width).toBeLessThanOrEqual(page?.width ?? 0);
        expect(word.box.y + word.box.height).toBeLessThanOrEqual(page?.height ?? 0);
      }
      expect(detail.analysis?.fields.find((f) => f.field === 'ocr')?.language.label).toBe('ko');
      const [suggestion] = listSuggestions({ dir: caseDir, artifactId: id, offset: 0, limit: 10 }).items;
      expect(suggestion).toMatchObject({ productionId: 'invincible', status: 'open' });
      expect(suggestion?.hits.some((h) => h.field === 'ocr' && h.text === '인빈서블')).toBe(true);
      expect(searchCase({ dir: caseDir, query: '인빈서블', limit: 10 }).map((h) => h.path)).toEqual(['scan-0412.png']);
    };
    check();

    const [source] = listSources(caseDir);
    const rerun = await rerunExtraction({ dir: caseDir, sourceId: source?.id ?? 0, all: true }, ws.ctx);
    expect(rerun.invalidated).toBeGreaterThan(0);
    expect((await waitForJob(caseDir, rerun.job.id)).status).toBe('done');
    check();
  });

  it('reads every page of a PDF without a text layer, and leaves PDFs with one alone', async () => {
    const evidence = path.join(ws.root, 'evidence');
    mkdirSync(evidence);
    const pages = [renderTextImage(['Episode 12 background colour notes']), renderTextImage(['인빈서블 배경 색상 조정'], { lang: 'ko' })];
    writeFileSync(path.join(evidence, 'editing-sheet-scan.pdf'), await scannedPdf(pages));
    const caseDir = ws.newCase();
    await ws.ingest(caseDir, evidence);
    const id = idOf(caseDir, 'editing-sheet-scan.pdf');
    const job = await waitForOcr(caseDir, startOcr({ dir: caseDir, all: true }, ws.ctx).id);
    expect(job).toMatchObject({ status: 'done', total: 1, done: 1 });
    const ocr = getArtifact(caseDir, id).ocr;
    expect(ocr.map((p) => [p.page, p.status])).toEqual([
      [1, 'done'],
      [2, 'done'],
    ]);
    expect(ocr[0]?.text).toContain('background');
    expect(ocr[1]?.text).toContain('인빈서블');
    expect(listSuggestions({ dir: caseDir, artifactId: id, offset: 0, limit: 10 }).items[0]?.productionId).toBe('invincible');
  });

  it('runs a batch of 50 pictures with progress and an ETA, cancels it keeping what was read, and resumes without reading it again', async () => {
    const evidence = path.join(ws.root, 'evidence');
    mkdirSync(evidence);
    const lines = ['원화 수정 의견', '제12화 콘티 수정', 'Please redraw the turnaround', '角色转身动作太快'];
    const count = 50;
    for (let i = 0; i < count; i++)
      writeFileSync(path.join(evidence, `note-${i}.png`), renderTextImage([`${lines[i % lines.length]} ${i}`], { lang: 'ko', fontPx: 40 }));
    const caseDir = ws.newCase();
    await ws.ingest(caseDir, evidence);

    const progress = ocrProgress();
    const first = startOcr({ dir: caseDir, all: true }, ws.ctx);
    expect(first.total).toBe(count);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (progress.some((p) => p.done >= 5)) {
          clearInterval(timer);
          resolve();
        }
      }, 10);
    });
    // Progress came with an estimate of the time left once something was read.
    expect(progress.some((p) => p.done > 0 && p.etaSeconds !== null && p.etaSeconds > 0)).toBe(true);
    const cancelled = await cancelOcr(caseDir, first.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.done).toBeGreaterThanOrEqual(5);
    expect(cancelled.done).toBeLessThan(count);

    const readBefore = ws.artifacts(caseDir).filter((a) => getArtifact(caseDir, a.id).ocr[0]?.status === 'done').length;
    expect(readBefore).toBeGreaterThanOrEqual(cancelled.done);
    expect(readBefore).toBeLessThan(count);

    const resumed = await waitForOcr(caseDir, startOcr({ dir: caseDir, all: true }, ws.ctx).id);
    expect(resumed).toMatchObject({ status: 'done', total: count, skipped: readBefore, done: count - readBefore, failed: 0 });
    expect(ws.artifacts(caseDir).every((a) => getArtifact(caseDir, a.id).ocr[0]?.status === 'done')).toBe(true);
  }, 180_000);

  it('refuses a selection with no picture in it, and a second job in the same case', async () => {
    const evidence = path.join(ws.root, 'evidence');
    mkdirSync(evidence);
    writeFileSync(path.join(evidence, 'note.txt'), 'plain text');
    writeFileSync(path.join(evidence, 'a.png'), renderScene(1, 200, 150));
    const caseDir = ws.newCase();
    await ws.ingest(caseDir, evidence);
    expect(() => startOcr({ dir: caseDir, ids: [idOf(caseDir, 'note.txt')] }, ws.ctx)).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(() => startOcr({ dir: caseDir, ids: [999] }, ws.ctx)).toThrow(expect.objectContaining({ code: 'not_found' }));
    const job = startOcr({ dir: caseDir, all: true }, ws.ctx);
    expect(() => startOcr({ dir: caseDir, all: true }, ws.ctx)).toThrow(expect.objectContaining({ code: 'conflict' }));
    await cancelOcr(caseDir, job.id);
  });
});

describe('near-duplicates, similar pictures and reference images', () => {
  it('hashes a video by its key frames, and groups a re-encoded copy with it once', async () => {
    const evidence = path.join(ws.root, 'evidence');
    mkdirSync(evidence);
    const [mp4, avi] = TEST_VIDEO_FORMATS;
    if (!mp4 || !avi) throw new Error('no test video formats');
    encodeTestVideo(ffmpegPath(), path.join(evidence, 'cut-12.mp4'), mp4);
    encodeTestVideo(ffmpegPath(), path.join(evidence, 'cut-12-copy.avi'), avi);
    writeFileSync(path.join(evidence, 'unrelated.png'), renderScene(3, 320, 240));
    const caseDir = ws.newCase();
    await ws.ingest(caseDir, evidence);
    const [video, copy] = [idOf(caseDir, 'cut-12.mp4'), idOf(caseDir, 'cut-12-copy.avi')];

    const clusters = await visualClusters({ dir: caseDir }, ws.ctx);
    expect(clusters.map((c) => c.members.map((m) => m.artifactId))).toEqual([[video, copy].sort((x, y) => x - y)]);
    const similar = await findSimilar({ dir: caseDir, artifactId: video }, ws.ctx);
    expect(similar.map((s) => s.artifactId)).toEqual([copy]);
    expect(similar[0]?.pixels).toBe('video-frame');
  });

  it('clusters a re-saved, halved, JPEG-recompressed, slightly cropped copy with its original and no unrelated picture', async () => {
    const evidence = path.join(ws.root, 'evidence');
    mkdirSync(path.join(evidence, 'unrelated'), { recursive: true });
    const original = renderScene(7);
    writeFileSync(path.join(evidence, 'model-sheet.png'), original);
    const copy = await sharp(original)
      .resize(400, 300)
      .extract({ left: 10, top: 8, width: 380, height: 284 })
      .jpeg({ quality: 60 })
      .toBuffer();
    writeFileSync(path.join(evidence, 'copy-small.jpg'), copy);
    for (let seed = 100; seed < 200; seed++)
      writeFileSync(path.join(evidence, 'unrelated', `scene-${seed}.png`), renderScene(seed, 320, 240));
    const caseDir = ws.newCase();
    await ws.ingest(caseDir, evidence);
    const originalId = idOf(caseDir, 'model-sheet.png');
    const copyId = idOf(caseDir, 'copy-small.jpg');

    const clusters = await visualClusters({ dir: caseDir }, ws.ctx);
    const withOriginal = clusters.find((c) => c.members.some((m) => m.artifactId === originalId));
    expect(withOriginal?.members.map((m) => m.artifactId)).toEqual([originalId, copyId].sort((x, y) => x - y));
    const [link, ...more] = withOriginal?.links ?? [];
    expect(more).toEqual([]);
    expect([link?.a, link?.b].sort()).toEqual([originalId, copyId].sort());

    const similar = await findSimilar({ dir: caseDir, artifactId: originalId, limit: 5 }, ws.ctx);
    expect(similar[0]).toMatchObject({ artifactId: copyId, path: 'copy-small.jpg' });
    expect(similar.map((s) => s.score)).toEqual([...similar.map((s) => s.score)].sort((a, b) => b - a));
    await expect(findSimilar({ dir: caseDir, artifactId: 9999 }, ws.ctx)).rejects.toMatchObject({ code: 'not_found' });

    // The original as a reference image of a production: its copy becomes a look-alike suggestion, with both ids.
    const reference = await addReference(
      { dir: caseDir, productionId: 'invincible', artifactId: originalId, label: 'Mark model sheet' },
      ws.ctx,
    );
    expect(reference).toMatchObject({ artifactId: originalId, matches: 1 });
    const [suggestion] = listSuggestions({ dir: caseDir, artifactId: copyId, offset: 0, limit: 10 }).items;
    expect(suggestion?.productionId).toBe('invincible');
    expect(suggestion?.hits[0]).toMatchObject({
      field: 'image',
      lookAlike: { referenceId: reference.id, referenceArtifactId: originalId },
    });
    expect(suggestion?.score).toBeGreaterThan(0.8);

    // The same picture from outside the case: hashed and thumbnailed, matched to the copy too.
    const outside = path.join(ws.root, 'reference.png');
    writeFileSync(outside, original);
    const external = await addReference({ dir: caseDir, productionId: 'invincible', path: outside }, ws.ctx);
    expect(external).toMatchObject({
      artifactId: null,
      label: 'reference.png',
      matches: 2,
      thumbnail: expect.stringMatching(/^data:image\/png;base64,/),
    });
    expect(referenceImages({ dir: caseDir }).map((r) => r.id)).toEqual([reference.id, external.id]);

    removeReference({ dir: caseDir, id: reference.id }, ws.ctx);
    removeReference({ dir: caseDir, id: external.id }, ws.ctx);
    expect(listSuggestions({ dir: caseDir, artifactId: copyId, offset: 0, limit: 10 }).total).toBe(0);

    // Both references' pictures stay reachable after removal (decided suggestions show them), as PNGs of 160 px at most.
    for (const id of [reference.id, external.id]) {
      const thumb = await referenceThumbnail({ dir: caseDir, id });
      expect(thumb).toMatchObject({ referenceId: id, reason: null, dataUrl: expect.stringMatching(/^data:image\/png;base64,/) });
      const meta = await sharp(Buffer.from((thumb.dataUrl ?? '').split(',')[1] ?? '', 'base64')).metadata();
      expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(160);
    }
    await expect(referenceThumbnail({ dir: caseDir, id: 9999 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(addReference({ dir: caseDir, productionId: 'nope', artifactId: originalId }, ws.ctx)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
