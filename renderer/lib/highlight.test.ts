import { describe, expect, it } from 'vitest';
import { highlightSegments } from './highlight';

describe('highlightSegments', () => {
  it('removes the service brackets around matches and marks them', () => {
    expect(highlightSegments('…请注意[口型]。第五集', '口型')).toEqual([
      { text: '…请注意', isMatch: false },
      { text: '口型', isMatch: true },
      { text: '。第五集', isMatch: false },
    ]);
  });

  it('keeps brackets that are part of the text and matches every term case-insensitively', () => {
    expect(highlightSegments('[draft] [Invincible] 원화', 'invincible 원화').map((s) => [s.text, s.isMatch])).toEqual([
      ['[draft] ', false],
      ['Invincible', true],
      [' ', false],
      ['원화', true],
    ]);
  });

  it('returns the snippet whole for an empty query', () => {
    expect(highlightSegments('a [b] c', ' ')).toEqual([{ text: 'a [b] c', isMatch: false }]);
  });
});
