import { describe, expect, it } from 'vitest';
import { hugePsb, layeredPsd, WORK_NAMES } from '../../test-support/generate/work-files';
import { bufferSource } from '../byte-source';
import type { ByteSource } from '../types';
import { psdLayersExtractor } from './psd';
import { readPsdLayout } from './psd-sections';

/** A source that counts what is read from it. */
function counting(size: number, read: (offset: number, length: number) => Uint8Array): ByteSource & { bytesRead: number } {
  const source = {
    size,
    bytesRead: 0,
    read: async (offset: number, length: number) => {
      const out = read(offset, length);
      source.bytesRead += out.byteLength;
      return out;
    },
    readAll: async (maxBytes?: number) => {
      const out = read(0, maxBytes ?? size);
      source.bytesRead += out.byteLength;
      return out;
    },
  };
  return source;
}

const extract = (source: ByteSource) => psdLayersExtractor.extract({ name: 'cut.psb', path: 'cut.psb', size: source.size, source });

describe('readPsdLayout', () => {
  it('reads the layers of a 2 GB PSB from a few hundred kilobytes, never its pixels', async () => {
    const psb = hugePsb(2 * 1024 * 1024 * 1024);
    const source = counting(psb.size, psb.read);
    const out = await extract(source);
    expect(out.warnings).toBeUndefined();
    expect(out.metadata?.['Photoshop']?.['LayerUnicodeNames']?.value).toBe(WORK_NAMES.genga);
    expect(out.metadata?.['Photoshop']?.['LayerNames']?.value).toBe('genga2');
    expect(out.structure?.layers).toEqual([{ name: WORK_NAMES.genga, kind: 'pixel', visible: true, blendMode: 'Normal', opacity: 1 }]);
    expect(source.size).toBeGreaterThan(2 * 1024 ** 3);
    expect(source.bytesRead).toBeLessThan(1024 * 1024);
  });

  it('keeps the records and drops the channel data in the compact copy', async () => {
    const psd = layeredPsd(true);
    const layout = await readPsdLayout(bufferSource(psd.bytes));
    expect(layout.version).toBe(2);
    expect(layout.records.map((r) => r.unicodeName)).toEqual([
      WORK_NAMES.background,
      '</Layer group>',
      WORK_NAMES.genga,
      WORK_NAMES.fix,
      WORK_NAMES.invincible,
      WORK_NAMES.balloon,
      'bg link',
    ]);
    expect(layout.records.map((r) => r.sectionType ?? 0)).toEqual([0, 3, 0, 0, 1, 0, 0]);
    expect(layout.compact!.byteLength).toBeLessThan(psd.bytes.byteLength);
  });

  it('reads the layers of colour modes the layer parser does not decode (CMYK), since no pixel is decoded', async () => {
    const bytes = layeredPsd().bytes.slice();
    new DataView(bytes.buffer).setUint16(24, 4);
    new DataView(bytes.buffer).setUint16(12, 5);
    const out = await extract(bufferSource(bytes));
    expect(out.warnings).toBeUndefined();
    expect(out.structure?.layers?.map((l) => l.name)).toEqual([
      'bg link',
      WORK_NAMES.balloon,
      WORK_NAMES.invincible,
      WORK_NAMES.background,
    ]);
  });

  it('turns truncation and garbage into warnings, keeping what was read', async () => {
    const bytes = layeredPsd().bytes;
    for (const cut of [30, 100, 2000, Math.floor(bytes.byteLength / 2), bytes.byteLength - 10]) {
      const out = await extract(bufferSource(bytes.subarray(0, cut)));
      expect(out.structure?.format).toBe('Photoshop');
    }
    const half = await extract(bufferSource(bytes.subarray(0, Math.floor(bytes.byteLength / 2))));
    expect(half.warnings?.length).toBeGreaterThan(0);
    const garbage = bytes.slice();
    garbage.fill(0xff, 40, 400);
    expect((await extract(bufferSource(garbage))).warnings?.length).toBeGreaterThan(0);
  });
});
