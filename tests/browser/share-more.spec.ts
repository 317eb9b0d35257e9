/**
 * More of issue 6's proof in a real browser: twenty-odd hostile or broken links, each answered
 * with a message, with no script run and nothing stored lost; a link opened in a fresh browser
 * reproduces the same decisions; edits survive closing the tab.
 */
import { encodeShareLink } from '../../src/storage/share-link.ts';
import { expect, openApp, test } from './fixtures';

const scenario = (extra: Record<string, unknown>) =>
  JSON.stringify({ format: 'iam-playground/scenario', version: 1, ...extra });

/** Fragments that must each be refused with a message. */
async function hostileLinks(): Promise<[string, string][]> {
  return [
    ['a missing version', '#s='],
    ['a version without payload', '#s=1'],
    ['a non-numeric version', '#s=x.AAAA'],
    ['version 0', '#s=0.AAAA'],
    ['a newer link version', '#s=2.AAAA'],
    ['an empty payload', '#s=1.'],
    ['standard base64 letters', '#s=1.ab+c/d'],
    ['padding', '#s=1.AAA='],
    ['percent-encoded space', '#s=1.AB%20CD'],
    ['percent-encoded script', '#s=1.%3Cscript%3E'],
    ['a payload cut short', '#s=1.ABCDE'],
    ['bad compression', '#s=1.AAAAAAAAAAAA'],
    ['megabytes of data', '#s=1.' + 'A'.repeat(300_000)],
    ['a decompression bomb', await encodeShareLink('0'.repeat(3_000_000))],
    ['script instead of JSON', await encodeShareLink('<script>window.__pwned = 1</script>')],
    ['a JSON array', await encodeShareLink('[1, 2, 3]')],
    ['a JSON string', await encodeShareLink('"just text"')],
    ['no format', await encodeShareLink('{ "version": 1 }')],
    ['another format', await encodeShareLink(scenario({ format: 'someone-else/thing' }))],
    ['a future scenario version', await encodeShareLink(scenario({ version: 99 }))],
    [
      'a __proto__ key',
      await encodeShareLink(
        '{"format": "iam-playground/scenario", "version": 1, "__proto__": {"polluted": true}}',
      ),
    ],
    ['deep nesting', await encodeShareLink('['.repeat(5_000) + ']'.repeat(5_000))],
  ];
}

test('each hostile or broken link gets a clear message; no script runs and the library is kept', async ({
  page,
  watch,
}) => {
  // 22 fresh app loads: 16 s each on a two-core machine at load 35, which overran 180 s.
  test.setTimeout(420_000);
  const links = await hostileLinks();
  expect(links.length).toBeGreaterThanOrEqual(20);
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  const items = page.getByTestId('library-item');
  await expect(items.first()).toBeVisible();
  const kept = await items.allTextContents();

  for (const [name, fragment] of links) {
    await page.goto('about:blank');
    await openApp(page, `./${fragment}`);
    const error = page.getByTestId('shared-link-error');
    await expect(error, name).toContainText('This link could not be opened.');
    expect((await error.textContent())!.length, name).toBeGreaterThan(40);
    const harmed = await page.evaluate(() => ({
      script: (window as { __pwned?: unknown }).__pwned,
      prototype: ({} as { polluted?: unknown }).polluted,
    }));
    expect(harmed, name).toEqual({ script: undefined, prototype: undefined });
    await page.getByRole('tab', { name: 'Library' }).click();
    await expect(items, name).toHaveText(kept);
  }
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});

test('a link opened in a fresh browser reproduces the same decisions', async ({
  page,
  browser,
}) => {
  await openApp(page);
  const decisions = page.getByTestId('decision');
  await expect(decisions.first()).toBeVisible();
  const here = await decisions.allTextContents();
  await page.getByRole('tab', { name: 'Library' }).click();
  await page.getByTestId('share').click();
  const url = (await page.getByTestId('share-url').textContent())!.trim();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await expect(other.getByTestId('shared-banner')).toBeVisible();
  await expect(other.getByTestId('decision')).toHaveText(here);
  await fresh.close();
});

test('edits survive closing the tab and opening the app again', async ({ page, context }) => {
  await openApp(page);
  const decisions = page.getByTestId('decision');
  await expect(decisions.first()).toBeVisible();
  const before = await decisions.count();
  await page.getByRole('button', { name: 'Add request' }).click();
  await expect(decisions).toHaveCount(before + 1);
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await page.close();

  const again = await context.newPage();
  await openApp(again);
  await expect(again.getByTestId('decision')).toHaveCount(before + 1);
});

test('exporting the library and importing it in a fresh browser gives back the same scenarios', async ({
  page,
  browser,
}) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await page.getByTestId('new-scenario').click();
  const items = page.getByTestId('library-item');
  await expect(items).toHaveCount(2);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  const titles = await items.locator('button.title').allTextContents();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-library').click();
  const file = await (await download).path();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openApp(other);
  await other.getByRole('tab', { name: 'Library' }).click();
  // A fresh browser starts with its own starter scenario; the import adds the two exported ones.
  await expect(other.getByTestId('library-item')).toHaveCount(1);
  await other.getByTestId('import').setInputFiles(file!);
  await expect(other.getByTestId('import-report')).toContainText('2 scenarios imported');
  await other.getByRole('tab', { name: 'Library' }).click();
  const imported = await other
    .getByTestId('library-item')
    .locator('button.title')
    .allTextContents();
  // Every exported scenario is back, beside the fresh browser's own starter scenario.
  expect(imported.map((t) => t.trim()).sort()).toEqual(
    [...titles.map((t) => t.trim()), 'Alice reads team reports'].sort(),
  );
  await fresh.close();
});
