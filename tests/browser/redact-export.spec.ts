/**
 * Issue 19's redact and export in a real browser, on the starter scenario: the preview of what
 * redaction replaces, a redacted share link that leaves the scenario as it is, the
 * CloudFormation (JSON, YAML) and Terraform downloads (plain and redacted), and redaction applied
 * as one step of the history that Undo takes back.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { parse as parseYaml } from 'yaml';
import { expect, openApp, test } from './fixtures';

const ACCOUNT = '111122223333'; // the starter scenario's account

const undoButton = (page: Page) =>
  page.getByRole('group', { name: 'Undo and redo' }).getByRole('button', { name: /^Undo/ });
const inTree = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

/** Clicks `testId` and returns the file it downloads, with its text. */
async function downloaded(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [download] = (await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ])) as [Download, void];
  return {
    name: download.suggestedFilename(),
    text: await readFile((await download.path())!, 'utf8'),
  };
}

test('redact: preview, share a redacted copy, export downloads, apply and undo', async ({
  page,
  watch,
}) => {
  test.setTimeout(240_000); // one page through every path; a loaded machine is slow
  await openApp(page);
  await expect(page.locator('html[data-ready]')).toBeAttached();
  await page.getByRole('tab', { name: 'Library' }).click();
  await page.getByTestId('open-world-export').click();
  const panel = page.getByTestId('world-export');
  await expect(panel).toContainText('nothing is uploaded');

  // The preview names each replacement; nothing changes yet.
  await panel.getByTestId('redact-preview').click();
  const result = panel.getByTestId('redact-result');
  await expect(result).toContainText('names would be replaced');
  for (const [from, to] of [
    [ACCOUNT, '100000000001'],
    ['alice', 'user-1'],
    ['ReadReports', 'policy-1'],
    ['team-reports', 'bucket-1'],
  ])
    await expect(result.getByRole('row', { name: `${from} ${to}` })).toBeVisible();

  // A redacted copy shared as a link; the scenario itself is untouched.
  await result.getByTestId('share').click();
  await expect(result.getByTestId('share-url')).toContainText('#s=');
  await expect(undoButton(page)).toBeDisabled();

  // Downloads: CloudFormation JSON and YAML, Terraform; then Terraform of the redacted world.
  const json = await downloaded(page, 'export-cfn-json');
  expect(json.name).toBe(`alice-reads-team-reports-${ACCOUNT}.template.json`);
  const template = JSON.parse(json.text) as {
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };
  const types = Object.values(template.Resources).map((r) => r.Type);
  expect(types.sort()).toEqual([
    'AWS::IAM::ManagedPolicy',
    'AWS::IAM::User',
    'AWS::S3::BucketPolicy',
  ]);
  const yaml = await downloaded(page, 'export-cfn-yaml');
  expect(parseYaml(yaml.text)).toEqual(template);
  const tf = await downloaded(page, 'export-terraform');
  expect(tf.name).toBe('alice-reads-team-reports.tf');
  expect(tf.text).toContain('resource "aws_iam_user" "Useralice"');
  await panel.getByTestId('export-redacted').check();
  const redactedTf = await downloaded(page, 'export-terraform');
  expect(redactedTf.text).toContain('name = "user-1"');
  expect(redactedTf.text).not.toContain('alice');
  expect(redactedTf.text).not.toContain(ACCOUNT);

  // Applied: one step of the history, named, and Undo brings the names back.
  await panel.getByTestId('redact-apply').click();
  await expect(panel.getByTestId('world-export-status')).toContainText('Undo brings them back');
  await page.getByRole('tab', { name: 'World' }).click();
  await expect(inTree(page, 'user-1')).toBeVisible();
  await expect(inTree(page, 'alice')).toHaveCount(0);
  await expect(undoButton(page)).toHaveAccessibleName('Undo: redact names and account ids');
  await undoButton(page).click();
  await expect(inTree(page, 'alice')).toBeVisible();
  await expect(inTree(page, 'user-1')).toHaveCount(0);

  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});
