import type { Page } from '@playwright/test';
import { expect, openApp, test, importFile } from './fixtures';

const A = '111122223333';

/** Replaces the editor's whole text, as a paste would (no auto-indent, no auto-close). */
async function setEditorText(page: Page, text: string): Promise<void> {
  const content = page.locator('.cm-content');
  await content.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(text);
}

const decisions = (page: Page) => page.getByTestId('decision');

/** Rewrites the starter's ReadReports policy to allow alice's reads only under `condition`. */
async function conditionOnReads(page: Page, condition: Record<string, unknown>): Promise<void> {
  await page.getByRole('button', { name: 'ReadReports', exact: true }).click();
  await setEditorText(
    page,
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadReports',
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::team-reports/*',
          Condition: condition,
        },
      ],
    }),
  );
}

async function addNamed(page: Page, button: string, name: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  // As a user does: type once the new name's field has the caret.
  await expect(page.locator('.name-form input')).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
}

test('a world built from nothing by clicking and typing decides two requests', async ({
  page,
  watch,
}) => {
  await openApp(page);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(decisions(page)).toHaveCount(0);

  await page.getByRole('button', { name: '+ Account' }).click();
  await addNamed(page, `Add user to account ${A}`, 'alice');
  await addNamed(page, `Add policy to account ${A}`, 'ReadReports');
  await expect(page.locator('#document-title')).toHaveText(
    `ReadReports — customer managed policy in ${A}`,
  );
  await setEditorText(
    page,
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'Read', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::team-reports/*' },
      ],
    }),
  );

  // Attach the policy to alice by clicking.
  await page.getByRole('button', { name: 'alice', exact: true }).click();
  await page.getByRole('button', { name: 'Attach ReadReports' }).click();
  await expect(page.getByRole('button', { name: 'Detach ReadReports' })).toBeVisible();

  // A bucket whose policy denies deletes.
  await addNamed(page, '+ Bucket or resource', 'team-reports');
  await expect(page.locator('#document-title')).toHaveText(
    'Bucket policy of arn:aws:s3:::team-reports',
  );
  await setEditorText(
    page,
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'NoDeletes',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:DeleteObject',
          Resource: 'arn:aws:s3:::team-reports/*',
        },
      ],
    }),
  );

  // Two requests, typed into the request builder.
  for (const action of ['s3:GetObject', 's3:DeleteObject']) {
    await page.getByRole('button', { name: 'Add request' }).click();
    await page.getByLabel('Principal').fill(`arn:aws:iam::${A}:user/alice`);
    await page.getByLabel('Action', { exact: true }).fill(action);
    await page.getByLabel('Resource', { exact: true }).fill('arn:aws:s3:::team-reports/q3.csv');
  }
  await expect(decisions(page)).toHaveText(['allowed', 'explicitDeny']);

  // The second request expects to be allowed: the expectation shows as not met.
  await page.getByLabel('Expect').selectOption('allowed');
  await expect(page.getByTestId('expectation')).toHaveText(/✗ expected\s+allowed/);

  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});

test('decisions change while typing in the editor, and text that does not parse is kept', async ({
  page,
  watch,
}) => {
  await openApp(page);
  await expect(decisions(page)).toHaveText(['allowed', 'explicitDeny']);
  await page.getByRole('button', { name: 'ReadReports', exact: true }).click();
  await expect(page.locator('#document-title')).toHaveText(
    `ReadReports — customer managed policy in ${A}`,
  );

  // Turn "Allow" into "Deny" by typing: the first request becomes an explicit deny.
  const allow = page.locator('.cm-content').getByText('"Allow"');
  await allow.click();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft'); // before the comma
  await page.keyboard.press('ArrowLeft'); // before the closing quote
  for (let i = 0; i < 5; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('Deny');
  await expect(decisions(page)).toHaveText(['explicitDeny', 'explicitDeny']);

  // Break the JSON: the text stays, a message says so, and the last valid version still decides.
  await page.keyboard.press('ArrowRight'); // after the closing quote
  await page.keyboard.type('x');
  await expect(page.getByText('Not valid JSON yet')).toBeVisible();
  await expect(page.locator('.cm-content')).toContainText('"Deny"x,');
  await expect(decisions(page)).toHaveText(['explicitDeny', 'explicitDeny']);
  await page.keyboard.press('Backspace');
  await expect(page.getByText('Not valid JSON yet')).toHaveCount(0);

  // Undo goes back through this document's own history. Four steps when typing is quick; a
  // loaded machine types slower than CodeMirror's grouping delay, which splits the typing into
  // more steps, so undo (at most 12 times) until the original text is back.
  const content = page.locator('.cm-content');
  for (let i = 0; i < 12 && !((await content.textContent()) ?? '').includes('"Allow"'); i++) {
    await page.keyboard.press('ControlOrMeta+z');
  }
  await expect(decisions(page)).toHaveText(['allowed', 'explicitDeny']);
  expect(watch.consoleErrors).toEqual([]);
});

test('a statement in the trace opens its document with the statement highlighted', async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole('button', { name: /alice-deletes/ }).click();
  const trace = page.getByTestId('trace');
  await expect(trace).toContainText('NoDeletes');
  await trace.getByTestId('deciding-statement').click();
  await expect(page.locator('#document-title')).toHaveText(
    'Bucket policy of arn:aws:s3:::team-reports',
  );
  const highlighted = page.getByTestId('highlighted-statement');
  await expect(highlighted.first()).toBeVisible();
  await expect(page.locator('.cm-content')).toContainText('"Sid": "NoDeletes"');
  const text = (await highlighted.allTextContents()).join('');
  expect(text).toContain('NoDeletes');
  expect(text).toContain('s3:DeleteObject');
});

test('the flow picture lights the path the request took and marks the deciding step', async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole('button', { name: /alice-deletes/ }).click();
  const flow = page.getByTestId('flow');
  await expect(flow.locator('[data-step="explicit-deny"]')).toHaveClass(/deciding/);
  await expect(flow.locator('[data-step="identity-policy"]')).toHaveAttribute(
    'data-outcome',
    'not-reached',
  );
  await page.getByRole('button', { name: /alice-reads/ }).click();
  await expect(flow.locator('[data-step="explicit-deny"]')).toHaveAttribute('data-outcome', 'pass');
  await expect(flow.locator('.deciding')).toHaveCount(1);
});

/** Opens the Library tab of the left rail, where the import is. */
async function openLibrary(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('library')).toBeVisible();
}

test('importing a scenario file opens it in the playground', async ({ page }) => {
  await openApp(page);
  await openLibrary(page);
  const scenario = {
    format: 'iam-playground/scenario',
    version: 1,
    title: 'Imported',
    accounts: { [A]: { users: { bob: {} } } },
    requests: [
      {
        id: 'root-reads',
        principal: `arn:aws:iam::${A}:root`,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::x/y',
      },
      {
        id: 'bob-reads',
        principal: `arn:aws:iam::${A}:user/bob`,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::x/y',
      },
    ],
  };
  await importFile(page, 'imported.json', JSON.stringify(scenario));
  await expect(decisions(page)).toHaveText(['allowed', 'implicitDeny']);
  await page.getByRole('tab', { name: 'World' }).click();
  await expect(page.getByRole('button', { name: 'bob', exact: true })).toBeVisible();
  // The file's own layout is kept (it was written compact).
  await expect(page.locator('.cm-content')).toContainText('"title":"Imported"');
});

test('a file that is not a scenario is refused with a message, and the world stays', async ({
  page,
}) => {
  await openApp(page);
  await openLibrary(page);
  await importFile(page, 'bad.json', '{"a": ');
  await expect(page.getByTestId('import-report')).toContainText('bad.json');
  await expect(decisions(page)).toHaveText(['allowed', 'explicitDeny']);
});

test('the keyboard reaches the help, the panels and a re-run', async ({ page }) => {
  await openApp(page);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Ctrl+Enter');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await page.keyboard.press('Alt+2');
  await expect(page.locator('.cm-content')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(decisions(page)).toHaveText(['allowed', 'explicitDeny']);
  await page.keyboard.press('Alt+3');
  await expect(page.locator('section.request')).toBeFocused();
});

test('the request builder suggests actions and ARN templates from the service reference', async ({
  page,
}) => {
  await openApp(page);
  const action = page.getByLabel('Action', { exact: true });
  await action.fill('sqs:SendMes');
  await expect(page.locator('#action-options option[value="sqs:SendMessage"]')).toHaveCount(1);
  await action.fill('sqs:SendMessage');
  await expect(
    page.locator('#resource-options option[value^="arn:aws:sqs:us-east-1:111122223333:"]'),
  ).toHaveCount(1);
  await expect(page.locator('#context-keys option[value="aws:SourceIp"]')).toHaveCount(1);
});

test('at 390 px wide everything fits the width', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await openApp(page);
  await expect(decisions(page)).toHaveText(['allowed', 'explicitDeny']);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await page.close();
});

test('a problem the validator finds is underlined in the editor with its message', async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole('button', { name: 'ReadReports', exact: true }).click();
  await setEditorText(
    page,
    JSON.stringify(
      {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allo', Action: 's3:GetObject', Resource: '*' }],
      },
      null,
      2,
    ),
  );
  const underline = page.locator('.cm-lintRange-error');
  await expect(underline.first()).toBeVisible();
  await expect(underline.first()).toContainText('Allo');
  await underline.first().hover();
  await expect(page.locator('.cm-tooltip-lint')).toContainText(/Effect/);
});

test('the editor completes actions inside a policy from the service reference', async ({
  page,
}) => {
  await openApp(page);
  await page.getByRole('button', { name: 'ReadReports', exact: true }).click();
  await setEditorText(
    page,
    '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "sqs:SendMess", "Resource": "*"}]\n}',
  );
  await page.locator('.cm-content').getByText('sqs:SendMess').click();
  await page.keyboard.press('End');
  for (let i = 0; i < '", "Resource": "*"}]'.length; i++) await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ControlOrMeta+Space');
  const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'sqs:SendMessage' });
  await expect(option.first()).toBeVisible();
});

test('tags set by clicking feed aws:PrincipalTag, and a bad key is refused with a reason', async ({
  page,
  watch,
}) => {
  await openApp(page);
  await conditionOnReads(page, { StringEquals: { 'aws:PrincipalTag/team': 'web' } });
  // alice has no tag "team": the condition fails and nothing else allows the read.
  await expect(decisions(page)).toHaveText(['implicitDeny', 'explicitDeny']);

  await page.getByRole('button', { name: 'alice', exact: true }).click();
  const tags = page.getByRole('group', { name: 'Tags' });
  await tags.getByLabel('Tag key').fill('aws:team');
  await tags.getByLabel('Tag value').fill('web');
  await tags.getByRole('button', { name: 'Add tag' }).click();
  await expect(tags).toContainText('The prefix aws: is reserved for AWS.');
  await expect(decisions(page)).toHaveText(['implicitDeny', 'explicitDeny']);

  await tags.getByLabel('Tag key').fill('team');
  await tags.getByRole('button', { name: 'Add tag' }).click();
  await expect(tags.getByRole('listitem')).toHaveText([/team = web/]);
  await expect(decisions(page)).toHaveText(['allowed', 'explicitDeny']);

  // Changing the value to another one breaks the match again; removing the tag too.
  await tags.getByLabel('Tag key').fill('team');
  await tags.getByLabel('Tag value').fill('data');
  await tags.getByRole('button', { name: 'Change tag' }).click();
  await expect(decisions(page)).toHaveText(['implicitDeny', 'explicitDeny']);
  await tags.getByLabel('Tag value').fill('web');
  await tags.getByLabel('Tag key').fill('team');
  await tags.getByRole('button', { name: 'Change tag' }).click();
  await expect(decisions(page)).toHaveText(['allowed', 'explicitDeny']);
  await tags.getByRole('button', { name: 'Remove tag team from user alice' }).click();
  await expect(tags).toContainText('None.');
  await expect(decisions(page)).toHaveText(['implicitDeny', 'explicitDeny']);

  // A bucket's tags are set the same way, and land in the scenario.
  await page.getByRole('button', { name: 'arn:aws:s3:::team-reports', exact: true }).click();
  await tags.getByLabel('Tag key').fill('classification');
  await tags.getByLabel('Tag value').fill('internal');
  await tags.getByRole('button', { name: 'Add tag' }).click();
  await page.getByRole('button', { name: /Scenario \(whole JSON\)/ }).click();
  await expect(page.locator('.cm-content')).toContainText('"classification": "internal"');
  expect(watch.consoleErrors).toEqual([]);
});

test('a context key suggested for the action decides a condition', async ({ page, watch }) => {
  await openApp(page);
  await conditionOnReads(page, { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } });
  // No aws:SourceIp in the request: the condition does not match.
  await expect(decisions(page)).toHaveText(['implicitDeny', 'explicitDeny']);

  // The key list offers the action's own condition keys and AWS's global ones (loaded once the
  // request builder is in use).
  await page.getByLabel('Context key', { exact: true }).click();
  await expect(page.locator('#context-keys option[value="s3:signatureversion"]')).toHaveCount(1);
  await expect(page.locator('#context-keys option[value="aws:SourceIp"]')).toHaveCount(1);
  await page.getByLabel('Context key', { exact: true }).fill('aws:SourceIp');
  await page.getByLabel('Context value', { exact: true }).fill('203.0.113.9');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(decisions(page)).toHaveText(['allowed', 'explicitDeny']);

  // The value is editable in place, and the key removable.
  await page.getByLabel('aws:SourceIp', { exact: true }).fill('198.51.100.7');
  await expect(decisions(page)).toHaveText(['implicitDeny', 'explicitDeny']);
  await page.getByRole('button', { name: 'Remove aws:SourceIp' }).click();
  await expect(page.getByLabel('aws:SourceIp', { exact: true })).toHaveCount(0);
  expect(watch.consoleErrors).toEqual([]);
});

test('the editor searches, folds and matches brackets', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'ReadReports', exact: true }).click();
  const editor = page.locator('.cm-editor');
  await page.locator('.cm-content').getByText('"Statement"').click();

  // Search: Ctrl/Cmd+F opens CodeMirror's search panel; Enter selects the next match.
  await page.keyboard.press('ControlOrMeta+f');
  const find = editor.getByRole('textbox', { name: 'Find' });
  await expect(find).toBeFocused();
  await find.pressSequentially('GetObject'); // the panel reads its query on key-up
  await find.press('Enter');
  await expect(editor.locator('.cm-searchMatch-selected')).toHaveText('GetObject');
  await find.press('Escape');
  await expect(find).toHaveCount(0);

  // Bracket matching: with the cursor after the document's first "{", both braces are marked.
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ArrowRight');
  await expect(editor.locator('.cm-matchingBracket')).toHaveCount(2);

  // Folding: the first fold marker folds the whole document into a placeholder.
  await editor.getByTitle('Fold line', { exact: true }).first().click();
  await expect(editor.locator('.cm-foldPlaceholder')).toHaveCount(1);
  await expect(page.locator('.cm-content')).not.toContainText('GetObject');
  await editor.locator('.cm-foldPlaceholder').click();
  await expect(page.locator('.cm-content')).toContainText('GetObject');
});

test('a session policy, switched on for a request, limits what the role session may do', async ({
  page,
  watch,
}) => {
  await openApp(page);
  await openLibrary(page);
  const scenario = {
    format: 'iam-playground/scenario',
    version: 1,
    title: 'Session',
    accounts: {
      [A]: {
        policies: {
          Reads: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
          },
        },
        roles: {
          Reader: {
            trust: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: `arn:aws:iam::${A}:root` },
                  Action: 'sts:AssumeRole',
                },
              ],
            },
            policies: ['Reads'],
          },
        },
      },
    },
    requests: [
      {
        id: 'session-reads',
        principal: `arn:aws:sts::${A}:assumed-role/Reader/ci`,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::x/y',
      },
    ],
  };
  await importFile(page, 'session.json', JSON.stringify(scenario));
  await expect(decisions(page)).toHaveText(['allowed']);
  await page.getByRole('tab', { name: 'World' }).click();

  // Switched on, the session policy starts as "allow everything": nothing changes yet.
  await page.getByRole('checkbox', { name: 'Session policy' }).check();
  await expect(page.locator('#document-title')).toHaveText(/session policy/i);
  await expect(decisions(page)).toHaveText(['allowed']);

  // Narrowed to listing, it no longer lets the read through: an implicit deny.
  await setEditorText(
    page,
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }],
    }),
  );
  await expect(decisions(page)).toHaveText(['implicitDeny']);
  await expect(page.getByTestId('trace')).toContainText(/session policy/i);

  // Switched off again: allowed.
  await page.getByRole('checkbox', { name: 'Session policy' }).uncheck();
  await expect(decisions(page)).toHaveText(['allowed']);
  expect(watch.consoleErrors).toEqual([]);
});

test('the flow picture shows the STS caller check only for a request that went through it', async ({
  page,
}) => {
  await openApp(page);
  await openLibrary(page);
  const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
  await importFile(
    page,
    'sts.json',
    JSON.stringify({
      format: 'iam-playground/scenario',
      version: 1,
      accounts: {
        [A]: {
          roles: { Web: { inline: { all: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) } } },
        },
      },
      requests: [
        {
          id: 'token-from-session',
          principal: `arn:aws:sts::${A}:assumed-role/Web/ci`,
          action: 'sts:GetSessionToken',
          resource: '*',
        },
        {
          id: 'list-from-session',
          principal: `arn:aws:sts::${A}:assumed-role/Web/ci`,
          action: 's3:ListAllMyBuckets',
          resource: '*',
        },
      ],
    }),
  );
  await expect(decisions(page)).toHaveText(['implicitDeny', 'allowed']);
  await page.getByRole('button', { name: /token-from-session/ }).click();
  const flow = page.getByTestId('flow');
  await expect(flow.locator('[data-step="caller"]')).toHaveClass(/deciding/);
  await expect(page.getByTestId('trace')).toContainText('cannot call sts:GetSessionToken');
  await page.getByRole('button', { name: /list-from-session/ }).click();
  await expect(flow.locator('[data-step="caller"]')).toHaveCount(0);
  await expect(flow.locator('[data-step="explicit-deny"]')).toHaveAttribute('data-outcome', 'pass');
});
