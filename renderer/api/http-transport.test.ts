import { describe, expect, it, vi } from 'vitest';
import { httpTransport, type HttpTransportDeps } from './http-transport';

class FakeEventSource {
  static opened: FakeEventSource[] = [];
  readonly handlers = new Map<string, (e: Event) => void>();
  isClosed = false;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  addEventListener(name: string, fn: (e: Event) => void): void {
    this.handlers.set(name, fn);
  }
  close(): void {
    this.isClosed = true;
  }
  fire(name: string, data?: string): void {
    this.handlers.get(name)?.(data === undefined ? new Event(name) : ({ data } as MessageEvent<string>));
  }
}

type Call = [url: string, init: RequestInit];

/** A fake host: each ticket request answers the next ticket, RPC answers `{ ok: true, value: [] }`. */
function fakeHost() {
  const calls: Call[] = [];
  let tickets = 0;
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    calls.push([url, init]);
    if (url.endsWith('/events/ticket')) return new Response(JSON.stringify({ ticket: `t${++tickets}` }), { status: 200 });
    return new Response(JSON.stringify({ ok: true, value: [] }), { status: 200 });
  });
  const timers: (() => void)[] = [];
  FakeEventSource.opened = [];
  const deps: HttpTransportDeps = {
    fetch: fetchMock as unknown as typeof fetch,
    EventSource: FakeEventSource as unknown as typeof EventSource,
    setTimeout: (fn) => timers.push(fn),
  };
  return { calls, deps, timers };
}

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('httpTransport', () => {
  it('posts JSON to /rpc/<channel> with the token header and no credentials, and returns the Result', async () => {
    const host = fakeHost();
    const t = httpTransport('http://127.0.0.1:4000', 'secret', host.deps);
    await expect(t.invoke('cases.recent', undefined)).resolves.toEqual({ ok: true, value: [] });
    const [url, init] = host.calls[0] as Call;
    expect(url).toBe('http://127.0.0.1:4000/rpc/cases.recent');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('');
    expect(init.credentials).toBe('omit');
    expect((init.headers as Record<string, string>)['x-workbench-token']).toBe('secret');
  });

  it('turns HTTP refusals and network failures into readable failures', async () => {
    const deps = (f: () => Promise<Response>): HttpTransportDeps => ({ ...fakeHost().deps, fetch: f as unknown as typeof fetch });
    const refused = httpTransport(
      'http://127.0.0.1:4000',
      'x',
      deps(async () => new Response('missing or wrong token\n', { status: 401 })),
    );
    await expect(refused.invoke('app.info', undefined)).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('missing or wrong token') },
    });
    const down = httpTransport(
      'http://127.0.0.1:4000',
      'x',
      deps(async () => Promise.reject(new TypeError('fetch failed'))),
    );
    await expect(down.invoke('app.info', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'io' } });
  });

  it('opens one event stream with a ticket fetched under the token, and delivers parsed payloads per event name', async () => {
    const host = fakeHost();
    const t = httpTransport('http://127.0.0.1:4000', 'tok', host.deps);
    const a = vi.fn();
    const b = vi.fn();
    t.subscribe('ingest.progress', a);
    const off = t.subscribe('ingest.progress', b);
    await settle();
    const [ticketUrl, ticketInit] = host.calls[0] as Call;
    expect(ticketUrl).toBe('http://127.0.0.1:4000/events/ticket');
    expect((ticketInit.headers as Record<string, string>)['x-workbench-token']).toBe('tok');
    expect(FakeEventSource.opened.map((s) => s.url)).toEqual(['http://127.0.0.1:4000/events?ticket=t1']);
    const source = FakeEventSource.opened[0] as FakeEventSource;
    source.fire('ingest.progress', '{"jobId":1}');
    off();
    source.fire('ingest.progress', '{"jobId":2}');
    expect(a.mock.calls).toEqual([[{ jobId: 1 }], [{ jobId: 2 }]]);
    expect(b.mock.calls).toEqual([[{ jobId: 1 }]]);
  });

  it('reopens a broken stream with a fresh ticket, since a ticket is single-use', async () => {
    const host = fakeHost();
    const t = httpTransport('http://127.0.0.1:4000', 'tok', host.deps);
    const a = vi.fn();
    t.subscribe('ingest.finished', a);
    await settle();
    const first = FakeEventSource.opened[0] as FakeEventSource;
    first.fire('error');
    expect(first.isClosed).toBe(true);
    expect(host.timers).toHaveLength(1);
    host.timers[0]?.();
    await settle();
    expect(FakeEventSource.opened.map((s) => s.url)).toEqual([
      'http://127.0.0.1:4000/events?ticket=t1',
      'http://127.0.0.1:4000/events?ticket=t2',
    ]);
    FakeEventSource.opened[1]?.fire('ingest.finished', '{"id":3}');
    expect(a.mock.calls).toEqual([[{ id: 3 }]]);
  });
});
