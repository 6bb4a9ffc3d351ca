import { isAscii } from '../../lib/bytes';
import {
  CJK_CANDIDATES,
  cjkConfidence,
  cjkFamilyOf,
  plausibleCjk,
  rankCjk,
  SHORT_CANDIDATES,
  type CjkCandidate,
  type CjkResult,
} from './cjk-score';
import { latin1, tryDecode } from './codecs';
import { decodeBytes } from './decode';
import { roundConfidence, type DetectedEncoding } from './detected';
import { detectIso2022 } from './iso-2022';
import { pickSingleByte } from './single-byte';
import { detectWideUnicode, isStrictUtf8, sniffBom } from './unicode';

export const DETECT_SAMPLE_BYTES = 64 * 1024;

/** Detects the encoding of a whole text file or a long sample (uses up to the first 64 KiB). */
export function detectEncoding(bytes: Uint8Array): DetectedEncoding {
  const truncated = bytes.length > DETECT_SAMPLE_BYTES;
  const sample = truncated ? bytes.subarray(0, DETECT_SAMPLE_BYTES) : bytes;
  if (sample.length === 0) return { name: 'utf-8', confidence: 1, bom: false, method: 'empty' };
  const bom = sniffBom(sample);
  if (bom) return { name: bom, confidence: 1, bom: true, method: 'BOM' };
  // UTF-16/32 text made of ASCII is full of NULs yet valid UTF-8, so the NUL pattern is checked before strict UTF-8.
  const wide = detectWideUnicode(sample);
  if (wide) return wide;
  const iso2022 = detectIso2022(sample);
  if (iso2022) return { name: iso2022, confidence: 0.99, bom: false, method: 'ISO-2022 escape sequences' };
  if (isAscii(sample)) return { name: 'utf-8', confidence: 1, bom: false, method: 'ASCII only' };
  if (isStrictUtf8(sample, truncated)) return { name: 'utf-8', confidence: 0.99, bom: false, method: 'strict UTF-8' };
  return detectLegacy(sample, truncated);
}

export function detectAndDecode(bytes: Uint8Array): { text: string; encoding: DetectedEncoding } {
  const encoding = detectEncoding(bytes);
  return { text: decodeBytes(bytes, encoding.name), encoding };
}

/** For short metadata strings and zip member names (often 4–80 bytes): ASCII/strict UTF-8 pass through; otherwise legacy CJK detection (GBK/GB18030, Big5, EUC-KR/CP949, Shift_JIS, EUC-JP). */
export function decodeShortString(bytes: Uint8Array): { text: string; encoding: string; confidence: number } {
  if (isAscii(bytes)) return { text: latin1(bytes), encoding: 'ascii', confidence: 1 };
  const utf8 = tryDecode('utf-8', bytes);
  // A C1 control in "valid UTF-8" means the bytes only happened to form UTF-8 sequences.
  if (utf8 !== null && !/[\u0080-\u009f]/.test(utf8)) return { text: utf8, encoding: 'utf-8', confidence: 0.99 };
  const guess = chooseLegacy(bytes, SHORT_CANDIDATES, false);
  return { text: guess.text ?? decodeBytes(bytes, guess.name), encoding: guess.name, confidence: guess.confidence };
}

function detectLegacy(sample: Uint8Array, truncated: boolean): DetectedEncoding {
  const declared = declaredCharset(sample);
  const ranked = rankCjk(sample, CJK_CANDIDATES, true);
  if (declared && declaredFits(declared, sample, ranked, truncated)) {
    return { name: declared, confidence: 0.95, bom: false, method: 'declared in document, consistent with bytes' };
  }
  const guess = chooseLegacy(sample, CJK_CANDIDATES, true, ranked);
  return { name: guess.name, confidence: guess.confidence, bom: false, method: guess.method };
}

/** A single-byte reading scoring below this per character is mostly garbage... */
const SINGLE_BYTE_IMPLAUSIBLE = 0.3;
/** ...and one above this reads as ordinary words, which a weak CJK reading must not override. */
const SINGLE_BYTE_CONVINCING = 1.5;
/** Between garbage and ordinary words, a fair CJK reading wins against a mediocre single-byte one. */
const CJK_FAIR = 0.8;
const SINGLE_BYTE_FAIR = 1;
const LATIN_CODE_PAGES = new Set([
  'windows-1252',
  'iso-8859-1',
  'iso-8859-15',
  'macroman',
  'windows-1250',
  'iso-8859-2',
  'windows-1254',
  'windows-1257',
  'windows-1258',
  'x-mac-ce',
]);
/** Below this a CJK reading is mediocre enough for clean Cyrillic, Greek, Hebrew or Thai words to win. */
const CJK_MODERATE = 1.8;
/** A CJK reading this good is not second-guessed (which also saves scoring the single-byte readings). */
const CJK_CONVINCING = 2.5;

function chooseLegacy(
  bytes: Uint8Array,
  candidates: CjkCandidate[],
  tolerant: boolean,
  ranked = rankCjk(bytes, candidates, tolerant),
): { name: string; confidence: number; method: string; text?: string } {
  const best = ranked[0];
  // EUC-TW and Johab are rare: they win on strong evidence only, never by default.
  const common = ranked.find((r) => r.family !== 'euctw' && r.family !== 'johab');
  if (best && best.perPair >= CJK_CONVINCING) {
    return { name: best.label, confidence: cjkConfidence(best, ranked[1]), method: 'CJK character plausibility', text: best.text };
  }
  const single = pickSingleByte(bytes);
  const singleMethod = 'single-byte word plausibility + statistical (jschardet)';
  if (best && plausibleCjk(best)) {
    // Any run of high bytes reads as some Cyrillic or Thai "word", so only Latin readings may beat a good CJK one.
    if (single.score >= SINGLE_BYTE_CONVINCING && (LATIN_CODE_PAGES.has(single.name) || best.perPair < CJK_MODERATE))
      return { name: single.name, confidence: single.confidence, method: singleMethod };
    return { name: best.label, confidence: cjkConfidence(best, ranked[1]), method: 'CJK character plausibility', text: best.text };
  }
  if (common && common.perPair >= CJK_FAIR && single.score < SINGLE_BYTE_FAIR) {
    return {
      name: common.label,
      confidence: roundConfidence(cjkConfidence(common, ranked[1]) * 0.8),
      method: 'CJK character plausibility (weak, single-byte readings weaker)',
      text: common.text,
    };
  }
  if (common && common.perPair > 0 && single.score < SINGLE_BYTE_IMPLAUSIBLE) {
    return { name: common.label, confidence: 0.5, method: 'CJK (no single-byte reading is plausible)', text: common.text };
  }
  return { name: single.name, confidence: single.confidence, method: singleMethod };
}

/** `<?xml encoding=…?>`, `<meta charset=…>` or `content="…; charset=…"` near the start of the text. */
function declaredCharset(sample: Uint8Array): string | null {
  const head = latin1(sample.subarray(0, 2048));
  const m = /<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head) ?? /<meta[^>]*\bcharset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  if (!m) return null;
  const label = m[1]!.toLowerCase();
  const known: Record<string, string> = {
    'x-sjis': 'shift_jis',
    sjis: 'shift_jis',
    'shift-jis': 'shift_jis',
    'windows-31j': 'shift_jis',
    cp932: 'shift_jis',
    maccyrillic: 'x-mac-cyrillic',
    'x-euc-jp': 'euc-jp',
    'x-euc-tw': 'euc-tw',
    'ks_c_5601-1987': 'euc-kr',
    'windows-949': 'cp949',
    latin1: 'iso-8859-1',
    'x-mac-roman': 'macroman',
    macintosh: 'macroman',
    mac: 'macroman',
    'cn-big5': 'big5',
    'x-x-big5': 'big5',
    'big5-hkscs': 'big5',
  };
  const name = known[label] ?? label;
  if (/^utf-?(8|16|32)/.test(name)) return null;
  try {
    decodeBytes(Uint8Array.of(0x41), name);
    return name;
  } catch {
    return null;
  }
}

/** A declaration is used only when the bytes decode cleanly with it and it reads about as well as the best guess. */
function declaredFits(declared: string, sample: Uint8Array, ranked: CjkResult[], truncated: boolean): boolean {
  const family = cjkFamilyOf(declared);
  if (family) {
    const mine = ranked.find((r) => r.family === family);
    const best = ranked[0];
    return mine !== undefined && best !== undefined && mine.score > 0 && mine.score >= best.score * 0.8;
  }
  let text: string;
  try {
    text = decodeBytes(truncated ? sample.subarray(0, sample.length - 4) : sample, declared);
  } catch {
    return false;
  }
  if (text.includes('\ufffd') || /[\u0080-\u009f]/.test(text)) return false;
  const best = ranked[0];
  // Multi-byte text labelled as a single-byte charset is a common mislabel: trust a strong CJK reading instead.
  return !(best && best.perPair >= 2.5);
}
