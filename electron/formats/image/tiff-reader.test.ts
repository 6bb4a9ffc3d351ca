import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { TiffWriter, xpBytes } from '../../test-support/generate/images';
import { exifToGroups } from './exif-groups';
import { readTiff } from './tiff-reader';

const gbk = (s: string): Uint8Array => new Uint8Array(iconv.encode(s, 'gbk'));

function sample(littleEndian: boolean): Uint8Array {
  const t = new TiffWriter(littleEndian);
  return t.build(
    [
      t.ascii(0x010f, 'Canon'),
      t.ascii(0x0110, 'Canon EOS 600D'),
      t.short(0x0112, 6),
      t.ascii(0x0132, '2024:03:16 08:00:00'),
      t.long(0x0100, 4000),
    ],
    [
      t.ascii(0x9003, '2024:03:15 14:22:05'),
      t.ascii(0x9011, '+09:00'),
      t.ascii(0x9291, '123'),
      t.undefinedBytes(0x9000, new TextEncoder().encode('0231')),
    ],
    [
      t.ascii(0x0001, 'S'),
      t.rational(0x0002, [33, 1], [51, 1], [3540, 100]),
      t.ascii(0x0003, 'W'),
      t.rational(0x0004, [70, 1], [40, 1], [0, 1]),
      t.rational(0x0007, [14, 1], [58, 1], [24, 1]),
      t.ascii(0x001d, '2024:03:15'),
    ],
  );
}

describe('readTiff', () => {
  it('reads the same directories in both byte orders', () => {
    for (const le of [true, false]) {
      const tiff = readTiff(sample(le));
      expect(tiff.littleEndian).toBe(le);
      expect(tiff.warnings).toEqual([]);
      expect(tiff.ifds.map((i) => i.name)).toEqual(['IFD0', 'ExifIFD', 'GPS']);
      expect(tiff.ifds[0]!.entries.map((e) => e.tag)).toContain(0x010f);
    }
  });

  it('reads BigTIFF (64-bit counts and offsets)', () => {
    const b = new Uint8Array(16 + 8 + 20 + 8);
    const v = new DataView(b.buffer);
    b.set([0x49, 0x49, 43, 0, 8, 0, 0, 0]);
    v.setBigUint64(8, 16n, true);
    v.setBigUint64(16, 1n, true);
    v.setUint16(24, 0x010f, true);
    v.setUint16(26, 2, true);
    v.setBigUint64(28, 6n, true);
    b.set(new TextEncoder().encode('Canon\0'), 36);
    const tiff = readTiff(b);
    expect(tiff.warnings).toEqual([]);
    expect(exifToGroups(tiff).groups.IFD0?.Make?.value).toBe('Canon');
  });

  it('keeps readable entries and warns on values outside the data, loops and bad directories', () => {
    const bytes = sample(true).slice();
    const v = new DataView(bytes.buffer);
    const ifd0Count = v.getUint16(8, true);
    // Point the first IFD0 value offset far outside the data, and IFD0's next-IFD link back at itself.
    // Entries are sorted by tag: ImageWidth, Make, Model…
    const modelEntry = 10 + 2 * 12;
    v.setUint32(modelEntry + 8, 0x7fff_fff0, true);
    v.setUint32(10 + ifd0Count * 12, 8, true);
    const tiff = readTiff(bytes);
    const ifd0 = tiff.ifds.find((i) => i.name === 'IFD0')!;
    expect(ifd0.entries.map((e) => e.tag)).toContain(0x010f);
    expect(ifd0.entries.map((e) => e.tag)).not.toContain(0x0110);
    expect(tiff.warnings.join('\n')).toMatch(/0x0110 points outside the data/);
    expect(tiff.warnings.join('\n')).toMatch(/loop/);
  });

  it('reports a bad byte-order mark instead of throwing', () => {
    expect(readTiff(new TextEncoder().encode('XX*\0garbage')).warnings).toEqual(['TIFF: bad byte-order mark']);
  });

  it('names a lone directory that is not IFD0 (CR3 CMT2/CMT4 blocks)', () => {
    const t = new TiffWriter(true);
    const tiff = readTiff(t.build([t.ascii(0x9003, '2020:01:02 03:04:05')]), 'ExifIFD');
    expect(exifToGroups(tiff).groups.ExifIFD?.DateTimeOriginal?.value).toBe('2020:01:02 03:04:05');
  });
});

describe('exifToGroups', () => {
  const exif = exifToGroups(readTiff(sample(false)));

  it('uses ExifTool family-1 groups and tag names with print conversions', () => {
    expect(exif.groups.IFD0?.Make).toEqual({ value: 'Canon' });
    expect(exif.groups.IFD0?.ImageWidth).toEqual({ value: 4000 });
    expect(exif.groups.IFD0?.Orientation).toEqual({ value: 'Rotate 90 CW', raw: 6 });
    expect(exif.groups.ExifIFD?.ExifVersion).toEqual({ value: '0231' });
    expect(exif.groups.ExifIFD?.OffsetTimeOriginal).toEqual({ value: '+09:00' });
  });

  it('prints GPS coordinates as ExifTool does (degrees, minutes, seconds), raw unsigned like exiftool -n', () => {
    const lat = 33 + 51 / 60 + 35.4 / 3600;
    expect(exif.groups.GPS?.GPSLatitude?.value).toBe(`33 deg 51' 35.40"`);
    expect(exif.groups.GPS?.GPSLatitudeRef).toEqual({ value: 'South', raw: 'S' });
    expect(exif.groups.GPS?.GPSLatitude?.raw).toBeCloseTo(lat, 9);
    expect(exif.groups.GPS?.GPSLongitude?.raw).toBeCloseTo(70 + 40 / 60, 9);
    expect(exif.gps?.lat).toBeCloseTo(-lat, 9);
    expect(exif.groups.GPS?.GPSTimeStamp).toEqual({ value: '14:58:24' });
    expect(exif.gpsUtc).toBe('2024-03-15T14:58:24Z');
  });

  it('pairs dates with their OffsetTime* and SubSecTime*', () => {
    expect(exif.dates).toEqual([
      { field: 'IFD0:ModifyDate', wallClock: '2024:03:16 08:00:00' },
      {
        field: 'ExifIFD:DateTimeOriginal',
        wallClock: '2024:03:15 14:22:05',
        subSec: '123',
        offset: '+09:00',
        offsetSource: 'ExifIFD:OffsetTimeOriginal',
      },
    ]);
  });

  it('decodes legacy ASCII and XP tags from the raw entries', () => {
    const t = new TiffWriter(true);
    const groups = exifToGroups(
      readTiff(t.build([t.ascii(0x010e, gbk('原画修型请注意口型')), t.bytes(0x9c9e, Uint8Array.from(xpBytes('原画;원화')))])),
    ).groups;
    expect(groups.IFD0?.ImageDescription?.value).toBe('原画修型请注意口型');
    expect(groups.IFD0?.ImageDescription?.bytes).toBe(Buffer.from(gbk('原画修型请注意口型')).toString('hex'));
    expect(groups.IFD0?.XPKeywords).toEqual({ value: '原画;원화' });
  });

  it("reports 0/0 GPS rationals as '' with a warning (ExifTool's undef), and no position", () => {
    const t = new TiffWriter(false);
    const result = exifToGroups(
      readTiff(
        t.build([t.ascii(0x010f, 'Canon')], undefined, [
          t.rational(0x0002, [0, 0], [0, 0], [0, 0]),
          t.rational(0x0004, [0, 0], [0, 0], [0, 0]),
        ]),
      ),
    );
    expect(result.groups.GPS?.GPSLatitude).toEqual({ value: '' });
    expect(result.gps).toBeUndefined();
    expect(result.warnings.join('\n')).toMatch(/GPSLatitude is undefined/);
  });

  it('hands IPTC, Photoshop, XMP and ICC blocks found in TIFF tags back to their parsers', () => {
    const t = new TiffWriter(false);
    const iim = Uint8Array.of(0x1c, 2, 120, 0, 2, 0x48, 0x69);
    const result = exifToGroups(
      readTiff(t.build([t.undefinedBytes(0x83bb, iim), t.bytes(0x02bc, new TextEncoder().encode('<x:xmpmeta/>'))])),
    );
    expect([...result.embedded.iptc[0]!]).toEqual([...iim]);
    expect(new TextDecoder().decode(result.embedded.xmp[0])).toBe('<x:xmpmeta/>');
    expect(result.groups.IFD0).toBeUndefined();
  });

  it('names unknown tags like ExifTool -u', () => {
    const t = new TiffWriter(true);
    expect(exifToGroups(readTiff(t.build([t.short(0xabcd, 7)]))).groups.IFD0).toEqual({ Exif_0xabcd: { value: 7 } });
  });
});
