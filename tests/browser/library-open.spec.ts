/**
 * Issue #19: clicking, in the Library, the scenario that is already open does nothing costly. It
 * read the whole world again (seconds for a world of megabytes) and reset its undo history; now
 * the world, its editor and its history stay as they are.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openLibrary, typeLine } from './library-pages';

const undoButton = (page: Page) =>
  page.getByRole('group', { name: 'Undo and redo' }).getByRole('button', { name: /^Undo/ });

test('clicking the open scenario in the Library keeps the world and its undo history', async ({
  page,
  watch,
}) => {
  await openLibrary(page);
  await typeLine(page, 'kept-line');
  await expect(undoButton(page)).toBeEnabled();
  const label = await undoButton(page).getAttribute('aria-label');
  const current = page.locator('[data-testid="library-item"] button[aria-current="true"]');
  await expect(current).toHaveCount(1);
  await current.click();
  // The click is handled (and said): then the world and its history must be as they were.
  await expect(page.getByTestId('library-announcement')).toContainText('is already open');
  await expect(page.locator('.cm-content')).toContainText('"kept-line": true');
  await expect(undoButton(page)).toBeEnabled();
  expect(label).toMatch(/^Undo: /);
  await expect(undoButton(page)).toHaveAttribute('aria-label', label!);
  await undoButton(page).click();
  await expect(page.locator('.cm-content')).not.toContainText('kept-line');
  expect(watch.consoleErrors).toEqual([]);
});
