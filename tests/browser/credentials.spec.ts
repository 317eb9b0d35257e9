import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

async function run(page: Page, command: string): Promise<void> {
  const input = page.getByTestId('console-input');
  await input.fill(command);
  await input.press('Enter');
  await expect(input).toHaveValue('');
}

test("the explorer shows and edits a user's credentials and the account's password policy; the console sees them", async ({
  page,
  watch,
}) => {
  test.setTimeout(180_000);
  await openApp(page);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page.getByRole('tab', { name: 'Console' }).click();
  await run(page, 'aws iam create-user --user-name bob');
  await run(page, "aws iam create-login-profile --user-name bob --password 'TempPassword123!'");

  await page.getByRole('tab', { name: 'World' }).click();
  await page.getByRole('button', { name: 'bob', exact: true }).click();
  const creds = page.getByRole('group', { name: 'Credentials' });
  // The console's login profile shows; the explorer adds a key and an MFA device.
  await expect(
    creds.getByRole('checkbox', { name: 'Console password (login profile)' }),
  ).toBeChecked();
  await creds.getByRole('button', { name: 'Create access key' }).click();
  await creds.getByRole('button', { name: 'Create access key' }).click();
  await expect(creds.getByRole('button', { name: 'Create access key' })).toBeDisabled();
  await creds.getByRole('button', { name: 'Enable virtual MFA device' }).click();
  await expect(creds.getByText('arn:aws:iam::123456789012:mfa/bob')).toBeVisible();
  await page.screenshot({ path: 'test-results/credentials-explorer.png', fullPage: true });

  await page.getByRole('tab', { name: 'Console' }).click();
  await run(page, 'aws iam list-access-keys --user-name bob --query "length(AccessKeyMetadata)"');
  await expect(page.getByTestId('console-output').locator('pre').last()).toHaveText('2');
  await run(page, 'aws iam list-mfa-devices --user-name bob --query MFADevices[0].SerialNumber');
  await expect(page.getByTestId('console-output').locator('pre').last()).toContainText(
    'arn:aws:iam::123456789012:mfa/bob',
  );
  await run(page, 'aws iam delete-user --user-name bob');
  await expect(page.getByTestId('console-output').locator('pre').last()).toContainText(
    'must delete login profile first',
  );
  expect(watch.consoleErrors).toEqual([]);
});
