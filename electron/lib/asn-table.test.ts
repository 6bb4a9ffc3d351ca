import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp';
import { encodeAsnTable, loadAsnTable, openAsnTable } from './asn-table';

const require = createRequire(import.meta.url);
const asnDir = dirname(require.resolve('@ip-location-db/asn/package.json'));

const CSV4 = [
  '16777216,16777471,13335,Cloudflare, Inc.',
  '16777472,16778239,0,',
  '16778240,16779263,38803,"Wirefreebroadband ""Pty"" LTD"',
].join('\n');
const CSV6 = ['42540528726795050063891204319802818560,42540528806023212578155541913346768895,6939,Hurricane Electric LLC'].join('\n');

describe('the binary ASN table', () => {
  let tmp: ReturnType<typeof tempDir> | undefined;
  afterEach(() => tmp?.cleanup());

  it('answers what the CSV rows say, quoted organisation names and empty ranges included', () => {
    const table = openAsnTable(encodeAsnTable(CSV4, CSV6));
    expect(table?.lookup4(16777216 + 5)).toEqual({ asn: 13335, network: 'Cloudflare, Inc.' });
    expect(table?.lookup4(16777472)).toBeUndefined();
    expect(table?.lookup4(16778240)).toEqual({ asn: 38803, network: 'Wirefreebroadband "Pty" LTD' });
    expect(table?.lookup4(16779264)).toBeUndefined();
    expect(table?.lookup4(5)).toBeUndefined();
    expect(table?.lookup6(42540528726795050063891204319802818560n + 99n)).toEqual({ asn: 6939, network: 'Hurricane Electric LLC' });
    expect(table?.lookup6(1n)).toBeUndefined();
  });

  it('refuses bytes that are not a table, or a truncated one', () => {
    const bytes = encodeAsnTable(CSV4, CSV6);
    expect(openAsnTable(bytes.subarray(0, bytes.byteLength - 8))).toBeNull();
    expect(openAsnTable(new TextEncoder().encode('16777216,16777471,13335,x'))).toBeNull();
    const unaligned = new Uint8Array(bytes.byteLength + 1);
    unaligned.set(bytes, 1);
    expect(openAsnTable(unaligned.subarray(1))?.lookup4(16777300)).toEqual({ asn: 13335, network: 'Cloudflare, Inc.' });
  });

  it('is built from the shipped CSVs once, cached under the data folder, and read back from there', () => {
    tmp = tempDir();
    const cache = join(tmp.dir, 'geo');
    const built = loadAsnTable(asnDir, cache);
    const files = readdirSync(cache);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^asn-[\d.]+-\d+-\d+\.bin$/);
    const cached = loadAsnTable(asnDir, cache);
    expect(cached?.lookup4(0x08080808)).toEqual({ asn: 15169, network: 'Google LLC' });
    expect(cached?.lookup4(0x08080808)).toEqual(built?.lookup4(0x08080808));
    // A valid table of other content in the cache file is what comes back: the second load read the cache, not the CSVs.
    const file = join(cache, files[0] as string);
    const real = readFileSync(file);
    writeFileSync(file, encodeAsnTable(CSV4, CSV6));
    expect(loadAsnTable(asnDir, cache)?.lookup4(16777300)).toEqual({ asn: 13335, network: 'Cloudflare, Inc.' });
    writeFileSync(file, real);
    // A damaged cache file is rebuilt rather than trusted.
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    expect(loadAsnTable(asnDir, cache)?.lookup4(0x08080808)).toEqual({ asn: 15169, network: 'Google LLC' });
    expect(readFileSync(file).byteLength).toBeGreaterThan(1_000_000);
  });

  it('answers nothing when the CSVs are missing', () => {
    expect(loadAsnTable('/nonexistent', undefined)).toBeNull();
  });
});
