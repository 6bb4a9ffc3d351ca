import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OcrResult } from '../../../shared/domain/visual';
import { encodePsd } from '../../test-support/generate/psd';
import { renderTextImage, SAMPLE_LANG, SAMPLE_LINES } from '../../test-support/generate/visual';
import { characterAccuracy } from '../../test-support/ocr-accuracy';
import { tempDir } from '../../test-support/temp';
import { differingSymbols, OcrEngine, OcrTimeoutError } from './ocr';
import { prepareForOcr } from './ocr-image';
import { locateText } from './ocr-locate';

const temp = tempDir('wb-ocr-');
let engine: OcrEngine;

beforeAll(async () => {
  engine = await OcrEngine.create({ dataDir: temp.dir });
});

afterAll(async () => {
  await engine.terminate();
  temp.cleanup();
});

describe('OcrEngine', () => {
  const scripts = Object.keys(SAMPLE_LINES) as (keyof typeof SAMPLE_LINES)[];

  it.each(scripts)('reads printed %s text at 300 dpi with a character accuracy of at least 0.9', async (script) => {
    const lines = SAMPLE_LINES[script];
    const result = await engine.recognize(renderTextImage(lines, { lang: SAMPLE_LANG[script] }));
    const accuracy = characterAccuracy(lines.join(''), result.text);
    console.log(`${script}: accuracy ${accuracy.toFixed(3)} in ${result.durationMs} ms: ${JSON.stringify(result.text)}`);
    expect(OcrResult.parse(result)).toEqual(result);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    const chinese = result.lines.filter((l) => l.chineseModel);
    if (script === 'simplified' || script === 'traditional') {
      expect(chinese).toHaveLength(lines.length);
      expect(new Set(chinese.map((l) => l.chineseModel))).toEqual(new Set([script === 'simplified' ? 'chi_sim' : 'chi_tra']));
      expect(chinese.every((l) => l.alternative && l.alternative.model !== l.chineseModel)).toBe(true);
    } else {
      expect(chinese).toEqual([]);
    }
  });

  it('finds 인빈서블 on a mixed page, with word boxes where the words are printed', async () => {
    const png = renderTextImage(
      [
        { text: '로동신문 인빈서블 원화 수정', lang: 'ko' },
        { text: 'Invincible key frame revision', lang: 'en' },
        { text: '原画修型请注意口型', lang: 'zh-CN' },
      ],
      { fontPx: 50, margin: 75 },
    );
    const result = await engine.recognize(png);
    expect(result.text).toContain('인빈서블');
    expect(result.text).toContain('Invincible');
    const [hit, ...more] = locateText(result, '인빈서블');
    expect(more).toEqual([]);
    // The first line starts 75 px from the top and is about 50 px high; 인빈서블 follows the four syllables of 로동신문.
    expect(hit?.line).toBe(0);
    expect(hit?.box.y).toBeGreaterThanOrEqual(70);
    expect((hit?.box.y ?? 0) + (hit?.box.height ?? 0)).toBeLessThanOrEqual(75 + 80);
    expect(hit?.box.x).toBeGreaterThan(75 + 4 * 40);
    expect(hit?.box.width).toBeGreaterThan(4 * 40);
  });

  it('reads an image holding a single line as one line', async () => {
    const line = SAMPLE_LINES.korean[0];
    const result = await engine.recognize(renderTextImage([line], { lang: 'ko', width: 850, height: 240, margin: 75 }));
    expect(result.pageSegMode).toBe(7);
    expect(characterAccuracy(line, result.text)).toBeGreaterThanOrEqual(0.9);
  });

  it('reads the composite image of a PSD', async () => {
    const lines = SAMPLE_LINES.korean.slice(2, 4);
    const { data, info } = await sharp(renderTextImage(lines, { lang: 'ko' }))
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const psd = encodePsd({ width: info.width, height: info.height, planes: [new Uint8Array(data)], mode: 1 });
    expect((await engine.recognize(psd)).text).toContain('인빈서블');
  });

  it('enlarges small text for recognition and maps the boxes back to the original pixels', async () => {
    const lines = SAMPLE_LINES.english;
    const png = renderTextImage(lines, { fontPx: 14, margin: 20 });
    const { width, height } = await sharp(png).metadata();
    const result = await engine.recognize(png);
    expect(result.scale).toBeGreaterThan(1);
    expect({ width: result.width, height: result.height }).toEqual({ width, height });
    expect(characterAccuracy(lines.join(''), result.text)).toBeGreaterThanOrEqual(0.9);
    for (const line of result.lines) {
      expect(line.box.x + line.box.width).toBeLessThanOrEqual(width ?? 0);
      expect(line.box.y + line.box.height).toBeLessThanOrEqual(height ?? 0);
    }
    // Line i is drawn at 20 + i × 25 px (14 px × 1.8 line spacing).
    expect(result.lines[1]?.box.y).toBeGreaterThanOrEqual(20 + 25 - 4);
    expect(result.lines[1]?.box.y).toBeLessThanOrEqual(20 + 25 + 8);
  });

  it('stops at the time limit, then recognises the next image with fresh workers', async () => {
    const png = renderTextImage(SAMPLE_LINES.korean, { lang: 'ko' });
    await expect(engine.recognize(png, { timeoutMs: 5 })).rejects.toBeInstanceOf(OcrTimeoutError);
    const result = await engine.recognize(png);
    expect(result.text).toContain('인빈서블');
  });
});

describe('prepareForOcr', () => {
  it('shrinks a very large scan to about 12 megapixels and reports the scale', async () => {
    const big = await sharp({ create: { width: 6000, height: 4000, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const prepared = await prepareForOcr(big);
    expect(prepared.width).toBe(6000);
    expect(prepared.scale).toBeCloseTo(Math.sqrt(12_000_000 / 24_000_000), 3);
    expect(prepared.grey.width * prepared.grey.height).toBeLessThanOrEqual(12_000_000);
  });

  it('leaves a 300 dpi page of body text at its size', async () => {
    const page = renderTextImage(SAMPLE_LINES.english, { fontPx: 42 });
    expect((await prepareForOcr(page)).scale).toBe(1);
  });
});

describe('differingSymbols', () => {
  const sym = (text: string): { text: string; confidence: number }[] => [...text].map((t) => ({ text: t, confidence: 90 }));
  it('returns what each reading has that the other lacks', () => {
    const [a, b] = differingSymbols(sym('原画修型请注意'), sym('原畫修型請注意'));
    expect(a.map((s) => s.text).join('')).toBe('画请');
    expect(b.map((s) => s.text).join('')).toBe('畫請');
    expect(differingSymbols(sym('abc'), sym('abc'))).toEqual([[], []]);
  });
});
