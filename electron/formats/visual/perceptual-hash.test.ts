import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { ImageHashes } from '../../../shared/domain/visual';
import { renderScene } from '../../test-support/generate/visual';
import { clusterHashes, hammingDistance } from './hash-index';
import { hashImage } from './perceptual-hash';
import { SIMILARITY_THRESHOLD } from './similarity';

const WIDTH = 800;
const HEIGHT = 600;

async function cropEachSide(png: Buffer, fraction: number): Promise<Buffer> {
  const left = Math.round(WIDTH * fraction);
  const top = Math.round(HEIGHT * fraction);
  return sharp(png)
    .extract({ left, top, width: WIDTH - 2 * left, height: HEIGHT - 2 * top })
    .png()
    .toBuffer();
}

describe('perceptual hashes', () => {
  const original = renderScene(1, WIDTH, HEIGHT);
  const copies: Record<string, Buffer> = {};
  let base: ImageHashes;

  beforeAll(async () => {
    base = await hashImage(original);
    copies['re-saved PNG'] = await sharp(original).png({ compressionLevel: 9 }).toBuffer();
    copies['50 % resized'] = await sharp(original)
      .resize(WIDTH / 2, HEIGHT / 2)
      .png()
      .toBuffer();
    copies['JPEG quality 60'] = await sharp(original).jpeg({ quality: 60 }).toBuffer();
    copies['cropped 3 % per side'] = await cropEachSide(original, 0.03);
    copies['cropped 5 % per side'] = await cropEachSide(original, 0.05);
    copies['hue rotated 90°'] = await sharp(original).modulate({ hue: 90 }).png().toBuffer();
    copies['greyscale'] = await sharp(original).greyscale().png().toBuffer();
    copies['WebP'] = await sharp(original).webp({ quality: 75 }).toBuffer();
    copies['TIFF'] = await sharp(original).tiff().toBuffer();
    copies['GIF, first of two frames'] = await sharp([original, renderScene(2, WIDTH, HEIGHT)], { join: { animated: true } })
      .gif()
      .toBuffer();
    // Stored turned a quarter left with EXIF orientation 6 (turn right to show): viewers show the original.
    copies['JPEG stored rotated, EXIF orientation 6'] = await sharp(original)
      .rotate(270)
      .jpeg({ quality: 90 })
      .withMetadata({ orientation: 6 })
      .toBuffer();
  });

  it('are 16 hex digits each, plus the displayed size', () => {
    expect(ImageHashes.parse(base)).toEqual(base);
    expect(base).toMatchObject({ width: WIDTH, height: HEIGHT, flat: false });
  });

  it('stay within the threshold for re-saved, resized, recompressed, cropped and re-coloured copies', async () => {
    for (const [name, bytes] of Object.entries(copies)) {
      const copy = await hashImage(bytes);
      const distances = { pHash: hammingDistance(base.pHash, copy.pHash), dHash: hammingDistance(base.dHash, copy.dHash) };
      console.log(`${name}: pHash ${distances.pHash}, dHash ${distances.dHash}`);
      expect(distances.pHash, name).toBeLessThanOrEqual(SIMILARITY_THRESHOLD);
    }
  });

  it('cluster the copies with the original and none of 100 unrelated drawings', async () => {
    const entries = [{ id: 0, hash: base.pHash }];
    for (const [i, bytes] of Object.values(copies).entries()) entries.push({ id: 1 + i, hash: (await hashImage(bytes)).pHash });
    const unrelated: number[] = [];
    for (let seed = 1000; seed < 1100; seed++) {
      const hashes = await hashImage(renderScene(seed, WIDTH / 2, HEIGHT / 2));
      unrelated.push(hammingDistance(base.pHash, hashes.pHash));
      entries.push({ id: seed, hash: hashes.pHash });
    }
    console.log(`unrelated drawings: nearest pHash distance to the original ${Math.min(...unrelated)}`);
    const clusters = clusterHashes(entries, SIMILARITY_THRESHOLD);
    const withOriginal = clusters.find((c) => c.members.includes(0));
    expect(withOriginal?.members).toEqual(Array.from({ length: 1 + Object.keys(copies).length }, (_, i) => i));
    expect(withOriginal?.links.every((l) => l.distance <= SIMILARITY_THRESHOLD)).toBe(true);
  });

  it('refuse to rasterise SVG', async () => {
    const svg = new TextEncoder().encode(
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><image href="file:///etc/passwd"/></svg>',
    );
    await expect(hashImage(svg)).rejects.toThrow(/SVG is not rasterised/);
  });

  it('flag a blank page as flat, and a faint scan of one too', async () => {
    const blank = await sharp({ create: { width: 600, height: 800, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
    const noisy = await sharp({
      create: { width: 600, height: 800, channels: 3, background: '#f4f1ea', noise: { type: 'gaussian', mean: 240, sigma: 4 } },
    })
      .jpeg()
      .toBuffer();
    expect((await hashImage(blank)).flat).toBe(true);
    expect((await hashImage(noisy)).flat).toBe(true);
  });
});
