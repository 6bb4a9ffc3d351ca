import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from './decode';

const enc = (text: string, encoding: string): Uint8Array => new Uint8Array(iconv.encode(text, encoding));

describe('decodeBytes', () => {
  it('decodes labels TextDecoder lacks or gets wrong', () => {
    expect(decodeBytes(enc('똠방각하', 'cp949'), 'euc-kr')).toBe('똠방각하');
    expect(decodeBytes(Uint8Array.of(0x93, 0x41, 0x94), 'windows-1252')).toBe('“A”');
    expect(decodeBytes(Uint8Array.of(0x93), 'iso-8859-1')).toBe('\u0093');
    expect(decodeBytes(enc('é', 'macroman'), 'macroman')).toBe('é');
    expect(() => decodeBytes(Uint8Array.of(0x41), 'x-no-such-charset')).toThrow(/unsupported/);
  });
});
