import type { ChineseVariantResult, LanguageBlock, LanguageLabel, LanguageProfile, ScriptCounts } from '../../shared/domain/analysis';
import { emptyTally, mergeTally, tallyVariant, type VariantTally, verdictOf } from './chinese-variant';
import { loadEld } from './eld-detector';
import { DEFAULT_SAMPLE_CHARS, lineRanges, type Range, rangesLength, sampleRanges } from './sample';
import { countScripts, emptyCounts, letterCount, sharesOf } from './scripts';

/*
 * Language labels come from script statistics first and from a statistical detector only where scripts cannot
 * decide. Measured here (Node 20, 2 cores) on 40 short studio notes (2–50 characters: 15 Chinese, 10 Korean,
 * 5 Japanese, 10 English) and on 18 short English and 10 short non-English Latin notes:
 *
 *   detector (version, data)     load   per call  zh     ko     ja    en     en (18)  non-en (10)  heap
 *   eld 2.1.0 extrasmall (0.9MB)  150ms   10µs    8/15   6/10   4/5   9/10   16/18     8/10        29 MB
 *   eld 2.1.0 small (1.6MB)       350ms   14µs    9/15   8/10   5/5   9/10   17/18     9/10        46 MB
 *   eld 2.1.0 medium (2.0MB)      370ms    9µs    9/15  10/10   5/5   9/10   17/18     9/10        70 MB
 *   eld 2.1.0 large (4.5MB)       920ms   70µs   12/15  10/10   4/5  10/10      –        –        160 MB
 *   tinyld 1.3.4 normal           110ms  120µs    7/15  10/10   3/5   6/10   11/18    10/10        20 MB
 *   franc 6.2.0 (minLength 1)      30ms   90µs   15/15  10/10   3/5   2/10      –        –          6 MB
 *   franc-min 6.2.0 (minLength 1)  13ms   38µs   15/15  10/10   3/5   5/10    9/18    10/10        3 MB
 *
 * Every detector misreads short CJK (eld returns nothing or Japanese for 原画 and 背景, tinyld nothing for most
 * Chinese under ten characters, franc answers only with minLength 1, and then by script alone), and none tells
 * simplified from traditional. Scripts settle CJK exactly: Hangul is only Korean, kana only Japanese, and Han without
 * kana is Chinese, its variant decided by the characters that differ between the standards (chinese-variant.ts).
 * The detector is kept for Latin-script text, where the question is English or not; franc and tinyld get short
 * English wrong half the time, eld small is as good as medium and large there at a third of their memory.
 * Licences: eld Apache-2.0, tinyld MIT, franc MIT.
 */

/**
 * `metadata`: `Group:Tag value` lines (see artifact-inputs.ts), of which only the values are read: the tag names are
 * Latin identifiers that made metadata look English and cost a detector run each ("IFD0:Artist 张三",
 * "IFD0:Software Adobe Photoshop 2023", "XMP-dc:Description 第三集原画修改" was labelled English: 50 Latin letters,
 * 36 of them in tag names, outweighed 9 Han characters).
 */
type Kind = 'text' | 'name' | 'metadata';

export interface LanguageOptions {
  /** `name` for file and folder names: no detector run (names are identifiers, not prose) and no blocks; `metadata`, see Kind. */
  kind?: Kind;
  /** Size of the sample the label and blocks are taken from. */
  maxChars?: number;
  /** Most blocks listed; later lines still count towards the text's label. */
  maxBlocks?: number;
}

export const DEFAULT_MAX_BLOCKS = 200;

/*
 * A Han character, a Hangul syllable or a kana carries about a word's worth of meaning; a Latin letter about a
 * quarter of one (English averages some 4.5 letters a word). Without that weighting "第3卡 layout 修改" would count
 * as English because "layout" has more letters than the Chinese has characters.
 */
const ALPHABET_LETTER_WEIGHT = 0.25;

/** Japanese prose is rarely under a tenth kana; Chinese and Korean never use kana apart from quoted names. */
const KANA_SHARE_FOR_JAPANESE = 0.1;

/** Below this many Latin letters eld guesses; the text is then called English at low confidence (see `latinLabel`). */
const MIN_LETTERS_FOR_DETECTOR = 4;

// eld small's data from the compact table (eld-table.ts): the same scores at 1 MB per worker instead of 46.
const detector = await loadEld();
// Removes URLs, e-mail addresses and alphanumeric codes (ep03, v2, C012) that skew short notes.
detector.enableTextCleanup(true);

interface Label {
  label: LanguageLabel;
  confidence: number;
  reason: string;
}

/** More characters, more certainty: 1 character 0.6, 2 characters 0.8, 4 or more 1. */
const lengthFactor = (n: number): number => Math.min(1, 0.4 + 0.2 * n);

/**
 * English unless the detector clearly prefers another language. The trove's Latin-script text is overwhelmingly
 * English production vocabulary, titles and file names, where detectors are least reliable (eld scores the title
 * "Invincible" fr 0.716, es 0.714, en 0.709), so another language must beat English by `OTHER_LANGUAGE_MARGIN`
 * and be reliable; an unsure detector only lowers the confidence.
 */
const OTHER_LANGUAGE_MARGIN = 0.05;

/** A metadata token (a run without spaces) that holds a digit: a document id, a model number, an encoding name. */
const IDENTIFIER = /\S*\d\S*/g;

/**
 * Languages the script counts settle. Asked about the Latin words of a mixed text, the detector names them because of
 * the Han, Hangul or kana around those words: "Adobe Photoshop 2023" beside 第三集原画修改 was labelled another
 * language ("eld detects zh"), as were 14,456 Latin lines of the 10,000-file benchmark trove (zh or ko).
 */
const SCRIPT_SETTLED: ReadonlySet<string> = new Set(['zh', 'ja', 'ko']);

function latinLabel(text: string, ranges: readonly Range[], latin: number, kind: Kind, dominance: number): Label {
  if (kind === 'name' || latin < MIN_LETTERS_FOR_DETECTOR) {
    const why = kind === 'name' ? 'a name' : `only ${latin} Latin letter(s)`;
    return { label: 'en', confidence: 0.4 * dominance, reason: `Latin script, ${why}: English assumed without running the detector` };
  }
  const sample = detectorSample(text, ranges);
  // Identifiers in metadata (document ids, model numbers) read as words of some language to the detector.
  const result = detector.detect(kind === 'metadata' ? sample.replace(IDENTIFIER, ' ') : sample);
  const scores = result.getScores();
  const fromCjk = SCRIPT_SETTLED.has(result.language);
  const reliable = result.isReliable() && !fromCjk;
  const [top] = Object.entries(scores)
    .filter(([lang]) => !SCRIPT_SETTLED.has(lang))
    .reduce<[string, number]>((best, entry) => (entry[1] > best[1] ? entry : best), ['', 0]);
  const english = scores['en'] ?? 0;
  const margin = (scores[top] ?? 0) - english;
  if (top !== '' && top !== 'en' && reliable && margin >= OTHER_LANGUAGE_MARGIN) {
    return { label: 'other', confidence: 0.8 * dominance, reason: `Latin script; eld detects ${top} (${margin.toFixed(2)} above English)` };
  }
  if (top === 'en' && reliable) return { label: 'en', confidence: 0.95 * dominance, reason: 'Latin script; eld detects English' };
  const detail = fromCjk
    ? `${result.language}, from the Han, Hangul or kana around the Latin words`
    : top === ''
      ? 'no language'
      : top === 'en'
        ? 'English, unsure'
        : `${top}, not clearly above English`;
  return { label: 'en', confidence: (english > 0 ? 0.6 : 0.4) * dominance, reason: `Latin script; eld detects ${detail}: English assumed` };
}

/**
 * What the detector reads of a text: its ranges in order, up to this many characters. Its work grows with the input
 * and a thousand characters settle English or not; three thousand (a thousand from each of a long text's head, middle
 * and tail) made the detector a third of the analysis layer's time on the benchmark trove.
 */
const DETECTOR_CHARS = 1000;

function detectorSample(text: string, ranges: readonly Range[]): string {
  const parts: string[] = [];
  let left = DETECTOR_CHARS;
  for (const r of ranges) {
    if (left <= 0) break;
    const part = text.slice(r.start, Math.min(r.end, r.start + left));
    parts.push(part);
    left -= part.length + 1;
  }
  return parts.join('\n');
}

/**
 * A line shorter than this many Latin letters takes the whole text's Latin-script label instead of running the
 * detector on its own: a few words are where detectors are least reliable, and running one per line was a fifth of
 * the analysis layer's time on notes (measured on the benchmark trove).
 */
const MIN_LETTERS_FOR_BLOCK_DETECTOR = 60;
/**
 * Lines of one text the detector runs on; further long Latin lines take the whole text's label too. A long English
 * PDF ran it on up to 200 lines, and the detector was two thirds of the analysis layer's time on the benchmark trove.
 */
const MAX_BLOCK_DETECTOR_RUNS = 8;

/** The label of one text or block from its script counts and Chinese-variant tally. */
function labelOf(
  counts: ScriptCounts,
  variant: VariantTally,
  text: string,
  ranges: readonly Range[],
  kind: Kind,
  wholeLatin?: Label,
): Label {
  if (letterCount(counts) === 0) return { label: 'und', confidence: 1, reason: 'no letters' };
  const { han, hangul, kana, latin, other } = counts;
  const isJapanese = kana > 0 && kana >= KANA_SHARE_FOR_JAPANESE * (han + kana);
  const scores: [LanguageLabel | 'zh' | 'latin', number][] = [
    ['ja', isJapanese ? han + kana : kana],
    ['ko', hangul],
    ['zh', isJapanese ? 0 : han],
    ['latin', latin * ALPHABET_LETTER_WEIGHT],
    ['other', other * ALPHABET_LETTER_WEIGHT],
  ];
  const total = scores.reduce((sum, [, s]) => sum + s, 0);
  // Ties go to the earlier entry: kana and Hangul are unique to their language, Han is shared with kanji and hanja.
  const best = scores.reduce((a, b) => (b[1] > a[1] ? b : a));
  const [winner, score] = best;
  const dominance = score / total;
  const pct = `${Math.round(dominance * 100)}% of weighted letters`;
  switch (winner) {
    case 'ja':
      return {
        label: 'ja',
        confidence: dominance * lengthFactor(han + kana),
        reason: `kana (${kana}) with Han (${han}): Japanese, ${pct}`,
      };
    case 'ko':
      return { label: 'ko', confidence: dominance * lengthFactor(hangul), reason: `Hangul (${hangul} syllables): Korean, ${pct}` };
    case 'zh': {
      const v = verdictOf(variant);
      if (v.japanese > v.simplified + v.traditional) {
        return { label: 'ja', confidence: 0.6 * dominance, reason: `Han only, with ${v.japanese} Japanese-only kanji form(s): Japanese` };
      }
      if (v.variant === 'none') {
        return {
          label: 'zh-Hans',
          confidence: 0.4 * dominance,
          reason: `Han (${han}) without kana or Hangul: Chinese, ${pct}; no character tells simplified from traditional, simplified assumed`,
        };
      }
      const label = v.traditional > v.simplified ? 'zh-Hant' : 'zh-Hans';
      const confidence = dominance * lengthFactor(han) * (0.5 + 0.5 * v.confidence);
      return { label, confidence, reason: `Han (${han}) without kana or Hangul: Chinese, ${pct}; ${v.reason}` };
    }
    case 'latin':
      if (wholeLatin)
        return {
          label: wholeLatin.label,
          confidence: Math.min(wholeLatin.confidence, dominance),
          reason: `Latin script, as the whole text: ${wholeLatin.reason}`,
        };
      return latinLabel(text, ranges, latin, kind, dominance);
    default:
      return { label: 'other', confidence: dominance, reason: `letters of another script (${other}), ${pct}` };
  }
}

export interface ProfileParts {
  profile: LanguageProfile;
  chinese: ChineseVariantResult;
  /** The ranges that were analysed (the whole text unless it was longer than the sample). */
  sample: Range[];
}

/** Language profile and Chinese-variant verdict of one text, sharing one pass over its sample. */
export function profileText(text: string, options: LanguageOptions = {}): ProfileParts {
  const kind = options.kind ?? 'text';
  const maxBlocks = options.maxBlocks ?? DEFAULT_MAX_BLOCKS;
  const isMetadata = kind === 'metadata';
  const sampledText = sampleRanges(text, options.maxChars ?? DEFAULT_SAMPLE_CHARS);
  const sample = isMetadata ? metadataValues(text, sampledText) : sampledText;
  const total = emptyTally();
  const blocks: LanguageBlock[] = [];
  let blockCount = 0;
  const lines = kind === 'name' ? [] : isMetadata ? sample : lineRanges(text, sample);
  const lineTallies = lines.map((line) => {
    const tally = emptyTally();
    tallyVariant(text, line.start, line.end, tally);
    mergeTally(total, tally);
    return tally;
  });
  if (kind === 'name') for (const r of sample) tallyVariant(text, r.start, r.end, total);
  const sampled = rangesLength(sampledText) < text.length;
  const counts = isMetadata
    ? metadataCounts(text, sampled ? metadataValues(text, [{ start: 0, end: text.length }]) : sample)
    : countScripts(text);
  const sampleCounts = isMetadata
    ? metadataCounts(text, sample)
    : sampled
      ? sumCounts(sample.map((r) => countScripts(text, r.start, r.end)))
      : counts;
  const label = labelOf(sampleCounts, total, text, sample, kind);
  // The whole text's Latin label, for its short Latin lines (computed once, only when some line needs it).
  let wholeLatin: Label | undefined;
  const latinOfWhole = (): Label => (wholeLatin ??= latinLabel(text, sample, sampleCounts.latin, kind, 1));
  let detectorRuns = 0;
  lines.forEach((line, i) => {
    blockCount++;
    if (blocks.length >= maxBlocks || lines.length === 1) return;
    const lineCounts = isMetadata ? metadataCounts(text, [line]) : countScripts(text, line.start, line.end);
    const ownDetector = lineCounts.latin >= MIN_LETTERS_FOR_BLOCK_DETECTOR && detectorRuns < MAX_BLOCK_DETECTOR_RUNS;
    if (ownDetector) detectorRuns++;
    const hint = lineCounts.latin > 0 && !ownDetector ? latinOfWhole() : undefined;
    const l = labelOf(lineCounts, lineTallies[i] as VariantTally, text, [line], kind, hint);
    blocks.push({ start: line.start, end: line.end, ...l });
  });
  const profile: LanguageProfile = {
    ...label,
    length: text.length,
    analysedChars: rangesLength(sample),
    counts,
    shares: sharesOf(counts),
    blocks,
    blocksTruncated: blockCount > blocks.length && lines.length > 1,
  };
  return { profile, chinese: verdictOf(total), sample };
}

function sumCounts(list: readonly ScriptCounts[]): ScriptCounts {
  const sum = emptyCounts();
  for (const c of list) for (const key of Object.keys(sum) as (keyof ScriptCounts)[]) sum[key] += c[key];
  return sum;
}

/**
 * Script counts of metadata values, leaving out the Latin letters of identifiers (`xmp.did:4f1c9a6e-0d2b-…`, `600D`,
 * `UTF8`), which are nobody's language. With them, the Chinese and Korean titles, artist and comments of a photo lost
 * to its document ids (188 Latin letters against 36 Hangul and 23 Han: "English").
 */
function metadataCounts(text: string, ranges: readonly Range[]): ScriptCounts {
  return sumCounts(
    ranges.map((r) => {
      const counts = countScripts(text, r.start, r.end);
      for (const [id] of text.slice(r.start, r.end).matchAll(IDENTIFIER)) counts.latin -= countScripts(id).latin;
      return counts;
    }),
  );
}

/** The value of each `Group:Tag value` line inside `ranges` (a line without a `Group:Tag ` head is all value). */
function metadataValues(text: string, ranges: readonly Range[]): Range[] {
  const values: Range[] = [];
  for (const line of lineRanges(text, ranges)) {
    const space = text.indexOf(' ', line.start);
    const hasTag = space !== -1 && space < line.end && text.slice(line.start, space).includes(':');
    if (!hasTag) values.push(line);
    else if (space + 1 < line.end) values.push({ start: space + 1, end: line.end });
  }
  return values;
}

/** Language of a text: label and confidence with the reason, script shares, and a label per line. */
export const profileLanguage = (text: string, options?: LanguageOptions): LanguageProfile => profileText(text, options).profile;
