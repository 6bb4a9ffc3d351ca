import { describe, expect, it } from 'vitest';
import { highlightSegments } from './highlight';

describe('highlightSegments', () => {
  it('marks the ranges the service found, whatever the query looked like', () => {
    expect(highlightSegments('…请注意原畫。第五集', [{ start: 4, end: 6 }])).toEqual([
      { text: '…请注意', isMatch: false },
      { text: '原畫', isMatch: true },
      { text: '。第五集', isMatch: false },
    ]);
  });

  it('keeps brackets of the text, orders ranges and merges overlaps', () => {
    const text = '[draft] Invincible 원화';
    const segments = highlightSegments(text, [
      { start: 19, end: 21 },
      { start: 8, end: 18 },
      { start: 10, end: 12 },
    ]);
    expect(segments.map((s) => [s.text, s.isMatch])).toEqual([
      ['[draft] ', false],
      ['Invincible', true],
      [' ', false],
      ['원화', true],
    ]);
  });

  it('returns the text whole without ranges, and ignores ranges outside it', () => {
    expect(highlightSegments('a [b] c', [])).toEqual([{ text: 'a [b] c', isMatch: false }]);
    expect(highlightSegments('abc', [{ start: 5, end: 9 }])).toEqual([{ text: 'abc', isMatch: false }]);
  });
});
