/**
 * Helpers for the browser tests of the library across tabs and storage failures: open the
 * library, type a line, read what IndexedDB really holds.
 */
import type { Page } from '@playwright/test';
import { expect, openApp } from './fixtures';

/** Opens the app and its Library rail panel, once the library has loaded. */
export async function openLibrary(page: Page): Promise<void> {
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('library')).toBeVisible();
  await expect(page.getByTestId('new-scenario')).toBeEnabled();
}

export const saveStatus = (page: Page) => page.getByTestId('save-status');

/** Types one line (`"<name>": true,`) at the top of the whole-scenario editor, in one keystroke. */
export async function typeLine(page: Page, name: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await page.keyboard.insertText(`\n"${name}": true,`);
}

/** The text of every scenario IndexedDB holds, by id (read in `page`, outside the app). */
export function storedTexts(page: Page): Promise<Record<string, string>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, string>>((resolve, reject) => {
        const open = indexedDB.open('iam-playground');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('library')) {
            db.close();
            return resolve({});
          }
          const request = db.transaction('library').objectStore('library').getAll();
          request.onsuccess = () => {
            const texts: Record<string, string> = {};
            for (const value of request.result as { id?: unknown; text?: unknown }[]) {
              if (typeof value?.id === 'string' && typeof value.text === 'string')
                texts[value.id] = value.text;
            }
            db.close();
            resolve(texts);
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/** Waits until IndexedDB holds a scenario containing every one of `lines`, and says "saved". */
export async function storedWith(page: Page, ...lines: string[]): Promise<void> {
  await expect
    .poll(
      async () =>
        Object.values(await storedTexts(page)).some((text) => lines.every((l) => text.includes(l))),
      { timeout: 30_000 },
    )
    .toBe(true);
  await expect(saveStatus(page)).toHaveAttribute('data-status', 'saved', { timeout: 30_000 });
}

/**
 * Stores a record as the library stores it (layout 1) and marks it the one opened last, as a
 * text too big to import can only get there (pasted into the editor). Written outside the app,
 * so first this waits until the app's own start has written what it writes (it records the
 * scenario it opened): on a loaded machine the first decisions can be on screen before the
 * library has started, and its start then overwrote `lastOpenedId`, so the reload opened the
 * app's own scenario instead of this one.
 */
export async function storeRecord(
  page: Page,
  record: { id: string; title: string; text: string },
): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            new Promise<unknown>((resolve, reject) => {
              const open = indexedDB.open('iam-playground');
              open.onerror = () => reject(open.error);
              open.onsuccess = () => {
                const db = open.result;
                if (!db.objectStoreNames.contains('library')) return (db.close(), resolve(null));
                const get = db.transaction('library').objectStore('library').get('meta');
                get.onsuccess = () => {
                  db.close();
                  resolve((get.result as { lastOpenedId?: unknown } | undefined)?.lastOpenedId);
                };
                get.onerror = () => reject(get.error);
              };
            }),
        ),
      { timeout: 60_000, message: 'the app opened a scenario of its library' },
    )
    .toEqual(expect.any(String));
  await page.evaluate(
    (r) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('iam-playground');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('library', 'readwrite');
          const store = tx.objectStore('library');
          store.put({ ...r, createdAt: 1, updatedAt: 1, rev: 1 }, `scenario:${r.id}`);
          store.put({ layoutVersion: 1, lastOpenedId: r.id }, 'meta');
          tx.oncomplete = () => (open.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    record,
  );
}
