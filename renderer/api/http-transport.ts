import type { Transport } from '../../shared/ipc/client';
import { events, type EventName } from '../../shared/ipc/contract';
import { fail, type Result } from '../../shared/ipc/result';
import type { ErrorCode } from '../../shared/errors';

export interface HttpTransportDeps {
  fetch: typeof fetch;
  EventSource: typeof EventSource;
  setTimeout: (fn: () => void, ms: number) => unknown;
}

const TOKEN_HEADER = 'x-workbench-token';
const RECONNECT_MS = 1000;
const RECONNECT_MAX_MS = 15_000;

const isResult = (v: unknown): v is Result<unknown> =>
  typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean';

function statusCode(status: number): ErrorCode {
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413 || status === 415) return 'invalid_input';
  return 'io';
}

/**
 * The contract over the loopback web host: `POST /rpc/<channel>` answers a JSON Result, `GET /events` is SSE.
 * The token lives only in this closure and goes out only as a header, never as a cookie (see the web host). The
 * event stream, which EventSource opens without headers, is authorised by a single-use ticket fetched with the
 * header first; a ticket cannot be reused, so after any error the stream is reopened with a fresh one.
 */
export function httpTransport(origin: string, token: string | null, deps: HttpTransportDeps = defaultDeps()): Transport {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let connecting = false;
  let delay = RECONNECT_MS;

  const post = (pathname: string, body: string): Promise<Response> =>
    deps.fetch(new URL(pathname, origin).href, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { [TOKEN_HEADER]: token } : {}) },
      credentials: 'omit',
      body,
    });

  const deliver = (event: EventName, e: Event): void => {
    let payload: unknown;
    try {
      payload = JSON.parse((e as MessageEvent<string>).data);
    } catch {
      return;
    }
    for (const fn of listeners.get(event) ?? []) fn(payload);
  };

  const reconnectLater = (): void => {
    deps.setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, RECONNECT_MAX_MS);
  };

  async function connect(): Promise<void> {
    let ticket: unknown;
    try {
      const reply = await post('/events/ticket', '');
      ticket = reply.ok ? ((await reply.json()) as { ticket?: unknown }).ticket : undefined;
    } catch {
      ticket = undefined;
    }
    if (typeof ticket !== 'string') return reconnectLater();
    const url = new URL('/events', origin);
    url.searchParams.set('ticket', ticket);
    const source = new deps.EventSource(url.href);
    source.addEventListener('open', () => {
      delay = RECONNECT_MS;
    });
    for (const name of Object.keys(events) as EventName[]) source.addEventListener(name, (e) => deliver(name, e));
    source.addEventListener('error', () => {
      source.close();
      reconnectLater();
    });
  }

  return {
    invoke: async (channel, input) => {
      let response: Response;
      try {
        response = await post(`/rpc/${encodeURIComponent(channel)}`, input === undefined ? '' : JSON.stringify(input));
      } catch {
        return fail('io', 'Cannot reach the workbench host. Is the web host (npm run web) still running?');
      }
      if (!response.ok) {
        const text = (await response.text().catch(() => '')).trim();
        return fail(
          statusCode(response.status),
          `The workbench host refused the request (HTTP ${response.status}${text ? `: ${text}` : ''}).`,
        );
      }
      try {
        const body: unknown = await response.json();
        return isResult(body) ? body : fail('internal', `Unexpected reply from the workbench host for ${channel}.`);
      } catch {
        return fail('internal', `The workbench host sent a reply for ${channel} that is not JSON.`);
      }
    },
    subscribe: (event, listener) => {
      if (!connecting) {
        connecting = true;
        void connect();
      }
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };
}

function defaultDeps(): HttpTransportDeps {
  return {
    fetch: globalThis.fetch.bind(globalThis),
    EventSource: globalThis.EventSource,
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  };
}
