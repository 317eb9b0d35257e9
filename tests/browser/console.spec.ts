import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

const ACCOUNT = '123456789012';

/** Types one command into the console and waits for it to be answered. */
async function run(page: Page, command: string): Promise<void> {
  const input = page.getByTestId('console-input');
  await input.fill(command);
  await input.press('Enter');
  await expect(input).toHaveValue('');
}

const output = (page: Page) => page.getByTestId('console-output');

test('a learner follows a CLI walkthrough in the console, and the world and its decisions follow', async ({
  page,
  watch,
}) => {
  test.setTimeout(120_000);
  await openApp(page);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page.getByRole('tab', { name: 'Console' }).click();

  await run(page, 'aws iam create-user --user-name alice');
  await expect(output(page)).toContainText(`"Arn": "arn:aws:iam::${ACCOUNT}:user/alice"`);
  await run(page, 'aws iam create-group --group-name readers');
  await run(page, 'aws iam add-user-to-group --user-name alice --group-name readers');
  await run(
    page,
    'aws iam attach-group-policy --group-name readers --policy-arn arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
  );
  await run(
    page,
    `aws iam create-role --role-name WebRole --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}'`,
  );
  await expect(output(page)).toContainText(`"Arn": "arn:aws:iam::${ACCOUNT}:role/WebRole"`);
  await run(page, 'aws iam create-instance-profile --instance-profile-name WebProfile');
  await run(
    page,
    'aws iam add-role-to-instance-profile --instance-profile-name WebProfile --role-name WebRole',
  );

  // AWS refuses to delete a user who is still in a group.
  await run(page, 'aws iam delete-user --user-name alice');
  await expect(output(page)).toContainText('(DeleteConflict)');

  await run(
    page,
    `aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::${ACCOUNT}:user/alice --action-names s3:GetObject --resource-arns arn:aws:s3:::team-reports/q3.csv`,
  );
  await expect(output(page)).toContainText('"EvalDecision": "allowed"');

  // The commands changed the world the explorer and the editors show.
  await page.getByRole('tab', { name: 'World' }).click();
  await expect(page.getByRole('button', { name: 'alice', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'WebRole', exact: true })).toBeVisible();

  // The same question asked through the request builder gets the same decision.
  await page.getByRole('button', { name: 'Add request' }).click();
  await page.getByLabel('Principal').fill(`arn:aws:iam::${ACCOUNT}:user/alice`);
  await page.getByLabel('Action', { exact: true }).fill('s3:GetObject');
  await page.getByLabel('Resource', { exact: true }).fill('arn:aws:s3:::team-reports/q3.csv');
  await expect(page.getByTestId('decision')).toHaveText(['allowed']);
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});

test('each console command is one undoable step', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page.getByRole('tab', { name: 'Console' }).click();
  await run(page, 'aws iam create-user --user-name alice');
  await run(page, 'aws iam create-user --user-name bob');
  await run(page, 'aws iam list-users --query "Users[].UserName" --output text');
  await expect(output(page)).toContainText(/alice\s+bob/);

  // The header's Undo takes back console commands too, named by the command.
  await page.getByRole('button', { name: 'Undo: aws iam create-user --user-name bob' }).click();
  await run(page, 'aws iam list-users --query "Users[].UserName" --output text');
  const answer = output(page).locator('pre').last();
  await expect(answer).toHaveText('alice');
  await page.getByRole('button', { name: 'Redo: aws iam create-user --user-name bob' }).click();
  await page.getByRole('tab', { name: 'World' }).click();
  await expect(page.getByRole('button', { name: 'bob', exact: true })).toBeVisible();
});

test('history and tab completion work from the keyboard', async ({ page }) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Console' }).click();
  const input = page.getByTestId('console-input');
  await run(page, 'aws sts get-caller-identity');
  await expect(output(page)).toContainText('"Account"');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('aws sts get-caller-identity');
  // One candidate completes the word; several complete their common part (as bash does).
  await input.fill('aws iam create-us');
  await input.press('Tab');
  await expect(input).toHaveValue(/^aws iam create-user\s?$/);
  await input.fill('aws iam list-us');
  await input.press('Tab');
  await expect(input).toHaveValue('aws iam list-user');
  await expect(page.getByRole('list', { name: 'Completions' })).toContainText('list-users');
});
