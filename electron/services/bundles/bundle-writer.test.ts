import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { tempDir } from '../../test-support/temp';
import { BundleWriter } from './bundle-writer';

let tmp: ReturnType<typeof tempDir>;
beforeAll(() => {
  tmp = tempDir('wb-writer-');
});
afterAll(() => tmp.cleanup());

async function* zeros(total: number): AsyncGenerator<Buffer> {
  const chunk = Buffer.alloc(8 * 1024 * 1024);
  for (let left = total; left > 0; left -= chunk.byteLength) yield left >= chunk.byteLength ? chunk : chunk.subarray(0, left);
}

/** Mounts a small tmpfs (root only); null where this machine does not allow it, so the test can say why it skips. */
function mountTmpfs(dir: string, options: string): (() => void) | null {
  mkdirSync(dir, { recursive: true });
  const run = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { encoding: 'utf8' });
  if (run.status !== 0) return null;
  return () => void spawnSync('umount', [dir]);
}

describe('bundle writer', () => {
  it('writes zip64 past 65,535 entries, with the UTF-8 flag on every name', async () => {
    const target = path.join(tmp.dir, 'many.zip');
    const writer = await BundleWriter.create(target, false, new Date(), 'many');
    for (let i = 0; i < 65_536; i++) await writer.add(`e/${i}-名.txt`, [String(i)]);
    await writer.commit('many entries', false);
    const zip = await yauzl.openPromise(target, { lazyEntries: true, decodeStrings: false });
    expect(zip.entryCount).toBe(65_536);
    let flagged = 0;
    for await (const e of zip.eachEntry()) if (e.generalPurposeBitFlag & 0x800) flagged++;
    zip.close();
    expect(flagged).toBe(65_536);
    expect(spawnSync('unzip', ['-tq', target], { encoding: 'utf8' }).status).toBe(0);
  }, 300_000);

  it('writes zip64 sizes for an entry beyond 4 GiB', async () => {
    const target = path.join(tmp.dir, 'large.zip');
    const size = 2 ** 32 + 4096;
    const writer = await BundleWriter.create(target, false, new Date(), 'large');
    const entry = await writer.add('zeros.bin', zeros(size));
    await writer.add('after.txt', ['after the large entry']);
    await writer.commit('large', false);
    expect(entry.size).toBe(size);
    const zip = await yauzl.openPromise(target, { lazyEntries: true });
    const sizes: Record<string, number> = {};
    for await (const e of zip.eachEntry()) sizes[e.fileName] = e.uncompressedSize;
    zip.close();
    expect(sizes).toEqual({ 'zeros.bin': size, 'after.txt': 21 });
    expect(spawnSync('unzip', ['-l', target], { encoding: 'utf8' }).stdout).toContain(String(size));
  }, 300_000);

  it('stores what does not deflate and deflates what does, byte for byte either way, when asked to judge', async () => {
    const target = path.join(tmp.dir, 'auto.zip');
    const noise = randomBytes(300 * 1024);
    const text = Buffer.from('原画修型 cut 12: redraw the hands\n'.repeat(20_000));
    const writer = await BundleWriter.create(target, false, new Date(), 'auto');
    // Small pieces, so the sample spans several chunks of the source and the rest follows it.
    const pieces = (b: Buffer): Buffer[] =>
      Array.from({ length: Math.ceil(b.byteLength / 10_000) }, (_, i) => b.subarray(i * 10_000, (i + 1) * 10_000));
    const stored = await writer.add('noise.bin', pieces(noise), { compress: 'auto' });
    const deflated = await writer.add('notes.txt', pieces(text), { compress: 'auto' });
    const empty = await writer.add('empty.txt', [], { compress: 'auto' });
    await writer.commit('auto', false);
    expect([stored.size, deflated.size, empty.size]).toEqual([noise.byteLength, text.byteLength, 0]);
    const zip = await yauzl.openPromise(target, { lazyEntries: true });
    const methods: Record<string, number> = {};
    for await (const e of zip.eachEntry()) methods[e.fileName] = e.compressionMethod;
    zip.close();
    expect(methods).toEqual({ 'noise.bin': 0, 'notes.txt': 8, 'empty.txt': 0 });
    const listed = spawnSync('unzip', ['-p', target, 'noise.bin'], { maxBuffer: 1 << 24 });
    expect(Buffer.compare(listed.stdout, noise)).toBe(0);
    expect(Buffer.compare(spawnSync('unzip', ['-p', target, 'notes.txt'], { maxBuffer: 1 << 24 }).stdout, text)).toBe(0);
  });

  it('fails with one line on a full disk and on a read-only folder, leaving nothing at the target', async (context) => {
    const full = path.join(tmp.dir, 'full');
    const unmountFull = mountTmpfs(full, 'size=256k');
    if (!unmountFull) return context.skip('mounting a small tmpfs needs root');
    try {
      const target = path.join(full, 'bundle.zip');
      const writer = await BundleWriter.create(target, false, new Date(), 'full');
      // The full disk shows on the entry being written or, when the file system buffered it, when the zip is closed.
      const error = await writer
        .add('zeros.bin', zeros(4 * 1024 * 1024), { compress: false })
        .then(() => writer.commit('', false))
        .then(
          () => null,
          (e: Error) => e,
        );
      await writer.abort();
      expect(error?.message).toMatch(/^cannot write the bundle: .*bundle\.zip: no space left on device$/);
      expect(readdirSync(full)).toEqual([]);
    } finally {
      unmountFull();
    }
    const readOnly = path.join(tmp.dir, 'read-only');
    const unmountRo = mountTmpfs(readOnly, 'ro,size=64k');
    if (!unmountRo) return context.skip('mounting a read-only tmpfs needs root');
    try {
      await expect(BundleWriter.create(path.join(readOnly, 'bundle.zip'), false, new Date(), 'ro')).rejects.toThrow(
        /^cannot write in .*read-only: read-only file system$/,
      );
      expect(existsSync(path.join(readOnly, 'bundle.zip'))).toBe(false);
    } finally {
      unmountRo();
    }
    expect(statSync(tmp.dir).isDirectory()).toBe(true);
  });
});
