import { gzipSync } from 'node:zlib';
import { expect, openApp, test } from './fixtures';

// Measured as a newcomer's first visit: the welcome is on screen, and the service worker
// registers and precaches in the background, as it does for a real newcomer.
test.use({ firstVisit: true, serviceWorkers: 'allow' });

test('the first visit loads at most 250 kB of gzipped JavaScript (page and worker) before it is interactive', async ({
  page,
}) => {
  const scripts = new Map<string, { requestedAt: number; gzipped: Promise<number> }>();
  // page.on('request') sees the page's and its web worker's requests, not the service worker's
  // precaching, which happens in the background and is not needed to use the app.
  page.on('request', (request) => {
    const url = request.url();
    if (!/\.m?js(\?|$)/.test(url) || scripts.has(url)) return;
    const gzipped = request
      .response()
      .then((response) => response?.body())
      .then((body) => (body ? gzipSync(body, { level: 9 }).length : 0));
    scripts.set(url, { requestedAt: Date.now(), gzipped });
  });
  await openApp(page);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  await expect(page.getByTestId('decision').first()).toBeVisible();
  await expect(page.getByTestId('welcome')).toBeVisible();
  // What is asked for after the app is interactive (findings, autocomplete data) does not count.
  const readyAt = Number(await page.locator('html').getAttribute('data-ready-at'));
  const before = [...scripts.values()].filter((s) => s.requestedAt <= readyAt);
  const sizes = await Promise.all(before.map((s) => s.gzipped));
  const total = sizes.reduce((a, b) => a + b, 0);
  expect(before.length).toBeGreaterThanOrEqual(2); // the app and the evaluator worker at least
  expect(total).toBeLessThanOrEqual(250_000); // 250 kB, counted in thousands of bytes
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
