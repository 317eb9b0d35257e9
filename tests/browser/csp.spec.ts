import { createServer, type Server } from 'node:http';
import type { Page, Worker } from '@playwright/test';
import { startStaticServer, type StaticServer } from '../../scripts/static-server.mjs';
import { CONTENT_SECURITY_POLICY } from '../../src/pwa/content-security-policy.mjs';
import { test, expect, openApp } from './fixtures';

// These tests are about what the service worker serves and fetches. Each waits for its install
// (see waitForServiceWorkerControl): generous time limits.
test.use({ serviceWorkers: 'allow' });
test.describe.configure({ timeout: 240_000 });

/**
 * The Content-Security-Policy reaches past the page: the evaluator's Web Worker and the service
 * worker cannot reach another origin either. "Another origin" is a second local server on
 * another port that answers anyone (CORS open), so only the policy can stop the request.
 */
const OTHER_PORT = Number(process.env.PLAYWRIGHT_PORT ?? 4174) + 100;
const OTHER_URL = `http://127.0.0.1:${OTHER_PORT}/secret`;

let other: Server;
let otherHits = 0;

test.beforeAll(async () => {
  other = createServer((_req, res) => {
    otherHits += 1;
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/plain' });
    res.end('reachable');
  });
  await new Promise<void>((ok, fail) => {
    other.once('error', fail);
    other.listen(OTHER_PORT, '127.0.0.1', ok);
  });
});

test.afterAll(async () => {
  other.closeAllConnections();
  await new Promise((ok) => other.close(ok));
});

test.beforeEach(() => {
  otherHits = 0;
});

/** Fetches `url` inside `worker` and says whether the request went out or was refused. */
async function fetchFrom(worker: Worker, url: string): Promise<string> {
  return worker.evaluate(
    (target) =>
      fetch(target).then(
        async (r) => `fetched: ${await r.text()}`,
        (e: unknown) => `refused: ${String(e)}`,
      ),
    url,
  );
}

/** The evaluator's Web Worker of `page`, once it has started. */
async function evaluatorOf(page: Page): Promise<Worker> {
  await expect(page.getByTestId('decision').first()).toBeVisible();
  // A decision row shows (pending) before Playwright has heard of the worker: wait for it.
  const find = () => page.workers().find((w) => /worker/i.test(new URL(w.url()).pathname));
  await expect.poll(() => find() !== undefined).toBe(true);
  return find()!;
}

/**
 * Waits until the service worker controls `page`. Its install fetches the whole app's ~580
 * files one after another: over 30 s on a loaded two-core machine, so be patient.
 */
async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(
    () => navigator.serviceWorker.controller?.state === 'activated',
    null,
    {
      timeout: 120_000,
    },
  );
}

test.describe('served by a host that sets no headers (GitHub Pages)', () => {
  let server: StaticServer | undefined;

  test.afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  test('once the service worker controls the page, what it serves carries the policy and the evaluator cannot reach another origin', async ({
    page,
    context,
  }) => {
    server = await startStaticServer({ root: 'dist', contentSecurityPolicy: null });
    await openApp(page, server.url);
    await waitForServiceWorkerControl(page);

    const served: { url: string; policy: string | null }[] = [];
    context.on('response', (response) => {
      if (response.fromServiceWorker()) {
        served.push({
          url: response.url(),
          policy: response.headers()['content-security-policy'] ?? null,
        });
      }
    });
    await page.reload();
    const evaluator = await evaluatorOf(page);
    expect(await fetchFrom(evaluator, OTHER_URL)).toMatch(/^refused/);

    // Everything the service worker served for the reload carries the same policy as the page.
    expect(served.map((s) => s.url)).toContain(evaluator.url());
    expect(served.filter((s) => s.policy !== CONTENT_SECURITY_POLICY)).toEqual([]);
    // The host itself sent none: the header came from the service worker.
    const direct = await page.request.get(server.url);
    expect(direct.headers()['content-security-policy']).toBeUndefined();

    // The service worker's own script has no header here; its code refuses other origins.
    const [sw] = context.serviceWorkers();
    expect(sw).toBeDefined();
    expect(await fetchFrom(sw!, OTHER_URL)).toMatch(/^refused/);
    expect(otherHits).toBe(0);
  });
});

test.describe('served by the test server, which sends the policy as a header', () => {
  test('the evaluator on the first, uncontrolled visit and the service worker cannot reach another origin', async ({
    page,
    context,
  }) => {
    await openApp(page);
    const firstVisit = await evaluatorOf(page);
    expect(await fetchFrom(firstVisit, OTHER_URL)).toMatch(/^refused/);

    await waitForServiceWorkerControl(page);
    const [sw] = context.serviceWorkers();
    expect(sw).toBeDefined();
    expect(await fetchFrom(sw!, OTHER_URL)).toMatch(/^refused/);
    expect(otherHits).toBe(0);

    // The page keeps its own same-origin requests: the app still works under the policy.
    const index = await page.evaluate(() => fetch('./').then((r) => r.status));
    expect(index).toBe(200);
  });
});
