/**
 * `npm run bench:import`: a real account's size in Chromium. Writes the synthetic export of
 * aws-dump.ts (2,000 roles, 500 users, 100 groups, 5,000 customer managed policies, 300 bucket
 * policies, an organization of 50 accounts), picks its folder in the Library's "Import folder…",
 * and measures, against the issue's targets:
 *   - import to interactive: from picking the folder to the world's tree on screen (≤ 3 s);
 *   - the longest main-thread task while the World panel scrolls (≤ 50 ms);
 *   - the tab's memory: the page's JS heap and the renderer processes' resident memory (≤ 500 MB);
 * and where the import's main-thread time goes (a CPU profile, functions by self time).
 * A keystroke to updated decisions is not measured here: an imported account has no requests
 * (bench:ui measures keystrokes in big worlds). A benchmark, not a test: it prints figures.
 */
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium, OFFLINE_CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { DUMP_ACCOUNT, writeSyntheticDump } from './aws-dump.ts';

const SEED = Number(process.env['BENCH_SEED'] ?? 2026);
const dir = join(mkdtempSync(join(tmpdir(), 'iam-playground-import-bench-')), 'account');
writeSyntheticDump(dir, SEED);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(', ');
console.log(`load average at start: ${load()}`);

// No CSP: the bench's probes are evaluated as text (the app's own CSP forbids eval).
const server = await startStaticServer({ root: 'dist', contentSecurityPolicy: null });
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: OFFLINE_CHROMIUM_ARGS,
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
// Long tasks from the start (buffered), as plain JavaScript text (tsx helpers do not exist there).
await page.addInitScript(`window.__longTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });`);
await page.goto(server.url);
await page.waitForFunction('document.documentElement.dataset.readyAt !== undefined');
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 500 });

await page.getByRole('tab', { name: 'Library' }).click();
await cdp.send('Profiler.start');
const start = Date.now();
await page.getByTestId('import-folder').setInputFiles(dir);
const report = page.getByTestId('import-report');
await report.getByText(/scenarios? imported/).waitFor({ timeout: 600_000 });
if (!/\b1 scenario imported/.test((await report.textContent()) ?? '')) {
  console.log(`The import did not give one scenario: ${await report.textContent()}`);
  process.exit(1);
}
const imported = Date.now();
await page.getByRole('tab', { name: 'Library' }).click();
await page
  .getByRole('button', {
    name: `AWS account ${DUMP_ACCOUNT} in organization o-a1b2c3d4e5`,
    exact: true,
  })
  .click();
await page.getByRole('tab', { name: 'World' }).click();
await page
  .getByRole('button', { name: 'SCP/RCP DenyLeaveOrg', exact: true })
  .waitFor({ timeout: 300_000 });
const interactive = Date.now();
const { profile } = (await cdp.send('Profiler.stop')) as {
  profile: {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    samples: number[];
    timeDeltas: number[];
  };
};
const longDuringImport = (await page.evaluate('Math.max(0, ...window.__longTasks)')) as number;

// Scrolling the World panel: the longest task while it scrolls to the end and back.
await page.evaluate('window.__longTasks = []');
const panel = page.getByRole('region', { name: 'World' });
await panel.hover();
for (let i = 0; i < 40; i++) await page.mouse.wheel(0, 600);
for (let i = 0; i < 40; i++) await page.mouse.wheel(0, -600);
await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
const longScrolling = (await page.evaluate('Math.max(0, ...window.__longTasks)')) as number;

const { metrics } = (await cdp.send('Performance.getMetrics')) as {
  metrics: { name: string; value: number }[];
};
const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')!.value;
// Resident memory of the renderer processes (the page's and its workers') of the Chromium this
// process started: its descendants, as other programs on the machine may run Chromium too.
const table = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' })
  .split('\n')
  .map((line) => line.trim().split(/\s+/))
  .filter((cols) => cols.length >= 4)
  .map(([pid, ppid, kb, ...args]) => ({
    pid: Number(pid),
    ppid: Number(ppid),
    kb: Number(kb),
    args: args.join(' '),
  }));
const mine = new Set([process.pid]);
for (let grew = true; grew;) {
  grew = false;
  for (const p of table)
    if (mine.has(p.ppid) && !mine.has(p.pid)) {
      mine.add(p.pid);
      grew = true;
    }
}
const rss = table
  .filter((p) => mine.has(p.pid) && p.args.includes('--type=renderer'))
  .reduce((sum, p) => sum + p.kb, 0);

const self = new Map<string, number>();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
profile.samples.forEach((id, i) => {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
});
const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
const verdict = (ok: boolean) => (ok ? 'met' : 'missed');
console.log(`\nImport of ${dir} (313 files, about 12 MB):`);
console.log(`  files picked to "1 scenario imported": ${imported - start} ms`);
console.log(
  `  import to interactive (world tree on screen): ${interactive - start} ms; target ≤ 3,000 ms: ${verdict(interactive - start <= 3000)}`,
);
console.log(`  longest main-thread task during import: ${Math.round(longDuringImport)} ms`);
console.log(
  `  longest main-thread task while scrolling the World panel: ${Math.round(longScrolling)} ms; target ≤ 50 ms: ${verdict(longScrolling <= 50)}`,
);
console.log(
  `  page JS heap ${mb(heap)}; renderer processes' resident memory ${mb(rss * 1024)}; target ≤ 500 MB: ${verdict(rss * 1024 <= 500e6)}`,
);
console.log('  main thread during import, by self time (top 12):');
for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12))
  console.log(`    ${Math.round(ms).toString().padStart(6)} ms  ${key}`);
console.log(`load average at end: ${load()}`);
await browser.close();
await server.close();
