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

// BOM-less UTF-16 is told by its ASCII-range characters, whose high byte puts a NUL on one side of each code unit.
// Measured with electron/bench/encoding-accuracy.ts: the 86 labelled corpus texts re-encoded as BOM-less UTF-16LE
// and UTF-16BE (172 texts, 154 found today) against the first 64 KiB of the 174 binary corpus files with NULs (none
// taken for UTF-16/32 today). The texts missed have under 10% ASCII-range characters (Chinese, Japanese and Thai
// prose) or are Korean, where syllables such as 가 (U+AC00) put NULs on the other side too.

/** Share of code units with a NUL on the telling side. 0 to 0.15 find the same 154 texts; 0.2 loses 16; no binary file passes even at 0. */
const UTF16_MIN_NUL_SHARE = 0.1;
/**
 * NULs allowed on the other side, per NUL on the telling side. At 0.026 or less the tests utf16le-nobom and
 * utf16be-nobom fail, and 0.05 loses 10 texts; 0.2 would find 8 more (the Korean ones), 0.5 takes CanonRaw.cr2 for
 * UTF-16 and 1 takes 15 binary files.
 */
const UTF16_OTHER_SIDE_RATIO = 0.1;
/**
 * Below this share of NUL bytes neither UTF-16 nor UTF-32 is tried: UTF-16 passing UTF16_MIN_NUL_SHARE has at least
 * half of it (one NUL per two bytes of an ASCII-range character), UTF-32 far more. 0 to 0.07 change nothing
 * measured; 0.1 loses 14 texts.
 */
const MIN_NUL_BYTE_SHARE = UTF16_MIN_NUL_SHARE / 2;

export function detectWideUnicode(b: Uint8Array): DetectedEncoding | null {
  const n = b.length;
  if (n < 4) return null;
  let zeros = 0;
  for (const byte of b) if (byte === 0) zeros++;
  if (zeros < n * MIN_NUL_BYTE_SHARE) return null;
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
  if (shareLe > UTF16_MIN_NUL_SHARE && shareBe < shareLe * UTF16_OTHER_SIDE_RATIO && tryDecode('utf-16le', whole) !== null) {
    return { name: 'utf-16le', confidence: confidenceFromShare(shareLe, shareBe), bom: false, method: 'UTF-16 NUL pattern' };
  }
  if (shareBe > UTF16_MIN_NUL_SHARE && shareLe < shareBe * UTF16_OTHER_SIDE_RATIO && tryDecode('utf-16be', whole) !== null) {
    return { name: 'utf-16be', confidence: confidenceFromShare(shareBe, shareLe), bom: false, method: 'UTF-16 NUL pattern' };
  }
  return null;
}

/** Shown to the analyst only, never compared: rises with the telling share, falls with the other; not fitted to data. */
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
