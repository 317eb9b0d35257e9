/**
 * Share links in a real browser: the link carries the scenario in its fragment, opens as an
 * unsaved scenario that never replaces local work, and broken or hostile links get a message.
 * These need the app to mount ShareButton and SharedScenarioBanner (src/ui/library); until it
 * does, they are reported as skipped, saying so.
 */
import type { Page } from '@playwright/test';
import { test, expect, openApp, importFile } from './fixtures';
import { lessonScenario } from '../unit/storage/fixtures';

async function openLibrary(page: Page, path = './'): Promise<void> {
  await openApp(page, path);
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('new-scenario')).toBeEnabled();
  test.skip(
    (await page.getByTestId('share').count()) === 0,
    'The app does not mount ShareButton yet',
  );
}

/** Imports the lesson-size scenario through the file input; the app opens what it imports. */
async function importLesson(page: Page): Promise<void> {
  await importFile(page, 'lesson.json', lessonScenario);
  await expect(page.getByTestId('import-report')).toContainText('1 scenario imported');
  await page.getByRole('tab', { name: 'Library' }).click();
}

test('a link carries the scenario, is copied, and opens unsaved without touching the library', async ({
  page,
  context,
  watch,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openLibrary(page);
  await importLesson(page);
  await page.getByTestId('share').click();
  const shown = page.getByTestId('share-url');
  await expect(shown).toContainText('#s=1.');
  const url = (await shown.textContent())!.trim();
  expect(url.startsWith(new URL('./', page.url()).href)).toBe(true);
  expect(url.length).toBeLessThanOrEqual(2000);
  await expect(page.getByTestId('share-length')).toHaveText(
    `${url.length.toLocaleString('en')} characters`,
  );
  await expect(page.getByTestId('share-copied')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  const scenarios = await page.getByTestId('library-item').count();

  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByTestId('shared-banner')).toContainText('Opened from a link — not saved.');
  await expect(other.getByTestId('shared-banner')).toContainText(
    'EC2 reads S3 through an instance profile',
  );
  await other.getByRole('tab', { name: 'Library' }).click();
  await expect(other.getByTestId('library-item')).toHaveCount(scenarios);
  await other.getByTestId('save-shared').click();
  await expect(other.getByTestId('shared-banner')).toContainText('Saved to your library');
  await expect(other.getByTestId('library-item')).toHaveCount(scenarios + 1);
  expect(new URL(other.url()).hash).toBe('');
  expect(watch.foreignRequests).toEqual([]);
});

test('when the clipboard is refused, the link is shown and selected with a hint', async ({
  page,
}) => {
  await openLibrary(page);
  await page.evaluate(() => {
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) },
    });
  });
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-copy-failed')).toContainText('press Ctrl+C');
  const selected = await page.evaluate(() => getSelection()?.toString() ?? '');
  expect(selected).toBe((await page.getByTestId('share-url').textContent())!.trim());
});

const hostile: [string, string, RegExp][] = [
  ['bad base64', '#s=1.ab+c/d', /damaged: it contains the character "\+"/],
  ['percent-encoded junk', '#s=1.%3Cscript%3E', /damaged/],
  ['a newer link version', '#s=7.AAAA', /newer IAM Playground/],
  ['bad compression', '#s=1.AAAAAAAAAAAA', /compressed content is broken/],
  ['megabytes of data', '#s=1.' + 'A'.repeat(300_000), /at most 200,000/],
];

for (const [name, fragment, message] of hostile) {
  test(`a link with ${name} gets a clear message and the app keeps working`, async ({
    page,
    watch,
  }) => {
    await openLibrary(page);
    const scenarios = await page.getByTestId('library-item').count();
    await page.goto('./' + fragment);
    await expect(page.getByTestId('shared-link-error')).toContainText(message);
    await page.getByRole('tab', { name: 'Library' }).click();
    await expect(page.getByTestId('library-item')).toHaveCount(scenarios);
    await expect(page.getByTestId('new-scenario')).toBeEnabled();
    expect(watch.consoleErrors).toEqual([]);
  });
}

test('HTML in a shared title is shown as text', async ({ page }) => {
  await openLibrary(page);
  const title = '<img src=x onerror="window.__pwned=1">';
  await importFile(
    page,
    'html.json',
    JSON.stringify({ format: 'iam-playground/scenario', version: 1, title }),
  );
  await page.getByRole('tab', { name: 'Library' }).click();
  await page.getByTestId('share').click();
  const url = (await page.getByTestId('share-url').textContent())!.trim();
  await page.goto(url);
  await expect(page.getByTestId('shared-banner')).toContainText(title);
  await expect(page.getByTestId('shared-banner')).toContainText('shown as plain text');
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('leaving an edited shared scenario for a lesson closes its banner and keeps the edits', async ({
  page,
  context,
}) => {
  await openLibrary(page);
  await importLesson(page);
  const before = await page.getByTestId('library-item').count();
  await page.getByTestId('share').click();
  const url = (await page.getByTestId('share-url').textContent())!.trim();

  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByTestId('shared-banner')).toBeVisible();
  // An edit to the shared scenario, then a lesson opened over it.
  await other.getByRole('tab', { name: 'World' }).click();
  await other.getByRole('button', { name: /Scenario \(whole JSON\)/ }).click();
  await other.locator('.cm-content').getByText('"version": 1').click();
  await other.keyboard.press('End');
  await other.keyboard.insertText('\n"description": "my notes on the shared one",');
  await other.getByRole('tab', { name: 'Lessons' }).click();
  await other.getByTestId('lesson-link').first().click();
  await expect(other.getByTestId('shared-banner')).toHaveCount(0);

  // The edited shared scenario is in the library (the newest item), with the edit.
  await other.getByRole('tab', { name: 'Library' }).click();
  await expect(other.getByTestId('library-item')).toHaveCount(before + 1);
  await other.getByTestId('library-item').first().getByRole('button').first().click();
  await other.getByRole('tab', { name: 'World' }).click();
  await other.getByRole('button', { name: /Scenario \(whole JSON\)/ }).click();
  await expect(other.locator('.cm-content')).toContainText('my notes on the shared one');
});
