import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { brokenNote, longNotes } from '../../test-support/generate/notes';
import { detectAndDecode, detectEncoding } from './detect';

const enc = (text: string, encoding: string): Uint8Array => new Uint8Array(iconv.encode(text, encoding));

describe('detectEncoding: legacy CJK files', () => {
  it.each(longNotes().map((n) => [n.name, n] as const))('%s', (_name, note) => {
    const { text, encoding } = detectAndDecode(note.bytes);
    expect(note.expected.accept).toContain(encoding.name);
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
});
