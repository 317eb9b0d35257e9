import { defineConfig } from '@playwright/test';
import { findChromium, OFFLINE_CHROMIUM_ARGS } from './scripts/chromium.mjs';

const executablePath = findChromium();
// PLAYWRIGHT_PORT lets two runs share a machine (e.g. a developer's and a helper's).
const PORT = Number(process.env.PLAYWRIGHT_PORT ?? 4174);

export default defineConfig({
  testDir: 'tests/browser',
  // One worker: measured on this 2-core machine, two finished the 107 tests in 17.9 minutes
  // against 18.4 with one (docs/benchmarks.md), not worth the extra timing noise.
  // PLAYWRIGHT_WORKERS tries another number.
  workers: Number(process.env.PLAYWRIGHT_WORKERS ?? 1),
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
