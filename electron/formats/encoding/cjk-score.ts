import { tryDecode } from './codecs';
import frequent from './data/frequent-characters.json';
import { decodeBytes } from './decode';
import { roundConfidence } from './detected';

// Legacy CJK: decode with each candidate's strict decoder and score how plausible the text is for its language.

type Lang = 'zh-hans' | 'zh-hant' | 'ja' | 'ko';

interface CjkTables {
  gbL1: Set<number>;
  gbL2: Set<number>;
  big5L1: Set<number>;
  big5L2: Set<number>;
  jisL1: Set<number>;
  jisL2: Set<number>;
  ksxHangul: Set<number>;
  ksxHanja: Set<number>;
  rank: Record<Lang, Map<number, number>>;
}
let cjkTables: CjkTables | undefined;

function charsOfRows(encoding: string, leads: [number, number], trails: [number, number][]): Set<number> {
  const out = new Set<number>();
  for (let lead = leads[0]; lead <= leads[1]; lead++) {
    for (const [from, to] of trails) {
      for (let trail = from; trail <= to; trail++) {
        const cp = tryDecode(encoding, Uint8Array.of(lead, trail))?.codePointAt(0);
        if (cp !== undefined && cp > 0x7f) out.add(cp);
      }
    }
  }
  return out;
}

function rankMap(list: string): Map<number, number> {
  const m = new Map<number, number>();
  let i = 0;
  for (const ch of list) {
    const cp = ch.codePointAt(0)!;
    if (!m.has(cp)) m.set(cp, i++);
  }
  return m;
}

/** Character classes come from the code tables themselves: each standard's level 1 is its "common characters" set. */
function getCjkTables(): CjkTables {
  if (!cjkTables) {
    const full: [number, number][] = [[0xa1, 0xfe]];
    const big5Trails: [number, number][] = [
      [0x40, 0x7e],
      [0xa1, 0xfe],
    ];
    const big5L1 = charsOfRows('big5', [0xa4, 0xc6], big5Trails);
    const big5L2 = charsOfRows('big5', [0xc9, 0xf9], big5Trails);
    cjkTables = {
      gbL1: charsOfRows('gbk', [0xb0, 0xd7], full),
      gbL2: charsOfRows('gbk', [0xd8, 0xf7], full),
      big5L1,
      big5L2,
      jisL1: charsOfRows('euc-jp', [0xb0, 0xcf], full),
      jisL2: charsOfRows('euc-jp', [0xd0, 0xf4], full),
      ksxHangul: charsOfRows('euc-kr', [0xb0, 0xc8], full),
      ksxHanja: charsOfRows('euc-kr', [0xca, 0xfd], full),
      rank: {
        'zh-hans': rankMap(frequent['zh-hans']),
        'zh-hant': rankMap(frequent['zh-hant']),
        ja: rankMap(frequent.ja),
        ko: rankMap(frequent.ko),
      },
    };
  }
  return cjkTables;
}

/**
 * Weight of a character from data/frequent-characters.json by its rank: 4 for the top RANK_TOP, 3 up to RANK_MID,
 * 2 below. RANK_TOP: nothing changes down to 0; at 250 EUC-JP excerpts of azito.under.jp.xml turn wrong. RANK_MID:
 * nothing changes from 0 to 1,500. The weights (each moved alone): 4 holds from 2.70 to 4.2 (above, the test
 * 'handles CP949-only syllables' fails; at 2.69 EUC-JP excerpts of akaname.main.jp.xml turn wrong), 3 from 1.89 to
 * 3.99 (at 1.88 the declared-charset test fails, at 4 the azito.under.jp.xml excerpts), 2 from 1.07 to 4.34 (at
 * 1.06 the tests short-gbk-6 and short-gb18030-6 fail, at 4.35 EUC-JP short strings of pychardet-EUC-JP-_ude_1.txt).
 */
const RANK_TOP = 200;
const RANK_MID = 500;

function rankWeight(rank: number): number {
  return rank < RANK_TOP ? 4 : rank < RANK_MID ? 3 : 2;
}

const CHINESE_PUNCT = new Set([...'，。、：；？！“”‘’《》（）【】…—·「」『』〈〉'].map((c) => c.codePointAt(0)!));
const JAPANESE_PUNCT = new Set([...'、。「」『』・ー（）【】…‥〜！？：'].map((c) => c.codePointAt(0)!));
const KOREAN_PUNCT = new Set([...'·…“”‘’「」『』《》〈〉（）【】～'].map((c) => c.codePointAt(0)!));
const COMMON_SYMBOLS = new Set([...'※○●◎◇◆□■△▲▽▼☆★→←↑↓①②③④⑤⑥⑦⑧⑨⑩°±×÷§'].map((c) => c.codePointAt(0)!));

/**
 * How plausible one decoded non-ASCII character is in text of the given language (higher is better). A tuned table;
 * moved alone from 0 to three times its value, most weights change nothing measured. These do (nothing changes
 * within the range given; the first change on each side follows): invalid −6 (−18 to −1.10; EUC-JP excerpt of
 * azito.under.jp.xml); level-1 hanzi/kanji 1 (0.10 to 1.10; GB2312 excerpts of _mozilla_bug171813_text.html, test
 * 'handles CP949-only syllables'); KS X 1001 Hangul 1 (0 to 2.09; EUC-JP excerpts of akaname.main.jp.xml); UHC-only
 * Hangul 0.8 (0.75 to 1.59; the CP949 test, Shift_JIS excerpts of 10e.org.xml); half-width katakana −1 (−3 to −0.80;
 * the CP949 test); hiragana 4 (2.44 up; EUC-JP short strings of pychardet-EUC-JP-_ude_1.txt, the test short-euc-jp-3
 * at 1.48); katakana 2.5 (2.01 up; the azito.under.jp.xml excerpts); language punctuation 2 (0 to 3.29; the
 * akaname.main.jp.xml excerpts); other symbols 0 (−0.64 to 1.19; CP932 excerpts of www2.chuo-u.ac.jp-suishin.xml,
 * wrong below and right above). The rank weights are in rankWeight.
 */
function charWeight(cp: number, lang: Lang, t: CjkTables): number {
  if (cp === 0xfffd || (cp >= 0x80 && cp <= 0x9f)) return -6;
  // User-defined cells decode to the PUA: real (Windows gaiji) but rare, and typical of a wrong reading.
  if (cp >= 0xe000 && cp <= 0xf8ff) return -2;
  const rank = t.rank[lang].get(cp);
  if (rank !== undefined) return rankWeight(rank);
  const punct = lang === 'ja' ? JAPANESE_PUNCT : lang === 'ko' ? KOREAN_PUNCT : CHINESE_PUNCT;
  if (punct.has(cp)) return 2;
  if (COMMON_SYMBOLS.has(cp)) return 0.5;
  if (cp >= 0xff01 && cp <= 0xff5e) return 0.8;
  if (cp === 0x3000) return 1;
  // Kana are the most frequent characters of Japanese text (particles, endings, loanwords).
  if (cp >= 0x3041 && cp <= 0x309f) return lang === 'ja' ? 4 : -1;
  if (cp >= 0x30a0 && cp <= 0x30ff) return lang === 'ja' ? 2.5 : -1;
  // Half-width katakana are rare in modern text but are what other encodings' bytes turn into under Shift_JIS.
  if (cp >= 0xff61 && cp <= 0xff9f) return -1;
  if (cp >= 0xac00 && cp <= 0xd7a3) {
    if (lang !== 'ko') return -1;
    // Syllables beyond KS X 1001 (CP949's UHC extension) are rare but are still Hangul, unlike what a wrong reading gives.
    return t.ksxHangul.has(cp) ? 1 : 0.8;
  }
  if (cp >= 0x3131 && cp <= 0x318e) return lang === 'ko' ? 0.5 : -1;
  if (cp >= 0x4e00 && cp <= 0x9fff) {
    switch (lang) {
      case 'zh-hans':
        return t.gbL1.has(cp) ? 1 : t.gbL2.has(cp) ? 0.3 : -0.3;
      case 'zh-hant':
        return t.big5L1.has(cp) ? 1 : t.big5L2.has(cp) ? 0.3 : -0.3;
      case 'ja':
        return t.jisL1.has(cp) ? 1 : t.jisL2.has(cp) ? 0.3 : -0.3;
      case 'ko':
        return t.ksxHanja.has(cp) ? 0.2 : -0.5;
    }
  }
  if (cp >= 0x2010 && cp <= 0x2027) return 0.5;
  if (cp >= 0x3001 && cp <= 0x303f) return 0.3;
  if (cp >= 0x0370 && cp <= 0x04ff) return -0.5;
  if (cp >= 0x2500 && cp <= 0x257f) return -0.2;
  if (cp >= 0x2100 && cp <= 0x2bff) return 0;
  if (cp >= 0xa0 && cp <= 0xff) return -0.5;
  return -1;
}

/**
 * Korean separates words with spaces; Chinese and Japanese run characters together. So a space between two CJK
 * characters counts for a Korean reading and against the others. Nothing changes up to 1.5; the test 'handles
 * CP949-only syllables' fails below 0.44 for Korean or below 0.31 for the others (measured apart).
 */
const SPACE_BETWEEN_WORDS = 0.5;
const SPACED_CJK = /[\u3041-\u30ff\u4e00-\u9fff\uac00-\ud7a3] (?=[\u3041-\u30ff\u4e00-\u9fff\uac00-\ud7a3])/g;

export interface CjkCandidate {
  family: 'gb' | 'big5' | 'kr' | 'sjis' | 'eucjp' | 'euctw' | 'johab';
  decoder: string;
  langs: Lang[];
}

export const CJK_CANDIDATES: CjkCandidate[] = [
  { family: 'gb', decoder: 'gb18030', langs: ['zh-hans', 'zh-hant'] },
  { family: 'big5', decoder: 'big5', langs: ['zh-hant'] },
  { family: 'kr', decoder: 'euc-kr', langs: ['ko'] },
  { family: 'sjis', decoder: 'shift_jis', langs: ['ja'] },
  { family: 'eucjp', decoder: 'euc-jp', langs: ['ja'] },
  { family: 'euctw', decoder: 'euc-tw', langs: ['zh-hant'] },
  { family: 'johab', decoder: 'johab', langs: ['ko'] },
];
export const SHORT_CANDIDATES = CJK_CANDIDATES.filter((c) => c.family !== 'euctw' && c.family !== 'johab');

// Tuned thresholds: how they were measured, and what "nothing changes" means, is said above them in detect.ts.

/**
 * A reading is plausible CJK when it scores MIN_CJK_PER_PAIR per two non-ASCII bytes, or when at least
 * MIN_STRONG_SHARE of its characters are frequent ones (weight FREQUENT_WEIGHT or more) and it scores above
 * MIN_STRONG_PER_PAIR: text full of gaiji (user-defined PUA characters) scores low but is still CJK. Each clause covers
 * the measured cases alone, so moving one value changes nothing (MIN_CJK_PER_PAIR 0 to 3.6, MIN_STRONG_SHARE 0 to
 * 1.5, MIN_STRONG_PER_PAIR 0 to 0.9, FREQUENT_WEIGHT 0 to 6). With both clauses off the tests 'labels GB text by
 * the narrowest standard' (gbk) and 'decodes CNS 11643 planes 1–2 like glibc' fail; with both always true the
 * Latin-1, windows-1252 and MacRoman tests of single-byte.test.ts do.
 */
const MIN_CJK_PER_PAIR = 1.2;
const MIN_STRONG_SHARE = 0.5;
const MIN_STRONG_PER_PAIR = 0.3;
const FREQUENT_WEIGHT = 2;

export function plausibleCjk(r: CjkResult | undefined): boolean {
  return r !== undefined && (r.perPair >= MIN_CJK_PER_PAIR || (r.strong >= MIN_STRONG_SHARE && r.perPair > MIN_STRONG_PER_PAIR));
}

export interface CjkResult {
  family: CjkCandidate['family'];
  label: string;
  text: string;
  score: number;
  perPair: number;
  /** Share of non-ASCII characters that are frequent in the language (kana, top hanzi/hangul, CJK punctuation). */
  strong: number;
}

export function rankCjk(bytes: Uint8Array, candidates: CjkCandidate[], tolerant = false): CjkResult[] {
  const t = getCjkTables();
  let highBytes = 0;
  for (const byte of bytes) if (byte >= 0x80) highBytes++;
  if (highBytes === 0) return [];
  const results: CjkResult[] = [];
  for (const cand of candidates) {
    const text = lenientCjkDecode(cand, bytes, tolerant);
    if (text === null) continue;
    let asciiChars = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x80) asciiChars++;
    // Per two bytes of non-ASCII characters, so readings that pair a high byte with an ASCII byte are not favoured.
    const pairs = Math.max(1, (bytes.length - asciiChars) / 2);
    let best = -Infinity;
    let strong = 0;
    for (const lang of cand.langs) {
      let sum = 0;
      let chars = 0;
      let frequent = 0;
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        if (cp < 0x80) continue;
        const w = charWeight(cp, lang, t);
        sum += w;
        chars++;
        if (w >= FREQUENT_WEIGHT) frequent++;
      }
      const spaced = text.match(SPACED_CJK)?.length ?? 0;
      sum += spaced * (lang === 'ko' ? SPACE_BETWEEN_WORDS : -SPACE_BETWEEN_WORDS);
      if (sum > best) {
        best = sum;
        strong = chars ? frequent / chars : 0;
      }
    }
    results.push({ family: cand.family, label: cjkLabel(cand.family, bytes), text, score: best, perPair: best / pairs, strong });
  }
  return results.sort((a, b) => b.score - a.score);
}

/**
 * Invalid sequences a long reading may have: INVALID_ALLOWED plus this share of its other non-ASCII characters.
 * The share: nothing changes up to 0.15; below 0.022 the damaged-GBK tests (cjk-score.test.ts, text.test.ts) fail.
 * The base: nothing changes from 0 to 3.
 */
const INVALID_SHARE_ALLOWED = 0.05;
const INVALID_ALLOWED = 1;

/**
 * Decodes with a candidate, allowing a few invalid sequences in long text (a damaged or cut file is still evidence),
 * none in short strings. Each U+FFFD costs its candidate in the score, so a clean reading still wins.
 */
function lenientCjkDecode(cand: CjkCandidate, bytes: Uint8Array, tolerant: boolean): string | null {
  const text = decodeBytes(bytes, cand.decoder);
  let invalid = 0;
  let high = 0;
  for (const ch of text) {
    if (ch === '\ufffd') invalid++;
    else if (ch.charCodeAt(0) >= 0x80) high++;
  }
  const allowed = tolerant ? INVALID_ALLOWED + Math.floor(high * INVALID_SHARE_ALLOWED) : 0;
  return invalid <= allowed ? text : null;
}

/** The most specific label the bytes justify; all of a family's labels decode the same. */
function cjkLabel(family: CjkCandidate['family'], b: Uint8Array): string {
  switch (family) {
    case 'gb': {
      let ext = false;
      for (let i = 0; i < b.length; i++) {
        const c = b[i]!;
        if (c < 0x80) continue;
        const c2 = b[i + 1];
        if (c2 === undefined) break;
        if (c2 >= 0x30 && c2 <= 0x39) return 'gb18030';
        if (c < 0xa1 || c > 0xf7 || c2 < 0xa1) ext = true;
        i++;
      }
      return ext ? 'gbk' : 'gb2312';
    }
    case 'kr': {
      for (let i = 0; i < b.length; i++) {
        const c = b[i]!;
        if (c < 0x80) continue;
        if (c < 0xa1 || (b[i + 1] ?? 0xff) < 0xa1) return 'cp949';
        i++;
      }
      return 'euc-kr';
    }
    case 'big5':
      return 'big5';
    case 'sjis':
      return 'shift_jis';
    case 'eucjp':
      return 'euc-jp';
    case 'euctw':
      return 'euc-tw';
    case 'johab':
      return 'johab';
  }
}

/** Shown to the analyst only, never compared: rises with the score and with the lead over the runner-up; not fitted to data. */
export function cjkConfidence(best: CjkResult, second: CjkResult | undefined): number {
  const margin = second ? (best.score - second.score) / Math.max(1, Math.abs(best.score)) : 1;
  return roundConfidence(Math.max(0.3, Math.min(0.99, 0.35 + best.perPair * 0.1 + margin * 0.4)));
}

const CJK_FAMILY_OF: Record<string, CjkCandidate['family']> = {
  gb2312: 'gb',
  gbk: 'gb',
  gb18030: 'gb',
  'euc-cn': 'gb',
  'x-gbk': 'gb',
  big5: 'big5',
  cp950: 'big5',
  'euc-kr': 'kr',
  cp949: 'kr',
  uhc: 'kr',
  shift_jis: 'sjis',
  'euc-jp': 'eucjp',
  'euc-tw': 'euctw',
  johab: 'johab',
};

/** The candidate family a declared or given label belongs to, if it is a multi-byte CJK label. */
export function cjkFamilyOf(label: string): CjkCandidate['family'] | undefined {
  return CJK_FAMILY_OF[label];
}
