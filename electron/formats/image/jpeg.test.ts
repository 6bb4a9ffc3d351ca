import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { concatBytes, u16be, u32be } from '../../test-support/generate/bytes';
import { app1Xmp, findJpegSegment, insertJpegSegments, jpegSegment, plainJpeg } from '../../test-support/generate/images';
import { readJpeg } from './jpeg';

const enc = new TextEncoder();

describe('readJpeg', () => {
  it('reads the frame size, JFIF, a legacy-encoded COM and Ducky text', () => {
    const ducky = concatBytes([
      enc.encode('Ducky'),
      u16be(1),
      u16be(4),
      u32be(75),
      u16be(3),
      u16be(4 + 8),
      u32be(4),
      new Uint8Array(Buffer.from('© SK', 'utf16le').swap16()),
      u16be(0),
    ]);
    const com = jpegSegment(0xfe, new Uint8Array(iconv.encode('原画修型请注意口型', 'gbk')));
    const s = readJpeg(insertJpegSegments(plainJpeg(16, 12), [jpegSegment(0xec, ducky), com]));
    expect(s.warnings).toEqual([]);
    expect(s.groups.File).toMatchObject({
      ImageWidth: { value: 16 },
      ImageHeight: { value: 12 },
      Comment: { value: '原画修型请注意口型' },
    });
    expect(s.groups.JFIF?.JFIFVersion).toEqual({ value: '1.01', raw: '1 1' });
    expect(s.groups.Ducky).toEqual({ Quality: { value: 75 }, Copyright: { value: '© SK' } });
  });

  it('reads SPIFF image size (ExifTool reports it before the frame size)', () => {
    const spiff = concatBytes([
      enc.encode('SPIFF\0'),
      Uint8Array.of(1, 2, 1, 3),
      new Uint8Array(2),
      u32be(4500),
      u32be(3000),
      new Uint8Array(12),
    ]);
    const s = readJpeg(insertJpegSegments(plainJpeg(), [jpegSegment(0xe8, spiff)]));
    expect(s.groups.SPIFF).toMatchObject({ ImageHeight: { value: 4500 }, ImageWidth: { value: 3000 } });
  });

  it('joins multi-segment ICC profiles by sequence number and multi-segment APP13', () => {
    const icc = (seq: number, data: string): Uint8Array =>
      jpegSegment(0xe2, concatBytes([enc.encode('ICC_PROFILE\0'), Uint8Array.of(seq, 2), enc.encode(data)]));
    const app13 = (data: string): Uint8Array => jpegSegment(0xed, concatBytes([enc.encode('Photoshop 3.0\0'), enc.encode(data)]));
    const s = readJpeg(insertJpegSegments(plainJpeg(), [icc(2, 'second'), icc(1, 'first-'), app13('8BIM'), app13('rest')]));
    expect(new TextDecoder().decode(s.icc[0])).toBe('first-second');
    expect(new TextDecoder().decode(s.photoshop[0])).toBe('8BIMrest');
  });

  it('reassembles extended XMP from its parts in offset order, and reports an incomplete one', () => {
    const guid = 'A'.repeat(32);
    const full = '<x:xmpmeta>extended part one, part two</x:xmpmeta>';
    const part = (offset: number, data: string, total = full.length): Uint8Array =>
      jpegSegment(
        0xe1,
        concatBytes([enc.encode('http://ns.adobe.com/xmp/extension/\0'), enc.encode(guid), u32be(total), u32be(offset), enc.encode(data)]),
      );
    const s = readJpeg(
      insertJpegSegments(plainJpeg(), [app1Xmp('<x:xmpmeta>main</x:xmpmeta>'), part(20, full.slice(20)), part(0, full.slice(0, 20))]),
    );
    expect(s.xmp).toEqual(['<x:xmpmeta>main</x:xmpmeta>', full]);
    expect(s.warnings).toEqual([]);
    const broken = readJpeg(insertJpegSegments(plainJpeg(), [part(0, full.slice(0, 20))]));
    expect(broken.warnings.join('\n')).toMatch(/incomplete \(20 of/);
  });

  it('keeps what it read from a segment that runs past the end of the file', () => {
    const jpeg = insertJpegSegments(plainJpeg(), [jpegSegment(0xfe, enc.encode('a comment that gets cut'))]);
    const at = findJpegSegment(jpeg, 0xfe) + 4;
    const s = readJpeg(jpeg.subarray(0, at + 8));
    expect(s.warnings.join('\n')).toMatch(/segment 0xfe .* is truncated/);
    expect(s.groups.File?.Comment).toEqual({ value: 'a commen' });
  });
});
