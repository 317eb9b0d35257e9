/**
 * Issue 14: nothing frozen. Big inputs are read without freezing the page: a link far too long
 * is refused before the app starts reading it, and typing in the whole-JSON editor of a big world
 * is read back once typing pauses, not at every key. (Timings are measured by
 * `npm run bench:freeze`, not asserted here.)
 */
import { expect, importFile, openApp, test } from './fixtures';

const A = '111122223333';

/** A world of about `bytes` characters, formatted, its requests first (so their lines are known). */
function bigWorld(bytes: number): string {
  const resources: Record<string, unknown> = {};
  const world = {
    format: 'iam-playground/scenario',
    version: 1,
    title: 'Big world',
    requests: [
      {
        id: 'reads-0',
        principal: `arn:aws:iam::${A}:user/alice`,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::bucket-0/k',
      },
    ],
    accounts: { [A]: { users: { alice: { policies: [] } } } },
    resources,
  };
  for (let i = 0; JSON.stringify(world, null, 2).length < bytes; i++) {
    for (let j = 0; j < 100; j++) {
      const arn = `arn:aws:s3:::bucket-${i * 100 + j}`;
      resources[arn] = {
        account: A,
        policy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${A}:user/alice` },
              Action: 's3:GetObject',
              Resource: `${arn}/*`,
            },
          ],
        },
      };
    }
  }
  return JSON.stringify(world, null, 2);
}

test('a link far too long to read is refused with its limit, and leaves the address', async ({
  page,
}) => {
  await openApp(page, `./#s=1.${'A'.repeat(400_000)}`);
  const error = page.getByTestId('shared-link-error');
  await expect(error).toContainText('400,004 characters long; share links are at most 200,000');
  // Checked as a pair of facts, so a failure does not print the 400 kB address.
  const url = page.url();
  expect({ short: url.length < 200, link: url.includes('#s=') }).toEqual({
    short: true,
    link: false,
  });
});

test('typing in the whole-JSON editor of a big world is read back when typing pauses', async ({
  page,
  watch,
}) => {
  test.setTimeout(300_000);
  // Just over the editor's 200,000 characters: big enough to be read back once typing pauses.
  const text = bigWorld(250_000);
  // Notes whether "Reading your changes…" was ever shown (it may come and go between two polls).
  await page.addInitScript(`new MutationObserver(() => {
    if (document.querySelector('[data-testid="editor-pending"]')) window.__sawPending = true;
  }).observe(document, { childList: true, subtree: true });`);
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await importFile(page, 'big.json', text);
  const rid = page.locator('ol.outcomes > li .rid').first();
  await expect(rid).toHaveText('reads-0');
  await expect(page.getByTestId('decision').first()).toHaveText('allowed');

  await page.getByRole('tab', { name: 'World' }).click();
  await page.getByRole('button', { name: 'Scenario (whole JSON)' }).click();
  // Line 7 is `"id": "reads-0",`: the cursor goes before its closing quote.
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('-renamed');

  // Not read back at each key: said so while typing, then read back once.
  await expect(rid).toHaveText('reads-0-renamed');
  expect(await page.evaluate('window.__sawPending')).toBe(true);
  await expect(page.getByTestId('editor-pending')).toHaveCount(0);
  await expect(page.getByTestId('decision').first()).toHaveText('allowed');
  expect(watch.consoleErrors).toEqual([]);
});
