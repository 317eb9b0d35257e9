/**
 * What each change costs now that the app hands it to the library at once (no 300 ms debounce
 * in the app shell) and the library copies it to localStorage synchronously (the crash copy):
 * per change, in Chromium, the work `Library.edit` and the app shell add to a keystroke:
 *
 * - the scenario as text (`JSON.stringify`, when the change came from a form or a policy
 *   editor; typing in the whole-scenario editor hands its own text over, for free),
 * - the title check (`JSON.parse` of the text, as `titleFromText` does),
 * - the crash copy (`JSON.stringify` of { baseRev, record } and `localStorage.setItem`), which
 *   `Library.edit` makes on every edit of a text up to 64 kB and at most every 250 ms above.
 *
 * For a lesson-sized world and the UI benchmark's big world (50 policies × 20 statements).
 * A benchmark, not a test: it prints figures. Run `npx tsx tests/bench/library-edit.bench.ts`
 * after `npm run build`.
 */
import { chromium } from '@playwright/test';
import { loadavg } from 'node:os';
import { findChromium, OFFLINE_CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { bigWorld, lessonWorld } from './ui-worlds.ts';

const RUNS = Number(process.env.RUNS ?? 200);

const server = await startStaticServer({ root: 'dist' });
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: OFFLINE_CHROMIUM_ARGS,
});
const page = await browser.newPage();
await page.goto(`${server.url}favicon.svg`); // the app's origin, for its localStorage

console.log(
  `load average: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
for (const [name, world] of [
  ['lesson world', lessonWorld()],
  ['big world', bigWorld()],
] as const) {
  const figures = await page.evaluate(
    ({ world, runs }) => {
      const stringify: number[] = [];
      const parse: number[] = [];
      const edit: number[] = [];
      let text = '';
      for (let i = 0; i < runs; i++) {
        (world as { description?: string }).description = `change ${i}`;
        let t = performance.now();
        text = JSON.stringify(world, null, 2);
        stringify.push(performance.now() - t);
        t = performance.now();
        JSON.parse(text); // titleFromText
        parse.push(performance.now() - t);
        t = performance.now();
        const record = { id: 'bench', title: 'Bench', text, createdAt: 0, updatedAt: i, rev: 1 };
        localStorage.setItem(
          'iam-playground:unsaved:bench',
          JSON.stringify({ baseRev: 1, record }),
        );
        edit.push(performance.now() - t);
      }
      localStorage.removeItem('iam-playground:unsaved:bench');
      // No helper functions in here: the bundler would name them with a helper the page lacks.
      stringify.sort((a, b) => a - b);
      edit.sort((a, b) => a - b);
      parse.sort((a, b) => a - b);
      return {
        kB: Math.round(text.length / 1024),
        stringify: [stringify[Math.floor(runs / 2)]!, stringify[Math.floor(runs * 0.95)]!],
        parse: [parse[Math.floor(runs / 2)]!, parse[Math.floor(runs * 0.95)]!],
        edit: [edit[Math.floor(runs / 2)]!, edit[Math.floor(runs * 0.95)]!],
      };
    },
    { world, runs: RUNS },
  );
  const ms = ([m, p]: number[]) => `median ${m!.toFixed(2)} ms, p95 ${p!.toFixed(2)} ms`;
  console.log(
    `${name} (${figures.kB} kB of text): scenario as text ${ms(figures.stringify)}; ` +
      `title check ${ms(figures.parse)}; crash copy ${ms(figures.edit)}`,
  );
}
await browser.close();
await server.close();
