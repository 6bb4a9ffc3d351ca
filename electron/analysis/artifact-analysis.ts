import type {
  ArtifactAnalysis,
  LanguageLabel,
  Production,
  TextAnalysis,
  TranslationFingerprint,
  WatchlistHit,
} from '../../shared/domain/analysis';
import type { Extraction } from '../../shared/domain/extraction';
import { analyzeArtifact, type TextInput } from './analyze';
import { fingerprint } from './bilingual';
import { createWatchlistMatcher, type WatchlistMatcher } from './watchlist';

/** What one artifact's analysis adds to the case: the analysis itself, the columns filters need, and its suggestions. */
export interface AnalysisRecord {
  analysis: ArtifactAnalysis;
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
  suggestions: { productionId: string; score: number; hits: WatchlistHit[] }[];
}

/** Metadata values travel as `Group:Tag value` lines (as the search index keeps them), so a hit can name its tag. */
function metadataLines(extraction: Extraction): string {
  const lines: string[] = [];
  for (const [group, tags] of Object.entries(extraction.metadata)) {
    if (group === 'File' || group === 'Composite') continue;
    for (const [tag, v] of Object.entries(tags)) {
      if (typeof v.value === 'string' && v.value.length > 0 && v.value.length < 10_000 && /\p{L}/u.test(v.value))
        lines.push(`${group}:${tag} ${v.value}`);
    }
  }
  return lines.join('\n');
}

/** The texts analysed for one artifact: its name, its folder path, its metadata values and its extracted text. */
export function analysisInputs(path: string, extraction: Extraction | null): TextInput[] {
  const cut = path.lastIndexOf('/');
  const inputs: TextInput[] = [{ field: 'name', text: path.slice(cut + 1), kind: 'name' }];
  if (cut > 0) inputs.push({ field: 'path', text: path.slice(0, cut), kind: 'path' });
  if (extraction) {
    const meta = metadataLines(extraction);
    if (meta) inputs.push({ field: 'metadata', text: meta, kind: 'metadata' });
    if (extraction.text) inputs.push({ field: 'text', text: extraction.text, kind: 'text' });
  }
  return inputs;
}

/** A metadata hit is named after its tag (`metadata:XMP-dc:Title`), found from the line it sits on. */
function nameMetadataHit(hit: WatchlistHit, metadata: string): WatchlistHit {
  const lineStart = metadata.lastIndexOf('\n', hit.start - 1) + 1;
  const tag = metadata.slice(lineStart, metadata.indexOf(' ', lineStart));
  return { ...hit, field: `metadata:${tag}` };
}

const CONFIDENT = 0.6;

function summarise(analysis: ArtifactAnalysis, inputs: readonly TextInput[]): AnalysisRecord {
  const byField = new Map(analysis.fields.map((f) => [f.field, f]));
  const own: TextAnalysis | undefined = byField.get('text') ?? byField.get('metadata') ?? byField.get('name');
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
    analysis,
    language: own ? own.language.label : null,
    languages,
    variant,
    nkScore: strongest?.score ?? 0,
    nkVerdict: strongest?.verdict ?? null,
    bilingual: analysis.fields.some((f) => f.bilingual?.isMixed === true),
    stage: analysis.stage.stage,
    fingerprint: text && (textLabel === 'ko' || textLabel === 'zh-Hans' || textLabel === 'zh-Hant') ? fingerprint(text) : null,
    suggestions: groupSuggestions(
      analysis.fields.map((f) => f.watchlist.hits),
      analysis.fields.map((f) => f.field),
      inputs,
    ),
  };
}

/** Hits grouped by production, strongest first; metadata hits named after their tag. */
function groupSuggestions(
  hitsByField: readonly (readonly WatchlistHit[])[],
  fields: readonly string[],
  inputs: readonly TextInput[],
): AnalysisRecord['suggestions'] {
  const metadata = inputs.find((i) => i.field === 'metadata')?.text ?? '';
  const byProduction = new Map<string, WatchlistHit[]>();
  hitsByField.forEach((hits, i) => {
    for (const hit of hits) {
      const named = fields[i] === 'metadata' ? nameMetadataHit(hit, metadata) : hit;
      byProduction.set(hit.productionId, [...(byProduction.get(hit.productionId) ?? []), named]);
    }
  });
  return [...byProduction]
    .map(([productionId, hits]) => ({
      productionId,
      hits: hits.sort((a, b) => b.score - a.score),
      // Independent hits make a suggestion stronger: 1 − Π(1 − score).
      score: 1 - hits.reduce((p, h) => p * (1 - h.score), 1),
    }))
    .sort((a, b) => b.score - a.score);
}

/** Only the watchlist matching of an artifact: what changes when the watchlist does. */
export function suggestionsFor(inputs: readonly TextInput[], productions: readonly Production[]): AnalysisRecord['suggestions'] {
  const matcher = matcherFor(productions);
  const results = inputs.map((input) => matcher.match(input.text, input.field, { kind: input.kind }).hits);
  return groupSuggestions(
    results,
    inputs.map((i) => i.field),
    inputs,
  );
}

let cachedMatcher: { key: string; matcher: WatchlistMatcher } | null = null;

/** One matcher per production list, rebuilt only when the list changes (a worker analyses thousands of artifacts). */
function matcherFor(productions: readonly Production[]): WatchlistMatcher {
  const key = JSON.stringify(productions);
  if (cachedMatcher?.key !== key) cachedMatcher = { key, matcher: createWatchlistMatcher(productions) };
  return cachedMatcher.matcher;
}

/** Analyses one artifact against the case's watchlist: languages, variant, markers, stage, suggestions, fingerprint. */
export function analysisRecord(path: string, extraction: Extraction | null, productions: readonly Production[]): AnalysisRecord {
  const inputs = analysisInputs(path, extraction);
  return summarise(analyzeArtifact(inputs, { watchlist: matcherFor(productions) }), inputs);
}
