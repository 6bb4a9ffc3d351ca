import type { Production, WatchlistHit } from '../../shared/domain/analysis';
import type { Extraction } from '../../shared/domain/extraction';
import type { TextInput } from './analyze';
import { createWatchlistMatcher, type WatchlistMatcher } from './watchlist';

/*
 * What one artifact's analysis reads, and its watchlist matching alone. Kept apart from the full analysis so that
 * the main thread (re-matching after a watchlist change) never loads the language detector's data.
 */

/** Suggestions of one artifact: its watchlist hits grouped by production, strongest first. */
export type SuggestionRecord = { productionId: string; score: number; hits: WatchlistHit[] }[];

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

/**
 * The texts analysed for one artifact: its name, its folder path, its metadata values, its extracted text and the
 * text OCR read in its pictures (kept apart from the extraction, see migration 007).
 */
export function analysisInputs(path: string, extraction: Extraction | null, ocrText?: string): TextInput[] {
  const cut = path.lastIndexOf('/');
  const inputs: TextInput[] = [{ field: 'name', text: path.slice(cut + 1), kind: 'name' }];
  if (cut > 0) inputs.push({ field: 'path', text: path.slice(0, cut), kind: 'path' });
  if (extraction) {
    const meta = metadataLines(extraction);
    if (meta) inputs.push({ field: 'metadata', text: meta, kind: 'metadata' });
    if (extraction.text) inputs.push({ field: 'text', text: extraction.text, kind: 'text' });
  }
  if (ocrText) inputs.push({ field: 'ocr', text: ocrText, kind: 'text' });
  return inputs;
}

/** A metadata hit is named after its tag (`metadata:XMP-dc:Title`), found from the line it sits on. */
function nameMetadataHit(hit: WatchlistHit, metadata: string): WatchlistHit {
  const lineStart = metadata.lastIndexOf('\n', hit.start - 1) + 1;
  const tag = metadata.slice(lineStart, metadata.indexOf(' ', lineStart));
  return { ...hit, field: `metadata:${tag}` };
}

/** Hits grouped by production, strongest first; metadata hits named after their tag. */
export function groupSuggestions(
  hitsByField: readonly (readonly WatchlistHit[])[],
  fields: readonly string[],
  inputs: readonly TextInput[],
): SuggestionRecord {
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
export function suggestionsFor(inputs: readonly TextInput[], productions: readonly Production[]): SuggestionRecord {
  const matcher = matcherFor(productions);
  const results = inputs.map((input) => matcher.match(input.text, input.field, { kind: input.kind }).hits);
  return groupSuggestions(
    results,
    inputs.map((i) => i.field),
    inputs,
  );
}

let cachedMatcher: { list: readonly Production[]; key: string; matcher: WatchlistMatcher } | null = null;

/**
 * One matcher per production list, rebuilt only when the list changes (a worker analyses thousands of artifacts).
 * The list a task brings is the same object for every file of the task: it is serialised to compare only when a new
 * list object arrives (serialising a real watchlist for every artifact was 1.3 s of worker time on 3,000 files).
 */
export function matcherFor(productions: readonly Production[]): WatchlistMatcher {
  if (cachedMatcher?.list === productions) return cachedMatcher.matcher;
  const key = JSON.stringify(productions);
  if (cachedMatcher?.key === key) cachedMatcher.list = productions;
  else cachedMatcher = { list: productions, key, matcher: createWatchlistMatcher(productions) };
  return cachedMatcher.matcher;
}
