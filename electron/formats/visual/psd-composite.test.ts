import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodePsd, packBits, toPlanes } from '../../test-support/generate/psd';
import { renderScene } from '../../test-support/generate/visual';
import { hashImage } from './perceptual-hash';
import { readPsdComposite } from './psd-composite';

async function rgbaOf(png: Buffer): Promise<{ data: Uint8Array; width: number; height: number }> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height };
}

describe('readPsdComposite', () => {
  it('hashes an RGB PSD exactly like the same pixels as PNG, for PSD and PSB, RLE and raw', async () => {
    const png = renderScene(31, 400, 300);
    const { data, width, height } = await rgbaOf(png);
    const planes = toPlanes(data, 4).slice(0, 3);
    const expected = await hashImage(png);
    for (const [version, compression] of [
      [1, 1],
      [1, 0],
      [2, 1],
    ] as const) {
      const psd = encodePsd({ width, height, planes, mode: 3, version, compression });
      expect(await hashImage(psd)).toEqual(expected);
    }
  });

  it('decodes greyscale, 16-bit, indexed, CMYK and transparent composites', () => {
    const grey = readPsdComposite(encodePsd({ width: 2, height: 1, planes: [Uint8Array.of(10, 200)], mode: 1 }));
    expect(grey).toEqual({ data: Uint8Array.of(10, 200), width: 2, height: 1, channels: 1 });

    const deep = readPsdComposite(encodePsd({ width: 2, height: 1, planes: [Uint8Array.of(0x12, 0x34, 0xfe, 0xdc)], mode: 1, depth: 16 }));
    expect([...deep.data]).toEqual([0x12, 0xfe]);

    const table = new Uint8Array(768);
    table.set([255, 0], 0);
    table.set([0, 128], 256);
    table.set([0, 64], 512);
    const indexed = readPsdComposite(encodePsd({ width: 2, height: 1, planes: [Uint8Array.of(0, 1)], mode: 2, colourModeData: table }));
    expect([...indexed.data]).toEqual([255, 0, 0, 0, 128, 64]);

    // Inverted CMYK: 255 is no ink. Pure cyan ink, then no ink at all.
    const cmyk = readPsdComposite(
      encodePsd({
        width: 2,
        height: 1,
        planes: [Uint8Array.of(0, 255), Uint8Array.of(255, 255), Uint8Array.of(255, 255), Uint8Array.of(255, 255)],
        mode: 4,
      }),
    );
    expect([...cmyk.data]).toEqual([0, 255, 255, 255, 255, 255]);

    const rgba = readPsdComposite(
      encodePsd({ width: 1, height: 1, planes: [1, 2, 3, 4].map((v) => Uint8Array.of(v)), mode: 3, version: 2 }),
    );
    expect(rgba).toMatchObject({ channels: 4, data: Uint8Array.of(1, 2, 3, 4) });
  });

  it('refuses truncated, ZIP-compressed and 32-bit composites with the reason', () => {
    const psd = encodePsd({ width: 50, height: 50, planes: [new Uint8Array(2500).fill(7)], mode: 1, compression: 0 });
    expect(() => readPsdComposite(psd.subarray(0, 200))).toThrow(/truncated/);
    const zip = psd.slice();
    zip[26 + 12 + 1] = 2;
    expect(() => readPsdComposite(zip)).toThrow(/compression 2/);
    const float = psd.slice();
    float[23] = 32;
    expect(() => readPsdComposite(float)).toThrow(/bit depth 32/);
  });

  it('round-trips PackBits runs and literals', () => {
    const row = Uint8Array.from([1, 1, 1, 1, 2, 3, 4, 4, 5, ...new Array(300).fill(9), 6]);
    const psd = encodePsd({ width: row.length, height: 1, planes: [row], mode: 1 });
    expect(readPsdComposite(psd).data).toEqual(row);
    expect(packBits(new Uint8Array(0))).toEqual(new Uint8Array(0));
  });
});
