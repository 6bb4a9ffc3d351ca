import type { TextRange } from '../../shared/domain/search';

export interface Segment {
  text: string;
  isMatch: boolean;
}

/**
 * Splits a text into plain and matching runs from the ranges the search service found. The service matches on a
 * folded form (case, width, Chinese variants), so the ranges are the only reliable account of what matched:
 * re-matching the query here would miss 原畫 for 原画.
 */
export function highlightSegments(text: string, ranges: readonly TextRange[]): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  for (const { start, end } of [...ranges].sort((a, b) => a.start - b.start)) {
    const from = Math.max(start, last);
    const to = Math.min(end, text.length);
    if (to <= from) continue;
    if (from > last) segments.push({ text: text.slice(last, from), isMatch: false });
    segments.push({ text: text.slice(from, to), isMatch: true });
    last = to;
  }
  if (last < text.length || segments.length === 0) segments.push({ text: text.slice(last), isMatch: false });
  return segments;
}
