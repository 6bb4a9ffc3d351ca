import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { brokenNote, longNotes, unicodeNotes } from '../test-support/generate/notes';
import { bufferSource } from './byte-source';
import { createTextExtractor, textExtractor } from './text';
import type { ExtractInput } from './types';

const input = (name: string, bytes: Uint8Array, mime?: string): ExtractInput => ({
  name,
  path: `notes/${name}`,
  size: bytes.byteLength,
  source: bufferSource(bytes),
  ...(mime === undefined ? {} : { mime }),
});

describe('textExtractor.accepts', () => {
  const gbk = new Uint8Array(iconv.encode('原画修型请注意口型\r\n', 'gbk'));

  it('takes text MIME types and refuses other magic types', () => {
    expect(textExtractor.accepts(input('a.txt', gbk, 'text/plain'), gbk)).toBe(true);
    expect(textExtractor.accepts(input('a.json', gbk, 'application/json'), gbk)).toBe(true);
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
    expect(textExtractor.accepts(input('a.txt', png, 'image/png'), png)).toBe(false);
  });

  it('sniffs magic-less content: legacy CJK and BOM-less UTF-16/32 yes, binary no', () => {
    expect(textExtractor.accepts(input('note', gbk, 'application/octet-stream'), gbk)).toBe(true);
    for (const note of unicodeNotes()) expect(textExtractor.accepts(input(note.name, note.bytes), note.bytes)).toBe(true);
    const binary = Uint8Array.from({ length: 512 }, (_, i) => (i * 37) % 256);
    expect(textExtractor.accepts(input('data.bin', binary), binary)).toBe(false);
    expect(textExtractor.accepts(input('data.txt', binary), binary)).toBe(false);
  });
});

describe('textExtractor.extract', () => {
  it.each(longNotes().map((n) => [n.name, n] as const))('%s: text, encoding and File:Encoding', async (_name, note) => {
    const out = await textExtractor.extract(input(note.name, note.bytes, 'text/plain'));
    expect(out.text).toBe(note.expected.text);
    expect(note.expected.accept).toContain(out.encoding?.name);
    expect(out.metadata?.File?.Encoding?.value).toBe(out.encoding?.name);
    expect(out.metadata?.File?.Newlines?.value).toBe('Windows CRLF');
    expect(out.textTruncated).toBeUndefined();
  });

  it.each(unicodeNotes().map((n) => [n.name, n] as const))('%s: BOM reported and stripped', async (_name, note) => {
    const out = await textExtractor.extract(input(note.name, note.bytes));
    expect(out.text).toBe(note.expected.text);
    expect(out.encoding).toMatchObject({ name: note.expected.encoding, bom: note.name.includes('-bom') });
    expect(out.metadata?.File?.ByteOrderMark?.value).toBe(note.name.includes('-bom') ? 'Yes' : 'No');
  });

  it('decodes a damaged file and warns about the invalid sequences', async () => {
    const note = brokenNote();
    const out = await textExtractor.extract(input(note.name, note.bytes));
    expect(out.text).toContain('人物动作太僵硬');
    expect(out.warnings?.join(' ')).toMatch(/invalid in gb/);
  });

  it('caps long files and flags the text as truncated without a cut character at the end', async () => {
    const bytes = new Uint8Array(iconv.encode('第三场背景颜色需要调整。\n'.repeat(1000), 'gbk'));
    const out = await createTextExtractor(1001).extract(input('long.txt', bytes));
    expect(out.textTruncated).toBe(true);
    expect(out.text?.endsWith('\uFFFD')).toBe(false);
    expect(out.text?.length).toBeGreaterThan(400);
    expect(out.text?.length).toBeLessThan(1001);
    expect(out.warnings?.[0]).toMatch(/first 1001 of/);
  });

  it('caps UTF-16 on a whole code unit', async () => {
    const bytes = new Uint8Array(Buffer.from('Invincible 原画\n'.repeat(100), 'utf16le'));
    const out = await createTextExtractor(1001).extract(input('u16.txt', bytes));
    expect(out.encoding?.name).toBe('utf-16le');
    expect(out.text).toBe('Invincible 原画\n'.repeat(100).slice(0, 500));
  });
});
