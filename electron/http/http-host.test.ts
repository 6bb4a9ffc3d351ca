import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, testBackend } from '../test-support/temp';
import { startHttpHost, type HttpHost } from './http-host';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw HTTP so the test controls the Host header, which fetch() does not allow. */
function send(host: HttpHost, method: string, urlPath: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, method, path: urlPath, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('loopback web host', () => {
  let tmp: ReturnType<typeof tempDir>;
  let host: HttpHost;
  let backend: ReturnType<typeof testBackend>;
  let emit: ReturnType<typeof testBackend>['ctx']['emit'];
  const ownHost = (): string => `127.0.0.1:${host.port}`;

  beforeEach(async () => {
    tmp = tempDir();
    writeFileSync(path.join(tmp.dir, 'secret.txt'), 'outside');
    const rendererDir = path.join(tmp.dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(path.join(rendererDir, 'index.html'), '<html><head><title>t</title></head><body>app</body></html>');
    mkdirSync(path.join(rendererDir, 'assets'));
    writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
    backend = testBackend(path.join(tmp.dir, 'data'));
    emit = backend.ctx.emit;
    host = await startHttpHost({ backend, rendererDir });
  });
  afterEach(async () => {
    await host.close();
    await backend.close();
    tmp.cleanup();
  });

  it('listens on 127.0.0.1 and prints a URL carrying the token', () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[0-9a-f]{48}$`));
  });

  it('answers 401 without the token to RPC and event requests, and to a page address with a wrong token', async () => {
    for (const [method, p] of [
      ['GET', '/events'],
      ['POST', '/events/ticket'],
      ['POST', '/rpc/app.info'],
    ] as const) {
      const reply = await send(host, method, p, { host: ownHost(), 'content-type': 'application/json' }, '');
      expect(reply.status, `${method} ${p}`).toBe(401);
    }
    expect((await send(host, 'GET', '/?token=wrong', { host: ownHost() })).status).toBe(401);
  });

  it('accepts the token only in its header: never as a cookie or in the query of an RPC', async () => {
    const json = { host: ownHost(), 'content-type': 'application/json' };
    expect((await send(host, 'POST', '/rpc/cases.recent', { ...json, cookie: `workbench_token=${host.token}` }, '')).status).toBe(401);
    expect((await send(host, 'POST', `/rpc/cases.recent?token=${host.token}`, json, '')).status).toBe(401);
    expect((await send(host, 'POST', '/rpc/cases.recent', { ...json, 'x-workbench-token': host.token }, '')).status).toBe(200);
  });

  it('answers 401 for a foreign Host header even with the right token (DNS rebinding)', async () => {
    const reply = await send(host, 'GET', `/?token=${host.token}`, { host: `evil.example:${host.port}` });
    expect(reply.status).toBe(401);
    expect(reply.body).toContain('Host');
  });

  it('rejects a foreign Origin on RPC', async () => {
    const reply = await send(host, 'POST', '/rpc/app.info', {
      host: ownHost(),
      origin: 'http://evil.example',
      'x-workbench-token': host.token,
      'content-type': 'application/json',
    });
    expect(reply.status).toBe(403);
  });

  it('serves the page shell and assets without the token and without a cookie, with a CSP, and never files outside it', async () => {
    for (const address of [`/?token=${host.token}`, '/', '/assets/app.js']) {
      const reply = await send(host, 'GET', address, { host: ownHost() });
      expect(reply.status, address).toBe(200);
      expect(reply.headers['set-cookie'], address).toBeUndefined();
      expect(reply.body, address).not.toContain(host.token);
      expect(reply.headers['content-security-policy']).toContain("default-src 'self'");
    }
    const escape = await send(host, 'GET', '/..%2fsecret.txt', { host: ownHost() });
    expect(escape.body).not.toContain('outside');
  });

  it('dispatches RPC calls with the token header', async () => {
    const headers = { host: ownHost(), 'content-type': 'application/json', 'x-workbench-token': host.token };
    const info = JSON.parse((await send(host, 'POST', '/rpc/app.info', headers, '')).body) as { ok: boolean; value: { host: string } };
    expect(info).toMatchObject({ ok: true, value: { host: 'web' } });
    const bad = JSON.parse((await send(host, 'POST', '/rpc/cases.create', headers, '{"dir":""}')).body) as {
      ok: boolean;
      error: { code: string };
    };
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answers a damaged case with its own code, not internal', async () => {
    const dir = path.join(tmp.dir, 'empty-case');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'case.sqlite'), '');
    const headers = { host: ownHost(), 'content-type': 'application/json', 'x-workbench-token': host.token };
    const reply = JSON.parse((await send(host, 'POST', '/rpc/cases.open', headers, JSON.stringify({ dir }))).body) as unknown;
    expect(reply).toMatchObject({ ok: false, error: { code: 'case_damaged', message: expect.stringContaining('is empty (0 bytes)') } });
  });

  it('answers an oversized body with 413 and a message instead of resetting the connection', async () => {
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'POST',
          path: '/rpc/app.info',
          headers: { host: ownHost(), 'content-type': 'application/json', 'x-workbench-token': host.token },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      req.on('error', reject);
      // A streamed (chunked) body, so the limit is hit while reading rather than from Content-Length.
      let sent = 0;
      const pump = (): void => {
        while (sent < 8 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(reply.status).toBe(413);
    expect(reply.body).toMatch(/request body too large/);
    const declared = await send(host, 'POST', '/rpc/app.info', {
      host: ownHost(),
      'content-type': 'application/json',
      'x-workbench-token': host.token,
      'content-length': String(64 * 1024 * 1024),
    }).catch((e: unknown) => e);
    expect(declared).toMatchObject({ status: 413 });
  });

  it('answers a malformed percent-escape with 400, not an internal error', async () => {
    const headers = { host: ownHost(), 'content-type': 'application/json', 'x-workbench-token': host.token };
    expect((await send(host, 'POST', '/rpc/%E0', headers, '{}')).status).toBe(400);
    expect((await send(host, 'GET', '/%E0', headers)).status).toBe(400);
  });

  const ticket = async (): Promise<string> => {
    const reply = await send(host, 'POST', '/events/ticket', { host: ownHost(), 'x-workbench-token': host.token });
    return (JSON.parse(reply.body) as { ticket: string }).ticket;
  };

  it('streams pushed events over SSE to the holder of a ticket, which works once', async () => {
    const issued = await ticket();
    expect(issued).toMatch(/^[0-9a-f]{48}$/);
    const received = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: host.port, path: `/events?ticket=${issued}`, headers: { host: ownHost() } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString('utf8');
          if (text.includes(': connected')) {
            emit('ingest.finished', {
              id: 1,
              caseDir: '/c',
              sourceId: 1,
              sourcePath: '/e',
              status: 'done',
              startedAt: 'x',
              finishedAt: null,
              filesTotal: 1,
              filesDone: 1,
              bytesTotal: 1,
              bytesDone: 1,
              errorCount: 0,
              message: null,
            });
          }
          if (text.includes('data: ')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('event: ingest.finished');
    expect(received).toContain('"sourcePath":"/e"');
    expect((await send(host, 'GET', `/events?ticket=${issued}`, { host: ownHost() })).status).toBe(401);
    expect((await send(host, 'GET', `/events?token=${host.token}`, { host: ownHost() })).status).toBe(401);
  });
});
