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

/**
 * Detection reads this much of a file. TOOLCHAIN.md §7 measured jschardet at 151 ms per MB of GBK against 44 ms per
 * 64 KB; no labelled corpus file is longer, and the test 'judges a large file by its first 64 KiB only' holds it.
 */
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

export interface ShortStringReading {
  text: string;
  encoding: string;
  confidence: number;
}

/**
 * Legacy readings of recurring strings, by their bytes (as Latin-1 text). Files made the same way repeat their
 * metadata values (a camera's model, a studio's name in GBK), and a legacy reading decodes and scores the bytes in
 * every candidate encoding: 1.4 s of each extract worker's 44 s on the 10,000-file bench trove. Readings depend on the
 * bytes only, and callers get a copy. Bounded: strings up to 256 bytes, 4,096 of them, the oldest dropped first.
 */
const legacyReadings = new Map<string, ShortStringReading>();
const REMEMBERED_BYTES = 256;
const REMEMBERED_READINGS = 4096;

function legacyReading(bytes: Uint8Array): ShortStringReading {
  const key = bytes.length <= REMEMBERED_BYTES ? latin1(bytes) : null;
  const known = key === null ? undefined : legacyReadings.get(key);
  if (known) return { ...known };
  const guess = chooseLegacy(bytes, SHORT_CANDIDATES, false);
  const reading = { text: guess.text ?? decodeBytes(bytes, guess.name), encoding: guess.name, confidence: guess.confidence };
  if (key !== null) {
    if (legacyReadings.size >= REMEMBERED_READINGS) legacyReadings.delete(legacyReadings.keys().next().value ?? '');
    legacyReadings.set(key, reading);
  }
  return { ...reading };
}

/** For short metadata strings and zip member names (often 4–80 bytes): ASCII/strict UTF-8 pass through; otherwise legacy CJK detection (GBK/GB18030, Big5, EUC-KR/CP949, Shift_JIS, EUC-JP). */
export function decodeShortString(bytes: Uint8Array): ShortStringReading {
  if (isAscii(bytes)) return { text: latin1(bytes), encoding: 'ascii', confidence: 1 };
  const utf8 = tryDecode('utf-8', bytes);
  // A C1 control in "valid UTF-8" means the bytes only happened to form UTF-8 sequences.
  if (utf8 !== null && !/[\u0080-\u009f]/.test(utf8)) return { text: utf8, encoding: 'utf-8', confidence: 0.99 };
  return legacyReading(bytes);
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

// Tuned thresholds of the legacy decision. A CJK reading scores per two non-ASCII bytes ("per pair", cjk-score.ts),
// a single-byte reading per non-ASCII character (single-byte.ts). Each comment says what a threshold separates, then
// where moving it alone first changes a verdict and what changes: a test, by name, or a corpus file or excerpt as
// electron/bench/encoding-accuracy.ts scores them (corpus-accuracy.test.ts fails when one of those is lost).
// "Nothing changes" over a range means no test, corpus file or excerpt changes verdict there: within it the value
// is a judgement, not a fit. Measured when the encoding modules were split; the same holds in cjk-score.ts,
// single-byte.ts and unicode.ts.

/**
 * A CJK reading this good is taken without looking at single-byte readings. Nothing changes from 1.13 to 3.75; at
 * 1.12 a windows-1251 excerpt of aviaport.ru.xml turns CJK, and at 1.0 'Señor García, la reunión es mañana.' in
 * MacRoman reads as Shift_JIS (tests 'recognises MacRoman', short-macroman-3); at 3.76 Johab excerpts of
 * hlpro-readme.txt fall to a single-byte page.
 */
const CJK_CONVINCING = 2.5;
/**
 * A single-byte reading this plausible beats a plausible CJK one, if it is Latin or the CJK reading is below
 * CJK_MODERATE (any run of high bytes reads as some Cyrillic or Thai "word"). No measured case needs this rule:
 * nothing changes up to 4.5 or with the rule off; at 0.45 a Big5 excerpt of coolloud.org.tw.xml turns single-byte.
 */
const SINGLE_BYTE_CONVINCING = 1.5;
/** See SINGLE_BYTE_CONVINCING. Nothing changes down to 0; at 2.25 GB2312 excerpts of _mozilla_bug171813_text.html turn single-byte. */
const CJK_MODERATE = 1.8;
/**
 * Between garbage and ordinary words, a fair CJK reading (at least CJK_FAIR) beats a mediocre single-byte one (below
 * SINGLE_BYTE_FAIR). CJK_FAIR: nothing changes from −0.66 to 1.17; at 1.18 '똠 쀍 햏 뷁' in CP949 stops reading as
 * Korean (test 'handles CP949-only syllables'), at −0.67 a CP932 excerpt of www2.chuo-u.ac.jp-suishin.xml turns CJK
 * (right). SINGLE_BYTE_FAIR: nothing changes from 0.72 to 2; at 0.716 the CP949 test fails, above 2 the MacRoman
 * tests do.
 */
const CJK_FAIR = 0.8;
const SINGLE_BYTE_FAIR = 1;
/**
 * Below SINGLE_BYTE_IMPLAUSIBLE a single-byte reading is mostly garbage, and a CJK reading above CJK_LAST_RESORT wins.
 * SINGLE_BYTE_IMPLAUSIBLE: nothing changes from −0.74 to 1.71; at 1.72 the test short-iso-8859-1-2 fails, at −0.75
 * a CP932 excerpt of www2.chuo-u.ac.jp-suishin.xml turns single-byte. CJK_LAST_RESORT: nothing changes from −0.66
 * to 0.34; at 0.35 that excerpt turns single-byte, at −0.67 another one of the same file turns CJK (right).
 */
const SINGLE_BYTE_IMPLAUSIBLE = 0.3;
const CJK_LAST_RESORT = 0;
/** Weak CJK answers are shown with less confidence; display only. */
const WEAK_CJK_CONFIDENCE = 0.8;
const LAST_RESORT_CONFIDENCE = 0.5;
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
    if (single.score >= SINGLE_BYTE_CONVINCING && (LATIN_CODE_PAGES.has(single.name) || best.perPair < CJK_MODERATE))
      return { name: single.name, confidence: single.confidence, method: singleMethod };
    return { name: best.label, confidence: cjkConfidence(best, ranked[1]), method: 'CJK character plausibility', text: best.text };
  }
  if (common && common.perPair >= CJK_FAIR && single.score < SINGLE_BYTE_FAIR) {
    return {
      name: common.label,
      confidence: roundConfidence(cjkConfidence(common, ranked[1]) * WEAK_CJK_CONFIDENCE),
      method: 'CJK character plausibility (weak, single-byte readings weaker)',
      text: common.text,
    };
  }
  if (common && common.perPair > CJK_LAST_RESORT && single.score < SINGLE_BYTE_IMPLAUSIBLE) {
    return {
      name: common.label,
      confidence: LAST_RESORT_CONFIDENCE,
      method: 'CJK (no single-byte reading is plausible)',
      text: common.text,
    };
  }
  return { name: single.name, confidence: single.confidence, method: singleMethod };
}

/**
 * How far into the text a declaration is looked for. HTML's own prescan reads 1,024 bytes, and an XML declaration
 * comes first. Nothing changes from 38 bytes (the TIS-620 test's declaration) to 6,144.
 */
const DECLARATION_HEAD_BYTES = 2048;
/**
 * A declared CJK label is used when its reading scores at least this share of the best one. Nothing changes from 0 to
 * 2.4: the reading chosen without the declaration is of the same family, so this only picks the label within it.
 */
const DECLARED_CJK_SHARE = 0.8;
/**
 * A declared single-byte label loses to a CJK reading this strong (multi-byte text labelled Latin-1 is a common
 * mislabel). Nothing changes down to 0; above 3 the test 'uses a charset declared in the document…' (GBK text
 * declared iso-8859-1) fails.
 */
const CJK_OVER_DECLARED = 2.5;

/** `<?xml encoding=…?>`, `<meta charset=…>` or `content="…; charset=…"` near the start of the text. */
function declaredCharset(sample: Uint8Array): string | null {
  const head = latin1(sample.subarray(0, DECLARATION_HEAD_BYTES));
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
    return mine !== undefined && best !== undefined && mine.score > 0 && mine.score >= best.score * DECLARED_CJK_SHARE;
  }
  let text: string;
  try {
    text = decodeBytes(truncated ? sample.subarray(0, sample.length - 4) : sample, declared);
  } catch {
    return false;
  }
  if (text.includes('\ufffd') || /[\u0080-\u009f]/.test(text)) return false;
  const best = ranked[0];
  return !(best && best.perPair >= CJK_OVER_DECLARED);
}
