/**
 * The classroom loop in a real browser: the teacher authors an exercise (instructions, goal
 * sentences, hints, a hidden solution, a locked document) and shares it; a student in a fresh
 * browser context tries to fake a goal and fails, solves it and hands in; the teacher opens the
 * hand-in (goals, diff, identity) and loads three hand-ins into the class sheet, then exports CSV.
 * axe runs on every new screen in both themes.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, importFile, test } from './fixtures';
import { openLibrary } from './library-pages';

const A = '111122223333';
const alice = `arn:aws:iam::${A}:user/alice`;
const world = (aliceStatements: unknown[]) => ({
  format: 'iam-playground/scenario',
  version: 1,
  title: 'Let Alice read the report',
  accounts: {
    [A]: {
      policies: {
        NoDeletes: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }],
        },
      },
      users: {
        alice: {
          policies: ['NoDeletes'],
          inline: { Work: { Version: '2012-10-17', Statement: aliceStatements } },
        },
      },
    },
  },
  requests: [
    {
      id: 'alice-reads',
      principal: alice,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::reports/q3.csv',
      expect: 'allowed',
    },
    {
      id: 'alice-cannot-delete',
      principal: alice,
      action: 's3:DeleteObject',
      resource: 'arn:aws:s3:::reports/q3.csv',
      expect: 'explicitDeny',
    },
  ],
});
const listOnly = [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::reports' }];
const readAllowed = [
  ...listOnly,
  { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' },
];

/**
 * Axe on the classroom screen `region` in both themes. Scoped to the screen: a whole-page run
 * (editor included) takes minutes on a loaded 2-core machine, and the rest of the page is
 * covered by playground-a11y.spec.ts.
 */
async function axeClean(page: Page, screen: string, region: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.getByTestId('theme').selectOption(theme);
    const results = await new AxeBuilder({ page }).include(region).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
    expect(serious, `${screen}, ${theme} theme`).toEqual([]);
  }
}

/** Replaces the whole scenario as a student typing in the scenario editor would. */
async function replaceScenario(page: Page, value: unknown): Promise<void> {
  await page.getByRole('tab', { name: 'World' }).click();
  await page.getByRole('button', { name: /Scenario \(whole JSON\)/ }).click();
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(JSON.stringify(value, null, 2));
}

test('the author is warned when the world handed out already meets every goal', async ({
  page,
}) => {
  await openLibrary(page);
  await importFile(page, 'solved.json', JSON.stringify(world(readAllowed), null, 2));
  await expect(page.getByTestId('decision')).toHaveText(['allowed', 'explicitDeny']);
  await page.getByRole('tab', { name: 'Author' }).click();
  const author = page.getByTestId('exercise-author');
  await author.getByRole('button', { name: 'Make this an exercise' }).click();
  await expect(author.getByTestId('goals-already-met')).toContainText(
    'Every goal is already met in this world',
  );
  await axeClean(page, 'author, already solved', '[data-testid="exercise-author"]');
  // A goal the world does not meet yet takes the warning away.
  await author.getByLabel('Must be').first().selectOption('denied');
  await expect(author.getByTestId('goals-already-met')).toHaveCount(0);
});

test('teacher authors and shares, student cannot fake a goal, solves and hands in, teacher grades', async ({
  page,
  browser,
  watch,
}, testInfo) => {
  test.setTimeout(360_000); // three people's work, with axe on four screens in two themes
  // The teacher: an exercise with instructions, goal sentences, hints, a hidden solution and a
  // locked document.
  await openLibrary(page);
  await importFile(page, 'exercise.json', JSON.stringify(world(listOnly), null, 2));
  await expect(page.getByTestId('decision')).toHaveText(['implicitDeny', 'explicitDeny']);
  await page.getByRole('tab', { name: 'Author' }).click();
  const author = page.getByTestId('exercise-author');
  await author.getByRole('button', { name: 'Make this an exercise' }).click();
  await expect(author.getByLabel(/^Title/)).toHaveValue('Let Alice read the report');
  // One of two goals is open: nothing to warn about.
  await expect(author.getByTestId('goals-already-met')).toHaveCount(0);
  await author.getByLabel(/^Instructions/).fill('Let **Alice** read the quarterly report.');
  await author.getByLabel('Sentence for the student').first().fill('Alice can read the report');
  await author.getByRole('button', { name: 'Add a hint' }).click();
  await author.getByLabel('Hint 1').fill('Look at Alice’s inline policy Work.');
  await author.getByRole('button', { name: 'Add a hint' }).click();
  await author.getByLabel('Hint 2').fill('Allow s3:GetObject on arn:aws:s3:::reports/*.');
  await author.getByRole('button', { name: 'Keep the current world as the solution' }).click();
  // Keeping is no step of the history: Undo takes back the hint, not the solution.
  await expect(page.getByRole('button', { name: /^Undo: (?!.*solution)/ })).toBeVisible();
  await expect(author.getByLabel('Let students show the solution')).not.toBeChecked();
  await author.getByRole('checkbox', { name: /^NoDeletes/ }).check();
  await page.screenshot({ path: testInfo.outputPath('author.png'), fullPage: true });
  await axeClean(page, 'author', '[data-testid="exercise-author"]');
  await page.getByTestId('share').first().click();
  const exerciseUrl = (await page.getByTestId('share-url').first().textContent())!.trim();
  expect(exerciseUrl).toContain('#s=1.');

  // The student, in a fresh browser.
  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  await student.goto(exerciseUrl);
  const panel = student.getByTestId('exercise-panel');
  // The exercise's code loads on first use: on a loaded machine that takes a while.
  await expect(panel.getByRole('heading', { name: 'Let Alice read the report' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(panel.locator('strong', { hasText: 'Alice' })).toBeVisible();
  await expect(panel.getByText('1 of 2 met')).toBeVisible();
  await expect(panel.getByText('Alice can read the report')).toBeVisible();
  await expect(panel.getByRole('button', { name: /Show solution/ })).toHaveCount(0);
  await panel.getByRole('button', { name: 'Show a hint (0 of 2)' }).click();
  await expect(panel.getByText('Look at Alice’s inline policy Work.')).toBeVisible();
  await axeClean(student, 'exercise', '[data-testid="exercise-panel"]');
  await student.screenshot({ path: testInfo.outputPath('exercise.png'), fullPage: true });

  // Faking: the expectation changed to what the request gets, and the exercise's goal list
  // emptied in the student's copy: the goal stays unmet.
  const faked = world(listOnly) as Record<string, unknown>;
  (faked['requests'] as { expect: string }[])[0]!.expect = 'implicitDeny';
  await replaceScenario(student, faked);
  await student.getByRole('tab', { name: 'Exercise' }).click();
  await expect(panel.getByText('1 of 2 met')).toBeVisible();
  await expect(panel.getByText(/this goal's request was changed/)).toBeVisible();
  // Deleting the goal's request does not meet it either.
  const deleted = world(listOnly);
  deleted.requests.splice(0, 1);
  await replaceScenario(student, deleted);
  await student.getByRole('tab', { name: 'Exercise' }).click();
  await expect(panel.getByText(/this goal's request was deleted/)).toBeVisible();
  await expect(panel.getByText('1 of 2 met')).toBeVisible();
  // The locked policy cannot be opened up: a whole-scenario text that changes it is refused,
  // its own editor is read-only, and the explorer and the console are refused, each naming it.
  const unlocked = world(readAllowed);
  unlocked.accounts[A]!.policies.NoDeletes.Statement = [];
  await replaceScenario(student, unlocked);
  await expect(student.getByTestId('editor-refused')).toContainText('NoDeletes');
  await student.getByRole('button', { name: 'NoDeletes', exact: true }).click();
  await expect(student.getByTestId('editor-locked')).toBeVisible();
  const lockedText = await student.locator('.cm-content').textContent();
  await student.locator('.cm-content').click();
  await student.keyboard.type('oops');
  await expect(student.locator('.cm-content')).toHaveText(lockedText!);
  await student.getByRole('button', { name: 'Delete policy' }).click();
  await expect(student.getByTestId('edit-refused')).toContainText('NoDeletes');
  await student.getByRole('tab', { name: 'Console' }).click();
  const consoleInput = student.getByTestId('console-input');
  const noDeletes = `--policy-arn arn:aws:iam::${A}:policy/NoDeletes`;
  await consoleInput.fill(`aws iam detach-user-policy --user-name alice ${noDeletes}`);
  await consoleInput.press('Enter');
  await consoleInput.fill(`aws iam delete-policy ${noDeletes}`);
  await consoleInput.press('Enter');
  await expect(student.getByTestId('console-output')).toContainText(
    '“NoDeletes — customer managed policy in 111122223333” is locked by the exercise',
  );
  await student.getByRole('tab', { name: 'Exercise' }).click();
  await expect(panel.getByTestId('locked-changed')).toHaveCount(0);

  // Solving it for real (the student's copy of the exercise field is as handed out or not: it
  // does not matter).
  await replaceScenario(student, world(readAllowed));
  await student.getByRole('tab', { name: 'Exercise' }).click();
  await expect(panel.getByText('2 of 2 met')).toBeVisible();
  await panel.getByLabel('Your name').fill('Ada Lovelace');
  await panel.getByRole('button', { name: 'Hand in' }).click();
  const adaLink = await panel.getByTestId('hand-in-link').inputValue();
  expect(adaLink).toContain('#h=1.');
  const download = student.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download the file' }).click();
  const adaFile = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
  expect(adaFile).toMatchObject({ format: 'iam-playground/hand-in', student: 'Ada Lovelace' });
  expect(adaFile.exercise.digest).toMatch(/^[0-9a-f]{64}$/);

  // A second student hands in unfinished work.
  await panel.getByRole('button', { name: 'Start over…' }).click();
  await panel.getByRole('button', { name: 'Start over', exact: true }).click();
  await expect(panel.getByText('1 of 2 met')).toBeVisible();
  await panel.getByLabel('Your name').fill('Bob');
  await panel.getByRole('button', { name: 'Hand in' }).click();
  await expect(panel.getByText('Handed in as Bob')).toBeVisible();
  const bobLink = await panel.getByTestId('hand-in-link').inputValue();
  // A reload with the link still says who handed in (kept with the exercise's progress).
  await student.reload();
  await expect(panel.getByText(/Handed in as Bob before/)).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByLabel('Your name')).toHaveValue('Bob');
  await studentContext.close();

  // A third hand-in was built from a changed exercise (its goal's expectation edited).
  const forged = structuredClone(adaFile);
  forged.student = 'Mallory';
  forged.start.requests[0].expect = 'implicitDeny';

  // The teacher opens Ada's hand-in.
  await page.goto(adaLink);
  const view = page.getByTestId('hand-in-view');
  await expect(view.getByRole('heading', { name: 'Ada Lovelace' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(view.getByTestId('hand-in-identity')).toContainText('the one handed out');
  await expect(view.getByText('2 of 2 met')).toBeVisible();
  await expect(view.getByTestId('diff')).toContainText('+ ');
  await expect(view.getByTestId('diff')).toContainText('s3:GetObject');
  await page.screenshot({ path: testInfo.outputPath('hand-in.png'), fullPage: true });
  await axeClean(page, 'hand-in', '[data-testid="hand-in-view"]');

  // The class sheet: two links pasted, one file added.
  await view.getByRole('button', { name: 'Open the class sheet…' }).click();
  const sheet = page.getByTestId('class-sheet');
  await sheet.getByLabel('Hand-in links (one per line)').fill(`${adaLink}\n${bobLink}`);
  await sheet.getByRole('button', { name: 'Add the links' }).click();
  await expect(sheet.getByTestId('sheet-row')).toHaveCount(2);
  await sheet.getByLabel('Add hand-in files…').setInputFiles({
    name: 'mallory.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(forged)),
  });
  await expect(sheet.getByTestId('sheet-row')).toHaveCount(3);
  // A file saved as UTF-16 is read in the storage worker and refused, naming its encoding.
  await sheet.getByLabel('Add hand-in files…').setInputFiles({
    name: 'eve.json',
    mimeType: 'application/json',
    buffer: Buffer.from(`\ufeff${JSON.stringify({ ...forged, student: 'Eve' })}`, 'utf16le'),
  });
  await expect(sheet.getByRole('alert')).toContainText(
    'eve.json is encoded as UTF-16 (little-endian, with a byte-order mark); hand-in files are UTF-8.',
  );
  await expect(sheet.getByTestId('sheet-row')).toHaveCount(3);
  await sheet.getByRole('button', { name: 'Goals met' }).click();
  await expect(sheet.getByTestId('sheet-row').first()).toContainText('Ada Lovelace');
  await expect(sheet.getByRole('columnheader', { name: 'Goals met' })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await page.screenshot({ path: testInfo.outputPath('class-sheet.png'), fullPage: true });
  await axeClean(page, 'class sheet', '[data-testid="class-sheet"]');
  // Every header in one font ("Exercise", without a sort button, was larger than the others).
  const headerFonts = await sheet
    .locator('thead th')
    .evaluateAll((ths) => ths.map((th) => getComputedStyle(th.querySelector('button') ?? th).font));
  expect(new Set(headerFonts).size).toBe(1);
  // On a phone the header row stays a few lines tall (it was a screen tall, a word a line).
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  await expect
    .poll(async () => (await sheet.locator('thead tr').boundingBox())!.height)
    .toBeLessThan(100);
  await sheet.screenshot({ path: testInfo.outputPath('class-sheet-390.png') });
  await page.setViewportSize(viewport);
  const csvDownload = page.waitForEvent('download');
  await sheet.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync((await (await csvDownload).path())!, 'utf8').split('\r\n');
  expect(csv[0]).toBe(
    'Student,Handed in,Exercise,Goals met,Alice can read the report,alice-cannot-delete',
  );
  expect(csv[1]).toMatch(/^Ada Lovelace,[^,]+,as handed out,2 of 2,met,met$/);
  expect(csv[2]).toMatch(/^Bob,[^,]+,as handed out,1 of 2,not met,met$/);
  expect(csv[3]).toMatch(
    /^Mallory,[^,]+,changed exercise,0 of 2,changed exercise,changed exercise$/,
  );
  expect(watch.consoleErrors).toEqual([]);
});

test('a forged or huge hand-in link gets a clear message at once, and nothing is lost', async ({
  page,
}) => {
  await openLibrary(page);
  const before = await page.getByTestId('library-item').count();
  await page.goto('./#h=1.AAA*');
  await expect(page.getByTestId('shared-link-error')).toContainText('This hand-in link');
  await expect(page.getByTestId('shared-link-error')).toContainText('damaged', { timeout: 1000 });
  await page.goto('./#h=1.' + 'A'.repeat(150_000));
  await expect(page.getByTestId('shared-link-error')).toBeVisible();
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('library-item')).toHaveCount(before);
});
