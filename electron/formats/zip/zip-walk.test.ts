import { createHash } from 'node:crypto';
import { closeSync, openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflatedZeros, legacyName, writeZip, type RawZipEntry } from '../../test-support/generate/zips';
import type { MemberRecord, ZipLimits } from '../../model/inventory';
import { tempDir } from '../../test-support/temp';
import { findMembers, inventoryZip, newBudget, openZipBuffer, openZipFd, RepeatedMembers, zipEntries, type Archive } from './zip-walk';

const MIB = 1024 * 1024;
const limits: ZipLimits = {
  maxDepth: 3,
  maxTotalBytes: 64 * MIB,
  maxEntries: 1000,
  maxRatio: 1000,
  ratioMinBytes: MIB,
  maxBufferBytes: 8 * MIB,
};
const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

const tmp = tempDir('wb-zip-walk-');
afterAll(() => tmp.cleanup());

/** Archives held in memory are inflated member by member in one call; bigger ones are streamed from the descriptor. */
type Mode = 'in memory' | 'streamed from disk';
let mode: Mode = 'in memory';

async function open(bytes: Uint8Array): Promise<{ archive: Archive; done: () => void }> {
  if (mode === 'in memory') {
    const archive = await openZipBuffer(Buffer.from(bytes));
    return { archive, done: () => archive.zip.close() };
  }
  const file = path.join(tmp.dir, `${Math.random().toString(36).slice(2)}.zip`);
  writeFileSync(file, bytes);
  const fd = openSync(file, 'r');
  const archive = await openZipFd(fd, 0);
  return { archive, done: () => (archive.zip.close(), closeSync(fd)) };
}

async function inventory(bytes: Uint8Array, l: ZipLimits = limits): Promise<{ error: string | null; members: MemberRecord[] }> {
  const members: MemberRecord[] = [];
  const { archive, done } = await open(bytes);
  try {
    const error = await inventoryZip(archive, { archivePath: 'a.zip', depth: 1, budget: newBudget(l), emit: (m) => members.push(m) });
    return { error, members };
  } finally {
    done();
  }
}

const byPath = (members: MemberRecord[]): Map<string, MemberRecord> => new Map(members.map((m) => [m.path, m]));

describe.each<Mode>(['in memory', 'streamed from disk'])('inventoryZip, %s', (m) => {
  beforeAll(() => {
    mode = m;
  });

  it('hashes and types members in memory, with virtual paths through nested archives', async () => {
    const deep = text('three levels down');
    const inner = writeZip([{ name: 'deep.txt', data: deep }]);
    const outer = writeZip([
      { name: 'dir/', data: new Uint8Array(0) },
      { name: 'dir/inner.zip', data: inner, method: 'store' },
      { name: 'dir/b.txt', data: text('b') },
    ]);
    const { error, members } = await inventory(outer);
    expect(error).toBeNull();
    const m = byPath(members);
    expect([...m.keys()].sort()).toEqual(['a.zip!/dir', 'a.zip!/dir/b.txt', 'a.zip!/dir/inner.zip', 'a.zip!/dir/inner.zip!/deep.txt']);
    expect(m.get('a.zip!/dir')?.kind).toBe('directory');
    expect(m.get('a.zip!/dir/inner.zip!/deep.txt')).toMatchObject({
      sha256: sha256(deep),
      depth: 2,
      parentPath: 'a.zip!/dir/inner.zip',
      mime: 'text/plain',
      size: deep.byteLength,
    });
    expect(m.get('a.zip!/dir/inner.zip')).toMatchObject({ mime: 'application/zip', status: 'ok', sha256: sha256(inner) });
    // DOS times carry no zone: written without Z.
    expect(m.get('a.zip!/dir/b.txt')?.mtime).toBe('2024-03-15T14:22:04');
  });

  it('keeps the raw bytes and encoding of a legacy (GBK) member name', async () => {
    const raw = legacyName('原画修型.txt', 'gbk');
    const { members } = await inventory(writeZip([{ name: raw, data: text('x') }]));
    expect(members[0]).toMatchObject({ path: 'a.zip!/原画修型.txt', name: '原画修型.txt', rawName: Buffer.from(raw).toString('hex') });
    expect(['gbk', 'gb2312', 'gb18030']).toContain(members[0]?.nameEncoding);
  });

  it('keeps both of two entries with the same name', async () => {
    const { members } = await inventory(
      writeZip([
        { name: 'x.txt', data: text('one') },
        { name: 'x.txt', data: text('two') },
      ]),
    );
    expect(members.map((m) => m.path)).toEqual(['a.zip!/x.txt', 'a.zip!/x.txt [entry 2]']);
  });

  it('refuses an entry whose declared compression ratio is a bomb, without inflating it', async () => {
    const bomb = deflatedZeros(4 * MIB);
    const zip = writeZip([
      { name: 'zeros.bin', deflated: { ...bomb, size: 2048 * MIB } },
      { name: 'ok.txt', data: text('fine') },
    ]);
    const { error, members } = await inventory(zip);
    expect(members[0]).toMatchObject({ status: 'error', sha256: null });
    expect(members[0]?.error).toMatch(/compression ratio .*zip bomb/);
    expect(members[1]?.status).toBe('ok');
    expect(error).toMatch(/zip bomb/);
  });

  it('stops a member that inflates beyond its declared size while streaming', async () => {
    const zeros = deflatedZeros(4 * MIB);
    // Declares 1000 bytes but inflates to 4 MiB: the ratio looks harmless, the stream does not.
    const { members, error } = await inventory(writeZip([{ name: 'liar.bin', deflated: { ...zeros, size: 1000 } }]));
    expect(members[0]?.status).toBe('error');
    expect(members[0]?.error).toMatch(/inflates beyond its declared/);
    expect(error).toMatch(/liar\.bin/);
  });

  it('stops reading an archive past its total inflated-bytes budget', async () => {
    const chunk = deflatedZeros(MIB);
    const entries: RawZipEntry[] = Array.from({ length: 6 }, (_, i) => ({ name: `z${i}.bin`, deflated: chunk }));
    const { error, members } = await inventory(writeZip(entries), { ...limits, maxTotalBytes: 3 * MIB + 10, maxRatio: 100_000 });
    expect(error).toMatch(/uncompressed-size limit/);
    expect(members.filter((m) => m.status === 'ok')).toHaveLength(3);
    expect(members.slice(3).every((m) => m.status === 'error' && m.sha256 === null)).toBe(true);
  });

  it('refuses an archive with too many entries', async () => {
    const entries = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.txt`, data: text(String(i)) }));
    const { error, members } = await inventory(writeZip(entries), { ...limits, maxEntries: 10 });
    expect(error).toMatch(/11 entries exceed the limit of 10/);
    expect(members).toHaveLength(0);
  });

  it('does not open archives nested deeper than the limit', async () => {
    let zip = writeZip([{ name: 'bottom.txt', data: text('bottom') }]);
    for (const name of ['l3.zip', 'l2.zip', 'l1.zip']) zip = writeZip([{ name, data: zip, method: 'store' }]);
    const { members, error } = await inventory(zip);
    const m = byPath(members);
    expect(m.get('a.zip!/l1.zip!/l2.zip!/l3.zip')?.error).toMatch(/nesting depth limit \(3\)/);
    expect(m.has('a.zip!/l1.zip!/l2.zip!/l3.zip!/bottom.txt')).toBe(false);
    expect(error).toMatch(/nesting depth/);
  });

  it('reports a CRC mismatch as altered content', async () => {
    const zip = writeZip([{ name: 'tampered.txt', data: text('original content'), method: 'store' }]);
    const at = 30 + 'tampered.txt'.length;
    zip[at] = (zip[at] ?? 0) ^ 0x20;
    const { members } = await inventory(zip);
    expect(members[0]?.error).toMatch(/CRC-32 mismatch/);
  });
});

describe('members that repeat an earlier one', () => {
  const chunk = deflatedZeros(MIB);
  const nested = writeZip([{ name: 'inner.txt', data: text('inside') }]);
  const bytes = Buffer.from(
    writeZip([
      ...Array.from({ length: 8 }, (_, i): RawZipEntry => ({ name: `z${i}.bin`, deflated: chunk })),
      // The same compressed bytes under another CRC: a reused answer would hide the tampering.
      { name: 'tampered.bin', deflated: { ...chunk, crc: chunk.crc ^ 1 } },
      ...['n1.zip', 'n2.zip', 'n3.zip'].map((name): RawZipEntry => ({ name, data: nested, method: 'store' })),
    ]),
  );
  const zeros = sha256(new Uint8Array(MIB));

  it('are inflated twice at most, with the same digests, budget and checks as reading each', async () => {
    const archive = await openZipBuffer(bytes);
    const repeats = new RepeatedMembers();
    const budget = newBudget(limits);
    const read = new Map<string, { sha256: string; crcError: string | null; kept: boolean }>();
    try {
      for await (const info of zipEntries(archive.zip, 'a.zip')) {
        const content = repeats.read(bytes, info.entry, budget);
        read.set(info.name, { sha256: content.digests.sha256, crcError: content.crcError, kept: content.buffer !== null });
      }
    } finally {
      archive.zip.close();
    }
    // z0 is seen, z1 is read again and remembered, z2…z7 are answered from it; archives are always read.
    expect(repeats.reused).toBe(6);
    expect(budget.inflated).toBe(9 * MIB + 3 * nested.byteLength);
    for (let i = 0; i < 8; i++) expect(read.get(`z${i}.bin`)).toEqual({ sha256: zeros, crcError: null, kept: i < 2 });
    expect(read.get('tampered.bin')?.crcError).toMatch(/CRC-32 mismatch/);
    expect(read.get('n3.zip')).toEqual({ sha256: sha256(nested), crcError: null, kept: true });
  });

  it('are listed like any other member, and repeated archives are opened each time', async () => {
    mode = 'in memory';
    const { members } = await inventory(bytes);
    const found = byPath(members);
    for (let i = 0; i < 8; i++) expect(found.get(`a.zip!/z${i}.bin`)).toMatchObject({ status: 'ok', sha256: zeros, size: MIB });
    expect(found.get('a.zip!/tampered.bin')).toMatchObject({ status: 'error', error: expect.stringMatching(/CRC-32 mismatch/) });
    for (const n of ['n1', 'n2', 'n3']) expect(found.get(`a.zip!/${n}.zip!/inner.txt`)?.sha256).toBe(sha256(text('inside')));
  });
});

describe('findMembers', () => {
  it('finds wanted members through nested archives and reads nothing else', async () => {
    const inner = writeZip([
      { name: 'deep.txt', data: text('deep') },
      { name: 'other.txt', data: text('other') },
    ]);
    const outer = writeZip([
      { name: 'inner.zip', data: inner },
      { name: 'top.txt', data: text('top') },
    ]);
    const archive = await openZipBuffer(Buffer.from(outer));
    const found: string[] = [];
    await findMembers(
      archive,
      'a.zip',
      1,
      newBudget(limits),
      new Set(['a.zip!/inner.zip!/deep.txt']),
      new Set(['a.zip!/inner.zip']),
      async (f) => {
        found.push(`${f.path}=${Buffer.from(f.bytes ?? []).toString()}`);
      },
    );
    archive.zip.close();
    expect(found).toEqual(['a.zip!/inner.zip!/deep.txt=deep']);
  });
});
