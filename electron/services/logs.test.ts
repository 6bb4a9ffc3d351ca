import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureSet } from '../test-support/generate/fixture-set';
import { combinedLog, logFixtures, webdavLog } from '../test-support/generate/logs';
import { writeZip } from '../test-support/generate/zips';
import { workspace, type Workspace } from '../test-support/ingest-kit';
import { getArtifact } from './artifacts';
import { caseDb } from './case-store';
import { rerunExtraction } from './reextract';
import { waitForJob } from './ingest/ingest-service';
import { logRequests, logSummary } from './logs';
import { timeline } from './search';

const enc = new TextEncoder();
/** More requests than one chunk holds (4096), so they cross from the worker in several, under flow control. */
const LONG_LINES = 10_000;
const longLog = (): string =>
  Array.from({ length: LONG_LINES }, (_, i) => {
    const s = String(i % 60).padStart(2, '0');
    const m = String(Math.floor(i / 60) % 60).padStart(2, '0');
    const h = String(10 + Math.floor(i / 3600)).padStart(2, '0');
    return `${i % 2 ? '36.49.8.8' : '223.100.11.2'} - - [20/Mar/2024:${h}:${m}:${s} +0900] "GET /dav/f${i}.psd HTTP/1.1" 200 ${i} "-" "curl/8.5.0"`;
  }).join('\n');

describe('access logs stored as rows, analysed with SQL, on the timeline', () => {
  let ws: Workspace;
  let dir: string;
  const idOf = (p: string): number => {
    const found = ws.artifacts(dir).find((a) => a.path === p);
    if (!found) throw new Error(`no artifact ${p}`);
    return found.id;
  };

  beforeAll(async () => {
    ws = workspace();
    const evidence = path.join(ws.root, 'evidence');
    await writeFixtureSet(evidence, logFixtures());
    writeFileSync(path.join(evidence, 'logs/long.log'), enc.encode(`${longLog()}\n`));
    writeFileSync(path.join(evidence, 'logs/rotated.zip'), writeZip([{ name: 'access.log.1', data: webdavLog().bytes }]));
    dir = ws.newCase();
    const job = await ws.ingest(dir, evidence);
    expect(job.status).toBe('done');
  });
  afterAll(() => ws.cleanup());

  it('keeps requests out of the extraction and off the timestamps table', () => {
    const db = caseDb(dir);
    const rows = db.prepare("SELECT count(*) AS n FROM timestamps WHERE field = 'AccessLog:Request'").get() as { n: number };
    expect(Number(rows.n)).toBe(0);
    const stored = db.prepare('SELECT artifact_id AS id, count(*) AS n FROM log_requests GROUP BY artifact_id').all() as {
      id: number;
      n: number;
    }[];
    const byPath = Object.fromEntries(stored.map((r) => [ws.artifacts(dir).find((a) => a.id === Number(r.id))?.path, Number(r.n)]));
    expect(byPath).toEqual({
      [combinedLog().name]: combinedLog().expected.parsed,
      'logs/access_log.txt': logFixtures()[1]?.expected.parsed,
      [webdavLog().name]: webdavLog().expected.parsed,
      'logs/long.log': LONG_LINES,
      'logs/rotated.zip!/access.log.1': webdavLog().expected.parsed,
    });
  });

  it('stores every request of a long log once, in line order', () => {
    const page = logRequests({ dir, artifactId: idOf('logs/long.log'), offset: LONG_LINES - 2, limit: 10 });
    expect(page.total).toBe(LONG_LINES);
    expect(page.items.map((r) => r.line)).toEqual([LONG_LINES - 1, LONG_LINES]);
    expect(page.items[1]).toMatchObject({ ip: '36.49.8.8', region: 'Jilin', path: `/dav/f${LONG_LINES - 1}.psd`, bytes: LONG_LINES - 1 });
  });

  it("fills the extraction's clients, countries and AccessLog metadata from the stored rows", () => {
    const log = combinedLog();
    const detail = getArtifact(dir, idOf(log.name));
    const summary = detail.extraction?.logSummary;
    for (const [ip, exp] of Object.entries(log.expected.clients ?? {})) {
      const client = summary?.clients.find((c) => c.ip === ip);
      expect(client?.requests, ip).toBe(exp.requests);
      expect(client?.country, ip).toBe(exp.country);
      expect(client?.asn, ip).toBe(exp.asn);
      if (exp.region) expect(client?.region, ip).toBe(exp.region);
    }
    expect(Object.fromEntries((summary?.countries ?? []).map((c) => [c.country, c.requests]))).toEqual(log.expected.countries);
    const group = detail.extraction?.metadata['AccessLog'];
    expect(group?.['Countries']?.value).toBe('CN (86), KP (9), KR (4), US (3), RU (1)');
    expect(String(group?.['Regions']?.value)).toMatch(/^CN · Liaoning \(\d+\), /);
    expect(String(group?.['Regions']?.value)).toContain('CN · Jilin (12)');
    expect(String(group?.['Regions']?.value)).toContain('KP · Pyongyang (9)');
  });

  it('groups a log by place, network, method and path, with first and last request', () => {
    const log = webdavLog();
    const a = logSummary({ dir, artifactId: idOf(log.name) });
    expect(a).toMatchObject({ format: 'combined', lines: log.expected.lines, parsed: log.expected.parsed, requests: log.expected.parsed });
    expect(a.clientCount).toBe(Object.keys(log.expected.clients ?? {}).length);
    expect(a.firstAt).toBe(new Date(log.expected.firstAt ?? '').toISOString());
    expect(a.lastAt).toBe(new Date(log.expected.lastAt ?? '').toISOString());
    const places = Object.fromEntries(
      a.places.filter((p) => p.region !== null).map((p) => [`${p.country} · ${p.region}`, { clients: p.clients, requests: p.requests }]),
    );
    expect(places).toEqual(log.expected.regions);
    expect(a.places.find((p) => p.country === null)).toMatchObject({ clients: 1, requests: 1 });
    expect(a.networks.find((n) => n.asn === 56044)).toMatchObject({ network: 'China Mobile Communications Corporation', clients: 1 });
    expect(a.networks.find((n) => n.asn === null)).toMatchObject({ network: 'private', clients: 1 });
    for (const [ip, exp] of Object.entries(log.expected.clients ?? {})) {
      const client = a.clients.find((c) => c.ip === ip);
      expect(client, ip).toMatchObject({
        requests: exp.requests,
        country: exp.country ?? null,
        region: exp.region ?? null,
        asn: exp.asn ?? null,
      });
    }
    expect(Object.fromEntries(a.uploads.map((u) => [`${u.method} ${u.path}`, u.requests]))).toEqual(log.expected.uploads);
    expect(a.methods.find((m) => m.method === 'MKCOL')).toMatchObject({ requests: 1, clients: 1, isWrite: true });
    expect(a.methods.find((m) => m.method === 'GET')?.isWrite).toBe(false);
    const layout = a.downloads.find((d) => d.path === '/dav/invincible-s03/ep01_layout.psd');
    expect(layout).toMatchObject({ method: 'GET', requests: 5, succeeded: 5, clients: 4 });
    expect(a.downloads.find((d) => d.path === '/dav/secret.txt')).toMatchObject({ requests: 1, succeeded: 0 });
  });

  it('lists requests narrowed to a client, network, region or method, and says what is not a log', () => {
    const id = idOf(webdavLog().name);
    const jilin = logRequests({ dir, artifactId: id, country: 'CN', region: 'Jilin', offset: 0, limit: 100 });
    expect(jilin.total).toBe(8);
    expect(new Set(jilin.items.map((r) => r.ip))).toEqual(new Set(['36.49.8.8', '175.20.40.8']));
    expect(logRequests({ dir, artifactId: id, asn: 56044, method: 'PUT', offset: 0, limit: 100 }).total).toBe(4);
    expect(logRequests({ dir, artifactId: id, asn: 0, offset: 0, limit: 100 }).items.map((r) => r.ip)).toEqual(['192.168.1.10']);
    expect(logRequests({ dir, artifactId: id, country: '', offset: 0, limit: 100 }).total).toBe(1);
    expect(() => logSummary({ dir, artifactId: idOf('logs/near-miss/error_log') })).toThrow(/not an access log/);
    expect(() => logSummary({ dir, artifactId: 999_999 })).toThrow(/not in this case/);
  });

  it('puts requests on the timeline with where they came from, filtered by client, network or region', () => {
    const id = idOf(webdavLog().name);
    const liaoning = timeline({ dir, artifactId: id, country: 'CN', region: 'Liaoning', limit: 100 });
    expect(liaoning.events).toHaveLength(12);
    expect(liaoning.events.every((e) => e.field === 'AccessLog:Request' && e.artifactId === id)).toBe(true);
    expect(liaoning.events[0]?.label).toBe(
      'PROPFIND /dav/ 207 from 223.100.11.2 (CN · Liaoning, AS56044 China Mobile Communications Corporation)',
    );
    expect(liaoning.events[0]).toMatchObject({ value: webdavLog().expected.firstAt, hasOffset: true });
    const client = timeline({ dir, ip: '175.20.40.8', limit: 100 }).events;
    // The same client in the rotated copy inside the zip: the filter spans every log of the case.
    expect(client).toHaveLength(6);
    expect(new Set(client.map((e) => e.path))).toEqual(new Set([webdavLog().name, 'logs/rotated.zip!/access.log.1']));
    expect(timeline({ dir, asn: 131279, limit: 100 }).events.every((e) => e.label?.includes('(KP · Pyongyang, AS131279'))).toBe(true);
  });

  it('pages through a case with thousands of requests by cursor, matching one long page', () => {
    const all = timeline({ dir, limit: 100_000 }).events;
    expect(all.length).toBeGreaterThan(LONG_LINES);
    const paged = [];
    let after;
    for (let guard = 0; guard < 100; guard++) {
      const page = timeline({ dir, limit: 997, ...(after ? { after } : {}) });
      paged.push(...page.events);
      if (!page.next) break;
      after = page.next;
    }
    expect(paged).toEqual(all);
    const keys = all.map((e) => e.utc ?? e.value);
    expect(keys).toEqual([...keys].sort());
  });

  it('extracts again without doubling the rows, through the separate extraction pass', async () => {
    const source = caseDb(dir).prepare('SELECT id FROM sources').get() as { id: number };
    const { job } = await rerunExtraction({ dir, sourceId: Number(source.id), all: true }, ws.ctx);
    expect((await waitForJob(dir, job.id)).status).toBe('done');
    expect(logRequests({ dir, artifactId: idOf('logs/long.log'), offset: 0, limit: 1 }).total).toBe(LONG_LINES);
    expect(logRequests({ dir, artifactId: idOf('logs/rotated.zip!/access.log.1'), offset: 0, limit: 1 }).total).toBe(
      webdavLog().expected.parsed,
    );
    expect(logSummary({ dir, artifactId: idOf(webdavLog().name) }).requests).toBe(webdavLog().expected.parsed);
  });
});
