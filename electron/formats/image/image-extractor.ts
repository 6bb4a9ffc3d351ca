import type { DocumentIdentity, MetadataGroups, TimestampEntry } from '../../../shared/domain/extraction';
import type { ExtractInput, Extractor, ExtractorOutput } from '../types';
import { compositeGps, decodeXmpBytes, parseXmpPacket } from '../xmp';
import { readCr3, readHeif, readJp2, readJxl } from './bmff';
import { readBpg, readFlif } from './bpg-flif';
import { readCrw } from './crw';
import { exifToGroups, type ExifDate } from './exif-groups';
import { detectImageFormat, type ImageFormat } from './format';
import { parseIcc } from './icc';
import { IRB_EXIF, IRB_ICC, IRB_IPTC, IRB_XMP, parseIptc, readPhotoshopResources } from './iptc';
import { readJpeg } from './jpeg';
import { readPng } from './png';
import { emptySegments, mergeGroups, type Segments } from './segments';
import { readTiffFile } from './raw-tiff';
import { readTiff } from './tiff-reader';
import { readBmp, readGif, readMrw, readPsd, readRaf, readWebp } from './small-formats';

/** Images larger than this are read only in their first part (metadata sits near the start of every format here). */
const MAX_READ = 256 * 1024 * 1024;
const PARTIAL_READ = 64 * 1024 * 1024;

/** The container walker of each format; the preview code reuses them to find embedded JPEG previews. */
export const READERS: Record<ImageFormat, (bytes: Uint8Array) => Segments> = {
  jpeg: readJpeg,
  png: readPng,
  tiff: readTiffFile,
  heif: readHeif,
  webp: readWebp,
  gif: readGif,
  jp2: readJp2,
  jxl: readJxl,
  cr3: readCr3,
  psd: readPsd,
  raf: readRaf,
  mrw: readMrw,
  bmp: readBmp,
  crw: readCrw,
  bpg: readBpg,
  flif: readFlif,
};

/** XMP dates that describe the same moment as an EXIF date, used for its offset when EXIF has no OffsetTime*. */
const XMP_COUNTERPARTS: Record<string, string[]> = {
  'ExifIFD:DateTimeOriginal': ['XMP-exif:DateTimeOriginal', 'XMP-photoshop:DateCreated'],
  'IFD0:DateTimeOriginal': ['XMP-exif:DateTimeOriginal', 'XMP-photoshop:DateCreated'],
  'ExifIFD:CreateDate': ['XMP-xmp:CreateDate', 'XMP-exif:DateTimeDigitized'],
  'IFD0:ModifyDate': ['XMP-xmp:ModifyDate', 'XMP-tiff:ModifyDate'],
};

const OFFSET_SUFFIX = /(Z|[+-]\d{2}:\d{2})$/;

function withOffset(iso: string, offset: string): TimestampEntry['utc'] {
  const ms = Date.parse(`${iso}${offset}`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** EXIF wall-clock dates get an offset only from OffsetTime* or a matching XMP date; they are never re-zoned. */
function exifTimestamp(d: ExifDate, xmp: TimestampEntry[]): TimestampEntry {
  const [date = '', time = ''] = d.wallClock.split(' ');
  const iso = `${date.replace(/:/g, '-')}T${time}${d.subSec ? `.${d.subSec}` : ''}`;
  let offset = d.offset;
  let label = d.offsetSource ? `offset from ${d.offsetSource}` : undefined;
  if (!offset) {
    const match = xmp.find((x) => XMP_COUNTERPARTS[d.field]?.includes(x.field) && x.hasOffset && x.value.slice(0, 16) === iso.slice(0, 16));
    const suffix = match ? OFFSET_SUFFIX.exec(match.value)?.[1] : undefined;
    if (match && suffix) {
      offset = suffix;
      label = `offset from ${match.field}`;
    }
  }
  if (!offset) return { field: d.field, value: iso, hasOffset: false };
  const entry: TimestampEntry = { field: d.field, value: `${iso}${offset}`, hasOffset: true };
  const utc = withOffset(iso, offset);
  if (utc) entry.utc = utc;
  if (label) entry.label = label;
  return entry;
}

/** Runs the shared metadata parsers over what a container walker found; the first value found for a tag wins. */
function assemble(segments: Segments): ExtractorOutput {
  const metadata: MetadataGroups = {};
  const timestamps: TimestampEntry[] = [...segments.timestamps];
  const warnings: string[] = [...segments.warnings];
  const tiffBlocks = [...segments.tiff];
  const iptcBlocks = [...segments.iptc];
  const iccBlocks = [...segments.icc];
  const xmpPackets = [...segments.xmp];
  let identity: DocumentIdentity | undefined;
  const guard = (stage: string, fn: () => void): void => {
    try {
      fn();
    } catch (e) {
      warnings.push(`${stage}: could not be read (${e instanceof Error ? e.message : String(e)})`);
    }
  };

  mergeGroups(metadata, segments.groups);

  const photoshop = (blocks: Uint8Array[]): void => {
    for (const block of blocks) {
      guard('Photoshop', () => {
        const { resources, warnings: w } = readPhotoshopResources(block);
        warnings.push(...w);
        iptcBlocks.push(...(resources.get(IRB_IPTC) ?? []));
        iccBlocks.push(...(resources.get(IRB_ICC) ?? []));
        xmpPackets.push(...(resources.get(IRB_XMP) ?? []).map(decodeXmpBytes));
        tiffBlocks.push(...(resources.get(IRB_EXIF) ?? []).map((bytes) => ({ bytes })));
      });
    }
  };
  photoshop(segments.photoshop);

  const exifDates: ExifDate[] = [];
  for (const block of tiffBlocks) {
    guard('EXIF', () => {
      const exif = exifToGroups(readTiff(block.bytes, block.root), block.names);
      mergeGroups(metadata, exif.groups);
      warnings.push(...exif.warnings);
      exifDates.push(...exif.dates.filter((d) => !exifDates.some((e) => e.field === d.field)));
      if (exif.gps && !metadata.Composite) metadata.Composite = compositeGps(exif.gps.lat, exif.gps.lon);
      if (exif.gpsUtc && !timestamps.some((t) => t.field === 'GPS:GPSDateTime')) {
        const utc = withOffset(exif.gpsUtc.slice(0, -1), 'Z');
        timestamps.push(
          utc
            ? { field: 'GPS:GPSDateTime', value: exif.gpsUtc, hasOffset: true, utc }
            : { field: 'GPS:GPSDateTime', value: exif.gpsUtc, hasOffset: true },
        );
      }
      iptcBlocks.push(...exif.embedded.iptc);
      iccBlocks.push(...exif.embedded.icc);
      xmpPackets.push(...exif.embedded.xmp.map(decodeXmpBytes));
      photoshop(exif.embedded.photoshop);
    });
  }

  const iptcGroups: Array<[string, Uint8Array]> = [
    ...iptcBlocks.map((b): [string, Uint8Array] => ['IPTC', b]),
    ...segments.trailerIptc.map((b, i): [string, Uint8Array] => [`IPTC${i + 2}`, b]),
  ];
  for (const [group, block] of iptcGroups) {
    guard(group, () => {
      const iptc = parseIptc(block);
      mergeGroups(metadata, { [group]: iptc.tags });
      warnings.push(...iptc.warnings);
      const dated = iptc.timestamps.map((t) => ({ ...t, field: t.field.replace(/^IPTC:/, `${group}:`) }));
      timestamps.push(...dated.filter((t) => !timestamps.some((x) => x.field === t.field)));
    });
  }

  const icc = iccBlocks[0];
  if (icc) {
    guard('ICC_Profile', () => {
      const parsed = parseIcc(icc);
      mergeGroups(metadata, parsed.groups);
      warnings.push(...parsed.warnings);
    });
  }

  const xmpTimestamps: TimestampEntry[] = [];
  for (const packet of xmpPackets) {
    guard('XMP', () => {
      const xmp = parseXmpPacket(packet);
      mergeGroups(metadata, xmp.metadata);
      warnings.push(...xmp.warnings);
      xmpTimestamps.push(...xmp.timestamps.filter((t) => !xmpTimestamps.some((x) => x.field === t.field && x.value === t.value)));
      identity ??= xmp.identity;
    });
  }

  timestamps.unshift(...exifDates.map((d) => exifTimestamp(d, xmpTimestamps)));
  timestamps.push(...xmpTimestamps);

  const out: ExtractorOutput = { metadata, timestamps, warnings };
  if (identity) out.identity = identity;
  return out;
}

async function readImageBytes(input: ExtractInput, warnings: string[]): Promise<Uint8Array> {
  if (input.source.size <= MAX_READ) return input.source.readAll();
  warnings.push(`image: ${input.source.size} bytes; only the first ${PARTIAL_READ} were read for metadata`);
  return input.source.read(0, PARTIAL_READ);
}

/** EXIF, XMP, IPTC, ICC and container metadata of JPEG, TIFF (and TIFF-based raw), CRW, PNG, HEIF/AVIF, WebP, GIF, JPEG 2000, BPG, FLIF. */
export const imageExtractor: Extractor = {
  name: 'image',
  version: 3,
  accepts(_input: ExtractInput, head: Uint8Array): boolean {
    return detectImageFormat(head) !== undefined;
  },
  async extract(input: ExtractInput): Promise<ExtractorOutput> {
    const warnings: string[] = [];
    const bytes = await readImageBytes(input, warnings);
    const format = detectImageFormat(bytes.subarray(0, 64));
    if (!format) return { warnings: ['image: not a recognised image format'] };
    let segments: Segments;
    try {
      segments = READERS[format](bytes);
    } catch (e) {
      segments = emptySegments();
      segments.warnings.push(`${format}: container could not be read (${e instanceof Error ? e.message : String(e)})`);
    }
    segments.warnings.unshift(...warnings);
    return assemble(segments);
  },
};
