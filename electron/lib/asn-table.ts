import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The AS number and organisation of every routed range, from @ip-location-db/asn's `*-num.csv` files, in a compact
 * binary form: typed arrays that are views on the file's bytes (no parse, no per-row objects) and organisation
 * names decoded only when a lookup returns them. Parsing the CSVs costs about 1.5 s and 150 MB of heap; opening the
 * binary form costs one read of about 20 MB.
 *
 * Layout (little-endian, every section 8-byte aligned): a 32-byte header (`WBASN\0\0\x01`, IPv4 rows, IPv6 rows,
 * organisations, organisation bytes); IPv4 start, end, ASN and organisation index (u32 each); IPv6 start and end as
 * high and low u64 halves; IPv6 ASN and organisation index (u32); organisation byte offsets (u32, one more than
 * organisations); organisation names (UTF-8).
 */

const MAGIC = 'WBASN\0\0\x01';
const HEADER_BYTES = 32;
const MASK64 = (1n << 64n) - 1n;

export interface AsnAnswer {
  asn: number;
  network: string;
}

export interface AsnTable {
  lookup4(address: number): AsnAnswer | undefined;
  lookup6(address: bigint): AsnAnswer | undefined;
}

const align8 = (n: number): number => (n + 7) & ~7;

interface Sizes {
  n4: number;
  n6: number;
  orgs: number;
  orgBytes: number;
}

/** Byte offset of each section for the given counts, and the total length. */
function layout(s: Sizes) {
  let at = HEADER_BYTES;
  const take = (bytes: number): number => {
    const start = at;
    at = align8(at + bytes);
    return start;
  };
  const v4 = { start: take(4 * s.n4), end: take(4 * s.n4), asn: take(4 * s.n4), org: take(4 * s.n4) };
  const v6 = {
    startHi: take(8 * s.n6),
    startLo: take(8 * s.n6),
    endHi: take(8 * s.n6),
    endLo: take(8 * s.n6),
    asn: take(4 * s.n6),
    org: take(4 * s.n6),
  };
  const orgOffsets = take(4 * (s.orgs + 1));
  const orgText = take(s.orgBytes);
  return { v4, v6, orgOffsets, orgText, total: at };
}

interface Row {
  start: string;
  end: string;
  asn: number;
  org: string;
}

/** Rows of one CSV (`start,end,asn,org`, org possibly quoted with doubled quotes), read without splitting the file into lines. */
function* csvRows(text: string): Generator<Row> {
  for (let at = 0; at < text.length;) {
    let eol = text.indexOf('\n', at);
    if (eol < 0) eol = text.length;
    const a = text.indexOf(',', at);
    const b = a < 0 ? -1 : text.indexOf(',', a + 1);
    const c = b < 0 ? -1 : text.indexOf(',', b + 1);
    if (c >= 0 && c < eol) {
      let org = text.slice(c + 1, eol).replace(/\r$/, '');
      if (org.startsWith('"')) org = org.slice(1, org.endsWith('"') ? -1 : undefined).replaceAll('""', '"');
      yield { start: text.slice(at, a), end: text.slice(a + 1, b), asn: Number(text.slice(b + 1, c)), org };
    }
    at = eol + 1;
  }
}

/** Builds the binary form from the text of the IPv4 and IPv6 CSVs (rows sorted by range start, as shipped). */
export function encodeAsnTable(csv4: string, csv6: string): Uint8Array {
  const rows4 = [...csvRows(csv4)];
  const rows6 = [...csvRows(csv6)];
  // Organisation names repeat across thousands of ranges: each is stored once.
  const orgIndex = new Map<string, number>();
  const intern = (name: string): number => {
    let id = orgIndex.get(name);
    if (id === undefined) orgIndex.set(name, (id = orgIndex.size));
    return id;
  };
  const org4 = rows4.map((r) => intern(r.org));
  const org6 = rows6.map((r) => intern(r.org));
  const encoder = new TextEncoder();
  const names = [...orgIndex.keys()].map((n) => encoder.encode(n));
  const sizes: Sizes = { n4: rows4.length, n6: rows6.length, orgs: names.length, orgBytes: names.reduce((n, b) => n + b.byteLength, 0) };
  const at = layout(sizes);
  const bytes = new Uint8Array(at.total);
  const buf = bytes.buffer;
  bytes.set(encoder.encode(MAGIC), 0);
  new Uint32Array(buf, 8, 4).set([sizes.n4, sizes.n6, sizes.orgs, sizes.orgBytes]);

  const u32 = (offset: number, n: number): Uint32Array => new Uint32Array(buf, offset, n);
  const u64 = (offset: number, n: number): BigUint64Array => new BigUint64Array(buf, offset, n);
  const [s4, e4, a4, o4] = [u32(at.v4.start, sizes.n4), u32(at.v4.end, sizes.n4), u32(at.v4.asn, sizes.n4), u32(at.v4.org, sizes.n4)];
  rows4.forEach((r, i) => {
    s4[i] = Number(r.start);
    e4[i] = Number(r.end);
    a4[i] = r.asn;
    o4[i] = org4[i] ?? 0;
  });
  const v6 = at.v6;
  const [sh, sl, eh, el] = [u64(v6.startHi, sizes.n6), u64(v6.startLo, sizes.n6), u64(v6.endHi, sizes.n6), u64(v6.endLo, sizes.n6)];
  const [a6, o6] = [u32(v6.asn, sizes.n6), u32(v6.org, sizes.n6)];
  rows6.forEach((r, i) => {
    const s = BigInt(r.start);
    const e = BigInt(r.end);
    sh[i] = s >> 64n;
    sl[i] = s & MASK64;
    eh[i] = e >> 64n;
    el[i] = e & MASK64;
    a6[i] = r.asn;
    o6[i] = org6[i] ?? 0;
  });
  const offsets = u32(at.orgOffsets, sizes.orgs + 1);
  let pos = 0;
  names.forEach((name, i) => {
    offsets[i] = pos;
    bytes.set(name, at.orgText + pos);
    pos += name.byteLength;
  });
  offsets[sizes.orgs] = pos;
  return bytes;
}

/** Views on a binary table; null when the bytes are not one (wrong magic, truncated). */
export function openAsnTable(input: Uint8Array): AsnTable | null {
  if (input.byteLength < HEADER_BYTES || new TextDecoder().decode(input.subarray(0, 8)) !== MAGIC) return null;
  // Typed-array views need aligned offsets: a buffer that does not start on an 8-byte boundary is copied once.
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const base = bytes.byteOffset;
  const buf = bytes.buffer;
  const [n4 = 0, n6 = 0, orgs = 0, orgBytes = 0] = new Uint32Array(buf, base + 8, 4);
  const at = layout({ n4, n6, orgs, orgBytes });
  if (at.total !== bytes.byteLength) return null;
  const u32 = (offset: number, n: number): Uint32Array => new Uint32Array(buf, base + offset, n);
  const u64 = (offset: number, n: number): BigUint64Array => new BigUint64Array(buf, base + offset, n);
  const t4 = { start: u32(at.v4.start, n4), end: u32(at.v4.end, n4), asn: u32(at.v4.asn, n4), org: u32(at.v4.org, n4) };
  const t6 = {
    startHi: u64(at.v6.startHi, n6),
    startLo: u64(at.v6.startLo, n6),
    endHi: u64(at.v6.endHi, n6),
    endLo: u64(at.v6.endLo, n6),
    asn: u32(at.v6.asn, n6),
    org: u32(at.v6.org, n6),
  };
  const offsets = u32(at.orgOffsets, orgs + 1);
  const text = bytes.subarray(at.orgText, at.orgText + orgBytes);
  const decoder = new TextDecoder();
  const orgName = (i: number): string => decoder.decode(text.subarray(offsets[i] ?? 0, offsets[i + 1] ?? 0));
  const answer = (asn: number, org: number): AsnAnswer | undefined => (asn === 0 ? undefined : { asn, network: orgName(org) });

  return {
    lookup4(v) {
      let lo = 0;
      let hi = n4 - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if ((t4.start[mid] ?? 0) <= v) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (found < 0 || v > (t4.end[found] ?? 0)) return undefined;
      return answer(t4.asn[found] ?? 0, t4.org[found] ?? 0);
    },
    lookup6(v) {
      const vh = v >> 64n;
      const vl = v & MASK64;
      const le = (h: bigint, l: bigint, h2: bigint, l2: bigint): boolean => h < h2 || (h === h2 && l <= l2);
      let lo = 0;
      let hi = n6 - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (le(t6.startHi[mid] ?? 0n, t6.startLo[mid] ?? 0n, vh, vl)) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      if (found < 0 || !le(vh, vl, t6.endHi[found] ?? 0n, t6.endLo[found] ?? 0n)) return undefined;
      return answer(t6.asn[found] ?? 0, t6.org[found] ?? 0);
    },
  };
}

const IPV4_CSV = 'asn-ipv4-num.csv';
const IPV6_CSV = 'asn-ipv6-num.csv';

/**
 * The table for the CSVs in `asnDir`, from the binary form cached in `cacheDir` when there is one for exactly these
 * files (named after the package version and the CSV sizes, so a data upgrade builds a new one), else built from
 * the CSVs and cached (written to a temporary name and renamed, so concurrent processes never read half a file).
 * Null when the CSVs cannot be read. A cache that cannot be written only costs the next process the parse again.
 */
export function loadAsnTable(asnDir: string, cacheDir: string | undefined): AsnTable | null {
  let key: string;
  try {
    const version = (JSON.parse(readFileSync(join(asnDir, 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
    key = `asn-${version}-${statSync(join(asnDir, IPV4_CSV)).size}-${statSync(join(asnDir, IPV6_CSV)).size}.bin`;
  } catch {
    return null;
  }
  if (cacheDir) {
    try {
      const cached = openAsnTable(readFileSync(join(cacheDir, key)));
      if (cached) return cached;
    } catch {
      // No cached form yet (or an unreadable one): built below.
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = encodeAsnTable(readFileSync(join(asnDir, IPV4_CSV), 'utf8'), readFileSync(join(asnDir, IPV6_CSV), 'utf8'));
  } catch {
    return null;
  }
  if (cacheDir) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      const temp = join(cacheDir, `${key}.${process.pid}.tmp`);
      writeFileSync(temp, bytes);
      renameSync(temp, join(cacheDir, key));
    } catch {
      // A read-only or full data folder: this process still has the table in memory.
    }
  }
  return openAsnTable(bytes);
}
