import { decodeXmpBytes } from '../xmp';
import { ByteReader, concatBytes } from './binary';
import { readJpegTrailers } from './trailers';
import { addTiff, emptySegments, setTag, type Segments } from './segments';
import { legacyText } from './text';

const XMP_MAIN = 'http://ns.adobe.com/xap/1.0/\0';
const XMP_EXTENSION = 'http://ns.adobe.com/xmp/extension/\0';
const ICC_PROFILE = 'ICC_PROFILE\0';
const PHOTOSHOP = 'Photoshop 3.0\0';

const SOF_PROCESS: Record<number, string> = {
  0xc0: 'Baseline DCT, Huffman coding',
  0xc1: 'Extended sequential DCT, Huffman coding',
  0xc2: 'Progressive DCT, Huffman coding',
  0xc3: 'Lossless, Huffman coding',
  0xc5: 'Sequential DCT, differential Huffman coding',
  0xc6: 'Progressive DCT, differential Huffman coding',
  0xc7: 'Lossless, Differential Huffman coding',
  0xc9: 'Extended sequential DCT, arithmetic coding',
  0xca: 'Progressive DCT, arithmetic coding',
  0xcb: 'Lossless, arithmetic coding',
  0xcd: 'Extended sequential DCT, differential arithmetic coding',
  0xce: 'Progressive DCT, differential arithmetic coding',
  0xcf: 'Lossless, differential arithmetic coding',
};

function jfif(s: Segments, data: ByteReader): void {
  const major = data.u8(5);
  const minor = data.u8(6);
  if (major === undefined || minor === undefined) return;
  setTag(s.groups, 'JFIF', 'JFIFVersion', { value: `${major}.${String(minor).padStart(2, '0')}`, raw: `${major} ${minor}` });
  const unit = data.u8(7);
  if (unit !== undefined) setTag(s.groups, 'JFIF', 'ResolutionUnit', { value: ['None', 'inches', 'cm'][unit] ?? unit, raw: unit });
  const x = data.u16(8);
  const y = data.u16(10);
  if (x !== undefined) setTag(s.groups, 'JFIF', 'XResolution', { value: x });
  if (y !== undefined) setTag(s.groups, 'JFIF', 'YResolution', { value: y });
}

function spiff(s: Segments, data: ByteReader): void {
  const base = 6;
  const height = data.u32(base + 6);
  const width = data.u32(base + 10);
  const major = data.u8(base);
  const minor = data.u8(base + 1);
  if (major !== undefined && minor !== undefined) setTag(s.groups, 'SPIFF', 'SPIFFVersion', { value: `${major} ${minor}` });
  if (height !== undefined) setTag(s.groups, 'SPIFF', 'ImageHeight', { value: height });
  if (width !== undefined) setTag(s.groups, 'SPIFF', 'ImageWidth', { value: width });
}

/** Adobe "Save for Web" APP12: Quality, and Comment/Copyright as a character count then UCS-2BE. */
function ducky(s: Segments, data: ByteReader): void {
  for (let o = 5; o + 4 <= data.length;) {
    const tag = data.u16(o)!;
    const length = data.u16(o + 2)!;
    if (tag === 0) break;
    const value = data.slice(o + 4, length);
    if (!value) break;
    if (tag === 1) setTag(s.groups, 'Ducky', 'Quality', { value: new ByteReader(value).u32(0) ?? 0 });
    else if (tag === 2 || tag === 3) {
      const text = new TextDecoder('utf-16be').decode(value.subarray(4, 4 + ((value.length - 4) & ~1))).replace(/\0+$/, '');
      setTag(s.groups, 'Ducky', tag === 2 ? 'Comment' : 'Copyright', { value: text });
    }
    o += 4 + length;
  }
}

/** Entropy-coded data stuffs every 0xFF, so an FF D9 pair after the scan header can only be the EOI marker. */
function hasEndOfImage(bytes: Uint8Array, from: number): boolean {
  for (let i = bytes.length - 2; i > from; i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  return false;
}

/**
 * Walks JPEG marker segments up to the scan: EXIF (APP1), XMP and extended XMP (APP1), ICC (APP2, multi-chunk),
 * SPIFF (APP8), Ducky (APP12), Photoshop IRB/IPTC (APP13, multi-segment), JFIF (APP0), COM, and the frame header (SOFn).
 */
export function readJpeg(bytes: Uint8Array): Segments {
  const s = emptySegments();
  const r = new ByteReader(bytes);
  const iccChunks: Array<{ seq: number; data: Uint8Array }> = [];
  const photoshopParts: Uint8Array[] = [];
  const extended = new Map<string, { total: number; parts: Map<number, Uint8Array> }>();
  let o = 2;
  let scanAt = -1;
  while (o + 4 <= bytes.length) {
    if (bytes[o] !== 0xff) {
      s.warnings.push(`JPEG: expected a marker at byte ${o}, metadata after it not read`);
      break;
    }
    const marker = bytes[o + 1]!;
    if (marker === 0xff) {
      o++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      o += 2;
      continue;
    }
    if (marker === 0xd9) break;
    const length = r.u16(o + 2)!;
    const available = Math.min(length - 2, bytes.length - (o + 4));
    if (length < 2 || available < length - 2) s.warnings.push(`JPEG: segment 0x${marker.toString(16)} at byte ${o} is truncated`);
    const data = new ByteReader(bytes.subarray(o + 4, o + 4 + Math.max(0, available)));
    const head = (n: number): string => data.ascii(0, n);
    if (marker === 0xda) {
      scanAt = o;
      break;
    }
    if (marker === 0xe0 && head(5) === 'JFIF\0') jfif(s, data);
    else if (marker === 0xe1 && head(6).startsWith('Exif\0')) addTiff(s, data.bytes);
    else if (marker === 0xe1 && head(XMP_MAIN.length) === XMP_MAIN) s.xmp.unshift(decodeXmpBytes(data.bytes.subarray(XMP_MAIN.length)));
    else if (marker === 0xe1 && head(XMP_EXTENSION.length) === XMP_EXTENSION) {
      const at = XMP_EXTENSION.length;
      const guid = data.ascii(at, 32);
      const total = data.u32(at + 32) ?? 0;
      const offset = data.u32(at + 36) ?? 0;
      const entry = extended.get(guid) ?? { total, parts: new Map<number, Uint8Array>() };
      entry.parts.set(offset, data.bytes.subarray(at + 40));
      extended.set(guid, entry);
    } else if (marker === 0xe2 && head(ICC_PROFILE.length) === ICC_PROFILE) {
      iccChunks.push({ seq: data.u8(12) ?? 0, data: data.bytes.subarray(14) });
    } else if (marker === 0xe8 && head(6) === 'SPIFF\0') spiff(s, data);
    else if (marker === 0xec && head(5) === 'Ducky') ducky(s, data);
    else if (marker === 0xed && head(PHOTOSHOP.length) === PHOTOSHOP) photoshopParts.push(data.bytes.subarray(PHOTOSHOP.length));
    else if (marker === 0xfe) setTag(s.groups, 'File', 'Comment', legacyText(data.bytes));
    else if (SOF_PROCESS[marker] && !s.groups.File?.ImageWidth) {
      setTag(s.groups, 'File', 'ImageWidth', { value: data.u16(3) ?? 0 });
      setTag(s.groups, 'File', 'ImageHeight', { value: data.u16(1) ?? 0 });
      setTag(s.groups, 'File', 'EncodingProcess', { value: SOF_PROCESS[marker], raw: marker - 0xc0 });
      setTag(s.groups, 'File', 'BitsPerSample', { value: data.u8(0) ?? 0 });
      setTag(s.groups, 'File', 'ColorComponents', { value: data.u8(5) ?? 0 });
    }
    o += 2 + length;
  }

  if (iccChunks.length > 0) s.icc.push(concatBytes(iccChunks.sort((a, b) => a.seq - b.seq).map((c) => c.data)));
  if (photoshopParts.length > 0) s.photoshop.push(concatBytes(photoshopParts));
  for (const [guid, entry] of extended) {
    const offsets = [...entry.parts.keys()].sort((a, b) => a - b);
    const joined = concatBytes(offsets.map((k) => entry.parts.get(k)!));
    if (joined.length !== entry.total) s.warnings.push(`JPEG: extended XMP ${guid} incomplete (${joined.length} of ${entry.total} bytes)`);
    s.xmp.push(decodeXmpBytes(joined));
  }
  if (scanAt < 0) s.warnings.push('JPEG: no image scan found (truncated or corrupt)');
  else if (!hasEndOfImage(bytes, scanAt)) s.warnings.push('JPEG: no end-of-image marker after the scan (truncated)');
  else readJpegTrailers(bytes, scanAt, s);
  return s;
}
