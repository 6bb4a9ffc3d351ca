import sharp from 'sharp';
import { openImage } from './decode';

/**
 * Above this many pixels a page is shrunk before recognition: a 600 dpi A4 scan (35 MP) costs tesseract four times
 * the time of a 300 dpi one and its text is still 40 px tall at half the size; 300 dpi A4 (8.7 MP) passes untouched.
 */
const MAX_PIXELS = 12_000_000;
/** Tesseract's LSTM models read text best from about 30 px per line; smaller lines lose strokes, so they are enlarged. */
const MIN_LINE_HEIGHT = 24;
const TARGET_LINE_HEIGHT = 36;
const MAX_UPSCALE = 4;

/** An image ready for tesseract: 8-bit grey pixels at the recognition scale, plus how to map them back. */
export interface PreparedImage {
  /** Size as displayed (EXIF orientation applied): the coordinate space of every box returned. */
  width: number;
  height: number;
  /** Recognition pixels per original pixel. */
  scale: number;
  /** Horizontal bands of ink found (lines of text on a text image); undefined when the image does not look like text. */
  textBands?: number;
  grey: { data: Uint8Array; width: number; height: number };
}

/** PGM (P5) bytes: leptonica reads them with no decompression, so handing a page to tesseract costs a copy, not a codec. */
export function toPgm(grey: { data: Uint8Array; width: number; height: number }): Uint8Array {
  const header = Buffer.from(`P5\n${grey.width} ${grey.height}\n255\n`, 'latin1');
  const out = new Uint8Array(header.byteLength + grey.data.byteLength);
  out.set(header, 0);
  out.set(grey.data, header.byteLength);
  return out;
}

/** The grey level that best separates ink from paper (Otsu's method on the histogram). */
function otsuThreshold(data: Uint8Array): number {
  const histogram = new Float64Array(256);
  for (const v of data) histogram[v] = (histogram[v] ?? 0) + 1;
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * (histogram[i] ?? 0);
  let weightBelow = 0;
  let sumBelow = 0;
  let best = 127;
  let bestVariance = -1;
  for (let t = 0; t < 256; t++) {
    weightBelow += histogram[t] ?? 0;
    const weightAbove = data.length - weightBelow;
    if (weightBelow === 0 || weightAbove === 0) continue;
    sumBelow += t * (histogram[t] ?? 0);
    const meanBelow = sumBelow / weightBelow;
    const meanAbove = (sum - sumBelow) / weightAbove;
    const variance = weightBelow * weightAbove * (meanBelow - meanAbove) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = t;
    }
  }
  return best;
}

/**
 * The horizontal bands that hold ink and their median height, which on a page of text is the line height. Returns
 * undefined when the image does not look like lines of text (no bands, or ink on most rows, as in a drawing), so that
 * only pages that clearly carry small text are enlarged. Lines that touch or columns out of step merge into taller
 * bands: the estimate errs high, which only ever means "leave the size alone".
 */
export function textBands(grey: { data: Uint8Array; width: number; height: number }): { count: number; lineHeight: number } | undefined {
  const { data, width, height } = grey;
  if (width === 0 || height === 0) return undefined;
  const threshold = otsuThreshold(data);
  const minInk = Math.max(2, Math.round(width * 0.002));
  const bands: number[] = [];
  let inkRows = 0;
  let run = 0;
  for (let y = 0; y <= height; y++) {
    let ink = 0;
    if (y < height) {
      const row = y * width;
      for (let x = 0; x < width; x++) if ((data[row + x] ?? 255) <= threshold) ink++;
    }
    if (ink >= minInk) {
      run++;
      inkRows++;
    } else if (run > 0) {
      if (run >= 4) bands.push(run);
      run = 0;
    }
  }
  if (bands.length === 0 || inkRows > height * 0.8) return undefined;
  const sorted = [...bands].sort((a, b) => a - b);
  return { count: bands.length, lineHeight: sorted[Math.floor(sorted.length / 2)] ?? 0 };
}

function chooseScale(width: number, height: number, lineHeight: number | undefined): number {
  const pixels = width * height;
  const fit = Math.min(1, Math.sqrt(MAX_PIXELS / pixels));
  if (fit < 1) return fit;
  if (lineHeight === undefined || lineHeight >= MIN_LINE_HEIGHT) return 1;
  const up = Math.min(MAX_UPSCALE, TARGET_LINE_HEIGHT / lineHeight, Math.sqrt(MAX_PIXELS / pixels));
  return Math.max(1, up);
}

/**
 * Decodes an image (any format sharp reads, the first frame of an animation, a PSD's composite), turns it the way viewers show it, lays
 * transparent areas on white (scanned notes are often exported as PNG with alpha, and tesseract reads transparent
 * pixels as black), converts to grey and resizes for recognition: very large scans are shrunk, small text enlarged.
 */
export async function prepareForOcr(bytes: Uint8Array): Promise<PreparedImage> {
  const { data, info } = await openImage(bytes)
    .rotate()
    .flatten({ background: '#ffffff' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const original = { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  const pixels = info.width * info.height;
  const bands = pixels <= MAX_PIXELS ? textBands(original) : undefined;
  const scale = chooseScale(info.width, info.height, bands?.lineHeight);
  const found = bands ? { textBands: bands.count } : {};
  if (scale === 1) return { width: info.width, height: info.height, scale, grey: original, ...found };
  const width = Math.max(1, Math.round(info.width * scale));
  const height = Math.max(1, Math.round(info.height * scale));
  const resized = await sharp(original.data, { raw: { width: info.width, height: info.height, channels: 1 } })
    .resize(width, height, { fit: 'fill', kernel: scale > 1 ? 'cubic' : 'lanczos3' })
    // Without this sharp writes one-channel raw input back out as three channels.
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  return {
    width: info.width,
    height: info.height,
    scale: width / info.width,
    ...found,
    grey: { data: new Uint8Array(resized.buffer, resized.byteOffset, resized.byteLength), width, height },
  };
}

/** A rectangle of the prepared grey pixels, clamped to the image, as its own image (for re-reading one line). */
export function cropGrey(
  grey: { data: Uint8Array; width: number; height: number },
  box: { x0: number; y0: number; x1: number; y1: number },
): { data: Uint8Array; width: number; height: number } {
  const x0 = Math.max(0, Math.floor(box.x0));
  const y0 = Math.max(0, Math.floor(box.y0));
  const x1 = Math.min(grey.width, Math.ceil(box.x1));
  const y1 = Math.min(grey.height, Math.ceil(box.y1));
  const width = Math.max(1, x1 - x0);
  const height = Math.max(1, y1 - y0);
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < height && y0 + y < grey.height; y++) {
    const from = (y0 + y) * grey.width + x0;
    data.set(grey.data.subarray(from, from + Math.min(width, grey.width - x0)), y * width);
  }
  return { data, width, height };
}
