import { describe, expect, it, vi } from 'vitest';
import { httpTransport, type HttpTransportDeps } from './http-transport';

class FakeEventSource {
  static last: FakeEventSource | null = null;
  readonly handlers = new Map<string, (e: MessageEvent<string>) => void>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(name: string, fn: (e: MessageEvent<string>) => void): void {
    this.handlers.set(name, fn);
  }
}

const deps = (fetchImpl: typeof fetch): HttpTransportDeps => ({
  fetch: fetchImpl,
  EventSource: FakeEventSource as unknown as typeof EventSource,
});

describe('httpTransport', () => {
  it('posts JSON to /rpc/<channel> with the token header and returns the Result', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: [] }), { status: 200 }));
    const t = httpTransport('http://127.0.0.1:4000', 'secret', deps(fetchMock as unknown as typeof fetch));
    await expect(t.invoke('cases.recent', undefined)).resolves.toEqual({ ok: true, value: [] });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://127.0.0.1:4000/rpc/cases.recent');
    expect(init.method).toBe('POST');
    expect(init.body).toBe('');
    expect((init.headers as Record<string, string>)['x-workbench-token']).toBe('secret');
  });

  it('turns HTTP refusals and network failures into readable failures', async () => {
    const refused = httpTransport(
      'http://127.0.0.1:4000',
      'x',
      deps((async () => new Response('missing or wrong token\n', { status: 401 })) as unknown as typeof fetch),
    );
    await expect(refused.invoke('app.info', undefined)).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringContaining('missing or wrong token') },
    });
    const down = httpTransport(
      'http://127.0.0.1:4000',
      'x',
      deps((async () => Promise.reject(new TypeError('fetch failed'))) as unknown as typeof fetch),
    );
    await expect(down.invoke('app.info', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'io' } });
  });

  it('shares one EventSource and delivers parsed payloads per event name', () => {
    const t = httpTransport('http://127.0.0.1:4000', 'tok', deps(vi.fn() as unknown as typeof fetch));
    const a = vi.fn();
    const b = vi.fn();
    t.subscribe('ingest.progress', a);
    const off = t.subscribe('ingest.progress', b);
    const source = FakeEventSource.last;
    expect(source?.url).toBe('http://127.0.0.1:4000/events?token=tok');
    source?.handlers.get('ingest.progress')?.({ data: '{"jobId":1}' } as MessageEvent<string>);
    off();
    source?.handlers.get('ingest.progress')?.({ data: '{"jobId":2}' } as MessageEvent<string>);
    expect(a.mock.calls).toEqual([[{ jobId: 1 }], [{ jobId: 2 }]]);
    expect(b.mock.calls).toEqual([[{ jobId: 1 }]]);
  });
});
