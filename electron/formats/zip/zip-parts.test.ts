import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ZipLimits } from '../../model/inventory';
import { deflatedZeros, type RawZipEntry, writeZip } from '../../test-support/generate/zips';
import { tempDir } from '../../test-support/temp';
import { bufferSource, fileSource } from '../byte-source';
import type { ByteSource } from '../types';
import { readZipParts, ZipBombError } from './zip-parts';

const MIB = 1024 * 1024;
const limits: ZipLimits = {
  maxDepth: 3,
  maxTotalBytes: 64 * MIB,
  maxEntries: 100,
  maxRatio: 1000,
  ratioMinBytes: MIB,
  maxBufferBytes: 8 * MIB,
};
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const decode = (b: Uint8Array | undefined): string => new TextDecoder().decode(b);
const all = (): boolean => true;

const tmp = tempDir('wb-zip-parts-');
afterAll(() => tmp.cleanup());

function onDisk(bytes: Uint8Array): ByteSource {
  const file = path.join(tmp.dir, `${Math.random().toString(36).slice(2)}.zip`);
  writeFileSync(file, bytes);
  return fileSource(file, bytes.byteLength);
}

/** Rewrites the compression method of every entry (local and central headers) to one yauzl cannot inflate. */
function withMethod(zip: Uint8Array, method: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let at = 0; at + 4 <= out.byteLength; at++) {
    const sig = view.getUint32(at, true);
    if (sig === 0x04034b50) view.setUint16(at + 8, method, true);
    if (sig === 0x02014b50) view.setUint16(at + 10, method, true);
  }
  return out;
}

describe.each([
  ['in memory', bufferSource],
  ['from a file', onDisk],
] as const)('readZipParts, %s', (_mode, sourceOf) => {
  it('inflates only the wanted parts and lists every name in directory order', async () => {
    const zip = writeZip([
      { name: 'word/document.xml', data: text('<w:document>正文 본문</w:document>') },
      { name: 'word/media/big.bin', deflated: deflatedZeros(4 * MIB) },
      { name: 'docProps/core.xml', data: text('<core/>'), method: 'store' },
    ]);
    const result = await readZipParts(sourceOf(zip), (n) => n.endsWith('.xml'), limits);
    expect(result.names).toEqual(['word/document.xml', 'word/media/big.bin', 'docProps/core.xml']);
    expect([...result.parts.keys()]).toEqual(['word/document.xml', 'docProps/core.xml']);
    expect(decode(result.parts.get('word/document.xml'))).toBe('<w:document>正文 본문</w:document>');
    expect(result.warnings).toEqual([]);
  });

  it('reports bytes that are not a zip instead of throwing', async () => {
    const result = await readZipParts(sourceOf(text('PK\u0003\u0004 but nothing else')), all, limits);
    expect(result.unreadable).toMatch(/end of central directory record signature not found/i);
  });

  it('refuses too many entries, a bomb ratio, a part inflating past its declared size, and too much in total', async () => {
    const many = writeZip(Array.from({ length: 101 }, (_, i) => ({ name: `f${i}.xml`, data: text('x') })));
    await expect(readZipParts(sourceOf(many), all, limits)).rejects.toThrow(
      new ZipBombError('refused: 101 entries exceed the limit of 100 (zip bomb)'),
    );

    const ratio = writeZip([{ name: 'a.xml', deflated: deflatedZeros(8 * MIB) }]);
    await expect(readZipParts(sourceOf(ratio), all, limits)).rejects.toThrow(
      /^a\.xml: refused: declares 8\.0 MiB at a compression ratio of \d+:1 \(limit 1000:1, zip bomb\)$/,
    );

    const liar = writeZip([{ name: 'a.xml', deflated: { ...deflatedZeros(4 * MIB), size: 1000 } }]);
    await expect(readZipParts(sourceOf(liar), all, limits)).rejects.toThrow(
      'a.xml: refused: inflates beyond its declared 1000 B (corrupt or zip bomb)',
    );

    const chunk = deflatedZeros(MIB);
    const parts: RawZipEntry[] = Array.from({ length: 6 }, (_, i) => ({ name: `p${i}.xml`, deflated: chunk }));
    await expect(readZipParts(sourceOf(writeZip(parts)), all, { ...limits, maxTotalBytes: 3 * MIB + 10 })).rejects.toThrow(
      'refused: the parts inflate to more than 3.0 MiB (zip bomb)',
    );
  });

  it('skips parts too large to hold or impossible to inflate, with a warning, and keeps reading', async () => {
    const zip = writeZip([
      { name: 'big.xml', data: text('x'.repeat(5000)) },
      { name: 'small.xml', data: text('<ok/>') },
    ]);
    const result = await readZipParts(sourceOf(zip), all, { ...limits, maxBufferBytes: 4096 });
    expect(result.warnings).toEqual(['big.xml: 4.9 KiB uncompressed, more than the 4.0 KiB a part may have: not read']);
    expect([...result.parts.keys()]).toEqual(['small.xml']);

    const bzip2 = await readZipParts(sourceOf(withMethod(writeZip([{ name: 'a.xml', data: text('<a/>') }]), 12)), all, limits);
    expect(bzip2.warnings).toEqual(['a.xml: compression method 12 is not supported: content not read']);
    expect(bzip2.parts.size).toBe(0);
  });

  it('keeps a part whose CRC does not match, and says so', async () => {
    const zip = writeZip([{ name: 'a.xml', data: text('<original/>'), method: 'store' }]);
    zip[30 + 'a.xml'.length + 1] = 'O'.charCodeAt(0);
    const result = await readZipParts(sourceOf(zip), all, limits);
    expect(decode(result.parts.get('a.xml'))).toBe('<Original/>');
    expect(result.warnings).toEqual([expect.stringMatching(/^a\.xml: CRC-32 mismatch \(stored [0-9a-f]{8}, content [0-9a-f]{8}\)/)]);
  });
});
