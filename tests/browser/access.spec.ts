/**
 * The Access panel in a real browser (issue 17), on lesson 20's world: what a user can do and
 * who can act on a bucket, both opened from the explorer's "Access…"; filters; a cell's trace;
 * "Add as request" (and Undo takes it back); the whole world's progress bar and Cancel; axe in
 * both themes. One page for all of it: the first analysis loads AWS's whole service reference.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, importFile, openApp, test } from './fixtures';
import { seriousViolations } from './axe';

// Playwright runs from the repository root. Lesson 20's world, with 300 roles more that nobody
// may assume and that may only describe EC2: they change no answer the test reads, and they make
// the whole world's analysis long enough to be cancelled (lesson 20 alone, it ended before the
// Cancel button could be clicked once the analysis got faster).
const payroll = (() => {
  const world = JSON.parse(readFileSync('lessons/20-who-can-read-payroll/start.json', 'utf8'));
  const roles = (world.accounts['111122223333'].roles ??= {});
  for (let i = 0; i < 300; i++)
    roles[`Idle${i}`] = {
      trust: { Version: '2012-10-17', Statement: [] },
      inline: {
        Describe: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }],
        },
      },
    };
  return JSON.stringify(world, null, 2);
})();

const undoButton = (page: Page) =>
  page.getByRole('group', { name: 'Undo and redo' }).getByRole('button', { name: /^Undo/ });
const cells = (page: Page) => page.getByRole('list', { name: 'Access cells' }).getByRole('button');

async function openPayroll(page: Page): Promise<void> {
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('new-scenario')).toBeEnabled();
  await importFile(page, 'start.json', payroll);
  await expect(page.getByTestId('import-report')).toContainText('1 scenario imported');
  await expect(page.getByTestId('decision')).toHaveCount(4);
}

test('what a user can do and who can act on a bucket: filter, trace, add as request, undo, the whole world cancelled, axe', async ({
  page,
  watch,
}) => {
  // The first analysis loads every service of AWS's reference in the worker.
  test.setTimeout(360_000); // axe alone took 40 s per theme at a load average of 35
  await openPayroll(page);

  // A user, from the explorer.
  await page.getByRole('tab', { name: 'World' }).click();
  await page.getByRole('button', { name: 'dana', exact: true }).click();
  await page.getByRole('button', { name: 'Access…' }).click();
  const panel = page.getByRole('region', { name: 'Access', exact: true });
  await expect(
    panel.getByRole('heading', { name: 'What arn:aws:iam::444455556666:user/dana can do' }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByTestId('access-counts')).toContainText('allowed');
  await panel.getByLabel('Service').selectOption('sts');
  await panel.getByLabel('Decision').selectOption('allowed');
  await expect(cells(page).filter({ hasText: 'sts:AssumeRole' })).toHaveCount(1);
  await expect(cells(page).filter({ hasText: 'sts:AssumeRole' })).toContainText(
    'iam::111122223333:role/ReportExporter',
  );
  await panel.getByLabel('Decision').selectOption('denied');
  await expect(cells(page).first()).toContainText('denied');

  // A bucket, from the explorer: the role the analytics account assumes lists it too.
  await page.getByRole('tab', { name: 'World' }).click();
  await page.getByRole('button', { name: 'arn:aws:s3:::payroll', exact: true }).click();
  await page.getByRole('button', { name: 'Access…' }).click();
  await expect(
    panel.getByRole('heading', { name: 'Who can act on arn:aws:s3:::payroll' }),
  ).toBeVisible({ timeout: 60_000 });
  await panel.getByLabel('Access level').selectOption('List');
  const exporter = cells(page).filter({ hasText: 's3:ListBucket' }).filter({
    hasText: 'ReportExporter',
  });
  await expect(exporter).toHaveCount(1);
  await expect(exporter).toContainText('allowed');

  // Its trace, then add it as a request: it appears among the requests, Undo takes it back.
  await exporter.click();
  const trace = panel.getByRole('region', { name: 'Trace of the chosen cell' });
  await expect(trace).toContainText('This request is allowed');
  await expect(trace.getByTestId('trace')).toContainText('ExportReports');
  await trace.getByRole('button', { name: 'Add as request' }).click();
  await expect(page.getByTestId('decision')).toHaveCount(5);
  await expect(undoButton(page)).toHaveAccessibleName(
    'Undo: add request s3:ListBucket on arn:aws:s3:::payroll',
  );
  await expect(page.getByTestId('decision').last()).toHaveText('allowed');
  await undoButton(page).click();
  await expect(page.getByTestId('decision')).toHaveCount(4);

  // The bucket's own actions leave out its objects': one click asks about them.
  await panel.getByRole('button', { name: 'Who can act on its objects' }).click();
  await expect(
    panel.getByRole('heading', { name: 'Who can act on arn:aws:s3:::payroll/any-other-object' }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(cells(page).filter({ hasText: 's3:GetObject' }).first()).toBeVisible();

  // The whole world: a progress bar, and Cancel stops it (the summary itself: unit tests).
  await panel.getByRole('button', { name: 'Analyze every principal' }).click();
  await expect(panel.getByRole('progressbar')).toBeVisible();
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Cancelled.' })).toBeVisible();
  await expect(panel.getByRole('progressbar')).toHaveCount(0);

  // The panel this change added (the rest of the page: playground-a11y.spec.ts).
  for (const theme of ['light', 'dark'] as const) {
    await page.getByTestId('theme').selectOption(theme);
    expect(await seriousViolations(page, 'section[aria-label="Access"]')).toEqual([]);
  }
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});
