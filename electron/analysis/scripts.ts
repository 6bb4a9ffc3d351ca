import type { ScriptCounts, ScriptShares } from '../../shared/domain/analysis';

/** Character classes the analysis cares about; everything that is not a letter or a digit is NONE. */
export const NONE = 0;
export const HAN = 1;
export const HANGUL = 2;
export const KANA = 3;
export const LATIN = 4;
export const OTHER = 5;
export const DIGIT = 6;
export type CharClass = typeof NONE | typeof HAN | typeof HANGUL | typeof KANA | typeof LATIN | typeof OTHER | typeof DIGIT;

const classOfCodePoint = (cp: number): CharClass => {
  const c = String.fromCodePoint(cp);
  if (/\p{Script=Han}/u.test(c)) return /[\p{L}\p{Nl}]/u.test(c) ? HAN : NONE;
  if (/\p{Script=Hangul}/u.test(c)) return /\p{L}/u.test(c) ? HANGUL : NONE;
  // The prolonged-sound mark ー is script Common but written only in Japanese; the middle dot ・ is Common and also
  // separates names in Chinese and Korean, so it stays punctuation.
  if (cp === 0x30fc || cp === 0xff70) return KANA;
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(c)) return /\p{L}/u.test(c) ? KANA : NONE;
  if (/\p{Script=Latin}/u.test(c)) return /\p{L}/u.test(c) ? LATIN : NONE;
  if (/\p{Nd}/u.test(c)) return DIGIT;
  if (/\p{L}/u.test(c)) return OTHER;
  return NONE;
};

/**
 * One byte per BMP code unit, filled on first sight: the per-character loops over megabytes of text then cost an
 * array read instead of Unicode-property regex tests, and a process pays only for the characters it meets (filling
 * the whole plane up front would cost every worker about 100 ms). Surrogates are classified by code point.
 */
const UNKNOWN = 255;
const BMP_CLASS = new Uint8Array(0x10000).fill(UNKNOWN);

function bmpClass(unit: number): CharClass {
  const known = BMP_CLASS[unit] as number;
  if (known !== UNKNOWN) return known as CharClass;
  const cls = unit >= 0xd800 && unit <= 0xdfff ? NONE : classOfCodePoint(unit);
  BMP_CLASS[unit] = cls;
  return cls;
}

/** Class of the code point at `i` (a high surrogate stands for its whole pair, a low surrogate for nothing). */
export function classAt(text: string, i: number): CharClass {
  const u = text.charCodeAt(i);
  if (u < 0xd800 || u > 0xdfff) return bmpClass(u);
  if (u >= 0xdc00) return NONE;
  const cp = text.codePointAt(i) ?? 0;
  // Supplementary ideographs (extensions B and later) are the only astral letters common in CJK evidence.
  if (cp >= 0x20000 && cp <= 0x3ffff) return HAN;
  return cp > 0xffff ? classOfCodePoint(cp) : NONE;
}

/** Class of a BMP code unit; surrogates read as NONE (use `classAt` where astral letters matter). */
export const classOfUnit = bmpClass;

export const emptyCounts = (): ScriptCounts => ({ han: 0, hangul: 0, kana: 0, latin: 0, other: 0, digits: 0 });

/** Letters per script in `text[start, end)`: one pass, no allocation, about 2 ms per megabyte. */
export function countScripts(text: string, start = 0, end = text.length): ScriptCounts {
  let han = 0;
  let hangul = 0;
  let kana = 0;
  let latin = 0;
  let other = 0;
  let digits = 0;
  for (let i = start; i < end; i++) {
    const unit = text.charCodeAt(i);
    // The table read is inlined: a call per character doubles the cost of this loop.
    let cls = unit >= 0xd800 && unit <= 0xdbff ? classAt(text, i) : (BMP_CLASS[unit] as number);
    if (cls === UNKNOWN) cls = bmpClass(unit);
    switch (cls) {
      case HAN:
        han++;
        break;
      case HANGUL:
        hangul++;
        break;
      case KANA:
        kana++;
        break;
      case LATIN:
        latin++;
        break;
      case OTHER:
        other++;
        break;
      case DIGIT:
        digits++;
        break;
    }
  }
  return { han, hangul, kana, latin, other, digits };
}

export const letterCount = (c: ScriptCounts): number => c.han + c.hangul + c.kana + c.latin + c.other;

export function sharesOf(c: ScriptCounts): ScriptShares {
  const total = letterCount(c);
  const of = (n: number): number => (total === 0 ? 0 : n / total);
  return { han: of(c.han), hangul: of(c.hangul), kana: of(c.kana), latin: of(c.latin), other: of(c.other) };
}
