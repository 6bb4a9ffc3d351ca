/*
 * Bounded work on huge texts. Ingest analyses every extracted text of a trove, and one PDF can hold megabytes of
 * text; the language, the variant and the Korean markers of such a text are settled long before its end. Those
 * analyses read a sample of at most `maxChars` characters (the head, a slice of the middle and the tail, cut at line
 * ends where one is near), while cheap counts and the watchlist still read everything.
 */

export interface Range {
  start: number;
  end: number;
}

/** Default sample size: 64 Ki characters, a few milliseconds of analysis. */
export const DEFAULT_SAMPLE_CHARS = 65_536;

const isLowSurrogate = (text: string, i: number): boolean => {
  const u = text.charCodeAt(i);
  return u >= 0xdc00 && u <= 0xdfff;
};

/** Moves `i` forward to just after the next line break within `slack` characters, and never into a surrogate pair. */
function snap(text: string, i: number, slack: number): number {
  if (i <= 0 || i >= text.length) return Math.max(0, Math.min(i, text.length));
  const newline = text.indexOf('\n', i);
  let at = newline !== -1 && newline - i <= slack ? newline + 1 : i;
  if (at < text.length && isLowSurrogate(text, at)) at++;
  return at;
}

/** The whole text when it fits; else head (half the budget), middle (a quarter) and tail (a quarter). */
export function sampleRanges(text: string, maxChars = DEFAULT_SAMPLE_CHARS): Range[] {
  const n = text.length;
  if (n <= maxChars) return [{ start: 0, end: n }];
  const slack = 256;
  const headEnd = snap(text, Math.floor(maxChars / 2), slack);
  const midStart = snap(text, Math.floor(n / 2 - maxChars / 8), slack);
  const midEnd = snap(text, Math.floor(n / 2 + maxChars / 8), slack);
  const tailStart = snap(text, n - Math.floor(maxChars / 4), slack);
  return [
    { start: 0, end: headEnd },
    { start: midStart, end: midEnd },
    { start: tailStart, end: n },
  ];
}

export const rangesLength = (ranges: readonly Range[]): number => ranges.reduce((sum, r) => sum + r.end - r.start, 0);

/** Non-blank lines inside the ranges, trimmed of surrounding white space; the blocks that get their own label. */
export function lineRanges(text: string, ranges: readonly Range[]): Range[] {
  const lines: Range[] = [];
  const breaks = /\r\n|[\n\r\u2028\u2029]/g;
  for (const range of ranges) {
    let lineStart = range.start;
    const push = (end: number): void => {
      let s = lineStart;
      let e = end;
      while (s < e && /\s/.test(text[s] ?? '')) s++;
      while (e > s && /\s/.test(text[e - 1] ?? '')) e--;
      if (e > s) lines.push({ start: s, end: e });
    };
    breaks.lastIndex = range.start;
    for (let m = breaks.exec(text); m !== null && m.index < range.end; m = breaks.exec(text)) {
      push(m.index);
      lineStart = m.index + m[0].length;
    }
    push(range.end);
  }
  return lines;
}
