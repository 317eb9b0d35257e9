/**
 * The inspector's S3 Object Ownership and ACL editors (issue 21: the explorer follows every new
 * field), and a bucket without a policy: it opens no empty editor with a JSON error, and the
 * inspector offers "Add a bucket policy". Each change is one named step of the history.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { expect, importFile, openApp, test } from './fixtures';

const example = readFileSync(
  new URL('../../src/examples/s3-object-ownership-acls.json', import.meta.url),
  'utf8',
);
const undoButton = (page: Page) =>
  page.getByRole('group', { name: 'Undo and redo' }).getByRole('button', { name: /^Undo/ });
const inTree = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

test('Object Ownership and ACLs of buckets and objects are edited in the inspector; a bucket without a policy offers one', async ({
  page,
  watch,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('new-scenario')).toBeEnabled();
  await importFile(page, 'acls.json', example);
  await expect(page.getByTestId('import-report')).toContainText('1 scenario imported');
  const verdict = page.locator('.verdict-line');

  // The public object is readable through its AllUsers grant while the bucket's ACLs are enabled.
  await page
    .getByRole('button', { name: /anyone-reads-public-object/ })
    .first()
    .click();
  await expect(verdict).toContainText('is allowed');

  // The bucket has no policy: selecting it opens no empty editor, and the inspector offers one.
  await page.getByRole('tab', { name: 'World' }).click();
  await inTree(page, 'arn:aws:s3:::partner-drop').click();
  await expect(page.locator('#inspector-title')).toHaveText('resource');
  await expect(page.getByRole('button', { name: 'Add a bucket policy' })).toBeVisible();
  await expect(page.getByText('The document is empty')).toHaveCount(0);
  const ownership = page.getByLabel('S3 Object Ownership', { exact: true });
  await expect(ownership).toHaveValue('ObjectWriter');
  const bucketAcl = page.getByRole('group', { name: 'ACL', exact: true });
  await expect(bucketAcl).toContainText('WRITE to account 444455556666');
  await expect(page.getByTestId('acl-disabled')).toHaveCount(0);

  // Bucket owner enforced disables ACLs: the AllUsers grant no longer lets anyone in.
  await ownership.selectOption('BucketOwnerEnforced');
  await expect(verdict).not.toContainText('is allowed');
  await expect(page.getByTestId('acl-disabled')).toBeVisible();
  await expect(undoButton(page)).toHaveAccessibleName(
    'Undo: set the object ownership of bucket partner-drop to BucketOwnerEnforced',
  );
  await undoButton(page).click();
  await expect(verdict).toContainText('is allowed');
  await expect(ownership).toHaveValue('ObjectWriter');

  // An object's ACL: a grant with a wrong grantee is refused with a message; a good one is
  // added, and the analyst may then read the partner's object.
  await page
    .getByRole('button', { name: /owner-cannot-read-partner-object-without-grant/ })
    .first()
    .click();
  await expect(verdict).toContainText('implicit deny');
  await page.getByRole('tab', { name: 'World' }).click();
  await inTree(page, 'arn:aws:s3:::partner-drop/inbox/notes.txt').click();
  const objectAcl = page.getByRole('group', { name: 'ACL', exact: true });
  await expect(objectAcl).toContainText('No grants.');
  await expect(objectAcl.getByLabel('Permission').locator('option[value="WRITE"]')).toHaveCount(0);
  await objectAcl.getByLabel('Grantee').fill('bob');
  await objectAcl.getByRole('button', { name: 'Add grant' }).click();
  await expect(objectAcl.getByRole('alert')).toContainText('bob is not a grantee');
  await objectAcl.getByLabel('Grantee').fill('111122223333');
  await objectAcl.getByLabel('Permission').selectOption('READ');
  await objectAcl.getByRole('button', { name: 'Add grant' }).click();
  await expect(objectAcl).toContainText('READ to account 111122223333');
  await expect(undoButton(page)).toHaveAccessibleName(
    'Undo: grant READ to 111122223333 in the ACL of object inbox/notes.txt',
  );
  await page
    .getByRole('button', { name: /owner-cannot-read-partner-object-without-grant/ })
    .first()
    .click();
  await expect(verdict).toContainText('is allowed');

  // Removing the grant takes it back.
  await page.getByRole('tab', { name: 'World' }).click();
  await inTree(page, 'arn:aws:s3:::partner-drop/inbox/notes.txt').click();
  await objectAcl.getByRole('button', { name: 'Remove READ for 111122223333' }).click();
  await expect(objectAcl).toContainText('No grants.');

  // Adding the bucket policy opens a valid empty one in the editor.
  await inTree(page, 'arn:aws:s3:::partner-drop').click();
  await page.getByRole('button', { name: 'Add a bucket policy' }).click();
  await expect(page.getByRole('button', { name: 'Open bucket policy' })).toBeVisible();
  await expect(page.getByTestId('editor')).toContainText('"Statement": []');
  await expect(page.getByText('Not valid JSON yet')).toHaveCount(0);

  const inspector = page.locator('section.inspector');
  // The World panel scrolls on its own at this width: bring the inspector to its top.
  await inspector.evaluate((e) => e.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: 'test-results/s3-acl-editors-1280.png' });
  for (const theme of ['light', 'dark'] as const) {
    await page.getByTestId('theme').selectOption(theme);
    expect(await seriousViolations(page, 'section.inspector'), theme).toEqual([]);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await inspector.scrollIntoViewIfNeeded();
  await inspector.screenshot({ path: 'test-results/s3-acl-editors-390.png' });
  expect(watch.consoleErrors).toEqual([]);
});
