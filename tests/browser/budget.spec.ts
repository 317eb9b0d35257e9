import { gzipSync } from 'node:zlib';
import { expect, openApp, test } from './fixtures';

// Measured as a newcomer's first visit: the welcome is on screen, and the service worker
// registers and precaches in the background, as it does for a real newcomer.
test.use({ firstVisit: true, serviceWorkers: 'allow' });

test('the first visit loads at most 250 kB of gzipped JavaScript (page and worker) before it is interactive', async ({
  page,
}) => {
  const scripts = new Map<string, Promise<{ url: string; startedAt: number; gzipped: number }>>();
  // page.on('request') sees the page's and its web worker's requests, not the service worker's
  // precaching, which happens in the background and is not needed to use the app.
  page.on('request', (request) => {
    const url = request.url();
    if (!/\.m?js(\?|$)/.test(url) || scripts.has(url)) return;
    // A script asked for after the test has counted (a chunk loaded once the app is ready)
    // may still be in flight when the test ends: neither its response nor its body is needed.
    const entry = request
      .response()
      .catch(() => null)
      .then(async (response) => {
        const body = response ? await response.body().catch(() => undefined) : undefined;
        // When the browser started the request (epoch ms), not when the test heard of it: a busy
        // machine delays the event, never the browser's own clock.
        const startedAt = request.timing().startTime;
        return { url, startedAt, gzipped: body ? gzipSync(body, { level: 9 }).length : 0 };
      });
    scripts.set(url, entry);
  });
  await openApp(page);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  await expect(page.getByTestId('decision').first()).toBeVisible();
  await expect(page.getByTestId('welcome')).toBeVisible();
  // What is asked for after the app is interactive (findings, autocomplete data) does not count.
  const readyAt = Number(await page.locator('html').getAttribute('data-ready-at'));
  const all = await Promise.all(scripts.values());
  const before = all.filter((s) => s.startedAt <= readyAt);
  // Scripts written into the page itself (the link guard) are JavaScript of the first visit too.
  const inline = await page.evaluate(() =>
    [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? ''),
  );
  const inlineBytes = inline.reduce((sum, text) => sum + gzipSync(text, { level: 9 }).length, 0);
  const total = before.reduce((sum, s) => sum + s.gzipped, inlineBytes);
  // Every script with its start relative to "ready" and its size, so a failure says what grew.
  const table = all
    .map(
      (s) =>
        `${s.startedAt <= readyAt ? 'counted' : 'after  '} ${Math.round(s.startedAt - readyAt)} ms ${s.gzipped} B ${new URL(s.url).pathname}`,
    )
    .join('\n')
    .concat(`\ncounted inline ${inlineBytes} B (${inline.length} scripts in index.html)`);
  // Printed on every run so a change can report its first-visit bytes before and after.
  console.log(`first visit: ${total} B gzipped (limit 250000)\n${table}`);
  expect(before.length, table).toBeGreaterThanOrEqual(2); // the app and the evaluator worker at least
  expect(total, table).toBeLessThanOrEqual(250_000); // 250 kB, counted in thousands of bytes
});

test('a full session talks to no host but its own: page, web worker and service worker', async ({
  page,
  context,
  watch,
}) => {
  test.setTimeout(120_000);
  const seen = new Set<string>();
  context.on('request', (request) => seen.add(new URL(request.url()).origin));
  await openApp(page);
  await page.waitForFunction(
    () => navigator.serviceWorker.controller?.state === 'activated',
    null,
    {
      timeout: 30_000,
    },
  );
  // Autocomplete loads the service reference; a managed policy loads the catalog.
  await page.getByLabel('Action', { exact: true }).fill('s3:GetOb');
  await page.getByRole('tab', { name: 'Lessons' }).click();
  await page.getByTestId('lesson-link').first().click();
  await expect(page.getByTestId('goal').first()).toBeVisible();
  await page.getByRole('tab', { name: 'Console' }).click();
  const input = page.getByTestId('console-input');
  await input.fill(
    "aws iam list-policies --scope AWS --query 'Policies[?PolicyName==`ReadOnlyAccess`].Arn' --output text",
  );
  await input.press('Enter');
  await expect(page.getByTestId('console-output')).toContainText(
    'arn:aws:iam::aws:policy/ReadOnlyAccess',
  );
  await page.getByRole('tab', { name: 'Library' }).click();
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-url')).toContainText('#s=1.');
  await page.waitForLoadState('networkidle');
  expect([...seen]).toEqual([new URL(page.url()).origin]);
  expect(watch.foreignRequests).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
});
