import { describe, expect, it } from 'vitest';
import { bpgFile, flifFile } from '../../test-support/generate/raw';
import { bufferSource } from '../byte-source';
import type { ExtractorOutput } from '../types';
import { readBpg } from './bpg-flif';
import { detectImageFormat, imageExtractor } from './index';

const extract = (bytes: Uint8Array): Promise<ExtractorOutput> =>
  imageExtractor.extract({ name: 'x', path: 'x', size: bytes.length, source: bufferSource(bytes) });

const cameraTags = (out: ExtractorOutput): void => {
  expect(out.metadata?.IFD0).toEqual({ Make: { value: 'Canon' }, Model: { value: 'Canon EOS R6' } });
  expect(out.metadata?.ExifIFD).toEqual({ DateTimeOriginal: { value: '2024:02:03 04:05:06' } });
  expect(out.metadata?.['XMP-dc']).toEqual({ Title: { value: '修改稿 수정본' } });
};

describe('BPG', () => {
  it('reads the header as ExifTool does and the EXIF and XMP extensions, past libbpg’s pad byte', async () => {
    const bytes = bpgFile();
    expect(detectImageFormat(bytes.subarray(0, 64))).toBe('bpg');
    const out = await extract(bytes);
    expect(out.warnings).toEqual([]);
    expect(out.metadata?.File).toEqual({
      PixelFormat: { value: '4:2:0 (chroma at 0.5, 0.5)', raw: 1 },
      Alpha: { value: 'No Alpha Plane', raw: 0 },
      BitDepth: { value: 8 },
      ColorSpace: { value: 'YCbCr (BT 601)', raw: 0 },
      Flags: { value: 'Extension Present', raw: 8 },
      ImageWidth: { value: 1920 },
      ImageHeight: { value: 1080 },
      ImageLength: { value: 32 },
    });
    cameraTags(out);
  });

  it('warns on a truncated header', async () => {
    expect(readBpg(bpgFile().subarray(0, 7)).warnings).toEqual(['BPG: header is truncated']);
    expect(readBpg(bpgFile().subarray(0, 30)).warnings).toEqual([
      'BPG: extension data runs past the end of the file',
      'BPG: extension is truncated',
    ]);
  });
});

describe('FLIF', () => {
  it('reads the header and the raw-deflated eXif and eXmp chunks', async () => {
    const bytes = flifFile();
    expect(detectImageFormat(bytes.subarray(0, 64))).toBe('flif');
    const out = await extract(bytes);
    expect(out.warnings).toEqual([]);
    expect(out.metadata?.File).toEqual({
      ImageType: { value: 'RGB (non-interlaced)', raw: '3' },
      BitDepth: { value: 8, raw: 1 },
      ImageWidth: { value: 640 },
      ImageHeight: { value: 480 },
      Encoding: { value: 'FLIF16', raw: 0 },
    });
    cameraTags(out);
  });

  it('warns on a chunk cut short', async () => {
    const bytes = flifFile();
    expect((await extract(bytes.subarray(0, 20))).warnings?.join('\n')).toMatch(/FLIF: eXif chunk is truncated/);
  });
});
