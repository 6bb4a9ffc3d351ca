import { strToU8, zipSync } from 'fflate';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxFile, officeFixtures, xlsxTimesheet } from '../test-support/generate/office';
import { deflatedZeros, writeZip } from '../test-support/generate/zips';
import { type Agreement, expectFixturesMatchExiftool, exiftoolJson, hasExiftool, recordOf, tallyAgreement } from '../test-support/exiftool';
import { extractInput, HEAD, runExtractor } from '../test-support/extract';
import { fileSource } from './byte-source';
import { excelSerialToText, officeExtractor } from './office';

const MIB = 1024 * 1024;
const run = (name: string, bytes: Uint8Array): ReturnType<typeof runExtractor> => runExtractor(officeExtractor, name, bytes);

describe('officeExtractor on generated documents', () => {
  for (const item of officeFixtures()) {
    it(item.name, async () => {
      const { accepted, out } = await run(item.name, item.bytes);
      expect(accepted).toBe(true);
      for (const [group, tags] of Object.entries(item.expected.tags)) {
        for (const [tag, value] of Object.entries(tags)) expect(out?.metadata?.[group]?.[tag]?.value, `${group}:${tag}`).toEqual(value);
      }
      const text = out?.text ?? '';
      let from = 0;
      for (const piece of item.expected.textInOrder) {
        const at = text.indexOf(piece, from);
        expect(at, `"${piece}" after offset ${from} in:\n${text}`).toBeGreaterThanOrEqual(0);
        from = at + piece.length;
      }
      const lines = text.split('\n');
      for (const line of item.expected.lines ?? []) expect(lines, line).toContain(line);
      for (const absent of item.expected.textAbsent ?? []) expect(text).not.toContain(absent);
      for (const [field, value] of Object.entries(item.expected.timestamps)) {
        expect(out?.timestamps?.find((t) => t.field === field)?.value, field).toBe(value);
      }
      if (item.expected.warning) expect(out?.warnings?.join('\n')).toContain(item.expected.warning);
    });
  }

  it('keeps ExifTool -n values as raw', async () => {
    const { out } = await run('a.docx', docxFile().bytes);
    const xml = out?.metadata?.['XML'];
    expect(xml?.['TotalEditTime']).toEqual({ value: '2.1 hours', raw: 125 });
    expect(xml?.['DocSecurity']).toEqual({ value: 'None', raw: 0 });
    expect(xml?.['LinksUpToDate']).toEqual({ value: 'No', raw: false });
  });

  it('marks W3CDTF dates with Z or an offset as having an offset', async () => {
    const { out } = await run('a.docx', docxFile().bytes);
    expect(out?.timestamps?.find((t) => t.field === 'XML:CreateDate')).toEqual({
      field: 'XML:CreateDate',
      value: '2024-03-14T01:10:00Z',
      hasOffset: true,
      utc: '2024-03-14T01:10:00Z',
    });
    expect(out?.timestamps?.find((t) => t.field === 'XML:CommentDate')?.label).toBe('Comment by 王工');
  });

  it('recognises OOXML by content, not by name', async () => {
    const { accepted, out } = await run('evidence_0042.bin', xlsxTimesheet().bytes);
    expect(accepted).toBe(true);
    expect(out?.text).toContain('Timesheet\t2024-03-15\t金哲\tS05C012\t7.5');
  });

  it('leaves ordinary zips alone', async () => {
    const { accepted } = await run('photos.zip', zipSync({ 'a.txt': strToU8('x') }));
    expect(accepted).toBe(false);
  });

  it('fails with a clear error on a docx that is a zip bomb, before inflating it', async () => {
    // 1 GiB of zeros as the document body, at a compression ratio no real document has.
    const bomb = writeZip([
      { name: '[Content_Types].xml', data: strToU8('<Types/>') },
      { name: 'word/document.xml', deflated: deflatedZeros(1024 * MIB) },
    ]);
    const heapBefore = process.memoryUsage().heapUsed;
    await expect(run('bomb.docx', bomb)).rejects.toThrow(
      /^word\/document\.xml: refused: declares 1\.0 GiB at a compression ratio of \d+:1 \(limit 1000:1, zip bomb\)$/,
    );
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * MIB);
  });

  it('fails on a part that inflates past the size it declares, counting what actually inflates', async () => {
    // Declares 64 KiB (a harmless ratio) but inflates to 64 MiB: only the stream can tell.
    const liar = writeZip([
      { name: '[Content_Types].xml', data: strToU8('<Types/>') },
      { name: 'docProps/core.xml', deflated: { ...deflatedZeros(64 * MIB), size: 65536 } },
      { name: 'word/document.xml', data: strToU8('<w:document/>') },
    ]);
    await expect(run('liar.docx', liar)).rejects.toThrow(
      'docProps/core.xml: refused: inflates beyond its declared 64.0 KiB (corrupt or zip bomb)',
    );
  });

  it('reads only the parts it needs, so media a package carries is never inflated', async () => {
    const docx = writeZip([
      { name: '[Content_Types].xml', data: strToU8('<Types/>') },
      { name: 'word/media/image1.png', deflated: deflatedZeros(1024 * MIB) },
      {
        name: 'word/document.xml',
        data: strToU8('<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>&#x6B63;&#xBB38;</w:t></w:r></w:p></w:body></w:document>'),
      },
    ]);
    const { out } = await run('media.docx', docx);
    expect(out?.text).toBe('正문');
    expect(out?.warnings).toBeUndefined();
  });

  it('reports a corrupt package as a warning', async () => {
    const good = docxFile().bytes;
    const { out } = await run('cut.docx', good.slice(0, Math.floor(good.byteLength / 2)));
    expect(out?.warnings?.[0]).toMatch(/^not a readable OOXML package/);
  });

  it('never expands DOCTYPE entities', async () => {
    const billionLaughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&lol2; &amp; ok</w:t></w:r></w:p></w:body></w:document>';
    const bytes = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8(billionLaughs) });
    const { out } = await run('lol.docx', bytes);
    expect(out?.text).toBe('&lol2; & ok');
    expect(out?.warnings).toEqual(['word/document.xml: document type declaration ignored: its entities are not expanded']);
  });

  it('refuses a part whose DOCTYPE declares an external entity, and still reads the others', async () => {
    const xxe =
      '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>';
    const core =
      '<cp:coreProperties xmlns:cp="c" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&#x5408;&#x540C; &#54620;</dc:title></cp:coreProperties>';
    const bytes = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'docProps/core.xml': strToU8(core),
      'word/document.xml': strToU8(xxe),
    });
    const { out } = await run('xxe.docx', bytes);
    expect(out?.text).toBeUndefined();
    expect(out?.warnings?.join('\n')).toMatch(/^word\/document\.xml: not readable as XML \(.*[Ee]xternal entit/);
    expect(out?.metadata?.['XMP-dc']?.['Title']?.value).toBe('合同 한');
  });
});

describe('helpers', () => {
  it('converts Excel serial dates in both date systems', () => {
    expect(excelSerialToText(45366, 'date', false)).toBe('2024-03-15');
    expect(excelSerialToText(45366.5, 'datetime', false)).toBe('2024-03-15 12:00');
    expect(excelSerialToText(0.75, 'time', false)).toBe('18:00');
    expect(excelSerialToText(43904, 'date', true)).toBe('2024-03-15');
    expect(excelSerialToText(59, 'date', false)).toBe('1900-02-28');
    expect(excelSerialToText(61, 'date', false)).toBe('1900-03-01');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Optional check against the third-party corpus and ExifTool (skipped when either is missing).

const CORPUS = '/work/shared/corpus/office';

describe.skipIf(!existsSync(CORPUS) || !hasExiftool)('corpus: office against exiftool -j -G1 -n -a', () => {
  it('extracts every accepted file without throwing and agrees with ExifTool', async () => {
    const files = readdirSync(CORPUS).map((f) => join(CORPUS, f));
    const reference = exiftoolJson(files, ['-n', '-a']);
    const tally: Agreement = { compared: 0, agreed: 0, misses: [] };
    let texts = 0;
    for (const file of files) {
      const source = fileSource(file, statSync(file).size);
      const inp = extractInput(file, source);
      if (!officeExtractor.accepts(inp, await source.read(0, HEAD))) continue;
      const out = await officeExtractor.extract(inp);
      if (/\.(docx|xlsx|pptx|doc|xls|ppt)$/.test(file)) {
        expect(out.text?.length ?? 0, file).toBeGreaterThan(20);
        texts++;
      }
      tallyAgreement(tally, file.slice(CORPUS.length + 1), out.metadata ?? {}, recordOf(reference, file));
    }
    const { compared, agreed, misses } = tally;
    console.log(
      `office corpus: ${agreed}/${compared} tag values agree with ExifTool (${((agreed / Math.max(1, compared)) * 100).toFixed(1)}%), text from ${texts} office files\n${misses.join('\n')}`,
    );
    expect(texts).toBeGreaterThanOrEqual(8);
    expect(compared).toBeGreaterThan(50);
    expect(agreed / compared).toBeGreaterThan(0.95);
  });
});

describe.skipIf(!hasExiftool)('generated documents read the same in ExifTool', () => {
  it('every expected property that ExifTool reports has the expected value', async () => {
    const compared = await expectFixturesMatchExiftool(
      officeFixtures().filter((i) => Object.keys(i.expected.tags).length > 0),
      'office-fixtures-',
    );
    expect(compared).toBeGreaterThan(25);
  });
});
