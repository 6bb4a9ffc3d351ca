import type { MetadataGroups, MetaValue, TimestampEntry } from '../../../shared/domain/extraction';

/** A TIFF structure (EXIF) starting at its byte-order mark; `root` names a lone directory that is not IFD0. */
export interface TiffBlock {
  bytes: Uint8Array;
  root?: string;
  /** IFD0 tag names of a maker's variant that reuses low tag numbers (Panasonic RW2), before the EXIF names. */
  names?: Readonly<Record<number, string>>;
}

/** What a container walker found: metadata blocks for the shared parsers, plus its own container-level tags. */
export interface Segments {
  tiff: TiffBlock[];
  /** Raw IPTC IIM streams. */
  iptc: Uint8Array[];
  /** IPTC from JPEG trailers (AFCP, FotoStation), last trailer first: ExifTool's groups IPTC2, IPTC3… */
  trailerIptc: Uint8Array[];
  /** Photoshop image resource blocks (may hold IPTC, ICC, XMP, EXIF). */
  photoshop: Uint8Array[];
  icc: Uint8Array[];
  /** XMP packets, decoded to text; the first is the main packet. */
  xmp: string[];
  /** Container-native groups (`File`, `JFIF`, `SPIFF`, `PNG`, `RIFF`, `GIF`, `Jpeg2000`). */
  groups: MetadataGroups;
  timestamps: TimestampEntry[];
  warnings: string[];
}

/** A walker's result before it has found anything. */
export function emptySegments(): Segments {
  return { tiff: [], iptc: [], trailerIptc: [], photoshop: [], icc: [], xmp: [], groups: {}, timestamps: [], warnings: [] };
}

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0, 0];

/** Adds EXIF, dropping the `Exif\0\0` header some containers keep in front of the TIFF structure. */
export function addTiff(s: Segments, bytes: Uint8Array, root?: string): void {
  const data = EXIF_HEADER.every((b, i) => bytes[i] === b) ? bytes.subarray(6) : bytes;
  s.tiff.push(root === undefined ? { bytes: data } : { bytes: data, root });
}

/** Sets a tag unless the group already has it: the first occurrence wins, as in ExifTool. */
export function setTag(groups: MetadataGroups, group: string, tag: string, value: MetaValue): void {
  const g = (groups[group] ??= {});
  if (!(tag in g)) g[tag] = value;
}

/** Adds every tag of `source` that `target` does not have yet. */
export function mergeGroups(target: MetadataGroups, source: MetadataGroups): void {
  for (const [group, tags] of Object.entries(source)) for (const [tag, value] of Object.entries(tags)) setTag(target, group, tag, value);
}
