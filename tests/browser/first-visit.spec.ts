import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, openApp, test } from './fixtures';
import { seriousViolations } from './axe';

// The first five minutes (issue 15): the welcome, finding the lessons, coming back to one's
// place, focus, the trace in view, the console's room, the shared banner, attaching by name.

/** Serious and critical axe violations in the new screen (`region`), as readable lines. */

/** Axe on `region` in both themes, with a screenshot of each for a person to look at. */
async function axeBothThemes(page: Page, name: string, region: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.getByTestId('theme').selectOption(theme);
    await page.screenshot({ path: test.info().outputPath(`${name}-${theme}.png`) });
    expect(await seriousViolations(page, region), `${name}, ${theme} theme`).toEqual([]);
  }
}

// Several screens per test, on a machine that may be busy.
test.describe.configure({ timeout: 180_000 });

test.describe('a newcomer', () => {
  test.use({ firstVisit: true });

  test('at 1280×800: the welcome, lesson 1 with focus on its heading, a goal’s trace in view, and a reload back to the same place', async ({
    page,
    watch,
  }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openApp(page);
    const welcome = page.getByTestId('welcome');
    await expect(welcome.getByRole('heading', { name: 'Welcome to IAM Playground' })).toBeVisible();
    // Two sentences, three ways in.
    const text = (await welcome.locator('p').first().textContent())!.trim();
    expect(text.split(/(?<=\.)\s+/)).toHaveLength(2);
    await expect(welcome.getByRole('button', { name: 'Start lesson 1' })).toBeVisible();
    await expect(welcome.getByRole('button', { name: 'Open the sample playground' })).toBeVisible();
    await expect(welcome.getByText('Import files')).toBeVisible();
    // The lessons are one click away from the header, and the first tab after the world.
    await expect(page.getByTestId('pinned-lessons')).toBeVisible();
    await expect(page.getByRole('tab').nth(1)).toHaveText('Lessons');
    await expect(page.getByTestId('decision').first()).toBeVisible();
    await axeBothThemes(page, 'first-visit-1280', '[data-testid="welcome"]');

    await welcome.getByRole('button', { name: 'Start lesson 1' }).click();
    await expect(welcome).toHaveCount(0);
    const heading = page.getByRole('heading', { level: 2, name: 'How a decision is made' });
    await expect(heading).toBeFocused();
    // Beside the editor there is nowhere to jump to.
    await expect(page.getByRole('button', { name: 'Go to the editor ↓' })).toBeHidden();
    // The lesson fits its panel: nothing to scroll sideways (a written-out link once made it).
    const sideways = await heading.evaluate((el) => {
      const scrolled: string[] = [];
      for (let e = el.parentElement; e && e !== document.body; e = e.parentElement)
        if (e.scrollWidth - e.clientWidth > 1 && getComputedStyle(e).overflowX !== 'visible')
          scrolled.push(`${e.tagName}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`);
      return scrolled;
    });
    expect(sideways).toEqual([]);
    // Every label of the flow picture is readable: at least 12 px.
    const flow = page.getByTestId('flow').first();
    await expect(flow).toBeVisible();
    const sizes = await flow.evaluate((el) =>
      [...el.querySelectorAll('*')]
        .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim()))
        .map((e) => parseFloat(getComputedStyle(e).fontSize)),
    );
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    await expect(page.getByRole('tab', { name: 'Lessons' })).toHaveAttribute(
      'aria-selected',
      'true',
    );

    // A goal clicked: its request is selected and its trace is scrolled into view.
    const goals = page.getByTestId('goal');
    const last = (await goals.count()) - 1;
    expect(last).toBeGreaterThan(0);
    await goals.nth(last).click();
    const decisions = page.getByRole('list', { name: 'Decisions' }).getByRole('button');
    await expect(decisions.nth(last)).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('trace')).toBeInViewport();
    const result = page.locator('section.result');
    await expect.poll(() => result.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);

    // Reload: the same lesson, the same panel, the same request; the welcome stays away.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'IAM Playground' })).toBeVisible();
    await expect(heading).toBeVisible();
    await expect(page.getByRole('tab', { name: 'Lessons' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(decisions.nth(last)).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('welcome')).toHaveCount(0);

    // The list and back by keyboard: focus follows to each heading.
    await page.getByRole('button', { name: 'All lessons' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Lessons' })).toBeFocused();
    await page.getByTestId('lesson-link').nth(2).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: 'Instance profiles' })).toBeFocused();
    // Lesson 3's requests come from an instance profile: the flow has a step for the chain.
    await expect(
      page.locator('[data-testid="flow"] [data-step="instance-profile"]'),
    ).toHaveAttribute('data-outcome', /deny|pass/);
    expect(watch.consoleErrors).toEqual([]);
  });

  test('at 390×844: the welcome, then the chosen panel on screen above the editor; dismissed for good', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openApp(page);
    const welcome = page.getByTestId('welcome');
    await expect(welcome).toBeInViewport();
    await expect(page.getByTestId('pinned-lessons')).toBeInViewport();
    await expect(page.getByTestId('decision').first()).toBeVisible();
    for (const theme of ['light', 'dark'] as const) {
      await page.getByTestId('theme').selectOption(theme);
      await page.screenshot({ path: test.info().outputPath(`first-visit-390-${theme}.png`) });
    }

    await welcome.getByRole('button', { name: 'Start lesson 1' }).click();
    const heading = page.getByRole('heading', { level: 2, name: 'How a decision is made' });
    await expect(heading).toBeFocused();
    await expect(heading).toBeInViewport();
    const y = async (selector: string) =>
      (await page.locator(selector).boundingBox())!.y + (await page.evaluate(() => scrollY));
    expect(await y('section.explorer')).toBeLessThan(await y('section.editor'));
    await axeBothThemes(page, 'lesson-390', 'article.lesson');
    // The editor, where the fix is typed, is one tap from the goals, and comes before the
    // request and its decision (it came after both and the whole trace, five screens down).
    await page.getByRole('button', { name: 'Go to the editor ↓' }).click();
    await expect(page.locator('section.editor')).toBeInViewport();
    expect(await y('section.editor')).toBeLessThan(await y('section.request'));

    // The header's Lessons button from anywhere brings the panel on screen.
    await page.getByRole('tab', { name: 'World' }).click();
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByTestId('pinned-lessons').click();
    await expect(heading).toBeInViewport();

    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'IAM Playground' })).toBeVisible();
    await expect(heading).toBeVisible();
    await expect(page.getByTestId('welcome')).toHaveCount(0);
  });

  test('starting without it (the Console) dismisses the welcome for good', async ({ page }) => {
    await openApp(page);
    await expect(page.getByTestId('welcome')).toBeVisible();
    await page.getByRole('tab', { name: 'Console' }).click();
    await expect(page.getByTestId('welcome')).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('decision').first()).toBeVisible();
    await expect(page.getByTestId('welcome')).toHaveCount(0);
  });

  test("its Import takes several files at once: an account's AWS CLI outputs become one world", async ({
    page,
  }) => {
    await openApp(page);
    const dump = JSON.parse(
      readFileSync('tests/fixtures/aws-cli/authorization-details.json', 'utf8'),
    ) as Record<string, unknown>;
    const { UserDetailList, ...rest } = dump;
    await page.getByTestId('welcome-import').setInputFiles([
      {
        name: 'page1.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify({ UserDetailList, IsTruncated: true })),
      },
      {
        name: 'page2.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify({ ...rest, IsTruncated: false })),
      },
    ]);
    await expect(page.getByTestId('welcome')).toHaveCount(0);
    await page.getByRole('tab', { name: 'World' }).click();
    // A user of the first page and a role of the second, in the one world opened.
    for (const name of ['Charlie', 'Dev'])
      await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'EC2role', exact: true })).toHaveCount(2);
  });

  test('closing the welcome keeps it away', async ({ page }) => {
    await openApp(page);
    await page.getByTestId('welcome').getByRole('button', { name: 'Close' }).click();
    await expect(page.getByTestId('welcome')).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('decision').first()).toBeVisible();
    await expect(page.getByTestId('welcome')).toHaveCount(0);
  });
});

test('the console opens as a full-width drawer; its tables and help are not cut', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page);
  await page.getByRole('tab', { name: 'Console' }).click();
  const input = page.getByTestId('console-input');
  await input.fill('aws iam list-users --output table');
  await input.press('Enter');
  await input.fill('aws iam help');
  await input.press('Enter');
  const output = page.getByTestId('console-output');
  await expect(output.locator('pre').last()).not.toBeEmpty();
  const panel = page.locator('section.explorer');
  const box = (await panel.boundingBox())!;
  expect(box.width).toBeGreaterThan(1200);
  // Below the editor and the decision, on screen.
  expect(box.y).toBeGreaterThan((await page.locator('section.editor').boundingBox())!.y);
  expect(box.y + box.height).toBeLessThanOrEqual(800);
  // Nothing in the output is wider than the output box.
  const cut = await output.evaluate((el) =>
    [...el.querySelectorAll('pre')]
      .filter((p) => p.scrollWidth > p.clientWidth + 1)
      .map(
        (p) =>
          `${p.className}: ${p.scrollWidth} > ${p.clientWidth}: ${p.textContent?.slice(0, 80)}`,
      ),
  );
  expect(cut).toEqual([]);
  await axeBothThemes(page, 'console-drawer', 'section.explorer');
});

test('a shared link’s banner keeps the panels on screen, and adding an inline policy does not move the page', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await page.getByTestId('share').click();
  const url = (await page.getByTestId('share-url').textContent())!.trim();
  await page.goto(url);
  await page.reload();
  await expect(page.getByTestId('shared-banner')).toBeVisible();
  await expect(page.getByTestId('decision').first()).toBeVisible();
  const fits = () =>
    page.evaluate(() => ({
      scrollY,
      overflow: document.documentElement.scrollHeight - innerHeight,
      panelsBottom: Math.max(
        ...[...document.querySelectorAll('main.layout > section')].map(
          (s) => s.getBoundingClientRect().bottom,
        ),
      ),
    }));
  let now = await fits();
  expect(now.overflow).toBeLessThanOrEqual(0);
  expect(now.panelsBottom).toBeLessThanOrEqual(800);

  await page.getByRole('tab', { name: 'World' }).click();
  await page.getByRole('button', { name: 'alice', exact: true }).click();
  await page.getByRole('button', { name: 'Add inline policy' }).click();
  await page.getByLabel('New inline policy name').fill('Extra');
  await page.getByLabel('New inline policy name').press('Enter');
  await expect(page.getByRole('heading', { name: /^Extra — inline policy/ })).toBeVisible();
  now = await fits();
  expect(now.scrollY).toBe(0);
  expect(now.overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole('heading', { level: 1, name: 'IAM Playground' })).toBeInViewport();
  await expect(page.getByTestId('shared-banner')).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath('shared-banner.png') });
});

test('attaching an AWS managed policy by its bare name stores its ARN; it opens read-only; Findings lists validation errors', async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole('button', { name: 'alice', exact: true }).click();
  const attach = page.getByLabel('Attach policy');
  // The suggestions are the first 50 AWS managed policies matching what is typed, never all 1,594.
  const offered = page.locator('#attachable-policies option[value^="arn:aws:iam::aws:policy/"]');
  await attach.fill('');
  await expect(offered).toHaveCount(50);
  await attach.fill('AmazonS3ReadOnly');
  await expect(offered.and(page.locator('[value$="/AmazonS3ReadOnlyAccess"]'))).toHaveCount(1);
  expect(await offered.count()).toBeLessThan(50);
  await attach.fill('AmazonS3ReadOnlyAccess');
  await attach.press('Enter');
  const arn = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
  await expect(page.getByTitle(arn, { exact: true })).toHaveText(
    'AmazonS3ReadOnlyAccess (AWS managed)',
  );

  // A name nothing has: refused, saying so; nothing attached.
  await attach.fill('AmazonS3ReadOnlyAccesss');
  await attach.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'no AWS managed policy' })).toContainText(
    '"AmazonS3ReadOnlyAccesss"',
  );

  // Read-only where the editor is, from the shipped catalog.
  await page.getByRole('button', { name: `View ${arn} (read-only)` }).click();
  const view = page.getByTestId('managed-view');
  await expect(view).toContainText('AWS managed · read-only');
  await expect(page.getByTestId('managed-document')).toContainText('"s3:Get*"');
  await expect(view.locator('[contenteditable="true"]')).toHaveCount(0);
  await axeBothThemes(page, 'managed-view', '[data-testid="managed-view"]');
  await view.getByRole('button', { name: 'Back to the editor' }).click();
  await expect(page.locator('.cm-content')).toBeVisible();

  // An invalid scenario (a policy ARN that does not exist): Findings says so, never "nothing looks wrong".
  await attach.fill('arn:aws:iam::aws:policy/NoSuchPolicyAtAll');
  await attach.press('Enter');
  await expect(
    page.getByRole('alert').filter({ hasText: 'No AWS managed policy has the ARN' }),
  ).toBeVisible();
  await attach.fill('arn:aws:iam::111122223333:policy/Missing');
  await attach.press('Enter');
  await page.getByRole('tab', { name: 'Findings' }).click();
  await expect(page.getByTestId('validation-error').first()).toBeVisible();
  await expect(page.getByTestId('no-findings')).toHaveCount(0);
  await axeBothThemes(page, 'findings-invalid', '[data-testid="findings"]');
});
