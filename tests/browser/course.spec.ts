/**
 * A course from a `#c=` link in a real browser: its exercises and lesson listed with the
 * progress, the first exercise open, solving it counts, moving on to the next exercise and to
 * the lesson, and the progress kept across a reload.
 */
import type { Page } from '@playwright/test';
import { encodeFragment } from '../../src/storage/share-link.ts';
import { expect, test } from './fixtures';

const A = '111122223333';
const alice = `arn:aws:iam::${A}:user/alice`;
const policy = (action: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
});
/** An exercise: Alice holds an inline policy that allows `has`, and should be able to `wants`. */
const exercise = (title: string, has: string, wants: string) => ({
  format: 'iam-playground/scenario',
  version: 1,
  title,
  accounts: { [A]: { users: { alice: { inline: { Work: policy(has) } } } } },
  requests: [{ id: 'goal', principal: alice, action: wants, resource: '*', expect: 'allowed' }],
  exercise: { instructions: `Let Alice do ${wants}.`, goals: [{ request: 'goal', sentence: '' }] },
});
const course = {
  format: 'iam-playground/course',
  version: 1,
  title: 'IAM in three steps',
  items: [
    { exercise: exercise('Reading objects', 's3:ListBucket', 's3:GetObject') },
    { exercise: exercise('Listing users', 's3:GetObject', 'iam:ListUsers') },
    { lesson: 'how-a-decision-is-made' },
  ],
};

/** Replaces the open document's text, as a paste would. */
async function setEditorText(page: Page, text: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

test('a course link: progress shown, an exercise solved, the next one and the lesson opened, progress kept after reload', async ({
  page,
  watch,
}) => {
  await page.goto(`./${await encodeFragment('c', JSON.stringify(course))}`);
  const view = page.getByTestId('course');
  const items = view.getByRole('listitem');
  const panel = page.getByTestId('exercise-panel');
  // The course's code loads on first use: on a loaded machine that takes a while.
  await expect(view.getByRole('heading', { name: 'IAM in three steps' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(view.getByText('0 of 3 done')).toBeVisible();
  await expect(items).toHaveText([
    /Reading objects/,
    /Listing users/,
    /Lesson: How a decision is made/,
  ]);
  await expect(panel.getByRole('heading', { name: 'Reading objects' })).toBeVisible();
  await expect(items.nth(0).getByRole('button')).toHaveAttribute('aria-current', 'step');

  // Solving the first exercise counts in the course.
  await page.getByRole('tab', { name: 'World' }).click();
  await page.getByRole('button', { name: 'inline Work' }).click();
  await setEditorText(page, JSON.stringify(policy('s3:GetObject')));
  await page.getByRole('tab', { name: 'Exercise' }).click();
  await expect(panel.getByText('1 of 1 met')).toBeVisible();
  await expect(view.getByText('1 of 3 done')).toBeVisible();
  await expect(items.nth(0)).toContainText('(done)');

  // Moving on: the next exercise opens as handed out.
  await items.nth(1).getByRole('button').click();
  await expect(panel.getByRole('heading', { name: 'Listing users' })).toBeVisible();
  await expect(items.nth(1).getByRole('button')).toHaveAttribute('aria-current', 'step');
  await expect(panel.getByText('0 of 1 met')).toBeVisible();
  await expect(items.nth(1)).toContainText('(not done)');

  // A reload keeps the progress, and the solved exercise resumes solved.
  await page.reload();
  await expect(view.getByText('1 of 3 done')).toBeVisible({ timeout: 30_000 });
  await expect(items.nth(0)).toContainText('(done)');
  await expect(panel.getByText('Exercise · completed')).toBeVisible();
  await expect(panel.getByText('1 of 1 met')).toBeVisible();

  // The course's lesson opens in the Lessons panel.
  await items.nth(2).getByRole('button').click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'How a decision is made' }),
  ).toBeVisible();
  expect(watch.consoleErrors).toEqual([]);
});
