/**
 * The playground's speed in Chromium: the time from a keystroke in the editor to the updated
 * trace, over 200 edits, for a lesson-sized world, for a world of 50 policies × 20 statements
 * with 20 requests, and for an account-sized world (the synthetic export of bench:import read by
 * the app's import, with 20 requests: `ui-account-world.ts`); and the JavaScript a first visit
 * loads before the app works. `--only N` measures the Nth world alone (1, 2 or 3).
 *
 * A benchmark, not a test: it prints numbers. Run `npm run bench:ui` (it builds first), or
 * `npx tsx tests/bench/ui.bench.ts` on an existing build. Options: `--edits N` (default 200),
 * `--lesson-only`, `--aligned` (each key right after a frame: steadier, for comparing builds);
 * `BENCH_CHROMIUM_ARGS` adds Chromium flags. docs/benchmarks.md has the figures and their reading.
 *
 * Keys are typed as a person types them: held down until the trace is on screen (an instant
 * key-up would make Chrome defer the worker's answer by one more frame), and pressed at a random
 * moment within a frame (16.7 ms), not always right after one.
 *
 * How an edit is timed, in the page: a capturing `keydown` listener notes the time and the
 * trace's revision; a MutationObserver sees the trace element take a newer revision (the
 * worker's answer to that very edit, rendered into the DOM) and notes the time. "To DOM" is
 * that difference. "To frame" waits further for the next animation frame to be presented
 * (requestAnimationFrame, then a message after it), so it includes the wait for the display's
 * next frame (up to 16.7 ms at 60 Hz) that no app can avoid.
 */
import { chromium, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cpus, loadavg } from 'node:os';
import { findChromium, OFFLINE_CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { accountWorld } from './ui-account-world.ts';
import { bigWorld, lessonWorld, type Json } from './ui-worlds.ts';

const EDITS = Number(process.argv[process.argv.indexOf('--edits') + 1]) || 200;
const ALIGNED = process.argv.includes('--aligned');

interface Timing {
  toDom: number[];
  toFrame: number[];
  /** The worker's own time for the trace's answer (validation + the traced request). */
  worker: number[];
  /** To every request's decision of the edited world on screen (none left pending, "…"). */
  toDecisions: number[];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] ?? NaN;
}

const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

/** Opens a world through the library's import, then the policy to edit, with the cursor in a Sid. */
async function openWorld(page: Page, world: Json, policy: string, sid: string): Promise<void> {
  await page.getByRole('tab', { name: 'Library' }).click();
  await page.getByTestId('import').setInputFiles({
    name: 'world.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(world)),
  });
  const requests = (world['requests'] as unknown[]).length;
  await page
    .getByTestId('decision')
    .nth(requests - 1)
    .waitFor();
  await page.waitForFunction(
    `[...document.querySelectorAll('[data-testid="decision"]')].filter((d) => d.textContent !== '…').length === ${requests}`,
  );
  await page.getByRole('tab', { name: 'World' }).click();
  // An account-sized world's tree is virtualized: its policy is found through the filter.
  if (!(await page.getByRole('button', { name: policy, exact: true }).isVisible()))
    await page.getByTestId('world-filter').fill(policy);
  await page.getByRole('button', { name: policy, exact: true }).click();
  await page.locator('.cm-content').getByText(`"${sid}"`).first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft'); // before the comma
  await page.keyboard.press('ArrowLeft'); // before the closing quote
  await page.getByTestId('trace').waitFor();
}

/**
 * The in-page timer, as plain JavaScript text: tsx compiles functions with helpers (`__name`)
 * that do not exist in the page, so code for `page.evaluate` is sent as a string.
 */
const INSTALL_TIMER = `(() => {
  if (window.__bench) { Object.assign(window.__bench, { toDom: [], toFrame: [], worker: [], toDecisions: [], start: 0, decStart: 0 }); return; }
  const bench = { start: 0, target: 0, decStart: 0, toDom: [], toFrame: [], worker: [], toDecisions: [] };
  window.__bench = bench;
  const revision = () => Number(document.querySelector('[data-testid="trace"]')?.getAttribute('data-revision') ?? -1);
  const allDecided = () => [...document.querySelectorAll('[data-testid="decision"]')].every((d) => d.textContent !== '…');
  const channel = new MessageChannel();
  let frameStart = 0;
  channel.port1.onmessage = () => { window.__bench.toFrame.push(performance.now() - frameStart); };
  document.addEventListener('keydown', () => {
    window.__bench.start = performance.now();
    window.__bench.decStart = window.__bench.start;
    window.__bench.target = revision() + 1;
  }, true);
  new MutationObserver(() => {
    const b = window.__bench;
    if (b.decStart !== 0 && revision() >= b.target && allDecided()) {
      b.toDecisions.push(performance.now() - b.decStart);
      b.decStart = 0;
    }
    if (b.start === 0 || revision() < b.target) return;
    const start = b.start;
    b.start = 0;
    b.toDom.push(performance.now() - start);
    b.worker.push(Number(document.querySelector('[data-testid="trace"]')?.getAttribute('data-worker-ms') ?? NaN));
    frameStart = start;
    // After the next frame is produced: rAF runs before it, a message posted there runs after it.
    requestAnimationFrame(() => channel.port2.postMessage(null));
  }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-revision'] });
})()`;

/** Resolves after two frames: the key-up's frame has passed before the next key goes down. */
const AFTER_TWO_FRAMES = `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))`;

/** Types `edits` single-key edits (a letter, then Backspace, and so on) and times each. */
async function timeEdits(page: Page, edits: number): Promise<Timing> {
  await page.evaluate(INSTALL_TIMER);
  for (let i = 0; i < edits; i++) {
    // A person's key goes up tens of milliseconds after it went down. Playwright's `press` sends
    // both at once, and Chrome defers every non-input task (the worker's answer included) until
    // the frame after the *last* discrete input event: the instant key-up would add a frame that
    // no typist sees. So the key is held until the trace is on screen, then released.
    const key = i % 2 === 0 ? 'x' : 'Backspace';
    if (!ALIGNED) await new Promise((resolve) => setTimeout(resolve, Math.random() * 17));
    await page.keyboard.down(key);
    await page.waitForFunction(
      `window.__bench.toFrame.length > ${i} && window.__bench.toDecisions.length > ${i}`,
    );
    await page.keyboard.up(key);
    await page.evaluate(AFTER_TWO_FRAMES);
  }
  return (await page.evaluate(
    '({ toDom: window.__bench.toDom, toFrame: window.__bench.toFrame, worker: window.__bench.worker, toDecisions: window.__bench.toDecisions })',
  )) as Timing;
}

/** Gzip size of the JavaScript the first visit loads (the page's and its worker's), until decisions show. */
async function firstVisitJs(
  page: Page,
  url: string,
): Promise<{ main: number; worker: number; files: string[] }> {
  const loaded: string[] = [];
  page.on('request', (request) => {
    if (
      request.url().endsWith('.js') &&
      !request.url().endsWith('/sw.js') &&
      !request.url().includes('workbox')
    )
      loaded.push(request.url());
  });
  await page.goto(url);
  await page.getByTestId('decision').first().waitFor();
  await page.waitForFunction(
    `document.querySelector('[data-testid="decision"]')?.textContent !== '…'`,
  );
  let main = 0;
  let worker = 0;
  const files: string[] = [];
  for (const requestUrl of [...new Set(loaded)]) {
    const path = new URL(requestUrl).pathname.replace(/^\/+/, '');
    const bytes = gzipSync(readFileSync(join('dist', path)), { level: 9 }).length;
    files.push(`${path} ${(bytes / 1000).toFixed(1)} kB`);
    if (/\/worker-/.test(path)) worker += bytes;
    else main += bytes;
  }
  return { main, worker, files };
}

const server = (await startStaticServer({ root: 'dist', port: 0 })) as {
  url: string;
  close: () => Promise<void>;
};
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: [
    ...OFFLINE_CHROMIUM_ARGS,
    ...(process.env.BENCH_CHROMIUM_ARGS?.split(' ').filter(Boolean) ?? []),
  ],
});
try {
  {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      serviceWorkers: 'block',
      bypassCSP: true,
    });
    const js = await firstVisitJs(await context.newPage(), server.url);
    console.log('First visit JavaScript (gzip -9):');
    for (const f of js.files) console.log(`  ${f}`);
    console.log(
      `  page: ${(js.main / 1000).toFixed(1)} kB, worker: ${(js.worker / 1000).toFixed(1)} kB, total ${((js.main + js.worker) / 1000).toFixed(1)} kB`,
    );
    await context.close();
  }
  const account = accountWorld();
  const worlds: [string, Json, string, string][] = [
    ['lesson-sized world', lessonWorld(), 'ReadReports', 'ReadReports'],
    ['50 policies × 20 statements, 20 requests', bigWorld(), 'Policy0', 'P0S0'],
    [
      'account-sized world (2,000 roles, 5,000 policies, imported), 20 requests',
      account.world,
      account.policy,
      account.sid,
    ],
  ];
  const onlyAt = process.argv.indexOf('--only');
  const only = process.argv.includes('--lesson-only')
    ? 1
    : onlyAt >= 0
      ? Number(process.argv[onlyAt + 1])
      : 0;
  for (const [name, world, policy, sid] of only ? worlds.slice(only - 1, only) : worlds) {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      serviceWorkers: 'block',
      bypassCSP: true,
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(server.url);
    await openWorld(page, world, policy, sid);
    await timeEdits(page, 10); // warm up (JIT, first service loads)
    const timing = await timeEdits(page, EDITS);
    console.log(`\nKeystroke → updated trace, ${name}, ${timing.toDom.length} edits:`);
    console.log(
      `  to DOM:   p50 ${fmt(percentile(timing.toDom, 50))}, p95 ${fmt(percentile(timing.toDom, 95))}, max ${fmt(Math.max(...timing.toDom))}`,
    );
    console.log(
      `  to frame: p50 ${fmt(percentile(timing.toFrame, 50))}, p95 ${fmt(percentile(timing.toFrame, 95))}, max ${fmt(Math.max(...timing.toFrame))}`,
    );
    console.log(
      `  to every decision: p50 ${fmt(percentile(timing.toDecisions, 50))}, p95 ${fmt(percentile(timing.toDecisions, 95))}, max ${fmt(Math.max(...timing.toDecisions))}`,
    );
    console.log(
      `  worker:   p50 ${fmt(percentile(timing.worker, 50))}, p95 ${fmt(percentile(timing.worker, 95))} (its own time: validation and the traced request)`,
    );
    console.log(
      `  load average while measuring: ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
