import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { codePageLabel, decodeCodePage } from './windows-code-pages';

describe('decodeCodePage', () => {
  it.each([
    [936, '第12话 修改意见', 'gbk', 'cp936'],
    [949, '작업 시간표 5화', 'cp949', 'cp949'],
    [950, '原畫 修改意見', 'big5', 'cp950'],
    [932, '原画の修正', 'shift_jis', 'cp932'],
    [1251, 'Москва', 'windows-1251', 'cp1251'],
    [10000, 'Café', 'macroman', 'macintosh'],
  ])('decodes code page %i', (codePage, text, label, writer) => {
    const bytes = new Uint8Array(iconv.encode(text, writer));
    expect(decodeCodePage(bytes, codePage)).toEqual({ text, encoding: label, declared: true });
  });

  it('decodes UTF-16 and UTF-8 code pages', () => {
    expect(decodeCodePage(new Uint8Array(Buffer.from('한글', 'utf16le')), 1200).text).toBe('한글');
    expect(decodeCodePage(new Uint8Array(Buffer.from('中文', 'utf8')), 65001).text).toBe('中文');
  });

  it('detects the encoding of short CJK text when no usable code page is declared', () => {
    const gbk = new Uint8Array(iconv.encode('深圳市摄像机厂', 'gbk'));
    for (const codePage of [undefined, 12345]) {
      const decoded = decodeCodePage(gbk, codePage);
      expect(decoded).toMatchObject({ text: '深圳市摄像机厂', declared: false });
      expect(decoded.encoding).toMatch(/^gb/);
    }
  });

  it('has a label decodeBytes understands for every code page it maps', () => {
    const sample = Uint8Array.of(0x41, 0x42, 0x43);
    for (let codePage = 0; codePage < 70000; codePage++) {
      if (codePageLabel(codePage) === undefined) continue;
      expect(() => decodeCodePage(sample, codePage), String(codePage)).not.toThrow();
    }
  });
});
