import { describe, expect, it } from 'vitest';
import { concatBytes, u32be, u64be } from '../../test-support/generate/bytes';
import { box } from '../../test-support/generate/media';
import { bufferSource } from '../byte-source';
import type { ByteSource } from '../types';
import { type Box, BoxList, type BoxLimits, BoxWalker, fullBoxHeader } from './boxes';

const type = (t: string): Uint8Array => Uint8Array.from([...t].map((c) => c.charCodeAt(0)));
const summary = (boxes: Box[]): string[] => boxes.map((b) => `${b.type}@${b.start}+${b.payload - b.start}..${b.end}`);

/** Walks the top level with both walkers and expects the same boxes and warnings from each. */
async function walkBoth(bytes: Uint8Array, limits?: BoxLimits): Promise<{ boxes: string[]; warnings: string[] }> {
  const syncWarnings: string[] = [];
  const list = new BoxList(bytes, { warn: (m) => syncWarnings.push(m), ...(limits ? { limits } : {}) });
  const fromList = list.children(list.file);
  const asyncWarnings: string[] = [];
  const walker = new BoxWalker(bufferSource(bytes), { warn: (m) => asyncWarnings.push(m), ...(limits ? { limits } : {}) });
  const fromWalker: Box[] = [];
  for await (const b of walker.children(walker.file)) fromWalker.push(b);
  expect(fromWalker).toEqual(fromList);
  expect(asyncWarnings).toEqual(syncWarnings);
  return { boxes: summary(fromList), warnings: syncWarnings };
}

describe('box headers', () => {
  it('reads 32-bit sizes in sequence', async () => {
    const bytes = concatBytes([box('ftyp', type('isom')), box('free', new Uint8Array(4))]);
    expect(await walkBoth(bytes)).toEqual({ boxes: ['ftyp@0+8..12', 'free@12+8..24'], warnings: [] });
  });

  it('reads a 64-bit largesize (size field 1) and puts the payload after it', async () => {
    const large = concatBytes([u32be(1), type('mdat'), u64be(16 + 5), new Uint8Array(5)]);
    expect(await walkBoth(concatBytes([large, box('free')]))).toEqual({ boxes: ['mdat@0+16..21', 'free@21+8..29'], warnings: [] });
  });

  it('takes size 0 to mean "to the end of the container"', async () => {
    const last = concatBytes([u32be(0), type('mdat'), new Uint8Array(100)]);
    expect(await walkBoth(concatBytes([box('ftyp', type('isom')), last]))).toEqual({
      boxes: ['ftyp@0+8..12', 'mdat@12+8..120'],
      warnings: [],
    });
  });

  it('reads the user type of a uuid box and starts the payload after it', () => {
    const uuid = 'be7acfcb97a942e89c71999491e3afac';
    const bytes = box('uuid', new Uint8Array(Buffer.from(uuid, 'hex')), type('data'));
    const list = new BoxList(bytes, { warn: () => undefined });
    const [b] = list.children(list.file);
    expect(b).toEqual({ type: 'uuid', start: 0, payload: 24, end: 28, uuid });
    expect(new TextDecoder().decode(list.payload(b!))).toBe('data');
  });

  it('reads full-box version and flags', () => {
    expect(fullBoxHeader(Uint8Array.of(1, 0x12, 0x34, 0x56, 9))).toEqual({ version: 1, flags: 0x123456 });
    expect(fullBoxHeader(Uint8Array.of(1, 2))).toBeUndefined();
  });
});

describe('damaged structures', () => {
  it('clamps a box whose size points past the end, and says so', async () => {
    const bytes = concatBytes([box('ftyp', type('isom')), u32be(5000), type('moov'), new Uint8Array(20)]);
    expect(await walkBoth(bytes)).toEqual({
      boxes: ['ftyp@0+8..12', 'moov@12+8..40'],
      warnings: ["box 'moov' at offset 12 runs past the end of the file (truncated file?)"],
    });
  });

  it('treats a largesize beyond 2^53 as running past the end', async () => {
    const bytes = concatBytes([u32be(1), type('mdat'), u64be(Number.MAX_SAFE_INTEGER), new Uint8Array(8)]);
    const view = new DataView(bytes.buffer);
    view.setUint32(8, 0xffffffff);
    view.setUint32(12, 0xffffffff);
    const { boxes, warnings } = await walkBoth(bytes);
    expect(boxes).toEqual(['mdat@0+16..24']);
    expect(warnings[0]).toMatch(/runs past the end of the file/);
  });

  it('stops at a size smaller than its own header', async () => {
    const bytes = concatBytes([box('ftyp', type('isom')), u32be(3), type('junk'), new Uint8Array(16)]);
    expect(await walkBoth(bytes)).toEqual({ boxes: ['ftyp@0+8..12'], warnings: ["invalid size 3 for box 'junk' at offset 12"] });
  });

  it('reports a header cut short inside a container, and a truncated largesize or uuid header', async () => {
    const list = (bytes: Uint8Array): { boxes: string[]; warnings: string[] } => {
      const warnings: string[] = [];
      const l = new BoxList(bytes, { warn: (m) => warnings.push(m) });
      const [outer] = l.children(l.file);
      return { boxes: outer ? summary(l.children(outer, 1)) : [], warnings };
    };
    expect(list(box('moov', box('mvhd'), Uint8Array.of(0, 0, 0)))).toEqual({
      boxes: ['mvhd@8+8..16'],
      warnings: ["3 stray bytes at the end of 'moov'"],
    });
    expect(list(box('moov', u32be(1), type('mdat'), Uint8Array.of(0, 0)))).toEqual({
      boxes: [],
      warnings: ["truncated 64-bit box header 'mdat' at offset 8"],
    });
    expect(list(box('moov', u32be(30), type('uuid'), new Uint8Array(4)))).toEqual({
      boxes: [],
      warnings: ['truncated uuid box header at offset 8'],
    });
  });

  it('stops recursing at the depth limit, however deep the nesting goes', () => {
    let nested = box('free');
    for (let i = 0; i < 1000; i++) nested = box('moov', nested);
    const warnings: string[] = [];
    const list = new BoxList(nested, { warn: (m) => warnings.push(m) });
    let levels = 0;
    const descend = (parent: Box, depth: number): void => {
      for (const child of list.children(parent, depth)) {
        levels++;
        descend(child, depth + 1);
      }
    };
    descend(list.file, 0);
    expect(levels).toBe(13);
    expect(warnings).toEqual(["boxes nested deeper than 12 levels in 'moov' were skipped"]);
  });

  it('stops after the box budget of the whole walk', async () => {
    const many = concatBytes(Array.from({ length: 50 }, () => box('free')));
    const { boxes, warnings } = await walkBoth(many, { maxBoxes: 10, maxDepth: 4 });
    expect(boxes).toHaveLength(10);
    expect(warnings).toEqual(['more than 10 boxes; the rest was skipped']);
  });
});

describe('BoxWalker over a byte source', () => {
  it('reads box headers and asked-for payloads only, never a multi-gigabyte media-data box', async () => {
    const head = concatBytes([box('ftyp', type('isom')), u32be(1), type('mdat'), u64be(16 + 6 * 1024 ** 3)]);
    const tailAt = head.byteLength + 6 * 1024 ** 3;
    const tail = box('moov', box('mvhd', type('abcd')));
    let bytesRead = 0;
    const source: ByteSource = {
      size: tailAt + tail.byteLength,
      read: async (offset, length) => {
        const wanted = Math.min(length, tailAt + tail.byteLength - offset);
        bytesRead += wanted;
        const out = new Uint8Array(wanted);
        for (let i = 0; i < wanted; i++) {
          const at = offset + i;
          out[i] = at < head.byteLength ? head[at]! : at >= tailAt ? tail[at - tailAt]! : 0;
        }
        return out;
      },
      readAll: () => Promise.reject(new Error('a walk must never read the whole file')),
    };
    const walker = new BoxWalker(source, { warn: (m) => expect.fail(m) });
    const seen: string[] = [];
    for await (const top of walker.children(walker.file)) {
      seen.push(top.type);
      if (top.type !== 'moov') continue;
      for await (const child of walker.children(top, 1)) {
        seen.push(child.type);
        expect(new TextDecoder().decode(await walker.payload(child, 100))).toBe('abcd');
      }
    }
    expect(seen).toEqual(['ftyp', 'mdat', 'moov', 'mvhd']);
    expect(bytesRead).toBeLessThan(300 * 1024);
  });
});
