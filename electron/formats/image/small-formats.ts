import { decodeScannedPacket, decodeXmpBytes, scanXmpPackets } from '../xmp';
import { ByteReader } from './binary';
import { readJpeg } from './jpeg';
import { addTiff, emptySegments, setTag, type Segments } from './segments';

const u24le = (r: ByteReader, o: number): number => (r.u8(o) ?? 0) | ((r.u8(o + 1) ?? 0) << 8) | ((r.u8(o + 2) ?? 0) << 16);

/** WebP (RIFF): canvas size from VP8X / VP8 / VP8L, and the EXIF, XMP and ICCP chunks. */
export function readWebp(bytes: Uint8Array): Segments {
  const s = emptySegments();
  const r = new ByteReader(bytes, true);
  const end = Math.min(bytes.length, (r.u32(4) ?? 0) + 8);
  if (end < bytes.length) s.warnings.push(`RIFF: ${bytes.length - end} bytes after the RIFF chunk`);
  let o = 12;
  const size = (w: number, h: number): void => {
    setTag(s.groups, 'RIFF', 'ImageWidth', { value: w });
    setTag(s.groups, 'RIFF', 'ImageHeight', { value: h });
  };
  while (o + 8 <= end) {
    const id = r.ascii(o, 4);
    const length = r.u32(o + 4)!;
    const data = r.slice(o + 8, length);
    if (!data) {
      s.warnings.push(`RIFF: ${id} chunk at byte ${o} is truncated`);
      break;
    }
    const d = new ByteReader(data, true);
    if (id === 'VP8X') size(u24le(d, 4) + 1, u24le(d, 7) + 1);
    else if (id === 'VP8 ' && d.u8(3) === 0x9d && d.u8(4) === 0x01 && d.u8(5) === 0x2a)
      size((d.u16(6) ?? 0) & 0x3fff, (d.u16(8) ?? 0) & 0x3fff);
    else if (id === 'VP8L' && d.u8(0) === 0x2f) {
      const bits = d.u32(1) ?? 0;
      size((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
    } else if (id === 'EXIF') addTiff(s, data);
    else if (id === 'XMP ') s.xmp.push(decodeXmpBytes(data));
    else if (id === 'ICCP') s.icc.push(data);
    o += 8 + length + (length & 1);
  }
  return s;
}

/** GIF: logical screen size; XMP lives in an application extension and is found by packet scan. */
export function readGif(bytes: Uint8Array): Segments {
  const s = emptySegments();
  const r = new ByteReader(bytes, true);
  setTag(s.groups, 'GIF', 'GIFVersion', { value: r.ascii(3, 3) });
  setTag(s.groups, 'GIF', 'ImageWidth', { value: r.u16(6) ?? 0 });
  setTag(s.groups, 'GIF', 'ImageHeight', { value: r.u16(8) ?? 0 });
  for (const p of scanXmpPackets(bytes)) s.xmp.push(decodeScannedPacket(p));
  return s;
}

const BMP_COMPRESSION: Record<number, string> = { 0: 'None', 1: '8-Bit RLE', 2: '4-Bit RLE', 3: 'Bitfields', 4: 'JPEG', 5: 'PNG' };

/** BMP: the DIB header's size fields (a negative height means rows are stored top-down). */
export function readBmp(bytes: Uint8Array): Segments {
  const s = emptySegments();
  const r = new ByteReader(bytes, true);
  const headerSize = r.u32(14) ?? 0;
  const core = headerSize === 12;
  setTag(s.groups, 'BMP', 'BMPVersion', { value: headerSize });
  setTag(s.groups, 'BMP', 'ImageWidth', { value: (core ? r.u16(18) : r.i32(18)) ?? 0 });
  setTag(s.groups, 'BMP', 'ImageHeight', { value: (core ? r.u16(20) : r.i32(22)) ?? 0 });
  setTag(s.groups, 'BMP', 'BitDepth', { value: (core ? r.u16(24) : r.u16(28)) ?? 0 });
  if (!core) {
    const c = r.u32(30) ?? 0;
    setTag(s.groups, 'BMP', 'Compression', BMP_COMPRESSION[c] ? { value: BMP_COMPRESSION[c], raw: c } : { value: c });
  }
  return s;
}

const PSD_COLOR_MODE: Record<number, string> = {
  0: 'Bitmap',
  1: 'Grayscale',
  2: 'Indexed',
  3: 'RGB',
  4: 'CMYK',
  7: 'Multichannel',
  8: 'Duotone',
  9: 'Lab',
};

/** Photoshop PSD/PSB: header fields, then the image resource section (IPTC, XMP, ICC, EXIF live there). */
export function readPsd(bytes: Uint8Array): Segments {
  const s = emptySegments();
  const r = new ByteReader(bytes);
  setTag(s.groups, 'Photoshop', 'NumChannels', { value: r.u16(12) ?? 0 });
  setTag(s.groups, 'Photoshop', 'ImageHeight', { value: r.u32(14) ?? 0 });
  setTag(s.groups, 'Photoshop', 'ImageWidth', { value: r.u32(18) ?? 0 });
  setTag(s.groups, 'Photoshop', 'BitDepth', { value: r.u16(22) ?? 0 });
  const mode = r.u16(24) ?? 0;
  setTag(s.groups, 'Photoshop', 'ColorMode', PSD_COLOR_MODE[mode] ? { value: PSD_COLOR_MODE[mode], raw: mode } : { value: mode });
  const resourcesAt = 26 + 4 + (r.u32(26) ?? 0);
  const length = r.u32(resourcesAt);
  const resources = length === undefined ? undefined : r.slice(resourcesAt + 4, length);
  if (resources) s.photoshop.push(resources);
  else s.warnings.push('Photoshop: image resource section is missing or truncated');
  return s;
}

/** The JPEG preview a Fujifilm RAF header points at (offset and length at bytes 84 and 88), if inside the file. */
export function rafPreview(bytes: Uint8Array): Uint8Array | undefined {
  const r = new ByteReader(bytes);
  const offset = r.u32(84) ?? 0;
  const length = r.u32(88) ?? 0;
  return offset > 0 && length > 0 ? r.slice(offset, length) : undefined;
}

/** Fujifilm RAF: metadata comes from the embedded JPEG preview (its pixel size is the preview's, so it is dropped). */
export function readRaf(bytes: Uint8Array): Segments {
  const preview = rafPreview(bytes);
  if (!preview) return { ...emptySegments(), warnings: ['RAF: embedded JPEG is outside the file'] };
  const s = readJpeg(preview);
  delete s.groups.File;
  delete s.groups.JFIF;
  return s;
}

/** Minolta MRW: a chain of blocks, of which `TTW` is a complete TIFF structure holding the EXIF. */
export function readMrw(bytes: Uint8Array): Segments {
  const s = emptySegments();
  const r = new ByteReader(bytes);
  const end = Math.min(bytes.length, 8 + (r.u32(4) ?? 0));
  for (let o = 8; o + 8 <= end;) {
    const id = r.ascii(o, 4);
    const size = r.u32(o + 4) ?? 0;
    if (id === '\0TTW') {
      const tiff = r.slice(o + 8, size);
      if (tiff) addTiff(s, tiff);
    }
    o += 8 + size;
  }
  if (s.tiff.length === 0) s.warnings.push('MRW: no TTW (TIFF) block');
  return s;
}
