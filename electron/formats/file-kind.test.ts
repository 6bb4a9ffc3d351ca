import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectContentType, detectMime, extensionContradicts, isText } from './file-kind';

const png = (): Uint8Array => PNG.sync.write(Object.assign(new PNG({ width: 2, height: 2 }), { data: Buffer.alloc(16, 255) }));
const jpg = (): Uint8Array => jpeg.encode({ width: 2, height: 2, data: Buffer.alloc(16, 128) }, 90).data;
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('detectMime', () => {
  it('types by magic number, never by name', async () => {
    expect(await detectMime(png(), 100)).toBe('image/png');
    expect(await detectMime(jpg(), 100)).toBe('image/jpeg');
    expect(await detectMime(zipSync({ 'a.txt': utf8('a') }), 100)).toBe('application/zip');
    expect(await detectMime(new Uint8Array(0), 0)).toBe('application/x-empty');
  });

  it('recognises text in UTF-8, UTF-16 (with and without BOM) and legacy CJK encodings', async () => {
    expect(await detectMime(utf8('原画修型请注意口型\n로동신문'), 40)).toBe('text/plain');
    expect(await detectMime(Buffer.from('\uFEFFhello', 'utf16le'), 12)).toBe('text/plain');
    expect(isText(Uint8Array.of(0xff, 0xfe, 0, 0, 0x41, 0, 0, 0, 0, 0x30, 0, 0))).toBe(true); // UTF-32LE BOM, 'A', U+3000
    expect(isText(Uint8Array.of(0, 0, 0xfe, 0xff, 0, 0, 0, 0x41, 0, 0, 0x30, 0))).toBe(true); // UTF-32BE
    expect(await detectMime(Buffer.from('plain ascii in utf-16', 'utf16le'), 42)).toBe('text/plain');
    expect(await detectMime(Buffer.from('d4adbbadd0ded0cdc7ebd7a2d2e2bfdad0cd', 'hex'), 18)).toBe('text/plain'); // GBK
    expect(await detectMime(utf8('<!DOCTYPE html><html></html>'), 28)).toBe('text/html');
  });

  it('lets clean text win over two-byte signatures that are printable ("BM", "MZ")', async () => {
    expect(await detectMime(utf8('BMW maintenance report, 2024'), 28)).toBe('text/plain');
    expect(await detectMime(utf8('MZ is the first line of this note'), 33)).toBe('text/plain');
  });

  it('calls random bytes unknown binary', async () => {
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    expect(isText(random)).toBe(false);
    expect(await detectMime(random, 4096)).toBe('application/octet-stream');
  });
});

describe('extension mismatch', () => {
  it('flags content that contradicts the extension', async () => {
    expect((await detectContentType(png(), 100, 'photo.jpg')).mismatch).toBe(true);
    expect((await detectContentType(zipSync({ 'a.txt': utf8('a') }), 100, 'notes.txt')).mismatch).toBe(true);
    expect((await detectContentType(utf8('<html>error page</html>'), 23, 'image.png')).mismatch).toBe(true);
    expect(extensionContradicts('data.csv', 'application/octet-stream')).toBe(true);
  });

  it('accepts legitimate aliases and never judges unknown extensions', async () => {
    expect((await detectContentType(jpg(), 100, 'scan.JFIF')).mismatch).toBe(false);
    expect((await detectContentType(jpg(), 100, 'scan.jpeg')).mismatch).toBe(false);
    expect((await detectContentType(zipSync({ 'a.txt': utf8('a') }), 100, 'report.docx')).mismatch).toBe(false);
    expect(extensionContradicts('page.htm', 'text/html')).toBe(false);
    expect(extensionContradicts('scan.tif', 'image/tiff')).toBe(false);
    expect(extensionContradicts('clip.m4v', 'video/mp4')).toBe(false);
    expect(extensionContradicts('clip.mov', 'video/x-m4v')).toBe(false);
    expect(extensionContradicts('thing.xyz', 'image/png')).toBe(false);
    expect(extensionContradicts('README', 'image/png')).toBe(false);
    expect(extensionContradicts('photo.jpg', 'application/octet-stream')).toBe(false);
    expect(extensionContradicts('empty.pdf', 'application/x-empty')).toBe(false);
  });
});
