/**
 * "Who can become admin?" in a real browser (issue 18), on the unit tests' world with one of
 * each escalation family: the paths listed shortest first, the picture drawn (dagre) with the
 * selected path, a step opened from the picture by keyboard as its requests and trace, a
 * request added (Undo takes it back); a principal as the target, typed or from the explorer's
 * "Who can become it?"; the picture fitted to the drawer's width ("Full size"
 * scrolls) with each step's words on a box of their own; axe in both themes; the drawer at
 * 1280×800 and 390 px.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, importFile, openApp, test } from './fixtures';
import { seriousViolations } from './axe';
import { ESCALATION_WORLD, arn } from '../unit/analysis/escalation-world';

const world = {
  ...ESCALATION_WORLD,
  requests: [{ principal: arn('user', 'alice'), action: 'lambda:CreateFunction', resource: '*' }],
};
/** The picture's frame shows it all without scrolling sideways. */
const fitsWidth = (graph: Locator) =>
  graph.evaluate((svg) => svg.parentElement!.scrollWidth <= svg.parentElement!.clientWidth);
const undoButton = (page: Page) =>
  page.getByRole('group', { name: 'Undo and redo' }).getByRole('button', { name: /^Undo/ });

test('paths to admin: listed shortest first, drawn, a step opened by keyboard as its trace, added as a request; axe; 1280 and 390 px', async ({
  page,
  watch,
}) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('new-scenario')).toBeEnabled();
  await importFile(page, 'escalation.json', JSON.stringify(world));
  await expect(page.getByTestId('import-report')).toContainText('1 scenario imported');
  await expect(page.getByTestId('decision')).toHaveCount(1);

  await page.getByRole('tab', { name: 'Access' }).click();
  const panel = page.getByRole('region', { name: 'Access', exact: true });
  await panel.getByRole('button', { name: 'Who can become admin?' }).click();
  await expect(panel.getByTestId('escalation-summary')).toContainText('Already: user/dave', {
    timeout: 60_000,
  });
  const paths = panel.getByRole('list', { name: 'Paths, shortest first' }).getByRole('button');
  const alice = paths.filter({ hasText: 'user/alice → role/LambdaAdmin → admin (* on *)' });
  await expect(alice).toHaveCount(1);
  await expect(paths.filter({ hasText: 'user/erin' })).toHaveCount(0); // PassRole only to EC2
  await alice.click();
  await expect(alice).toHaveAttribute('aria-pressed', 'true');

  // The picture: the selected path's first step, by keyboard.
  const graph = panel.getByTestId('escalation-graph');
  await expect(graph).toBeVisible();
  expect(await fitsWidth(graph)).toBe(true);
  const labelsOnBoxes = await graph.evaluate((svg) =>
    [...svg.querySelectorAll('g.edge')].every((g) => {
      const box = g.querySelector<SVGRectElement>('rect.label')?.getBBox();
      const text = g.querySelector('text')!.getBBox();
      return !!box && text.x >= box.x && text.x + text.width <= box.x + box.width;
    }),
  );
  expect(labelsOnBoxes).toBe(true);
  await panel.getByRole('button', { name: 'Full size' }).click();
  await expect.poll(() => fitsWidth(graph)).toBe(false);
  await panel.getByRole('button', { name: 'Full size' }).click();
  await expect.poll(() => fitsWidth(graph)).toBe(true);
  const step = graph.getByRole('button', {
    name: /^Step 1: iam:PassRole to lambda\.amazonaws\.com/,
  });
  await step.focus();
  await page.keyboard.press('Enter');
  const requests = panel.getByRole('list', { name: 'Requests that allow this step' });
  await expect(requests.getByRole('button')).toHaveCount(4);
  const trace = panel.getByRole('region', { name: 'Trace of the chosen step' });
  await expect(trace).toContainText('This request is allowed');
  await requests.getByRole('button', { name: /iam:PassRole/ }).click();
  await expect(trace.getByRole('heading')).toContainText('iam:PassRole');
  await expect(trace).toContainText('This request is allowed');
  await trace.getByRole('button', { name: 'Add as request' }).click();
  await expect(page.getByTestId('decision')).toHaveCount(2);
  await expect(undoButton(page)).toHaveAccessibleName(
    `Undo: add request iam:PassRole on ${arn('role', 'LambdaAdmin')}`,
  );
  await expect(page.getByTestId('decision').last()).toHaveText('allowed');
  await undoButton(page).click();
  await expect(page.getByTestId('decision')).toHaveCount(1);

  // A principal as the target.
  await panel.getByLabel('a principal').check();
  await panel
    .getByRole('combobox', { name: 'Principal', exact: true })
    .fill(arn('role', 'Helpdesk'));
  await panel.getByRole('button', { name: 'Find paths' }).click();
  await expect(panel.getByRole('heading', { name: 'Who can become role/Helpdesk' })).toBeVisible();
  await expect(paths.filter({ hasText: 'user/carol → role/Helpdesk' })).toHaveCount(1);
  // From the explorer: "Who can become it?" on a role opens the view on that role.
  await page.getByRole('tab', { name: 'World' }).click();
  await page.getByRole('button', { name: 'LambdaAdmin', exact: true }).click();
  await page.getByRole('button', { name: 'Who can become it?' }).click();
  await expect(panel.getByRole('heading', { name: 'Who can become role/LambdaAdmin' })).toBeVisible(
    { timeout: 60_000 },
  );
  await expect(paths.filter({ hasText: 'user/alice → role/LambdaAdmin' })).toHaveCount(1);
  await panel.getByLabel('admin (* on *)').check();
  await panel.getByRole('button', { name: 'Find paths' }).click();
  await expect(alice).toHaveCount(1);
  await alice.click();
  await graph.getByRole('button', { name: /^Step 1:/ }).click();
  await expect(trace).toContainText('This request is allowed');

  await page.screenshot({ path: 'test-results/escalation-1280.png' });
  for (const theme of ['light', 'dark'] as const) {
    await page.getByTestId('theme').selectOption(theme);
    expect(await seriousViolations(page, 'section[aria-label="Access"]')).toEqual([]);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(alice).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // Readable on a phone: fitted when that keeps it at 60% or more, else full size in its own
  // scrolling frame (the page itself does not scroll sideways, checked above).
  const scale = () =>
    graph.evaluate((el) => {
      const svg = el as unknown as SVGSVGElement;
      return svg.width.baseVal.value / svg.viewBox.baseVal.width;
    });
  await expect.poll(scale).toBeGreaterThanOrEqual(0.6);
  if ((await scale()) < 1) await expect.poll(() => fitsWidth(graph)).toBe(true);
  else await expect(panel.getByText('Scroll to see all of it.')).toBeVisible();
  await page.screenshot({ path: 'test-results/escalation-390.png', fullPage: true });
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});
