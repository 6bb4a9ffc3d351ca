import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TiffWriter, pngChunk, pngItxt, pngText, pngWithChunks, pngZtxt } from '../../test-support/generate/images';
import { MAX_INFLATED_BYTES } from './binary';
import { pngKeywordTag, readPng } from './png';

const enc = new TextEncoder();

describe('readPng', () => {
  it('reads IHDR and every kind of text chunk', () => {
    const s = readPng(
      pngWithChunks([
        pngText('Title', 'Sheet'),
        pngZtxt('Comment', 'zipped words'),
        pngItxt('Author', '김철수', { lang: 'ko-KR' }),
        pngItxt('Source', '원본', { compressed: true }),
      ]),
    );
    expect(s.warnings).toEqual([]);
    expect(s.groups.PNG?.ImageWidth).toEqual({ value: 4 });
    expect(s.groups.PNG?.ColorType).toEqual({ value: 'RGB with Alpha', raw: 6 });
    expect(s.groups.PNG?.Title).toEqual({ value: 'Sheet' });
    expect(s.groups.PNG?.Comment).toEqual({ value: 'zipped words' });
    expect(s.groups.PNG?.['Author-ko-KR']).toEqual({ value: '김철수' });
    expect(s.groups.PNG?.Source).toEqual({ value: '원본' });
  });

  it('routes XMP and ImageMagick raw EXIF profiles to their parsers', () => {
    const t = new TiffWriter(false);
    const tiff = t.build([t.ascii(0x010f, 'Canon')]);
    const hex = Buffer.from([...enc.encode('Exif\0\0'), ...tiff]).toString('hex');
    const raw = `\nexif\n${String(tiff.length + 6).padStart(8)}\n${hex.match(/.{1,72}/g)!.join('\n')}\n`;
    const s = readPng(pngWithChunks([pngZtxt('Raw profile type exif', raw), pngItxt('XML:com.adobe.xmp', '<x:xmpmeta/>')]));
    expect(s.tiff).toHaveLength(1);
    expect([...s.tiff[0]!.bytes]).toEqual([...tiff]);
    expect(s.xmp).toEqual(['<x:xmpmeta/>']);
  });

  it('warns on a bad CRC, a zlib stream without its trailer, and a missing IEND, keeping what it read', () => {
    const chunk = pngText('Title', 'Sheet');
    chunk[chunk.length - 1] = 0xff ^ chunk[chunk.length - 1]!;
    const noAdler = deflateSync(Buffer.from('ICC-ish data')).subarray(0, -4);
    const iccp = pngChunk('iCCP', Uint8Array.from([...enc.encode('Profile\0'), 0, ...noAdler]));
    const full = pngWithChunks([chunk, iccp]);
    const s = readPng(full.subarray(0, full.length - 12));
    expect(s.groups.PNG?.Title).toEqual({ value: 'Sheet' });
    expect(s.icc).toHaveLength(1);
    const w = s.warnings.join('\n');
    expect(w).toMatch(/bad CRC in tEXt/);
    expect(w).toMatch(/iCCP is not a complete zlib stream/);
    expect(w).toMatch(/no IEND/);
  });

  it('stops inflating a text chunk at the size cap (decompression bomb) and says so', () => {
    const bomb = deflateSync(Buffer.alloc(MAX_INFLATED_BYTES + 1));
    const s = readPng(
      pngWithChunks([pngChunk('zTXt', Uint8Array.from([...enc.encode('Comment\0'), 0, ...bomb])), pngText('Title', 'Sheet')]),
    );
    expect(s.warnings.join('\n')).toMatch(/error inflating zTXt 'Comment'/);
    expect(s.groups.PNG?.Comment).toBeUndefined();
    expect(s.groups.PNG?.Title).toEqual({ value: 'Sheet' });
  });
});

describe('pngKeywordTag', () => {
  it('builds ExifTool-style tag names from text keywords', () => {
    expect(pngKeywordTag('Creation Time')).toBe('CreationTime');
    expect(pngKeywordTag('create date')).toBe('CreateDate');
    expect(pngKeywordTag('Make')).toBe('Make');
  });
});
