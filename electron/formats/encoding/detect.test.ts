import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { shortNotes } from '../../test-support/generate/notes';
import { DETECT_SAMPLE_BYTES, decodeShortString, detectEncoding } from './detect';

const enc = (text: string, encoding: string): Uint8Array => new Uint8Array(iconv.encode(text, encoding));

describe('detectEncoding', () => {
  it('uses a charset declared in the document when the bytes agree with it', () => {
    const thai = enc('<?xml version="1.0" encoding="TIS-620"?>\n<p>ประเทศไทย ภาษาไทย</p>\n', 'tis620');
    expect(detectEncoding(thai)).toMatchObject({ name: 'tis-620', method: 'declared in document, consistent with bytes' });
    const lying = enc('<?xml version="1.0" encoding="iso-8859-1"?>\n<p>第三场背景颜色需要调整，请在周五前提交。</p>\n', 'gbk');
    expect(detectEncoding(lying).name).toBe('gb2312');
  });

  it('judges a large file by its first 64 KiB only', () => {
    const head = enc('第三场背景颜色需要调整，请在周五前提交。人物动作太僵硬。\n'.repeat(2000), 'gbk');
    expect(head.length).toBeGreaterThan(DETECT_SAMPLE_BYTES);
    // Past the sample, a megabyte of random high bytes: read, it turns the verdict to a single-byte page (measured).
    let seed = 7;
    const tail = new Uint8Array(1 << 20).map(() => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return 0x80 | (seed >>> 24);
    });
    const big = new Uint8Array(head.length + tail.length);
    big.set(head);
    big.set(tail, head.length);
    expect(detectEncoding(big)).toEqual(detectEncoding(head));
    expect(detectEncoding(big).name).toBe('gb2312');
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

  it('reads a recurring string as it read it the first time, whatever came between', () => {
    const notes = shortNotes();
    const first = notes.map((n) => decodeShortString(n.bytes));
    const again = [...notes].reverse().map((n) => decodeShortString(n.bytes));
    expect(again.reverse()).toEqual(first);
    const gbk = enc('原画修型', 'gbk');
    for (const reading of [decodeShortString(gbk), decodeShortString(gbk)]) reading.text = 'changed by a caller';
    expect(decodeShortString(gbk).text).toBe('原画修型');
    expect(decodeShortString(enc('原畫修型', 'big5')).text).toBe('原畫修型');
  });

  it('reads 8-byte CJK names', () => {
    expect(decodeShortString(enc('原画修型', 'gbk')).text).toBe('原画修型');
    expect(decodeShortString(enc('原畫修型', 'big5')).text).toBe('原畫修型');
    expect(decodeShortString(enc('원화 수정', 'euc-kr')).text).toBe('원화 수정');
  });
});
