import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { userCommentAscii, userCommentUnicode, xpBytes } from '../../test-support/generate/images';
import { cString, exifCharsetText, legacyText, xpText } from './text';

const bytes = (s: string, enc: string): Uint8Array => new Uint8Array(iconv.encode(s, enc));
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('xpText (XPTitle, XPComment, XPKeywords, XPAuthor, XPSubject)', () => {
  it('decodes UCS-2LE even where exifr guesses big-endian (first character not ASCII) and drops NULs', () => {
    expect(xpText(Uint8Array.from(xpBytes('标题 제목'))).value).toBe('标题 제목');
    expect(xpText(Uint8Array.from(xpBytes('原画;원화'))).value).toBe('原画;원화');
  });

  it('ignores a dangling odd byte and padding NULs', () => {
    const padded = Uint8Array.from([...xpBytes('XP注释'), 0, 0, 0]);
    expect(xpText(padded).value).toBe('XP注释');
  });
});

describe('exifCharsetText (UserComment)', () => {
  it('reads UNICODE as UCS-2 in the TIFF byte order (big-endian)', () => {
    const r = exifCharsetText(userCommentUnicode('用户评论 사용자 댓글', false), false);
    expect(r.value.value).toBe('用户评论 사용자 댓글');
    expect(r.value.encoding).toBe('utf-16be');
    expect(r.warning).toBeUndefined();
  });

  it('reads UNICODE as UCS-2 in the TIFF byte order (little-endian), trimming NUL/space padding', () => {
    const padded = concat(userCommentUnicode('用户评论', true), new Uint8Array([0x20, 0, 0, 0]));
    const r = exifCharsetText(padded, true);
    expect(r.value.value).toBe('用户评论');
    expect(r.value.encoding).toBe('utf-16le');
  });

  it('lets a BOM override the TIFF byte order', () => {
    const body = concat(new TextEncoder().encode('UNICODE\0'), Uint8Array.of(0xfe, 0xff), bytes('댓글', 'utf-16be'));
    expect(exifCharsetText(body, true).value.value).toBe('댓글');
  });

  it('reads ASCII and trims the space padding cameras add', () => {
    const r = exifCharsetText(userCommentAscii('Shot for case 42      '), false);
    expect(r.value).toEqual({ value: 'Shot for case 42' });
  });

  it('detects legacy bytes behind an ASCII header (software that ignored the spec)', () => {
    const r = exifCharsetText(concat(new TextEncoder().encode('ASCII\0\0\0'), bytes('原画修型请注意口型', 'gbk')), false);
    expect(r.value.value).toBe('原画修型请注意口型');
    expect(['gb2312', 'gbk', 'gb18030']).toContain(r.value.encoding);
    expect(r.value.bytes).toBe(Buffer.from(bytes('原画修型请注意口型', 'gbk')).toString('hex'));
  });

  it('reads JIS as ISO-2022-JP, with or without escape sequences', () => {
    // JIS X 0208 is EUC-JP without the high bits; ISO-2022-JP wraps it in ESC $ B … ESC ( B.
    const bare = bytes('写真の説明', 'euc-jp').map((b) => b & 0x7f);
    const iso = concat(Uint8Array.of(0x1b, 0x24, 0x42), bare, Uint8Array.of(0x1b, 0x28, 0x42));
    const header = new TextEncoder().encode('JIS\0\0\0\0\0');
    expect(exifCharsetText(concat(header, iso), false).value.value).toBe('写真の説明');
    expect(exifCharsetText(concat(header, bare), false).value.value).toBe('写真の説明');
  });

  it('reads the undefined (all-zero) header by detection, and an all-blank comment as empty', () => {
    expect(exifCharsetText(concat(new Uint8Array(8), bytes('제12화 콘티', 'euc-kr')), false).value.value).toBe('제12화 콘티');
    expect(exifCharsetText(new Uint8Array(8 + 20), false).value.value).toBe('');
  });

  it('warns on an unknown header (as ExifTool does) and still returns the text', () => {
    const r = exifCharsetText(concat(new TextEncoder().encode('ASCI'), new Uint8Array(4)), false);
    expect(r.value.value).toBe('ASCI');
    expect(r.warning).toMatch(/Invalid EXIF text encoding/);
  });
});

describe('legacyText (EXIF ASCII tags, IPTC without 1:90)', () => {
  it('passes ASCII and UTF-8 through without bytes or encoding', () => {
    expect(legacyText(new TextEncoder().encode('Canon'))).toEqual({ value: 'Canon' });
    expect(legacyText(new TextEncoder().encode('김철수 张三'))).toEqual({ value: '김철수 张三' });
  });

  it('decodes GBK and EUC-KR bytes and keeps the original bytes as hex', () => {
    const gbk = legacyText(bytes('原画修型请注意口型', 'gbk'));
    expect(gbk.value).toBe('原画修型请注意口型');
    expect(['gb2312', 'gbk', 'gb18030']).toContain(gbk.encoding);
    expect(gbk.bytes).toBe(Buffer.from(bytes('原画修型请注意口型', 'gbk')).toString('hex'));
    const kr = legacyText(bytes('김철수 작화감독', 'euc-kr'));
    expect(kr.value).toBe('김철수 작화감독');
    expect(['euc-kr', 'cp949']).toContain(kr.encoding);
  });

  it('cString stops at the first NUL, as ExifTool reads TIFF ASCII', () => {
    expect([...cString(Uint8Array.of(0x41, 0x42, 0, 0x43))]).toEqual([0x41, 0x42]);
  });
});
