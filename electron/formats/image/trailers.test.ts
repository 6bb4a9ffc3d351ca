import { describe, expect, it } from 'vitest';
import { trailerJpeg } from '../../test-support/generate/raw';
import { bufferSource } from '../byte-source';
import { imageExtractor } from './index';
import { readJpeg } from './jpeg';

describe('JPEG trailers', () => {
  const bytes = trailerJpeg();

  it('reads IPTC from AFCP and FotoStation trailers as ExifTool groups IPTC2 and IPTC3, Korean and Chinese intact, behind a Photo Mechanic trailer', async () => {
    const out = await imageExtractor.extract({ name: 't.jpg', path: 't.jpg', size: bytes.length, source: bufferSource(bytes) });
    expect(out.warnings).toEqual([]);
    expect(out.metadata?.IPTC2).toMatchObject({ 'Caption-Abstract': { value: 'AFCP 标题' }, Keywords: { value: ['关键词'] } });
    expect(out.metadata?.IPTC3).toMatchObject({
      'Caption-Abstract': { value: '포토스테이션 캡션' },
      Keywords: { value: ['애니메이션', '原画'] },
    });
    expect(out.metadata?.AFCP).toEqual({ Text: { value: 'desk note' } });
    expect(out.metadata?.PhotoMechanic).toEqual({
      RawCropLeft: { value: '10.001%', raw: 6554 / 655.36 },
      Rotation: { value: '90', raw: 1 },
      Tagged: { value: 'Yes', raw: 1 },
      ColorClass: { value: '3 (Superior)', raw: 3 },
      Rating: { value: 4 },
    });
    expect(out.metadata?.FotoStation).toMatchObject({
      OriginalImageWidth: { value: 2048 },
      Rotation: { value: 270 },
      CropRight: { value: '100%', raw: 100 },
    });
  });

  it('stops with a warning at an AFCP end record whose start offset is wrong', () => {
    const pmLength = 5 * 9 + 12;
    const broken = bytes.slice(0, bytes.length - pmLength);
    broken[broken.length - 5] = (broken[broken.length - 5] ?? 0) ^ 0x40;
    expect(readJpeg(broken).warnings.join('\n')).toMatch(/AFCP/);
  });
});
