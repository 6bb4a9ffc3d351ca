import type { ArtifactAnalysis, LanguageLabel, Production, TextAnalysis, TranslationFingerprint } from '../../shared/domain/analysis';
import type { Extraction } from '../../shared/domain/extraction';
import { analysisJson, analyzeArtifact, type TextInput } from './analyze';
import { analysisInputs, groupSuggestions, matcherFor, type SuggestionRecord } from './artifact-inputs';
import { fingerprintWithTerms } from './bilingual';

/** What one artifact's analysis adds to the case: the analysis itself, the columns filters need, and its suggestions. */
export interface AnalysisRecord {
  version: string;
  /**
   * The ArtifactAnalysis as stored, serialised where it was made: the main thread, which writes every batch, then
   * receives one string instead of an object graph of some 10 KB to rebuild from the worker's message and serialise again.
   */
  analysisJson: string;
  /** The language of the artifact's own text (its extracted text, else its metadata, else its name). */
  language: LanguageLabel | null;
  /** Every language some field is written in with confidence. */
  languages: LanguageLabel[];
  variant: 'hans' | 'hant' | 'mixed' | null;
  nkScore: number;
  nkVerdict: string | null;
  bilingual: boolean;
  stage: string | null;
  /** For pairing Chinese notes with their Korean translations across files; null unless the text is one of the two. */
  fingerprint: TranslationFingerprint | null;
  /** Watchlist hits grouped by production, strongest first. */
  suggestions: SuggestionRecord;
}

const CONFIDENT = 0.6;

function summarise(analysis: ArtifactAnalysis, inputs: readonly TextInput[]): AnalysisRecord {
  const byField = new Map(analysis.fields.map((f) => [f.field, f]));
  const own: TextAnalysis | undefined = byField.get('text') ?? byField.get('ocr') ?? byField.get('metadata') ?? byField.get('name');
  const languages = [
    ...new Set(
      analysis.fields.filter((f) => f.language.confidence >= CONFIDENT && f.language.label !== 'und').map((f) => f.language.label),
    ),
  ];
  const chinese = analysis.fields.map((f) => f.chinese?.variant).filter((v) => v === 'hans' || v === 'hant' || v === 'mixed');
  const variant = chinese.includes('mixed') || (chinese.includes('hans') && chinese.includes('hant')) ? 'mixed' : (chinese[0] ?? null);
  const korean = analysis.fields.map((f) => f.korean).filter((k) => k !== null);
  const strongest = korean.reduce<(typeof korean)[number] | null>((best, k) => (!best || k.score > best.score ? k : best), null);
  const text = inputs.find((i) => i.field === 'text')?.text;
  const textLabel = byField.get('text')?.language.label;
  return {
    version: analysis.version,
    analysisJson: analysisJson(analysis),
    language: own ? own.language.label : null,
    languages,
    variant,
    nkScore: strongest?.score ?? 0,
    nkVerdict: strongest?.verdict ?? null,
    bilingual: analysis.fields.some((f) => f.bilingual?.isMixed === true),
    stage: analysis.stage.stage,
    // The text's glossary tally is complete (hits are capped, counts are not): no second pass over the text for terms.
    fingerprint:
      text && (textLabel === 'ko' || textLabel === 'zh-Hans' || textLabel === 'zh-Hant')
        ? fingerprintWithTerms(text, Object.keys(byField.get('text')?.glossary.counts ?? {}))
        : null,
    suggestions: groupSuggestions(
      analysis.fields.map((f) => f.watchlist.hits),
      analysis.fields.map((f) => f.field),
      inputs,
    ),
  };
}

/**
 * Analyses one artifact against the case's watchlist: languages, variant, markers, stage, suggestions, fingerprint.
 * `ocrText`: what OCR read in its pictures, analysed as a text field of its own (`ocr`).
 */
export function analysisRecord(
  path: string,
  extraction: Extraction | null,
  productions: readonly Production[],
  ocrText?: string,
): AnalysisRecord {
  const inputs = analysisInputs(path, extraction, ocrText);
  return summarise(analyzeArtifact(inputs, { watchlist: matcherFor(productions) }), inputs);
}

/** An empty record, for an ingest run without analysis (the benchmark's A/B). */
export function noAnalysis(): AnalysisRecord {
  const analysis: ArtifactAnalysis = {
    version: 'skipped',
    fields: [],
    stage: { stage: null, confidence: 0, candidates: [], reason: 'analysis skipped' },
  };
  return {
    version: analysis.version,
    analysisJson: JSON.stringify(analysis),
    language: null,
    languages: [],
    variant: null,
    nkScore: 0,
    nkVerdict: null,
    bilingual: false,
    stage: null,
    fingerprint: null,
    suggestions: [],
  };
}
