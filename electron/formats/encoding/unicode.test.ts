import { describe, expect, it } from 'vitest';
import { unicodeNotes } from '../../test-support/generate/notes';
import { decodeBytes } from './decode';
import { detectAndDecode, detectEncoding } from './detect';
import { sniffBom } from './unicode';

describe('sniffBom', () => {
  it('names each byte order mark, UTF-32LE before the UTF-16LE mark it starts with', () => {
    expect(sniffBom(Uint8Array.of(0xef, 0xbb, 0xbf, 0x41))).toBe('utf-8');
    expect(sniffBom(Uint8Array.of(0xff, 0xfe, 0x41, 0))).toBe('utf-16le');
    expect(sniffBom(Uint8Array.of(0xfe, 0xff, 0, 0x41))).toBe('utf-16be');
    expect(sniffBom(Uint8Array.of(0xff, 0xfe, 0, 0))).toBe('utf-32le');
    expect(sniffBom(Uint8Array.of(0, 0, 0xfe, 0xff))).toBe('utf-32be');
    expect(sniffBom(Uint8Array.of(0, 0, 0xfe, 0x41))).toBeNull();
    expect(sniffBom(Uint8Array.of(0xef, 0xbb))).toBeNull();
    expect(sniffBom(new Uint8Array(0))).toBeNull();
  });
});

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
    expect(decodeBytes(Uint8Array.of(0, 0, 0xac, 0, 0, 0, 0, 0x41), 'utf-32be')).toBe('가A');
  });

  it('passes ASCII and strict UTF-8 through, even when a 64 KiB sample cuts a character in half', () => {
    expect(detectEncoding(new TextEncoder().encode('plain ascii\n')).name).toBe('utf-8');
    const long = new TextEncoder().encode('원화 수정 '.repeat(7000));
    expect(long.length).toBeGreaterThan(64 * 1024);
    expect(detectEncoding(long)).toMatchObject({ name: 'utf-8', method: 'strict UTF-8' });
  });
});
