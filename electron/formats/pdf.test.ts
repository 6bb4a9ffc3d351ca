import { describe, expect, it } from 'vitest';
import {
  corruptPdf,
  cjkEvidencePdf,
  editingSheetPdf,
  encryptedPdf,
  legacyInfoPdf,
  supplementaryPlanePdf,
  truncatedPdf,
} from '../test-support/generate/pdfs';
import { bufferSource } from './byte-source';
import { encryptionOf, extractPdf, joinTextContent, loadPdfjs, parsePdfDate, pdfExtractor, withTimeout } from './pdf';

/** Taken before anything in this file loads pdf.js. */
const natives = { push: Array.prototype.push, stringify: JSON.stringify, parse: JSON.parse };

type TextContent = Parameters<typeof joinTextContent>[0];

const item = (str: string, x: number, y: number, width: number, fontName = 'f1', size = 10): TextContent['items'][number] => ({
  str,
  dir: 'ltr',
  transform: [size, 0, 0, size, x, y],
  width,
  height: size,
  fontName,
  hasEOL: false,
});
const styles = (vertical = false): TextContent['styles'] => ({
  f1: { ascent: 0.8, descent: -0.2, vertical, fontFamily: 'serif' },
  f2: { ascent: 0.8, descent: -0.2, vertical, fontFamily: 'serif' },
});

describe('loading pdf.js', () => {
  it('leaves the natives its core-js polyfills replace in place: push, JSON.stringify and JSON.parse', async () => {
    await loadPdfjs();
    expect(Array.prototype.push).toBe(natives.push);
    expect(JSON.stringify).toBe(natives.stringify);
    expect(JSON.parse).toBe(natives.parse);
    // What core-js adds and Node 20 lacks stays for pdf.js.
    expect(typeof (Promise as { withResolvers?: unknown }).withResolvers).toBe('function');
  });
});

describe('parsePdfDate', () => {
  it('keeps the offset and gives UTC', () => {
    expect(parsePdfDate("D:20240315052205+09'00'")).toEqual({
      exiftool: '2024:03:15 05:22:05+09:00',
      entry: { value: '2024-03-15T05:22:05+09:00', hasOffset: true, utc: '2024-03-14T20:22:05.000Z' },
    });
    expect(parsePdfDate('D:20110117224933Z')?.entry).toMatchObject({ value: '2011-01-17T22:49:33Z', hasOffset: true });
    expect(parsePdfDate("D:20231102090757-04'00")?.entry.value).toBe('2023-11-02T09:07:57-04:00');
  });

  it('marks dates without an offset as local wall-clock time and never re-zones them', () => {
    expect(parsePdfDate('D:20240316100000')?.entry).toEqual({ value: '2024-03-16T10:00:00', hasOffset: false });
    expect(parsePdfDate('D:2013')?.entry).toEqual({ value: '2013-01-01T00:00:00', hasOffset: false });
    expect(parsePdfDate('yesterday')).toBeUndefined();
    expect(parsePdfDate('D:20241399')).toBeUndefined();
  });
});

describe('joinTextContent', () => {
  it('does not put spaces into CJK split across runs, but keeps visible gaps in Latin text', () => {
    const content: TextContent = {
      items: [
        item('原画修型', 72, 700, 40),
        item('请注意口型', 112.5, 700, 50, 'f2'),
        item('Hello', 72, 680, 25),
        item('world', 100, 680, 25),
      ],
      styles: styles(),
      lang: null,
    };
    expect(joinTextContent(content)).toBe('原画修型请注意口型\nHello world');
  });

  it('reads a single-column page top to bottom, as pdftotext does, when the stream draws it in another order', () => {
    const content: TextContent = {
      items: [item('Page 3 of 12', 72, 40, 50), item('第三场 修改意见', 72, 760, 60), item('Redraw the mouth', 72, 730, 70)],
      styles: styles(),
      lang: null,
    };
    expect(joinTextContent(content)).toBe('第三场 修改意见\nRedraw the mouth\nPage 3 of 12');
  });

  it('keeps the stream order of columns and tables (two runs on one baseline)', () => {
    const content: TextContent = {
      items: [
        item('left one', 72, 700, 40),
        item('left two', 72, 680, 40),
        item('right one', 320, 700, 40),
        item('right two', 320, 680, 40),
      ],
      styles: styles(),
      lang: null,
    };
    expect(joinTextContent(content)).toBe('left one\nleft two\nright one\nright two');
  });

  it('reads vertical runs down a column and starts a new line for the next column', () => {
    const v = (str: string, x: number, y: number): TextContent['items'][number] => ({
      ...item(str, x, y, 10),
      height: 10 * [...str].length,
    });
    const content: TextContent = {
      items: [v('第三场', 400, 760), v('背景', 400, 730), v('请在', 370, 760)],
      styles: styles(true),
      lang: null,
    };
    expect(joinTextContent(content)).toBe('第三场背景\n请在');
  });
});

describe('extractPdf on generated evidence', () => {
  it('keeps supplementary-plane CJK mapped by ToUnicode to surrogate pairs (bfchar and bfrange) whole', async () => {
    const fixture = supplementaryPlanePdf();
    const out = await extractPdf(fixture.bytes);
    expect(out.pages?.[0]?.text).toBe(fixture.expected.pageText[0]!.join('\n'));
    expect(out.text).not.toMatch(/\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/u);
  });

  it('reads CJK set in non-embedded CID fonts with predefined CMaps, horizontal and vertical', async () => {
    const fixture = cjkEvidencePdf();
    const out = await extractPdf(fixture.bytes);
    expect(out.pages).toHaveLength(fixture.expected.pageCount);
    fixture.expected.pageText.forEach((strings, i) => {
      for (const s of strings) expect(out.pages?.[i]?.text).toContain(s);
    });
    expect(out.text?.split('\f')).toEqual(out.pages?.map((p) => p.text));
    expect(out.warnings).toBeUndefined();
  });

  it('reads the UTF-16BE Info dictionary with ExifTool tag names, dates kept in their own offset', async () => {
    const fixture = cjkEvidencePdf();
    const out = await extractPdf(fixture.bytes);
    const pdf = out.metadata?.PDF;
    expect(pdf?.Title?.value).toBe(fixture.expected.title);
    expect(pdf?.Author?.value).toBe(fixture.expected.author);
    expect(pdf?.Subject?.value).toBe(fixture.expected.subject);
    expect(pdf?.Keywords?.value).toBe(fixture.expected.keywords);
    expect(pdf?.Creator?.value).toBe(fixture.expected.creator);
    expect(pdf?.Producer?.value).toBe(fixture.expected.producer);
    expect(pdf?.CreateDate).toEqual({ value: '2024:03:15 05:22:05+09:00', raw: "D:20240315052205+09'00'" });
    expect(pdf?.PageCount?.value).toBe(3);
    expect(pdf?.PDFVersion?.value).toBe('1.7');
    expect(pdf?.Encrypted?.value).toBe('No');
    expect(pdf?.Linearized?.value).toBe('No');
    expect(out.timestamps).toEqual(
      expect.arrayContaining([
        { field: 'PDF:CreateDate', value: fixture.expected.createDate, hasOffset: true, utc: '2024-03-14T20:22:05.000Z' },
        { field: 'PDF:ModifyDate', value: fixture.expected.modifyDate, hasOffset: false },
      ]),
    );
  });

  it('reads the XMP packet: groups, document identity and edit history', async () => {
    const fixture = cjkEvidencePdf();
    const out = await extractPdf(fixture.bytes);
    for (const group of ['XMP-dc', 'XMP-xmp', 'XMP-pdf', 'XMP-xmpMM']) expect(out.metadata?.[group]).toBeDefined();
    expect(out.metadata?.['XMP-dc']?.Title?.value).toBe(fixture.expected.title);
    expect(out.identity?.documentId).toBe(fixture.expected.documentId);
    expect(out.identity?.instanceId).toBe(fixture.expected.instanceId);
    expect(out.identity?.history?.map((h) => h.action)).toEqual(fixture.expected.historyActions);
    expect(out.timestamps?.some((t) => t.field === 'XMP-xmp:CreateDate')).toBe(true);
  });

  it('lists annotation contents per page (not in the text) and attachments', async () => {
    const fixture = cjkEvidencePdf();
    const out = await extractPdf(fixture.bytes);
    for (const a of fixture.expected.annotations ?? []) {
      expect(out.pages?.[a.page - 1]?.annotations).toEqual([
        expect.objectContaining({ subtype: a.subtype, contents: a.contents, author: a.author }),
      ]);
      expect(out.text).not.toContain(a.contents);
    }
    expect(out.metadata?.PDF?.Attachments?.value).toEqual(fixture.expected.attachments?.map((n) => expect.stringContaining(n)));
  });

  it('reads the English editing sheet', async () => {
    const out = await extractPdf(editingSheetPdf().bytes);
    expect(out.text).toContain('Invincible');
    expect(out.metadata?.PDF?.Title?.value).toBe('Invincible ep12 editing sheet');
  });

  it('re-reads Info strings written in a local code page or BOM-less UTF-8, keeping the original bytes', async () => {
    const fixture = legacyInfoPdf();
    const out = await extractPdf(fixture.bytes);
    expect(out.metadata?.PDF?.Title).toMatchObject({ value: fixture.expected.title, encoding: expect.stringMatching(/^gb/) });
    expect(out.metadata?.PDF?.Title?.bytes).toMatch(/^b5da3132bcaf/);
    expect(out.metadata?.PDF?.Author).toMatchObject({ value: fixture.expected.author, encoding: 'utf-8' });
    expect(out.metadata?.PDF?.Producer).toEqual({ value: fixture.expected.producer });
  });

  it('recovers the pages of a truncated file and says how', async () => {
    const fixture = truncatedPdf();
    const out = await extractPdf(fixture.bytes);
    expect(out.pages).toHaveLength(fixture.expected.pageCount);
    expect(out.text).toContain('原画修型请注意口型');
    expect(out.warnings?.join(' ')).toMatch(/trailer/);
  });

  it('returns a warning, not an exception, for a file that cannot be read', async () => {
    const out = await extractPdf(corruptPdf().bytes);
    expect(out.warnings?.[0]).toMatch(/could not be opened/);
    expect(out.metadata?.PDF?.PDFVersion?.value).toBe('1.7');
    expect(out.pages).toBeUndefined();
  });

  it('gives up on a step that exceeds its time limit instead of hanging', async () => {
    await expect(withTimeout(new Promise(() => undefined), 20, 'page 7')).rejects.toThrow('page 7 timed out after 20 ms');
    await expect(withTimeout(Promise.resolve('done'), 20, 'page 7')).resolves.toBe('done');
  });
});

const ownerOnly = encryptedPdf('');
const withPassword = encryptedPdf('user-secret');

describe.skipIf(!ownerOnly || !withPassword)('extractPdf on encrypted files (qpdf)', () => {
  it('opens a file with an empty user password and records the encryption', async () => {
    const out = await extractPdf(ownerOnly!.bytes);
    expect(out.metadata?.PDF?.Encrypted?.value).toBe('Yes');
    expect(out.metadata?.PDF?.Encryption?.value).toBe('Standard V5.6 (256-bit)');
    expect(out.text).toContain('Invincible');
  });

  it('fails with the status "encrypted, password needed" when a user password is set', async () => {
    await expect(extractPdf(withPassword!.bytes)).rejects.toThrow(/^encrypted, password needed \(Standard V5\.6 \(256-bit\)\)$/);
    expect(encryptionOf(withPassword!.bytes)).toBe('Standard V5.6 (256-bit)');
  });
});

describe('pdfExtractor', () => {
  it('accepts PDFs by MIME type or header and reads them through the byte source', async () => {
    const bytes = editingSheetPdf().bytes;
    const input = { name: 'sheet.bin', path: 'sheet.bin', size: bytes.byteLength, source: bufferSource(bytes) };
    expect(pdfExtractor.accepts(input, bytes.subarray(0, 4096))).toBe(true);
    expect(pdfExtractor.accepts({ ...input, mime: 'text/plain' }, new TextEncoder().encode('just text'))).toBe(false);
    const out = await pdfExtractor.extract(input);
    expect(out.pages?.[0]?.text).toContain('EDITING SHEET');
  });
});
