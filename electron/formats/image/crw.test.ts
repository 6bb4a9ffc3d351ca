import { describe, expect, it } from 'vitest';
import { crwFile } from '../../test-support/generate/raw';
import { bufferSource } from '../byte-source';
import { findEmbeddedJpeg } from './embedded-preview';
import { canonEv } from './crw';
import { detectImageFormat, imageExtractor } from './index';

describe('Canon CRW (CIFF)', () => {
  const bytes = crwFile();

  it('is recognised by its HEAPCCDR signature', () => {
    expect(detectImageFormat(bytes.subarray(0, 64))).toBe('crw');
  });

  it('reads the CanonRaw tags under ExifTool names, from nested heaps', async () => {
    const out = await imageExtractor.extract({ name: 'a.crw', path: 'a.crw', size: bytes.length, source: bufferSource(bytes) });
    expect(out.warnings).toEqual([]);
    expect(out.metadata?.CanonRaw).toMatchObject({
      Make: { value: 'Canon' },
      Model: { value: 'Canon PowerShot G2' },
      DateTimeOriginal: { value: '2022:01:20 08:13:42' },
      ImageWidth: { value: 2272 },
      ImageHeight: { value: 1704 },
      Rotation: { value: 90 },
      OwnerName: { value: '김민수' },
      CanonFileDescription: { value: 'High definition CCD image' },
      UserComment: { value: '' },
    });
    expect(out.metadata?.Canon).toEqual({
      FocalLength: { value: '7 mm', raw: 7 },
      FNumber: { value: 4 },
      ExposureTime: { value: '1/64', raw: 1 / 64 },
    });
    expect(out.timestamps).toContainEqual({ field: 'CanonRaw:DateTimeOriginal', value: '2022-01-20T08:13:42', hasOffset: false });
  });

  it('offers the JpgFromRaw as the preview', () => {
    expect(findEmbeddedJpeg(bytes)).toMatchObject({ width: 16, height: 12, where: 'CRW JpgFromRaw' });
  });

  it("decodes Canon's EV codes, whose 0x0c and 0x14 fractions are thirds", () => {
    expect(canonEv(0x80)).toBe(4);
    expect(canonEv(0x8c)).toBeCloseTo(4 + 1 / 3, 9);
    expect(canonEv(0x94)).toBeCloseTo(4 + 2 / 3, 9);
    expect(canonEv(-0x90)).toBe(-4.5);
  });

  it('warns instead of throwing on a truncated heap', async () => {
    const cut = bytes.subarray(0, 40);
    const out = await imageExtractor.extract({ name: 'a.crw', path: 'a.crw', size: cut.length, source: bufferSource(cut) });
    expect(out.warnings?.length).toBeGreaterThan(0);
  });
});
