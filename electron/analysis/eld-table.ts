import { readFileSync } from 'node:fs';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * eld's n-gram database in a compact binary form. `eld/small` holds its 81,206 n-grams as an object literal: 46 MB of
 * heap and a 1.6 MB source parsed in every isolate that imports it (each extract worker, peak RSS +130 MB per worker
 * measured). The same data here is about 0.8 MB of bytes and a hash table, and eld's own detector reads it through a
 * proxy, so the scores stay exactly eld's (eld-table.test.ts compares both on every labelled text).
 *
 * Layout: 16-byte header (`WBELD\0\0\x01`, n-grams, entries), then per n-gram its length (u8), its characters (one byte
 * each: eld writes UTF-8 bytes as the characters U+0000–U+00FF), its number of languages (u8), and per entry the
 * language index and score (u8 each; eld's scores are 6–207 above its base of 53, 60 languages).
 */

export interface EldNgramsData {
  type: string;
  languages: Record<number, string>;
  ngrams: Record<string, Record<number, number>>;
}

/**
 * A file of the installed eld package, by its path from the package's resolved entry (`src/entries/dynamic.js`): the
 * package's exports list only its entries, and the table is built from, and read by, modules beside them.
 */
export const eldFile = (relative: string): URL => new URL(relative, import.meta.resolve('eld'));

/** The installed eld's version and 'small' database: what `npm run eld-table` stores, and what its test compares. */
export async function installedEldSmall(): Promise<{ version: string; data: EldNgramsData }> {
  const { version } = JSON.parse(readFileSync(eldFile('../../package.json'), 'utf8')) as { version: string };
  const { ngramsData } = (await import(eldFile('../ngrams/small.js').href)) as { ngramsData: EldNgramsData };
  return { version, data: ngramsData };
}

const MAGIC = 'WBELD\0\0\x01';
const HEADER_BYTES = 16;
const MAX_NGRAM_CHARS = 6;

const fits = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= 0xff;

/** The binary form of an eld database; throws on data outside the layout's limits (another eld data format). */
export function encodeEldNgrams(data: EldNgramsData): Uint8Array {
  const keys = Object.keys(data.ngrams);
  const chunks: number[] = [];
  let entries = 0;
  for (const key of keys) {
    const scores = Object.entries(data.ngrams[key] ?? {});
    if (key.length > MAX_NGRAM_CHARS || scores.length > 0xff) throw new Error(`eld n-gram ${JSON.stringify(key)} does not fit the table`);
    chunks.push(key.length);
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      if (!fits(code)) throw new Error(`eld n-gram ${JSON.stringify(key)} has a character above U+00FF`);
      chunks.push(code);
    }
    chunks.push(scores.length);
    for (const [lang, score] of scores) {
      if (!fits(Number(lang)) || !fits(score))
        throw new Error(`eld n-gram ${JSON.stringify(key)}: entry ${lang}=${score} does not fit a byte`);
      chunks.push(Number(lang), score);
    }
    entries += scores.length;
  }
  const bytes = new Uint8Array(HEADER_BYTES + chunks.length);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, keys.length, true);
  view.setUint32(12, entries, true);
  bytes.set(chunks, HEADER_BYTES);
  return bytes;
}

/** FNV-1a over an n-gram's character codes, from a key or from its stored bytes (the same codes). */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashOf(key: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

function hashOfBytes(bytes: Uint8Array, start: number, length: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < start + length; i++) h = Math.imul(h ^ (bytes[i] ?? 0), FNV_PRIME);
  return h >>> 0;
}

/**
 * eld's `ngrams` object read from the binary form: `ngrams[key]` answers what the object literal would (its
 * `{ languageIndex: score }`, or undefined), through an open-addressing table of record offsets. eld only reads
 * single keys (`languageData.ngrams[bytes]`), so nothing else of an object is provided.
 */
function ngramsView(bytes: Uint8Array): Record<string, Record<number, number>> {
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  let slots = 1;
  while (slots < count * 2) slots <<= 1;
  const mask = slots - 1;
  // Offset of an n-gram's record plus one; 0 is an empty slot.
  const table = new Uint32Array(slots);
  for (let at = HEADER_BYTES, i = 0; i < count; i++) {
    const length = bytes[at] ?? 0;
    let slot = hashOfBytes(bytes, at + 1, length) & mask;
    while (table[slot] !== 0) slot = (slot + 1) & mask;
    table[slot] = at + 1;
    at += 1 + length + 1 + 2 * (bytes[at + 1 + length] ?? 0);
  }
  const sameKey = (at: number, key: string): boolean => {
    if (bytes[at] !== key.length) return false;
    for (let i = 0; i < key.length; i++) if (bytes[at + 1 + i] !== key.charCodeAt(i)) return false;
    return true;
  };
  const scoresAt = (at: number): Record<number, number> => {
    const scores: Record<number, number> = {};
    const first = at + 1 + (bytes[at] ?? 0) + 1;
    const n = bytes[first - 1] ?? 0;
    for (let e = 0; e < n; e++) scores[bytes[first + 2 * e] ?? 0] = bytes[first + 2 * e + 1] ?? 0;
    return scores;
  };
  // eld only reads what it gets, so an n-gram's object is made once and handed out again: common n-grams recur in
  // every text, and an object per lookup was a fifth of the analysis layer's allocations. At most one per n-gram.
  const made: (Record<number, number> | undefined)[] = [];
  const lookup = (key: string): Record<number, number> | undefined => {
    if (key.length > MAX_NGRAM_CHARS) return undefined;
    for (let slot = hashOf(key) & mask; table[slot] !== 0; slot = (slot + 1) & mask) {
      const at = (table[slot] ?? 1) - 1;
      if (sameKey(at, key)) return (made[slot] ??= scoresAt(at));
    }
    return undefined;
  };
  return new Proxy<Record<string, Record<number, number>>>(
    {},
    {
      get: (_target, key) => (typeof key === 'string' ? lookup(key) : undefined),
      has: (_target, key) => typeof key === 'string' && lookup(key) !== undefined,
    },
  );
}

/** How the binary form is kept in the repository (`data/eld-small-ngrams.json`, written by `npm run eld-table`). */
export interface StoredEldTable {
  eld: string;
  type: string;
  languages: Record<number, string>;
  /** The binary form, raw-deflated and base64-encoded. */
  table: string;
}

export function storeEldTable(eldVersion: string, data: EldNgramsData): StoredEldTable {
  return {
    eld: eldVersion,
    type: data.type,
    languages: data.languages,
    table: deflateRawSync(encodeEldNgrams(data), { level: 9 }).toString('base64'),
  };
}

/** eld's database as its detector expects it, from the stored form; throws when the bytes are not a table. */
export function openEldTable(stored: StoredEldTable): EldNgramsData {
  const bytes = inflateRawSync(Buffer.from(stored.table, 'base64'));
  if (bytes.byteLength < HEADER_BYTES || bytes.subarray(0, 8).toString('latin1') !== MAGIC) throw new Error('not an eld n-gram table');
  return { type: stored.type, languages: stored.languages, ngrams: ngramsView(bytes) };
}
