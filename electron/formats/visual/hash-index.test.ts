import { describe, expect, it } from 'vitest';
import { SimilarityCluster } from '../../../shared/domain/visual';
import { seededRandom } from '../../test-support/generate/visual';
import { clusterHashes, findSimilar, hammingDistance, HashIndex } from './hash-index';

function randomHashes(n: number, seed: number): string[] {
  const rand = seededRandom(seed);
  const word = (): string =>
    Math.floor(rand() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  return Array.from({ length: n }, () => word() + word());
}

/** `hash` with `bits` distinct bits flipped. */
function flip(hash: string, bits: number, rand: () => number): string {
  let value = BigInt(`0x${hash}`);
  const chosen = new Set<number>();
  while (chosen.size < bits) chosen.add(Math.floor(rand() * 64));
  for (const bit of chosen) value ^= 1n << BigInt(bit);
  return value.toString(16).padStart(16, '0');
}

describe('hammingDistance', () => {
  it('counts differing bits', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(() => hammingDistance('xyz', '0000000000000000')).toThrow(/not a 64-bit hex hash/);
  });
});

describe('HashIndex', () => {
  const rand = seededRandom(7);
  const hashes = randomHashes(1500, 1);
  // Plant near-copies of the first 200 at 1 to 12 bits, so every search has answers at every radius.
  const entries = hashes.map((hash, id) => ({ id, hash }));
  for (let i = 0; i < 200; i++) entries.push({ id: 10_000 + i, hash: flip(hashes[i] ?? '', 1 + (i % 12), rand) });
  const index = new HashIndex(entries);
  const brute = (query: string): { id: number; distance: number }[] =>
    entries.map((e) => ({ id: e.id, distance: hammingDistance(query, e.hash) })).sort((a, b) => a.distance - b.distance || a.id - b.id);

  it('finds exactly what a full scan finds within a distance', () => {
    for (const query of [...hashes.slice(0, 50), ...randomHashes(20, 2)])
      for (const d of [0, 3, 8, 10, 13, 30]) expect(index.within(query, d)).toEqual(brute(query).filter((n) => n.distance <= d));
  });

  it('finds the k nearest as a full scan does', () => {
    for (const query of [...hashes.slice(0, 30), ...randomHashes(10, 3)]) {
      expect(findSimilar(query, index, 5)).toEqual(brute(query).slice(0, 5));
      expect(findSimilar(query, index, 3, 6)).toEqual(
        brute(query)
          .filter((n) => n.distance <= 6)
          .slice(0, 3),
      );
    }
  });

  it('clusters as union-find over all pairs does, and explains each cluster with links', () => {
    const threshold = 10;
    const clusters = clusterHashes(entries, threshold);
    const parent = new Map<number, number>(entries.map((e) => [e.id, e.id]));
    const find = (x: number): number => (parent.get(x) === x ? x : find(parent.get(x) ?? x));
    for (let i = 0; i < entries.length; i++)
      for (let j = i + 1; j < entries.length; j++) {
        const [a, b] = [entries[i], entries[j]];
        if (a && b && hammingDistance(a.hash, b.hash) <= threshold) parent.set(find(a.id), find(b.id));
      }
    const groups = new Map<number, number[]>();
    for (const e of entries) groups.set(find(e.id), [...(groups.get(find(e.id)) ?? []), e.id]);
    const expected = [...groups.values()].filter((g) => g.length > 1).map((g) => g.sort((x, y) => x - y));
    expect(clusters.map((c) => c.members).sort((x, y) => (x[0] ?? 0) - (y[0] ?? 0))).toEqual(
      expected.sort((x, y) => (x[0] ?? 0) - (y[0] ?? 0)),
    );
    for (const cluster of clusters) {
      expect(SimilarityCluster.parse(cluster)).toEqual(cluster);
      expect(cluster.links).toHaveLength(cluster.members.length - 1);
      for (const link of cluster.links) expect(link.distance).toBeLessThanOrEqual(threshold);
    }
  });

  it('keeps identical hashes together at distance 0', () => {
    const clusters = clusterHashes(
      [
        { id: 1, hash: 'aaaaaaaaaaaaaaaa' },
        { id: 2, hash: 'AAAAAAAAAAAAAAAA' },
        { id: 3, hash: '5555555555555555' },
      ],
      4,
    );
    expect(clusters).toEqual([{ members: [1, 2], links: [{ a: 1, b: 2, distance: 0 }] }]);
  });
});
