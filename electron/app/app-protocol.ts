import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../lib/csp';
import { isInside } from '../lib/paths';
import { staticContentType } from '../lib/static-files';

export const APP_SCHEME = 'app';
const APP_HOST = 'workbench';
/** The renderer's origin in the desktop app: a privileged custom scheme instead of file://, so the page has an origin of its own. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/**
 * Must run before the app is ready. `standard` gives app:// real origins and relative URLs, `secure` makes it a
 * secure context like https; it gets no CSP bypass, no service workers and no CORS.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * The built-renderer file an app:// URL names, or null: another scheme or host, a malformed escape, a NUL or
 * backslash, or any path that resolves outside `rendererDir` (`..`, encoded `%2e%2e%2f`) is refused.
 */
export function resolveAppPath(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  return file !== root && isInside(root, file) ? file : null;
}

/** Serves the built renderer, and nothing else, on app://workbench/ with the same CSP as the web host. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(rendererDir, request.url);
    const body = file ? await readFile(file).catch(() => null) : null;
    if (!file || !body) return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    return new Response(body, {
      headers: {
        'content-type': staticContentType(file),
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
