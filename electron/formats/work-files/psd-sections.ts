import type { ByteSource } from '../types';
import { SourceCursor, TruncatedError } from './source-cursor';

/**
 * Walks a Photoshop PSD/PSB through a byte source and keeps what describes the document (header, image resources,
 * layer records, document-level tagged blocks) while leaving out what is pixels (layer channel data, the composite
 * image, oversized embedded smart-object files). The result is a compact PSD that a full reader can parse in
 * milliseconds, and the layer records as written, in file order (bottom of the stack first), for ExifTool's
 * `Photoshop:Layer*` tags. A 2 GB PSB costs a few reads of its structure, never a read of its pixels.
 */

/** One layer record as stored, with the tagged blocks ExifTool reports decoded. */
export interface PsdLayerRecord {
  top: number;
  left: number;
  bottom: number;
  right: number;
  blendKey: string;
  /** 0-255. */
  opacity: number;
  /** Bit 1 set: hidden. */
  flags: number;
  /** The legacy Pascal name, bytes as written (in the code page of the machine that saved it). */
  nameBytes: Uint8Array;
  /** `luni`: the Unicode name. */
  unicodeName?: string;
  /** `lsct`/`lsdk`: 0 layer, 1 open folder, 2 closed folder, 3 end of a folder. */
  sectionType?: number;
  /** `lclr`: Photoshop's label colour index. */
  color?: number;
}

export interface PsdLayout {
  /** 1 PSD, 2 PSB. */
  version: number;
  /** The header's colour mode (0 bitmap … 9 Lab), before any patching for the reader. */
  colorMode: number;
  records: PsdLayerRecord[];
  /** A PSD holding only the parts above, for ag-psd; undefined when the file is not a PSD at all. */
  compact?: Uint8Array;
  /** Names and types of embedded or linked smart-object files whose entries were too large to keep. */
  droppedLinks: { name: string; type: string; bytes: number }[];
  warnings: string[];
}

const MIB = 1024 * 1024;
/** Image resources larger than this are left to the image extractor, which reads them from its own bytes. */
const MAX_RESOURCES = 64 * MIB;
/** One tagged block, or one linked-file entry, larger than this is pixels or an embedded file, not description. */
const MAX_BLOCK = 32 * MIB;
/** The compact copy as a whole. */
const MAX_COMPACT = 192 * MIB;
const MAX_LAYERS = 20_000;

/** Keys whose length is 64-bit in a PSB (from the file format specification, plus `cinf` as ag-psd found). */
const LARGE_KEYS = new Set([
  'LMsk',
  'Lr16',
  'Lr32',
  'Layr',
  'Mt16',
  'Mt32',
  'Mtrn',
  'Alph',
  'FMsk',
  'lnk2',
  'FEid',
  'FXid',
  'PxSD',
  'cinf',
]);
const LINK_KEYS = new Set(['lnk2', 'lnkD', 'lnk3', 'lnkE']);
const LAYER_INFO_KEYS = new Set(['Lr16', 'Lr32', 'Layr']);
/** The colour modes ag-psd decodes; for the others only pixels differ, and pixels are not read. */
const READER_COLOR_MODES = new Set([0, 1, 2, 3]);

class Parts {
  readonly chunks: Uint8Array[] = [];
  size = 0;

  push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.size += bytes.byteLength;
  }

  uint(value: number, bytes: 2 | 4 | 8): void {
    const out = new Uint8Array(bytes);
    const view = new DataView(out.buffer);
    if (bytes === 2) view.setUint16(0, value);
    else if (bytes === 4) view.setUint32(0, value);
    else view.setBigUint64(0, BigInt(value));
    this.push(out);
  }

  /** A section: its length (then its content padded to `round`). */
  section(content: Parts, lengthBytes: 4 | 8, round = 1): void {
    let padding = 0;
    while ((content.size + padding) % round) padding++;
    this.uint(content.size + padding, lengthBytes);
    for (const c of content.chunks) this.push(c);
    if (padding) this.push(new Uint8Array(padding));
  }

  concat(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.byteLength;
    }
    return out;
  }
}

const be32 = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const be16 = (b: Uint8Array, at: number): number => (b[at]! << 8) | b[at + 1]!;
const ascii = (b: Uint8Array, at: number, n: number): string => String.fromCharCode(...b.subarray(at, at + n));
const isSignature = (s: string): boolean => s === '8BIM' || s === '8B64';

/** `luni`, `lsct`/`lsdk` and `lclr` from the tagged blocks at the end of a layer record. */
function readRecordBlocks(extra: Uint8Array, at: number, large: boolean, record: PsdLayerRecord): void {
  let o = at;
  while (o + 12 <= extra.byteLength) {
    if (!isSignature(ascii(extra, o, 4))) {
      o++;
      continue;
    }
    const key = ascii(extra, o + 4, 4);
    const wide = large && LARGE_KEYS.has(key);
    const length = wide ? be32(extra, o + 8) * 0x1_0000_0000 + be32(extra, o + 12) : be32(extra, o + 8);
    const data = o + (wide ? 16 : 12);
    if (data + length > extra.byteLength) return;
    if (key === 'luni' && length >= 4) {
      const count = Math.min(be32(extra, data), (length - 4) / 2);
      let name = '';
      for (let i = 0; i < count; i++) name += String.fromCharCode(be16(extra, data + 4 + i * 2));
      record.unicodeName = name.replace(/\0+$/, '');
    } else if ((key === 'lsct' || key === 'lsdk') && length >= 4) {
      record.sectionType ??= be32(extra, data);
    } else if (key === 'lclr' && length >= 2) {
      record.color = be16(extra, data);
    }
    o = data + length + (length & 1);
  }
}

/** One layer record: its bytes as stored (copied verbatim into the compact file) and its decoded fields. */
async function readRecord(c: SourceCursor, large: boolean): Promise<{ bytes: Uint8Array; record: PsdLayerRecord; channelBytes: number }> {
  const start = c.pos;
  const fixed = await c.bytes(18);
  const channels = be16(fixed, 16);
  const channelInfo = await c.bytes(channels * (large ? 10 : 6));
  let channelBytes = 0;
  for (let i = 0; i < channels; i++) {
    const at = i * (large ? 10 : 6) + 2;
    channelBytes += large ? be32(channelInfo, at) * 0x1_0000_0000 + be32(channelInfo, at + 4) : be32(channelInfo, at);
  }
  const blend = await c.bytes(16);
  if (!isSignature(ascii(blend, 0, 4))) throw new TruncatedError(`layer record at byte ${start} has no blend-mode signature`);
  const extraLength = be32(blend, 12);
  if (extraLength > MAX_BLOCK) throw new TruncatedError(`layer record at byte ${start} claims ${extraLength} bytes of extra data`);
  const extra = await c.bytes(extraLength);
  const mask = be32(extra, 0);
  const ranges = extra.byteLength >= 8 + mask ? be32(extra, 4 + mask) : 0;
  const nameAt = 8 + mask + ranges;
  const nameLength = extra[nameAt] ?? 0;
  const record: PsdLayerRecord = {
    top: be32(fixed, 0) | 0,
    left: be32(fixed, 4) | 0,
    bottom: be32(fixed, 8) | 0,
    right: be32(fixed, 12) | 0,
    blendKey: ascii(blend, 4, 4),
    opacity: blend[8]!,
    flags: blend[10]!,
    nameBytes: extra.slice(nameAt + 1, Math.min(extra.byteLength, nameAt + 1 + nameLength)),
  };
  readRecordBlocks(extra, nameAt + 1 + nameLength, large, record);
  const bytes = await c.bytes(c.pos - start, start);
  return { bytes: bytes.slice(), record, channelBytes };
}

/** A layer info structure (count, records, channel data) → the count and records only; the channel data is skipped. */
async function compactLayerInfo(c: SourceCursor, end: number, large: boolean, layout: PsdLayout): Promise<Parts> {
  const out = new Parts();
  if (c.pos + 2 > end) return out;
  const count = await c.i16();
  const layers = Math.min(Math.abs(count), MAX_LAYERS);
  if (Math.abs(count) > MAX_LAYERS) layout.warnings.push(`Photoshop: ${Math.abs(count)} layers; the first ${MAX_LAYERS} were read`);
  const records: Uint8Array[] = [];
  let channelBytes = 0;
  for (let i = 0; i < layers; i++) {
    const r = await readRecord(c, large);
    records.push(r.bytes);
    layout.records.push(r.record);
    channelBytes += r.channelBytes;
  }
  if (c.pos + channelBytes > end) layout.warnings.push('Photoshop: layer channel data runs past its section (truncated file?)');
  out.uint(layers === Math.abs(count) ? count & 0xffff : layers, 2);
  for (const r of records) out.push(r);
  return out;
}

/** Name and file type from the head of a linked-file entry: type, version, Pascal id, Unicode name, file type. */
function linkedFileHead(head: Uint8Array, bytes: number): PsdLayout['droppedLinks'][number] {
  const idLength = head[8] ?? 0;
  const nameAt = 9 + idLength;
  const count = nameAt + 4 <= head.byteLength ? be32(head, nameAt) : 0;
  let name = '';
  for (let i = 0; i < count && nameAt + 4 + i * 2 + 1 < head.byteLength; i++) name += String.fromCharCode(be16(head, nameAt + 4 + i * 2));
  const typeAt = nameAt + 4 + count * 2;
  return { name: name.replace(/\0+$/, ''), type: typeAt + 4 <= head.byteLength ? ascii(head, typeAt, 4).trim() : '', bytes };
}

/** Keeps the linked-file entries small enough to be descriptions; notes the others by name. */
async function compactLinks(c: SourceCursor, end: number, layout: PsdLayout): Promise<Parts> {
  const out = new Parts();
  while (c.pos + 8 <= end) {
    const length = await c.u64();
    const entryEnd = c.pos + length;
    if (length === 0 || entryEnd > end) break;
    const padded = length + ((4 - (length % 4)) % 4);
    if (length <= MAX_BLOCK) {
      out.uint(length, 8);
      out.push(await c.bytes(length));
      if (padded > length) out.push(new Uint8Array(padded - length));
    } else {
      layout.droppedLinks.push(linkedFileHead(await c.bytes(Math.min(length, 4096)), length));
    }
    c.pos = Math.min(end, entryEnd + (padded - length));
  }
  return out;
}

/** The document-level tagged blocks after the layer info, each copied, compacted or dropped. */
async function compactTaggedBlocks(
  c: SourceCursor,
  end: number,
  large: boolean,
  layout: PsdLayout,
  budget: { left: number },
): Promise<Parts> {
  const out = new Parts();
  while (c.pos + 12 <= end) {
    const sig = await c.ascii(4);
    if (!isSignature(sig)) {
      c.pos -= 3;
      continue;
    }
    const key = await c.ascii(4);
    const wide = sig === '8B64' || (large && LARGE_KEYS.has(key));
    const length = wide ? await c.u64() : await c.u32();
    const dataEnd = c.pos + length;
    if (dataEnd > end) {
      layout.warnings.push(`Photoshop: tagged block ${key} runs past its section`);
      break;
    }
    let data: Parts | undefined;
    if (LAYER_INFO_KEYS.has(key)) data = await compactLayerInfo(c, dataEnd, large, layout);
    else if (LINK_KEYS.has(key)) data = await compactLinks(c, dataEnd, layout);
    else if (length <= MAX_BLOCK) {
      data = new Parts();
      data.push(await c.bytes(length));
    } else layout.warnings.push(`Photoshop: tagged block ${key} (${length} bytes) not read`);
    if (data && data.size + 16 <= budget.left) {
      budget.left -= data.size + 16;
      out.push(new TextEncoder().encode(sig + key));
      out.section(data, wide ? 8 : 4, 2);
    } else if (data)
      layout.warnings.push(`Photoshop: tagged block ${key} left out (the document description exceeds ${MAX_COMPACT} bytes)`);
    c.pos = dataEnd + (length & 1);
  }
  return out;
}

/** Walks the file's sections; structural damage becomes a warning with whatever was read before it. */
export async function readPsdLayout(source: ByteSource): Promise<PsdLayout> {
  const c = new SourceCursor(source);
  const layout: PsdLayout = { version: 0, colorMode: 0, records: [], droppedLinks: [], warnings: [] };
  const header = (await c.bytes(Math.min(26, source.size))).slice();
  if (header.byteLength < 26 || ascii(header, 0, 4) !== '8BPS') return layout;
  layout.version = be16(header, 4);
  layout.colorMode = be16(header, 24);
  if (layout.version !== 1 && layout.version !== 2) {
    layout.warnings.push(`Photoshop: unknown file version ${layout.version}`);
    return layout;
  }
  const large = layout.version === 2;
  const out = new Parts();
  const patched = !READER_COLOR_MODES.has(layout.colorMode) || be16(header, 12) > 16;
  if (patched) {
    // Only pixel decoding depends on these, and no pixel is decoded: the reader is told RGB so it reads the layers.
    new DataView(header.buffer).setUint16(24, 3);
    new DataView(header.buffer).setUint16(12, 3);
  }
  out.push(header);
  try {
    const colorData = await c.u32();
    const palette = await c.bytes(colorData);
    const colorSection = new Parts();
    if (!patched) colorSection.push(palette);
    out.section(colorSection, 4);

    const resourcesLength = await c.u32();
    const resources = new Parts();
    if (resourcesLength <= MAX_RESOURCES) resources.push(await c.bytes(resourcesLength));
    else {
      layout.warnings.push(`Photoshop: image resources (${resourcesLength} bytes) not read for the layer view`);
      c.pos += resourcesLength;
    }
    out.section(resources, 4);

    const layerMask = new Parts();
    if (c.pos + (large ? 8 : 4) <= source.size) {
      const sectionLength = large ? await c.u64() : await c.u32();
      const sectionEnd = Math.min(source.size, c.pos + sectionLength);
      if (c.pos + sectionLength > source.size) layout.warnings.push('Photoshop: the layer section runs past the end of the file');
      if (sectionLength > 0) {
        const infoLength = large ? await c.u64() : await c.u32();
        const infoEnd = Math.min(sectionEnd, c.pos + infoLength);
        layerMask.section(infoLength > 0 ? await compactLayerInfo(c, infoEnd, large, layout) : new Parts(), large ? 8 : 4, 2);
        c.pos = infoEnd;
        if (c.pos + 4 <= sectionEnd) {
          const maskLength = await c.u32();
          const mask = new Parts();
          if (maskLength <= MIB && c.pos + maskLength <= sectionEnd) mask.push(await c.bytes(maskLength));
          c.pos = Math.min(sectionEnd, c.pos + maskLength);
          layerMask.section(mask, 4);
          const budget = { left: MAX_COMPACT - out.size - layerMask.size };
          const blocks = await compactTaggedBlocks(c, sectionEnd, large, layout, budget);
          for (const b of blocks.chunks) layerMask.push(b);
        }
      }
    }
    out.section(layerMask, large ? 8 : 4);
  } catch (e) {
    if (!(e instanceof TruncatedError)) throw e;
    layout.warnings.push(`Photoshop: ${e.message}; the layers read before it are kept`);
    return layout;
  }
  layout.compact = out.concat();
  return layout;
}
