import { execFileSync } from 'node:child_process';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { brokenNote, iso2022Notes, johabNote, longNotes, shortNotes, unicodeNotes } from '../../test-support/generate/notes';
import { decodeBytes, decodeShortString, detectAndDecode, detectEncoding } from './text-encoding';

const enc = (text: string, encoding: string): Uint8Array => new Uint8Array(iconv.encode(text, encoding));

function glibcHas(encoding: string): boolean {
  try {
    return execFileSync('iconv', ['-l'], { encoding: 'utf8' })
      .split(/[\s,]+/)
      .includes(`${encoding}//`);
  } catch {
    return false;
  }
}

describe('detectEncoding: Unicode forms', () => {
  it.each(unicodeNotes().map((n) => [n.name, n] as const))('%s', (_name, note) => {
    const { text, encoding } = detectAndDecode(note.bytes);
    expect(encoding.name).toBe(note.expected.encoding);
    expect(text).toBe(note.expected.text);
  });

  it('reports the BOM and strips it from the text', () => {
    const bytes = Uint8Array.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]);
    expect(detectEncoding(bytes)).toMatchObject({ name: 'utf-32le', bom: true, method: 'BOM' });
    expect(decodeBytes(bytes, 'utf-32le')).toBe('A');
  });

  it('passes ASCII and strict UTF-8 through, even when a 64 KiB sample cuts a character in half', () => {
    expect(detectEncoding(new TextEncoder().encode('plain ascii\n')).name).toBe('utf-8');
    const long = new TextEncoder().encode('원화 수정 '.repeat(7000));
    expect(long.length).toBeGreaterThan(64 * 1024);
    expect(detectEncoding(long)).toMatchObject({ name: 'utf-8', method: 'strict UTF-8' });
  });
});

describe('detectEncoding: legacy CJK files', () => {
  it.each(longNotes().map((n) => [n.name, n] as const))('%s', (_name, note) => {
    const { text, encoding } = detectAndDecode(note.bytes);
    expect(note.expected.accept).toContain(encoding.name);
    expect(text).toBe(note.expected.text);
  });

  it.each(iso2022Notes().map((n) => [n.name, n] as const))('%s', (_name, note) => {
    const { text, encoding } = detectAndDecode(note.bytes);
    expect(encoding.name).toBe(note.expected.encoding);
    expect(text).toBe(note.expected.text);
  });

  it('Johab (composed Hangul, not decodable by TextDecoder or iconv-lite)', () => {
    const note = johabNote();
    const { text, encoding } = detectAndDecode(note.bytes);
    expect(encoding.name).toBe('johab');
    expect(text).toBe(note.expected.text);
  });

  it('labels GB text by the narrowest standard its bytes need', () => {
    expect(detectEncoding(enc('第三场背景颜色需要调整，请在周五前提交。', 'gbk')).name).toBe('gb2312');
    expect(detectEncoding(enc('原画修型请注意口型 — 镕', 'gbk')).name).toBe('gbk');
    expect(detectEncoding(enc('原画修型请注意口型，请在周五前提交。원화', 'gb18030')).name).toBe('gb18030');
  });

  it('labels Korean text cp949 only when it uses the UHC extension', () => {
    expect(detectEncoding(enc('배경 색상을 조금 더 밝게 바꿔 주세요.', 'cp949')).name).toBe('euc-kr');
    expect(detectEncoding(enc('똠방각하 원화 수정 부탁드립니다.', 'cp949')).name).toBe('cp949');
  });

  it('decodes a damaged GBK file with replacement characters instead of failing', () => {
    const note = brokenNote();
    const { text, encoding } = detectAndDecode(note.bytes);
    expect(note.expected.accept).toContain(encoding.name);
    expect(text).toContain('第三场背景颜色需要调整');
    expect(text).toContain('\ufffd');
  });

  it('uses a charset declared in the document when the bytes agree with it', () => {
    const thai = enc('<?xml version="1.0" encoding="TIS-620"?>\n<p>ประเทศไทย ภาษาไทย</p>\n', 'tis620');
    expect(detectEncoding(thai)).toMatchObject({ name: 'tis-620', method: 'declared in document, consistent with bytes' });
    const lying = enc('<?xml version="1.0" encoding="iso-8859-1"?>\n<p>第三场背景颜色需要调整，请在周五前提交。</p>\n', 'gbk');
    expect(detectEncoding(lying).name).toBe('gb2312');
  });

  it('is fast on a large file (samples the first 64 KiB)', () => {
    const big = enc('第三场背景颜色需要调整，请在周五前提交。人物动作太僵硬。\n'.repeat(40_000), 'gbk');
    const t0 = performance.now();
    expect(detectEncoding(big).name).toBe('gb2312');
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

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

describe('decodeShortString', () => {
  it.each(shortNotes().map((n) => [`${n.name} (${n.bytes.length} B)`, n] as const))('%s', (_name, note) => {
    const r = decodeShortString(note.bytes);
    expect(note.expected.accept).toContain(r.encoding);
    expect(r.text).toBe(note.expected.text);
    expect(r.confidence).toBeGreaterThan(0);
  });

  it('handles CP949-only syllables (똠 쀍 햏 뷁) that plain EUC-KR lacks', () => {
    const r = decodeShortString(enc('똠 쀍 햏 뷁', 'cp949'));
    expect(r).toMatchObject({ text: '똠 쀍 햏 뷁', encoding: 'cp949' });
  });

  it('passes ASCII and UTF-8 through', () => {
    expect(decodeShortString(new TextEncoder().encode('IMG_0042.jpg'))).toEqual({ text: 'IMG_0042.jpg', encoding: 'ascii', confidence: 1 });
    expect(decodeShortString(new TextEncoder().encode('原画修型.psd'))).toMatchObject({ text: '原画修型.psd', encoding: 'utf-8' });
  });

  it('reads 8-byte CJK names', () => {
    expect(decodeShortString(enc('原画修型', 'gbk')).text).toBe('原画修型');
    expect(decodeShortString(enc('原畫修型', 'big5')).text).toBe('原畫修型');
    expect(decodeShortString(enc('원화 수정', 'euc-kr')).text).toBe('원화 수정');
  });
});

describe('decodeBytes', () => {
  it('decodes labels TextDecoder lacks or gets wrong', () => {
    expect(decodeBytes(enc('똠방각하', 'cp949'), 'euc-kr')).toBe('똠방각하');
    expect(decodeBytes(Uint8Array.of(0x93, 0x41, 0x94), 'windows-1252')).toBe('“A”');
    expect(decodeBytes(Uint8Array.of(0x93), 'iso-8859-1')).toBe('\u0093');
    expect(decodeBytes(Uint8Array.of(0, 0, 0xac, 0, 0, 0, 0, 0x41), 'utf-32be')).toBe('가A');
    expect(decodeBytes(enc('é', 'macroman'), 'macroman')).toBe('é');
    expect(() => decodeBytes(Uint8Array.of(0x41), 'x-no-such-charset')).toThrow(/unsupported/);
  });

  it.skipIf(!glibcHas('EUC-TW'))('decodes EUC-TW (CNS 11643 planes 1–2) like glibc', () => {
    const text = '維基大典（Wikipedia）者，網路為礎；集天下知、四海言、眾人志，書百科焉。羅薦嚨銬耄彞';
    const bytes = new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'EUC-TW'], { input: text }));
    expect(decodeBytes(bytes, 'euc-tw')).toBe(text);
    expect(detectEncoding(bytes).name).toBe('euc-tw');
    const plane2 = new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'EUC-TW'], { input: '乂乜丐亍刉攷笻筇鬮爩' }));
    expect(decodeBytes(plane2, 'euc-tw')).toBe('乂乜丐亍刉攷笻筇鬮爩');
  });

  it.skipIf(!glibcHas('JOHAB'))('decodes every Johab Hangul syllable like glibc', () => {
    const syllables = Array.from({ length: 11172 }, (_, i) => String.fromCharCode(0xac00 + i)).join('');
    const bytes = new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'JOHAB'], { input: syllables, maxBuffer: 1 << 20 }));
    expect(decodeBytes(bytes, 'johab')).toBe(syllables);
  });
});
