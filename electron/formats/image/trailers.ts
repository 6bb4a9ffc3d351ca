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

const COLOR_CLASSES = ['None', 'Winner', 'Winner alt', 'Superior', 'Superior alt', 'Typical', 'Typical alt', 'Extras', 'Trash'];
const rawCrop = (v: number): { value: string; raw: number } => ({ value: `${(v / 655.36).toFixed(3)}%`, raw: v / 655.36 });
const plain = (v: number): { value: number } => ({ value: v });
/** Photo Mechanic's soft edits: IPTC-style datasets of record 2 holding one int32 each (PhotoMechanic.pm). */
const PHOTO_MECHANIC: Record<number, [string, (v: number) => { value: string | number; raw?: number }]> = {
  209: ['RawCropLeft', rawCrop],
  210: ['RawCropTop', rawCrop],
  211: ['RawCropRight', rawCrop],
  212: ['RawCropBottom', rawCrop],
  213: ['ConstrainedCropWidth', plain],
  214: ['ConstrainedCropHeight', plain],
  215: ['FrameNum', plain],
  216: ['Rotation', (v) => (v >= 0 && v <= 3 ? { value: String(v * 90), raw: v } : plain(v))],
  217: ['CropLeft', plain],
  218: ['CropTop', plain],
  219: ['CropRight', plain],
  220: ['CropBottom', plain],
  221: ['Tagged', (v) => (v === 0 || v === 1 ? { value: v ? 'Yes' : 'No', raw: v } : plain(v))],
  222: ['ColorClass', (v) => (COLOR_CLASSES[v] ? { value: `${v} (${COLOR_CLASSES[v]})`, raw: v } : plain(v))],
  223: ['Rating', plain],
  236: ['PreviewCropLeft', rawCrop],
  237: ['PreviewCropTop', rawCrop],
  238: ['PreviewCropRight', rawCrop],
  239: ['PreviewCropBottom', rawCrop],
};

/** Photo Mechanic: records, then a 12-byte footer (big-endian record size, `cbipcbbl`). */
function photoMechanic(bytes: Uint8Array, end: number, s: Segments): number | undefined {
  const r = new ByteReader(bytes, false);
  if (end < 12 || r.ascii(end - 8, 8) !== PHOTO_MECHANIC_SIGNATURE) return undefined;
  const size = r.u32(end - 12) ?? 0;
  const start = end - 12 - size;
  if (size >= 0x80000000 || start < 0) {
    s.warnings.push('PhotoMechanic: bad trailer size');
    return undefined;
  }
  for (let o = start; o + 5 <= end - 12 && r.u8(o) === 0x1c;) {
    const dataset = r.u8(o + 2) ?? 0;
    const length = r.u16(o + 3) ?? 0;
    const known = r.u8(o + 1) === 2 ? PHOTO_MECHANIC[dataset] : undefined;
    const v = length === 4 ? r.i32(o + 5) : undefined;
    if (known && v !== undefined) setTag(s.groups, 'PhotoMechanic', known[0], known[1](v));
    o += 5 + length;
  }
  return start;
}

/** Reads the trailers between `eoi` (just after the end-of-image marker) and the end of the file. */
export function readJpegTrailers(bytes: Uint8Array, eoi: number, s: Segments): void {
  let end = bytes.length;
  for (let n = 0; n < MAX_TRAILERS && end > eoi; n++) {
    const next = afcp(bytes, end, s) ?? fotoStation(bytes, end, s) ?? photoMechanic(bytes, end, s);
    if (next === undefined || next >= end) return;
    end = next;
  }
}
