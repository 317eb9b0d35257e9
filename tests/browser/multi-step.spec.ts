/**
 * Multi-step requests in the request builder (issue 21): STS calls made first, with session
 * tags ("Pass session tags in AWS STS"). The decision follows each edit, and the trace shows
 * every hop and which one stopped the request.
 */
import { expect, importFile, openApp, test } from './fixtures';

const A = '111122223333';
const ROLE = `arn:aws:iam::${A}:role/ProjectRole`;
const SECRET = `arn:aws:secretsmanager:us-east-1:${A}:secret:blue-AbCdEf`;
const root = { AWS: `arn:aws:iam::${A}:root` };

const scenario = {
  format: 'iam-playground/scenario',
  version: 1,
  title: 'Session tags',
  accounts: {
    [A]: {
      users: {
        ana: {
          tags: { team: 'blue' },
          inline: {
            Sts: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: ROLE },
              ],
            },
          },
        },
      },
      roles: {
        ProjectRole: {
          tags: { team: 'none' },
          trust: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: root, Action: 'sts:AssumeRole' },
              {
                Effect: 'Allow',
                Principal: root,
                Action: 'sts:TagSession',
                Condition: {
                  StringEquals: { 'aws:RequestTag/team': '${aws:PrincipalTag/team}' },
                },
              },
            ],
          },
          inline: {
            SameTeam: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 'secretsmanager:GetSecretValue',
                  Resource: '*',
                  Condition: {
                    StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' },
                  },
                },
              ],
            },
          },
        },
      },
    },
  },
  resources: { [SECRET]: { account: A, tags: { team: 'blue' } } },
  requests: [
    {
      id: 'ana reads the blue secret',
      principal: `arn:aws:iam::${A}:user/ana`,
      action: 'secretsmanager:GetSecretValue',
      resource: SECRET,
    },
  ],
};

test('STS calls before a request: session tags decide, and the trace names the hop that stopped it', async ({
  page,
  watch,
}) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('new-scenario')).toBeEnabled();
  await importFile(page, 'session-tags.json', JSON.stringify(scenario));
  await expect(page.getByTestId('import-report')).toContainText('1 scenario imported');
  const decision = page.getByTestId('decision');
  const trace = page.getByTestId('trace');
  await expect(decision).toHaveText(['implicitDeny']);

  // Ana assumes the role without tags: the role's own tag team=none matches no secret.
  const steps = page.getByTestId('assume-steps');
  await steps.getByRole('button', { name: 'Add STS call' }).click();
  await expect(steps.getByLabel('Role ARN 1')).toHaveValue(ROLE);
  await expect(trace).toContainText('Hop 1 of 1');
  await expect(decision).toHaveText(['implicitDeny']);

  // Her own team as a session tag overrides the role's tag: allowed.
  const tags = steps.getByLabel('Session tags 1');
  await tags.fill('team=blue');
  await tags.blur();
  await expect(decision).toHaveText(['allowed']);
  await expect(trace).toContainText('sts:TagSession');
  await page.setViewportSize({ width: 1280, height: 800 });
  await steps.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/multi-step-1280.png' });

  // Another team's tag: the trust policy refuses sts:TagSession, and the trace says which hop.
  await tags.fill('team=red');
  await tags.blur();
  await expect(decision).toHaveText(['implicitDeny']);
  await expect(trace).toContainText('Hop 1 of 1 stopped the request');
  await page.setViewportSize({ width: 390, height: 844 });
  await steps.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/multi-step-390.png' });

  // Removing the call removes `assume`: ana decides for herself again.
  await steps.getByRole('button', { name: 'Remove call 1' }).click();
  await expect(steps.getByLabel('Role ARN 1')).toHaveCount(0);
  await expect(trace).not.toContainText('Hop 1');
  expect(watch.consoleErrors).toEqual([]);
});
