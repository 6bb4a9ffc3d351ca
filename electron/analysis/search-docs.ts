import type { Extraction } from '../../shared/domain/extraction';
import { searchGrams } from '../lib/search-grams';
import type { SearchDoc, SearchField } from '../model/inventory';
import { foldText } from './fold';

/**
 * Characters of one text in the full-text index: indexing costs about 0.1 µs a character on the thread that also
 * serves the UI, so a million keeps one artifact's index write near 100 ms. What lies beyond stays in the stored
 * text and the text view.
 */
export const MAX_INDEXED_TEXT = 1_000_000;
/** A metadata value this long is content (an embedded document), not a field worth a search hit of its own. */
const MAX_METADATA_VALUE = 10_000;

/** Every metadata value as `Group:Tag value` lines, the form searched and shown in snippets. */
export function metadataText(extraction: Extraction): string {
  const lines: string[] = [];
  for (const [group, tags] of Object.entries(extraction.metadata)) {
    for (const [tag, v] of Object.entries(tags)) {
      const value = typeof v.value === 'string' ? v.value : JSON.stringify(v.value);
      if (value.length > 0 && value.length < MAX_METADATA_VALUE) lines.push(`${group}:${tag} ${value}`);
    }
  }
  return lines.join('\n');
}

/** The two indexed forms of a text: folded (case, width, Chinese variants) for trigrams, and its short-term tokens. */
export function indexForms(content: string): { folded: string; grams: string } {
  const folded = foldText(content);
  return { folded, grams: searchGrams(folded) };
}

export const searchDoc = (field: SearchField, content: string): SearchDoc => ({ field, content, ...indexForms(content) });

/**
 * What the full-text index holds for one artifact: its path, its metadata values and its text. Built where the
 * extraction is made (a worker), so the main thread only writes rows.
 */
export function buildSearchDocs(path: string, extraction: Extraction | null): SearchDoc[] {
  const docs = [searchDoc('path', path)];
  if (!extraction) return docs;
  const meta = metadataText(extraction);
  if (meta) docs.push(searchDoc('metadata', meta));
  if (extraction.text) docs.push(searchDoc('text', extraction.text.slice(0, MAX_INDEXED_TEXT)));
  return docs;
}
