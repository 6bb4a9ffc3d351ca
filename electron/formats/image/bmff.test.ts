import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../test-support/generate/bytes';
import { TiffWriter, heicWithExif, isoBox } from '../../test-support/generate/images';
import { readCr3, readHeif, readJp2, readJxl } from './bmff';

const enc = new TextEncoder();
const hex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));
const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>`;

describe('readHeif', () => {
  it('finds the Exif and XMP items through iinf/iloc and the primary item size through ipma/ispe', () => {
    const s = readHeif(heicWithExif().bytes);
    expect(s.warnings).toEqual([]);
    expect(s.tiff).toHaveLength(1);
    expect(String.fromCharCode(...s.tiff[0]!.bytes.subarray(0, 2))).toBe('MM');
    expect(s.xmp[0]).toContain('아이폰 사진');
    expect(s.groups.File).toEqual({ ImageWidth: { value: 4032 }, ImageHeight: { value: 3024 } });
  });

  it('warns instead of throwing when the meta box is missing or boxes overrun', () => {
    expect(readHeif(isoBox('ftyp', enc.encode('heic'))).warnings).toEqual(['HEIF: no meta box']);
    const bytes = heicWithExif().bytes.slice(0, 120);
    expect(readHeif(bytes).warnings.join('\n')).toMatch(/runs past the end|points outside/);
  });
});

describe('readCr3', () => {
  it('reads CMT1/CMT2/CMT4 as IFD0, ExifIFD and GPS, and the XMP uuid box', () => {
    const t = new TiffWriter(true);
    const canon = isoBox(
      'uuid',
      hex('85c0b687820f11e08111f4ce462b6a48'),
      isoBox('CMT1', t.build([t.ascii(0x010f, 'Canon'), t.ascii(0x0110, 'Canon EOS R5')])),
      isoBox('CMT2', t.build([t.ascii(0x9003, '2021:05:01 10:00:00')])),
      isoBox('CMT4', t.build([t.ascii(0x0001, 'N')])),
    );
    const bytes = concatBytes([
      isoBox('ftyp', enc.encode('crx '), new Uint8Array(4), enc.encode('crx isom')),
      isoBox('moov', canon),
      isoBox('uuid', hex('be7acfcb97a942e89c71999491e3afac'), enc.encode(xmp)),
    ]);
    const s = readCr3(bytes);
    expect(s.warnings).toEqual([]);
    expect(s.tiff.map((b) => b.root)).toEqual([undefined, 'ExifIFD', 'GPS']);
    expect(s.xmp).toEqual([xmp]);
  });

  it('reads the movie header times as QuickTime CreateDate/ModifyDate in UTC, as ExifTool does for CR3', () => {
    const macSeconds = (iso: string): number => (Date.parse(iso) - Date.UTC(1904, 0, 1)) / 1000;
    const mvhd = new Uint8Array(100);
    const v = new DataView(mvhd.buffer);
    v.setUint32(4, macSeconds('2021-05-12T10:21:21Z'));
    v.setUint32(8, macSeconds('2021-05-12T10:22:00Z'));
    const bytes = concatBytes([
      isoBox('ftyp', enc.encode('crx '), new Uint8Array(4), enc.encode('crx isom')),
      isoBox('moov', isoBox('mvhd', mvhd), isoBox('uuid', hex('85c0b687820f11e08111f4ce462b6a48'))),
    ]);
    const s = readCr3(bytes);
    expect(s.groups.QuickTime).toEqual({ CreateDate: { value: '2021:05:12 10:21:21' }, ModifyDate: { value: '2021:05:12 10:22:00' } });
    expect(s.timestamps[0]).toEqual({
      field: 'QuickTime:CreateDate',
      value: '2021-05-12T10:21:21Z',
      hasOffset: true,
      utc: '2021-05-12T10:21:21Z',
    });
  });
});

describe('readJxl', () => {
  it('reads Exif and xml boxes, also Brotli-compressed ones', () => {
    const t = new TiffWriter(false);
    const tiff = t.build([t.ascii(0x010f, 'Fuji')]);
    const exifBox = concatBytes([new Uint8Array(4), tiff]);
    const bytes = concatBytes([
      isoBox('JXL ', hex('0d0a870a')),
      isoBox('ftyp', enc.encode('jxl '), new Uint8Array(4), enc.encode('jxl ')),
      isoBox('brob', enc.encode('Exif'), new Uint8Array(brotliCompressSync(exifBox))),
      isoBox('xml ', enc.encode(xmp)),
    ]);
    const s = readJxl(bytes);
    expect(s.warnings).toEqual([]);
    expect([...s.tiff[0]!.bytes]).toEqual([...tiff]);
    expect(s.xmp).toEqual([xmp]);
  });
});

describe('readJp2', () => {
  it('reads the image header and EXIF/XMP/IPTC uuid boxes', () => {
    const t = new TiffWriter(true);
    const ihdr = concatBytes([hex('000000100000002000030707'), new Uint8Array(2)]);
    const bytes = concatBytes([
      isoBox('jP  ', hex('0d0a870a')),
      isoBox('ftyp', enc.encode('jp2 '), new Uint8Array(4), enc.encode('jp2 ')),
      isoBox('jp2h', isoBox('ihdr', ihdr)),
      isoBox('uuid', enc.encode('JpgTiffExif->JP2'), enc.encode('Exif\0\0'), t.build([t.ascii(0x013b, 'me')])),
      isoBox('uuid', hex('be7acfcb97a942e89c71999491e3afac'), enc.encode(xmp)),
      isoBox('uuid', hex('33c7a4d2b81d4723a0baf1a3e097ad38'), Uint8Array.of(0x1c, 2, 5, 0, 1, 0x41)),
    ]);
    const s = readJp2(bytes);
    expect(s.groups.Jpeg2000).toMatchObject({ ImageHeight: { value: 16 }, ImageWidth: { value: 32 }, NumberOfComponents: { value: 3 } });
    expect(String.fromCharCode(...s.tiff[0]!.bytes.subarray(0, 2))).toBe('II');
    expect(s.xmp).toEqual([xmp]);
    expect(s.iptc).toHaveLength(1);
  });
});
