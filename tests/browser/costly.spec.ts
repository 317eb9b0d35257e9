import { costlyScenario, hostileGlobScenario } from '../fixtures/costly-scenarios';
import { expect, importFile, openApp, test } from './fixtures';

// Issue 14: one costly scenario held up the worker, and every later decision waited for it.
test('a scenario too costly to decide is stopped with a message, and the next scenario is decided at once', async ({
  page,
  watch,
}) => {
  test.setTimeout(180_000);
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('library')).toBeVisible();

  // Within every limit, yet its one request would take minutes: the worker's 10 s limit stops it.
  await importFile(page, 'costly.json', JSON.stringify(costlyScenario()));
  const alert = page.getByRole('alert').filter({ hasText: 'took longer than 10 seconds' });
  await expect(alert).toContainText('Deciding request 1 of this scenario', { timeout: 90_000 });
  await expect(alert).toContainText('too costly, so it was stopped and the evaluator restarted');
  await page.screenshot({ path: test.info().outputPath('too-costly.png') });

  // A new worker decides the next scenario, without waiting for the costly one.
  const harmless = {
    format: 'iam-playground/scenario',
    version: 1,
    title: 'Harmless',
    accounts: {
      '111122223333': {
        policies: {
          Read: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
          },
        },
        users: { u: { policies: ['Read'] } },
      },
    },
    requests: [
      {
        principal: 'arn:aws:iam::111122223333:user/u',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::bucket/key',
      },
    ],
  };
  await importFile(page, 'harmless.json', JSON.stringify(harmless));
  await expect(page.getByTestId('decision')).toHaveText(['allowed']);
  await expect(alert).toHaveCount(0);
  expect(watch.consoleErrors).toEqual([]);
});

test("a request beyond AWS's limits is not decided, and says which limit", async ({
  page,
  watch,
}) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('library')).toBeVisible();
  // The tester's scenario: a resource of 100,000 characters against a long wildcard pattern.
  await importFile(page, 'hostile.json', JSON.stringify(hostileGlobScenario()));
  await expect(page.getByTestId('decision')).toHaveText(['not decided']);
  await expect(page.locator('.results .problem')).toContainText(
    'The resource has 100,013 characters; an ARN has at most 2,048',
  );
  expect(watch.consoleErrors).toEqual([]);
});
