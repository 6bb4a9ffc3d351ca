import { ByteReader } from './binary';
import { readJpeg } from './jpeg';
import { emptySegments, type Segments } from './segments';
import { readTiff } from './tiff-reader';

/**
 * TIFF and the raw formats built on it (CR2, NEF, ARW, DNG, ORF, PEF, SRW, RW2). Most keep their EXIF in ordinary
 * IFDs; Panasonic RW2/RWL (magic 0x55) keeps only sensor data in IFD0 and the camera's EXIF in the JPEG it stores
 * as JpgFromRaw (tag 0x2e), which ExifTool reads as the file's EXIF.
 */

const PANASONIC_MAGIC = 0x55;
const JPG_FROM_RAW = 0x002e;

/** ExifTool's PanasonicRaw names for RW2 IFD0 tags that EXIF uses for other things (0x01–0x2f). */
export const PANASONIC_RAW_TAGS: Readonly<Record<number, string>> = {
  0x0001: 'PanasonicRawVersion',
  0x0002: 'SensorWidth',
  0x0003: 'SensorHeight',
  0x0004: 'SensorTopBorder',
  0x0005: 'SensorLeftBorder',
  0x0006: 'SensorBottomBorder',
  0x0007: 'SensorRightBorder',
  0x0008: 'SamplesPerPixel',
  0x0009: 'CFAPattern',
  0x000a: 'BitsPerSample',
  0x000b: 'Compression',
  0x000e: 'LinearityLimitRed',
  0x000f: 'LinearityLimitGreen',
  0x0010: 'LinearityLimitBlue',
  0x0017: 'ISO',
  0x0018: 'HighISOMultiplierRed',
  0x0019: 'HighISOMultiplierGreen',
  0x001a: 'HighISOMultiplierBlue',
  0x001c: 'BlackLevelRed',
  0x001d: 'BlackLevelGreen',
  0x001e: 'BlackLevelBlue',
  0x0024: 'WBRedLevel',
  0x0025: 'WBGreenLevel',
  0x0026: 'WBBlueLevel',
  0x002d: 'RawFormat',
  0x002e: 'JpgFromRaw',
};

const isPanasonicRaw = (bytes: Uint8Array): boolean => new ByteReader(bytes, bytes[0] === 0x49).u16(2) === PANASONIC_MAGIC;

/** The JPEG a Panasonic RW2 stores in IFD0 (JpgFromRaw): the camera's EXIF, and the best preview. */
export function panasonicJpgFromRaw(bytes: Uint8Array): Uint8Array | undefined {
  if (!isPanasonicRaw(bytes)) return undefined;
  return readTiff(bytes)
    .ifds.find((i) => i.name === 'IFD0')
    ?.entries.find((e) => e.tag === JPG_FROM_RAW)?.bytes;
}

export function readTiffFile(bytes: Uint8Array): Segments {
  const s = emptySegments();
  if (!isPanasonicRaw(bytes)) {
    s.tiff.push({ bytes });
    return s;
  }
  s.tiff.push({ bytes, names: PANASONIC_RAW_TAGS });
  const jpeg = panasonicJpgFromRaw(bytes);
  if (!jpeg) return s;
  const inner = readJpeg(jpeg);
  s.tiff.push(...inner.tiff);
  s.iptc.push(...inner.iptc);
  s.photoshop.push(...inner.photoshop);
  s.icc.push(...inner.icc);
  s.xmp.push(...inner.xmp);
  s.warnings.push(...inner.warnings.map((w) => `JpgFromRaw: ${w}`));
  return s;
}
