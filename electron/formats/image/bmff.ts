import { brotliDecompressSync } from 'node:zlib';
import { type Box, BoxList, fullBoxHeader } from '../bmff/boxes';
import { macDate } from '../video';
import { decodeXmpBytes } from '../xmp';
import { ByteReader, concatBytes, latin1, MAX_INFLATED_BYTES, toHex } from './binary';
import { addTiff, emptySegments, setTag, type Segments } from './segments';

const child = (list: Box[], type: string): Box | undefined => list.find((b) => b.type === type);

/** Version and flags that open a full box's payload. */
const FULL_BOX = 4;

const versionAndFlags = (r: ByteReader, box: Box): { version: number; flags: number } =>
  fullBoxHeader(r.bytes.subarray(box.payload, box.end)) ?? { version: 0, flags: 0 };

/** A walk over a whole image file whose structural problems become the reader's warnings. */
const walk = (bytes: Uint8Array, s: Segments): BoxList =>
  new BoxList(bytes, { warn: (message) => s.warnings.push(`ISO-BMFF: ${message}`) });

interface Item {
  id: number;
  type: string;
  contentType?: string;
}

function readInfe(r: ByteReader, box: Box): Item | undefined {
  const { version } = versionAndFlags(r, box);
  if (version < 2) return undefined;
  const idSize = version === 2 ? 2 : 4;
  const id = (idSize === 2 ? r.u16(box.payload + 4) : r.u32(box.payload + 4)) ?? 0;
  const typeAt = box.payload + 4 + idSize + 2;
  const type = r.ascii(typeAt, 4);
  const rest = r.slice(typeAt + 4, box.end - typeAt - 4) ?? new Uint8Array();
  const nameEnd = rest.indexOf(0);
  const afterName = nameEnd < 0 ? rest.length : nameEnd + 1;
  const ctEnd = rest.indexOf(0, afterName);
  const contentType = type === 'mime' ? latin1(rest.subarray(afterName, ctEnd < 0 ? rest.length : ctEnd)) : undefined;
  return contentType === undefined ? { id, type } : { id, type, contentType };
}

interface Extent {
  offset: number;
  length: number;
}
interface Location {
  method: number;
  extents: Extent[];
}

function readSized(r: ByteReader, o: number, size: number): number {
  return size === 0 ? 0 : size === 4 ? (r.u32(o) ?? 0) : size === 8 ? (r.u64(o) ?? 0) : size === 2 ? (r.u16(o) ?? 0) : 0;
}

function readIloc(r: ByteReader, box: Box): Map<number, Location> {
  const out = new Map<number, Location>();
  const { version } = versionAndFlags(r, box);
  let o = box.payload + 4;
  const sizes = r.u16(o) ?? 0;
  const offsetSize = sizes >> 12;
  const lengthSize = (sizes >> 8) & 15;
  const baseSize = (sizes >> 4) & 15;
  const indexSize = version === 1 || version === 2 ? sizes & 15 : 0;
  o += 2;
  const count = (version < 2 ? r.u16(o) : r.u32(o)) ?? 0;
  o += version < 2 ? 2 : 4;
  for (let i = 0; i < count && o < box.end; i++) {
    const id = (version < 2 ? r.u16(o) : r.u32(o)) ?? 0;
    o += version < 2 ? 2 : 4;
    let method = 0;
    if (version === 1 || version === 2) {
      method = (r.u16(o) ?? 0) & 15;
      o += 2;
    }
    o += 2;
    const base = readSized(r, o, baseSize);
    o += baseSize;
    const extentCount = r.u16(o) ?? 0;
    o += 2;
    const extents: Extent[] = [];
    for (let e = 0; e < extentCount; e++) {
      o += indexSize;
      const offset = readSized(r, o, offsetSize);
      o += offsetSize;
      const length = readSized(r, o, lengthSize);
      o += lengthSize;
      extents.push({ offset: base + offset, length });
    }
    out.set(id, { method, extents });
  }
  return out;
}

/** Which ipco properties (1-based) belong to which item. */
function readIpma(r: ByteReader, box: Box): Map<number, number[]> {
  const out = new Map<number, number[]>();
  const { version, flags } = versionAndFlags(r, box);
  let o = box.payload + 4;
  const count = r.u32(o) ?? 0;
  o += 4;
  for (let i = 0; i < count && o < box.end; i++) {
    const id = (version < 1 ? r.u16(o) : r.u32(o)) ?? 0;
    o += version < 1 ? 2 : 4;
    const n = r.u8(o) ?? 0;
    o += 1;
    const props: number[] = [];
    for (let k = 0; k < n; k++) {
      if (flags & 1) {
        props.push((r.u16(o) ?? 0) & 0x7fff);
        o += 2;
      } else {
        props.push((r.u8(o) ?? 0) & 0x7f);
        o += 1;
      }
    }
    out.set(id, props);
  }
  return out;
}

/**
 * HEIF / AVIF: items from `meta` (iinf, iloc, idat), the primary item's `ispe` size as File:ImageWidth/Height,
 * its ICC profile (`colr`), and the Exif and XMP (`mime` application/rdf+xml) items.
 */
export function readHeif(bytes: Uint8Array): Segments {
  const s = emptySegments();
  const r = new ByteReader(bytes);
  const list = walk(bytes, s);
  const top = list.children(list.file);
  const meta = child(top, 'meta');
  if (!meta) {
    s.warnings.push('HEIF: no meta box');
    return s;
  }
  const inner = list.children(meta, 1, meta.payload + FULL_BOX);
  const pitm = child(inner, 'pitm');
  const primary = pitm ? ((versionAndFlags(r, pitm).version === 0 ? r.u16(pitm.payload + 4) : r.u32(pitm.payload + 4)) ?? 0) : undefined;
  const iinf = child(inner, 'iinf');
  const items: Item[] = [];
  if (iinf) {
    const skip = versionAndFlags(r, iinf).version === 0 ? 6 : 8;
    for (const b of list.children(iinf, 2, iinf.payload + skip)) {
      const item = b.type === 'infe' ? readInfe(r, b) : undefined;
      if (item) items.push(item);
    }
  }
  const ilocBox = child(inner, 'iloc');
  const iloc = ilocBox ? readIloc(r, ilocBox) : new Map<number, Location>();
  const idat = child(inner, 'idat');

  const payload = (id: number): Uint8Array | undefined => {
    const loc = iloc.get(id);
    if (!loc) return undefined;
    const base = loc.method === 1 ? (idat?.payload ?? 0) : 0;
    const parts: Uint8Array[] = [];
    for (const e of loc.extents) {
      const length = e.length === 0 ? bytes.length - (base + e.offset) : e.length;
      const part = r.slice(base + e.offset, length);
      if (!part) {
        s.warnings.push(`HEIF: item ${id} points outside the file`);
        return undefined;
      }
      parts.push(part);
    }
    return concatBytes(parts);
  };

  for (const item of items) {
    if (item.type === 'Exif') {
      const data = payload(item.id);
      if (!data) continue;
      // The Exif item starts with the offset of the TIFF header from the end of this 4-byte field.
      const skip = 4 + (new ByteReader(data).u32(0) ?? 0);
      addTiff(s, data.subarray(skip));
    } else if (item.type === 'mime' && item.contentType === 'application/rdf+xml') {
      const data = payload(item.id);
      if (data) s.xmp.push(decodeXmpBytes(data));
    }
  }

  const iprp = child(inner, 'iprp');
  if (iprp) {
    const iprpBoxes = list.children(iprp, 2);
    const ipco = child(iprpBoxes, 'ipco');
    const props = ipco ? list.children(ipco, 3) : [];
    const ipmaBox = child(iprpBoxes, 'ipma');
    const assoc = ipmaBox ? readIpma(r, ipmaBox) : new Map<number, number[]>();
    const mine = primary === undefined ? [] : (assoc.get(primary) ?? []).map((i) => props[i - 1]).filter((b): b is Box => b !== undefined);
    const ispe = child(mine, 'ispe') ?? child(props, 'ispe');
    if (ispe) {
      setTag(s.groups, 'File', 'ImageWidth', { value: r.u32(ispe.payload + 4) ?? 0 });
      setTag(s.groups, 'File', 'ImageHeight', { value: r.u32(ispe.payload + 8) ?? 0 });
    }
    const colr = child(mine, 'colr') ?? child(props, 'colr');
    if (colr && ['prof', 'rICC'].includes(r.ascii(colr.payload, 4))) {
      const icc = list.payload(colr).subarray(4);
      if (icc.byteLength > 0) s.icc.push(icc);
    }
  }
  return s;
}

const UUID_EXIF = toHex(new TextEncoder().encode('JpgTiffExif->JP2'));
const UUID_XMP = 'be7acfcb97a942e89c71999491e3afac';
const UUID_IPTC = '33c7a4d2b81d4723a0baf1a3e097ad38';
/** GeoJP2: a degenerate GeoTIFF whose IFD0 carries the georeferencing. */
const UUID_GEOTIFF = 'b14bf8bd083d4b43a5ae8cd7d5a6ce03';

/** JPEG 2000 (JP2/JPX): image header size, ICC in `colr`, and EXIF/XMP/IPTC in `uuid` boxes (plus `xml ` boxes). */
export function readJp2(bytes: Uint8Array): Segments {
  const s = emptySegments();
  const r = new ByteReader(bytes);
  const list = walk(bytes, s);
  for (const box of list.children(list.file)) {
    if (box.type === 'jp2h') {
      const header = list.children(box, 1);
      const ihdr = child(header, 'ihdr');
      if (ihdr) {
        setTag(s.groups, 'Jpeg2000', 'ImageHeight', { value: r.u32(ihdr.payload) ?? 0 });
        setTag(s.groups, 'Jpeg2000', 'ImageWidth', { value: r.u32(ihdr.payload + 4) ?? 0 });
        setTag(s.groups, 'Jpeg2000', 'NumberOfComponents', { value: r.u16(ihdr.payload + 8) ?? 0 });
      }
      for (const colr of header.filter((b) => b.type === 'colr')) {
        if (r.u8(colr.payload) === 2 || r.u8(colr.payload) === 3) {
          const icc = list.payload(colr).subarray(3);
          if (icc.byteLength > 0) s.icc.push(icc);
        }
      }
    } else if (box.uuid !== undefined) {
      const data = list.payload(box);
      if (box.uuid === UUID_EXIF || box.uuid === UUID_GEOTIFF) addTiff(s, data);
      else if (box.uuid === UUID_XMP) s.xmp.push(decodeXmpBytes(data));
      else if (box.uuid === UUID_IPTC) s.iptc.push(data);
    } else if (box.type === 'xml ') {
      const text = decodeXmpBytes(list.payload(box));
      if (text.includes('rdf:RDF')) s.xmp.push(text);
    }
  }
  return s;
}

const UUID_CANON = '85c0b687820f11e08111f4ce462b6a48';
const CANON_TIFF_ROOTS: Record<string, string | undefined> = { CMT1: undefined, CMT2: 'ExifIFD', CMT4: 'GPS' };

/** Canon CR3: IFD0, ExifIFD and GPS are separate TIFF blocks (CMT1, CMT2, CMT4) in Canon's `uuid` box under `moov`. */
/** The movie header's creation and modification times (CR3 is a QuickTime file), as ExifTool's QuickTime group. */
function movieDates(s: Segments, mvhd: Uint8Array): void {
  const r = new ByteReader(mvhd);
  const wide = mvhd[0] === 1;
  const created = wide ? r.u64(4) : r.u32(4);
  const modified = wide ? r.u64(12) : r.u32(8);
  for (const [tag, seconds] of [
    ['CreateDate', created],
    ['ModifyDate', modified],
  ] as const) {
    if (seconds === undefined) continue;
    const d = macDate(seconds);
    setTag(s.groups, 'QuickTime', tag, { value: d.value });
    if (d.iso) s.timestamps.push({ field: `QuickTime:${tag}`, value: d.iso, hasOffset: true, utc: d.iso });
  }
}

export function readCr3(bytes: Uint8Array): Segments {
  const s = emptySegments();
  const list = walk(bytes, s);
  const top = list.children(list.file);
  for (const box of top.filter((b) => b.uuid === UUID_XMP)) s.xmp.push(decodeXmpBytes(list.payload(box)));
  const moov = child(top, 'moov');
  const mvhd = moov ? child(list.children(moov, 1), 'mvhd') : undefined;
  if (mvhd) movieDates(s, list.payload(mvhd));
  const canon = moov ? list.children(moov, 1).find((b) => b.uuid === UUID_CANON) : undefined;
  if (!canon) {
    s.warnings.push('CR3: no Canon metadata box');
    return s;
  }
  for (const box of list.children(canon, 2)) {
    if (box.type in CANON_TIFF_ROOTS) addTiff(s, list.payload(box), CANON_TIFF_ROOTS[box.type]);
  }
  return s;
}

/** JPEG XL container: `Exif` and `xml ` boxes, also when Brotli-compressed in a `brob` box. */
export function readJxl(bytes: Uint8Array): Segments {
  const s = emptySegments();
  const list = walk(bytes, s);
  for (const box of list.children(list.file)) {
    let type = box.type;
    let data = list.payload(box);
    if (type === 'brob') {
      type = latin1(data.subarray(0, 4));
      if (type !== 'Exif' && type !== 'xml ') continue;
      try {
        data = new Uint8Array(brotliDecompressSync(data.subarray(4), { maxOutputLength: MAX_INFLATED_BYTES }));
      } catch (e) {
        s.warnings.push(`JXL: compressed ${type.trim()} box could not be decompressed (${e instanceof Error ? e.message : String(e)})`);
        continue;
      }
    }
    if (type === 'Exif') addTiff(s, data.subarray(4 + (new ByteReader(data).u32(0) ?? 0)));
    else if (type === 'xml ') s.xmp.push(decodeXmpBytes(data));
  }
  return s;
}
