import { startRecordingServer } from '../fixtures/recording-server';
import { expect, test } from '../fixtures/test';

/**
 * Cookies are not separated by port (RFC 6265 §8.5): a token cookie set by the web host would go to every other
 * server on 127.0.0.1 the browser visits, and with it full RPC access. The token must stay in the page.
 */
test('the web host token never reaches another local server, and the page survives a reload', async ({ app, startPage, appMode }) => {
  test.skip(appMode !== 'web', 'browser mode only: the Electron shell has no token');
  await startPage.waitReady();
  const token = new URL(app.hostUrl ?? '').searchParams.get('token') ?? '';
  expect(token).toMatch(/^[0-9a-f]{48}$/);
  expect(app.page.url()).not.toContain(token);

  const other = await startRecordingServer();
  try {
    await app.page.goto(`${other.origin}/welcome`);
    await expect.poll(() => other.requests.map((r) => r.url)).toContain('/pixel.png');
    for (const request of other.requests) {
      expect(request.headers.cookie ?? '', request.url).not.toContain('workbench_token');
      for (const [name, value] of Object.entries(request.headers)) expect(String(value), `${request.url} ${name}`).not.toContain(token);
      expect(request.url).not.toContain(token);
    }
    expect(await app.page.context().cookies()).toEqual([]);
    // The page keeps the token in sessionStorage, which is per origin and so per port: the other server's page has none.
    expect(await app.page.evaluate(() => Object.keys(window.sessionStorage))).toEqual([]);
  } finally {
    await other.close();
  }

  await app.page.goBack();
  await startPage.waitReady();
  await startPage.reload();
  await expect(startPage.recentEmpty).toBeVisible();
});
