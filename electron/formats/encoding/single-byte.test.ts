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
});
