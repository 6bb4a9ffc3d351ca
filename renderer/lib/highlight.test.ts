import { describe, expect, it } from 'vitest';
import { highlightSegments, markSegments } from './highlight';

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

describe('markSegments', () => {
  it('cuts at hits and glossary terms that overlap, glossing each term once at its end', () => {
    const text = '请修改原畫修型。';
    const segments = markSegments(text, [
      { start: 3, end: 5, kind: 'hit' },
      { start: 3, end: 7, kind: 'term', note: 'key animation correction' },
    ]);
    expect(segments.map((s) => [s.text, s.isHit, s.isTerm, s.gloss ?? null])).toEqual([
      ['请修改', false, false, null],
      ['原畫', true, true, null],
      ['修型', false, true, 'key animation correction'],
      ['。', false, false, null],
    ]);
    expect(segments.map((s) => s.start)).toEqual([0, 3, 5, 7]);
  });

  it('returns the whole text when nothing is marked, and clips marks to the text', () => {
    expect(markSegments('abc', [])).toEqual([{ text: 'abc', start: 0, isHit: false, isTerm: false }]);
    expect(markSegments('abc', [{ start: 2, end: 9, kind: 'hit' }]).map((s) => [s.text, s.isHit])).toEqual([
      ['ab', false],
      ['c', true],
    ]);
  });
});
