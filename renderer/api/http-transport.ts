import type { Transport } from '../../shared/ipc/client';
import type { EventName } from '../../shared/ipc/contract';
import { fail, type Result } from '../../shared/ipc/result';
import type { ErrorCode } from '../../shared/errors';

export interface HttpTransportDeps {
  fetch: typeof fetch;
  EventSource: typeof EventSource;
}

const TOKEN_HEADER = 'x-workbench-token';

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
 * The token travels as a header (and the HttpOnly cookie the host set with index.html); EventSource cannot
 * send headers, so it relies on the cookie and carries the token in the query as well.
 */
export function httpTransport(origin: string, token: string | null, deps: HttpTransportDeps = defaultDeps()): Transport {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  const ensureSource = (): EventSource => {
    if (source) return source;
    const url = new URL('/events', origin);
    if (token) url.searchParams.set('token', token);
    source = new deps.EventSource(url.href, { withCredentials: true });
    return source;
  };

  return {
    invoke: async (channel, input) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers[TOKEN_HEADER] = token;
      let response: Response;
      try {
        response = await deps.fetch(new URL(`/rpc/${encodeURIComponent(channel)}`, origin).href, {
          method: 'POST',
          headers,
          credentials: 'same-origin',
          body: input === undefined ? '' : JSON.stringify(input),
        });
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
      let set = listeners.get(event);
      if (!set) {
        const created = new Set<(payload: unknown) => void>();
        set = created;
        listeners.set(event, created);
        ensureSource().addEventListener(event, (e) => {
          let payload: unknown;
          try {
            payload = JSON.parse((e as MessageEvent<string>).data);
          } catch {
            return;
          }
          for (const fn of created) fn(payload);
        });
      }
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };
}

function defaultDeps(): HttpTransportDeps {
  return { fetch: globalThis.fetch.bind(globalThis), EventSource: globalThis.EventSource };
}
