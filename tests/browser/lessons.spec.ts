import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { encodeShareLink } from '../../src/storage/share-link.ts';
import { expect, openApp, test } from './fixtures';

/** Replaces the editor's whole text, as a paste would (no auto-indent, no auto-close). */
async function setEditorText(page: Page, text: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

const goals = (page: Page) => page.getByTestId('goal');

async function openLesson(page: Page, title: string): Promise<void> {
  await page.getByRole('tab', { name: 'Lessons' }).click();
  await page.getByTestId('lesson-link').filter({ hasText: title }).click();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
}

/** Opens a document of the lesson's world from the explorer: an entity, then one of its links. */
async function openFromExplorer(page: Page, entity: string, link: string): Promise<void> {
  await page.getByRole('tab', { name: 'World' }).click();
  await page.getByRole('button', { name: entity, exact: true }).click();
  await page.getByRole('button', { name: link, exact: true }).click();
}

/** Lesson 4's ReadReports policy as it must be: the bucket for listing, its objects for reading. */
const LESSON_4_FIX = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::example-reports' },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-reports/*' },
    ],
  },
  null,
  2,
);

test('a learner completes lesson 4 (bucket vs object ARNs) by typing, and it stays completed', async ({
  page,
  watch,
}) => {
  await openApp(page);
  await openLesson(page, 'S3 bucket and object ARNs');
  await expect(goals(page)).toHaveCount(4);
  await expect(goals(page).first()).toHaveAttribute('data-pass', 'false');
  // Each goal says what its request asks: who, which action, on which resource.
  await expect(page.getByTestId('goal-asks').first()).toHaveText(
    /^user\/alice: s3:\w+ on arn:aws:s3:::\S+$/,
  );

  await openFromExplorer(page, 'alice', 'ReadReports');
  await setEditorText(page, LESSON_4_FIX);

  await page.getByRole('tab', { name: 'Lessons' }).click();
  await expect(goals(page).and(page.locator('[data-pass="true"]'))).toHaveCount(4);
  await expect(page.getByText('Every goal is met.', { exact: true })).toBeVisible();

  // Progress is kept in IndexedDB: a reload returns to the lesson, completed, and the lesson
  // list shows it completed.
  await page.reload();
  await expect(page.getByText(/^Lesson \d+ · completed$/)).toBeVisible();
  await page.getByRole('button', { name: 'All lessons' }).click();
  const link = page.getByTestId('lesson-link').filter({ hasText: 'S3 bucket and object ARNs' });
  await expect(link.getByLabel('completed')).toBeVisible();
  await expect(page.getByText(/1 of \d+ completed/)).toBeVisible();
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});

test('work typed in a lesson just before a reload is kept', async ({ page }) => {
  await openApp(page);
  await openLesson(page, 'S3 bucket and object ARNs');
  await openFromExplorer(page, 'alice', 'ReadReports');
  await setEditorText(page, LESSON_4_FIX);
  // At once: neither the editor's read-back pause nor the lesson's store delay has passed.
  await page.reload();
  await page.getByRole('tab', { name: 'Lessons' }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: 'S3 bucket and object ARNs' }),
  ).toBeVisible();
  await expect(goals(page).and(page.locator('[data-pass="true"]'))).toHaveCount(4);
});

test('a learner completes lesson 2 (trust vs permission policy) by typing into two documents', async ({
  page,
}) => {
  await openApp(page);
  await openLesson(page, 'Trust policy and permission policy');
  await expect(goals(page).and(page.locator('[data-pass="false"]'))).not.toHaveCount(0);

  // The Auditor role trusts EC2; it must trust Dave.
  await openFromExplorer(page, 'Auditor', 'Open trust policy');
  await setEditorText(
    page,
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111122223333:user/dave' },
          Action: 'sts:AssumeRole',
        },
      ],
    }),
  );

  // The Reporter role may be assumed but may do nothing: give it an inline permission policy.
  await page.getByRole('tab', { name: 'World' }).click();
  await page.getByRole('button', { name: 'Reporter', exact: true }).click();
  await page.getByRole('button', { name: 'Add inline policy' }).click();
  await page.keyboard.type('ReadReports');
  await page.keyboard.press('Enter');
  await setEditorText(
    page,
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-reports/*' },
      ],
    }),
  );

  await page.getByRole('tab', { name: 'Lessons' }).click();
  // The goals list is drawn when the panel shows: count it once it is there.
  await expect(goals(page).first()).toBeVisible();
  const count = await goals(page).count();
  expect(count).toBeGreaterThan(0);
  await expect(goals(page).and(page.locator('[data-pass="true"]'))).toHaveCount(count);
  await expect(page.getByText('Every goal is met.', { exact: true })).toBeVisible();
});

test('hints come one at a time and the solution shows as a diff only after confirming', async ({
  page,
}) => {
  await openApp(page);
  await openLesson(page, 'S3 bucket and object ARNs');
  const hints = page.getByRole('region', { name: 'Hints' }).getByRole('listitem');
  await expect(hints).toHaveCount(0);
  await page.getByRole('button', { name: /Show a hint/ }).click();
  await expect(hints).toHaveCount(1);
  await page.getByRole('button', { name: /Show another hint/ }).click();
  await expect(hints).toHaveCount(2);

  await page.getByRole('button', { name: 'Show solution…' }).click();
  await expect(page.getByTestId('solution-diff')).toHaveCount(0);
  await page.getByRole('button', { name: 'Show the solution' }).click();
  await expect(page.getByTestId('solution-diff')).toContainText('+ ');
  // Using it asks first: the learner's work would be discarded.
  await page.getByRole('button', { name: 'Use the solution…' }).click();
  await page.getByRole('button', { name: 'Keep my work' }).click();
  await expect(page.getByText('Every goal is met.', { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Use the solution…' }).click();
  await page.getByRole('button', { name: 'Replace with the solution' }).click();
  await expect(page.getByText('Every goal is met.', { exact: true })).toBeVisible();

  // Reset brings back the start, with its failing goal.
  await page.getByRole('button', { name: 'Reset…' }).click();
  await page.getByRole('button', { name: 'Reset the lesson' }).click();
  await expect(goals(page).first()).toHaveAttribute('data-pass', 'false');
});

test('a teacher shares an exercise link; a student opens it in a fresh browser and solves it', async ({
  browser,
}) => {
  // The teacher's exercise: lesson 4's world, with its goals, shared as a link.
  const exercise = readFileSync('lessons/04-s3-bucket-and-object-arns/start.json', 'utf8');
  const fragment = await encodeShareLink(exercise);
  const context = await browser.newContext();
  const page = await context.newPage();
  await openApp(page, `./${fragment}`);
  await expect(page.getByTestId('shared-banner')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Goals' })).toHaveAttribute('aria-selected', 'true');
  await expect(goals(page)).toHaveCount(4);
  await expect(goals(page).first()).toHaveAttribute('data-pass', 'false');

  await openFromExplorer(page, 'alice', 'ReadReports');
  await setEditorText(
    page,
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['s3:ListBucket', 's3:GetObject'],
          Resource: ['arn:aws:s3:::example-reports', 'arn:aws:s3:::example-reports/*'],
        },
      ],
    }),
  );
  await page.getByRole('tab', { name: 'Goals' }).click();
  await expect(goals(page).and(page.locator('[data-pass="true"]'))).toHaveCount(4);
  await context.close();
});

test("a lesson's goals cannot be met by editing or deleting their requests", async ({ page }) => {
  await openApp(page);
  await openLesson(page, 'S3 bucket and object ARNs');
  await expect(goals(page)).toHaveCount(4);
  const listGoal = goals(page).filter({ hasText: 'alice can list the bucket' });
  await expect(listGoal).toHaveAttribute('data-pass', 'false');

  // Expecting what happens instead of what the lesson asks does not meet the goal.
  await listGoal.click();
  await page.getByLabel('Expect').selectOption('implicitDeny');
  await expect(listGoal).toHaveAttribute('data-pass', 'false');
  await expect(listGoal).toContainText("this goal's request was changed");
  await expect(page.getByText('Every goal is met.')).toHaveCount(0);

  // Nor does deleting the request: the goal stays, not met, until Reset brings it back.
  await page.getByRole('button', { name: 'Delete request' }).click();
  await expect(goals(page)).toHaveCount(4);
  await expect(listGoal).toContainText("this goal's request was deleted");
  await expect(page.getByText(/Lesson \d+ · completed/)).toHaveCount(0);
});
