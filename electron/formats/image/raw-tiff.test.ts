import { describe, expect, it } from 'vitest';
import { rw2File } from '../../test-support/generate/raw';
import { bufferSource } from '../byte-source';
import { findEmbeddedJpeg } from './embedded-preview';
import { detectImageFormat, imageExtractor } from './index';

describe('Panasonic RW2', () => {
  const bytes = rw2File();

  it('names IFD0 tags as PanasonicRaw and reads the EXIF held in JpgFromRaw, as ExifTool does', async () => {
    expect(detectImageFormat(bytes.subarray(0, 64))).toBe('tiff');
    const out = await imageExtractor.extract({ name: 'a.rw2', path: 'a.rw2', size: bytes.length, source: bufferSource(bytes) });
    expect(out.warnings).toEqual([]);
    expect(out.metadata?.IFD0).toMatchObject({
      SensorWidth: { value: 5200 },
      SensorHeight: { value: 3888 },
      ISO: { value: 200 },
      Make: { value: 'Panasonic' },
      Model: { value: 'DC-GH5' },
    });
    expect(out.metadata?.ExifIFD).toEqual({
      ExposureTime: { value: '1/250', raw: 0.004 },
      FNumber: { value: '4.0', raw: 4 },
      DateTimeOriginal: { value: '2023:07:14 16:05:09' },
      FocalLength: { value: '12.0 mm', raw: 12 },
      LensModel: { value: 'LUMIX G VARIO 12-35/F2.8' },
    });
    expect(out.timestamps?.map((t) => t.field)).toContain('ExifIFD:DateTimeOriginal');
  });

  it('offers JpgFromRaw as the preview', () => {
    expect(findEmbeddedJpeg(bytes)).toMatchObject({ width: 16, height: 12, where: 'RW2 JpgFromRaw' });
  });
});
