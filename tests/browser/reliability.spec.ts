/**
 * Issues 14 and 19 in a real browser: an unsaved edit of a scenario too big for localStorage
 * survives a closed tab (its copy goes to IndexedDB), links (share, course, hand-in) are read in a
 * worker of their own with a word on screen meanwhile and a time limit, and a scenario too big for
 * a link says so and offers the file instead.
 */
import { deflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';
import { saveStatus, storedTexts, storeRecord } from './library-pages';

// Megabytes through IndexedDB, the worker and two pages on a loaded machine: generous limits.
test.describe.configure({ timeout: 240_000 });

const A = '111122223333';

/** A valid scenario of about `chars` characters (a long description), with no requests. */
function bigScenario(title: string, chars: number): string {
  return JSON.stringify({
    format: 'iam-playground/scenario',
    version: 1,
    title,
    description: 'x'.repeat(chars),
    accounts: { [A]: { users: { alice: { policies: [] } } } },
    requests: [],
  });
}

/** Whether Playwright has seen the page's storage worker (its event can come after the DOM shows its work). */
const storageWorkerRan = (page: Page): boolean =>
  page.workers().some((w) => /storage-worker/.test(new URL(w.url()).pathname));

test('an unsaved edit of a scenario too big for localStorage survives a closed tab', async ({
  page,
  context,
}) => {
  await openApp(page);
  await expect(page.getByTestId('decision').first()).toBeVisible();
  const text = bigScenario('Big', 3_000_000);
  await storeRecord(page, { id: 'big', title: 'Big', text });
  await page.reload();
  await expect(page.getByTestId('whole-withheld')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(saveStatus(page)).toHaveAttribute('data-status', 'saved');

  // localStorage is nearly full (other data of the site), and the library's own write never
  // finishes (the tab closes first): here it is refused, so only the exit backup can keep the edit.
  await page.evaluate(() => {
    localStorage.setItem('other-data-of-the-site', 'y'.repeat(4_500_000));
    const get = IDBObjectStore.prototype.get;
    IDBObjectStore.prototype.get = function (this: IDBObjectStore, key: IDBValidKey) {
      if (this.name === 'library') throw new DOMException('the page is going away', 'AbortError');
      return get.call(this, key);
    };
  });
  await page.getByRole('button', { name: 'Add request' }).click();
  await expect(page.getByTestId('decision')).toHaveCount(1);
  let asked: string | null = null;
  page.once('dialog', (dialog) => {
    asked = dialog.type();
    void dialog.accept();
  });
  await page.close({ runBeforeUnload: true });
  expect(asked).toBeNull(); // the edit was kept somewhere, so leaving did not ask

  const again = await context.newPage();
  await openApp(again);
  await expect(again.getByTestId('decision')).toHaveCount(1, { timeout: 60_000 });
  await expect
    .poll(async () => JSON.parse((await storedTexts(again))['big'] ?? '{}').requests?.length, {
      timeout: 60_000,
    })
    .toBe(1);
  expect(await again.evaluate(() => Object.keys(localStorage))).not.toContainEqual(
    expect.stringMatching(/unsaved/),
  );
});

test('a scenario too big for a link says so and offers the file instead', async ({ page }) => {
  await openApp(page);
  await expect(page.getByTestId('decision').first()).toBeVisible();
  const text = bigScenario('Too big to link', 1_200_000);
  await storeRecord(page, { id: 'big', title: 'Too big to link', text });
  await page.reload();
  await expect(page.getByTestId('whole-withheld')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('tab', { name: 'Library' }).click();
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-error')).toContainText(
    'larger than 1 MB, the most a link may carry',
  );
  await expect(page.getByTestId('share-url')).toHaveCount(0);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('share-as-file').click(),
  ]);
  expect(download.suggestedFilename()).toBe('too-big-to-link.json');
  const saved = await download.path();
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(saved, 'utf8')).toBe(text);
});

/** Notes every test id of the shared-link banner ever shown (they may come and go between polls). */
const WATCH_LINK_BANNER = `window.__linkBanner = new Set();
new MutationObserver(() => {
  for (const id of ['shared-link-loading', 'shared-banner', 'shared-link-error'])
    if (document.querySelector('[data-testid="' + id + '"]')) window.__linkBanner.add(id);
}).observe(document, { childList: true, subtree: true });`;

const link = (bytes: Buffer): string =>
  `#s=1.${deflateRawSync(bytes, { level: 9 }).toString('base64url')}`;

test('share links are read in a worker of their own, with a word on screen meanwhile', async ({
  page,
  watch,
}) => {
  await page.addInitScript(WATCH_LINK_BANNER);
  // The storage worker starts a second late, as on a slow machine: the word on screen meanwhile
  // must be there (on a fast one, reading can finish before the app's first frame).
  await page.route(/storage-worker/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await route.continue();
  });
  const scenario = JSON.stringify({
    format: 'iam-playground/scenario',
    version: 1,
    title: 'Shared',
    accounts: { [A]: { users: { alice: { policies: [] } } } },
    requests: [
      {
        principal: `arn:aws:iam::${A}:user/alice`,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::b/k',
      },
    ],
  });
  await openApp(page, `./${link(Buffer.from(scenario))}`);
  await expect(page.getByTestId('shared-banner')).toContainText('Shared');
  await expect(page.getByTestId('decision')).toHaveText(['implicitDeny']);
  await expect.poll(() => storageWorkerRan(page)).toBe(true);
  expect(await page.evaluate('[...window.__linkBanner]')).toEqual([
    'shared-link-loading',
    'shared-banner',
  ]);

  // A decompression bomb is refused by that worker: the page is never asked to hold 50 MB.
  await page.goto(`./${link(Buffer.alloc(50_000_000, 0x20))}`);
  await expect(page.getByTestId('shared-link-error')).toContainText('unpacks to more than 1 MB');
  await expect.poll(() => storageWorkerRan(page)).toBe(true);
  expect(watch.consoleErrors).toEqual([]);
});

const classroomLink = (key: 'c' | 'h', text: string): string =>
  `#${key}=1.${deflateRawSync(Buffer.from(text), { level: 9 }).toString('base64url')}`;

/** Keeps what src/link-guard.js's own note of a refusal said, however briefly it was shown. */
const WATCH_EARLY_NOTE = `window.__earlyNote = null;
new MutationObserver(() => {
  const note = document.querySelector('[data-testid="early-link-refusal"]');
  if (note && window.__earlyNote === null) window.__earlyNote = note.textContent;
}).observe(document, { childList: true, subtree: true });`;

test('course and hand-in links are read in the storage worker: hostile ones are refused saying what and where', async ({
  page,
  watch,
}) => {
  await page.addInitScript(WATCH_EARLY_NOTE);
  // A white-space bomb: 1 MB of nothing but white space, not JSON; the message gives its place.
  await openApp(page, `./${classroomLink('c', '\n '.repeat(495_000))}`);
  const error = page.getByTestId('shared-link-error');
  await expect(error).toContainText('This course link: not valid JSON (line 495001, column 2)');
  await expect.poll(() => storageWorkerRan(page)).toBe(true);
  // A decompression bomb in a hand-in link (opened from the address bar: the same page reads it).
  await page.goto(`./${classroomLink('h', ' '.repeat(50_000_000))}`);
  await expect(error).toContainText(
    'This hand-in link: This link unpacks to more than 1 MB, far more than any scenario; it was not read.',
  );
  // A fragment longer than any link: the guard takes it out of the address and says so at once,
  // before the app has loaded; then the app's banner says it.
  await page.goto('about:blank');
  await page.goto(`./#h=1.${'A'.repeat(400_000)}`);
  await expect(error).toContainText('400,004 characters long');
  expect(await page.evaluate('window.__earlyNote')).toContain(
    'This link could not be opened: it is 400,004 characters long; links are at most 200,000.',
  );
  await expect(page.getByTestId('early-link-refusal')).toHaveCount(0);
  expect(new URL(page.url()).hash).toBe('');
  expect(watch.consoleErrors).toEqual([]);
});

test('a storage worker that never answers is stopped after its time limit, and the user is told', async ({
  page,
}) => {
  // The worker's script is one that takes every message and answers none (a hang, not a crash).
  await page.route(/storage-worker[^/]*\.js$/, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: 'self.onmessage = () => {};' }),
  );
  await page.clock.install();
  const scenario = JSON.stringify({
    format: 'iam-playground/scenario',
    version: 1,
    title: 'Never read',
    accounts: { [A]: { users: { alice: { policies: [] } } } },
    requests: [],
  });
  await openApp(page, `./${link(Buffer.from(scenario))}`);
  await expect(page.getByTestId('shared-link-loading')).toHaveText('Opening the shared link…');
  // The limit for a link is 15 s and a little more per kilobyte: past it, in the page's time.
  await page.clock.fastForward(20_000);
  const error = page.getByTestId('shared-link-error');
  await expect(error).toContainText(
    'the part that reads links did not answer within 15 seconds and was stopped. Nothing of yours was changed',
  );
  await expect(error).toContainText('Your own scenarios are untouched.');
  await expect(page.getByTestId('shared-link-loading')).toHaveCount(0);
});
