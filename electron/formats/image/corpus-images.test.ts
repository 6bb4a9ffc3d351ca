import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MetadataGroups } from '../../../shared/domain/extraction';
import { exiftoolJson, exiftoolRecord, hasExiftool, recordOf } from '../../test-support/exiftool';
import { fileSource } from '../byte-source';
import type { ExtractInput, ExtractorOutput } from '../types';
import { xmpExtractor } from '../xmp';
import { imageExtractor } from './index';
import { corpusDir } from '../../test-support/paths';

/**
 * Scores extraction against ExifTool on the third-party corpus exactly as ../shared/tools/corpus-check.py does
 * (same tags, same matching rules). The corpus is never copied into the repository; without it (or without
 * exiftool) the suite is skipped.
 */
const corpus = corpusDir;

const TAGS = [
  'Make',
  'Model',
  'DateTimeOriginal',
  'CreateDate',
  'GPSLatitude',
  'GPSLongitude',
  'ImageWidth',
  'ImageHeight',
  'Software',
  'Artist',
  'Copyright',
  'Title',
  'Creator',
  'Description',
  'Caption-Abstract',
  'Keywords',
];

/** The EXIF tags cameras write most often (ExifTool names); their printed values are compared without `-n`. */
const PRINTED_TAGS = new Set([
  'Make',
  'Model',
  'Orientation',
  'XResolution',
  'YResolution',
  'ResolutionUnit',
  'Software',
  'ModifyDate',
  'YCbCrPositioning',
  'ExposureTime',
  'FNumber',
  'ExposureProgram',
  'ISO',
  'DateTimeOriginal',
  'CreateDate',
  'ComponentsConfiguration',
  'ShutterSpeedValue',
  'ApertureValue',
  'ExposureCompensation',
  'MaxApertureValue',
  'MeteringMode',
  'LightSource',
  'Flash',
  'FocalLength',
  'ColorSpace',
  'ExifImageWidth',
  'ExifImageHeight',
  'ExposureMode',
  'WhiteBalance',
  'FocalLengthIn35mmFormat',
  'SceneCaptureType',
  'GPSLatitudeRef',
  'GPSLatitude',
  'GPSLongitudeRef',
  'GPSLongitude',
  'GPSAltitude',
  'GPSPosition',
]);
const PRINTED_GROUPS = new Set(['IFD0', 'ExifIFD', 'GPS', 'Composite']);

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

async function runExtractors(path: string): Promise<{ metadata: MetadataGroups; outputs: ExtractorOutput[] }> {
  const size = statSync(path).size;
  const input: ExtractInput = { name: path.split('/').pop()!, path, size, source: fileSource(path, size) };
  const head = await input.source.read(0, 4096);
  const metadata: MetadataGroups = {};
  const outputs: ExtractorOutput[] = [];
  for (const extractor of [imageExtractor, xmpExtractor]) {
    if (!extractor.accepts(input, head)) continue;
    const out = await extractor.extract(input);
    outputs.push(out);
    for (const [group, tags] of Object.entries(out.metadata ?? {})) metadata[group] = { ...tags, ...metadata[group] };
  }
  return { metadata, outputs };
}

/** corpus-check.py `flat()`: tag (last `:` segment, lower case) → every value, `raw` preferred. */
function flat(md: MetadataGroups): Map<string, Json[]> {
  const out = new Map<string, Json[]>();
  for (const tags of Object.values(md)) {
    for (const [k, v] of Object.entries(tags)) {
      const key = k.split(':').pop()!.toLowerCase();
      const list = out.get(key) ?? [];
      list.push((v.raw ?? v.value) as Json);
      out.set(key, list);
    }
  }
  return out;
}

/** Python's round(float(v), 4) then str(): enough for the float comparison that follows. */
function norm(v: Json): Json | { num: number } {
  if (Array.isArray(v)) return v.map((x) => norm(x) as Json);
  if (typeof v === 'number') return { num: Math.round(v * 1e4) / 1e4 };
  const s = String(v).trim();
  const digits = s.replace(/\D/g, '');
  if (/^\d{4}[:-]\d\d[:-]\d\d/.test(s)) return digits.slice(0, 14);
  const f = Number(s);
  if (s !== '' && Number.isFinite(f) && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return { num: Math.round(f * 1e4) / 1e4 };
  return s;
}

const pyStr = (v: unknown): string => {
  if (typeof v === 'object' && v !== null && 'num' in v) {
    const n = (v as { num: number }).num;
    return Number.isInteger(n) ? `${n}.0` : String(n);
  }
  return String(v);
};

function same(a: Json, b: Json): boolean {
  const na = norm(a);
  const nb = norm(b);
  if (Array.isArray(na) || Array.isArray(nb)) {
    const la = (Array.isArray(na) ? na : [na]).map(pyStr).sort();
    const lb = (Array.isArray(nb) ? nb : [nb]).map(pyStr).sort();
    return la.length === lb.length && la.every((x, i) => x === lb[i]);
  }
  const isNum = (x: unknown): x is { num: number } => typeof x === 'object' && x !== null && 'num' in x;
  if (isNum(na) && isNum(nb)) return Math.abs(Math.abs(na.num) - Math.abs(nb.num)) < 1e-3;
  return pyStr(na) === pyStr(nb);
}

const available = existsSync(join(corpus, 'images')) && hasExiftool;

describe.skipIf(!available)('corpus: images agree with ExifTool', () => {
  it('agrees on the checked tags for at least 98% of comparisons', async () => {
    let agree = 0;
    let total = 0;
    const misses: string[] = [];
    for (const name of readdirSync(join(corpus, 'images')).sort()) {
      const path = join(corpus, 'images', name);
      const ours = flat((await runExtractors(path)).metadata);
      const ex = exiftoolRecord(path, ['-n', '-a']);
      for (const tag of TAGS) {
        let theirs = Object.entries(ex)
          .filter(([k]) => k.split(':').pop() === tag && !/^(Composite|File|System)/.test(k))
          .map(([, v]) => v);
        if (tag === 'GPSLatitude' || tag === 'GPSLongitude') {
          const composite = Object.entries(ex)
            .filter(([k]) => k === `Composite:${tag}`)
            .map(([, v]) => v);
          if (composite.length > 0) theirs = composite;
        }
        if (theirs.length === 0) continue;
        total++;
        if ((ours.get(tag.toLowerCase()) ?? []).some((o) => same(o, theirs[0]!))) agree++;
        else
          misses.push(
            `images/${name} ${tag}: exiftool ${JSON.stringify(theirs[0])}, ours ${JSON.stringify(ours.get(tag.toLowerCase()) ?? null)}`,
          );
      }
    }
    const share = total ? agree / total : 0;
    console.log(`images agree with ExifTool ${(share * 100).toFixed(1)}% (${agree}/${total})`);
    for (const m of misses) console.log(`image miss: ${m}`);
    expect(share).toBeGreaterThanOrEqual(0.98);
  });

  it('prints the most common EXIF tags as ExifTool does (exiftool -G1 -j, without -n)', async () => {
    let agree = 0;
    let total = 0;
    const misses: string[] = [];
    for (const folder of ['images', 'breadth/images'].filter((f) => existsSync(join(corpus, f)))) {
      const paths = readdirSync(join(corpus, folder))
        .sort()
        .map((name) => join(corpus, folder, name));
      const batch = exiftoolJson(paths, ['-a']);
      for (const path of paths) {
        const { metadata } = await runExtractors(path);
        for (const [key, theirs] of Object.entries(recordOf(batch, path))) {
          const [group = '', tag = ''] = key.split(':');
          if (!PRINTED_GROUPS.has(group) || !PRINTED_TAGS.has(tag)) continue;
          const ours = metadata[group]?.[tag]?.value;
          if (ours === undefined) continue;
          total++;
          if (String(ours) === String(theirs) || (typeof theirs === 'number' && Number(ours) === theirs)) agree++;
          else misses.push(`${path.slice(corpus.length + 1)} ${key}: exiftool ${JSON.stringify(theirs)}, ours ${JSON.stringify(ours)}`);
        }
      }
    }
    console.log(`EXIF print conversions agree with ExifTool ${((agree / total) * 100).toFixed(1)}% (${agree}/${total})`);
    for (const m of misses) console.log(`print miss: ${m}`);
    expect(agree / total).toBeGreaterThanOrEqual(0.98);
  });

  it('reads every image and misc file without throwing', async () => {
    for (const folder of ['images', 'misc']) {
      for (const name of readdirSync(join(corpus, folder)).sort()) {
        const { outputs } = await runExtractors(join(corpus, folder, name));
        for (const out of outputs) expect(Array.isArray(out.warnings ?? [])).toBe(true);
      }
    }
  });
});
