// The attribution-analysis layer: text and names in, typed findings with their evidence out. Pure and synchronous;
// data files load once per process on first import. Result types are the zod schemas of shared/domain/analysis.ts.
export { analysisVersion, analyzeArtifact, analyzeText, type AnalyzeOptions, type TextInput } from './analyze';
export { alignBilingual, blockingKeys, fingerprint, numbersOf, PAIR_THRESHOLD, scoreFingerprints, scoreTranslation } from './bilingual';
export { detectChineseVariant } from './chinese-variant';
export { foldText, foldWithOffsets, type FoldedText } from './fold';
export {
  compileGlossary,
  defaultGlossary,
  findTerms,
  type FindTermsOptions,
  type Glossary,
  GlossaryFile,
  guessStage,
  type StageInput,
} from './glossary';
export { compileKoreanRules, defaultKoreanRules, detectKoreanVariety, KoreanRuleFile, type KoreanRuleSet } from './korean-variety';
export { profileLanguage, profileText, type LanguageOptions } from './language';
export { DEFAULT_SAMPLE_CHARS, sampleRanges } from './sample';
export { createWatchlistMatcher, starterWatchlist, type WatchlistMatcher, type WatchlistMatchOptions } from './watchlist';
