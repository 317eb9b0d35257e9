import { test, expect, openApp } from './fixtures';

test('the app shell renders its panels with no console error and no foreign request', async ({
  page,
  watch,
}) => {
  await openApp(page);
  for (const name of ['World', 'Editor', 'Request', 'Decision']) {
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  }
  await page.waitForLoadState('networkidle');
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});

test('the build works under a sub-path, as on GitHub Pages', async ({ page, watch }) => {
  await openApp(page, '/iam-playground/');
  await expect(page.getByRole('heading', { level: 2, name: 'Editor' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});

test('the shell follows the system colour scheme', async ({ browser }) => {
  const background = async (colorScheme: 'light' | 'dark') => {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await openApp(page);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await context.close();
    return bg;
  };
  const light = await background('light');
  const dark = await background('dark');
  expect(light).not.toEqual(dark);
  // Dark means a dark background: the sum of its RGB channels is low.
  const sum = (rgb: string) =>
    (rgb.match(/\d+/g) ?? [])
      .slice(0, 3)
      .map(Number)
      .reduce((a, b) => a + b, 0);
  expect(sum(dark)).toBeLessThan(sum(light));
});
