import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { MetadataGroups, TimestampEntry } from '../../../shared/domain/extraction';
import {
  DOC_SUMMARY_FMTID,
  filetime,
  type PropertySection,
  propertySetStream,
  SUMMARY_FMTID,
  USER_DEFINED_FMTID,
} from '../../test-support/generate/legacy-office';
import { type PropertyStreamKind, propertySetTags, readPropertySetStream, userPropertyName } from './property-sets';

function tagsOf(
  sections: PropertySection[],
  kind: PropertyStreamKind = 'summary',
): { groups: MetadataGroups; timestamps: TimestampEntry[]; warnings: string[] } {
  const stream = readPropertySetStream(propertySetStream(sections));
  const groups: MetadataGroups = {};
  const timestamps: TimestampEntry[] = [];
  propertySetTags(stream, kind, groups, timestamps);
  return { groups, timestamps, warnings: stream.warnings };
}

const hex = (text: string, encoding: string): string => iconv.encode(text, encoding).toString('hex');

describe('readPropertySetStream', () => {
  it.each([
    [936, '第12话 修改意见', 'gbk'],
    [949, '작업 시간표 5화', 'cp949'],
    [950, '原畫 修改意見', 'big5'],
    [1252, 'Café – Entwurf', 'windows-1252'],
  ])('decodes 8-bit strings in the code page the section declares (%i)', (codePage, title, encoding) => {
    const { groups, warnings } = tagsOf([{ fmtid: SUMMARY_FMTID, codePage, props: [[2, { type: 'lpstr', value: title }]] }]);
    expect(warnings).toEqual([]);
    expect(groups['FlashPix']?.['Title']).toEqual({ value: title, bytes: hex(title, `cp${codePage}`), encoding });
  });

  it('reads UTF-16 strings: VT_LPWSTR anywhere, VT_LPSTR under code page 1200, and UTF-16 dictionary names', () => {
    const { groups } = tagsOf(
      [
        { fmtid: DOC_SUMMARY_FMTID, codePage: 1252, props: [[15, { type: 'lpwstr', value: '한빛 스튜디오' }]] },
        {
          fmtid: USER_DEFINED_FMTID,
          codePage: 1200,
          names: [
            [2, '审核人'],
            [3, 'due date'],
          ],
          props: [
            [2, { type: 'lpstr', value: '박지민' }],
            [3, { type: 'filetime', value: filetime('2024-03-20T00:00:00Z') }],
          ],
        },
      ],
      'document',
    );
    expect(groups['FlashPix']).toMatchObject({
      Company: { value: '한빛 스튜디오' },
      审核人: { value: '박지민' },
      DueDate: { value: '2024:03:20 00:00:00' },
    });
  });

  it('reads vectors whether their strings are padded to 4 bytes or not', () => {
    const unpadded = propertySetStream([
      {
        fmtid: DOC_SUMMARY_FMTID,
        codePage: 1252,
        props: [
          [
            12,
            {
              type: 'pairs',
              value: [
                ['Title', 1],
                ['Slides', 3],
              ],
            },
          ],
        ],
      },
    ]);
    const stream = readPropertySetStream(unpadded);
    const groups: MetadataGroups = {};
    propertySetTags(stream, 'document', groups, []);
    expect(groups['FlashPix']?.['HeadingPairs']).toEqual({ value: ['Title', 1, 'Slides', 3] });

    for (const padEach of [false, true]) {
      const titles = tagsOf(
        [{ fmtid: DOC_SUMMARY_FMTID, codePage: 1252, props: [[13, { type: 'strings', value: ['a', 'bcd', 'efghi', 'jk'], padEach }]] }],
        'document',
      );
      expect(titles.groups['FlashPix']?.['TitleOfParts']).toEqual({ value: ['a', 'bcd', 'efghi', 'jk'] });
    }
  });

  it('shows FILETIMEs as ExifTool does: dates over a year (on the timeline, UTC), durations below', () => {
    const { groups, timestamps } = tagsOf([
      {
        fmtid: SUMMARY_FMTID,
        codePage: 1252,
        props: [
          [10, { type: 'filetime', value: 266n * 10_000_000n }],
          [11, { type: 'filetime', value: 0n }],
          [12, { type: 'filetime', value: filetime('2007-02-09T16:23:23.600Z') }],
        ],
      },
    ]);
    expect(groups['FlashPix']).toMatchObject({
      TotalEditTime: { value: '4.4 minutes', raw: 266 },
      LastPrinted: { value: 0 },
      CreateDate: { value: '2007:02:09 16:23:23' },
    });
    expect(timestamps).toEqual([
      { field: 'FlashPix:CreateDate', value: '2007-02-09T16:23:23Z', hasOffset: true, utc: '2007-02-09T16:23:23Z' },
    ]);
  });

  it('shows coded values with ExifTool print conversions and keeps the number as raw', () => {
    const { groups } = tagsOf([
      {
        fmtid: SUMMARY_FMTID,
        codePage: 949,
        props: [[19, { type: 'i4', value: 5 }]],
      },
    ]);
    expect(groups['FlashPix']).toEqual({
      CodePage: { value: 'Windows Korean (Unified Hangul Code)', raw: 949 },
      Security: { value: 'Password protected, Read-only enforced', raw: 5 },
    });
  });

  it('reports damaged streams and sections with warnings, never an exception', () => {
    expect(readPropertySetStream(new Uint8Array(10)).warnings).toEqual(['not a property set stream (bad header or byte order mark)']);
    const good = propertySetStream([
      { fmtid: SUMMARY_FMTID, codePage: 1252, props: [[2, { type: 'lpstr', value: 'A title long enough' }]] },
    ]);
    const cut = readPropertySetStream(good.subarray(0, good.byteLength - 12));
    expect(cut.warnings.join('\n')).toMatch(/runs past the end of its stream/);
    expect(cut.warnings.join('\n')).toMatch(/property 2 of type 30 could not be read/);

    const badOffset = good.slice();
    new DataView(badOffset.buffer).setUint32(44, 0x7fffffff, true);
    expect(readPropertySetStream(badOffset).warnings).toEqual(['property section 1 points outside the stream']);

    const badProperty = good.slice();
    const sectionAt = new DataView(badProperty.buffer).getUint32(44, true);
    new DataView(badProperty.buffer).setUint32(sectionAt + 20, 0xfffff, true);
    expect(readPropertySetStream(badProperty).warnings).toEqual(['property 2 points outside its section']);

    let seed = 7;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let i = 0; i < 500; i++) {
      const copy = good.slice();
      for (let j = 0; j < 3; j++) copy[rand() % copy.byteLength] = rand() & 0xff;
      const stream = readPropertySetStream(copy);
      propertySetTags(stream, 'summary', {}, []);
    }
  });
});

describe('userPropertyName', () => {
  it('follows ExifTool (words capitalised and joined, odd characters dropped) but keeps CJK names', () => {
    expect(userPropertyName('custom text')).toBe('CustomText');
    expect(userPropertyName('review date (final)')).toBe('ReviewDatefinal');
    expect(userPropertyName('审核 人')).toBe('审核人');
  });
});
