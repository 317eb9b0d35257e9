/**
 * Findings in a real browser (README, "What is in it": Findings): the Findings panel lists what looks wrong in the whole
 * scenario, and a finding's quick fix repairs lesson 4's bucket-vs-object mistake, which changes
 * the decision.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openApp, test, importFile } from './fixtures';

// Playwright runs from the repository root (as offline.spec.ts reads dist/).
const lesson4 = readFileSync('lessons/04-s3-bucket-and-object-arns/start.json');

/** Imports lesson 4's start scenario through the library's file input; the app opens it. */
async function openLesson4(page: Page): Promise<void> {
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('new-scenario')).toBeEnabled();
  await importFile(page, 'start.json', lesson4);
  await expect(page.getByTestId('import-report')).toContainText('1 scenario imported');
}

const decisions = (page: Page) => page.getByTestId('decision');

test('a quick fix from the Findings panel repairs ListBucket on the object ARN, and the decision changes', async ({
  page,
  watch,
}) => {
  await openLesson4(page);
  // Request order: list the bucket, read a report, read a private report, upload.
  await expect(decisions(page)).toHaveText([
    'implicitDeny',
    'allowed',
    'explicitDeny',
    'implicitDeny',
  ]);

  await page.getByRole('tab', { name: 'Findings' }).click();
  const finding = page
    .locator('[data-testid="finding"][data-code="action-matches-no-resource"]')
    .filter({ hasText: 's3:ListBucket' });
  await expect(finding).toHaveCount(1);
  await expect(finding).toContainText('Warning');
  await expect(finding.getByRole('link')).toHaveAttribute('target', '_blank');

  // "Show in editor" opens alice's inline policy with the action highlighted.
  await finding.getByRole('button', { name: 'Show in editor' }).click();
  await expect(page.locator('#document-title')).toHaveText(
    'ReadReports — inline policy of user alice',
  );
  // The editor underlines the same finding (CodeMirror's lint marks).
  await expect(page.locator('.cm-lintRange-warning').first()).toBeVisible();

  await finding.getByTestId('finding-fix').click();
  await expect(decisions(page)).toHaveText(['allowed', 'allowed', 'explicitDeny', 'implicitDeny']);
  // The fix added the bucket ARN to the statement, as the editor shows.
  await expect(page.locator('.cm-content')).toContainText('"arn:aws:s3:::example-reports"');
  await expect(page.getByTestId('finding').filter({ hasText: 's3:ListBucket' })).toHaveCount(0);

  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});

test('the editor underlines the finding, and its tooltip offers the same fix', async ({ page }) => {
  await openLesson4(page);
  await page.getByRole('tab', { name: 'Findings' }).click();
  await page
    .locator('[data-testid="finding"][data-code="action-matches-no-resource"]')
    .getByRole('button', { name: 'Show in editor' })
    .click();
  await expect(page.locator('.cm-lintRange-warning')).toHaveText('"s3:ListBucket"');
  // Hovering the underline shows CodeMirror's tooltip, with the fix as a button.
  await page.locator('.cm-lintRange-warning').hover();
  await page
    .locator('.cm-tooltip-lint')
    .getByRole('button', { name: /Fix: Add arn:aws:s3:::example-reports/ })
    .click();
  await expect(page.getByTestId('decision').first()).toHaveText('allowed');
});

test('a scenario with nothing wrong says so', async ({ page, watch }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page.getByRole('tab', { name: 'Findings' }).click();
  await expect(page.getByTestId('no-findings')).toHaveText(
    'No findings: nothing in this scenario looks wrong.',
  );
  expect(watch.consoleErrors).toEqual([]);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the Findings panel has no serious or critical axe violation in the ${theme} theme`, async ({
    page,
  }) => {
    await openLesson4(page);
    await page.getByTestId('theme').selectOption(theme);
    await page.getByRole('tab', { name: 'Findings' }).click();
    await expect(page.getByTestId('finding-fix')).toHaveCount(1);
    const results = await new AxeBuilder({ page }).include('[data-testid="findings"]').analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
    expect(serious).toEqual([]);
  });
}
