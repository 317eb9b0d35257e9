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

const accessPoints = readFileSync(
  new URL('../../src/examples/s3-access-points.json', import.meta.url),
  'utf8',
);

test('a request through an S3 access point: both policies in the trace, network origin, and the access point in the inspector', async ({
  page,
  watch,
}) => {
  test.setTimeout(120_000);
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('new-scenario')).toBeEnabled();
  await importFile(page, 'access-points.json', accessPoints);
  await expect(page.getByTestId('import-report')).toContainText('1 scenario imported');

  // The cross-account read through the access point: the access point policy and the bucket
  // behind it each have their step.
  await page
    .getByRole('button', { name: /analyst-reads-through-access-point/ })
    .first()
    .click();
  const verdict = page.locator('.verdict-line');
  await expect(verdict).toContainText('is allowed');
  await expect(
    page.getByText('Bucket analytics-data behind access point finance', { exact: true }).first(),
  ).toBeVisible();

  // The VPC-only access point refuses a request from the internet at its own step.
  await page
    .getByRole('button', { name: /internal-from-the-internet/ })
    .first()
    .click();
  await expect(verdict).toContainText('implicit deny');
  await expect(
    page.getByText('Access point network origin', { exact: true }).first(),
  ).toBeVisible();
  await page.screenshot({ path: 'test-results/s3-access-point-trace.png', fullPage: true });

  // The explorer lists the account's access points; the inspector shows one read-only.
  await page.getByRole('tab', { name: 'World' }).click();
  await page
    .getByRole('button', { name: /internal/ })
    .first()
    .click();
  await expect(page.locator('#inspector-title')).toHaveText('S3 access point');
  await expect(
    page.getByText(/VPC vpc-0a1b2c3d4e5f67890: requests from elsewhere are refused/),
  ).toBeVisible();
  await expect(page.getByText(/all on \(AWS's default for a new access point\)/)).toBeVisible();
  // No policy is written for it: the editor is not opened on an empty document.
  await expect(page.getByText('The document is empty')).toHaveCount(0);
  const title = page.locator('#inspector-title');
  await title.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/s3-access-point-inspector.png' });
  expect(watch.consoleErrors).toEqual([]);
});
