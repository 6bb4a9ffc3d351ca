import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { u32be } from '../../test-support/generate/bytes';
import { exiftoolRecord, hasExiftool } from '../../test-support/exiftool';
import { tempDir } from '../../test-support/temp';
import { parseIcc } from './icc';

const enc = new TextEncoder();

function tagData(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + body.length + ((4 - (body.length % 4)) % 4));
  out.set(enc.encode(type));
  out.set(body, 8);
  return out;
}

function mluc(records: Array<[string, string]>): Uint8Array {
  const strings = records.map(([, text]) => new Uint8Array(Buffer.from(text, 'utf16le').swap16()));
  const head = new Uint8Array(8 + records.length * 12);
  const v = new DataView(head.buffer);
  v.setUint32(0, records.length);
  v.setUint32(4, 12);
  let at = 8 + 8 + records.length * 12;
  records.forEach(([lang], i) => {
    head.set(enc.encode(lang.replace('-', '')), 8 + i * 12);
    v.setUint32(8 + i * 12 + 4, strings[i]!.length);
    v.setUint32(8 + i * 12 + 8, at);
    at += strings[i]!.length;
  });
  return Uint8Array.from([...head, ...strings.flatMap((s) => [...s])]);
}

/** A v2 display profile: header, `desc`, `cprt`, `wtpt` and a multi-language `dscm`. */
function profile(): Uint8Array {
  const tags: Array<[string, Uint8Array]> = [
    ['desc', tagData('desc', Uint8Array.from([...u32be(10), ...enc.encode('Studio RGB'), 0, ...new Uint8Array(8)]))],
    ['cprt', tagData('text', enc.encode('Copyright 2024 Studio\0'))],
    ['wtpt', tagData('XYZ ', Uint8Array.from([...u32be(0xf351), ...u32be(0x10000), ...u32be(0x116cc)]))],
    [
      'dscm',
      tagData(
        'mluc',
        mluc([
          ['en-US', 'Studio RGB'],
          ['ko-KR', '스튜디오 RGB'],
        ]),
      ),
    ],
  ];
  const tableSize = 4 + tags.length * 12;
  let at = 128 + tableSize;
  const table: number[] = [...u32be(tags.length)];
  for (const [sig, data] of tags) {
    table.push(...enc.encode(sig), ...u32be(at), ...u32be(data.length));
    at += data.length;
  }
  const header = new Uint8Array(128);
  const v = new DataView(header.buffer);
  v.setUint32(0, at);
  header.set(enc.encode('ADBE'), 4);
  header.set([2, 0x10, 0, 0], 8);
  header.set(enc.encode('mntrRGB XYZ '), 12);
  [1999, 6, 3, 0, 0, 0].forEach((n, i) => v.setUint16(24 + i * 2, n));
  header.set(enc.encode('acspAPPL'), 36);
  header.set(enc.encode('none'), 48);
  v.setUint32(64, 1);
  [0xf6d6, 0x10000, 0xd32d].forEach((n, i) => v.setInt32(68 + i * 4, n));
  header.set(enc.encode('ADBE'), 80);
  return Uint8Array.from([...header, ...table, ...tags.flatMap(([, d]) => [...d])]);
}

describe('parseIcc', () => {
  const { groups, warnings } = parseIcc(profile());

  it('splits the header into ICC-header like ExifTool, with -n raw values where they differ', () => {
    expect(warnings).toEqual([]);
    const h = groups['ICC-header']!;
    expect(h.ProfileCMMType).toEqual({ value: 'ADBE' });
    expect(h.ProfileVersion).toEqual({ value: '2.1.0', raw: 528 });
    expect(h.ProfileClass).toEqual({ value: 'Display Device Profile', raw: 'mntr' });
    expect(h.ColorSpaceData).toEqual({ value: 'RGB' });
    expect(h.ProfileDateTime).toEqual({ value: '1999:06:03 00:00:00' });
    expect(h.PrimaryPlatform).toEqual({ value: 'Apple Computer Inc.', raw: 'APPL' });
    expect(h.RenderingIntent).toEqual({ value: 'Media-Relative Colorimetric', raw: 1 });
    expect(h.ProfileCreator).toEqual({ value: 'ADBE' });
  });

  it('decodes desc, text, XYZ and mluc tags (mluc languages as Tag-ll-CC)', () => {
    const p = groups.ICC_Profile!;
    expect(p.ProfileDescription).toEqual({ value: 'Studio RGB' });
    expect(p.ProfileCopyright).toEqual({ value: 'Copyright 2024 Studio' });
    expect(p.MediaWhitePoint).toEqual({ value: '0.95045 1 1.08905' });
    expect(p.ProfileDescriptionML).toEqual({ value: 'Studio RGB' });
    expect(p['ProfileDescriptionML-ko-KR']).toEqual({ value: '스튜디오 RGB' });
  });

  it('rejects data without the acsp signature', () => {
    expect(parseIcc(new Uint8Array(200)).warnings).toEqual(['ICC: not an ICC profile (no acsp signature)']);
  });

  it.skipIf(!hasExiftool)('agrees with ExifTool on the same profile', () => {
    const { dir, cleanup } = tempDir('icc-');
    try {
      const path = join(dir, 'studio.icc');
      writeFileSync(path, profile());
      const ex = exiftoolRecord(path, ['-n']);
      expect(ex['ICC-header:ProfileVersion']).toBe(groups['ICC-header']!.ProfileVersion!.raw);
      expect(ex['ICC_Profile:ProfileDescription']).toBe(groups.ICC_Profile!.ProfileDescription!.value);
      expect(ex['ICC_Profile:MediaWhitePoint']).toBe(groups.ICC_Profile!.MediaWhitePoint!.value);
      expect(ex['ICC-header:ConnectionSpaceIlluminant']).toBe(groups['ICC-header']!.ConnectionSpaceIlluminant!.value);
    } finally {
      cleanup();
    }
  });
});
