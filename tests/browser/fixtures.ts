import { test as base, expect, type Page } from '@playwright/test';

/**
 * A test fixture that records what a page does that it should not: console errors, page errors,
 * and requests to any host but the local server (the page's, its web worker's and, where it is
 * allowed to register, its service worker's requests alike, as the browser context sees them all).
 */
export interface PageWatch {
  consoleErrors: string[];
  foreignRequests: string[];
}

/**
 * `firstVisit`: false (the default) marks the first-visit welcome as already dismissed before
 * the page loads, so tests of other flows start where a returning user does;
 * tests/browser/first-visit.spec.ts sets it to true to meet the welcome as a newcomer does.
 *
 * `serviceWorkers`: 'block' (the default here) keeps the service worker from registering. Its
 * install precaches the whole app, some 580 files one after another, in every new browser
 * context: CPU the test's own page then competes for on a small machine, for tests that are not
 * about it. The files about the service worker (offline, csp, budget) set it to 'allow'. Blocked,
 * registration fails and the app says so with a console warning, as in a browser without
 * service workers; every page is then served by the test server, as on a first visit.
 */
export const test = base.extend<{ watch: PageWatch; firstVisit: boolean }>({
  firstVisit: [false, { option: true }],
  serviceWorkers: 'block',
  page: async ({ page, firstVisit }, use) => {
    if (!firstVisit)
      await page.addInitScript(() => {
        try {
          if (localStorage.getItem('iam-playground.welcomed') === null)
            localStorage.setItem('iam-playground.welcomed', 'by a test');
        } catch {
          // no storage: the welcome shows, as it would for such a user
        }
      });
    await use(page);
  },
  watch: async ({ page, context }, use) => {
    const watch: PageWatch = { consoleErrors: [], foreignRequests: [] };
    page.on('console', (msg) => {
      if (msg.type() === 'error') watch.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => watch.consoleErrors.push(String(err)));
    context.on('request', (req) => {
      const url = new URL(req.url());
      const local =
        url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:';
      if (!local) watch.foreignRequests.push(req.url());
    });
    await use(watch);
  },
});

export { expect };

/** Waits until the app shell has rendered its panels. */
export async function openApp(page: Page, path = './'): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: 'IAM Playground' })).toBeVisible();
}

/** Imports a file through the Library's import input, as a user picking it would. */
export async function importFile(page: Page, name: string, text: string | Buffer): Promise<void> {
  await page.getByTestId('import').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: typeof text === 'string' ? Buffer.from(text) : text,
  });
}
