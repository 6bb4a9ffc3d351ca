import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageFixtures, writeImageFixtures, type ImageFixture } from '../../test-support/generate/images';
import type { JsonValue } from '../../../shared/domain/json';
import type { MetaValue } from '../../../shared/domain/extraction';
import { exiftoolRecord, hasExiftool } from '../../test-support/exiftool';
import { tempDir } from '../../test-support/temp';
import { bufferSource, fileSource } from '../byte-source';
import type { ExtractInput, ExtractorOutput } from '../types';
import { xmpExtractor } from '../xmp';
import { detectImageFormat, imageExtractor } from './index';

const fixtures = imageFixtures();
const inputOf = (f: ImageFixture): ExtractInput => ({
  name: f.name.split('/').pop()!,
  path: f.name,
  size: f.bytes.length,
  source: bufferSource(f.bytes),
});
const outputs = new Map<string, ExtractorOutput>();

beforeAll(async () => {
  for (const f of fixtures) outputs.set(f.name, await imageExtractor.extract(inputOf(f)));
});

function tagOf(out: ExtractorOutput, key: string): { value: JsonValue; raw?: JsonValue; encoding?: string; bytes?: string } | undefined {
  const i = key.indexOf(':');
  return out.metadata?.[key.slice(0, i)]?.[key.slice(i + 1)];
}

/** Numbers are machine values (`raw`, as `exiftool -n`); strings are what ExifTool prints (`value`). */
function expectValue(actual: MetaValue | undefined, expected: string | number | string[], where: string): void {
  if (typeof expected === 'number') expect(actual?.raw ?? actual?.value, where).toBeCloseTo(expected, 6);
  else expect(actual?.value, where).toEqual(expected);
}

describe('imageExtractor on generated images', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s: accepted by content and read without throwing', (_name, f) => {
    expect(imageExtractor.accepts(inputOf(f), f.bytes.subarray(0, 64))).toBe(true);
    expect(detectImageFormat(f.bytes)).toBe(f.expected.format);
    // Images are the image extractor's: the XMP packet scanner must not report them twice.
    expect(xmpExtractor.accepts(inputOf(f), f.bytes.subarray(0, 4096))).toBe(false);
    expect(outputs.get(f.name)).toBeDefined();
  });

  it.each(fixtures.map((f) => [f.name, f] as const))('%s: expected tags, encodings and timestamps', (_name, f) => {
    const out = outputs.get(f.name)!;
    for (const [key, expected] of Object.entries(f.expected.tags)) expectValue(tagOf(out, key), expected, key);
    for (const [key, labels] of Object.entries(f.expected.encodings)) {
      const tag = tagOf(out, key);
      expect(labels, key).toContain(tag?.encoding);
      expect(tag?.bytes, key).toMatch(/^[0-9a-f,]+$/);
    }
    for (const [field, { value, hasOffset }] of Object.entries(f.expected.timestamps)) {
      expect(
        out.timestamps?.find((t) => t.field === field),
        field,
      ).toMatchObject({ value, hasOffset });
    }
    if (f.expected.damaged) expect(out.warnings?.length).toBeGreaterThan(0);
    else expect(out.warnings).toEqual([]);
  });

  it('never re-zones a date that has no offset', () => {
    const out = outputs.get('images/exif-cjk.jpg')!;
    const modify = out.timestamps?.find((t) => t.field === 'IFD0:ModifyDate');
    expect(modify).toEqual({ field: 'IFD0:ModifyDate', value: '2024-03-16T08:00:00', hasOffset: false });
  });

  it('fills the document identity and edit history from XMP', () => {
    const f = fixtures.find((x) => x.name === 'images/exif-cjk.jpg')!;
    const identity = outputs.get(f.name)!.identity;
    expect(identity).toMatchObject({ ...f.expected.identity, creatorTool: 'Adobe Photoshop CC 2019 (Windows)' });
  });

  it('keeps the GPS sign in Composite and the -n per-tag value unsigned', () => {
    const out = outputs.get('images/exif-ascii-comment.jpg')!;
    expect(tagOf(out, 'GPS:GPSLatitude')).toMatchObject({ value: `33 deg 51' 35.40"` });
    expect((tagOf(out, 'GPS:GPSLatitude')!.raw as number) > 0).toBe(true);
    expect((tagOf(out, 'Composite:GPSLatitude')!.raw as number) < 0).toBe(true);
    expect(tagOf(out, 'Composite:GPSPosition')).toEqual({
      value: `33 deg 51' 35.40" S, 70 deg 40' 0.00" W`,
      raw: expect.stringMatching(/^-33\.\d+ -70\.\d+$/) as unknown,
    });
  });

  it('reads a truncated EXIF segment partially instead of failing', () => {
    const out = outputs.get('images/truncated-exif.jpg')!;
    expect(tagOf(out, 'IFD0:Make')?.value).toBe('Canon');
    expect(out.warnings!.join('\n')).toMatch(/truncated/);
  });

  it('returns warnings, not an exception, for garbage behind an image signature', async () => {
    for (const head of [
      Uint8Array.of(0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff),
      Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0xff),
    ]) {
      const bytes = Uint8Array.from([...head, ...new Uint8Array(64).fill(0xee)]);
      const out = await imageExtractor.extract({ name: 'x', path: 'x', size: bytes.length, source: bufferSource(bytes) });
      expect(out.warnings?.length).toBeGreaterThan(0);
    }
  });

  it('does not accept non-images', () => {
    const text = new TextEncoder().encode('just some text that is long enough');
    expect(imageExtractor.accepts({ name: 'a.jpg', path: 'a.jpg', size: text.length, source: bufferSource(text) }, text)).toBe(false);
  });
});

describe.skipIf(!hasExiftool)('generated images, read from disk, agree with ExifTool', () => {
  let dir = '';
  let cleanup = (): void => {};
  beforeAll(() => {
    ({ dir, cleanup } = tempDir('image-fixtures-'));
  });
  afterAll(() => cleanup());

  it('on every expected tag ExifTool can read (legacy-encoded ones excepted: ExifTool garbles them)', async () => {
    const paths = await writeImageFixtures(dir);
    let compared = 0;
    for (const [i, f] of fixtures.entries()) {
      const path = paths[i]!;
      const size = statSync(path).size;
      const ours = await imageExtractor.extract({ name: f.name, path, size, source: fileSource(path, size) });
      const ex = exiftoolRecord(path, ['-n']);
      for (const key of Object.keys(f.expected.tags)) {
        if (key in f.expected.encodings || !(key in ex)) continue;
        const tag = tagOf(ours, key);
        const mine = tag?.raw ?? tag?.value;
        const theirs = ex[key];
        if (typeof theirs === 'number') expect(Number(mine), `${f.name} ${key}`).toBeCloseTo(theirs, 6);
        else expect([mine].flat().map(String), `${f.name} ${key}`).toEqual([theirs].flat().map(String));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(40);
  });

  it('prints the camera settings exactly as exiftool does without -n', async () => {
    const paths = await writeImageFixtures(dir);
    const i = fixtures.findIndex((f) => f.name === 'images/camera-settings.jpg');
    const path = paths[i]!;
    const size = statSync(path).size;
    const ours = await imageExtractor.extract({ name: 'camera-settings.jpg', path, size, source: fileSource(path, size) });
    const ex = exiftoolRecord(path);
    for (const key of Object.keys(fixtures[i]!.expected.tags)) {
      // exiftool -j writes numeric-looking prints ("8.0", "400") as JSON numbers.
      const theirs = ex[key];
      const mine = tagOf(ours, key)?.value;
      if (typeof theirs === 'number') expect(Number(mine), key).toBe(theirs);
      else expect(mine, key).toEqual(theirs);
    }
  });
});
