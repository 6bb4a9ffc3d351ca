import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type Agreement,
  exiftoolJson,
  expectFixturesMatchExiftool,
  hasExiftool,
  recordOf,
  tallyAgreement,
} from '../../test-support/exiftool';
import { extractInput, runExtractor } from '../../test-support/extract';
import { compoundFile, legacyOfficeFixtures } from '../../test-support/generate/legacy-office';
import { bufferSource, fileSource } from '../byte-source';
import { officeExtractor } from '../office';

const run = (name: string, bytes: Uint8Array): ReturnType<typeof runExtractor> => runExtractor(officeExtractor, name, bytes);

describe('Office 97-2003 documents, generated', () => {
  for (const item of legacyOfficeFixtures()) {
    it(item.name, async () => {
      const { accepted, out } = await run(item.name, item.bytes);
      expect(accepted).toBe(true);
      expect(out?.warnings).toBeUndefined();
      for (const [group, tags] of Object.entries(item.expected.tags)) {
        for (const [tag, value] of Object.entries(tags)) expect(out?.metadata?.[group]?.[tag]?.value, `${group}:${tag}`).toEqual(value);
      }
      expect(out?.text).toBe(item.expected.text);
      for (const [field, value] of Object.entries(item.expected.timestamps))
        expect(out?.timestamps?.find((t) => t.field === field)?.value, field).toBe(value);
    });
  }

  it('keeps the bytes and code page of 8-bit strings, and puts UTC and local dates on the timeline as such', async () => {
    const [doc] = legacyOfficeFixtures();
    const { out } = await run('a.doc', doc!.bytes);
    expect(out?.metadata?.['FlashPix']?.['Author']).toEqual({ value: '王工', bytes: 'cdf5b9a4', encoding: 'gbk' });
    expect(out?.timestamps?.find((t) => t.field === 'FlashPix:CreateDate')).toEqual({
      field: 'FlashPix:CreateDate',
      value: '2024-03-14T01:10:00Z',
      hasOffset: true,
      utc: '2024-03-14T01:10:00Z',
    });
    expect(out?.timestamps?.find((t) => t.field === 'MS-DOC:CreateDate')).toEqual({
      field: 'MS-DOC:CreateDate',
      value: '2024-03-14T10:10:00',
      hasOffset: false,
    });
  });

  it('says what an Outlook message or an encrypted OOXML package is, and reports nothing for other compound files', async () => {
    const { out: msg } = await run('mail.msg', compoundFile({ '__substg1.0_0037001F': new Uint8Array(4) }));
    expect(msg?.warnings).toEqual(['legacy OLE document (Outlook .msg message): text and properties were not extracted']);
    const { out: encrypted } = await run(
      'secret.docx',
      compoundFile({ EncryptedPackage: new Uint8Array(8), EncryptionInfo: new Uint8Array(8) }),
    );
    expect(encrypted?.warnings?.[0]).toMatch(/^password-protected OOXML document/);
    const { out: thumbs } = await run('Thumbs.db', compoundFile({ Catalog: new Uint8Array(16) }));
    expect(thumbs).toEqual({ metadata: {}, timestamps: [] });
  });

  it('survives every truncation and many byte flips without throwing', async () => {
    for (const item of legacyOfficeFixtures()) {
      const bytes = item.bytes;
      for (let cut = 512; cut < bytes.byteLength; cut += 509)
        await officeExtractor.extract(extractInput('t', bufferSource(bytes.slice(0, cut))));
      let seed = 99;
      const rand = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
      for (let i = 0; i < 150; i++) {
        const copy = bytes.slice();
        for (let j = 0; j < 6; j++) copy[512 + (rand() % (copy.byteLength - 512))] = rand() & 0xff;
        await officeExtractor.extract(extractInput('f', bufferSource(copy)));
      }
    }
  });
});

describe.skipIf(!hasExiftool)('generated Office 97-2003 documents read the same in ExifTool', () => {
  it('every expected property ExifTool can read has the expected value', async () => {
    // Tags ExifTool reads otherwise (see LegacyOfficeExpectation.exiftoolDiffers) are left out of the comparison.
    const items = legacyOfficeFixtures().map((item) => ({
      ...item,
      expected: {
        tags: Object.fromEntries(
          Object.entries(item.expected.tags).map(([group, tags]) => [
            group,
            Object.fromEntries(Object.entries(tags).filter(([tag]) => !item.expected.exiftoolDiffers.includes(`${group}:${tag}`))),
          ]),
        ),
      },
    }));
    expect(await expectFixturesMatchExiftool(items, 'legacy-office-')).toBeGreaterThan(45);
  });
});

const CORPUS = '/work/shared/corpus/office';
const LEGACY = ['FlashPix.ppt', 'raw_text.doc', 'standardized_text.xls'];

describe.skipIf(!LEGACY.every((f) => existsSync(join(CORPUS, f))) || !hasExiftool)(
  'corpus: Office 97-2003 against exiftool -j -G1 -n -a',
  () => {
    it('agrees with ExifTool on every tag both report, and reads the text', async () => {
      const files = LEGACY.map((f) => join(CORPUS, f));
      const reference = exiftoolJson(files, ['-n', '-a']);
      const tally: Agreement = { compared: 0, agreed: 0, misses: [] };
      const texts: Record<string, string> = {};
      for (const file of files) {
        const out = await officeExtractor.extract(extractInput(file, fileSource(file, statSync(file).size)));
        expect(out.warnings, file).toBeUndefined();
        texts[file.slice(CORPUS.length + 1)] = out.text ?? '';
        tallyAgreement(tally, file.slice(CORPUS.length + 1), out.metadata ?? {}, recordOf(reference, file));
      }
      console.log(`legacy office corpus: ${tally.agreed}/${tally.compared} tag values agree with ExifTool\n${tally.misses.join('\n')}`);
      expect(tally.misses).toEqual([]);
      expect(tally.compared).toBeGreaterThan(90);
      expect(texts['FlashPix.ppt']).toBe('Title\nSubtitle\nSubtitle2\nsubtitle3');
      expect(texts['raw_text.doc']).toMatch(/^I love word documents\. .* That is where http:\/\/hipsum\.co comes in handy\./s);
      expect(texts['standardized_text.xls']).toBe('Sheet1\tthe\tquick\tbrown\tfox\nSheet1\tjumps\tover the\nSheet1\tlazy\nSheet1\t\tdog');
    });
  },
);
