import iconv from 'iconv-lite';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { box, corruptFile, macSeconds, mediaFixtures, mp4File } from '../test-support/generate/media';
import { type Agreement, expectFixturesMatchExiftool, exiftoolJson, hasExiftool, recordOf, tallyAgreement } from '../test-support/exiftool';
import { countReads, extractInput, HEAD, runExtractor } from '../test-support/extract';
import { bufferSource, fileSource } from './byte-source';
import type { ByteSource } from './types';
import { formatDuration, parseIso6709, videoExtractor } from './video';

const run = (name: string, bytes: Uint8Array): ReturnType<typeof runExtractor> => runExtractor(videoExtractor, name, bytes);

describe('videoExtractor on generated files', () => {
  for (const item of mediaFixtures()) {
    it(item.name, async () => {
      const { accepted, out } = await run(item.name, item.bytes);
      expect(accepted).toBe(item.expected.accepted);
      if (!out) return;
      for (const [group, tags] of Object.entries(item.expected.tags)) {
        for (const [tag, value] of Object.entries(tags)) expect(out.metadata?.[group]?.[tag]?.value, `${group}:${tag}`).toEqual(value);
      }
      for (const [field, value] of Object.entries(item.expected.timestamps)) {
        const entry = out.timestamps?.find((t) => t.field === field);
        expect(entry?.value, field).toBe(value);
        expect(entry?.hasOffset).toBe(true);
      }
      if (item.expected.warning) expect(out.warnings?.join('\n')).toContain(item.expected.warning);
    });
  }

  it('keeps raw machine values next to readable ones', async () => {
    const { out } = await run('a.mp4', mp4File().bytes);
    expect(out?.metadata?.['QuickTime']?.['Duration']).toEqual({ value: '12.01 s', raw: 12.01 });
    expect(out?.metadata?.['QuickTime']?.['MajorBrand']?.raw).toBe('isom');
    expect(out?.metadata?.['Track1']?.['HandlerType']?.raw).toBe('vide');
    expect(out?.metadata?.['UserData']?.['GPSCoordinates']?.raw).toBe('41.8057 123.4315');
    expect(out?.metadata?.['Composite']?.['GPSLongitude']?.raw).toBe(123.4315);
  });

  it('reports the 1904-epoch dates as UTC instants', async () => {
    const { out } = await run('a.mp4', mp4File().bytes);
    const created = out?.timestamps?.find((t) => t.field === 'QuickTime:CreateDate');
    expect(created).toEqual({ field: 'QuickTime:CreateDate', value: '2024-03-15T06:22:05Z', hasOffset: true, utc: '2024-03-15T06:22:05Z' });
    // Track dates equal to the movie's are not repeated on the timeline.
    expect(out?.timestamps?.some((t) => t.field.startsWith('Track'))).toBe(false);
  });

  it('decodes legacy-encoded user-data text and keeps the original bytes', async () => {
    const text = (type: string, bytes: Uint8Array, language: number): Uint8Array => {
      const head = new Uint8Array(4);
      new DataView(head.buffer).setUint16(0, bytes.byteLength);
      new DataView(head.buffer).setUint16(2, language);
      return box(type, head, bytes);
    };
    const gbk = new Uint8Array(iconv.encode('深圳市摄像机厂', 'gbk'));
    const sjis = new Uint8Array(iconv.encode('原画の修正', 'shift_jis'));
    const moov = box('moov', box('udta', text('\u00a9mak', gbk, 0), text('\u00a9cmt', sjis, 11)));
    const ftyp = box('ftyp', new TextEncoder().encode('mp42'), new Uint8Array(4), new TextEncoder().encode('isom'));
    const { out } = await run('cam.mp4', Buffer.concat([ftyp, moov]));
    expect(out?.metadata?.['UserData']?.['Make']).toMatchObject({ value: '深圳市摄像机厂', bytes: Buffer.from(gbk).toString('hex') });
    expect(out?.metadata?.['UserData']?.['Make']?.encoding).toMatch(/^gb/);
    expect(out?.metadata?.['UserData']?.['Comment']).toMatchObject({ value: '原画の修正', encoding: 'shift_jis' });
  });

  it('stops at the nesting limit instead of recursing through hostile input', async () => {
    const { out } = await run('c.mp4', corruptFile().bytes);
    expect(out?.warnings?.join('\n')).toMatch(/nested deeper than \d+ levels/);
  });

  it('survives every truncation and many byte flips of a valid file without throwing, reading only its headers', async () => {
    const bytes = mp4File().bytes;
    const moovAt = Buffer.from(bytes).indexOf('moov') - 4;
    // However damaged, the box walk stays a handful of window reads and never reaches the media data
    // (measured: at most 4 reads and 44% of this 151 KB file, almost all of it mdat).
    const extract = async (name: string, file: Uint8Array): Promise<void> => {
      const { source, reads } = countReads(bufferSource(file));
      await videoExtractor.extract(extractInput(name, source));
      expect(reads.calls, name).toBeLessThanOrEqual(8);
      expect(reads.bytes, name).toBeLessThan(bytes.byteLength / 2);
    };
    for (let cut = moovAt; cut < bytes.byteLength; cut += 7) await extract(`cut at ${cut}`, bytes.slice(0, cut));
    let seed = 12345;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let i = 0; i < 300; i++) {
      const copy = bytes.slice();
      for (let j = 0; j < 4; j++) copy[moovAt + (rand() % (copy.byteLength - moovAt))] = rand() & 0xff;
      await extract(`flips ${i}`, copy);
    }
  });

  it('caps the number of boxes it visits', async () => {
    const frees = new Uint8Array(200_000 * 8);
    const view = new DataView(frees.buffer);
    for (let i = 0; i < 200_000; i++) {
      view.setUint32(i * 8, 8);
      frees.set([0x66, 0x72, 0x65, 0x65], i * 8 + 4);
    }
    const ftyp = box('ftyp', new TextEncoder().encode('isom'), new Uint8Array(4), new TextEncoder().encode('isom'));
    const bytes = new Uint8Array(ftyp.byteLength + frees.byteLength);
    bytes.set(ftyp);
    bytes.set(frees, ftyp.byteLength);
    const { source, reads } = countReads(bufferSource(bytes));
    const out = await videoExtractor.extract(extractInput('many.mp4', source));
    const cap = Number(/more than (\d+) boxes/.exec(out.warnings?.join('\n') ?? '')?.[1]);
    expect(cap).toBeGreaterThan(0);
    // The walk stops at the cap (its 8-byte headers plus at most one 64 KiB read-ahead window), long before the end.
    expect(reads.bytes).toBeLessThanOrEqual(ftyp.byteLength + cap * 8 + 64 * 1024);
    expect(reads.bytes).toBeLessThan(bytes.byteLength / 4);
  });

  it('reads only box headers and metadata boxes of a multi-gigabyte file', async () => {
    // An 8 GiB media-data box that is never materialised: the source serves zeros for it and counts every read.
    const c = macSeconds('2024-03-15T06:22:05Z');
    const movie = mp4File().bytes;
    const moovAt = Buffer.from(movie).indexOf('moov') - 4;
    const moov = movie.subarray(moovAt);
    const ftypLen = new DataView(movie.buffer, movie.byteOffset).getUint32(0);
    const mdatSize = 8 * 1024 ** 3;
    const head = new Uint8Array(ftypLen + 16);
    head.set(movie.subarray(0, ftypLen));
    const hv = new DataView(head.buffer);
    hv.setUint32(ftypLen, 1);
    head.set([0x6d, 0x64, 0x61, 0x74], ftypLen + 4);
    hv.setBigUint64(ftypLen + 8, BigInt(mdatSize));
    const moovStart = ftypLen + mdatSize;
    const size = moovStart + moov.byteLength;
    let bytesRead = 0;
    const source: ByteSource = {
      size,
      read: async (offset, length) => {
        const len = Math.max(0, Math.min(length, size - offset));
        bytesRead += len;
        const out = new Uint8Array(len);
        for (let i = 0; i < len; i++) {
          const at = offset + i;
          if (at < head.byteLength) out[i] = head[at] ?? 0;
          else if (at >= moovStart) out[i] = moov[at - moovStart] ?? 0;
        }
        return out;
      },
      readAll: () => Promise.reject(new Error('readAll must not be used on video')),
    };
    const out = await videoExtractor.extract(extractInput('huge.mp4', source));
    expect(out.metadata?.['QuickTime']?.['MediaDataSize']?.value).toBe(mdatSize - 16);
    expect(out.metadata?.['Track1']?.['ImageWidth']?.value).toBe(1920);
    expect(out.timestamps?.[0]?.value).toBe(new Date(Date.UTC(1904, 0, 1) + c * 1000).toISOString().replace('.000', ''));
    expect(bytesRead).toBeLessThan(1024 * 1024);
  });
});

describe('helpers', () => {
  it('formats durations like ExifTool', () => {
    expect(formatDuration(1.0366)).toBe('1.04 s');
    expect(formatDuration(29.994)).toBe('29.99 s');
    expect(formatDuration(95)).toBe('0:01:35');
    expect(formatDuration(3 * 3600 + 62.6)).toBe('3:01:03');
    expect(formatDuration(90_000)).toBe('1 days 1:00:00');
  });

  it('parses ISO 6709 in decimal degrees and in DDMM / DDMMSS forms', () => {
    expect(parseIso6709('+33.9951-118.4762/')).toEqual({ lat: 33.9951, lon: -118.4762 });
    expect(parseIso6709('+39.0392+125.7625+028.000/')).toEqual({ lat: 39.0392, lon: 125.7625, alt: 28 });
    expect(parseIso6709('+3902.352+12545.75/')).toMatchObject({ lat: expect.closeTo(39.0392, 4), lon: expect.closeTo(125.7625, 4) });
    expect(parseIso6709('+390221+1254545/')).toMatchObject({ lat: expect.closeTo(39.0392, 3), lon: expect.closeTo(125.7625, 3) });
    expect(parseIso6709('not a place')).toBeUndefined();
    expect(parseIso6709('+95.0+10.0/')).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Optional check against the third-party corpus and ExifTool (skipped when either is missing).

const CORPUS = '/work/shared/corpus/video-audio';

describe.skipIf(!existsSync(CORPUS) || !hasExiftool)('corpus: video-audio against exiftool -j -G1 -n -a', () => {
  it('extracts every ISO-BMFF file without throwing and mostly agrees with ExifTool', async () => {
    const files = readdirSync(CORPUS).map((f) => join(CORPUS, f));
    const reference = exiftoolJson(files, ['-n', '-a']);
    const tally: Agreement = { compared: 0, agreed: 0, misses: [] };
    for (const file of files) {
      const source = fileSource(file, statSync(file).size);
      const inp = extractInput(file, source);
      if (!videoExtractor.accepts(inp, await source.read(0, HEAD))) continue;
      const out = await videoExtractor.extract(inp);
      tallyAgreement(tally, file.slice(CORPUS.length + 1), out.metadata ?? {}, recordOf(reference, file));
    }
    const { compared, agreed, misses } = tally;
    console.log(
      `video corpus: ${agreed}/${compared} tag values agree with ExifTool (${((agreed / Math.max(1, compared)) * 100).toFixed(1)}%)\n${misses.join('\n')}`,
    );
    expect(compared).toBeGreaterThan(50);
    expect(agreed / compared).toBeGreaterThan(0.9);
  });
});

describe.skipIf(!hasExiftool)('generated media files read the same in ExifTool', () => {
  it('every expected tag that ExifTool reports has the expected value', async () => {
    const compared = await expectFixturesMatchExiftool(
      mediaFixtures().filter((i) => i.expected.accepted),
      'media-fixtures-',
    );
    expect(compared).toBeGreaterThan(25);
  });
});
