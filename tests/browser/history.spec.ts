/**
 * The world's one history (issue 16): an explorer delete, a console command and typing in the
 * editor are each one step, undone and redone by the header's buttons and by Ctrl+Z, Ctrl+Shift+Z
 * and Ctrl+Y outside the editor and text fields. (axe checks the enabled Undo button in both
 * themes in playground-a11y.spec.ts, whose page already has it.)
 */
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

const ACCOUNT = '111122223333'; // the starter scenario's account

const undoButton = (page: Page) =>
  page.getByRole('group', { name: 'Undo and redo' }).getByRole('button', { name: /^Undo/ });
const redoButton = (page: Page) =>
  page.getByRole('group', { name: 'Undo and redo' }).getByRole('button', { name: /^Redo/ });
const inTree = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

test('one history: explorer deletes, console commands and editor typing undone and redone', async ({
  page,
  watch,
}) => {
  test.setTimeout(240_000); // one page through four kinds of change; a loaded machine is slow
  await openApp(page);
  await expect(page.locator('html[data-ready]')).toBeAttached();
  await expect(undoButton(page)).toBeDisabled();
  await expect(redoButton(page)).toBeDisabled();

  // An explorer add and delete: each one step, named.
  await page.getByRole('button', { name: `Add role to account ${ACCOUNT}` }).click();
  await page.getByLabel('New role name').fill('WebRole');
  await page.getByLabel('New role name').press('Enter');
  await expect(undoButton(page)).toHaveAccessibleName('Undo: add role WebRole');
  await page.getByRole('button', { name: 'Delete role' }).click();
  await expect(inTree(page, 'WebRole')).toHaveCount(0);
  await expect(undoButton(page)).toHaveAccessibleName('Undo: delete role WebRole');
  await expect(undoButton(page)).toContainText('Undo: delete role WebRole');
  await undoButton(page).click();
  await expect(inTree(page, 'WebRole')).toBeVisible();
  await expect(undoButton(page)).toHaveAccessibleName('Undo: add role WebRole');
  await expect(redoButton(page)).toHaveAccessibleName('Redo: delete role WebRole');
  await redoButton(page).click();
  await expect(inTree(page, 'WebRole')).toHaveCount(0);
  await undoButton(page).click();
  await expect(inTree(page, 'WebRole')).toBeVisible();

  // A console command is a step of the same history, undone by the same button.
  await page.getByRole('tab', { name: 'Console' }).click();
  const input = page.getByTestId('console-input');
  await input.fill('aws iam create-user --user-name bob');
  await input.press('Enter');
  await expect(input).toHaveValue('');
  await expect(undoButton(page)).toHaveAccessibleName('Undo: aws iam create-user --user-name bob');
  // A new step clears what could be redone.
  await expect(redoButton(page)).toBeDisabled();
  // Ctrl+Z in a text field is the field's own undo, not the world's.
  await input.fill('aws iam list-users');
  await input.press('Control+z');
  await expect(undoButton(page)).toHaveAccessibleName('Undo: aws iam create-user --user-name bob');
  await undoButton(page).click();
  await page.getByRole('tab', { name: 'World' }).click();
  await expect(inTree(page, 'bob')).toHaveCount(0);

  // The shortcuts outside the editor: Ctrl+Shift+Z and Ctrl+Y redo, Ctrl+Z undoes.
  await page.getByRole('heading', { name: 'World', exact: true }).click();
  await page.keyboard.press('Control+Shift+Z');
  await expect(inTree(page, 'bob')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(inTree(page, 'bob')).toHaveCount(0);
  // Screen readers hear what was undone (the app's live region).
  await expect(page.locator('.app > [aria-live="polite"]')).toHaveText(
    'Undone: aws iam create-user --user-name bob.',
  );
  await page.keyboard.press('Control+y');
  await expect(inTree(page, 'bob')).toBeVisible();

  // Typing in the editor becomes one step once applied, named after the document; the header's
  // Undo brings the editor's text back too.
  await inTree(page, 'ReadReports').click();
  const editor = page.locator('.cm-content');
  await expect(editor).toContainText('"s3:GetObject"');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }],
    }),
  );
  await expect(undoButton(page)).toHaveAccessibleName(
    `Undo: edit ReadReports — customer managed policy in ${ACCOUNT}`,
  );
  await undoButton(page).click();
  await expect(editor).toContainText('"s3:GetObject"');
  await expect(undoButton(page)).toHaveAccessibleName('Undo: aws iam create-user --user-name bob');

  expect(watch.consoleErrors).toEqual([]);
});
