import { describe, expect, it } from 'vitest';
import { trailerJpeg } from '../../test-support/generate/raw';
import { bufferSource } from '../byte-source';
import { imageExtractor } from './index';
import { readJpeg } from './jpeg';

describe('JPEG trailers', () => {
  const bytes = trailerJpeg();

  it('reads IPTC from AFCP and FotoStation trailers as ExifTool groups IPTC2 and IPTC3, Korean and Chinese intact', async () => {
    const out = await imageExtractor.extract({ name: 't.jpg', path: 't.jpg', size: bytes.length, source: bufferSource(bytes) });
    expect(out.warnings).toEqual([]);
    expect(out.metadata?.IPTC2).toMatchObject({ 'Caption-Abstract': { value: 'AFCP 标题' }, Keywords: { value: ['关键词'] } });
    expect(out.metadata?.IPTC3).toMatchObject({
      'Caption-Abstract': { value: '포토스테이션 캡션' },
      Keywords: { value: ['애니메이션', '原画'] },
    });
    expect(out.metadata?.AFCP).toEqual({ Text: { value: 'desk note' } });
    expect(out.metadata?.FotoStation).toMatchObject({
      OriginalImageWidth: { value: 2048 },
      Rotation: { value: 270 },
      CropRight: { value: '100%', raw: 100 },
    });
  });

  it('stops with a warning at an AFCP end record whose start offset is wrong', () => {
    const broken = bytes.slice();
    broken[broken.length - 5] = (broken[broken.length - 5] ?? 0) ^ 0x40;
    expect(readJpeg(broken).warnings.join('\n')).toMatch(/AFCP/);
  });
});
