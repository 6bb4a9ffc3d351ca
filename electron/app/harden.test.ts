import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fake, FakeWebContents } from '../test-support/fake-electron';
import { isOwnUrl } from './bootstrap';
import { hardenApp, isExternalWebUrl } from './harden';
import { createMainWindow } from './window';

vi.mock('electron', async () => (await import('../test-support/fake-electron')).electron);

const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('the window baseline', () => {
  it('isolates and sandboxes the page, with no Node, no webview and web security on, loaded from app://', () => {
    createMainWindow();
    const [window] = fake.created;
    expect(window?.loadedUrl).toBe('app://workbench/index.html');
    const prefs = window?.options.webPreferences;
    expect(prefs?.preload).toMatch(/preload[/\\]preload\.cjs$/);
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('counts only app://workbench/ as our page', () => {
    expect(isOwnUrl('app://workbench/index.html')).toBe(true);
    expect(isOwnUrl('app://workbench/index.html#/case')).toBe(true);
    for (const url of ['app://other/index.html', 'file:///app/out/renderer/index.html', 'https://workbench/', 'not a url']) {
      expect(isOwnUrl(url), url).toBe(false);
    }
  });
});

describe('hardenApp', () => {
  const contents = new FakeWebContents();
  beforeAll(() => {
    hardenApp(isOwnUrl);
    fake.app.emit('web-contents-created', {}, contents);
  });

  it('puts the CSP on every response', () => {
    let headers: unknown;
    fake.headersHook?.({ responseHeaders: { 'content-type': ['text/html'] } }, (r) => (headers = r));
    const csp = (headers as { responseHeaders: Record<string, string[]> }).responseHeaders['Content-Security-Policy']?.[0] ?? '';
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).not.toContain('unsafe-eval');
  });

  it('grants no permission', () => {
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read'])
      fake.permissionRequest?.({}, p, (granted) => answers.push(granted));
    expect(answers).toEqual([false, false, false, false]);
    expect(fake.permissionCheck?.()).toBe(false);
  });

  it('denies navigation and redirects away from our page, and webviews', () => {
    const attempt = (event: string, url: string): boolean => {
      const e = { preventDefault: vi.fn() };
      contents.emit(event, e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(attempt('will-navigate', 'app://workbench/index.html')).toBe(false);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'app://other/']) {
      expect(attempt('will-navigate', url), url).toBe(true);
      expect(attempt('will-redirect', url), url).toBe(true);
    }
    expect(attempt('will-attach-webview', 'app://workbench/')).toBe(true);
  });

  it('never opens a window; web links go to the browser only after the analyst confirms', async () => {
    const open = (url: string): string => contents.windowOpenHandler?.({ url }).action ?? 'missing';
    fake.messageBoxResponse = 0;
    expect(open('https://example.com/leak')).toBe('deny');
    await settle();
    expect(fake.messageBoxes).toHaveLength(1);
    expect(fake.opened).toEqual([]);

    fake.messageBoxResponse = 1;
    expect(open('http://example.com/ok')).toBe('deny');
    await settle();
    expect(fake.opened).toEqual(['http://example.com/ok']);

    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'app://workbench/x', 'ms-msdt:/id']) {
      expect(open(url), url).toBe('deny');
    }
    await settle();
    expect(fake.messageBoxes).toHaveLength(2);
    expect(fake.opened).toEqual(['http://example.com/ok']);
  });

  it('calls only http and https links external', () => {
    expect(['https://a.example/', 'http://a.example/'].every(isExternalWebUrl)).toBe(true);
    expect(['file:///x', 'javascript:void 0', 'data:text/html,x', '//a.example', ''].some(isExternalWebUrl)).toBe(false);
  });
});
