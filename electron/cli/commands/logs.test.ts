import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogAnalysis, LogRequestPage } from '../../../shared/domain/logs';
import type { TimelinePage } from '../../../shared/domain/search';
import { webdavLog } from '../../test-support/generate/logs';
import { cli } from '../../test-support/cli';
import { tempDir } from '../../test-support/temp';

const tmp = tempDir('wb-cli-logs-');
const dataDir = process.env.WORKBENCH_DATA_DIR;
const caseDir = path.join(tmp.dir, 'case');
const log = webdavLog();

describe('workbench logs / timeline filters', () => {
  let id = '';
  beforeAll(async () => {
    process.env.WORKBENCH_DATA_DIR = path.join(tmp.dir, 'data');
    const ev = path.join(tmp.dir, 'evidence');
    mkdirSync(ev, { recursive: true });
    writeFileSync(path.join(ev, 'dav.access.log'), log.bytes);
    expect((await cli('case', 'create', caseDir, '--name', 'C', '--examiner', 'E')).code).toBe(0);
    expect((await cli('ingest', caseDir, ev, '--json')).code).toBe(0);
    const listed = JSON.parse((await cli('list', caseDir, '--json')).out) as { id: number; path: string }[];
    id = String(listed.find((a) => a.path === 'dav.access.log')?.id);
  });
  afterAll(() => {
    if (dataDir === undefined) delete process.env.WORKBENCH_DATA_DIR;
    else process.env.WORKBENCH_DATA_DIR = dataDir;
    tmp.cleanup();
  });

  it('summarises a log by place and network, as text and as JSON', async () => {
    const text = await cli('logs', caseDir, id);
    expect(text.code).toBe(0);
    expect(text.out).toContain('CN · Liaoning · 2 clients · 12 requests');
    expect(text.out).toContain('CN · Jilin · 2 clients · 8 requests');
    expect(text.out).toMatch(/MKCOL +\/dav\/invincible-s03\/ +\(1 ok, 1 client/);
    const json = JSON.parse((await cli('logs', caseDir, id, '--json')).out) as LogAnalysis;
    expect(json.requests).toBe(log.expected.parsed);
    expect(json.places.find((p) => p.region === 'Jilin')).toMatchObject({ country: 'CN', clients: 2, requests: 8 });
  });

  it('lists requests filtered by region, client or network, and refuses filters without --requests', async () => {
    const page = JSON.parse(
      (await cli('logs', caseDir, id, '--requests', '--country', 'cn', '--region', 'Jilin', '--json')).out,
    ) as LogRequestPage;
    expect(page.total).toBe(8);
    const text = await cli('logs', caseDir, id, '--requests', '--ip', '223.100.11.2', '--limit', '2');
    expect(text.out).toMatch(
      /^ +1 {2}2024-03-18T10:00:00\+09:00 {2}223\.100\.11\.2 {2}PROPFIND \/dav\/ 207 {2}\(CN · Liaoning, AS56044 China Mobile/,
    );
    expect(text.out).toContain('2 of 10 requests');
    expect(JSON.parse((await cli('logs', caseDir, id, '--requests', '--asn', 'AS4134', '--json')).out)).toMatchObject({ total: 5 });
    const refused = await cli('logs', caseDir, id, '--ip', '1.2.3.4');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('--ip applies to --requests');
  });

  it('pages the timeline by cursor and narrows it to a place', async () => {
    const first = JSON.parse(
      (await cli('timeline', caseDir, '--region', 'Liaoning', '--country', 'CN', '--limit', '5', '--json')).out,
    ) as TimelinePage;
    expect(first.events).toHaveLength(5);
    expect(first.events.every((e) => e.label?.includes('(CN · Liaoning'))).toBe(true);
    const rest = JSON.parse(
      (await cli('timeline', caseDir, '--region', 'Liaoning', '--country', 'CN', '--after', JSON.stringify(first.next), '--json')).out,
    ) as TimelinePage;
    expect(rest.events).toHaveLength(7);
    expect(rest.next).toBeNull();
    expect(rest.events[0]?.utc && first.events[4]?.utc && rest.events[0].utc > first.events[4].utc).toBe(true);
    expect((await cli('timeline', caseDir, '--after', '{"key":1}')).code).toBe(2);
  });
});
