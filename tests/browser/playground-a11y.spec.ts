import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';
import { seriousViolations } from './axe';

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violation in the ${theme} theme`, async ({ page }) => {
    await openApp(page);
    await page.getByTestId('theme').selectOption(theme);
    await expect(page.getByTestId('decision')).toHaveText(['allowed', 'explicitDeny']);
    // Show as much as possible: the deciding request's trace, an entity in the inspector, the flow.
    await page.getByRole('button', { name: /alice-deletes/ }).click();
    await expect(page.getByTestId('trace')).toContainText('NoDeletes');
    await page.getByRole('button', { name: 'alice', exact: true }).click();
    expect(await seriousViolations(page)).toEqual([]);

    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');

    // The organization screens: an organization root with its SCP and RCP lists.
    await page.getByRole('button', { name: '+ Organization' }).click();
    await page.getByRole('button', { name: 'root Root' }).click();
    await expect(page.getByRole('group', { name: 'Service control policies' })).toBeVisible();
    // The header's Undo, enabled and saying what it takes back, is checked here too.
    await expect(page.getByRole('button', { name: 'Undo: add the organization' })).toBeEnabled();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('the system dark scheme applies without a choice, and the choice is remembered', async ({
  browser,
}) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await openApp(page);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const dark = await background();
  await page.getByTestId('theme').selectOption('light');
  const light = await background();
  expect(light).not.toEqual(dark);
  await page.reload();
  await expect(page.getByTestId('theme')).toHaveValue('light');
  expect(await background()).toEqual(light);
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});
