import { describe, expect, it } from 'vitest';
import { combinedLog, commonLog, logFixtures } from '../test-support/generate/logs';
import { LogSummary } from '../../shared/domain/extraction';
import { runExtractor } from '../test-support/extract';
import { accessLogExtractor, createAccessLogExtractor, detectAccessLog, parseClfTime, parseLine } from './access-log';

const run = (name: string, bytes: Uint8Array): ReturnType<typeof runExtractor> => runExtractor(accessLogExtractor, name, bytes);

describe('accessLogExtractor on generated logs', () => {
  for (const item of logFixtures()) {
    it(`${item.name} is ${item.expected.recognised ? '' : 'not '}recognised`, async () => {
      const { accepted, out, requests } = await run(item.name, item.bytes);
      expect(accepted).toBe(item.expected.recognised);
      if (!out) return;
      const s = out.logSummary;
      expect(LogSummary.safeParse(s).success).toBe(true);
      expect(s?.format).toBe(item.expected.format);
      expect(s?.lines).toBe(item.expected.lines);
      expect(s?.parsed).toBe(item.expected.parsed);
      expect(s?.firstAt).toBe(item.expected.firstAt);
      expect(s?.lastAt).toBe(item.expected.lastAt);
      for (const [ip, exp] of Object.entries(item.expected.clients ?? {})) {
        expect(s?.clients.find((c) => c.ip === ip)?.requests, ip).toBe(exp.requests);
        expect(
          requests.filter((r) => r.ip === ip),
          ip,
        ).toHaveLength(exp.requests);
      }
      expect(requests).toHaveLength(item.expected.parsed ?? -1);
      expect(out.timestamps ?? []).toEqual([]);
      expect(out.text).toBe(new TextDecoder().decode(item.bytes));
    });
  }

  it('summarises who accessed the server, most active first, with paths and agents; places are left to the rows', async () => {
    const { out } = await run('www-access.1', combinedLog().bytes);
    const s = out?.logSummary;
    expect(s?.clients[0]).toMatchObject({ ip: '175.167.13.9', requests: 41 });
    expect(s?.clients[0]?.country).toBeUndefined();
    expect(s?.clients[0]?.topPaths[0]?.path).toMatch(/^\/works\/invincible\/s02\/ep05\//);
    expect(s?.clients[0]?.userAgents).toContain(
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36',
    );
    expect(s?.countries).toEqual([]);
    const counts = s?.clients.map((c) => c.requests) ?? [];
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('hands every request on in line order, with the logged time, its UTC instant and the request fields', async () => {
    const { requests, chunks } = await run('www-access.1', combinedLog().bytes);
    expect(chunks).toBe(1);
    expect(requests.map((r) => r.line)).toEqual([...requests.map((r) => r.line)].sort((a, b) => a - b));
    const first = requests[0];
    expect(first?.at).toMatch(/^2024-03-15T\d{2}:\d{2}:\d{2}\+09:00$/);
    expect(first?.utc).toBe(new Date(first?.at ?? '').toISOString());
    const upload = requests.find((r) => r.path === '/upload.php');
    expect(upload).toMatchObject({ ip: '175.45.176.12', method: 'GET', status: 405, bytes: null });
    expect(upload?.userAgent).toContain('Chrome/79.0');
  });

  it('fills the AccessLog metadata group', async () => {
    const { out } = await run('www-access.1', combinedLog().bytes);
    const g = out?.metadata?.['AccessLog'];
    expect(g?.['Format']).toEqual({ value: 'Combined Log Format', raw: 'combined' });
    expect(g?.['Entries']?.value).toBe(combinedLog().expected.parsed);
    expect(g?.['UniqueClients']?.value).toBe(10);
    expect(g?.['FirstRequest']?.value).toBe(combinedLog().expected.firstAt);
  });

  it('reports lines that are not requests without failing the log', async () => {
    const { out, requests } = await run('www-access.1', combinedLog().bytes);
    expect(out?.warnings?.join('\n')).toMatch(/1 non-empty line did not parse as access-log entries \(line 12\)/);
    const probe = requests.find((e) => e.status === 400);
    expect(probe).toMatchObject({ ip: '175.167.13.9', path: String.raw`\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03`, method: null });
  });

  it('keeps hostname clients of the common format', async () => {
    const { out, requests } = await run('access_log.txt', commonLog().bytes);
    const host = out?.logSummary?.clients.find((c) => c.ip.endsWith('googlebot.com'));
    expect(host).toMatchObject({ requests: 1, topPaths: [{ path: '/', count: 1 }] });
    expect(requests[0]).toMatchObject({ line: 1, method: 'HEAD', path: '/', status: 200, bytes: null, referer: null, userAgent: null });
  });

  it('hands a long log on in chunks of 4096 requests and counts every line', async () => {
    const line = '175.167.13.9 - - [15/Mar/2024:14:22:05 +0900] "GET /a HTTP/1.1" 200 12 "-" "x"\n';
    const bytes = new TextEncoder().encode(line.repeat(10_000));
    const { out, requests, chunks } = await run('big.log', bytes);
    expect(out?.logSummary?.parsed).toBe(10_000);
    expect(requests).toHaveLength(10_000);
    expect(chunks).toBe(3);
    expect(requests.at(-1)?.line).toBe(10_000);
    expect(out?.warnings ?? []).toEqual([]);
  });

  it('stops handing requests on at the limit, says so, and still counts every line and client', async () => {
    const line = (i: number): string => `175.167.13.${i % 7} - - [15/Mar/2024:14:22:05 +0900] "GET /a HTTP/1.1" 200 12 "-" "x"\n`;
    const bytes = new TextEncoder().encode(Array.from({ length: 5000 }, (_, i) => line(i)).join(''));
    const { out, requests } = await runExtractor(createAccessLogExtractor(4500), 'capped.log', bytes);
    expect(requests).toHaveLength(4500);
    expect(out?.logSummary?.parsed).toBe(5000);
    expect(out?.logSummary?.clients).toHaveLength(7);
    expect(out?.warnings).toContain(
      '5000 requests: only the first 4500 are stored, listed, placed on the timeline and counted per network and region; the line and client counts cover all',
    );
  });

  it('keeps only the start of a line that runs on for megabytes, and still counts the lines after it', async () => {
    const line = '175.167.13.9 - - [15/Mar/2024:14:22:05 +0900] "GET /a HTTP/1.1" 200 12 "-" "x"\n';
    const bytes = new TextEncoder().encode(`${line.repeat(20)}${'x'.repeat(9 * 1024 * 1024)}\n${line}`);
    const { out } = await run('runaway.log', bytes);
    expect(out?.logSummary?.lines).toBe(22);
    expect(out?.logSummary?.parsed).toBe(21);
    expect(out?.text?.length).toBeLessThan(1024 * 1024);
    expect(out?.warnings?.join('\n')).toMatch(/^1 line longer than 65536 characters: only the start was kept$/m);
  });
});

describe('line parsing', () => {
  it('converts the logged time with its offset to ISO 8601', () => {
    expect(parseClfTime('10/Oct/2000:13:55:36 -0700')).toEqual({
      iso: '2000-10-10T13:55:36-07:00',
      utcMs: Date.UTC(2000, 9, 10, 20, 55, 36),
    });
    expect(parseClfTime('31/Foo/2000:13:55:36 -0700')).toBeUndefined();
  });

  it('parses the Apache documentation example and the combined variant', () => {
    expect(parseLine('127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326')).toMatchObject({
      ip: '127.0.0.1',
      time: '2000-10-10T13:55:36-07:00',
      method: 'GET',
      path: '/apache_pb.gif',
      status: 200,
      bytes: 2326,
      combined: false,
    });
    expect(
      parseLine(
        '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"',
      ),
    ).toMatchObject({
      referer: 'http://www.example.com/start.html',
      userAgent: 'Mozilla/4.08 [en] (Win98; I ;Nav)',
      combined: true,
    });
  });

  it('handles IPv6 clients, escaped quotes, dashes, vhost prefixes and trailing fields', () => {
    expect(parseLine('2001:db8::1 - - [15/Mar/2024:14:22:05 +0900] "GET / HTTP/2.0" 304 - "-" "a \\"quoted\\" agent"')).toMatchObject({
      ip: '2001:db8::1',
      status: 304,
      userAgent: 'a "quoted" agent',
    });
    expect(parseLine('2001:db8::1 - - [15/Mar/2024:14:22:05 +0900] "GET / HTTP/2.0" 304 -')?.bytes).toBeUndefined();
    expect(
      parseLine('www.example.org:443 175.167.13.9 - - [15/Mar/2024:14:22:05 +0900] "GET / HTTP/1.1" 200 5 "-" "curl" 0.012 "upstream"'),
    ).toMatchObject({ ip: '175.167.13.9', userAgent: 'curl' });
    expect(parseLine('59.44.30.17 - - [15/Mar/2024:14:31:00 +0900] "-" 408 - "-" "-"')).toMatchObject({ status: 408 });
  });

  it('rejects text that only resembles a log line', () => {
    expect(parseLine('Mar 15 14:24:00 srv01 sshd[3102]: Failed password for root from 175.167.13.9 port 51240 ssh2')).toBeUndefined();
    expect(parseLine('[Fri Mar 15 14:22:05.123456 2024] [core:error] [pid 2231] [client 175.167.13.9:51234] AH00126')).toBeUndefined();
  });

  it('detects by the share of matching lines and ignores a cut-off last line', () => {
    const good = '1.2.3.4 - - [15/Mar/2024:14:22:05 +0900] "GET / HTTP/1.1" 200 5';
    expect(detectAccessLog(`${good}\n${good}\n${good}\nnot a log line\n`, true)).toBe('common');
    expect(detectAccessLog(`${good}\nprose\nmore prose\n`, true)).toBeUndefined();
    expect(detectAccessLog(`${good}\n${good}\n1.2.3.4 - - [15/Ma`, false)).toBe('common');
    expect(detectAccessLog('', true)).toBeUndefined();
  });
});
