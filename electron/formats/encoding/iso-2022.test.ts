import { describe, expect, it } from 'vitest';
import { iso2022Notes } from '../../test-support/generate/notes';
import { detectAndDecode } from './detect';

describe('ISO-2022 (JP, KR, CN)', () => {
  it.each(iso2022Notes().map((n) => [n.name, n] as const))('%s', (_name, note) => {
    const { text, encoding } = detectAndDecode(note.bytes);
    expect(encoding.name).toBe(note.expected.encoding);
    expect(text).toBe(note.expected.text);
  });
});
