import { deflateRawSync } from 'node:zlib';
import { concatBytes, u32le } from './bytes';
import { insertJpegSegments, jpegSegment, plainJpeg, TiffWriter } from './images';

/**
 * Camera raw files, JPEG trailers and the rarer image formats (BPG, FLIF), built in code. CRW (Canon CIFF) as CanonRaw.pm and the CIFF 1.0r4 specification describe it: a
 * little-endian header (`II`, header length 26, `HEAPCCDR`, version 1.2), then heaps whose last four bytes point at a
 * record table; sub-heaps (type 0x2800/0x3000) nest. Values are what ExifTool reports for such records.
 */

const utf8 = new TextEncoder();
const u16le = (n: number): Uint8Array => Uint8Array.of(n & 0xff, (n >> 8) & 0xff);
const i16s = (values: readonly number[]): Uint8Array => concatBytes(values.map((v) => u16le(v & 0xffff)));

interface CiffEntry {
  tag: number;
  data: Uint8Array;
}

/** A heap: the records' data back to back, the table (count, then tag/size/offset), then the table's offset. */
function heap(entries: readonly CiffEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const table: Uint8Array[] = [u16le(entries.length)];
  let offset = 0;
  for (const e of entries) {
    parts.push(e.data);
    table.push(u16le(e.tag), u32le(e.data.length), u32le(offset));
    offset += e.data.length;
  }
  return concatBytes([...parts, ...table, u32le(offset)]);
}

/** A CameraSettings array (int16) with FocalUnits at index 25 and a ShotInfo array with FNumber/ExposureTime codes. */
function canonArrays(): CiffEntry[] {
  const settings = new Array<number>(40).fill(0);
  settings[25] = 32;
  const shot = new Array<number>(30).fill(0);
  shot[21] = 0x80; // Canon EV 4 → f/4.0
  shot[22] = 0xc0; // Canon EV 6 → 1/64 s
  return [
    { tag: 0x102d, data: i16s(settings) },
    { tag: 0x102a, data: i16s(shot) },
    { tag: 0x1029, data: i16s([2, 224, 0, 0]) }, // 224/32 = 7 mm
  ];
}

/** Canon PowerShot CRW: make/model, capture time, image info, owner name (Korean, UTF-8), description, JpgFromRaw. */
export function crwFile(): Uint8Array {
  const imageInfo = concatBytes([u32le(2272), u32le(1704), u32le(0x3f800000), u32le(90), u32le(8), u32le(24), u32le(257)]);
  const imageProps = heap([
    { tag: 0x080a, data: utf8.encode('Canon\0Canon PowerShot G2\0') },
    { tag: 0x180e, data: concatBytes([u32le(Date.UTC(2022, 0, 20, 8, 13, 42) / 1000), u32le(0), u32le(0)]) },
    { tag: 0x1810, data: imageInfo },
    { tag: 0x2804, data: heap([{ tag: 0x0805, data: utf8.encode('High definition CCD image\0') }]) },
    { tag: 0x0810, data: utf8.encode('김민수\0') },
    ...canonArrays(),
  ]);
  const root = heap([
    { tag: 0x0805, data: utf8.encode('\0') },
    { tag: 0x300a, data: imageProps },
    { tag: 0x2007, data: plainJpeg(16, 12) },
  ]);
  const header = concatBytes([utf8.encode('II'), u32le(26), utf8.encode('HEAPCCDR'), u32le(0x00010002), new Uint8Array(8)]);
  return concatBytes([header, root]);
}

/**
 * Panasonic RW2: a little-endian TIFF with magic 0x55 whose IFD0 holds PanasonicRaw tags (sensor size, ISO) and, as
 * JpgFromRaw (0x2e), a JPEG carrying the camera's EXIF: what ExifTool reports as the file's IFD0 and ExifIFD.
 */
export function rw2File(): Uint8Array {
  const t = new TiffWriter(true);
  const exif = t.build(
    [t.ascii(0x010f, 'Panasonic'), t.ascii(0x0110, 'DC-GH5')],
    [
      t.rational(0x829a, [1, 250]),
      t.rational(0x829d, [40, 10]),
      t.ascii(0x9003, '2023:07:14 16:05:09'),
      t.rational(0x920a, [12, 1]),
      t.ascii(0xa434, 'LUMIX G VARIO 12-35/F2.8'),
    ],
  );
  const jpeg = insertJpegSegments(plainJpeg(16, 12), [jpegSegment(0xe1, concatBytes([utf8.encode('Exif\0\0'), exif]))]);
  const raw = t.build([
    t.short(0x0002, 5200),
    t.short(0x0003, 3888),
    t.short(0x0017, 200),
    t.ascii(0x010f, 'Panasonic'),
    t.ascii(0x0110, 'DC-GH5'),
    t.undefinedBytes(0x002e, jpeg),
  ]);
  raw[2] = 0x55;
  return raw;
}

const u16be = (n: number): Uint8Array => Uint8Array.of((n >> 8) & 0xff, n & 0xff);
const u32be = (n: number): Uint8Array => Uint8Array.of((n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);

/** IPTC IIM records: CodedCharacterSet UTF-8, then caption and keywords. */
function iptcRecords(caption: string, keywords: readonly string[]): Uint8Array {
  const record = (rec: number, dataset: number, data: Uint8Array): Uint8Array =>
    concatBytes([Uint8Array.of(0x1c, rec, dataset), u16be(data.length), data]);
  return concatBytes([
    record(1, 90, Uint8Array.of(0x1b, 0x25, 0x47)),
    record(2, 120, utf8.encode(caption)),
    ...keywords.map((k) => record(2, 25, utf8.encode(k))),
  ]);
}

/**
 * A JPEG with IPTC only in trailers after its end-of-image marker, as picture desks append them: a FotoStation
 * record (IPTC, tag 1) and a SoftEdit record (tag 2), each ending in its 10-byte footer, then an AFCP trailer
 * (`AXS!` header, directory of 12-byte entries with absolute offsets, `AXS!` end record pointing at the header),
 * and last a Photo Mechanic soft-edit trailer (record-2 datasets of one int32, size, `cbipcbbl`).
 */
export function trailerJpeg(): Uint8Array {
  const jpeg = plainJpeg(16, 12);
  const fotoIptc = iptcRecords('포토스테이션 캡션', ['애니메이션', '原画']);
  const softEdit = concatBytes([2048, 1536, 3, 1000, 9000, 0x11222211, 0, 0, 100000, 100000, 0, 0].map((v) => u32be(v)));
  const footer = (tag: number, data: Uint8Array): Uint8Array => concatBytes([data, u16be(tag), u32be(data.length + 10), u32be(0xa1b2c3d4)]);
  const foto = concatBytes([footer(1, fotoIptc), footer(2, softEdit)]);
  const afcpStart = jpeg.length + foto.length;
  const afcpIptc = iptcRecords('AFCP 标题', ['关键词']);
  const text = utf8.encode('desk note');
  const dataAt = afcpStart + 12 + 2 * 12;
  const afcp = concatBytes([
    utf8.encode('AXS!'),
    u16be(0x0100),
    u16be(2),
    u32be(0),
    utf8.encode('IPTC'),
    u32be(afcpIptc.length),
    u32be(dataAt),
    utf8.encode('TEXT'),
    u32be(text.length),
    u32be(dataAt + afcpIptc.length),
    afcpIptc,
    text,
    utf8.encode('AXS!'),
    u32be(afcpStart),
    u32be(0),
  ]);
  const softEdit2 = (dataset: number, v: number): Uint8Array => concatBytes([Uint8Array.of(0x1c, 2, dataset), u16be(4), u32be(v)]);
  const pm = concatBytes([softEdit2(209, 6554), softEdit2(216, 1), softEdit2(221, 1), softEdit2(222, 3), softEdit2(223, 4)]);
  const photoMechanic = concatBytes([pm, u32be(pm.length), utf8.encode('cbipcbbl')]);
  return concatBytes([jpeg, foto, afcp, photoMechanic]);
}

/** BPG's ue7 and FLIF's varint: big-endian base 128, high bit set on every byte but the last. */
function base128(n: number): Uint8Array {
  const out = [n & 0x7f];
  for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) out.unshift((v & 0x7f) | 0x80);
  return Uint8Array.from(out);
}

const XMP_TITLE = '修改稿 수정본';
const imageXmp = (): Uint8Array =>
  utf8.encode(
    `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${XMP_TITLE}</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta>`,
  );

function cameraExif(): Uint8Array {
  const t = new TiffWriter(true);
  return t.build([t.ascii(0x010f, 'Canon'), t.ascii(0x0110, 'Canon EOS R6')], [t.ascii(0x9003, '2024:02:03 04:05:06')]);
}

/**
 * BPG as libbpg's bpgenc writes it: magic, a 16-bit field (pixel format 4:2:0, 8 bits, YCbCr BT 601, extension
 * flag), ue7 width/height/picture length, then extensions EXIF (with libbpg's stray pad byte before the TIFF header)
 * and XMP, then the picture data.
 */
export function bpgFile(): Uint8Array {
  const ext = (type: number, data: Uint8Array): Uint8Array => concatBytes([Uint8Array.of(type), base128(data.length), data]);
  const extensions = concatBytes([ext(1, concatBytes([Uint8Array.of(0), cameraExif()])), ext(3, imageXmp())]);
  const picture = new Uint8Array(32).fill(0x26);
  return concatBytes([
    utf8.encode('BPG'),
    Uint8Array.of(0xfb, (1 << 5) | 0, 0x08),
    base128(1920),
    base128(1080),
    base128(picture.length),
    base128(extensions.length),
    extensions,
    picture,
  ]);
}

/** FLIF: `FLIF`, type '3' (RGB, non-interlaced), depth '1' (8 bit), width-1 and height-1, raw-deflated eXif/eXmp chunks, then the image. */
export function flifFile(): Uint8Array {
  const chunk = (tag: string, data: Uint8Array): Uint8Array => {
    const packed = new Uint8Array(deflateRawSync(data));
    return concatBytes([utf8.encode(tag), base128(packed.length), packed]);
  };
  return concatBytes([
    utf8.encode('FLIF31'),
    base128(640 - 1),
    base128(480 - 1),
    chunk('eXif', concatBytes([utf8.encode('Exif\0\0'), cameraExif()])),
    chunk('eXmp', imageXmp()),
    Uint8Array.of(0),
    new Uint8Array(16).fill(0x5a),
  ]);
}
