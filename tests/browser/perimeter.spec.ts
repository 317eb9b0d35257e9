import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { expect, importFile, openApp, test } from './fixtures';

const solution = JSON.parse(readFileSync('lessons/18-data-perimeter/solution.json', 'utf8')) as {
  accounts: Record<string, { vpcEndpoints: Record<string, { policy: unknown }> }>;
};
const ENDPOINT = 'vpce-0a1b2c3d';
const endpointPolicy = solution.accounts['111122223333']!.vpcEndpoints[ENDPOINT]!.policy;

test('lesson 18: the explorer shows OU ids and the VPC endpoint; fixing the endpoint policy meets every goal', async ({
  page,
  watch,
}) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Lessons' }).click();
  await page.getByTestId('lesson-link').filter({ hasText: 'A data perimeter' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'A data perimeter' })).toBeVisible();
  const goals = page.getByTestId('goal');
  await expect(goals).toHaveCount(4);
  await expect(goals.and(page.locator('[data-pass="false"]'))).toHaveCount(1);
  // Axe on each view this test opens (scoped: a whole-page run is slow on a busy machine).
  expect(await seriousViolations(page, 'article.lesson'), 'lesson 18').toEqual([]);

  await page.getByRole('tab', { name: 'World' }).click();
  await expect(page.getByRole('button', { name: 'Workloads (ou-ab12-11111111)' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Root \(r-ab12\)/ })).toBeVisible();
  expect(await seriousViolations(page, 'section.explorer'), 'world with OU ids').toEqual([]);
  // The request builder offers the world's endpoints for "vpcEndpoint".
  await expect(page.getByLabel('Through endpoint')).toHaveValue(ENDPOINT);

  await page.getByRole('button', { name: new RegExp(ENDPOINT) }).click();
  await expect(page.getByText(`Endpoint policy of ${ENDPOINT} in 111122223333`)).toBeVisible();
  expect(await seriousViolations(page, 'section.panel.editor'), 'endpoint policy').toEqual([]);
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(JSON.stringify(endpointPolicy, null, 2));

  await page.getByRole('tab', { name: 'Lessons' }).click();
  await expect(goals.and(page.locator('[data-pass="true"]'))).toHaveCount(4);
  expect(await seriousViolations(page, 'article.lesson'), 'lesson 18 solved').toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});

const undoButton = (page: Page) =>
  page.getByRole('group', { name: 'Undo and redo' }).getByRole('button', { name: /^Undo/ });

test('the inspector edits an OU id, a VPC endpoint and a KMS key kind, each one undoable step', async ({
  page,
  watch,
}) => {
  test.setTimeout(180_000);
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('new-scenario')).toBeEnabled();
  await importFile(
    page,
    'perimeter.json',
    readFileSync('src/examples/vpc-endpoint-data-perimeter.json'),
  );
  await expect(page.getByTestId('import-report')).toContainText('1 scenario imported');
  const verdict = page.locator('.verdict-line');
  await page
    .getByRole('button', { name: /etl-reads-through-the-endpoint/ })
    .first()
    .click();
  await expect(verdict).toContainText('is allowed');

  // The endpoint policy admits the Prod OU's path: another id for Prod leaves the role outside.
  await page.getByRole('tab', { name: 'World' }).click();
  await page.getByRole('button', { name: 'Prod (ou-ab12-11111111)' }).click();
  await page.getByRole('button', { name: 'Change OU id' }).click();
  const field = page.getByLabel('New OU id (empty: remove)');
  await field.fill('ou-1');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('An OU id looks like')).toBeVisible();
  expect(await seriousViolations(page, 'section.inspector'), 'OU id refused').toEqual([]);
  await field.fill('ou-ab12-22222222');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('button', { name: 'Prod (ou-ab12-22222222)' })).toBeVisible();
  await expect(verdict).not.toContainText('is allowed');
  await expect(undoButton(page)).toHaveAccessibleName(
    'Undo: set the id of Prod to ou-ab12-22222222',
  );
  await undoButton(page).click();
  await expect(verdict).toContainText('is allowed');

  // The endpoint's VPC: refused when badly shaped, then set.
  await page.getByRole('button', { name: /vpce-0a1b2c3d4e5f67890/ }).click();
  await expect(page.locator('#inspector-title')).toHaveText('VPC endpoint');
  await page.getByRole('button', { name: 'Change VPC id' }).click();
  await page.getByLabel('New VPC id (empty: remove)').fill('vpc-1');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('A VPC id looks like')).toBeVisible();
  await page.getByLabel('New VPC id (empty: remove)').fill('vpc-0123456789abcdef1');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.inspector')).toContainText('VPC id: vpc-0123456789abcdef1');
  expect(await seriousViolations(page, 'section.inspector'), 'VPC endpoint').toEqual([]);
  await expect(undoButton(page)).toHaveAccessibleName(
    'Undo: set the VPC of vpce-0a1b2c3d4e5f67890 to vpc-0123456789abcdef1',
  );

  // A KMS key made AWS managed: RCPs no longer govern it (src/examples/kms-grants-…).
  await page.getByRole('tab', { name: 'Library' }).click();
  await importFile(
    page,
    'kms.json',
    readFileSync('src/examples/kms-grants-and-aws-managed-keys.json'),
  );
  await expect(page.getByTestId('import-report')).toContainText('1 scenario imported');
  await page
    .getByRole('button', { name: /partner-encrypts-but-the-rcp-stops-it/ })
    .first()
    .click();
  await expect(verdict).toContainText('explicit Deny');
  await page.getByRole('tab', { name: 'World' }).click();
  await page
    .getByRole('button', {
      name: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      exact: true,
    })
    .click();
  await page.getByLabel('KMS key', { exact: true }).selectOption('AWS');
  await expect(undoButton(page)).toHaveAccessibleName('Undo: make the key AWS managed');
  await expect(verdict).not.toContainText('explicit Deny');
  await expect(page.locator('.inspector')).toContainText('Service of the AWS managed key: s3');
  expect(await seriousViolations(page, 'section.inspector'), 'KMS key').toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});
