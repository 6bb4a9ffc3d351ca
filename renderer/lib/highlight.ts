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

export interface Mark {
  start: number;
  end: number;
  kind: 'hit' | 'term';
  /** A term's English gloss, shown beside it. */
  note?: string;
}

export interface MarkedSegment {
  text: string;
  /** Offset of the segment in the text (the first search hit is scrolled to by it). */
  start: number;
  isHit: boolean;
  /** Set on the last segment of a glossary term, so the gloss follows the whole term once. */
  gloss?: string;
  isTerm: boolean;
}

/**
 * Cuts a text at every boundary of search hits and glossary terms, which may overlap: each segment says whether it
 * is inside a hit, inside a term, and carries the term's gloss at the term's end.
 */
export function markSegments(text: string, marks: readonly Mark[]): MarkedSegment[] {
  const valid = marks.map((m) => ({ ...m, start: Math.max(0, m.start), end: Math.min(text.length, m.end) })).filter((m) => m.end > m.start);
  const cuts = new Set<number>([0, text.length]);
  for (const m of valid) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: MarkedSegment[] = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    const covering = valid.filter((m) => m.start <= start && m.end >= end);
    const term = covering.find((m) => m.kind === 'term');
    const endingTerm = valid.find((m) => m.kind === 'term' && m.end === end && m.start <= start);
    segments.push({
      text: text.slice(start, end),
      start,
      isHit: covering.some((m) => m.kind === 'hit'),
      isTerm: term !== undefined,
      ...(endingTerm?.note ? { gloss: endingTerm.note } : {}),
    });
  }
  return segments.length > 0 ? segments : [{ text, start: 0, isHit: false, isTerm: false }];
}
