import { readFileSync } from 'node:fs';
import { expect, importFile, openApp, test } from './fixtures';

const example = readFileSync(
  new URL('../../src/examples/block-public-access.json', import.meta.url),
  'utf8',
);

test('the inspector shows and edits S3 Block Public Access; the decision and trace follow', async ({
  page,
  watch,
}) => {
  test.setTimeout(120_000);
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('new-scenario')).toBeEnabled();
  await importFile(page, 'bpa.json', example);
  await expect(page.getByTestId('import-report')).toContainText('1 scenario imported');

  // The anonymous read is refused by the account's RestrictPublicBuckets.
  await page
    .getByRole('button', { name: /anonymous-read-is-refused/ })
    .first()
    .click();
  const verdict = page.locator('.verdict-line');
  await expect(verdict).toContainText('is refused by S3 Block Public Access');
  await expect(page.getByText('S3 Block Public Access', { exact: true }).first()).toBeVisible();

  // The account's settings show as checked boxes; the bucket has none of its own.
  await page.getByRole('tab', { name: 'World' }).click();
  await page
    .getByRole('button', { name: /111122223333/ })
    .first()
    .click();
  const account = page.getByRole('group', { name: 'S3 Block Public Access' });
  await expect(account.getByRole('checkbox', { name: /RestrictPublicBuckets/ })).toBeChecked();
  await account.screenshot({ path: 'test-results/s3-layers-account.png' });

  // Turning RestrictPublicBuckets off on the account lets the public policy grant again.
  await account.getByRole('checkbox', { name: /RestrictPublicBuckets/ }).uncheck();
  await expect(verdict).toContainText('is allowed');

  // Turning it on for the bucket alone refuses it again, and writes the bucket's setting.
  await page.getByRole('button', { name: 'arn:aws:s3:::site-assets', exact: true }).click();
  const bucket = page.getByRole('group', { name: 'S3 Block Public Access' });
  await expect(bucket.getByRole('checkbox', { name: /RestrictPublicBuckets/ })).not.toBeChecked();
  await bucket.getByRole('checkbox', { name: /RestrictPublicBuckets/ }).check();
  await expect(verdict).toContainText('is refused by S3 Block Public Access');
  await page.screenshot({ path: 'test-results/s3-layers-bucket.png', fullPage: true });
  expect(watch.consoleErrors).toEqual([]);
});
