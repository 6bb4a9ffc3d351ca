import { describe, expect, it } from 'vitest';
import { johabNote } from '../../test-support/generate/notes';
import { glibcEncode, glibcHas } from '../../test-support/glibc';
import { decodeBytes } from './decode';
import { detectAndDecode } from './detect';

describe('Johab', () => {
  it('detects and decodes composed Hangul (not decodable by TextDecoder or iconv-lite)', () => {
    const note = johabNote();
    const { text, encoding } = detectAndDecode(note.bytes);
    expect(encoding.name).toBe('johab');
    expect(text).toBe(note.expected.text);
  });

  it.skipIf(!glibcHas('JOHAB'))('decodes every Johab Hangul syllable like glibc', () => {
    const syllables = Array.from({ length: 11172 }, (_, i) => String.fromCharCode(0xac00 + i)).join('');
    expect(decodeBytes(glibcEncode(syllables, 'JOHAB'), 'johab')).toBe(syllables);
  });
});
