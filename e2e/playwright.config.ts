import { defineConfig } from '@playwright/test';
import type { WorkerOptions } from './fixtures/test';

/**
 * Two projects run the same specs. `electron` drives the desktop shell through Playwright's `_electron` and is
 * skipped (with the reason) where no Electron binary exists; `web` starts the loopback web host and Chromium.
 * Each test launches its own app with its own temp data, so tests never share state.
 */
export default defineConfig<object, WorkerOptions>({
  testDir: './specs',
  // A sub-folder: Playwright empties its outputDir, and test-results/ also holds the Vitest reports CI totals.
  outputDir: '../test-results/e2e',
  globalSetup: './global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Spec files run two at a time (each test still has its own app and data): a test mostly waits on its app and
  // browser, so two workers took the web project from 138 s to 97 s on the 2-core CI machine.
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: '../test-results/playwright.json' }]],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'electron', use: { appMode: 'electron' } },
    { name: 'web', use: { appMode: 'web' } },
  ],
});
