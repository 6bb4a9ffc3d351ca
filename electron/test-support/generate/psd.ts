/** Photoshop files written in code, for the composite-image reader: header, empty sections, then the image data. */

export interface PsdSpec {
  width: number;
  height: number;
  /** One plane per channel, `width × height × depth/8` bytes each (16-bit samples big-endian). */
  planes: Uint8Array[];
  /** 1 grayscale, 2 indexed, 3 RGB, 4 CMYK. */
  mode: number;
  depth?: 8 | 16;
  /** 1 = PSD, 2 = PSB (wider lengths and row counts). */
  version?: 1 | 2;
  compression?: 0 | 1;
  /** Colour mode data (the 768-byte table of an indexed image). */
  colourModeData?: Uint8Array;
}

/** PackBits, as Photoshop writes it: runs of 3 or more equal bytes repeated, the rest as literals of up to 128. */
export function packBits(row: Uint8Array): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < row.length) {
    let run = 1;
    while (i + run < row.length && run < 128 && row[i + run] === row[i]) run++;
    if (run >= 3) {
      out.push(257 - run, row[i] ?? 0);
      i += run;
      continue;
    }
    const start = i;
    while (i < row.length && i - start < 128 && !(row[i] === row[i + 1] && row[i] === row[i + 2])) i++;
    if (i === start) i++;
    out.push(i - start - 1, ...row.subarray(start, i));
  }
  return Uint8Array.from(out);
}

export function encodePsd(spec: PsdSpec): Uint8Array {
  const version = spec.version ?? 1;
  const depth = spec.depth ?? 8;
  const compression = spec.compression ?? 1;
  const parts: Uint8Array[] = [];
  const u16 = (v: number): Uint8Array => Uint8Array.of(v >>> 8, v & 0xff);
  const u32 = (v: number): Uint8Array => Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  parts.push(new TextEncoder().encode('8BPS'), u16(version), new Uint8Array(6), u16(spec.planes.length));
  parts.push(u32(spec.height), u32(spec.width), u16(depth), u16(spec.mode));
  const colour = spec.colourModeData ?? new Uint8Array(0);
  parts.push(u32(colour.byteLength), colour, u32(0), version === 2 ? new Uint8Array(8) : u32(0), u16(compression));
  const rowBytes = (spec.width * depth) / 8;
  if (compression === 0) parts.push(...spec.planes);
  else {
    const rows = spec.planes.flatMap((plane) =>
      Array.from({ length: spec.height }, (_, y) => packBits(plane.subarray(y * rowBytes, (y + 1) * rowBytes))),
    );
    parts.push(...rows.map((row) => (version === 2 ? u32(row.byteLength) : u16(row.byteLength))), ...rows);
  }
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** Interleaved 8-bit pixels split into planes, one per channel. */
export function toPlanes(data: Uint8Array, channels: number): Uint8Array[] {
  const pixels = data.byteLength / channels;
  return Array.from({ length: channels }, (_, c) => Uint8Array.from({ length: pixels }, (_, i) => data[i * channels + c] ?? 0));
}
