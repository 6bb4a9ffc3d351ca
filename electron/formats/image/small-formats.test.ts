import { describe, expect, it } from 'vitest';
import { concatBytes, u32be, u32le } from '../../test-support/generate/bytes';
import { TiffWriter, plainJpeg, insertJpegSegments, jpegSegment, psdWithIptc, webpWithExif } from '../../test-support/generate/images';
import { readBmp, readGif, readMrw, readPsd, readRaf, readWebp } from './small-formats';

const enc = new TextEncoder();

describe('readWebp', () => {
  it('reads the VP8X canvas and the EXIF and XMP chunks', () => {
    const s = readWebp(webpWithExif().bytes);
    expect(s.warnings).toEqual([]);
    expect(s.groups.RIFF).toEqual({ ImageWidth: { value: 640 }, ImageHeight: { value: 480 } });
    expect(s.tiff).toHaveLength(1);
    expect(s.xmp[0]).toContain('웹피 사진');
  });
});

describe('readPsd', () => {
  it('reads the header and hands over the image resource section', () => {
    const s = readPsd(psdWithIptc().bytes);
    expect(s.groups.Photoshop).toMatchObject({ ImageWidth: { value: 4 }, ImageHeight: { value: 2 }, ColorMode: { value: 'RGB', raw: 3 } });
    expect(s.photoshop).toHaveLength(1);
    expect(String.fromCharCode(...s.photoshop[0]!.subarray(0, 4))).toBe('8BIM');
  });

  it('warns when the resource section is cut off', () => {
    expect(readPsd(psdWithIptc().bytes.subarray(0, 40)).warnings).toEqual(['Photoshop: image resource section is missing or truncated']);
  });
});

describe('readGif', () => {
  it('reads the logical screen size and an XMP application extension', () => {
    const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"/><?xpacket end="w"?>`;
    const bytes = concatBytes([
      enc.encode('GIF89a'),
      Uint8Array.of(10, 0, 20, 0, 0, 0, 0),
      Uint8Array.of(0x21, 0xff, 11),
      enc.encode('XMP DataXMP'),
      enc.encode(xmp),
      Uint8Array.of(0, 0x3b),
    ]);
    const s = readGif(bytes);
    expect(s.groups.GIF).toEqual({ GIFVersion: { value: '89a' }, ImageWidth: { value: 10 }, ImageHeight: { value: 20 } });
    expect(s.xmp).toEqual([xmp]);
  });
});

describe('readBmp', () => {
  it('reads a BITMAPINFOHEADER, keeping the sign of a top-down height', () => {
    const bytes = concatBytes([
      enc.encode('BM'),
      new Uint8Array(12),
      u32le(40),
      u32le(640),
      u32le(-480),
      Uint8Array.of(1, 0, 24, 0),
      u32le(0),
      new Uint8Array(20),
    ]);
    expect(readBmp(bytes).groups.BMP).toEqual({
      BMPVersion: { value: 40 },
      ImageWidth: { value: 640 },
      ImageHeight: { value: -480 },
      BitDepth: { value: 24 },
      Compression: { value: 'None', raw: 0 },
    });
  });
});

describe('readRaf', () => {
  it('reads the EXIF of the embedded JPEG preview but not the preview size', () => {
    const t = new TiffWriter(false);
    const app1 = jpegSegment(0xe1, concatBytes([enc.encode('Exif\0\0'), t.build([t.ascii(0x010f, 'FUJIFILM')])]));
    const jpeg = insertJpegSegments(plainJpeg(8, 8), [app1]);
    const header = concatBytes([enc.encode('FUJIFILMCCD-RAW 0201FF383501'), new Uint8Array(84 - 28)]);
    const bytes = concatBytes([header, u32be(100), u32be(jpeg.length), new Uint8Array(100 - 92), jpeg]);
    const s = readRaf(bytes);
    expect(s.tiff).toHaveLength(1);
    expect(s.groups.File).toBeUndefined();
    expect(readRaf(header).warnings).toEqual(['RAF: embedded JPEG is outside the file']);
  });
});

describe('readMrw', () => {
  it('reads the TTW block as TIFF', () => {
    const t = new TiffWriter(false);
    const tiff = t.build([t.ascii(0x010f, 'Minolta')]);
    const blocks = concatBytes([enc.encode('\0PRD'), u32be(4), new Uint8Array(4), enc.encode('\0TTW'), u32be(tiff.length), tiff]);
    const s = readMrw(concatBytes([enc.encode('\0MRM'), u32be(blocks.length), blocks]));
    expect(s.warnings).toEqual([]);
    expect([...s.tiff[0]!.bytes]).toEqual([...tiff]);
  });
});
