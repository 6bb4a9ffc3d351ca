import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveInside } from './paths';

const seg = (s: string | number[]): Uint8Array => (typeof s === 'string' ? Buffer.from(s, 'utf8') : Uint8Array.from(s));

describe('resolveInside', () => {
  const root = path.resolve('/evidence/source');

  it('joins raw name bytes below the root, names that are not UTF-8 included', () => {
    expect(resolveInside(root, [seg('notes'), seg('会议记录.txt')]).toString('utf8')).toBe(path.join(root, 'notes', '会议记录.txt'));
    const gbk = resolveInside(root, [seg([0xbb, 0xe1, 0xd2, 0xe9])]);
    expect([...gbk.subarray(-4)]).toEqual([0xbb, 0xe1, 0xd2, 0xe9]);
  });

  it('refuses every segment that could step outside the source or name something else', () => {
    for (const bad of ['..', '.', '', 'a/b', '../etc', 'a\0b']) {
      expect(() => resolveInside(root, [seg('notes'), seg(bad)]), JSON.stringify(bad)).toThrow(/unsafe path segment/);
    }
  });
});
