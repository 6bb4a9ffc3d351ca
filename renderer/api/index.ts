import { createClient, type Client, type Transport } from '../../shared/ipc/client';
import { fail } from '../../shared/ipc/result';
import { bridgeTransport } from './bridge-transport';
import { httpTransport } from './http-transport';

let transport: Transport | null = null;

const current = (): Transport | null => transport;

/** The one typed client every slice calls. The transport behind it is chosen once at boot (or by a test). */
export const api: Client = createClient({
  invoke: (channel, input) => current()?.invoke(channel, input) ?? Promise.resolve(fail('internal', 'the API is not connected yet')),
  subscribe: (event, listener) => {
    const t = current();
    if (!t) throw new Error('the API is not connected yet');
    return t.subscribe(event, listener);
  },
});

export function connectApi(next: Transport): void {
  transport = next;
}

/** Electron's preload bridge when present, otherwise the loopback web host that served this page. */
export function detectTransport(): Transport {
  if (window.bridge) return bridgeTransport(window.bridge);
  return httpTransport(window.location.origin, takeToken());
}

const TOKEN_KEY = 'workbench-token';

/**
 * The web host's per-run token: from the address it printed (`?token=`) on first load, then from this tab's
 * sessionStorage (a reload, or coming back from another page). Web storage is keyed by origin, which includes the
 * port (HTML Living Standard, "Web storage"; checked in e2e/specs/web-host-token.spec.ts), unlike cookies (RFC 6265
 * §8.5), so no other server on 127.0.0.1 can read it. The token then leaves the address bar and the history entry.
 */
function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromAddress = url.searchParams.get('token');
  if (fromAddress === null) return window.sessionStorage.getItem(TOKEN_KEY);
  window.sessionStorage.setItem(TOKEN_KEY, fromAddress);
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  return fromAddress;
}
