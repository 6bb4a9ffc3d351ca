import type { ArtifactAnalysis, FieldKind, TextAnalysis, WatchlistResult } from '../../shared/domain/analysis';
import { alignBilingual } from './bilingual';
import { foldWithOffsets } from './fold';
import { defaultGlossary, findTerms, type Glossary, guessStage } from './glossary';
import { defaultKoreanRules, detectKoreanVariety, type KoreanRuleSet } from './korean-variety';
import { profileText } from './language';
import { type WatchlistMatcher } from './watchlist';

/** Bumped when the analysis code changes its results; the data files carry their own versions (see analysisVersion). */
const CODE_VERSION = '2';

/** One text of an artifact: extracted text, a page, a metadata value, the file name or the folder path. */
export interface TextInput {
  /** How findings will name where they are, e.g. `text`, `pdf:page:3`, `XMP-dc:Title`, `name`, `path`. */
  field: string;
  text: string;
  kind: FieldKind;
}

export interface AnalyzeOptions {
  /** Built once per production list with `createWatchlistMatcher`; without it no watchlist hits are looked for. */
  watchlist?: WatchlistMatcher;
  glossary?: Glossary;
  koreanRules?: KoreanRuleSet;
  /** Sample size for the language, variant and Korean-marker analyses of long texts. */
  maxChars?: number;
}

const NO_WATCHLIST: WatchlistResult = { hits: [], totalHits: 0, counts: {}, truncated: false };

/** Version of code and data that produced a result: store it, and re-run analysis when it changes. */
export const analysisVersion = (options: AnalyzeOptions = {}): string =>
  `${CODE_VERSION}+glossary.${(options.glossary ?? defaultGlossary()).version}+korean.${(options.koreanRules ?? defaultKoreanRules()).version}`;

/**
 * Everything the analysis finds in one text. Language, variant and Korean markers read a bounded sample; the
 * glossary and the watchlist read the whole text through one shared fold. Synchronous and pure.
 */
export function analyzeText(input: TextInput, options: AnalyzeOptions = {}): TextAnalysis {
  const { field, text, kind } = input;
  const isName = kind === 'name' || kind === 'path';
  const languageKind = isName ? 'name' : kind === 'metadata' ? 'metadata' : 'text';
  const { profile, chinese, sample } = profileText(text, { kind: languageKind, maxChars: options.maxChars });
  const folded = foldWithOffsets(text, true);
  const glossary = options.glossary ?? defaultGlossary();
  const hasBoth = profile.counts.han > 0 && profile.counts.hangul > 0;
  const terms = findTerms(text, field, { glossary, folded });
  return {
    field,
    language: profile,
    chinese: profile.counts.han > 0 ? chinese : null,
    korean: profile.counts.hangul > 0 ? detectKoreanVariety(text, field, sample, options.koreanRules) : null,
    glossary: terms,
    bilingual: hasBoth && !isName ? alignBilingual(text, field, profile, glossary, terms) : null,
    watchlist: options.watchlist?.match(text, field, { kind, folded, fuzzyRanges: sample }) ?? NO_WATCHLIST,
  };
}

/**
 * Texts that recur across a trove are analysed once: every file of a folder has the same folder path, files made
 * the same way share their metadata values, and exact duplicates share their text. On the benchmark trove 4,651
 * artifacts had 808 distinct folder paths and 151 distinct metadata texts. Results are never modified after they
 * are made, so artifacts can share them; kept per watchlist matcher (a new watchlist is a new matcher), for the
 * default glossary and Korean rules, the least recently used dropped first. The budget bounds what a worker holds:
 * texts of up to 64 Ki characters, 2 Mi characters in all, 1,024 results.
 */
const RECURRING_KINDS: ReadonlySet<TextInput['kind']> = new Set(['path', 'metadata', 'text']);
const MAX_REMEMBERED_TEXT = 65_536;
const MAX_REMEMBERED_CHARS = 2_097_152;
const MAX_REMEMBERED = 1024;
const NO_MATCHER = {};

interface Remembered {
  results: Map<string, TextAnalysis>;
  chars: number;
}

const rememberedByMatcher = new WeakMap<object, Remembered>();

function analyzeRecurring(input: TextInput, options: AnalyzeOptions): TextAnalysis {
  const usesDefaults = options.glossary === undefined && options.koreanRules === undefined && options.maxChars === undefined;
  if (!usesDefaults || !RECURRING_KINDS.has(input.kind) || input.text.length > MAX_REMEMBERED_TEXT) return analyzeText(input, options);
  const owner = options.watchlist ?? NO_MATCHER;
  let remembered = rememberedByMatcher.get(owner);
  if (!remembered) rememberedByMatcher.set(owner, (remembered = { results: new Map(), chars: 0 }));
  const { results } = remembered;
  const key = `${input.kind}\u0000${input.field}\u0000${input.text}`;
  const known = results.get(key);
  if (known) {
    results.delete(key);
    results.set(key, known);
    return known;
  }
  const result = analyzeText(input, options);
  results.set(key, result);
  remembered.chars += key.length;
  for (const oldest of results.keys()) {
    if (remembered.chars <= MAX_REMEMBERED_CHARS && results.size <= MAX_REMEMBERED) break;
    results.delete(oldest);
    remembered.chars -= oldest.length;
  }
  return result;
}

/**
 * A field's JSON, kept with the field's result: recurring texts share one result (see analyzeRecurring), so a folder
 * path or a camera's metadata is serialised once, not for every artifact that has it. On the benchmark trove half
 * of the stored analysis bytes were such shared fields, and serialising was a sixth of the layer's time.
 */
const fieldJson = new WeakMap<TextAnalysis, string>();

function textAnalysisJson(field: TextAnalysis): string {
  let json = fieldJson.get(field);
  if (json === undefined) fieldJson.set(field, (json = JSON.stringify(field)));
  return json;
}

/** `JSON.stringify(analysis)` (the tests hold it to that), with each field's part made once per shared result. */
export function analysisJson(analysis: ArtifactAnalysis): string {
  const { version, fields, stage } = analysis;
  return `{"version":${JSON.stringify(version)},"fields":[${fields.map(textAnalysisJson).join(',')}],"stage":${JSON.stringify(stage)}}`;
}

/** All texts of one artifact, analysed one by one, plus the production stage they point to together. */
export function analyzeArtifact(inputs: readonly TextInput[], options: AnalyzeOptions = {}): ArtifactAnalysis {
  const fields = inputs.map((input) => analyzeRecurring(input, options));
  const stage = guessStage(
    fields.map((f, i) => ({ field: f.field, kind: inputs[i]?.kind ?? 'text', glossary: f.glossary })),
    options.glossary,
  );
  return { version: analysisVersion(options), fields, stage };
}
