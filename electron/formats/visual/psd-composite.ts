/**
 * The composite ("merged") image of a Photoshop PSD or PSB, which sharp's prebuilt libvips cannot read: the image
 * data section at the end of the file, after the layers, one plane per channel, raw or PackBits-compressed
 * (Adobe Photoshop File Formats Specification, "Image Data Section"). Only this flattened picture is decoded, never
 * the layers. Photoshop writes a full composite only with "Maximize compatibility" on; otherwise the plane is blank
 * and its hashes come out flat, which keeps such files out of similarity clusters.
 */

export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
}

/** Larger composites are refused rather than held in memory (a 100 MP RGBA plane set is 400 MB). */
const MAX_PIXELS = 100_000_000;

const MODE_NAMES: Record<number, string> = { 0: 'bitmap', 5: 'unknown (5)', 6: 'unknown (6)' };

export const isPsd = (bytes: Uint8Array): boolean =>
  bytes.byteLength >= 26 && bytes[0] === 0x38 && bytes[1] === 0x42 && bytes[2] === 0x50 && bytes[3] === 0x53;

class Reader {
  private readonly view: DataView;
  constructor(
    readonly bytes: Uint8Array,
    public at = 0,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  need(n: number): void {
    if (n < 0 || this.at + n > this.bytes.byteLength) throw new Error('PSD is truncated');
  }

  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.at);
    this.at += 2;
    return v;
  }

  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.at);
    this.at += 4;
    return v;
  }

  /** PSB widens some lengths to 64 bits; anything past 2^53 is nonsense for a file held in memory anyway. */
  u64(): number {
    const high = this.u32();
    const low = this.u32();
    return high * 2 ** 32 + low;
  }

  skip(n: number): void {
    this.need(n);
    this.at += n;
  }
}

/** PackBits: a header byte n, then n + 1 literal bytes (n < 128) or one byte repeated 257 − n times (n > 128). */
function unpackBits(source: Uint8Array, from: number, length: number, out: Uint8Array, outAt: number, outLength: number): void {
  let i = from;
  const end = from + length;
  let o = outAt;
  const outEnd = outAt + outLength;
  while (i < end && o < outEnd) {
    const n = source[i++] ?? 0;
    if (n < 128) {
      const count = Math.min(n + 1, outEnd - o, end - i);
      out.set(source.subarray(i, i + count), o);
      i += n + 1;
      o += count;
    } else if (n > 128) {
      const count = Math.min(257 - n, outEnd - o);
      out.fill(source[i++] ?? 0, o, o + count);
      o += count;
    }
  }
}

/**
 * Decodes the composite to 8-bit pixels: greyscale (also duotone, and the lightness plane of Lab and the first plane
 * of multichannel images), RGB or RGBA, indexed colour through its table, CMYK converted naively (no colour
 * profile: enough to hash and to read text). 16-bit planes keep their most significant byte. Throws with
 * the reason when the file is not one it can decode.
 */
export function readPsdComposite(bytes: Uint8Array): RawImage {
  if (!isPsd(bytes)) throw new Error('not a PSD file');
  const r = new Reader(bytes, 4);
  const version = r.u16();
  if (version !== 1 && version !== 2) throw new Error(`PSD version ${version} is not 1 (PSD) or 2 (PSB)`);
  r.skip(6);
  const channels = r.u16();
  const height = r.u32();
  const width = r.u32();
  const depth = r.u16();
  const mode = r.u16();
  if (width === 0 || height === 0) throw new Error('PSD has no pixels');
  if (width * height > MAX_PIXELS) throw new Error(`PSD composite of ${width}×${height} is too large to decode`);
  // 32-bit planes hold floating-point light values, which would need tone mapping to look like anything.
  if (depth !== 8 && depth !== 16) throw new Error(`PSD bit depth ${depth} is not supported`);
  if (mode in MODE_NAMES || mode > 9) throw new Error(`PSD colour mode ${MODE_NAMES[mode] ?? mode} is not supported`);
  const colourModeLength = r.u32();
  const palette = bytes.subarray(r.at, r.at + colourModeLength);
  r.skip(colourModeLength);
  r.skip(r.u32());
  r.skip(version === 2 ? r.u64() : r.u32());
  const compression = r.u16();
  const bytesPerSample = depth / 8;
  const rowBytes = width * bytesPerSample;
  const planeBytes = rowBytes * height;
  const planes = Array.from({ length: channels }, () => new Uint8Array(planeBytes));
  if (compression === 0) {
    r.need(planeBytes * channels);
    planes.forEach((plane, c) => plane.set(bytes.subarray(r.at + c * planeBytes, r.at + (c + 1) * planeBytes)));
  } else if (compression === 1) {
    const counts: number[] = [];
    for (let i = 0; i < channels * height; i++) counts.push(version === 2 ? r.u32() : r.u16());
    let at = r.at;
    counts.forEach((count, row) => {
      const plane = planes[Math.floor(row / height)];
      if (plane) unpackBits(bytes, at, Math.min(count, bytes.byteLength - at), plane, (row % height) * rowBytes, rowBytes);
      at += count;
    });
  } else {
    throw new Error(`PSD composite compression ${compression} (ZIP) is not supported`);
  }
  const sample = (plane: Uint8Array | undefined, i: number): number => plane?.[i * bytesPerSample] ?? 0;
  const pixels = width * height;
  const [p0, p1, p2, p3, p4] = planes;
  if (mode === 3 && channels >= 3) {
    const alpha = channels >= 4 ? 4 : 3;
    const data = new Uint8Array(pixels * alpha);
    for (let i = 0; i < pixels; i++) {
      data[i * alpha] = sample(p0, i);
      data[i * alpha + 1] = sample(p1, i);
      data[i * alpha + 2] = sample(p2, i);
      if (alpha === 4) data[i * 4 + 3] = sample(p3, i);
    }
    return { data, width, height, channels: alpha };
  }
  if (mode === 4 && channels >= 4) {
    // PSD stores CMYK inverted (255 = no ink).
    const data = new Uint8Array(pixels * 3);
    for (let i = 0; i < pixels; i++) {
      const k = sample(p3, i) / 255;
      data[i * 3] = Math.round(sample(p0, i) * k);
      data[i * 3 + 1] = Math.round(sample(p1, i) * k);
      data[i * 3 + 2] = Math.round(sample(p2, i) * k);
    }
    if (channels < 5 || !p4) return { data, width, height, channels: 3 };
    const rgba = new Uint8Array(pixels * 4);
    for (let i = 0; i < pixels; i++) {
      rgba.set(data.subarray(i * 3, i * 3 + 3), i * 4);
      rgba[i * 4 + 3] = sample(p4, i);
    }
    return { data: rgba, width, height, channels: 4 };
  }
  if (mode === 2) {
    if (palette.byteLength < 768) throw new Error('PSD indexed colour table is missing');
    const data = new Uint8Array(pixels * 3);
    for (let i = 0; i < pixels; i++) {
      const index = sample(p0, i);
      data[i * 3] = palette[index] ?? 0;
      data[i * 3 + 1] = palette[256 + index] ?? 0;
      data[i * 3 + 2] = palette[512 + index] ?? 0;
    }
    return { data, width, height, channels: 3 };
  }
  const data = new Uint8Array(pixels);
  for (let i = 0; i < pixels; i++) data[i] = sample(p0, i);
  return { data, width, height, channels: 1 };
}
