import { ByteReader } from './binary';
import { setTag, type Segments } from './segments';

/**
 * Metadata appended after a JPEG's end-of-image marker by picture-desk software, read from the end of the file the
 * way ExifTool does (AFCP.pm, FotoStation.pm, PhotoMechanic.pm): each trailer says where it starts, so they are
 * peeled off one after another. Their IPTC is kept apart from the file's own (ExifTool's IPTC2, IPTC3…); damaged
 * trailers end the walk with a warning.
 */

const FOTOSTATION_SIGNATURE = 0xa1b2c3d4;
const FOTOSTATION_IPTC = 1;
const FOTOSTATION_SOFT_EDIT = 2;
const PHOTO_MECHANIC_SIGNATURE = 'cbipcbbl';
const MAX_TRAILERS = 64;

/** AFCP (AXS File Concatenation Protocol): a 12-byte end record `AXS!`/`AXS*` + start offset, a directory at the start. */
function afcp(bytes: Uint8Array, end: number, s: Segments): number | undefined {
  const tail = new ByteReader(bytes.subarray(end - 12, end), false);
  const hdr = tail.ascii(0, 4);
  if (hdr !== 'AXS!' && hdr !== 'AXS*') return undefined;
  const r = new ByteReader(bytes, hdr === 'AXS!' ? false : true);
  const start = r.u32(end - 8) ?? 0;
  if (start >= end || r.ascii(start, 4) !== hdr) {
    s.warnings.push('AFCP: trailer start offset does not point at its header');
    return undefined;
  }
  const count = r.u16(start + 6) ?? 0;
  for (let i = 0; i < count; i++) {
    const at = start + 12 + i * 12;
    const tag = r.ascii(at, 4);
    const data = r.slice(r.u32(at + 8) ?? 0, r.u32(at + 4) ?? 0);
    if (!data) {
      s.warnings.push('AFCP: directory entry points outside the file');
      break;
    }
    if (tag === 'IPTC') s.trailerIptc.push(data);
    else if (tag === 'TEXT') setTag(s.groups, 'AFCP', 'Text', { value: new TextDecoder('latin1').decode(data) });
  }
  return start;
}

const SOFT_EDIT: Array<[number, string, (v: number) => number, string?]> = [
  [0, 'OriginalImageWidth', (v) => v],
  [1, 'OriginalImageHeight', (v) => v],
  [2, 'ColorPlanes', (v) => v],
  [3, 'XYResolution', (v) => v / 1000],
  // Stored as degrees counter-clockwise × 100; ExifTool reports degrees clockwise.
  [4, 'Rotation', (v) => (v ? 360 - v / 100 : 0)],
  [6, 'CropLeft', (v) => v / 1000, '%'],
  [7, 'CropTop', (v) => v / 1000, '%'],
  [8, 'CropRight', (v) => v / 1000, '%'],
  [9, 'CropBottom', (v) => v / 1000, '%'],
  [11, 'CropRotation', (v) => -v / 100],
];

/** FotoStation: records that end in a 10-byte footer (tag, record size, 0xA1B2C3D4), big-endian. */
function fotoStation(bytes: Uint8Array, end: number, s: Segments): number | undefined {
  const r = new ByteReader(bytes, false);
  if (end < 10 || r.u32(end - 4) !== FOTOSTATION_SIGNATURE) return undefined;
  const tag = r.u16(end - 10) ?? 0;
  const size = r.u32(end - 8) ?? 0;
  if (size < 10 || size > end) {
    s.warnings.push('FotoStation: record size runs past the start of the file');
    return undefined;
  }
  const start = end - size;
  const data = bytes.subarray(start, end - 10);
  if (tag === FOTOSTATION_IPTC) s.trailerIptc.push(data);
  else if (tag === FOTOSTATION_SOFT_EDIT) {
    const d = new ByteReader(data, false);
    for (const [index, name, conv, unit] of SOFT_EDIT) {
      const v = d.i32(index * 4);
      if (v === undefined) continue;
      const value = conv(v);
      setTag(s.groups, 'FotoStation', name, unit ? { value: `${value}${unit}`, raw: value } : { value });
    }
  }
  return start;
}

/** Photo Mechanic: its records end with a 4-byte trailer size and `cbipcbbl`; only skipped here, to reach what precedes it. */
function photoMechanic(bytes: Uint8Array, end: number): number | undefined {
  if (end < 12 || new ByteReader(bytes).ascii(end - 8, 8) !== PHOTO_MECHANIC_SIGNATURE) return undefined;
  const size = new ByteReader(bytes, false).u32(end - 12) ?? 0;
  return size > 0 && size <= end ? end - size : undefined;
}

/** Reads the trailers between `eoi` (just after the end-of-image marker) and the end of the file. */
export function readJpegTrailers(bytes: Uint8Array, eoi: number, s: Segments): void {
  let end = bytes.length;
  for (let n = 0; n < MAX_TRAILERS && end > eoi; n++) {
    const next = afcp(bytes, end, s) ?? fotoStation(bytes, end, s) ?? photoMechanic(bytes, end);
    if (next === undefined || next >= end) return;
    end = next;
  }
}
