import { chardet } from 'jschardet';
import { decodeBytes } from './decode';
import { roundConfidence } from './detected';

// Single-byte: every candidate code page is read and scored on whether its words look like words.
// Tuned thresholds: how they were measured, and what "nothing changes" means, is said above them in detect.ts.

const COMMON_LATIN = new Set([...'éèêëàâäáãåçñóòôöõúùûüíìîïýÿøæœß'].map((c) => c.codePointAt(0)!));
/**
 * The letters Central European languages (Polish, Czech, Slovak, Slovene, Croatian, Hungarian, Romanian) and
 * Vietnamese write most. They score as common Latin letters, so that ISO-8859-2, windows-1250 and windows-1258
 * readings compete with windows-1252 on equal terms; the code page whose reading breaks fewer words then wins.
 */
const REGIONAL_LATIN = new Set([...'ąćęłńśźżčďěňřšťůžőűĺľŕăđșțşţơư'].map((c) => c.codePointAt(0)!));
/** Vietnamese tone marks, which only windows-1258 stores as separate (combining) characters. */
const COMBINING_MARK = /^[̀-ͯ]$/;
const TYPOGRAPHIC = new Set([...'‘’“”–—…•€£¥©®™°«»¿¡§±×·½¼¾¢¶'].map((c) => c.codePointAt(0)!));
/** The most frequent letters of Russian, Greek, Hebrew, Arabic and Thai prose: a wrong code page shuffles them. */
const FREQUENT_LETTERS = new Set(
  [...'оеаинтсрвлкмдпуяыьгзбчйαοιετσνηυρπκμλωάέίόήύώיוהלמארבשתנעדכקםןاليمونرتبعهدفكقسةานรอกงมเยวดทัสลิตีบ'].map((c) => c.codePointAt(0)!),
);
const GREEK_TONOS = /[άέήίόύώΐΰ]/;

/** Russian, Bulgarian and Greek words of one letter (prepositions, conjunctions, articles). */
const ONE_LETTER_WORDS = new Set([...'авиксуяоηοω']);

/**
 * Latin prose has a few accented letters among plain ones: a word of three or more letters with more than this share
 * accented is another script misread. Nothing changes up to 1.5; just below 0.5 (words exactly half accented
 * counting against) two windows-1252 excerpts of github_bug_9.txt turn right; at 0.166 the tests short-iso-8859-1-3
 * and short-macroman-3 fail.
 */
const MAX_ACCENTED_SHARE = 0.5;
/** Modern Greek accents every word of two or more syllables (capitals aside); Hebrew read as Greek never does. Nothing changes from 0 to 1.5. */
const GREEK_WITHOUT_TONOS = 0.5;
/** A one- or two-letter Cyrillic, Greek… word between English words is a Latin accented letter in the wrong code page. Nothing changes from 0 to 1.5. */
const ISOLATED_LETTER_PENALTY = 0.5;
/** Per broken Thai spelling rule (thaiPenalty). Nothing changes from 0 to 12: the Thai files read right without it. */
const THAI_SPELLING_PENALTY = 4;
/**
 * Prose is mostly lower case; a reading with at least MIN_CASED_LETTERS cased letters of which more than MAX_UPPER_SHARE
 * are capitals usually swaps the case halves of a code page (KOI8). No measured case needs this rule: with it off
 * (share above 1) or from 11 letters up two MacCyrillic excerpts of music.peeps.ru.xml turn right. Nothing changes
 * from 0 to 10 letters or from a share of 0.15 to 1; at 0.149 a windows-1258 excerpt turns right, at 0.09 the test
 * long-windows-1252 fails.
 */
const MIN_CASED_LETTERS = 8;
const MAX_UPPER_SHARE = 0.6;
/**
 * Bounds the work: each of about ten code pages is scored, and a 64 KiB sample can hold 64k non-ASCII characters.
 * Nothing changes from 500 up, nor with no bound; at 400 the ISO-8859-7 file iso88597_el reads as windows-1253.
 */
const SCORED_CHARS = 4000;

type Script = 'latin' | 'greek' | 'cyrillic' | 'thai' | 'other';

function scriptOf(cp: number): Script {
  if (cp <= 0x24f || (cp >= 0x1e00 && cp <= 0x1eff)) return 'latin';
  if (cp >= 0x370 && cp <= 0x3ff) return 'greek';
  if (cp >= 0x400 && cp <= 0x4ff) return 'cyrillic';
  if (cp >= 0xe00 && cp <= 0xe7f) return 'thai';
  return 'other';
}

const THAI_CONSONANT = /[\u0e01-\u0e2e]/;
const THAI_MARK = /[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]/;
const THAI_LEADING_VOWEL = /[\u0e40-\u0e44]/;
/** ฃ and ฅ are obsolete: common in other encodings' bytes read as TIS-620, absent from modern Thai. */
const THAI_OBSOLETE = /[\u0e03\u0e05]/;

/** Thai spelling rules a wrong code page breaks: marks sit on consonants, leading vowels precede one. */
function thaiPenalty(chars: string[]): number {
  let penalty = 0;
  chars.forEach((ch, i) => {
    const prev = chars[i - 1] ?? '';
    if (THAI_OBSOLETE.test(ch)) penalty++;
    else if (THAI_MARK.test(ch) && !THAI_CONSONANT.test(prev) && !THAI_MARK.test(prev)) penalty++;
    else if (THAI_LEADING_VOWEL.test(ch) && !THAI_CONSONANT.test(chars[i + 1] ?? '')) penalty++;
  });
  return penalty;
}

const isLower = (ch: string): boolean => ch.toLowerCase() === ch && ch.toUpperCase() !== ch;
const isUpper = (ch: string): boolean => ch.toUpperCase() === ch && ch.toLowerCase() !== ch;

/**
 * Score of one word that holds non-ASCII letters; `high` is its non-ASCII letters. The per-letter weights here and
 * in singleByteScore are a tuned table; moved alone from 0 to three times its value, these change a verdict (nothing
 * changes within the range given; the first change on each side follows): common Latin lower case 2 (1.61 to 2.53;
 * a windows-1252 excerpt of github_bug_9.txt turns right below, uchardet-sk-windows-1250.txt wrong above; the MacRoman
 * tests fail at 1.05), upper case 1 (0 to 1.84; the test 'handles CP949-only syllables'), other accented Latin −0.5
 * (0 to −1.03; uchardet-sk-windows-1250.txt), one-letter Latin word 0.5 (0.10 to 1.04; github_bug_9.txt excerpts,
 * right below and wrong above), wrong case −1 (−0.59 to −2.13; excerpts of aviaport.ru.xml and windows-1258.txt turn
 * right either way), frequent letter 2 (1.50 to 2.46; windows-1251 and ISO-8859-5 excerpts of aviaport.ru.xml and
 * bbc.co.uk.popshow.xml wrong below, one right above; the test short-windows-1251-2 fails at 0.98), other letter 1.5
 * (1.01 to 1.99; the same excerpts, right below and wrong above; short-koi8-r-1 fails at 3.03); and in
 * singleByteScore invalid −6 (−18 to −0.42; an excerpt of uchardet-sk-windows-1250.txt), typographic 1 (0.70 to
 * 1.19; github_bug_9.txt wrong below, an excerpt right above; the CP949 test fails at 1.85), other symbols −1 (−3 to
 * −0.16; a windows_1255 excerpt turns right above). Mixed scripts −1.5, one-letter Cyrillic or Greek words (1 and
 * −0.5) and one-letter upper-case Latin words −0.5 change nothing.
 */
function wordScore(chars: string[], high: string[]): { score: number; upper: number; cased: number } {
  const letters = chars.filter((c) => /\p{L}/u.test(c));
  const scripts = new Set(letters.filter((c) => c.codePointAt(0)! >= 0x80).map((c) => scriptOf(c.codePointAt(0)!)));
  const asciiLetters = letters.some((c) => c.codePointAt(0)! < 0x80);
  const script = scripts.size === 1 ? [...scripts][0]! : 'mixed';
  if (script === 'mixed' || (asciiLetters && script !== 'latin')) return { score: -1.5 * high.length, upper: 0, cased: 0 };
  const cased = letters.filter((c) => isLower(c) || isUpper(c));
  const upper = cased.filter(isUpper).length;
  const rest = cased.slice(1);
  const caseOk = upper === 0 || upper === cased.length || (isUpper(cased[0] ?? '') && rest.every(isLower));
  if (!caseOk) return { score: -1 * high.length, upper, cased: cased.length };
  let score = 0;
  if (script === 'latin') {
    // Vietnamese accents most letters of a word (được, người): the share rule would reject every right reading.
    const toned = chars.some((c, i) => i > 0 && COMBINING_MARK.test(c) && /\p{L}/u.test(chars[i - 1]!));
    const share = high.length / letters.length;
    if (!toned && ((letters.length >= 3 && share > MAX_ACCENTED_SHARE) || (letters.length === 2 && share === 1)))
      return { score: -1 * high.length, upper, cased: cased.length };
    for (const ch of high) {
      const cp = ch.toLowerCase().codePointAt(0)!;
      const common = COMMON_LATIN.has(cp) || REGIONAL_LATIN.has(cp) || (toned && COMBINING_MARK.test(ch));
      if (!common) score -= 0.5;
      else if (letters.length === 1) score += isLower(ch) ? 0.5 : -0.5;
      else score += isLower(ch) ? 2 : 1;
    }
  } else if (letters.length === 1) {
    score += ONE_LETTER_WORDS.has(letters[0]!.toLowerCase()) ? 1 : -0.5;
  } else if (script === 'greek' && upper === 0 && letters.length >= 5 && !GREEK_TONOS.test(chars.join(''))) {
    score -= GREEK_WITHOUT_TONOS * high.length;
  } else {
    for (const ch of high) score += FREQUENT_LETTERS.has(ch.toLowerCase().codePointAt(0)!) ? 2 : 1.5;
    if (script === 'thai') score -= THAI_SPELLING_PENALTY * thaiPenalty(chars);
  }
  return { score, upper, cased: cased.length };
}

/** Plausibility per non-ASCII character of a single-byte reading (about -6 … 2), judged on its first SCORED_CHARS. */
function singleByteScore(full: string): number {
  let cut = full.length;
  for (let i = 0, n = 0; i < full.length; i++) {
    if (full.charCodeAt(i) >= 0x80 && ++n === SCORED_CHARS) {
      cut = i + 1;
      break;
    }
  }
  const text = full.slice(0, cut);
  let score = 0;
  let high = 0;
  let upper = 0;
  let cased = 0;
  const tokens = text.match(/[\p{L}\p{M}]+|[^\p{L}\p{M}]/gu) ?? [];
  const words = tokens.filter((t) => /\p{L}/u.test(t));
  const asciiWord = (w: string | undefined): boolean => w !== undefined && /^[A-Za-z]+$/.test(w);
  let wordIndex = -1;
  for (const token of tokens) {
    const isWord = /\p{L}/u.test(token);
    if (isWord) wordIndex++;
    const chars = [...token];
    const highChars = chars.filter((c) => c.codePointAt(0)! >= 0x80);
    if (highChars.length === 0) continue;
    high += highChars.length;
    if (!isWord) {
      const cp = token.codePointAt(0)!;
      score += cp === 0xfffd || (cp >= 0x80 && cp <= 0x9f) ? -6 : TYPOGRAPHIC.has(cp) || cp === 0xa0 ? 1 : -1;
      continue;
    }
    const w = wordScore(chars, highChars);
    const nonLatin = highChars.some((c) => scriptOf(c.codePointAt(0)!) !== 'latin');
    const isolated = nonLatin && chars.length <= 2 && asciiWord(words[wordIndex - 1]) && asciiWord(words[wordIndex + 1]);
    score += isolated ? Math.min(w.score, 0) - ISOLATED_LETTER_PENALTY * highChars.length : w.score;
    upper += w.upper;
    cased += w.cased;
  }
  if (cased >= MIN_CASED_LETTERS && upper / cased > MAX_UPPER_SHARE) score -= high;
  return high ? score / high : 0;
}

const SINGLE_BYTE = [
  'cp874',
  'cp1250',
  'cp1251',
  'cp1252',
  'cp1253',
  'cp1254',
  'cp1255',
  'cp1256',
  'cp1257',
  'cp1258',
  'koi8-r',
  'koi8-u',
  'tis-620',
  'iso8859-1',
  'iso8859-2',
  'iso8859-4',
  'iso8859-5',
  'iso8859-6',
  'iso8859-7',
  'iso8859-8',
  'iso8859-9',
  'iso8859-13',
  'iso8859-15',
  'mac-cyrillic',
  'mac-roman',
  'mac-greek',
  'mac-latin2',
  'cp866',
];
/** Always scored, so that short strings (where jschardet has too little to go on) still get a fair reading. */
const BASE_SINGLE_BYTE = [
  'windows-1252',
  'macroman',
  'windows-1250',
  'iso-8859-2',
  'windows-1258',
  'windows-1251',
  'koi8-r',
  'iso-8859-5',
  'windows-1253',
  'windows-1255',
  'windows-1256',
  'windows-874',
];

/** jschardet names → WHATWG / IANA labels. */
function normaliseLabel(name: string): string {
  const n = name.toLowerCase().replace(/_/g, '-');
  const map: Record<string, string> = {
    cp874: 'windows-874',
    // TIS-620 is windows-874 without its 0x80–0x9F punctuation; Windows Thai is the usual source, so it is the default.
    'tis-620': 'windows-874',
    'mac-cyrillic': 'x-mac-cyrillic',
    maccyrillic: 'x-mac-cyrillic',
    'mac-roman': 'macroman',
    macintosh: 'macroman',
    'mac-greek': 'x-mac-greek',
    macgreek: 'x-mac-greek',
    'mac-latin2': 'x-mac-ce',
    maclatin2: 'x-mac-ce',
    cp866: 'ibm866',
    'iso-8859-1': 'windows-1252',
  };
  if (map[n]) return map[n];
  const cp = /^cp(125\d)$/.exec(n);
  if (cp) return `windows-${cp[1]}`;
  const iso = /^iso-?8859-(\d+)$/.exec(n);
  if (iso) return `iso-8859-${iso[1]}`;
  return n;
}

export interface SingleByteGuess {
  name: string;
  confidence: number;
  /** Plausibility per non-ASCII character, jschardet's view included. */
  score: number;
}

/**
 * jschardet's best few code pages join the always-scored ones. Nothing changes from 2 to 5; at 6 a windows-1251
 * excerpt of aviaport.ru.xml turns wrong, at 1 another one turns right.
 */
const JSCHARDET_CANDIDATES = 5;
/**
 * jschardet's confidence counts from its own minimumThreshold default, 0.20 (TOOLCHAIN.md §7); below it, it is noise.
 * Nothing changes down to 0; at 0.23 a windows-1250 excerpt of uchardet-sk-windows-1250.txt turns wrong.
 */
const JSCHARDET_MIN_CONFIDENCE = 0.2;
/**
 * How much jschardet's confidence adds to the word score. Nothing changes from 1.28 to 1.98; at 1.27 the file
 * uchardet-sk-windows-1250.txt turns wrong, at 1.99 an excerpt of it turns right. No test depends on it (0 to 4.5).
 */
const JSCHARDET_WEIGHT = 1.5;
/** Classic Mac OS ended lines with a bare CR: a MacRoman hint that costs nothing to check. Nothing changes from 0 to 0.9. */
const MAC_LINE_END_HINT = 0.3;
/** On a tie the most common code page wins. Nothing changes down to 0; at 0.11 uchardet-sk-windows-1250.txt reads as windows-1252. */
const WINDOWS_1252_TIE_BREAK = 0.05;

export function pickSingleByte(bytes: Uint8Array): SingleByteGuess {
  const prior = new Map<string, number>(BASE_SINGLE_BYTE.map((n) => [n, 0]));
  const ranked = chardet.detectAll(bytes, { includeEncodings: SINGLE_BYTE, encodingEra: 63, ignoreThreshold: true });
  for (const r of ranked.slice(0, JSCHARDET_CANDIDATES)) {
    if (!r.encoding) continue;
    const name = normaliseLabel(r.encoding);
    prior.set(name, Math.max(prior.get(name) ?? 0, r.confidence));
  }
  let best: SingleByteGuess | undefined;
  let second = -Infinity;
  for (const [name, conf] of prior) {
    let text: string;
    try {
      text = decodeBytes(bytes, name);
    } catch {
      continue;
    }
    const macHint = name === 'macroman' && /\r(?!\n)/.test(text) ? MAC_LINE_END_HINT : 0;
    const statistical = conf >= JSCHARDET_MIN_CONFIDENCE ? JSCHARDET_WEIGHT * conf : 0;
    const score = singleByteScore(text) + statistical + macHint + (name === 'windows-1252' ? WINDOWS_1252_TIE_BREAK : 0);
    if (!best || score > best.score) {
      second = best?.score ?? second;
      best = { name, confidence: conf, score };
    } else if (score > second) second = score;
  }
  const guess = best ?? { name: 'windows-1252', confidence: 0, score: 0 };
  const margin = Number.isFinite(second) ? guess.score - second : 1;
  // Shown to the analyst only, never compared: jschardet's own or one that rises with the lead; not fitted to data.
  const confidence = roundConfidence(Math.max(0.2, Math.min(0.95, Math.max(guess.confidence, 0.3 + margin * 0.2))));
  if (guess.name === 'windows-1252') {
    let c1 = false;
    for (const byte of bytes) if (byte >= 0x80 && byte <= 0x9f) c1 = true;
    // Only windows-1252 assigns 0x80–0x9F; text that never uses them is, read carefully, plain ISO-8859-1.
    return { ...guess, name: c1 ? 'windows-1252' : 'iso-8859-1', confidence };
  }
  return { ...guess, confidence };
}
