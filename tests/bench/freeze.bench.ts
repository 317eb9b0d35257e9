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
 * `editor`, `navigation`; `baseline` is the app opened with no input, for comparison).
 * `navigation` opens addresses of 1,000, 190,000 and 1.9 million characters in a page of one
 * inline script that is not ours and then in the app, `--runs=N` times each, interleaved: how
 * long Chromium takes to run a page's first script after such an address, whoever's page it is,
 * and what the app adds after it (medians). `--trace` records a
 * Chrome trace of each case and prints its four longest main-thread tasks' wall and CPU time
 * (CPU time is what a loaded machine inflates least) and what ran in them. Long tasks are the browser's own
 * `longtask` entries (main thread, over 50 ms); "none" means no task reached 50 ms.
 *
 * The 20 MB record is written into the library's IndexedDB store directly (a scenario file that
 * large is refused at import; a record that large can only come from pasting into the editor),
 * then opened from the Library list. For refused links, the note gives when our first script
 * (src/link-guard.js) ran and when the refusal was on screen, both from the start of
 * navigation: what comes before the first script is Chromium's own navigation, not ours.
 */
import { chromium, type Page } from '@playwright/test';
import { cpus, loadavg, tmpdir } from 'node:os';
import { deflateRawSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
  // src/link-guard.js's own note of a link too long to read, or the app's banner.
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
 * When our first script ran (src/link-guard.js marks it) and when the refusal was first on
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
  return `first script at ${ms(first)}${guard !== undefined ? `, guard refused it at ${ms(guard)}` : ''}, refusal in the page at ${ms(inPage)}, on screen (its first frame) at ${ms(refused)}${app} after navigation start; the refusal on screen ${ours} after our first script`;
}

/**
 * With `--trace`: the page's four longest main-thread tasks in a Chrome trace, each as its wall
 * time and its CPU time (`tdur`: what a loaded machine does not inflate), with the biggest
 * things inside it (script evaluation, function calls, parsing, layout), to see what a long task is.
 */
function longestInTrace(trace: { traceEvents: TraceEvent[] }): string {
  const events = trace.traceEvents;
  // Task starts are given from our first script (src/link-guard.js marks it), when there is one.
  const mark = events.find((e) => e.name === 'iam-playground:first-script');
  const first = mark?.ts;
  // The page's renderer: the one our first script ran in. (Chromium's own pages, such as its
  // address bar's popup, chrome://omnibox-popup.top-chrome, have renderer main threads too.)
  const main = events.filter(
    (e) =>
      e.ph === 'M' &&
      e.name === 'thread_name' &&
      e.args?.name === 'CrRendererMain' &&
      (!mark || e.pid === mark.pid),
  );
  const onMain = (e: TraceEvent) => main.some((m) => m.pid === e.pid && m.tid === e.tid);
  const tasks = events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && onMain(e))
    .sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0))
    .slice(0, 4);
  const ms = (us: number | undefined) => `${Math.round((us ?? 0) / 1000)}`;
  return `${browserBeforeFirstScript(events, first)}\n${tasks
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
    .join('\n')}`;
}

/**
 * What Chromium's browser process (its main thread, which also draws the address bar) did before
 * the page's first script: its longest task and the CPU time of all its tasks, from the start of
 * the trace (just before the navigation) to that script. No script of the page runs before it.
 */
function browserBeforeFirstScript(events: TraceEvent[], first: number | undefined): string {
  const browser = events.filter(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrBrowserMain',
  );
  const tasks = events.filter(
    (e) =>
      e.name === 'RunTask' &&
      e.ph === 'X' &&
      browser.some((m) => m.pid === e.pid && m.tid === e.tid) &&
      (first === undefined || e.ts < first),
  );
  const longest = tasks.reduce<TraceEvent | undefined>(
    (a, b) => ((a?.tdur ?? 0) >= (b.tdur ?? 0) ? a : b),
    undefined,
  );
  const cpu = tasks.reduce((sum, e) => sum + (e.tdur ?? 0), 0);
  const ms = (us: number | undefined) => Math.round((us ?? 0) / 1000);
  return `  browser main thread before our first script: ${ms(cpu)} ms CPU in ${tasks.length} tasks; longest ${ms(longest?.dur)} ms wall / ${ms(longest?.tdur)} ms CPU`;
}

/** A page that is not ours: one inline script, marking itself as the app's first script does. */
const BLANK_PAGE = `<!doctype html><title>blank</title><script>performance.mark('iam-playground:first-script')</script><p>blank</p>`;

/** When the performance mark `name` was set, in ms from the start of navigation (NaN: never). */
async function marked(page: Page, name: string): Promise<number> {
  const at = (await page.evaluate(
    `performance.getEntriesByName(${JSON.stringify(name)})[0]?.startTime`,
  )) as number | undefined;
  return at ?? NaN;
}

/** Records when src/link-guard.js has run (this script runs first, then it, then the app). */
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
/** How many times `navigation` opens each address (`--runs=N`; it reports medians). */
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 1);
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
  if (wanted('navigation')) {
    // Chromium's own cost of a long address, apart from ours: the same address opens a page of
    // one inline script (not ours: no guard, no app, nothing loaded after it), then the app.
    // "first script" is measured the same way in both (the mark src/link-guard.js sets).
    const root = mkdtempSync(join(tmpdir(), 'freeze-blank-'));
    writeFileSync(join(root, 'index.html'), BLANK_PAGE);
    const blank = (await startStaticServer({ root, port: 0, contentSecurityPolicy: null })) as {
      url: string;
      close: () => Promise<void>;
    };
    const firstScript = async (page: Page): Promise<void> => {
      await page.waitForFunction(
        `performance.getEntriesByName('iam-playground:first-script').length > 0`,
        undefined,
        { timeout: 300_000, polling: 50 },
      );
    };
    try {
      // Interleaved, so that a load that changes over minutes falls on both alike.
      const summary: string[] = [];
      for (const length of [1_000, 190_000, 1_900_000]) {
        const fragment = `#s=1.${'A'.repeat(length - 5)}`;
        const size = `${length.toLocaleString('en')}-character fragment`;
        const times = { blank: [] as number[], app: [] as number[], refusal: [] as number[] };
        for (let run = 0; run < runs; run++) {
          await measure(`navigation, ${size}: a page of one script`, async (page) => {
            const answerMs = await openLink(page, blank.url, fragment, () => firstScript(page));
            const { longest, count } = await longTasks(page);
            times.blank.push(await marked(page, 'iam-playground:first-script'));
            return {
              answerMs,
              longestMs: longest,
              longTasks: count,
              note: `(first script at ${Math.round(times.blank.at(-1)!)} ms after navigation start)`,
            };
          });
          await measure(`navigation, ${size}: the app`, async (page) => {
            await page.addInitScript(GUARD_TIME);
            const answerMs = await openLink(page, server.url, fragment, () =>
              page.getByTestId('shared-link-error').waitFor({ timeout: 300_000 }),
            );
            const { longest, count } = await longTasks(page);
            const first = await marked(page, 'iam-playground:first-script');
            times.app.push(first);
            times.refusal.push(
              ((await page.evaluate('window.__refusedFrameAt ?? window.__refusedAt')) as number) -
                first,
            );
            return {
              answerMs,
              longestMs: longest,
              longTasks: count,
              note: `(refused; ${await refusalTimes(page)})`,
            };
          });
        }
        const median = (xs: number[]) =>
          Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN);
        summary.push(
          `  ${size}: first script ${median(times.blank)} ms (a page of one script) / ${median(times.app)} ms (the app) after navigation start; the app's refusal on screen ${median(times.refusal)} ms after its first script (medians of ${runs})`,
        );
      }
      console.log(`navigation, summary:\n${summary.join('\n')}`);
    } finally {
      await blank.close();
    }
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
      // A file on disk, as a user picks one: given as a buffer, Playwright builds the File in
      // the page with a script of its own (a 0.55 s task of base64 decoding that is not the app's).
      const file = join(mkdtempSync(join(tmpdir(), 'freeze-import-')), 'big.json');
      writeFileSync(file, text);
      const since = await pageNow(page);
      const start = Date.now();
      await page.getByTestId('import').setInputFiles(file);
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
