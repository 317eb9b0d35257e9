/**
 * Freezes: the longest main-thread task, and the time to an answer (the scenario on screen, or
 * the refusal), for the big inputs a tester tried (issue 14):
 *   - a share link of ~1.6 kB that unpacks to ~1 MB of mostly white space (opens);
 *   - a share link whose fragment is 1.9 MB long (refused);
 *   - a share link that unpacks to far more than a link may carry (a "bomb": refused);
 *   - course (`#c=`) and hand-in (`#h=`) links: 1 MB of white space, a bomb, a 1.9 MB fragment
 *     (each refused with its message);
 *   - a 20 MB library record, opened from the library;
 *   - importing a 3 MB scenario file (from the file input until its requests are decided);
 *   - typing in the whole-JSON editor of a 3 MB world (longest task per key).
 *
 * A measurement, not a test: it prints numbers. Run `npm run bench:freeze` (it builds first) or
 * `npx tsx tests/bench/freeze.bench.ts` on an existing build; name cases to run only those
 * (`baseline`, `whitespace`, `long-fragment`, `bomb`, `course`, `hand-in`, `record`, `import`,
 * `editor`; `baseline` is the app opened with no input, for comparison). `--trace` records a
 * Chrome trace of each case and prints its four longest main-thread tasks' wall and CPU time
 * (CPU time is what a loaded machine inflates least) and what ran in them. Long tasks are the browser's own
 * `longtask` entries (main thread, over 50 ms); "none" means no task reached 50 ms.
 *
 * The 20 MB record is written into the library's IndexedDB store directly (a scenario file that
 * large is refused at import; a record that large can only come from pasting into the editor),
 * then opened from the Library list. For refused links, the note gives when our first script
 * (public/link-guard.js) ran and when the refusal was on screen, both from the start of
 * navigation: what comes before the first script is Chromium's own navigation, not ours.
 */
import { chromium, type Page } from '@playwright/test';
import { cpus, loadavg, tmpdir } from 'node:os';
import { deflateRawSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { findChromium, OFFLINE_CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { bigWorld, lessonWorld, type Json } from './ui-worlds.ts';
import { TRACE_CATEGORIES, type TraceEvent } from './chrome-trace.ts';

/** Records every long task of the page from its start (plain JavaScript: runs in the page). */
const LONG_TASKS = `(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // When a link's refusal is first on screen (performance.now(), from the start of navigation):
  // public/link-guard.js's own note of a link too long to read, or the app's banner.
  new MutationObserver((_, observer) => {
    if (!window.__refusedAt && document.querySelector('[data-testid="early-link-refusal"], [data-testid="shared-link-error"]')) {
      window.__refusedAt = performance.now();
      // In the page is not yet on screen: the next frame is (a stylesheet still loading holds it).
      requestAnimationFrame(() => (window.__refusedFrameAt = performance.now()));
    }
    if (!document.querySelector('[data-testid="shared-link-error"]')) return;
    window.__bannerAt = performance.now();
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
})();`;

interface Figure {
  name: string;
  answerMs: number;
  longestMs: number;
  longTasks: number;
  note: string;
}

const link = (text: string, key: 's' | 'c' | 'h' = 's'): string =>
  `#${key}=1.${deflateRawSync(Buffer.from(text), { level: 9 }).toString('base64url')}`;

/** A lesson-sized scenario padded with white space to about `bytes`. */
function paddedScenario(bytes: number): string {
  const text = JSON.stringify(lessonWorld(), null, 2);
  const pad = bytes - text.length;
  return text.replace('{', `{${'\n '.repeat(Math.floor(pad / 2))}`);
}

/** A world of about `bytes`: the big world plus resources with policies until it is that large. */
function worldOfSize(bytes: number): string {
  const world = bigWorld();
  const resources: Json = {};
  world['resources'] = resources;
  let size = JSON.stringify(world, null, 2).length;
  for (let i = 0; size < bytes; i++) {
    const arn = `arn:aws:s3:::bucket-${i}`;
    const entry = {
      account: '111122223333',
      policy: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: `Read${i}`,
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::111122223333:user/alice' },
            Action: ['s3:GetObject', 's3:ListBucket'],
            Resource: [arn, `${arn}/*`],
          },
        ],
      },
    };
    resources[arn] = entry;
    size += JSON.stringify(entry, null, 2).length + arn.length + 10;
  }
  return JSON.stringify(world, null, 2);
}

async function longTasks(page: Page, since = 0): Promise<{ longest: number; count: number }> {
  const tasks = (await page.evaluate('window.__longTasks')) as {
    start: number;
    duration: number;
  }[];
  const after = tasks.filter((t) => t.start + t.duration >= since);
  return { longest: Math.max(0, ...after.map((t) => t.duration)), count: after.length };
}

const pageNow = (page: Page): Promise<number> =>
  page.evaluate('performance.now()') as Promise<number>;

/** Waits until every request shows a decision (none pending). */
async function decided(page: Page, count: number, timeout = 180_000): Promise<void> {
  await page.waitForFunction(
    `(() => { const d = [...document.querySelectorAll('[data-testid="decision"]')]; return d.length === ${count} && d.every((e) => e.textContent !== '…'); })()`,
    undefined,
    { timeout, polling: 50 },
  );
}

async function openLink(page: Page, url: string, fragment: string, answer: () => Promise<void>) {
  const start = Date.now();
  await page.goto(url + fragment, { waitUntil: 'commit' });
  await answer();
  return Date.now() - start;
}

/**
 * When our first script ran (public/link-guard.js marks it) and when the refusal was first on
 * screen, in ms from navigation start; the difference is the time to refuse that is ours (what
 * comes before it is Chromium's own navigation).
 */
async function refusalTimes(page: Page): Promise<string> {
  const [first, guard, inPage, refused, banner] = (await page.evaluate(
    `[performance.getEntriesByName('iam-playground:first-script')[0]?.startTime, window.__guardAt, window.__refusedAt, window.__refusedFrameAt, window.__bannerAt]`,
  )) as (number | undefined)[];
  const ms = (t: number | undefined) => (t === undefined ? '?' : `${Math.round(t)} ms`);
  const ours =
    first !== undefined && refused !== undefined ? `${Math.round(refused - first)} ms` : '?';
  const app = banner !== refused ? `, the app's banner at ${ms(banner)}` : '';
  return `first script at ${ms(first)}${guard !== undefined ? `, guard refused it at ${ms(guard)}` : ''}, refusal in the page at ${ms(inPage)}, on screen (its first frame) at ${ms(refused)}${app} after navigation start: ${ours} after our first script`;
}

/**
 * With `--trace`: the page's four longest main-thread tasks in a Chrome trace, each as its wall
 * time and its CPU time (`tdur`: what a loaded machine does not inflate), with the biggest
 * things inside it (script evaluation, function calls, parsing, layout), to see what a long task is.
 */
function longestInTrace(trace: { traceEvents: TraceEvent[] }): string {
  const events = trace.traceEvents;
  const main = events.filter(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
  );
  const onMain = (e: TraceEvent) => main.some((m) => m.pid === e.pid && m.tid === e.tid);
  const tasks = events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && onMain(e))
    .sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0))
    .slice(0, 4);
  const ms = (us: number | undefined) => `${Math.round((us ?? 0) / 1000)}`;
  // Task starts are given from our first script (public/link-guard.js marks it), when there is one.
  const first = events.find((e) => e.name === 'iam-playground:first-script')?.ts;
  return tasks
    .map((task) => {
      const inside = events
        .filter(
          (e) =>
            e.ph === 'X' &&
            e !== task &&
            e.pid === task.pid &&
            e.tid === task.tid &&
            e.ts >= task.ts &&
            e.ts < task.ts + (task.dur ?? 0) &&
            (e.tdur ?? 0) >= 5_000,
        )
        .sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0))
        .slice(0, 6)
        .map((e) => {
          const where = e.args?.data?.functionName || e.args?.data?.url?.split('/').pop() || '';
          return `${e.name}${where ? ` ${where}` : ''} ${ms(e.tdur)}`;
        });
      const at = first === undefined ? '' : ` at ${ms(task.ts - first)} ms from our first script`;
      return `  task${at}: ${ms(task.dur)} ms wall, ${ms(task.tdur)} ms CPU [${inside.join('; ')}]`;
    })
    .join('\n');
}

/** Records when public/link-guard.js has run (this script runs first, then it, then the app). */
const GUARD_TIME = `Object.defineProperty(window, '__iamPlaygroundRefusedLinkLength', {
    configurable: true, enumerable: true,
    set(v) { window.__guardAt = performance.now(); Object.defineProperty(window, '__iamPlaygroundRefusedLinkLength', { value: v, writable: true, configurable: true, enumerable: true }); },
  });`;

const server = (await startStaticServer({ root: 'dist', port: 0 })) as {
  url: string;
  close: () => Promise<void>;
};
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: OFFLINE_CHROMIUM_ARGS,
});
const figures: Figure[] = [];
async function measure(name: string, run: (page: Page) => Promise<Omit<Figure, 'name'>>) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    serviceWorkers: 'block',
    bypassCSP: true,
  });
  const page = await context.newPage();
  // A loaded machine can take minutes over a 20 MB world: wait, then report how long it took.
  page.setDefaultTimeout(300_000);
  await page.addInitScript(LONG_TASKS);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  if (tracing) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  try {
    const figure = { name, ...(await run(page)) };
    figures.push(figure);
    console.log(
      `${name}: answer in ${figure.answerMs} ms; longest main-thread task ${figure.longestMs ? `${Math.round(figure.longestMs)} ms` : 'none over 50 ms'} (${figure.longTasks} long tasks) ${figure.note}`,
    );
    if (tracing) {
      const trace = await browser.stopTracing();
      const file = `${tmpdir()}/freeze-trace-${name.replace(/\W+/g, '-')}.json`;
      writeFileSync(file, trace);
      console.log(`${longestInTrace(JSON.parse(trace.toString()))}\n  trace: ${file}`);
    }
  } catch (error) {
    console.log(`${name}: FAILED ${(error as Error).message.split('\n')[0]}`);
    const shot = `${tmpdir()}/freeze-bench-${name.replace(/\W+/g, '-')}.png`;
    await page.screenshot({ path: shot }).then(
      () => console.log(`  screenshot: ${shot}`),
      () => {},
    );
  } finally {
    await context.close();
  }
}

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const tracing = process.argv.includes('--trace');
const wanted = (name: string) => only.length === 0 || only.some((o) => name.includes(o));

try {
  if (wanted('baseline')) {
    // For comparison: the app opened with no link, as it starts (its own first tasks).
    await measure('baseline (no input)', async (page) => {
      const answerMs = await openLink(page, server.url, '', () =>
        page.getByTestId('decision').first().waitFor({ timeout: 180_000 }),
      );
      const { longest, count } = await longTasks(page);
      return { answerMs, longestMs: longest, longTasks: count, note: '(starter scenario decided)' };
    });
  }
  if (wanted('whitespace')) {
    const text = paddedScenario(990_000);
    const fragment = link(text);
    await measure('whitespace link', async (page) => {
      const answerMs = await openLink(page, server.url, fragment, () => decided(page, 3));
      const { longest, count } = await longTasks(page);
      return {
        answerMs,
        longestMs: longest,
        longTasks: count,
        note: `(link ${fragment.length} chars → ${(text.length / 1e6).toFixed(2)} MB)`,
      };
    });
  }
  if (wanted('long-fragment')) {
    const fragment = `#s=1.${'A'.repeat(1_900_000)}`;
    await measure('1.9 MB fragment', async (page) => {
      await page.addInitScript(GUARD_TIME);
      const answerMs = await openLink(page, server.url, fragment, () =>
        page.getByTestId('shared-link-error').waitFor({ timeout: 180_000 }),
      );
      const { longest, count } = await longTasks(page);
      return {
        answerMs,
        longestMs: longest,
        longTasks: count,
        note: `(refused; ${await refusalTimes(page)})`,
      };
    });
  }
  if (wanted('bomb')) {
    const fragment = link(' '.repeat(50_000_000));
    await measure('bomb link', async (page) => {
      const answerMs = await openLink(page, server.url, fragment, () =>
        page.getByTestId('shared-link-error').waitFor({ timeout: 180_000 }),
      );
      const { longest, count } = await longTasks(page);
      return {
        answerMs,
        longestMs: longest,
        longTasks: count,
        note: `(link ${fragment.length} chars → 50 MB, refused; ${await refusalTimes(page)})`,
      };
    });
  }
  // Course (`#c=`) and hand-in (`#h=`) links, read by the same path as share links: a white-space
  // bomb (1 MB of nothing but white space: not JSON, refused with its line and column), a
  // decompression bomb, and a 1.9 MB fragment.
  for (const [key, kind] of [
    ['c', 'course'],
    ['h', 'hand-in'],
  ] as const) {
    const cases: [string, string, string][] = [
      [`${kind} white-space link`, link('\n '.repeat(495_000), key), '1 MB of white space'],
      [`${kind} bomb link`, link(' '.repeat(50_000_000), key), '50 MB'],
      [`${kind} 1.9 MB fragment`, `#${key}=1.${'A'.repeat(1_900_000)}`, 'not read'],
    ];
    for (const [name, fragment, what] of cases) {
      if (!wanted(name)) continue;
      await measure(name, async (page) => {
        await page.addInitScript(GUARD_TIME);
        const answerMs = await openLink(page, server.url, fragment, () =>
          page.getByTestId('shared-link-error').waitFor({ timeout: 180_000 }),
        );
        const message = await page.getByTestId('shared-link-error').textContent();
        const { longest, count } = await longTasks(page);
        return {
          answerMs,
          longestMs: longest,
          longTasks: count,
          note: `(link ${fragment.length} chars → ${what}, refused: "${message?.slice(0, 110)}…"; ${await refusalTimes(page)})`,
        };
      });
    }
  }
  if (wanted('record')) {
    const text = worldOfSize(20_000_000 - 1000);
    await measure('20 MB record', async (page) => {
      await page.goto(server.url);
      await decided(page, 0, 60_000).catch(() => undefined);
      await page.evaluate(
        (record) =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('iam-playground');
            open.onsuccess = () => {
              const tx = open.result.transaction('library', 'readwrite');
              tx.objectStore('library').put(
                { ...record, createdAt: 1, updatedAt: 1, rev: 1 },
                `scenario:${record.id}`,
              );
              tx.oncomplete = () => (open.result.close(), resolve());
              tx.onerror = () => reject(tx.error);
            };
          }),
        { id: 'big', title: 'Big world', text },
      );
      await page.reload(); // the library lists what is stored when it opens
      await page.getByRole('tab', { name: 'Library' }).click();
      await page.waitForTimeout(500);
      const since = await pageNow(page);
      const start = Date.now();
      await page
        .getByTestId('library-item')
        .filter({ hasText: 'Big world' })
        .getByRole('button', { name: /Big world/ })
        .first()
        .click();
      await page.getByTestId('whole-withheld').waitFor({ timeout: 180_000 });
      const answerMs = Date.now() - start;
      const { longest, count } = await longTasks(page, since);
      return {
        answerMs,
        longestMs: longest,
        longTasks: count,
        note: `(${(text.length / 1e6).toFixed(1)} MB record opened from the library; answer = the "too large to read" notice)`,
      };
    });
  }
  if (wanted('import')) {
    const text = worldOfSize(3_000_000);
    await measure('import of a 3 MB file', async (page) => {
      await page.goto(server.url);
      await page.getByRole('tab', { name: 'Library' }).click();
      await decided(page, 0, 60_000).catch(() => undefined);
      await page.waitForTimeout(1000);
      const since = await pageNow(page);
      const start = Date.now();
      await page.getByTestId('import').setInputFiles({
        name: 'big.json',
        mimeType: 'application/json',
        buffer: Buffer.from(text),
      });
      await decided(page, 20);
      const answerMs = Date.now() - start;
      const { longest, count } = await longTasks(page, since);
      return {
        answerMs,
        longestMs: longest,
        longTasks: count,
        note: `(${(text.length / 1e6).toFixed(1)} MB scenario file imported; answer = its requests decided)`,
      };
    });
  }
  if (wanted('editor')) {
    const text = worldOfSize(3_000_000);
    await measure('3 MB whole-JSON editor', async (page) => {
      await page.goto(server.url);
      await page.getByRole('tab', { name: 'Library' }).click();
      await page.getByTestId('import').setInputFiles({
        name: 'big.json',
        mimeType: 'application/json',
        buffer: Buffer.from(text),
      });
      await decided(page, 20);
      await page.getByRole('tab', { name: 'World' }).click();
      await page.getByRole('button', { name: 'Scenario (whole JSON)' }).click();
      await page.getByRole('button', { name: 'Open the whole JSON' }).click();
      // Into the title (line 4 of the formatted world), near its end (where depends on wrapping).
      await page.locator('.cm-content').click();
      await page.keyboard.press('Control+Home');
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('End');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.waitForTimeout(1000);
      const since = await pageNow(page);
      const start = Date.now();
      const keys = 10;
      for (let i = 0; i < keys; i++) await page.keyboard.type('x');
      await page.waitForFunction(
        `document.querySelector('.cm-content')?.textContent?.includes('${'x'.repeat(keys)}')`,
        undefined,
        { timeout: 180_000 },
      );
      await decided(page, 20);
      const answerMs = Date.now() - start;
      const { longest, count } = await longTasks(page, since);
      return {
        answerMs,
        longestMs: longest,
        longTasks: count,
        note: `(${(text.length / 1e6).toFixed(1)} MB world, ${keys} keys typed; answer = all typed and decided)`,
      };
    });
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(
  `\nload average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${cpus().length} cores`,
);
