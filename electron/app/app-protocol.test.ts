import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fake } from '../test-support/fake-electron';
import { tempDir } from '../test-support/temp';
import { APP_INDEX_URL, registerAppScheme, resolveAppPath, serveRenderer } from './app-protocol';

vi.mock('electron', async () => (await import('../test-support/fake-electron')).electron);

const tmp = tempDir();
const root = path.join(tmp.dir, 'renderer');
mkdirSync(path.join(root, 'assets'), { recursive: true });
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>wb</title>');
writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(tmp.dir, 'secret.txt'), 'outside');
afterAll(() => tmp.cleanup());

describe('the app:// protocol', () => {
  it('maps app://workbench/ URLs to files of the built renderer only', () => {
    expect(resolveAppPath(root, APP_INDEX_URL)).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://workbench/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://workbench/assets/app.js?v=1#x')).toBe(path.join(root, 'assets', 'app.js'));
    expect(resolveAppPath(root, 'app://workbench/assets/%61pp.js')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it('refuses traversal, other hosts and schemes, and malformed paths', () => {
    for (const url of [
      'app://workbench/../secret.txt',
      'app://workbench/%2e%2e/secret.txt',
      'app://workbench/assets/..%2f..%2fsecret.txt',
      'app://workbench/..%5csecret.txt',
      'app://workbench/assets%00.js',
      'app://workbench/%E0',
      'app://other/index.html',
      'file:///etc/passwd',
      'https://workbench/index.html',
      'not a url',
    ]) {
      const resolved = resolveAppPath(root, url);
      // The URL parser itself folds plain `..` segments (app://workbench/../x is app://workbench/x): still inside.
      expect(resolved === null || resolved.startsWith(root + path.sep), url).toBe(true);
    }
    expect(resolveAppPath(root, 'app://workbench/assets/..%2f..%2fsecret.txt')).toBeNull();
    expect(resolveAppPath(root, 'app://workbench/..%5csecret.txt')).toBeNull();
    expect(resolveAppPath(root, 'app://workbench/%E0')).toBeNull();
  });

  it('registers app:// as a standard secure scheme without CSP bypass, and serves files with the CSP', async () => {
    registerAppScheme();
    expect(fake.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    serveRenderer(root);
    const handler = fake.protocolHandlers.get('app');
    const page = await handler?.(new Request(APP_INDEX_URL));
    expect(page?.status).toBe(200);
    expect(page?.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page?.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page?.text()).toContain('<title>wb</title>');
    const outside = await handler?.(new Request('app://workbench/assets/..%2f..%2fsecret.txt'));
    expect(outside?.status).toBe(404);
    expect(await outside?.text()).not.toContain('outside');
    expect((await handler?.(new Request('app://workbench/missing.js')))?.status).toBe(404);
  });
});
