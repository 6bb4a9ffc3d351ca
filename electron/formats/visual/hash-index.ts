import type { SimilarityCluster, SimilarityLink } from '../../../shared/domain/visual';

/** A 64-bit hash as two 32-bit halves: bit operations on numbers are far cheaper than on bigint. */
interface Halves {
  hi: number;
  lo: number;
}

export interface HashEntry {
  id: number;
  /** 16 hex digits (ImageHashes.dHash or pHash). */
  hash: string;
}

export interface Neighbour {
  id: number;
  distance: number;
}

const CHUNKS = 4;
const CHUNK_VALUES = 1 << 16;

function parseHash(hex: string): Halves {
  if (!/^[0-9a-f]{16}$/i.test(hex)) throw new Error(`not a 64-bit hex hash: ${JSON.stringify(hex)}`);
  return { hi: Number.parseInt(hex.slice(0, 8), 16) >>> 0, lo: Number.parseInt(hex.slice(8), 16) >>> 0 };
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Number of differing bits between two 64-bit hex hashes (0 = identical, 64 = complementary). */
export function hammingDistance(a: string, b: string): number {
  const x = parseHash(a);
  const y = parseHash(b);
  return popcount((x.hi ^ y.hi) >>> 0) + popcount((x.lo ^ y.lo) >>> 0);
}

const chunkOf = (h: Halves, c: number): number => (c < 2 ? h.hi >>> (16 * (1 - c)) : h.lo >>> (16 * (3 - c))) & 0xffff;

/** Every 16-bit mask with exactly `bits` bits set, by popcount: the probe offsets of a chunk search at that radius. */
const MASKS_BY_WEIGHT: number[][] = ((): number[][] => {
  const byWeight: number[][] = Array.from({ length: 17 }, () => []);
  for (let m = 0; m < CHUNK_VALUES; m++) byWeight[popcount(m)]?.push(m);
  return byWeight;
})();

/**
 * Multi-index hashing (Norouzi et al., "Fast search in Hamming space with multi-index hashing", CVPR 2012): the 64
 * bits are split into four 16-bit chunks, each with its own table. Two hashes within distance d agree to within
 * ⌊d/4⌋ bits on at least one chunk (pigeonhole), so a search probes only the buckets near each chunk value instead
 * of every hash: 100,000 hashes cluster in about a second where all pairs would take minutes. A BK-tree does
 * poorly here: distances between unrelated 64-bit hashes bunch around 32, so its range queries visit most nodes.
 *
 * Identical hashes share one slot, so a thousand copies of one picture cost one search, not a thousand.
 */
export class HashIndex {
  private readonly hashes: Halves[] = [];
  /** The same halves in flat typed arrays, for the inner loop (no object loads per candidate). */
  private readonly hi: Uint32Array;
  private readonly lo: Uint32Array;
  /** The ids of each distinct hash, in insertion order. */
  private readonly ids: number[][] = [];
  /** Per chunk, a bucket table in CSR form: slots with chunk value v are slots[c][start[c][v] .. start[c][v + 1]). */
  private readonly start: Uint32Array[] = [];
  private readonly slots: Uint32Array[] = [];
  private readonly seen: Uint32Array;
  private stamp = 0;
  /** Scratch output of probe(): slots found within the asked distance, and their distances. */
  private readonly found: Uint32Array;
  private readonly foundDistance: Uint8Array;

  constructor(entries: readonly HashEntry[]) {
    const slotOf = new Map<string, number>();
    for (const { id, hash } of entries) {
      const key = hash.toLowerCase();
      let slot = slotOf.get(key);
      if (slot === undefined) {
        slot = this.hashes.length;
        slotOf.set(key, slot);
        this.hashes.push(parseHash(key));
        this.ids.push([]);
      }
      this.ids[slot]?.push(id);
    }
    for (let c = 0; c < CHUNKS; c++) {
      const start = new Uint32Array(CHUNK_VALUES + 1);
      for (const h of this.hashes) {
        const v = chunkOf(h, c) + 1;
        start[v] = (start[v] ?? 0) + 1;
      }
      for (let v = 0; v < CHUNK_VALUES; v++) start[v + 1] = (start[v + 1] ?? 0) + (start[v] ?? 0);
      const fill = start.slice(0, CHUNK_VALUES);
      const slots = new Uint32Array(this.hashes.length);
      this.hashes.forEach((h, slot) => {
        const v = chunkOf(h, c);
        slots[fill[v] ?? 0] = slot;
        fill[v] = (fill[v] ?? 0) + 1;
      });
      this.start.push(start);
      this.slots.push(slots);
    }
    this.hi = Uint32Array.from(this.hashes, (h) => h.hi);
    this.lo = Uint32Array.from(this.hashes, (h) => h.lo);
    this.seen = new Uint32Array(this.hashes.length);
    this.found = new Uint32Array(this.hashes.length);
    this.foundDistance = new Uint8Array(this.hashes.length);
  }

  /** Number of ids indexed. */
  get size(): number {
    return this.ids.reduce((n, ids) => n + ids.length, 0);
  }

  /** Every indexed id within `maxDistance` of `hash`, nearest first. */
  within(hash: string, maxDistance: number): Neighbour[] {
    const query = parseHash(hash);
    this.newStamp();
    const radius = Math.floor(Math.max(0, maxDistance) / CHUNKS);
    let cost = 0;
    for (let r = 0; r <= radius; r++) cost += this.probeCost(r);
    // Wide searches would probe more buckets than there are hashes: a plain scan is cheaper then.
    if (cost > this.hashes.length) return this.expand(this.collect(0, this.scanAll(query, maxDistance, 0)));
    let count = 0;
    for (let r = 0; r <= radius; r++) count = this.probe(query, r, maxDistance, count);
    return this.expand(this.collect(0, count));
  }

  /**
   * The `k` indexed ids nearest to `hash` (ties broken by id), at most `maxDistance` away. Searches outward one
   * chunk radius at a time and stops once nothing unseen can be nearer than what was found.
   */
  nearest(hash: string, k: number, maxDistance = 64): Neighbour[] {
    const query = parseHash(hash);
    this.newStamp();
    // Ids found so far per distance, to know the k-th nearest distance without sorting at every radius.
    const byDistance = new Uint32Array(65);
    let count = 0;
    for (let r = 0; r <= 16; r++) {
      const before = count;
      const scan = this.probeCost(r) > this.hashes.length;
      count = scan ? this.scanAll(query, maxDistance, count) : this.probe(query, r, maxDistance, count);
      for (let i = before; i < count; i++)
        byDistance[this.foundDistance[i] ?? 0] =
          (byDistance[this.foundDistance[i] ?? 0] ?? 0) + (this.ids[this.found[i] ?? 0]?.length ?? 0);
      // Anything not yet seen differs in at least r + 1 bits on every chunk.
      const unseenAtLeast = CHUNKS * (r + 1);
      if (scan || unseenAtLeast > maxDistance) break;
      let seen = 0;
      let kth = -1;
      for (let d = 0; d < unseenAtLeast && kth < 0; d++) if ((seen += byDistance[d] ?? 0) >= k) kth = d;
      if (kth >= 0) break;
    }
    return this.expand(this.collect(0, count)).slice(0, k);
  }

  /**
   * Groups of ids joined by chains of pairs at most `threshold` apart (single linkage, union-find). Each cluster
   * lists its members and the links that joined them, so a reviewer sees why every member is there.
   */
  clusters(threshold: number): SimilarityCluster[] {
    const parent = Int32Array.from(this.hashes, (_, i) => i);
    const find = (x: number): number => {
      let root = x;
      while (parent[root] !== root) root = parent[root] ?? root;
      for (let y = x; parent[y] !== root;) {
        const next = parent[y] ?? root;
        parent[y] = root;
        y = next;
      }
      return root;
    };
    const links: { a: number; b: number; distance: number }[] = [];
    const radius = Math.floor(Math.max(0, threshold) / CHUNKS);
    this.hashes.forEach((query, slot) => {
      this.newStamp();
      let count = 0;
      for (let r = 0; r <= radius; r++) count = this.probe(query, r, threshold, count);
      for (let i = 0; i < count; i++) {
        const other = this.found[i] ?? 0;
        if (other <= slot) continue;
        const [ra, rb] = [find(slot), find(other)];
        if (ra === rb) continue;
        parent[Math.max(ra, rb)] = Math.min(ra, rb);
        links.push({ a: slot, b: other, distance: this.foundDistance[i] ?? 0 });
      }
    });
    const bySlotRoot = new Map<number, { members: number[]; links: SimilarityLink[] }>();
    const group = (slot: number): { members: number[]; links: SimilarityLink[] } => {
      const root = find(slot);
      let g = bySlotRoot.get(root);
      if (!g) bySlotRoot.set(root, (g = { members: [], links: [] }));
      return g;
    };
    this.ids.forEach((ids, slot) => {
      const g = group(slot);
      g.members.push(...ids);
      // Copies with the very same hash are linked at distance 0 to the first of them.
      const first = ids[0];
      if (first !== undefined) for (const id of ids.slice(1)) g.links.push({ a: first, b: id, distance: 0 });
    });
    for (const link of links) {
      const a = this.ids[link.a]?.[0];
      const b = this.ids[link.b]?.[0];
      if (a !== undefined && b !== undefined) group(link.a).links.push({ a, b, distance: link.distance });
    }
    return [...bySlotRoot.values()]
      .filter((g) => g.members.length > 1)
      .map((g) => ({ members: g.members.sort((x, y) => x - y), links: g.links }))
      .sort((x, y) => y.members.length - x.members.length || (x.members[0] ?? 0) - (y.members[0] ?? 0));
  }

  private newStamp(): void {
    this.stamp++;
    if (this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
  }

  private probeCost(r: number): number {
    return CHUNKS * (MASKS_BY_WEIGHT[r]?.length ?? 0);
  }

  /**
   * Appends to the scratch list, from position `count`, each not-yet-seen slot within `maxDistance` whose chunks
   * differ from the query's by exactly r bits on some chunk; returns the new count. A plain loop over typed arrays
   * rather than a callback per candidate: this is the inner loop of clustering, run about 80 million times for 100,000.
   */
  private probe(query: Halves, r: number, maxDistance: number, count: number): number {
    const masks = MASKS_BY_WEIGHT[r] ?? [];
    const { seen, stamp, found, foundDistance, hi, lo } = this;
    const qhi = query.hi;
    const qlo = query.lo;
    for (let c = 0; c < CHUNKS; c++) {
      const start = this.start[c];
      const slots = this.slots[c];
      if (!start || !slots) continue;
      const value = chunkOf(query, c);
      for (const mask of masks) {
        const v = value ^ mask;
        const end = start[v + 1] ?? 0;
        for (let i = start[v] ?? 0; i < end; i++) {
          const slot = slots[i] ?? 0;
          if (seen[slot] === stamp) continue;
          seen[slot] = stamp;
          const distance = popcount(((hi[slot] ?? 0) ^ qhi) >>> 0) + popcount(((lo[slot] ?? 0) ^ qlo) >>> 0);
          if (distance > maxDistance) continue;
          found[count] = slot;
          foundDistance[count++] = distance;
        }
      }
    }
    return count;
  }

  private scanAll(query: Halves, maxDistance: number, count: number): number {
    this.hashes.forEach((h, slot) => {
      if (this.seen[slot] === this.stamp) return;
      this.seen[slot] = this.stamp;
      const distance = popcount((h.hi ^ query.hi) >>> 0) + popcount((h.lo ^ query.lo) >>> 0);
      if (distance > maxDistance) return;
      this.found[count] = slot;
      this.foundDistance[count++] = distance;
    });
    return count;
  }

  private collect(from: number, to: number): { slot: number; distance: number }[] {
    const out: { slot: number; distance: number }[] = [];
    for (let i = from; i < to; i++) out.push({ slot: this.found[i] ?? 0, distance: this.foundDistance[i] ?? 0 });
    return out;
  }

  private expand(found: readonly { slot: number; distance: number }[]): Neighbour[] {
    return found
      .flatMap(({ slot, distance }) => (this.ids[slot] ?? []).map((id) => ({ id, distance })))
      .sort((a, b) => a.distance - b.distance || a.id - b.id);
  }
}

/** Clusters of near-duplicate pictures among `entries`, joined when their hashes are at most `threshold` bits apart. */
export const clusterHashes = (entries: readonly HashEntry[], threshold: number): SimilarityCluster[] =>
  new HashIndex(entries).clusters(threshold);

/** The `k` entries of `index` nearest to `hash`, optionally no further than `maxDistance`. */
export const findSimilar = (hash: string, index: HashIndex, k: number, maxDistance?: number): Neighbour[] =>
  index.nearest(hash, k, maxDistance);
