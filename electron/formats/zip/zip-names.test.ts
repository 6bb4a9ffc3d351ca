import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { legacyName, legacyNameZips, unicodePathExtra } from '../../test-support/generate/zips';
import { decodeZipEntryName, isUnsafeZipPath } from './zip-names';

/** Labels a detector may legitimately report for text written in the fixture's encoding. */
const FAMILY: Record<string, string[]> = {
  gbk: ['gb2312', 'gbk', 'gb18030'],
  cp949: ['euc-kr', 'cp949'],
  shift_jis: ['shift_jis'],
  big5: ['big5'],
  'utf-8': ['utf-8'],
  ascii: ['ascii'],
  cp437: ['cp437'],
};

describe('decodeZipEntryName on generated archives read by yauzl (decodeStrings: false)', () => {
  for (const item of legacyNameZips()) {
    it(item.name, async () => {
      const zip = await yauzl.fromBufferPromise(Buffer.from(item.bytes), { lazyEntries: true, decodeStrings: false });
      const decoded = [];
      for await (const entry of zip.eachEntry())
        decoded.push(decodeZipEntryName(entry.fileNameRaw, entry.generalPurposeBitFlag, entry.extraFields));
      zip.close();
      expect(decoded.map((d) => d.name)).toEqual(item.expected.entries.map((e) => e.name));
      expect(decoded.map((d) => d.rawHex)).toEqual(item.expected.entries.map((e) => e.rawHex));
      decoded.forEach((d, i) => expect(FAMILY[item.expected.entries[i]?.encoding ?? '']).toContain(d.encoding));
    });
  }
});

describe('decodeZipEntryName', () => {
  it('trusts the UTF-8 flag', () => {
    const raw = new TextEncoder().encode('제12화/원화.psd');
    expect(decodeZipEntryName(raw, 0x0800, [])).toEqual({
      name: '제12화/원화.psd',
      encoding: 'utf-8',
      rawHex: Buffer.from(raw).toString('hex'),
    });
  });

  it('does not take a set UTF-8 flag over bytes that are not UTF-8', () => {
    const raw = legacyName('原画修型.txt', 'gbk');
    expect(decodeZipEntryName(raw, 0x0800, []).name).toBe('原画修型.txt');
  });

  it('uses a Unicode Path field only when its CRC matches the header name', () => {
    const raw = legacyName('ÇÉ.txt', 'cp437');
    const good = unicodePathExtra(raw, '원화수정.txt');
    expect(decodeZipEntryName(raw, 0, [good])).toMatchObject({ name: '원화수정.txt', encoding: 'utf-8' });
    const stale = unicodePathExtra(raw, '원화수정.txt', 0xdeadbeef);
    expect(decodeZipEntryName(raw, 0, [stale])).toMatchObject({ name: 'ÇÉ.txt', encoding: 'cp437' });
  });

  it('decodes legacy CJK names without a flag', () => {
    expect(decodeZipEntryName(legacyName('原画修型.txt', 'gbk'), 0, []).name).toBe('原画修型.txt');
    expect(decodeZipEntryName(legacyName('원화수정.txt', 'cp949'), 0, []).name).toBe('원화수정.txt');
    expect(decodeZipEntryName(legacyName('原画修正.txt', 'shift_jis'), 0, []).name).toBe('原画修正.txt');
  });

  it('falls back to CP437 for bytes that read as no CJK text', () => {
    const raw = Uint8Array.from([0x80, 0x82, 0x2e, 0x74, 0x78, 0x74]);
    expect(decodeZipEntryName(raw, 0, [])).toMatchObject({ name: 'Çé.txt', encoding: 'cp437', rawHex: '80822e747874' });
  });

  it('passes ASCII through', () => {
    expect(decodeZipEntryName(new TextEncoder().encode('dir/file.txt'), 0, [])).toMatchObject({ name: 'dir/file.txt', encoding: 'ascii' });
  });
});

describe('isUnsafeZipPath', () => {
  it.each([
    '/etc/passwd',
    '\\Windows\\system.ini',
    'C:\\evil.exe',
    'c:/evil',
    '../x',
    'a/../../x',
    'a\\..\\x',
    '..',
    'a/b\0.txt',
    '\\\\server\\share\\x',
  ])('rejects %s', (name) => expect(isUnsafeZipPath(name)).toBe(true));
  it.each(['a/b/c.txt', '原画/修型.txt', 'dir/', 'a..b/c', '.hidden', 'x/.../y'])('accepts %s', (name) =>
    expect(isUnsafeZipPath(name)).toBe(false),
  );
});
