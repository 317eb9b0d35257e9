/**
 * The request builder's sign-in control (issue 20): how the caller signed in sets
 * aws:MultiFactorAuthPresent, so AWS's force-MFA policy ("Configuring MFA-protected API
 * access") denies a console sign-in without MFA and allows one with it.
 */
import { expect, importFile, openApp, test } from './fixtures';
import { forceMfaPolicy as forceMfa } from '../fixtures/force-mfa';

const A = '123456789012';
const KEY = 'AKIAIOSFODNN7EXAMPLE';

const scenario = {
  format: 'iam-playground/scenario',
  version: 1,
  title: 'Force MFA',
  accounts: {
    [A]: {
      policies: { ForceMFA: forceMfa },
      users: {
        alice: {
          policies: ['ForceMFA'],
          loginProfile: { created: '2026-01-01T00:00:00Z' },
          accessKeys: [{ id: KEY, status: 'Active' }],
          mfaDevices: [{ serial: `arn:aws:iam::${A}:mfa/alice` }],
        },
      },
    },
  },
  requests: [
    {
      id: 'list buckets',
      principal: `arn:aws:iam::${A}:user/alice`,
      action: 's3:ListAllMyBuckets',
      resource: '*',
    },
  ],
};

test('the sign-in control writes signIn: console password without MFA is denied, with MFA allowed', async ({
  page,
  watch,
}) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('new-scenario')).toBeEnabled();
  await importFile(page, 'force-mfa.json', JSON.stringify(scenario));
  await expect(page.getByTestId('import-report')).toContainText('1 scenario imported');
  const decision = page.getByTestId('decision');

  const method = page.getByLabel('Signed in with');
  await expect(method).toHaveValue('');
  await method.selectOption({ label: 'console password' });
  const mfa = page.getByRole('checkbox', { name: 'MFA', exact: true });
  await expect(mfa).not.toBeChecked();
  await expect(decision).toHaveText(['explicitDeny']);

  await mfa.check();
  await expect(decision).toHaveText(['allowed']);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: 'test-results/sign-in-1280.png' });

  // Long-term access keys carry no MFA: the checkbox goes, a key can be named, and the deny is back.
  await method.selectOption({ label: 'access key (CLI, SDK)' });
  await expect(mfa).toHaveCount(0);
  await page.getByLabel('Access key', { exact: true }).selectOption(KEY);
  await expect(decision).toHaveText(['explicitDeny']);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByLabel('Signed in with').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/sign-in-390.png' });

  // "not said" removes the field again.
  await method.selectOption({ label: 'not said' });
  await expect(page.getByLabel('Access key', { exact: true })).toHaveCount(0);
  expect(watch.consoleErrors).toEqual([]);
});
