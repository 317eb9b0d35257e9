// Bad input gets a message that says what and where, in each place the app shows problems
// (issue 14): the import notice, the problems list, the editor's underlines, the request builder.
import type { Page } from '@playwright/test';
import { expect, importFile, openApp, test } from './fixtures';

/** Imports a file through the library, as a user picking it would; returns the import report. */
async function importIntoLibrary(page: Page, name: string, bytes: string | Buffer) {
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('new-scenario')).toBeEnabled();
  await importFile(page, name, bytes);
  return page.getByTestId('import-report');
}

const A = '111122223333';

const scenario = {
  format: 'iam-playground/scenario',
  version: 1,
  title: 'Messages',
  accounts: {
    [A]: {
      users: {
        alice: {
          inline: {
            Home: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${}' },
              ],
            },
          },
        },
      },
    },
  },
  requests: [
    {
      principal: `arn:aws:iam::${A}:user/alice`,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::b/x',
      context: { 'aws:SourceIp': '10.0.0.999' },
    },
  ],
};
const text = JSON.stringify(scenario, null, 2);
const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

test('a UTF-16 file is refused with its encoding and place, not a stray character', async ({
  page,
}) => {
  const report = await importIntoLibrary(
    page,
    'team.json',
    Buffer.from(`\uFEFF${text}`, 'utf16le'),
  );
  await expect(report).toContainText('0 scenarios imported');
  await expect(report).toContainText(
    'team.json: line 1, column 1: team.json is encoded as UTF-16 (little-endian, with a byte-order mark)',
  );
  await expect(report).not.toContainText('�');
});

test('an address and a variable that can never be are listed with their lines, and the request builder says why', async ({
  page,
}) => {
  await expect(await importIntoLibrary(page, 'messages.json', text)).toContainText(
    '1 scenario imported',
  );
  const list = page.locator('details.issues');
  await expect(list.locator('summary')).toHaveText('2 problems in the scenario');
  await list.locator('summary').click();
  await expect(
    list.getByRole('listitem').filter({ hasText: 'is not an IP address' }),
  ).toContainText(`requests[0].context["aws:SourceIp"] (line ${lineOf('aws:SourceIp')}, column`);
  await expect(
    list.getByRole('listitem').filter({ hasText: 'names no condition key' }),
  ).toContainText(`(line ${lineOf('"Resource"')}, column`);

  const field = page.getByLabel('aws:SourceIp', { exact: true });
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/"10\.0\.0\.999" is not an IP address/);

  // Typing a real address clears it everywhere.
  await field.fill('203.0.113.7');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await expect(list.locator('summary')).toHaveText('1 problem in the scenario');
});

test('the editor underlines a malformed variable with its message', async ({ page }) => {
  await expect(await importIntoLibrary(page, 'messages.json', text)).toContainText(
    '1 scenario imported',
  );
  await page.getByRole('tab', { name: 'World' }).click();
  await page.getByRole('button', { name: 'inline Home', exact: true }).click();
  const underline = page.locator('.cm-lintRange-error');
  await expect(underline.first()).toContainText('${}');
  await underline.first().hover();
  await expect(page.locator('.cm-tooltip-lint')).toContainText('names no condition key');
});
