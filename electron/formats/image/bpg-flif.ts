import { inflateRawSync } from 'node:zlib';
import { decodeXmpBytes } from '../xmp';
import { ByteReader, MAX_INFLATED_BYTES } from './binary';
import { addTiff, emptySegments, setTag, type Segments } from './segments';

/**
 * BPG (Bellard's Better Portable Graphics, bpg_spec.txt) and FLIF (Free Lossless Image Format, FLIF16 spec and
 * doc/metadata): a header with the image's size and colour, then metadata (EXIF, ICC, XMP). Tags and groups follow
 * ExifTool's BPG.pm and FLIF.pm (group `File`).
 */

/** A big-endian base-128 number, high bit = more bytes follow (BPG's ue7 and FLIF's varint alike). */
function varint(r: ByteReader, at: number, maxBytes: number): { value: number; next: number } | undefined {
  let value = 0;
  for (let i = 0; i < maxBytes; i++) {
    const byte = r.u8(at + i);
    if (byte === undefined) return undefined;
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) return { value, next: at + i + 1 };
  }
  return undefined;
}

const BPG_PIXEL_FORMAT: Record<number, string> = {
  0: 'Grayscale',
  1: '4:2:0 (chroma at 0.5, 0.5)',
  2: '4:2:2 (chroma at 0.5, 0)',
  3: '4:4:4',
  4: '4:2:0 (chroma at 0, 0.5)',
  5: '4:2:2 (chroma at 0, 0)',
};
const BPG_ALPHA: Record<number, string> = {
  0x0000: 'No Alpha Plane',
  0x1000: 'Alpha Exists (color not premultiplied)',
  0x1004: 'Alpha Exists (color premultiplied)',
  0x0004: 'Alpha Exists (W color component)',
};
const BPG_COLOR_SPACE: Record<number, string> = {
  0: 'YCbCr (BT 601)',
  1: 'RGB',
  2: 'YCgCo',
  3: 'YCbCr (BT 709)',
  4: 'YCbCr (BT 2020)',
  5: 'BT 2020 Constant Luminance',
};
const BPG_EXTENSION_FLAG = 0x0008;
const BPG_EXIF = 1;
const BPG_ICC = 2;
const BPG_XMP = 3;

const coded = (table: Record<number, string>, raw: number): { value: string | number; raw?: number } =>
  table[raw] === undefined ? { value: raw } : { value: table[raw], raw };

export function readBpg(bytes: Uint8Array): Segments {
  const s = emptySegments();
  const r = new ByteReader(bytes, false);
  const word = r.u16(4) ?? 0;
  const set = (tag: string, v: { value: string | number; raw?: number }): void => setTag(s.groups, 'File', tag, v);
  set('PixelFormat', coded(BPG_PIXEL_FORMAT, word >> 13));
  set('Alpha', coded(BPG_ALPHA, word & 0x1004));
  set('BitDepth', { value: ((word >> 8) & 0x0f) + 8 });
  set('ColorSpace', coded(BPG_COLOR_SPACE, (word >> 4) & 0x0f));
  const flags = ['Animation', 'Limited Range', '', 'Extension Present'].filter((name, bit) => name && word & (1 << bit));
  set('Flags', { value: flags.length ? flags.join(', ') : '(none)', raw: word & 0x000b });
  const width = varint(r, 6, 5);
  const height = width && varint(r, width.next, 5);
  const length = height && varint(r, height.next, 5);
  if (!width || !height || !length) {
    s.warnings.push('BPG: header is truncated');
    return s;
  }
  set('ImageWidth', { value: width.value });
  set('ImageHeight', { value: height.value });
  set('ImageLength', { value: length.value });
  if (!(word & BPG_EXTENSION_FLAG)) return s;
  const extensions = varint(r, length.next, 5);
  if (!extensions) {
    s.warnings.push('BPG: extension length is missing');
    return s;
  }
  const end = extensions.next + extensions.value;
  if (end > bytes.length) s.warnings.push('BPG: extension data runs past the end of the file');
  for (let o = extensions.next; o < Math.min(end, bytes.length);) {
    const type = r.u8(o) ?? 0;
    const size = varint(r, o + 1, 5);
    const data = size && r.slice(size.next, size.value);
    if (!size || !data) {
      s.warnings.push('BPG: extension is truncated');
      break;
    }
    if (type === BPG_EXIF) {
      // libbpg copies the pad byte after APP1's "Exif\0" in front of the TIFF header; ExifTool skips it too.
      const padded = data.length > 3 && data[0] !== 0x49 && data[0] !== 0x4d && (data[1] === 0x49 || data[1] === 0x4d);
      addTiff(s, padded ? data.subarray(1) : data);
    } else if (type === BPG_ICC) s.icc.push(data);
    else if (type === BPG_XMP) s.xmp.push(decodeXmpBytes(data));
    o = size.next + size.value;
  }
  return s;
}

const FLIF_IMAGE_TYPE: Record<string, string> = {
  '1': 'Grayscale (non-interlaced)',
  '3': 'RGB (non-interlaced)',
  '4': 'RGBA (non-interlaced)',
  A: 'Grayscale (interlaced)',
  C: 'RGB (interlaced)',
  D: 'RGBA (interlaced)',
  Q: 'Grayscale Animation (non-interlaced)',
  S: 'RGB Animation (non-interlaced)',
  T: 'RGBA Animation (non-interlaced)',
  a: 'Grayscale Animation (interlaced)',
  c: 'RGB Animation (interlaced)',
  d: 'RGBA Animation (interlaced)',
};
const FLIF_BIT_DEPTH: Record<string, string | number> = { '0': 'Custom', '1': 8, '2': 16 };
/** Enough for any real width, height or chunk size; more means a corrupt file. */
const FLIF_VARINT_BYTES = 8;

export function readFlif(bytes: Uint8Array): Segments {
  const s = emptySegments();
  const r = new ByteReader(bytes, false);
  const type = r.ascii(4, 1);
  const depth = r.ascii(5, 1);
  const set = (tag: string, value: { value: string | number; raw?: string | number }): void => setTag(s.groups, 'File', tag, value);
  set('ImageType', FLIF_IMAGE_TYPE[type] ? { value: FLIF_IMAGE_TYPE[type], raw: type } : { value: type });
  const bits = FLIF_BIT_DEPTH[depth];
  set('BitDepth', bits === undefined ? { value: depth } : { value: bits, raw: Number(depth) });
  const width = varint(r, 6, FLIF_VARINT_BYTES);
  const height = width && varint(r, width.next, FLIF_VARINT_BYTES);
  // Animations (type letters after 'H') store the frame count minus two.
  const frames = height && type > 'H' ? varint(r, height.next, FLIF_VARINT_BYTES) : undefined;
  if (!width || !height || (type > 'H' && !frames)) {
    s.warnings.push('FLIF: header is truncated');
    return s;
  }
  set('ImageWidth', { value: width.value + 1 });
  set('ImageHeight', { value: height.value + 1 });
  if (frames) set('AnimationFrames', { value: frames.value + 2 });
  for (let o = (frames ?? height).next; o + 4 <= bytes.length;) {
    if ((r.u8(o) ?? 0) < 32) {
      if (r.u8(o) === 0) set('Encoding', { value: 'FLIF16', raw: 0 });
      break;
    }
    const tag = r.ascii(o, 4);
    const size = varint(r, o + 4, FLIF_VARINT_BYTES);
    const data = size && r.slice(size.next, size.value);
    if (!size || !data) {
      s.warnings.push(`FLIF: ${tag} chunk is truncated`);
      break;
    }
    if (tag === 'eXif' || tag === 'eXmp' || tag === 'iCCP') {
      try {
        // Metadata chunks are raw deflate streams (no zlib header).
        const inflated = new Uint8Array(inflateRawSync(data, { maxOutputLength: MAX_INFLATED_BYTES }));
        if (tag === 'eXif') addTiff(s, inflated);
        else if (tag === 'eXmp') s.xmp.push(decodeXmpBytes(inflated));
        else s.icc.push(inflated);
      } catch (e) {
        s.warnings.push(`FLIF: ${tag} chunk could not be inflated (${e instanceof Error ? e.message : String(e)})`);
      }
    }
    o = size.next + size.value;
  }
  return s;
}
