import type {
  BilingualPair,
  GlossaryResult,
  BilingualResult,
  LanguageBlock,
  LanguageProfile,
  TranslationFingerprint,
  TranslationScore,
} from '../../shared/domain/analysis';
import { findTerms, type Glossary } from './glossary';
import { countScripts } from './scripts';

/*
 * Chinese instructions translated into Korean: the case's notes put a Chinese line and its Korean translation one
 * after the other, or keep them in two files. Translations of studio notes keep their numbers (cut 12, 3 drawings),
 * their production terms (原画 → 원화) and their sentence shape, and Korean runs about 1.4 Hangul syllables per
 * Chinese character; those four signals make the score, each one explainable to the analyst.
 */

const CHINESE_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  兩: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CHINESE_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 十二 → 12, 二十三 → 23, 一百零五 → 105; null for anything else. */
export function chineseNumeral(s: string): number | null {
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    const d = CHINESE_DIGITS[ch];
    const unit = CHINESE_UNITS[ch];
    if (d !== undefined) digit = d;
    else if (unit !== undefined) {
      total += (digit ?? 1) * unit;
      digit = null;
    } else return null;
  }
  return total + (digit ?? 0);
}

const KOREAN_NATIVE: Record<string, number> = { 한: 1, 두: 2, 세: 3, 네: 4, 다섯: 5, 여섯: 6, 일곱: 7, 여덟: 8, 아홉: 9, 열: 10 };

/*
 * Numerals written as words count only next to an ordinal or a counter (第三卡, 三张, 두 장, 세 번): elsewhere 一
 * is "a bit" (一下), "together" (一起), and 한, 세, 네 are ordinary syllables.
 */
const CHINESE_NUMBER =
  /第([零〇一二两兩三四五六七八九十百千]+)|([零〇一二两兩三四五六七八九十百千]+)(?=[张張卡集帧幀格秒个個次遍页頁号號拍组組层層处處点點帖])/g;
const KOREAN_NUMBER = /(?<![가-힣])(한|두|세|네|다섯|여섯|일곱|여덟|아홉|열) ?(?=장|번|개|컷|프레임|군데|곳|줄|초|가지|매)/g;
const DIGITS = /\d+/g;

/** Numbers in a text, as plain decimal strings without leading zeros (C012 and 12 agree). */
export function numbersOf(text: string): string[] {
  const normalized = text.normalize('NFKC');
  const found = new Set<string>();
  for (const m of normalized.matchAll(DIGITS)) found.add(String(Number(m[0].slice(-15))));
  for (const m of normalized.matchAll(CHINESE_NUMBER)) {
    const value = chineseNumeral(m[1] ?? m[2] ?? '');
    if (value !== null) found.add(String(value));
  }
  for (const m of normalized.matchAll(KOREAN_NUMBER)) found.add(String(KOREAN_NATIVE[m[1] ?? ''] ?? ''));
  found.delete('');
  return [...found].sort();
}

const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;

/** The comparable features of one text (see `TranslationFingerprint`); linear in the text. */
export function fingerprint(text: string, glossary?: Glossary): TranslationFingerprint {
  return fingerprintWithTerms(text, Object.keys(findTerms(text, '', glossary ? { glossary, maxHits: 0 } : { maxHits: 0 }).counts));
}

/** The fingerprint of a text whose glossary terms were found already (their ids, repeats allowed). */
export function fingerprintWithTerms(text: string, termIds: readonly string[]): TranslationFingerprint {
  const scripts = countScripts(text);
  const terms = [...new Set(termIds)].sort();
  return {
    numbers: numbersOf(text),
    terms,
    punctuation: {
      stops: count(text, /[。.！!]/g),
      commas: count(text, /[，,、;；]/g),
      questions: count(text, /[？?]/g),
      brackets: count(text, /[（(「『《【“"]/g),
    },
    han: scripts.han,
    hangul: scripts.hangul,
  };
}

const jaccard = (a: readonly string[], b: readonly string[]): number | null => {
  if (a.length === 0 && b.length === 0) return null;
  const setB = new Set(b);
  const shared = a.filter((x) => setB.has(x)).length;
  return shared / (a.length + b.length - shared);
};

/** Korean syllables per Chinese character in studio-note translations: centre and log-spread of the length feature. */
const RATIO_CENTRE = 1.4;
const RATIO_SPREAD = 0.45;

/** Weights of numbers, terms, punctuation and length; a feature that cannot be judged counts as 0.5 (no evidence). */
const WEIGHTS = { numbers: 0.35, terms: 0.3, punctuation: 0.1, length: 0.25 };

/** How likely a Chinese text and a Korean text translate each other, from their fingerprints, with the reasons. */
export function scoreFingerprints(zh: TranslationFingerprint, ko: TranslationFingerprint): TranslationScore {
  const numbers = jaccard(zh.numbers, ko.numbers);
  const terms = jaccard(zh.terms, ko.terms);
  const pz = Object.values(zh.punctuation);
  const pk = Object.values(ko.punctuation);
  const marks = pz.reduce((a, b) => a + b, 0) + pk.reduce((a, b) => a + b, 0);
  const punctuation = marks === 0 ? null : 1 - pz.reduce((sum, v, i) => sum + Math.abs(v - (pk[i] ?? 0)), 0) / marks;
  const lengthRatio = zh.han === 0 ? 0 : ko.hangul / zh.han;
  const length = lengthRatio === 0 ? 0 : Math.exp(-(Math.log(lengthRatio / RATIO_CENTRE) ** 2) / (2 * RATIO_SPREAD ** 2));
  const score =
    WEIGHTS.numbers * (numbers ?? 0.5) +
    WEIGHTS.terms * (terms ?? 0.5) +
    WEIGHTS.punctuation * (punctuation ?? 0.5) +
    WEIGHTS.length * length;
  const sharedNumbers = zh.numbers.filter((n) => ko.numbers.includes(n));
  const sharedTerms = zh.terms.filter((t) => ko.terms.includes(t));
  const reasons = [
    numbers === null
      ? 'no numbers'
      : `numbers ${sharedNumbers.length ? sharedNumbers.join(', ') : 'none'} shared (${Math.round(numbers * 100)}%)`,
    terms === null
      ? 'no production terms'
      : `terms ${sharedTerms.length ? sharedTerms.join(', ') : 'none'} shared (${Math.round(terms * 100)}%)`,
    `${lengthRatio.toFixed(2)} Korean syllables per Chinese character`,
  ];
  return {
    score,
    features: { numbers, terms, punctuation, length },
    sharedNumbers,
    sharedTerms,
    lengthRatio,
    reason: reasons.join('; '),
  };
}

/** Whether a Chinese note and a Korean note (two texts, e.g. two files) translate each other. */
export const scoreTranslation = (zh: string, ko: string, glossary?: Glossary): TranslationScore =>
  scoreFingerprints(fingerprint(zh, glossary), fingerprint(ko, glossary));

/**
 * Blocking keys for pairing notes across a case: texts that share no key are not compared. Numbers of two digits
 * or more and production terms are specific enough; single digits would put every note in one block.
 */
export function blockingKeys(fp: TranslationFingerprint): string[] {
  return [...fp.numbers.filter((n) => n.length >= 2).map((n) => `n:${n}`), ...fp.terms.map((t) => `t:${t}`)];
}

/** Pairs scoring at least this are reported as translations. */
export const PAIR_THRESHOLD = 0.5;

/** A text is mixed when it has both Chinese and Korean blocks, or when one line holds both scripts in strength. */
const MIXED_SHARE = 0.2;

/** Pairs listed per text, and characters of each side shown: enough to read them side by side, never megabytes. */
const MAX_PAIRS = 50;
const MAX_PAIR_TEXT = 2000;

const isChinese = (b: LanguageBlock): boolean => b.label === 'zh-Hans' || b.label === 'zh-Hant';

/**
 * Flags a text mixing Chinese and Korean and aligns its adjacent Chinese and Korean lines into translation pairs.
 * Runs of Chinese lines followed by as many Korean lines (or the reverse) pair line by line; runs of different
 * lengths pair as wholes. Uses the blocks of the text's language profile and, when the caller has them, the
 * text's glossary hits (complete, not truncated) instead of searching every line again.
 */
export function alignBilingual(
  text: string,
  field: string,
  profile: LanguageProfile,
  glossary?: Glossary,
  terms?: GlossaryResult,
): BilingualResult {
  const known = terms && !terms.truncated ? terms.hits : null;
  const fingerprintOf = (start: number, end: number): TranslationFingerprint =>
    known
      ? fingerprintWithTerms(
          text.slice(start, end),
          known.filter((h) => h.start >= start && h.end <= end).map((h) => h.termId),
        )
      : fingerprint(text.slice(start, end), glossary);
  const blocks = profile.blocks;
  const zhBlocks = blocks.filter(isChinese).length;
  const koBlocks = blocks.filter((b) => b.label === 'ko').length;
  const inline = profile.shares.han >= MIXED_SHARE && profile.shares.hangul >= MIXED_SHARE;
  const isMixed = (zhBlocks > 0 && koBlocks > 0) || inline;
  // Runs of consecutive Chinese or Korean lines; a line in another language ends a run and pairs with nothing.
  const runs: { lang: 'zh' | 'ko' | null; blocks: LanguageBlock[] }[] = [];
  for (const block of blocks) {
    const lang = isChinese(block) ? 'zh' : block.label === 'ko' ? 'ko' : null;
    const last = runs[runs.length - 1];
    if (lang !== null && last?.lang === lang) last.blocks.push(block);
    else runs.push({ lang, blocks: [block] });
  }
  const span = (list: LanguageBlock[]) => {
    const start = list[0]?.start ?? 0;
    const end = list[list.length - 1]?.end ?? start;
    // Offsets locate the whole block; the text shown is cut, so one huge line cannot make the result huge.
    return {
      field,
      start,
      end,
      text: end - start > MAX_PAIR_TEXT ? `${text.slice(start, start + MAX_PAIR_TEXT)}…` : text.slice(start, end),
    };
  };
  const pairs: BilingualPair[] = [];
  let found = 0;
  for (let r = 0; r + 1 < runs.length; r++) {
    const a = runs[r];
    const b = runs[r + 1];
    if (!a || !b || a.lang === null || b.lang === null || a.lang === b.lang) continue;
    const [zhRun, koRun] = a.lang === 'zh' ? [a.blocks, b.blocks] : [b.blocks, a.blocks];
    const groups: [LanguageBlock[], LanguageBlock[]][] =
      zhRun.length === koRun.length ? zhRun.map((z, k) => [[z], [koRun[k] as LanguageBlock]]) : [[zhRun, koRun]];
    for (const [zh, ko] of groups) {
      const zhSpan = span(zh);
      const koSpan = span(ko);
      const score = scoreFingerprints(fingerprintOf(zhSpan.start, zhSpan.end), fingerprintOf(koSpan.start, koSpan.end));
      if (score.score >= PAIR_THRESHOLD) {
        found++;
        if (pairs.length < MAX_PAIRS) pairs.push({ zh: zhSpan, ko: koSpan, score });
      }
    }
    r++;
  }
  const reason = isMixed
    ? `${zhBlocks} Chinese and ${koBlocks} Korean line(s)${inline ? ', Han and Hangul both over 20% of letters' : ''}; ${found} translation pair(s)${found > pairs.length ? `, the first ${pairs.length} listed` : ''}`
    : 'not both Chinese and Korean';
  return { isMixed, zhBlocks, koBlocks, pairs, reason };
}
