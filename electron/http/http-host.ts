import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Backend } from '../backend';
import { logError } from '../lib/log';
import { CONTENT_SECURITY_POLICY } from '../lib/csp';
import { staticContentType } from '../lib/static-files';

export interface HttpHostOptions {
  backend: Pick<Backend, 'dispatch' | 'subscribe'>;
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface HttpHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const TOKEN_HEADER = 'x-workbench-token';
/** An event-stream ticket is good for one connection, opened within this time. */
const TICKET_TTL_MS = 30_000;
const MAX_TICKETS = 64;
const WRONG_TOKEN = 'missing or wrong token: open the URL printed by the web host';
const MIB = 1024 * 1024;
const MAX_BODY = 4 * MIB;
/** How long a refused oversized body is still read (and dropped) before the connection is cut. */
const DRAIN_MS = 2000;

/**
 * The loopback host for browser mode and browser e2e runs: the same dispatcher as Electron IPC over
 * `POST /rpc/<channel>`, events over SSE at `GET /events`, and the built renderer, all same-origin.
 *
 * Security (see docs/threat-model.md): every request must name this loopback address in Host (DNS rebinding) and,
 * when it has an Origin, ours. The per-run token authorises RPC and only travels in the `x-workbench-token` header,
 * which a page of another origin cannot add to a request here without our CORS consent (we give none). No cookie:
 * cookies are not separated by port, so one would reach every other server on 127.0.0.1. EventSource cannot send
 * headers, so `GET /events` takes a single-use ticket that `POST /events/ticket` hands out against the header.
 * The page shell and built assets are served without the token: they hold no secret and no case data.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      logError(`http ${req.method} ${req.url}`, e);
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.end();
    });
  });
  let port = 0;
  const tickets = new Map<string, number>();

  const allowedHosts = (): Set<string> => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 401, 'foreign Host header rejected');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) return send(res, 403, 'foreign Origin rejected');
    const pathname = decodePath(url.pathname);
    if (pathname === null) return send(res, 400, 'malformed percent-encoding in the URL');

    if (req.method === 'POST' && pathname.startsWith('/rpc/')) {
      if (!hasToken(req)) return send(res, 401, WRONG_TOKEN);
      return rpc(req, res, pathname.slice(5));
    }
    if (req.method === 'POST' && pathname === '/events/ticket') {
      if (!hasToken(req)) return send(res, 401, WRONG_TOKEN);
      return sendJson(res, 200, { ticket: issueTicket() });
    }
    if (req.method === 'GET' && pathname === '/events') {
      if (!redeemTicket(url.searchParams.get('ticket'))) return send(res, 401, 'missing, used or expired event ticket');
      return sse(req, res);
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      // The address the host printed carries the token for the page to pick up; a wrong one is a stale address.
      const offered = url.searchParams.get('token');
      if (offered !== null && !safeEqual(offered, token)) return send(res, 401, WRONG_TOKEN);
      return serveStatic(res, pathname);
    }
    return send(res, 405, 'method not allowed');
  }

  function hasToken(req: IncomingMessage): boolean {
    const offered = req.headers[TOKEN_HEADER];
    return typeof offered === 'string' && safeEqual(offered, token);
  }

  function issueTicket(): string {
    const now = Date.now();
    for (const [t, expires] of tickets) if (expires < now || tickets.size >= MAX_TICKETS) tickets.delete(t);
    const ticket = randomBytes(24).toString('hex');
    tickets.set(ticket, now + TICKET_TTL_MS);
    return ticket;
  }

  function redeemTicket(ticket: string | null): boolean {
    const expires = ticket === null ? undefined : tickets.get(ticket);
    if (ticket === null || expires === undefined) return false;
    tickets.delete(ticket);
    return expires >= Date.now();
  }

  async function rpc(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'expected application/json');
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return refuseBody(req, res);
    const body = await readBody(req);
    if (body === null) return refuseBody(req, res);
    let input: unknown;
    try {
      input = body.length === 0 ? undefined : JSON.parse(body);
    } catch {
      return sendJson(res, 200, { ok: false, error: { code: 'invalid_input', message: 'request body is not valid JSON' } });
    }
    sendJson(res, 200, await options.backend.dispatch(channel, input));
  }

  function sse(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    const unsubscribe = options.backend.subscribe((event, payload) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  }

  function serveStatic(res: ServerResponse, pathname: string): void {
    const root = path.resolve(options.rendererDir);
    const rel = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) return send(res, 404, 'not found');
    const target = existsSync(file) && statSync(file).isFile() ? file : path.join(root, 'index.html');
    if (!existsSync(target)) return send(res, 404, 'renderer is not built: run npm run build');
    const headers: Record<string, string> = {
      'content-type': staticContentType(target),
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    };
    if (path.basename(target) === 'index.html') headers['cache-control'] = 'no-store';
    res.writeHead(200, headers);
    createReadStream(target).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () => closeServer(server),
  };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A malformed escape (`/rpc/%E0`) is the client's mistake: null here, a 400 for the caller, not a 500. */
function decodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The body as text, or null once it passes MAX_BODY; the rest is then read and dropped, never kept. */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * 413, answered while the client may still be sending, then the connection is closed. Not by destroying the socket
 * at once: closing a socket with unread data makes the kernel reset the connection, and the reset can discard the
 * answer before the client reads it (what clients saw before: ECONNRESET instead of 413).
 */
function refuseBody(req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket;
  res.once('finish', () => {
    // Half-close: nothing more is answered on this connection, while what the client still sends is read and dropped.
    socket.end();
    setTimeout(() => socket.destroy(), DRAIN_MS).unref();
  });
  send(res, 413, `request body too large (the limit is ${MAX_BODY / MIB} MiB)`);
  req.resume();
}

function send(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(`${message}\n`);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
