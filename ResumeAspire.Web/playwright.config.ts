import { defineConfig } from '@playwright/test';

// End-to-end tests in real Chromium against the real system: e2e/global-setup.ts starts the Aspire
// app host in local mode (PostgreSQL, Redis, Api, Worker, Vite) on free ports and
// e2e/global-teardown.ts stops it. E2E_BASE_URL=http://127.0.0.1:5173 tests a system that already
// runs instead (E2E_ADMIN_EMAIL then names its configured admin, if any).
//
// No browser download: Debian's Chromium (CHROMIUM_PATH overrides /usr/bin/chromium).
//
// Also read: E2E_START_TIMEOUT_MS (default 240000: how long the system may take to answer),
// E2E_DEBUG_STOP=1 (log which processes are still running while teardown waits).
// The app host's console goes to test-results/apphost.log; screenshots of the main screens to
// test-results/screenshots/ (candidate and jobs pages also to ../docs/screenshots/ for the README).
//
// This file is evaluated in the runner and again in each worker, after global setup has put the
// started system's address into E2E_RESOLVED_BASE_URL.

const baseURL = process.env.E2E_BASE_URL ?? process.env.E2E_RESOLVED_BASE_URL;

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  // One system, one worker, one test after another: the machine is small and the tests share it.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // Generous: 2 cores, a dev server, PostgreSQL, Redis, Api and Worker all on one noisy machine.
  timeout: 180_000,
  globalTimeout: 20 * 60_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
  use: {
    baseURL,
    browserName: 'chromium',
    headless: true,
    acceptDownloads: true,
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
