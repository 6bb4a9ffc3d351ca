import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CODED_CHARACTER_SET_UTF8, iptcIim, photoshopResource } from '../../test-support/generate/images';
import { IRB_IPTC, IRB_XMP, parseIptc, readPhotoshopResources } from './iptc';

const gbk = (s: string): Uint8Array => new Uint8Array(iconv.encode(s, 'gbk'));
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('parseIptc', () => {
  it('decodes as UTF-8 when CodedCharacterSet (1:90) is ESC % G, with ExifTool names and lists', () => {
    const r = parseIptc(
      iptcIim([
        { record: 1, dataset: 90, data: CODED_CHARACTER_SET_UTF8 },
        { record: 2, dataset: 0, data: Uint8Array.of(0, 4) },
        { record: 2, dataset: 5, data: '제목 标题' },
        { record: 2, dataset: 120, data: 'IPTC说明 캡션' },
        { record: 2, dataset: 25, data: '证据' },
        { record: 2, dataset: 25, data: '증거' },
        { record: 2, dataset: 80, data: '기자' },
        { record: 2, dataset: 116, data: '© 2024' },
        { record: 2, dataset: 90, data: '평양' },
        { record: 2, dataset: 101, data: '조선' },
      ]),
    );
    expect(r.warnings).toEqual([]);
    expect(r.tags.CodedCharacterSet?.value).toBe('UTF8');
    expect(r.tags.ApplicationRecordVersion).toEqual({ value: 4 });
    expect(r.tags.ObjectName).toEqual({ value: '제목 标题' });
    expect(r.tags['Caption-Abstract']).toEqual({ value: 'IPTC说明 캡션' });
    expect(r.tags.Keywords).toEqual({ value: ['证据', '증거'] });
    expect(r.tags['By-line']).toEqual({ value: ['기자'] });
    expect(r.tags.CopyrightNotice).toEqual({ value: '© 2024' });
    expect(r.tags.City).toEqual({ value: '평양' });
    expect(r.tags['Country-PrimaryLocationName']).toEqual({ value: '조선' });
  });

  it('without 1:90, detects legacy encodings and keeps the original bytes', () => {
    const r = parseIptc(
      iptcIim([
        { record: 2, dataset: 120, data: gbk('第十二话分镜修改意见') },
        { record: 2, dataset: 25, data: gbk('原画') },
        { record: 2, dataset: 25, data: gbk('修改意见') },
        { record: 2, dataset: 25, data: 'ascii' },
      ]),
    );
    const caption = r.tags['Caption-Abstract']!;
    expect(caption.value).toBe('第十二话分镜修改意见');
    expect(['gb2312', 'gbk', 'gb18030']).toContain(caption.encoding);
    expect(caption.bytes).toBe(Buffer.from(gbk('第十二话分镜修改意见')).toString('hex'));
    expect(r.tags.Keywords?.value).toEqual(['原画', '修改意见', 'ascii']);
    expect(r.tags.Keywords?.encoding).toBeDefined();
  });

  it('falls back to detection (with a warning) when 1:90 claims UTF-8 but the bytes are not', () => {
    const r = parseIptc(
      iptcIim([
        { record: 1, dataset: 90, data: CODED_CHARACTER_SET_UTF8 },
        { record: 2, dataset: 120, data: gbk('原画修型请注意口型') },
      ]),
    );
    expect(r.tags['Caption-Abstract']?.value).toBe('原画修型请注意口型');
    expect(r.warnings.join('\n')).toMatch(/not valid UTF-8/);
  });

  it('formats dates and times like ExifTool and dates them with the offset given', () => {
    const r = parseIptc(
      iptcIim([
        { record: 2, dataset: 55, data: '20240315' },
        { record: 2, dataset: 60, data: '142205+0900' },
      ]),
    );
    expect(r.tags.DateCreated).toEqual({ value: '2024:03:15' });
    expect(r.tags.TimeCreated).toEqual({ value: '14:22:05+09:00' });
    expect(r.timestamps).toEqual([
      { field: 'IPTC:DateCreated', value: '2024-03-15T14:22:05+09:00', hasOffset: true, utc: '2024-03-15T05:22:05.000Z' },
    ]);
  });

  it('reads extended-length datasets and reports a truncated one', () => {
    const long = 'x'.repeat(40);
    const extended = concat(Uint8Array.of(0x1c, 2, 120, 0x80, 0x04, 0, 0, 0, 40), new TextEncoder().encode(long));
    expect(parseIptc(extended).tags['Caption-Abstract']).toEqual({ value: long });
    const truncated = parseIptc(
      iptcIim([
        { record: 2, dataset: 5, data: 'Title' },
        { record: 2, dataset: 120, data: 'A caption' },
      ]).subarray(0, 18),
    );
    expect(truncated.tags.ObjectName).toEqual({ value: 'Title' });
    expect(truncated.warnings.join('\n')).toMatch(/2:120 is truncated/);
  });
});

describe('readPhotoshopResources', () => {
  it('walks 8BIM blocks with odd sizes and Pascal names', () => {
    const named = concat(
      new TextEncoder().encode('8BIM'),
      Uint8Array.of(0x04, 0x24, 3, 0x61, 0x62, 0x63),
      Uint8Array.of(0, 0, 0, 1),
      Uint8Array.of(0x3c, 0),
    );
    const { resources, warnings } = readPhotoshopResources(concat(photoshopResource(IRB_IPTC, Uint8Array.of(1, 2, 3)), named));
    expect(warnings).toEqual([]);
    expect([...resources.get(IRB_IPTC)![0]!]).toEqual([1, 2, 3]);
    expect([...resources.get(IRB_XMP)![0]!]).toEqual([0x3c]);
  });

  it('stops with a warning at a bad signature', () => {
    const { resources, warnings } = readPhotoshopResources(
      concat(photoshopResource(IRB_IPTC, Uint8Array.of(9)), new TextEncoder().encode('JUNKJUNKJUNK')),
    );
    expect(resources.get(IRB_IPTC)).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/bad resource signature/);
  });
});
