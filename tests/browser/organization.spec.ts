/**
 * The organization screens, used as a person uses them: create an organization, hand the
 * management role to another account, add an OU, move an account into it, write an SCP and an
 * RCP, attach and detach them by clicking, and watch the decision follow each step.
 */
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

const DEV = '111122223333';
const OTHER = '444455556666';

const decisions = (page: Page) => page.getByTestId('decision');
const inspector = (page: Page) => page.locator('section.inspector');
const scps = (page: Page) =>
  inspector(page).getByRole('group', { name: 'Service control policies' });
const rcps = (page: Page) =>
  inspector(page).getByRole('group', { name: 'Resource control policies' });

/** The explorer's organization tree (the list after the "Organization" heading). */
const orgTree = (page: Page) =>
  page
    .locator('.explorer-tree > h3', { hasText: 'Organization' })
    .locator('xpath=following-sibling::ul[1]');

/** Replaces the editor's whole text, as a paste would (no auto-indent, no auto-close). */
async function setEditorText(page: Page, value: unknown): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(JSON.stringify(value, null, 2));
}

/** Adds an SCP or RCP from the organization's inspector and writes its document. */
async function addOrgPolicy(page: Page, name: string, document: unknown): Promise<void> {
  await orgTree(page).getByRole('button', { name: 'org Organization', exact: true }).click();
  await inspector(page).getByRole('button', { name: 'Add SCP or RCP' }).click();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await expect(page.locator('#document-title')).toHaveText(new RegExp(`^${name} — `));
  await setEditorText(page, document);
}

test('an organization built by clicking: OUs, a moved account, SCPs and RCPs decide', async ({
  page,
  watch,
}) => {
  await openApp(page);
  // The starter world: alice (in 111122223333) may read the report, may not delete it.
  await expect(decisions(page)).toHaveText(['allowed', 'explicitDeny']);

  // A second account, then the organization: both accounts start under the root.
  await page.getByRole('button', { name: '+ Account' }).click();
  await page.getByRole('button', { name: '+ Organization' }).click();
  const tree = orgTree(page);
  await expect(tree.getByRole('button', { name: /Root/ })).toBeVisible();
  await expect(tree.getByRole('button', { name: `account dev (${DEV})` })).toBeVisible();
  await expect(tree.getByRole('button', { name: `account ${OTHER}` })).toBeVisible();

  // The first account manages the organization, so SCPs cannot touch it: hand that to the other.
  await tree.getByRole('button', { name: 'org Organization', exact: true }).click();
  await inspector(page).getByLabel('Management account').selectOption(OTHER);

  // An OU under the root, and dev moved into it.
  await tree.getByRole('button', { name: /Root/ }).click();
  await expect(inspector(page).getByRole('heading', { level: 3 })).toHaveText(
    /in the organization/,
  );
  await inspector(page).getByRole('button', { name: 'Add OU' }).click();
  await page.keyboard.type('Workloads');
  await page.keyboard.press('Enter');
  await expect(tree.getByRole('button', { name: 'OU Workloads' })).toBeVisible();
  await tree.getByRole('button', { name: `account dev (${DEV})` }).click();
  await inspector(page).getByLabel('Move to').selectOption({ label: 'Workloads' });
  const ou = tree.locator('li', { has: page.getByRole('button', { name: 'OU Workloads' }) });
  await expect(ou.getByRole('button', { name: `account dev (${DEV})` })).toBeVisible();
  await expect(decisions(page)).toHaveText(['allowed', 'explicitDeny']);

  // An SCP that denies reading objects, attached to the OU: alice's read becomes an explicit deny.
  await addOrgPolicy(page, 'NoObjectReads', {
    Version: '2012-10-17',
    Statement: [{ Sid: 'NoReads', Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }],
  });
  await expect(page.locator('#document-title')).toHaveText(
    'NoObjectReads — service control policy',
  );
  await tree.getByRole('button', { name: 'OU Workloads' }).click();
  await scps(page).getByRole('button', { name: 'Attach NoObjectReads' }).click();
  await expect(decisions(page)).toHaveText(['explicitDeny', 'explicitDeny']);
  await decisions(page).first().click();
  await expect(page.getByTestId('trace')).toContainText('NoObjectReads');

  // Detached again: allowed again. Then FullAWSAccess detached from the OU: nothing is allowed
  // below it, and the read is an implicit deny (no SCP allows it).
  await scps(page).getByRole('button', { name: 'Detach NoObjectReads' }).click();
  await expect(decisions(page)).toHaveText(['allowed', 'explicitDeny']);
  await scps(page).getByRole('button', { name: 'Detach FullAWSAccess' }).click();
  await expect(scps(page)).toContainText('None: nothing is allowed here.');
  await expect(decisions(page)).toHaveText(['implicitDeny', 'explicitDeny']);
  await scps(page).getByRole('button', { name: 'Attach FullAWSAccess' }).click();
  await expect(decisions(page)).toHaveText(['allowed', 'explicitDeny']);

  // An RCP on dev's account: requests to its bucket are denied whoever makes them.
  await addOrgPolicy(page, 'NoReadsOfDev', {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Fence', Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*' },
    ],
  });
  await expect(page.locator('#document-title')).toHaveText(
    'NoReadsOfDev — resource control policy',
  );
  await tree.getByRole('button', { name: `account dev (${DEV})` }).click();
  await rcps(page).getByRole('button', { name: 'Attach NoReadsOfDev' }).click();
  await expect(decisions(page)).toHaveText(['explicitDeny', 'explicitDeny']);
  await expect(inspector(page).getByRole('button', { name: 'Detach NoReadsOfDev' })).toBeVisible();

  // Deleting the OU keeps its account in the organization, under the root; the RCP goes with it.
  await tree.getByRole('button', { name: 'OU Workloads' }).click();
  await inspector(page).getByRole('button', { name: 'Delete OU' }).click();
  await expect(tree.getByRole('button', { name: 'OU Workloads' })).toHaveCount(0);
  await expect(tree.getByRole('button', { name: `account dev (${DEV})` })).toBeVisible();
  await expect(decisions(page)).toHaveText(['explicitDeny', 'explicitDeny']);

  // All of it is kept across a reload.
  await page.reload();
  await expect(orgTree(page).getByRole('button', { name: 'SCP/RCP NoReadsOfDev' })).toBeVisible();
  await expect(decisions(page)).toHaveText(['explicitDeny', 'explicitDeny']);

  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});
