import { defineConfig } from '@playwright/test';
import { findChromium, OFFLINE_CHROMIUM_ARGS } from './scripts/chromium.mjs';

const executablePath = findChromium();
// PLAYWRIGHT_PORT lets two runs share a machine (e.g. a developer's and a helper's).
const PORT = Number(process.env.PLAYWRIGHT_PORT ?? 4174);

export default defineConfig({
  testDir: 'tests/browser',
  // Two workers (one per core): the suite waits more than it computes (timers, polls, page
  // starts), and on 2026-12-02 two workers ran the 118 tests in 10.4 minutes against 15.8 with
  // one on the same loaded machine (docs/benchmarks.md). Tests of one file stay in one worker,
  // in order. PLAYWRIGHT_WORKERS tries another number.
  workers: Number(process.env.PLAYWRIGHT_WORKERS ?? 2),
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: OFFLINE_CHROMIUM_ARGS,
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `node scripts/static-server.mjs dist ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
