import type { ImageHashes } from '../../../shared/domain/visual';
import { openImage } from './decode';

/** Intermediate size: the hashes need 32×32 at most; sharp's shrink-on-load makes reaching it from a huge JPEG cheap. */
const WORK_SIZE = 128;
const DCT_SIZE = 32;
/** Standard deviation of the 32×32 grey grid (0–255) below which an image counts as flat (blank page, solid fill). */
const FLAT_STDDEV = 3;

/** Averages a square grey grid down to `width`×`height` by area (fractional cells weighted), so no pixel is skipped. */
export function areaResize(grid: Float64Array, size: number, width: number, height: number): Float64Array {
  const out = new Float64Array(width * height);
  const fx = size / width;
  const fy = size / height;
  for (let oy = 0; oy < height; oy++) {
    const y0 = oy * fy;
    const y1 = y0 + fy;
    for (let ox = 0; ox < width; ox++) {
      const x0 = ox * fx;
      const x1 = x0 + fx;
      let sum = 0;
      for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
        const wy = Math.min(y + 1, y1) - Math.max(y, y0);
        for (let x = Math.floor(x0); x < Math.ceil(x1); x++) {
          const wx = Math.min(x + 1, x1) - Math.max(x, x0);
          sum += (grid[y * size + x] ?? 0) * wx * wy;
        }
      }
      out[oy * width + ox] = sum / (fx * fy);
    }
  }
  return out;
}

const toHex = (bits: readonly boolean[]): string => {
  let hex = '';
  for (let i = 0; i < bits.length; i += 4) {
    const nibble = (bits[i] ? 8 : 0) | (bits[i + 1] ? 4 : 0) | (bits[i + 2] ? 2 : 0) | (bits[i + 3] ? 1 : 0);
    hex += nibble.toString(16);
  }
  return hex;
};

/** Difference hash: on a 9×8 grid, one bit per pair of horizontal neighbours, set when brightness rises to the right. */
export function dHash(grid: Float64Array, size: number): string {
  const small = areaResize(grid, size, 9, 8);
  const bits: boolean[] = [];
  for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) bits.push((small[y * 9 + x + 1] ?? 0) > (small[y * 9 + x] ?? 0));
  return toHex(bits);
}

const cosines = ((): Float64Array => {
  const table = new Float64Array(DCT_SIZE * DCT_SIZE);
  for (let k = 0; k < DCT_SIZE; k++)
    for (let n = 0; n < DCT_SIZE; n++) table[k * DCT_SIZE + n] = Math.cos((Math.PI / DCT_SIZE) * (n + 0.5) * k);
  return table;
})();

/** The 8×8 lowest frequencies of a 32×32 two-dimensional DCT-II (unnormalised: only their order matters). */
function lowFrequencies(grid: Float64Array): Float64Array {
  const rows = new Float64Array(DCT_SIZE * 8);
  for (let y = 0; y < DCT_SIZE; y++)
    for (let k = 0; k < 8; k++) {
      let sum = 0;
      for (let x = 0; x < DCT_SIZE; x++) sum += (grid[y * DCT_SIZE + x] ?? 0) * (cosines[k * DCT_SIZE + x] ?? 0);
      rows[y * 8 + k] = sum;
    }
  const out = new Float64Array(64);
  for (let k = 0; k < 8; k++)
    for (let u = 0; u < 8; u++) {
      let sum = 0;
      for (let y = 0; y < DCT_SIZE; y++) sum += (rows[y * 8 + u] ?? 0) * (cosines[k * DCT_SIZE + y] ?? 0);
      out[k * 8 + u] = sum;
    }
  return out;
}

/**
 * DCT hash (pHash): the 8×8 lowest frequencies of the 32×32 grey image, one bit each, set when above their median,
 * as in the common `imagehash` implementation. Less sensitive than dHash to re-encoding and small crops.
 */
export function pHash(grid: Float64Array, size: number): string {
  const low = lowFrequencies(areaResize(grid, size, DCT_SIZE, DCT_SIZE));
  const sorted = [...low].sort((a, b) => a - b);
  const median = ((sorted[31] ?? 0) + (sorted[32] ?? 0)) / 2;
  return toHex([...low].map((v) => v > median));
}

function standardDeviation(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return Math.sqrt(squares / values.length);
}

/**
 * dHash and pHash of an image: JPEG, PNG, WebP, TIFF, GIF (first frame), AVIF/HEIF where sharp's libvips reads them.
 * The picture is hashed as viewers show it (EXIF orientation applied) and transparent areas as white, so a PNG with
 * alpha and its flattened JPEG copy hash alike. A PSD is hashed from its composite image (psd-composite.ts).
 */
export async function hashImage(bytes: Uint8Array): Promise<ImageHashes> {
  const pipeline = openImage(bytes).rotate();
  const { width, height, orientation } = await pipeline.metadata();
  const { data } = await pipeline
    .flatten({ background: '#ffffff' })
    .greyscale()
    .resize(WORK_SIZE, WORK_SIZE, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const grid = Float64Array.from(data);
  const turned = (orientation ?? 1) >= 5;
  return {
    dHash: dHash(grid, WORK_SIZE),
    pHash: pHash(grid, WORK_SIZE),
    width: Math.max(1, (turned ? height : width) ?? 1),
    height: Math.max(1, (turned ? width : height) ?? 1),
    flat: standardDeviation(areaResize(grid, WORK_SIZE, DCT_SIZE, DCT_SIZE)) < FLAT_STDDEV,
  };
}
