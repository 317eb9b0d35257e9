/**
 * "What changed?" in a real browser (issue 18): "No change in access" for the world as opened;
 * an edit typed into the editor shows the access it adds (following the edits in the worker),
 * its counterexample added as a request that expects the new decision (named request-2 beside
 * the id-less request-1); two library entries compared; the Access view's cells
 * move by arrow keys; axe in both themes; the drawer at 1280×800 and 390 px.
 */
import { expect, importFile, openApp, test } from './fixtures';
import { seriousViolations } from './axe';

const A = '111122223333';
const V = '2012-10-17';
const alice = `arn:aws:iam::${A}:user/alice`;
const world = (action: string) => ({
  format: 'iam-playground/scenario',
  version: 1,
  title: 'Payroll reads',
  accounts: {
    [A]: {
      users: {
        alice: {
          inline: {
            Read: {
              Version: V,
              Statement: [{ Effect: 'Allow', Action: action, Resource: 'arn:aws:s3:::payroll/*' }],
            },
          },
        },
      },
    },
  },
  resources: { 'arn:aws:s3:::payroll': { account: A } },
  requests: [{ principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::payroll/q1.csv' }],
});

test('what changed: none as opened, an edit adds access and its counterexample becomes a request; cells by arrow keys; axe; 1280 and 390 px', async ({
  page,
  watch,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('new-scenario')).toBeEnabled();
  await importFile(page, 'payroll.json', JSON.stringify(world('s3:GetObject')));
  await expect(page.getByTestId('import-report')).toContainText('1 scenario imported');
  await expect(page.getByTestId('decision')).toHaveCount(1);
  await page.getByRole('tab', { name: 'World' }).click();
  await page.getByRole('button', { name: 'Scenario (whole JSON)' }).click();

  await page.getByRole('tab', { name: 'Access' }).click();
  const panel = page.getByRole('region', { name: 'Access', exact: true });
  await panel.getByRole('button', { name: 'What changed?' }).click();
  const summary = panel.getByTestId('changes-summary');
  await expect(summary).toHaveText('No change in access.', { timeout: 60_000 });

  // An edit in the editor: alice may now also delete the objects.
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(
    JSON.stringify(world('s3:*'), null, 2).replace('"s3:*"', '["s3:GetObject", "s3:DeleteObject"]'),
  );
  await expect(summary).toContainText('groups of access added, 0 groups removed');
  const added = panel
    .getByRole('region', { name: /^Access added/ })
    .getByRole('listitem')
    .filter({ hasText: 'user/alice on payroll/q1.csv' });
  await expect(added).toContainText('s3:DeleteObject');
  await expect(added).toContainText('For example s3:DeleteObject: denied before, allowed now.');
  await added.getByRole('button', { name: 'Add as request' }).click();
  await expect(page.getByTestId('decision')).toHaveCount(2);
  await expect(page.getByTestId('decision').last()).toHaveText('allowed');
  // Named as the app names requests: the first (no id) shows as request-1, the new one request-2.
  await expect(page.locator('.outcome .rid')).toHaveText(['request-1', 'request-2']);
  await expect(
    page.getByRole('group', { name: 'Undo and redo' }).getByRole('button', { name: /^Undo/ }),
  ).toHaveAccessibleName('Undo: add request s3:DeleteObject on arn:aws:s3:::payroll/q1.csv');
  // The requests do not change access: the comparison, followed, still says the same.
  await expect(summary).toContainText('groups of access added');

  // Two library entries: the first import against a wider world imported after it.
  await page.getByRole('tab', { name: 'Library' }).click();
  await importFile(
    page,
    'wider.json',
    JSON.stringify({ ...world('s3:*'), title: 'Payroll wider' }),
  );
  await expect(page.getByTestId('import-report')).toContainText('1 scenario imported');
  await page.getByRole('tab', { name: 'Access' }).click();
  await panel.getByRole('combobox', { name: /^Before/ }).selectOption({ label: 'Payroll reads' });
  await panel.getByRole('combobox', { name: /^After/ }).selectOption({ label: 'Payroll wider' });
  await expect(
    panel.getByRole('heading', {
      name: 'From library entry “Payroll reads” to library entry “Payroll wider”',
    }),
  ).toBeVisible();
  await expect(summary).toContainText('groups of access added, 0 groups removed');
  await expect(
    panel
      .getByRole('region', { name: /^Access added/ })
      .getByRole('listitem')
      .filter({ hasText: 'user/alice on payroll/q1.csv' }),
  ).toContainText('denied before, allowed now');
  await panel.getByRole('combobox', { name: /^After/ }).selectOption({ label: 'Payroll reads' });
  await expect(summary).toHaveText('No change in access.');
  // Back to the world on screen (the wider one, opened by its import).
  await panel
    .getByRole('combobox', { name: /^After/ })
    .selectOption({ label: 'The world on screen (follows your edits)' });
  await expect(summary).toContainText('groups of access added');

  await page.screenshot({ path: 'test-results/changes-1280.png' });
  for (const theme of ['light', 'dark'] as const) {
    await page.getByTestId('theme').selectOption(theme);
    expect(await seriousViolations(page, 'section[aria-label="Access"]')).toEqual([]);
  }

  // The Access view: who can act on the bucket; its cells move by arrow keys.
  await panel.getByRole('button', { name: 'Access', exact: true }).click();
  await panel.getByLabel('Principal or resource').fill('arn:aws:s3:::payroll');
  await panel.getByRole('button', { name: 'Show access' }).click();
  await expect(
    panel.getByRole('heading', { name: 'Who can act on arn:aws:s3:::payroll' }),
  ).toBeVisible({
    timeout: 60_000,
  });
  await panel.getByLabel('Decision').selectOption('all');
  const cells = panel.getByRole('list', { name: 'Access cells' }).getByRole('button');
  await cells.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(cells.nth(1)).toBeFocused();
  await expect(cells.nth(1)).toHaveAttribute('tabindex', '0');
  await expect(cells.first()).toHaveAttribute('tabindex', '-1');
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('region', { name: 'Trace of the chosen cell' })).toBeVisible();
  await page.screenshot({ path: 'test-results/access-1280.png' });

  await page.setViewportSize({ width: 390, height: 844 });
  await panel.getByRole('button', { name: 'What changed?' }).click();
  await expect(summary).toContainText('groups of access added');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: 'test-results/changes-390.png', fullPage: true });
  await panel.getByRole('button', { name: 'Access', exact: true }).click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: 'test-results/access-390.png', fullPage: true });
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});
