import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable, projectRoot } from '../fixtures/launcher';
import { artifactsDir, keepScreenshot } from '../fixtures/screenshots';
import { ExportsPage } from '../pages/exports-page';
import { expect, test } from '../fixtures/test';

test('export a production as a bundle, verify it, and read its report offline', async ({ startPage, workspacePage, workDir }, testInfo) => {
  test.setTimeout(180_000);
  // The reviewed case (tags, notes, a marked region, a label, a star) is made by the services in a child process.
  const made = spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'electron/test-support/make-reviewed-case.ts')], {
    cwd: projectRoot,
    encoding: 'utf8',
  });
  expect(made.status, made.stderr).toBe(0);
  const reviewed = JSON.parse(made.stdout.trim().split('\n').at(-1) ?? '{}') as { root: string; caseDir: string };
  try {
    await startPage.waitReady();
    await startPage.openCase(reviewed.caseDir);
    await expect(workspacePage.root).toBeVisible();
    const exports = new ExportsPage(startPage.page);
    const target = path.join(workDir, 'invincible-bundle.zip');
    await exports.exportProduction('invincible', target, true);
    await expect(exports.fingerprint).toHaveText(/^[0-9a-f]{64}$/);
    await keepScreenshot(startPage.page, testInfo, 'bundle-export-dialog');

    await exports.verifyThis.click();
    await expect(exports.verifyResult).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
    await expect(exports.verifyChecks.filter({ hasText: 'report.html' })).toHaveCount(1);
    await expect(exports.verifyChecks.filter({ hasText: 'audit.jsonl' }).first()).toBeVisible();
    await keepScreenshot(startPage.page, testInfo, 'bundle-verify-view');

    const unpacked = path.join(workDir, 'unpacked');
    mkdirSync(unpacked);
    expect(spawnSync('unzip', ['-q', target, '-d', unpacked]).status).toBe(0);
    const reportUrl = pathToFileURL(path.join(unpacked, 'report.html')).href;

    // A separate browser with every request routed to fail: the report must not even try one.
    const executable = chromiumExecutable();
    const browser = await chromium.launch({ executablePath: executable.path ?? undefined, args: CHROMIUM_ARGS, headless: true });
    try {
      const context = await browser.newContext({ viewport: { width: 1100, height: 1400 } });
      const attempted: string[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url === reportUrl) return route.continue();
        attempted.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      page.on('request', (r) => {
        if (!r.url().startsWith('data:') && r.url() !== reportUrl) attempted.push(r.url());
      });
      await page.goto(reportUrl);
      await expect(page.getByRole('heading', { level: 1 })).toContainText('原画修型');
      await expect(page.locator('#productions')).toContainText('Invincible');
      await expect(page.locator('article.card')).toHaveCount(5);
      await expect(page.locator('article.card').filter({ hasText: 'ko-note.txt' })).toContainText('confirmed');
      await expect(page.locator('article.card svg rect')).toHaveCount(1);
      expect(
        await page
          .locator('img')
          .evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0)),
      ).toBe(true);
      expect(await page.evaluate(() => document.querySelectorAll('script').length)).toBe(0);
      expect(attempted).toEqual([]);
      await keepScreenshot(page, testInfo, 'bundle-report');
      // The whole page too, as a reader scrolls through it: cards, pictures with their marked regions, the closing table.
      await writeFile(path.join(artifactsDir, 'bundle-report-full.png'), await page.screenshot({ fullPage: true }));
      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('nav')).toBeHidden();
    } finally {
      await browser.close();
    }
  } finally {
    rmSync(reviewed.root, { recursive: true, force: true });
  }
});
