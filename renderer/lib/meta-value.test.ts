import { describe, expect, it } from 'vitest';
import { filterMetadata, metaValueText } from './meta-value';

describe('metaValueText', () => {
  it('renders JSON values as one line', () => {
    expect(metaValueText('原画')).toBe('原画');
    expect(metaValueText(42)).toBe('42');
    expect(metaValueText(['작가', '作者'])).toBe('작가, 作者');
    expect(metaValueText({ a: 1 })).toBe('{"a":1}');
    expect(metaValueText(null)).toBe('');
  });
});

describe('filterMetadata', () => {
  const groups = {
    'XMP-dc': { Title: { value: '证据报告' }, Creator: { value: ['김철수'] } },
    EXIF: { Orientation: { value: 'Horizontal (normal)', raw: 1 }, Make: { value: 'Canon', raw: 'Canon' } },
  };

  it('keeps every group and tag when the filter is empty, with raw values only when they differ', () => {
    const views = filterMetadata(groups, '');
    expect(views.map((g) => [g.group, g.rows.length, g.total])).toEqual([
      ['XMP-dc', 2, 2],
      ['EXIF', 2, 2],
    ]);
    const exif = views[1]?.rows;
    expect(exif?.[0]?.rawText).toBe('1');
    expect(exif?.[1]?.rawText).toBeNull();
  });

  it('matches tag names and values case-insensitively, in any script', () => {
    expect(filterMetadata(groups, 'orient').map((g) => g.rows.map((r) => r.tag))).toEqual([['Orientation']]);
    expect(filterMetadata(groups, '김철').map((g) => g.group)).toEqual(['XMP-dc']);
  });

  it('keeps a whole group when its name matches', () => {
    expect(filterMetadata(groups, 'xmp-dc')[0]?.rows.length).toBe(2);
  });
});
