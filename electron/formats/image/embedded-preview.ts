import { ByteReader } from './binary';
import { crwPreview } from './crw';
import { detectImageFormat } from './format';
import { READERS } from './image-extractor';
import { readPhotoshopResources } from './iptc';
import { panasonicJpgFromRaw } from './raw-tiff';
import { emptySegments, type Segments } from './segments';
import { rafPreview } from './small-formats';
import { entryUints, readTiff, type Ifd, type IfdEntry } from './tiff-reader';

/** A JPEG preview that a container carries next to its own pixels, and where it was found. */
export interface EmbeddedJpeg {
  bytes: Uint8Array;
  width: number;
  height: number;
  where: string;
}

const JPEG_INTERCHANGE_FORMAT = 0x0201;
const JPEG_INTERCHANGE_LENGTH = 0x0202;
const COMPRESSION = 0x0103;
const STRIP_OFFSETS = 0x0111;
const STRIP_BYTE_COUNTS = 0x0117;
const PHOTOSHOP_SETTINGS = 0x8649;
/** Photoshop image resource 1036: a JFIF thumbnail after a 28-byte header whose first field is 1 (kJpegRGB). */
const IRB_THUMBNAIL = 0x040c;

/**
 * Baseline, extended and progressive DCT: what Chromium decodes. Lossless JPEG (SOF3, the "JPEG" strips of many
 * DNGs) and arithmetic coding are left out, since the pane could not show them.
 */
const DECODABLE_SOF = new Set([0xc0, 0xc1, 0xc2]);

/** Pixel size of a JPEG the browser can decode, from its frame header; undefined for anything else. */
export function decodableJpegSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  const r = new ByteReader(bytes);
  if (r.u8(0) !== 0xff || r.u8(1) !== 0xd8) return undefined;
  let o = 2;
  while (o + 4 <= bytes.byteLength) {
    if (r.u8(o) !== 0xff) return undefined;
    const marker = r.u8(o + 1) ?? 0;
    if (marker === 0xff) {
      o++;
      continue;
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = r.u16(o + 5) ?? 0;
      const width = r.u16(o + 7) ?? 0;
      return DECODABLE_SOF.has(marker) && width > 0 && height > 0 ? { width, height } : undefined;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined;
    o += 2 + (r.u16(o + 2) ?? bytes.byteLength);
  }
  return undefined;
}

const entry = (ifd: Ifd, tag: number): IfdEntry | undefined => ifd.entries.find((e) => e.tag === tag);

/** JPEGs an IFD points at: the EXIF thumbnail pair (0x0201/0x0202), or a single JPEG-compressed strip (raw previews). */
function ifdJpegs(bytes: Uint8Array, ifd: Ifd, littleEndian: boolean): { at: number; length: number }[] {
  const uint = (tag: number): number[] => {
    const e = entry(ifd, tag);
    return e ? entryUints(e, littleEndian) : [];
  };
  const out: { at: number; length: number }[] = [];
  const [at] = uint(JPEG_INTERCHANGE_FORMAT);
  const [length] = uint(JPEG_INTERCHANGE_LENGTH);
  if (at !== undefined && length !== undefined) out.push({ at, length });
  const [compression] = uint(COMPRESSION);
  const strips = uint(STRIP_OFFSETS);
  const counts = uint(STRIP_BYTE_COUNTS);
  if ((compression === 6 || compression === 7) && strips.length === 1 && counts.length === 1)
    out.push({ at: strips[0]!, length: counts[0]! });
  return out.filter((j) => j.length > 0 && j.at + j.length <= bytes.byteLength);
}

function candidates(segments: Segments): { bytes: Uint8Array; where: string }[] {
  const found: { bytes: Uint8Array; where: string }[] = [];
  const photoshop = [...segments.photoshop];
  for (const block of segments.tiff) {
    const tiff = readTiff(block.bytes, block.root);
    for (const ifd of tiff.ifds) {
      for (const j of ifdJpegs(block.bytes, ifd, tiff.littleEndian)) {
        found.push({ bytes: block.bytes.subarray(j.at, j.at + j.length), where: `EXIF ${ifd.name}` });
      }
      const settings = ifd.name === 'IFD0' ? entry(ifd, PHOTOSHOP_SETTINGS) : undefined;
      if (settings) photoshop.push(settings.bytes);
    }
  }
  for (const block of photoshop) {
    for (const resource of readPhotoshopResources(block).resources.get(IRB_THUMBNAIL) ?? []) {
      if (new ByteReader(resource).u32(0) === 1) found.push({ bytes: resource.subarray(28), where: 'Photoshop thumbnail resource' });
    }
  }
  return found;
}

/**
 * The largest browser-decodable JPEG preview embedded in an image: EXIF IFD1 thumbnails (JPEG, TIFF, HEIF, WebP,
 * PNG eXIf), JPEG strips of raw previews, Photoshop thumbnail resources (PSD, TIFF, JPEG APP13), the RAF preview.
 * The bytes are a view into `bytes`: never the original pixels, which the caller must say.
 */
export function findEmbeddedJpeg(bytes: Uint8Array): EmbeddedJpeg | undefined {
  const format = detectImageFormat(bytes.subarray(0, 64));
  if (!format) return undefined;
  let segments: Segments;
  try {
    segments = format === 'raf' ? emptySegments() : READERS[format](bytes);
  } catch {
    // A container the walker cannot read has no preview to offer; the metadata extractor reports the damage.
    return undefined;
  }
  const found = candidates(segments);
  const raf = format === 'raf' ? rafPreview(bytes) : undefined;
  if (raf) found.push({ bytes: raf, where: 'RAF preview' });
  const crw = format === 'crw' ? crwPreview(bytes) : undefined;
  if (crw) found.push({ bytes: crw, where: 'CRW JpgFromRaw' });
  const rw2 = format === 'tiff' ? panasonicJpgFromRaw(bytes) : undefined;
  if (rw2) found.push({ bytes: rw2, where: 'RW2 JpgFromRaw' });
  let best: EmbeddedJpeg | undefined;
  for (const c of found) {
    const size = decodableJpegSize(c.bytes);
    if (size && (!best || size.width * size.height > best.width * best.height)) best = { bytes: c.bytes, ...size, where: c.where };
  }
  return best;
}
