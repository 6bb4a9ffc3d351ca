import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { dirname, join } from 'node:path';
import { Reader, type CountryResponse } from 'mmdb-lib';

/** Offline answer for one address. `network` is the AS organisation name, or `private` for non-routable space. */
export interface IpInfo {
  country?: string;
  asn?: number;
  network?: string;
}

export interface GeoIpPaths {
  /** geo-whois-asn-country .mmdb (IPv4 + IPv6). */
  countryMmdb: string;
  /** Folder holding asn-ipv4-num.csv and asn-ipv6-num.csv. */
  asnDir: string;
}

/** Ranges sorted by start; `org` indexes into `orgs`. IPv6 bounds are split into high/low 64-bit halves. */
interface AsnTable4 {
  start: Uint32Array;
  end: Uint32Array;
  asn: Uint32Array;
  org: Uint32Array;
}
interface AsnTable6 {
  startHi: BigUint64Array;
  startLo: BigUint64Array;
  endHi: BigUint64Array;
  endLo: BigUint64Array;
  asn: Uint32Array;
  org: Uint32Array;
}

const MASK64 = (1n << 64n) - 1n;

let paths: GeoIpPaths | undefined;
let countryReader: Reader<CountryResponse> | null | undefined;
let orgs: string[] = [];
let table4: AsnTable4 | null | undefined;
let table6: AsnTable6 | null | undefined;
const cache = new Map<string, IpInfo>();
const CACHE_LIMIT = 50_000;

/** Packaged builds may keep the databases outside node_modules; call before the first lookup. */
export function configureGeoIp(custom: GeoIpPaths): void {
  paths = custom;
  countryReader = undefined;
  table4 = undefined;
  table6 = undefined;
  orgs = [];
  cache.clear();
}

function resolvePaths(): GeoIpPaths {
  if (paths) return paths;
  const require = createRequire(import.meta.url);
  paths = {
    countryMmdb: join(dirname(require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/package.json')), 'geo-whois-asn-country.mmdb'),
    asnDir: dirname(require.resolve('@ip-location-db/asn/package.json')),
  };
  return paths;
}

// Special-purpose space (RFC 6890 and friends): such clients are on the server's own network or spoofed.
const reserved = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  reserved.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 127],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  reserved.addSubnet(net, bits, 'ipv6');

function countryDb(): Reader<CountryResponse> | null {
  if (countryReader === undefined) {
    try {
      countryReader = new Reader<CountryResponse>(readFileSync(resolvePaths().countryMmdb));
    } catch {
      countryReader = null;
    }
  }
  return countryReader;
}

/** Org names repeat across thousands of ranges; interning keeps the table small. */
function internOrg(index: Map<string, number>, name: string): number {
  let id = index.get(name);
  if (id === undefined) {
    id = orgs.length;
    orgs.push(name);
    index.set(name, id);
  }
  return id;
}

/** One CSV row: start,end,asn,org where org may be quoted with doubled quotes. */
function splitRow(line: string): [string, string, string, string] | undefined {
  const a = line.indexOf(',');
  const b = line.indexOf(',', a + 1);
  const c = line.indexOf(',', b + 1);
  if (a < 0 || b < 0 || c < 0) return undefined;
  let org = line.slice(c + 1);
  if (org.startsWith('"')) org = org.slice(1, org.endsWith('"') ? -1 : undefined).replaceAll('""', '"');
  return [line.slice(0, a), line.slice(a + 1, b), line.slice(b + 1, c), org];
}

function readRows(file: string): string[] {
  try {
    return readFileSync(join(resolvePaths().asnDir, file), 'utf8').split('\n');
  } catch {
    return [];
  }
}

function loadTable4(index: Map<string, number>): AsnTable4 | null {
  const lines = readRows('asn-ipv4-num.csv');
  const t: AsnTable4 = {
    start: new Uint32Array(lines.length),
    end: new Uint32Array(lines.length),
    asn: new Uint32Array(lines.length),
    org: new Uint32Array(lines.length),
  };
  let n = 0;
  for (const line of lines) {
    const row = splitRow(line);
    if (!row) continue;
    t.start[n] = Number(row[0]);
    t.end[n] = Number(row[1]);
    t.asn[n] = Number(row[2]);
    t.org[n] = internOrg(index, row[3]);
    n++;
  }
  if (n === 0) return null;
  return { start: t.start.slice(0, n), end: t.end.slice(0, n), asn: t.asn.slice(0, n), org: t.org.slice(0, n) };
}

function loadTable6(index: Map<string, number>): AsnTable6 | null {
  const lines = readRows('asn-ipv6-num.csv');
  const len = lines.length;
  const t: AsnTable6 = {
    startHi: new BigUint64Array(len),
    startLo: new BigUint64Array(len),
    endHi: new BigUint64Array(len),
    endLo: new BigUint64Array(len),
    asn: new Uint32Array(len),
    org: new Uint32Array(len),
  };
  let n = 0;
  for (const line of lines) {
    const row = splitRow(line);
    if (!row) continue;
    const s = BigInt(row[0]);
    const e = BigInt(row[1]);
    t.startHi[n] = s >> 64n;
    t.startLo[n] = s & MASK64;
    t.endHi[n] = e >> 64n;
    t.endLo[n] = e & MASK64;
    t.asn[n] = Number(row[2]);
    t.org[n] = internOrg(index, row[3]);
    n++;
  }
  if (n === 0) return null;
  return {
    startHi: t.startHi.slice(0, n),
    startLo: t.startLo.slice(0, n),
    endHi: t.endHi.slice(0, n),
    endLo: t.endLo.slice(0, n),
    asn: t.asn.slice(0, n),
    org: t.org.slice(0, n),
  };
}

/** Both families share one org list, so both load together the first time either is needed. */
function ensureAsnTables(): void {
  if (table4 !== undefined && table6 !== undefined) return;
  orgs = [];
  const index = new Map<string, number>();
  table4 = loadTable4(index);
  table6 = loadTable6(index);
}

function ipv4ToNumber(ip: string): number {
  const p = ip.split('.');
  return ((Number(p[0]) << 24) >>> 0) + (Number(p[1]) << 16) + (Number(p[2]) << 8) + Number(p[3]);
}

/** Expands `::` and a trailing dotted quad; the input is already validated by `isIPv6`. */
export function ipv6ToBigInt(ip: string): bigint {
  let text = ip.split('%')[0] ?? ip;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v4 = ipv4ToNumber(dotted[1]);
    text = `${text.slice(0, dotted.index)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail === undefined ? [] : tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array<string>(8 - headParts.length - tailParts.length).fill('0');
  let value = 0n;
  for (const part of [...headParts, ...fill, ...tailParts]) value = (value << 16n) | BigInt(parseInt(part, 16));
  return value;
}

function search4(t: AsnTable4, v: number): number {
  let lo = 0;
  let hi = t.start.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((t.start[mid] ?? 0) <= v) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && v <= (t.end[found] ?? 0) ? found : -1;
}

function search6(t: AsnTable6, v: bigint): number {
  const vh = v >> 64n;
  const vl = v & MASK64;
  const le = (h: bigint, l: bigint, h2: bigint, l2: bigint): boolean => h < h2 || (h === h2 && l <= l2);
  let lo = 0;
  let hi = t.startHi.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (le(t.startHi[mid] ?? 0n, t.startLo[mid] ?? 0n, vh, vl)) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && le(vh, vl, t.endHi[found] ?? 0n, t.endLo[found] ?? 0n) ? found : -1;
}

function lookupAsn(ip: string, family: 4 | 6): { asn: number; network: string } | undefined {
  ensureAsnTables();
  let i = -1;
  let asn = 0;
  let org = 0;
  if (family === 4 && table4) {
    i = search4(table4, ipv4ToNumber(ip));
    if (i >= 0) [asn, org] = [table4.asn[i] ?? 0, table4.org[i] ?? 0];
  } else if (family === 6 && table6) {
    i = search6(table6, ipv6ToBigInt(ip));
    if (i >= 0) [asn, org] = [table6.asn[i] ?? 0, table6.org[i] ?? 0];
  }
  if (i < 0 || asn === 0) return undefined;
  return { asn, network: orgs[org] ?? '' };
}

function lookupCountry(ip: string): string | undefined {
  const record: unknown = countryDb()?.get(ip);
  if (record && typeof record === 'object' && 'country_code' in record && typeof record.country_code === 'string')
    return record.country_code;
  return undefined;
}

/** IPv4-mapped IPv6 clients (`::ffff:1.2.3.4`, common in dual-stack server logs) are the IPv4 host. */
function unmap(ip: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m?.[1] ?? ip;
}

/** Country (ISO 3166 alpha-2), AS number and AS organisation of an address, from the bundled offline databases. */
export function lookupIp(input: string): IpInfo {
  const ip = unmap(input.trim().replace(/^\[|\]$/g, ''));
  const cached = cache.get(ip);
  if (cached) return cached;
  const family = isIPv4(ip) ? 4 : isIPv6(ip) ? 6 : 0;
  let info: IpInfo = {};
  if (family === 4 || family === 6) {
    if (reserved.check(ip, family === 4 ? 'ipv4' : 'ipv6')) info = { network: 'private' };
    else {
      const country = lookupCountry(ip);
      const asn = lookupAsn(ip, family);
      info = { ...(country ? { country } : {}), ...(asn ?? {}) };
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(ip, info);
  return info;
}
