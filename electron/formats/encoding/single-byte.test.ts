import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from './decode';
import { detectEncoding } from './detect';

const enc = (text: string, encoding: string): Uint8Array => new Uint8Array(iconv.encode(text, encoding));

describe('detectEncoding: single-byte files', () => {
  it('chooses iso-8859-1 when 0x80–0x9F are unused and windows-1252 when they are', () => {
    expect(detectEncoding(enc('this é is Latin1\r\n', 'latin1')).name).toBe('iso-8859-1');
    const quotes = enc('Then he said, “The names Bond, James Bond.”\nSpam, beans – served every day\n', 'windows-1252');
    expect(detectEncoding(quotes).name).toBe('windows-1252');
    expect(decodeBytes(quotes, 'windows-1252')).toContain('“The names Bond');
  });

  it('recognises MacRoman', () => {
    expect(detectEncoding(enc('this é is MacRoman\r', 'macroman')).name).toBe('macroman');
    expect(detectEncoding(enc('Señor García, la reunión es mañana.', 'macroman')).name).toBe('macroman');
  });

  it('tells Cyrillic code pages apart', () => {
    const text = 'Встреча перенесена на пятницу. Проверьте цвет фона в третьей сцене и отправьте файл режиссёру.\n'.repeat(3);
    expect(detectEncoding(enc(text, 'koi8-r')).name).toMatch(/^koi8-[ru]$/);
    expect(detectEncoding(enc(text, 'windows-1251')).name).toBe('windows-1251');
  });

  it('tells ISO-8859-2 from windows-1250 by the letters each reads', () => {
    // ą, ś, ź sit at 0xB1, 0xB6, 0xBC in ISO-8859-2, where windows-1250 has ±, ¶ and Ľ.
    const polish = 'Zofia Holszańska była królową Polski, czwartą żoną Władysława Jagiełły. Jej synowie panowali w państwie.\n';
    expect(detectEncoding(enc(polish, 'iso-8859-2')).name).toBe('iso-8859-2');
    // š, ž, ť sit at 0x9A, 0x9E, 0x9D in windows-1250, C1 controls in ISO-8859-2.
    const slovak = 'Jupiter je najväčšia planéta slnečnej sústavy. Jeho hmotnosť je väčšia než hmotnosť všetkých ostatných planét.\n';
    expect(detectEncoding(enc(slovak, 'windows-1250')).name).toBe('windows-1250');
  });

  it('recognises windows-1258, whose Vietnamese tone marks are separate combining characters', () => {
    const text = 'Tiếng Việt là ngôn ngữ của người Việt và là ngôn ngữ chính thức tại Việt Nam. Chữ Quốc ngữ dùng chữ cái Latinh.\n';
    const bytes = enc(windows1258Form(text), 'windows-1258');
    expect(detectEncoding(bytes).name).toBe('windows-1258');
    expect(decodeBytes(bytes, 'windows-1258').normalize('NFC')).toBe(text);
  });
});

/** Vietnamese as windows-1258 stores it: â, ê, ô, ă, ơ, ư precomposed, the five tone marks as combining characters. */
function windows1258Form(text: string): string {
  const tone = /[\u0300\u0301\u0303\u0309\u0323]/g;
  return text
    .normalize('NFD')
    .replace(
      /(\p{L})(\p{M}+)/gu,
      (_m, base: string, marks: string) => `${(base + marks.replace(tone, '')).normalize('NFC')}${marks.match(tone)?.join('') ?? ''}`,
    );
}
