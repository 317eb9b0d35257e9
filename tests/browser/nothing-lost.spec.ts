/**
 * Storage that goes away or refuses: the library never says "saved" unless IndexedDB holds the
 * scenario, recreates a lost object store, asks before a page with an edit kept nowhere goes,
 * and keeps what was typed just before a renderer crash.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { openLibrary, saveStatus, storedTexts, storedWith, typeLine } from './library-pages';

// Several pages of the app at once, on a small shared machine: generous time limits.
test.describe.configure({ timeout: 180_000 });

/** Closes the page as the user would; resolves with the kind of dialog the page asked, if any. */
async function closeAndSeeDialog(page: Page): Promise<string | null> {
  let asked: string | null = null;
  const closed = new Promise<void>((resolve) => page.once('close', () => resolve()));
  page.once('dialog', (dialog) => {
    asked = dialog.type();
    void dialog.accept(); // leave anyway
  });
  await page.close({ runBeforeUnload: true });
  await closed;
  return asked;
}

test('a library database without its object store at start: created again, and edits are stored', async ({
  page,
}) => {
  await page.goto('./favicon.svg'); // same origin, app not running
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('iam-playground', 3); // exists, but holds no object store
        open.onsuccess = () => {
          open.result.close();
          resolve();
        };
        open.onerror = () => reject(open.error);
      }),
  );
  await openLibrary(page);
  const problem = page.getByTestId('storage-problem');
  await expect(problem).toHaveAttribute('data-code', 'lost');
  await expect(problem).toContainText('created again');
  await expect(problem).not.toContainText('private mode');
  await page.getByTestId('new-scenario').click();
  await typeLine(page, 'kept-after-recreate');
  await storedWith(page, 'kept-after-recreate');
  await page.reload();
  await expect(page.locator('.cm-content')).toContainText('kept-after-recreate');
});

test('the library database deleted while the app runs: created again, "saved" stays true', async ({
  page,
}) => {
  await openLibrary(page);
  await page.getByTestId('new-scenario').click();
  await typeLine(page, 'before-delete');
  await storedWith(page, 'before-delete');
  // Clearing site data / another page deleting the database. The app must let it happen now
  // (not at unload, taking what it said was saved with it) and then store its scenarios again.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.deleteDatabase('iam-playground');
        request.onsuccess = () => resolve();
        request.onerror = () => reject(request.error);
      }),
  );
  await typeLine(page, 'after-delete');
  await storedWith(page, 'before-delete', 'after-delete');
  await expect(page.getByTestId('storage-problem')).toHaveAttribute('data-code', 'lost');
  await page.reload();
  await expect(page.locator('.cm-content')).toContainText('after-delete');
  await expect(page.locator('.cm-content')).toContainText('before-delete');
});

test('IndexedDB and localStorage both refuse: "not saved", the file is offered, leaving asks', async ({
  page,
}) => {
  await openLibrary(page);
  await page.getByTestId('new-scenario').click();
  await expect(saveStatus(page)).toHaveAttribute('data-status', 'saved');
  await page.evaluate(() => {
    const refuse = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    IDBObjectStore.prototype.put = refuse;
    IDBObjectStore.prototype.add = refuse;
    Storage.prototype.setItem = refuse;
  });
  await typeLine(page, 'kept-nowhere');
  await expect(saveStatus(page)).toHaveAttribute('data-status', 'failed');
  await expect(page.getByTestId('export-unsaved')).toBeVisible();
  expect(await closeAndSeeDialog(page)).toBe('beforeunload');
});

test('no IndexedDB at all: the library never says "saved", and leaving asks first', async ({
  page,
}) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  });
  await openLibrary(page);
  await expect(page.getByTestId('storage-problem')).toHaveAttribute('data-code', 'unavailable');
  await typeLine(page, 'only-in-memory');
  await expect(saveStatus(page)).toHaveAttribute('data-status', 'failed');
  await expect(saveStatus(page)).toHaveText('Not saved');
  await expect(page.getByTestId('export-unsaved')).toBeVisible();
  expect(await closeAndSeeDialog(page)).toBe('beforeunload');
});

test('an edit typed just before the renderer crashes is kept', async ({ page, context }) => {
  await openLibrary(page);
  await page.getByTestId('new-scenario').click();
  await expect(saveStatus(page)).toHaveAttribute('data-status', 'saved');
  // The renderer dies before the debounced IndexedDB write: here the write never starts, and no
  // pagehide or visibilitychange reaches the page; the tab stays as a crashed tab would.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('the renderer is gone', 'AbortError');
    };
  });
  await typeLine(page, 'typed-before-crash');
  const again = await context.newPage(); // the user opens the app again
  await openLibrary(again);
  await expect(again.locator('.cm-content')).toContainText('typed-before-crash');
  await storedWith(again, 'typed-before-crash');
});
