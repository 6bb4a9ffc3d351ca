import { tryDecode } from './codecs';
import { roundConfidence, type DetectedEncoding } from './detected';

export type UnicodeBom = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/** The encoding a byte order mark at the start announces; UTF-32LE's BOM begins with UTF-16LE's, so it is tested first. */
export function sniffBom(b: Uint8Array): UnicodeBom | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0 && b.length >= 4) return 'utf-32le';
  if (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return 'utf-32be';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function detectWideUnicode(b: Uint8Array): DetectedEncoding | null {
  const n = b.length;
  if (n < 4) return null;
  let zeros = 0;
  for (const byte of b) if (byte === 0) zeros++;
  if (zeros < n * 0.05) return null;
  // A cut sample may end mid-unit; whole units are enough to judge.
  const units = Math.floor(n / 4);
  let be = 0;
  let le = 0;
  for (let i = 0; i < units * 4; i += 4) {
    const vBe = ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
    const vLe = ((b[i + 3]! << 24) | (b[i + 2]! << 16) | (b[i + 1]! << 8) | b[i]!) >>> 0;
    if (isScalar(vBe) && vBe !== 0) be++;
    if (isScalar(vLe) && vLe !== 0) le++;
  }
  if (be === units) return { name: 'utf-32be', confidence: 0.95, bom: false, method: 'UTF-32 code unit pattern' };
  if (le === units) return { name: 'utf-32le', confidence: 0.95, bom: false, method: 'UTF-32 code unit pattern' };
  const pairs = Math.floor(n / 2);
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (b[i] === 0) zeroEven++;
    if (b[i + 1] === 0) zeroOdd++;
  }
  // ASCII-range characters in UTF-16 put their NUL on one side only; which side gives the byte order.
  const shareLe = zeroOdd / pairs;
  const shareBe = zeroEven / pairs;
  const whole = b.subarray(0, pairs * 2);
  if (shareLe > 0.1 && shareBe < shareLe * 0.1 && tryDecode('utf-16le', whole) !== null) {
    return { name: 'utf-16le', confidence: confidenceFromShare(shareLe, shareBe), bom: false, method: 'UTF-16 NUL pattern' };
  }
  if (shareBe > 0.1 && shareLe < shareBe * 0.1 && tryDecode('utf-16be', whole) !== null) {
    return { name: 'utf-16be', confidence: confidenceFromShare(shareBe, shareLe), bom: false, method: 'UTF-16 NUL pattern' };
  }
  return null;
}

function confidenceFromShare(main: number, other: number): number {
  return roundConfidence(Math.min(0.95, 0.6 + main * 0.5 - other));
}

function isScalar(v: number): boolean {
  return v <= 0x10ffff && (v < 0xd800 || v > 0xdfff);
}

/** TextDecoder has no UTF-32; a trailing partial unit becomes U+FFFD like any other invalid sequence. */
export function decodeUtf32(b: Uint8Array, littleEndian: boolean): string {
  let out = '';
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i + 4 <= b.length; i += 4) {
    const v = view.getUint32(i, littleEndian);
    out += isScalar(v) ? String.fromCodePoint(v) : '\ufffd';
  }
  return b.length % 4 === 0 ? out : `${out}\ufffd`;
}

/** A sample cut at 64 KiB may end inside a multi-byte sequence; that tail is not evidence against UTF-8. */
export function isStrictUtf8(b: Uint8Array, truncated: boolean): boolean {
  let end = b.length;
  if (truncated) {
    let i = end - 1;
    let back = 0;
    while (i >= 0 && back < 3 && (b[i]! & 0xc0) === 0x80) {
      i--;
      back++;
    }
    if (i >= 0 && b[i]! >= 0xc0) end = i;
  }
  return tryDecode('utf-8', b.subarray(0, end)) !== null;
}
