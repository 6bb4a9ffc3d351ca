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
  const meta = document.querySelector<HTMLMetaElement>('meta[name="workbench-token"]')?.content;
  const url = new URL(window.location.href);
  const token = meta || url.searchParams.get('token');
  if (url.searchParams.has('token')) {
    // The host also set an HttpOnly cookie, so the secret can leave the address bar (and history) right away.
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  return httpTransport(window.location.origin, token);
}
