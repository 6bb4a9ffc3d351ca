import { describe, expect, it } from 'vitest';
import { cjkWordDoc, streamsOf } from '../../test-support/generate/legacy-office';
import { plainWordText, readWordDocument } from './word';

const streams = streamsOf(cjkWordDoc().bytes);
const word = streams.get('WordDocument')!;
const withWord = (bytes: Uint8Array): Map<string, Uint8Array> => new Map([...streams, ['WordDocument', bytes]]);
const setU16 = (bytes: Uint8Array, at: number, n: number): Uint8Array => {
  const copy = bytes.slice();
  new DataView(copy.buffer).setUint16(at, n, true);
  return copy;
};

describe('plainWordText', () => {
  it('keeps field results and drops field codes, also nested ones', () => {
    expect(plainWordText('see \x13 HYPERLINK "x" \x14here\x15.')).toBe('see here.');
    expect(plainWordText('\x13 IF \x13 PAGE \x142\x15 = 2 "a" \x14yes\x15!')).toBe('yes!');
    expect(plainWordText('no result \x13 TOC \x15done')).toBe('no result done');
  });

  it('turns breaks into newlines and cell marks into tabs, and drops anchors and note marks', () => {
    expect(plainWordText('a\x0bb\x0cc\rd\x07e\x07\x07f\x01\x02\x05\x08g\x1eh\x1fi')).toBe('a\nb\nc\nd\te\t\tfg\u2011hi');
  });
});

describe('readWordDocument on damaged streams', () => {
  it('reads the FIB flags into the FlashPix group as ExifTool does', () => {
    expect(readWordDocument(word, streams).metadata['FlashPix']).toEqual({
      Identification: { value: 'Word 8.0', raw: 0xa5ec },
      LanguageCode: { value: 'Simplified Chinese', raw: 0x0804 },
      DocFlags: { value: '1Table', raw: 0x200 },
      System: { value: 'Windows', raw: 0 },
      Word97: { value: 'No', raw: 0 },
    });
  });

  it('names a Word 6/95 document and an unknown signature instead of misreading them', () => {
    expect(readWordDocument(setU16(word, 0, 0xa5dc), streams).warnings).toEqual(['Word 6.0/95 document: its text was not extracted']);
    expect(readWordDocument(setU16(word, 0, 0x1234), streams).warnings).toEqual([
      'WordDocument stream with an unknown signature 0x1234: its text was not extracted',
    ]);
  });

  it('does not read an encrypted document', () => {
    const doc = readWordDocument(setU16(word, 0x0a, (1 << 9) | (1 << 8)), streams);
    expect(doc.text).toBeUndefined();
    expect(doc.warnings).toEqual(['Word document is encrypted or obfuscated: its text and document properties were not read']);
    expect(doc.metadata['FlashPix']?.['DocFlags']?.value).toBe('Encrypted, 1Table');
  });

  it('warns about a missing table stream, a truncated FIB and pieces outside the stream, and keeps the rest', () => {
    expect(readWordDocument(word, new Map([['WordDocument', word]])).warnings).toEqual(['Word: the 1Table stream is missing']);
    expect(readWordDocument(word.subarray(0, 200), streams).warnings).toEqual(['Word: the File Information Block is truncated']);
    const short = readWordDocument(word.subarray(0, 0x1000 + 20), withWord(word.subarray(0, 0x1000 + 20)));
    expect(short.warnings.every((w) => /^Word: piece \d points outside the WordDocument stream$/.test(w))).toBe(true);
    expect(short.warnings.length).toBeGreaterThan(0);
    expect(short.text).toBe('案件笔记：第12话');
    expect(short.metadata['MS-DOC']?.['Words']).toEqual({ value: 42 });
  });
});
