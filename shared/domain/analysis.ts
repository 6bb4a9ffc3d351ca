import { z } from 'zod';

/*
 * Attribution analysis results: what the analysis layer finds in one text (extracted text, a metadata value, a file
 * or folder name) and in one artifact. Every finding carries its evidence: the matched text, where it is (field and
 * offsets) and why it counts. Offsets are UTF-16 code-unit indexes into the field's original text, the unit that
 * JavaScript strings and the UI's highlighting use; `end` is exclusive.
 */

const offset = z.number().int().min(0);
const share = z.number().min(0).max(1);

/** Where a finding sits: `field` names the text it came from (as the caller named it), offsets index its original text. */
export const TextSpan = z.object({ field: z.string(), start: offset, end: offset, text: z.string() });
export type TextSpan = z.infer<typeof TextSpan>;

/** `und` (ISO 639 "undetermined") is for texts with no letters at all: digits, punctuation, empty. */
export const LanguageLabel = z.enum(['zh-Hans', 'zh-Hant', 'ko', 'ja', 'en', 'other', 'und']);
export type LanguageLabel = z.infer<typeof LanguageLabel>;

/** Letters per script; digits are counted apart because they belong to every language. */
export const ScriptCounts = z.object({
  han: offset,
  hangul: offset,
  kana: offset,
  latin: offset,
  other: offset,
  digits: offset,
});
export type ScriptCounts = z.infer<typeof ScriptCounts>;

/** Each script's share of all letters (digits excluded); zeros when the text has no letters. */
export const ScriptShares = z.object({ han: share, hangul: share, kana: share, latin: share, other: share });
export type ScriptShares = z.infer<typeof ScriptShares>;

export const LanguageBlock = z.object({
  start: offset,
  end: offset,
  label: LanguageLabel,
  confidence: share,
  reason: z.string(),
});
export type LanguageBlock = z.infer<typeof LanguageBlock>;

/**
 * Language of one text. Script counts cover the whole text; the label, the Chinese variant and the blocks come from
 * the analysed sample (`analysedChars` < `length` when the text was too long to read whole). Of metadata, whose
 * lines are `Group:Tag value`, only the values are counted and read.
 */
export const LanguageProfile = z.object({
  label: LanguageLabel,
  confidence: share,
  reason: z.string(),
  length: offset,
  analysedChars: offset,
  counts: ScriptCounts,
  shares: ScriptShares,
  /** Lines (or paragraphs) with their own label, in text order; capped, see `blocksTruncated`. */
  blocks: z.array(LanguageBlock),
  blocksTruncated: z.boolean(),
});
export type LanguageProfile = z.infer<typeof LanguageProfile>;

export const ChineseVariant = z.enum(['hans', 'hant', 'mixed', 'none']);
export type ChineseVariant = z.infer<typeof ChineseVariant>;

/** A character that exists in only one of the two standards, with its form in the other one. */
export const VariantExample = z.object({
  char: z.string(),
  counterpart: z.string(),
  form: z.enum(['simplified', 'traditional']),
  /** First occurrence in the analysed text. */
  start: offset,
  count: z.number().int().positive(),
});
export type VariantExample = z.infer<typeof VariantExample>;

export const ChineseVariantResult = z.object({
  variant: ChineseVariant,
  confidence: share,
  /** Occurrences of characters found only in simplified (resp. traditional) Chinese. */
  simplified: offset,
  traditional: offset,
  /** Occurrences of Japanese-only (shinjitai) forms such as 図 or 駅: kanji, not Chinese. */
  japanese: offset,
  examples: z.array(VariantExample),
  reason: z.string(),
});
export type ChineseVariantResult = z.infer<typeof ChineseVariantResult>;

export const KoreanRuleCategory = z.enum(['initial-sound', 'loanword', 'no-sai-siot', 'vocabulary', 'spelling']);
export type KoreanRuleCategory = z.infer<typeof KoreanRuleCategory>;

/** One word spelled the North's way (or the South's way) by one rule of the Korean-variety rule file. */
export const KoreanVarietyMatch = TextSpan.extend({
  ruleId: z.string(),
  category: KoreanRuleCategory,
  variety: z.enum(['north', 'south']),
  /** The North and South forms the rule compares, e.g. 로동 / 노동. */
  north: z.string(),
  south: z.string(),
  weight: z.number().positive(),
  note: z.string(),
});
export type KoreanVarietyMatch = z.infer<typeof KoreanVarietyMatch>;

export const KoreanVarietyResult = z.object({
  rulesVersion: z.string(),
  /** `north` when the North's weight reaches 1 and at least doubles the South's; `none` when there is no Hangul. */
  verdict: z.enum(['north', 'south', 'undetermined', 'none']),
  /** northWeight / (northWeight + southWeight + 1): 0 without North markers, towards 1 with many and no South ones. */
  score: share,
  northWeight: z.number().min(0),
  southWeight: z.number().min(0),
  hangulWords: offset,
  /** Every marker found; `matches` lists the first 50 of them. */
  totalMatches: offset,
  matches: z.array(KoreanVarietyMatch),
  reason: z.string(),
});
export type KoreanVarietyResult = z.infer<typeof KoreanVarietyResult>;

export const ProductionStage = z.enum([
  'design',
  'storyboard',
  'layout',
  'key-animation',
  'in-between',
  'colour',
  'background',
  'compositing',
  'timesheet',
  'editing-instructions',
]);
export type ProductionStage = z.infer<typeof ProductionStage>;

/** Language of a glossary form: `zh` when the form is written the same in simplified and traditional Chinese. */
export const TermLanguage = z.enum(['zh-Hans', 'zh-Hant', 'zh', 'ko', 'ja', 'en']);
export type TermLanguage = z.infer<typeof TermLanguage>;

export const GlossaryHit = TextSpan.extend({
  termId: z.string(),
  gloss: z.string(),
  stage: ProductionStage.nullable(),
  /** The glossary form that matched (after width, case and Chinese-variant folding). */
  form: z.string(),
  lang: TermLanguage,
  weight: z.number().positive(),
});
export type GlossaryHit = z.infer<typeof GlossaryHit>;

export const GlossaryResult = z.object({
  hits: z.array(GlossaryHit),
  /** All hits in the field, also those beyond the kept list, and their count per term id. */
  totalHits: offset,
  counts: z.record(z.string(), z.number().int().positive()),
  truncated: z.boolean(),
});
export type GlossaryResult = z.infer<typeof GlossaryResult>;

/** What kind of text a field is: names and folder paths are deliberate labels and weigh more in the stage guess. */
export const FieldKind = z.enum(['text', 'metadata', 'name', 'path']);
export type FieldKind = z.infer<typeof FieldKind>;

export const StageReason = z.object({
  termId: z.string(),
  gloss: z.string(),
  field: z.string(),
  text: z.string(),
  count: z.number().int().positive(),
  /** Term weight times the field's weight (names are deliberate labels and weigh more than running text). */
  weight: z.number().positive(),
});
export type StageReason = z.infer<typeof StageReason>;

export const StageCandidate = z.object({
  stage: ProductionStage,
  score: z.number().min(0),
  share,
  reasons: z.array(StageReason),
});
export type StageCandidate = z.infer<typeof StageCandidate>;

export const StageGuess = z.object({
  stage: ProductionStage.nullable(),
  confidence: share,
  candidates: z.array(StageCandidate),
  reason: z.string(),
});
export type StageGuess = z.infer<typeof StageGuess>;

/** Why two texts look like translations of each other; each feature is in [0, 1], null when it could not be judged. */
export const TranslationFeatures = z.object({
  numbers: share.nullable(),
  terms: share.nullable(),
  punctuation: share.nullable(),
  length: share,
});
export type TranslationFeatures = z.infer<typeof TranslationFeatures>;

export const TranslationScore = z.object({
  score: share,
  features: TranslationFeatures,
  sharedNumbers: z.array(z.string()),
  sharedTerms: z.array(z.string()),
  /** Korean syllables per Chinese character (translations run near 1.3). */
  lengthRatio: z.number().min(0),
  reason: z.string(),
});
export type TranslationScore = z.infer<typeof TranslationScore>;

/**
 * What the translation score compares, computed once per text so that a case-wide pairing only compares these:
 * numbers (digits and numerals with a counter), glossary term ids, punctuation counts and the letter counts.
 */
export const TranslationFingerprint = z.object({
  numbers: z.array(z.string()),
  terms: z.array(z.string()),
  punctuation: z.object({ stops: offset, commas: offset, questions: offset, brackets: offset }),
  han: offset,
  hangul: offset,
});
export type TranslationFingerprint = z.infer<typeof TranslationFingerprint>;

export const BilingualPair = z.object({ zh: TextSpan, ko: TextSpan, score: TranslationScore });
export type BilingualPair = z.infer<typeof BilingualPair>;

export const BilingualResult = z.object({
  /** The text holds both a Chinese and a Korean block (or, in one line, both scripts in strength). */
  isMixed: z.boolean(),
  zhBlocks: offset,
  koBlocks: offset,
  pairs: z.array(BilingualPair),
  reason: z.string(),
});
export type BilingualResult = z.infer<typeof BilingualResult>;

export const AliasScript = z.enum(['latin', 'han', 'hangul', 'kana', 'mixed']);
export type AliasScript = z.infer<typeof AliasScript>;

export const ProductionAlias = z.object({
  text: z.string().min(1),
  /** BCP 47 tag of the alias's language, e.g. `en`, `ko`, `zh-Hans`, `zh-Hant`. */
  lang: z.string().min(1),
  kind: z.enum(['title', 'character', 'company', 'person']),
  /** The alias is also an ordinary word ("invincible"): hits in running lower-case prose score lower. */
  generic: z.boolean().optional(),
  notes: z.string().optional(),
});
export type ProductionAlias = z.infer<typeof ProductionAlias>;

export const Production = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  aliases: z.array(ProductionAlias),
  networks: z.array(z.string()),
  studios: z.array(z.string()),
  notes: z.string(),
});
export type Production = z.infer<typeof Production>;

export const Watchlist = z.object({
  version: z.string(),
  notes: z.string(),
  productions: z.array(Production),
});
export type Watchlist = z.infer<typeof Watchlist>;

export const WatchlistHit = TextSpan.extend({
  productionId: z.string(),
  title: z.string(),
  alias: z.string(),
  aliasLang: z.string(),
  aliasKind: ProductionAlias.shape.kind,
  match: z.enum(['exact', 'fuzzy']),
  /** Edit distance of a fuzzy match (0 for exact). */
  distance: z.number().int().min(0),
  score: share,
  /** Up to a few dozen characters around the hit; `highlight` indexes the hit inside the snippet. */
  snippet: z.string(),
  highlight: z.object({ start: offset, end: offset }),
  reason: z.string(),
  /**
   * Set on a look-alike hit: the artifact's picture is near a reference image of the production (no text matched;
   * `field` is `image`, `alias` the reference's label and `distance` the pHash Hamming distance).
   */
  lookAlike: z.object({ referenceId: z.number().int(), referenceArtifactId: z.number().int().nullable() }).optional(),
});
export type WatchlistHit = z.infer<typeof WatchlistHit>;

export const WatchlistResult = z.object({
  hits: z.array(WatchlistHit),
  /** All hits in the field, also those beyond the kept list, and their count per production id. */
  totalHits: offset,
  counts: z.record(z.string(), z.number().int().positive()),
  truncated: z.boolean(),
});
export type WatchlistResult = z.infer<typeof WatchlistResult>;

/** The analysis of one text of an artifact (its extracted text, a metadata value, its name or folder path). */
export const TextAnalysis = z.object({
  field: z.string(),
  language: LanguageProfile,
  chinese: ChineseVariantResult.nullable(),
  korean: KoreanVarietyResult.nullable(),
  glossary: GlossaryResult,
  bilingual: BilingualResult.nullable(),
  watchlist: WatchlistResult,
});
export type TextAnalysis = z.infer<typeof TextAnalysis>;

export const ArtifactAnalysis = z.object({
  /** Version of the analysis code and its data files; bump to re-run analysis on existing cases. */
  version: z.string(),
  fields: z.array(TextAnalysis),
  stage: StageGuess,
});
export type ArtifactAnalysis = z.infer<typeof ArtifactAnalysis>;
