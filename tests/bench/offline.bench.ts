// npm run bench:offline — time from an offline reload to an interactive app, and the precache
// size. A benchmark, not a test: it prints figures for the README and asserts nothing.
// Run `npm run build` first.
import { chromium } from '@playwright/test';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium, OFFLINE_CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';

const RUNS = Number(process.env.RUNS ?? 20);

const sw = readFileSync('dist/sw.js', 'utf8');
const urls = [...sw.matchAll(/"?url"?:"([^"]+)"/g)].map((m) => m[1]!);
const bytes = urls.reduce((sum, url) => sum + statSync(join('dist', url)).size, 0);
console.log(`precache: ${urls.length} files, ${(bytes / 1024 / 1024).toFixed(2)} MB`);

const server = await startStaticServer({ root: 'dist' });
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: OFFLINE_CHROMIUM_ARGS,
});
const context = await browser.newContext();
const page = await context.newPage();
await page.goto(server.url);
await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
await context.setOffline(true);

const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const start = Date.now();
  await page.reload();
  // The app marks itself interactive once it has mounted and shown its first decisions.
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  times.push(Date.now() - start);
}
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
console.log(
  `offline reload to interactive over ${RUNS} reloads: p50 ${pct(50)} ms, p95 ${pct(95)} ms`,
);
await browser.close();
await server.close();
