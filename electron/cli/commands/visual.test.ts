import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { renderScene, renderTextImage } from '../../test-support/generate/visual';
import { cli } from '../../test-support/cli';
import { tempDir } from '../../test-support/temp';

const tmp = tempDir('wb-cli-visual-');
const dataDir = process.env.WORKBENCH_DATA_DIR;
afterAll(() => {
  if (dataDir === undefined) delete process.env.WORKBENCH_DATA_DIR;
  else process.env.WORKBENCH_DATA_DIR = dataDir;
  tmp.cleanup();
});

describe('workbench ocr / similar / clusters', () => {
  it('reads images with progress on stderr, shows the text in artifact --json, and lists similar pictures and clusters', async () => {
    process.env.WORKBENCH_DATA_DIR = path.join(tmp.dir, 'data');
    const ev = path.join(tmp.dir, 'evidence');
    mkdirSync(ev);
    writeFileSync(path.join(ev, 'label.png'), renderTextImage(['인빈서블 배경 색상 조정'], { lang: 'ko' }));
    const scene = renderScene(11, 400, 300);
    writeFileSync(path.join(ev, 'scene.png'), scene);
    writeFileSync(path.join(ev, 'scene-copy.jpg'), await sharp(scene).resize(200, 150).jpeg({ quality: 70 }).toBuffer());
    writeFileSync(path.join(ev, 'other.png'), renderScene(12, 400, 300));
    writeFileSync(path.join(ev, 'note.txt'), 'not a picture');
    const caseDir = path.join(tmp.dir, 'case');
    expect((await cli('case', 'create', caseDir, '--name', 'C', '--examiner', 'E')).code).toBe(0);
    expect((await cli('ingest', caseDir, ev, '--json')).code).toBe(0);
    const listed = JSON.parse((await cli('list', caseDir, '--json')).out) as { id: number; path: string }[];
    const id = (p: string): string => String(listed.find((a) => a.path === p)?.id);

    const run = await cli('ocr', caseDir, id('label.png'), '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ type: 'summary', status: 'done', total: 1, done: 1 });
    const progress = run.err
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; done: number });
    expect(progress.at(-1)).toMatchObject({ type: 'progress', done: 1, etaSeconds: 0 });
    // Run again: what was read is skipped.
    expect(JSON.parse((await cli('ocr', caseDir, id('label.png'), '--json')).out)).toMatchObject({ done: 0, skipped: 1 });

    const detail = JSON.parse((await cli('artifact', caseDir, id('label.png'), '--json')).out) as {
      ocrText: string;
      ocr: { lines: { words: unknown[] }[] }[];
      suggestions: { productionId: string }[];
    };
    expect(detail.ocrText).toContain('인빈서블');
    expect(detail.ocr[0]?.lines[0]?.words.length).toBeGreaterThan(0);
    expect(detail.suggestions.map((s) => s.productionId)).toContain('invincible');

    const similar = JSON.parse((await cli('similar', caseDir, id('scene.png'), '--json')).out) as { path: string; score: number }[];
    expect(similar[0]?.path).toBe('scene-copy.jpg');
    expect(similar.map((s) => s.score)).toEqual(similar.map((s) => s.score).sort((a, b) => b - a));
    const clusters = JSON.parse((await cli('clusters', caseDir, '--json')).out) as { members: { path: string }[] }[];
    expect(clusters.map((c) => c.members.map((m) => m.path).sort())).toEqual([['scene-copy.jpg', 'scene.png']]);
    expect((await cli('clusters', caseDir)).out).toContain('cluster 1 (2 pictures)');
  });

  it('answers bad input with one line on stderr and a non-zero exit', async () => {
    process.env.WORKBENCH_DATA_DIR = path.join(tmp.dir, 'data');
    const caseDir = path.join(tmp.dir, 'case-2');
    expect((await cli('case', 'create', caseDir, '--name', 'C', '--examiner', 'E')).code).toBe(0);
    const cases = [
      await cli('ocr', caseDir),
      await cli('ocr', caseDir, '3', '--all'),
      await cli('ocr', caseDir, 'abc'),
      await cli('ocr', caseDir, '42'),
      await cli('similar', caseDir),
      await cli('similar', caseDir, '42', '--json'),
      await cli('ocr', path.join(tmp.dir, 'nowhere'), '--all'),
    ];
    for (const r of cases) {
      expect(r.code).not.toBe(0);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    expect(cases[0]?.err).toMatch(/give artifact ids or --all/);
    expect(cases[3]?.err).toMatch(/no artifact 42/);
  });
});
