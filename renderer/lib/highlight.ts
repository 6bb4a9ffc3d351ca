export interface Segment {
  text: string;
  isMatch: boolean;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Splits a search snippet into plain and matching runs for the query's whitespace-separated terms. The search
 * service brackets matches as `[term]`; those brackets are removed only where they wrap a term, so brackets that
 * belong to the evidence text stay.
 */
export function highlightSegments(snippet: string, query: string): Segment[] {
  const terms = query.split(/\s+/).filter(Boolean);
  if (terms.length === 0) return [{ text: snippet, isMatch: false }];
  const alternation = terms
    .map(escapeRe)
    .sort((a, b) => b.length - a.length)
    .join('|');
  const unbracketed = snippet.replace(new RegExp(`\\[(${alternation})\\]`, 'gi'), '$1');
  const segments: Segment[] = [];
  let last = 0;
  for (const m of unbracketed.matchAll(new RegExp(alternation, 'gi'))) {
    const at = m.index ?? 0;
    if (at > last) segments.push({ text: unbracketed.slice(last, at), isMatch: false });
    segments.push({ text: m[0], isMatch: true });
    last = at + m[0].length;
  }
  if (last < unbracketed.length) segments.push({ text: unbracketed.slice(last), isMatch: false });
  return segments;
}
