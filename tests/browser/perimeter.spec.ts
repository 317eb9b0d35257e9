import { readFileSync } from 'node:fs';
import { expect, openApp, test } from './fixtures';

const solution = JSON.parse(readFileSync('lessons/18-data-perimeter/solution.json', 'utf8')) as {
  accounts: Record<string, { vpcEndpoints: Record<string, { policy: unknown }> }>;
};
const ENDPOINT = 'vpce-0a1b2c3d';
const endpointPolicy = solution.accounts['111122223333']!.vpcEndpoints[ENDPOINT]!.policy;

test('lesson 18: the explorer shows OU ids and the VPC endpoint; fixing the endpoint policy meets every goal', async ({
  page,
  watch,
}) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Lessons' }).click();
  await page.getByTestId('lesson-link').filter({ hasText: 'A data perimeter' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'A data perimeter' })).toBeVisible();
  const goals = page.getByTestId('goal');
  await expect(goals).toHaveCount(4);
  await expect(goals.and(page.locator('[data-pass="false"]'))).toHaveCount(1);

  await page.getByRole('tab', { name: 'World' }).click();
  await expect(page.getByRole('button', { name: 'Workloads (ou-ab12-11111111)' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Root \(r-ab12\)/ })).toBeVisible();
  // The request builder offers the world's endpoints for "vpcEndpoint".
  await expect(page.getByLabel('Through endpoint')).toHaveValue(ENDPOINT);

  await page.getByRole('button', { name: new RegExp(ENDPOINT) }).click();
  await expect(page.getByText(`Endpoint policy of ${ENDPOINT} in 111122223333`)).toBeVisible();
  await page.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(JSON.stringify(endpointPolicy, null, 2));

  await page.getByRole('tab', { name: 'Lessons' }).click();
  await expect(goals.and(page.locator('[data-pass="true"]'))).toHaveCount(4);
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});
