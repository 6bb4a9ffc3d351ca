import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { tempDir } from '../../test-support/temp';
import { DEFLATED, STORED, ZipWriter } from './zip-writer';

const tmp = tempDir('wb-zip-writer-');
afterAll(() => tmp.cleanup());

/** Collects what the writer emits, as a file would. */
function memorySink(): { write(chunk: Buffer): Promise<void>; bytes(): Buffer } {
  const chunks: Buffer[] = [];
  return {
    write: async (chunk) => void chunks.push(Buffer.from(chunk)),
    bytes: () => Buffer.concat(chunks),
  };
}

async function* pieces(...parts: Buffer[]): AsyncGenerator<Buffer> {
  yield* parts;
}

async function readBack(zip: Buffer): Promise<{ comment: string; entries: { name: string; method: number; mtime: Date; data: Buffer }[] }> {
  const file = await yauzl.fromBufferPromise(zip, { lazyEntries: true, validateEntrySizes: true });
  const entries: { name: string; method: number; mtime: Date; data: Buffer }[] = [];
  for await (const entry of file.eachEntry()) {
    const parts: Buffer[] = [];
    // yauzl checks each entry's CRC-32 and sizes against the directory while it streams the content.
    for await (const chunk of await file.openReadStreamPromise(entry)) parts.push(chunk as Buffer);
    entries.push({ name: entry.fileName, method: entry.compressionMethod, mtime: entry.getLastModDate(), data: Buffer.concat(parts) });
  }
  const comment = file.comment;
  file.close();
  return { comment, entries };
}

describe('zip writer', () => {
  it('writes whole and streamed entries, stored and deflated, that yauzl and Info-ZIP read back byte for byte', async () => {
    const sink = memorySink();
    const mtime = new Date('2024-03-15T14:22:04Z');
    const zip = new ZipWriter(sink, mtime);
    const note = Buffer.from('原画修型 cut 12: redraw the hands\n'.repeat(500));
    const noise = randomBytes(70_000);
    await zip.writeWhole('notes/원화 수정.txt', { body: deflateRawSync(note), method: DEFLATED, crc: crc32(note), size: note.byteLength });
    await zip.writeWhole('noise.bin', { body: noise, method: STORED, crc: crc32(noise), size: noise.byteLength });
    const streamed = await zip.writeStream('text/7.txt', pieces(note, note, Buffer.alloc(0), note), DEFLATED);
    const storedStream = await zip.writeStream('logs/7.jsonl', pieces(noise.subarray(0, 1000), noise.subarray(1000)), STORED);
    await zip.writeStream('empty.txt', pieces(), DEFLATED);
    await zip.finish('Evidence Workbench case bundle; SHA256SUMS sha256=0123abcd');
    const bytes = sink.bytes();
    expect(zip.length).toBe(bytes.byteLength);
    expect(streamed).toMatchObject({ size: note.byteLength * 3, crc: crc32(Buffer.concat([note, note, note])) });
    expect(storedStream).toMatchObject({ size: noise.byteLength, compressedSize: noise.byteLength });

    const back = await readBack(bytes);
    expect(back.comment).toBe('Evidence Workbench case bundle; SHA256SUMS sha256=0123abcd');
    expect(back.entries.map((e) => [e.name, e.method])).toEqual([
      ['notes/원화 수정.txt', 8],
      ['noise.bin', 0],
      ['text/7.txt', 8],
      ['logs/7.jsonl', 0],
      ['empty.txt', 8],
    ]);
    expect(back.entries.map((e) => e.data.byteLength)).toEqual([
      note.byteLength,
      noise.byteLength,
      note.byteLength * 3,
      noise.byteLength,
      0,
    ]);
    expect(Buffer.compare(back.entries[2]?.data ?? Buffer.alloc(0), Buffer.concat([note, note, note]))).toBe(0);
    expect(Buffer.compare(back.entries[3]?.data ?? Buffer.alloc(0), noise)).toBe(0);
    // DOS time has two-second steps in local time; the UT field carries the exact second, which yauzl prefers.
    expect(Math.abs((back.entries[0]?.mtime.getTime() ?? 0) - mtime.getTime())).toBeLessThan(2000);

    const file = path.join(tmp.dir, 'mixed.zip');
    writeFileSync(file, bytes);
    const tested = spawnSync('unzip', ['-tq', file], { encoding: 'utf8' });
    expect(tested.status, tested.stdout + tested.stderr).toBe(0);
  });

  it('writes an empty archive that readers open', async () => {
    const sink = memorySink();
    const zip = new ZipWriter(sink, new Date());
    await zip.finish('');
    expect(sink.bytes().byteLength).toBe(22);
    expect((await readBack(sink.bytes())).entries).toEqual([]);
  });

  it('refuses a comment readers would decode otherwise, or longer than the end record can state', async () => {
    await expect(new ZipWriter(memorySink(), new Date()).finish('指纹 · fingerprint')).rejects.toThrow(/printable ASCII/);
    await expect(new ZipWriter(memorySink(), new Date()).finish('x'.repeat(70_000))).rejects.toThrow(/longer than 65,535 bytes/);
  });

  it('passes a failing source’s error on, deflated or stored', async () => {
    const sink = memorySink();
    const zip = new ZipWriter(sink, new Date());
    async function* failing(): AsyncGenerator<Buffer> {
      yield Buffer.from('start of the entry');
      throw new Error('the evidence file could not be read');
    }
    await expect(zip.writeStream('a.txt', failing(), DEFLATED)).rejects.toThrow('the evidence file could not be read');
    await expect(zip.writeStream('b.txt', failing(), STORED)).rejects.toThrow('the evidence file could not be read');
  });

  it('stops reading and closes the source when the sink fails, deflated or stored', async () => {
    for (const method of [DEFLATED, STORED] as const) {
      let closed = false;
      async function* endless(): AsyncGenerator<Buffer> {
        try {
          for (;;) yield randomBytes(256 * 1024);
        } finally {
          closed = true;
        }
      }
      let written = 0;
      const full = {
        write: async (chunk: Buffer): Promise<void> => {
          written += chunk.byteLength;
          if (written > 1024 * 1024) throw new Error('no space left on device');
        },
      };
      await expect(new ZipWriter(full, new Date()).writeStream('big.bin', endless(), method)).rejects.toThrow('no space left on device');
      expect(closed, `method ${method}`).toBe(true);
    }
  });
});
