/**
 * The library in a real browser: IndexedDB through idb-keyval, BroadcastChannel between tabs,
 * the file input, and damaged records. (The unit tests cover the same logic over a memory store.)
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, openApp, importFile } from './fixtures';

/** Opens the app and its Library rail panel, once the library has loaded. */
async function openLibrary(page: Page): Promise<void> {
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('library')).toBeVisible();
  await expect(page.getByTestId('new-scenario')).toBeEnabled();
}

const items = (page: Page) => page.getByTestId('library-item');

/**
 * Waits until every edit is stored. The app may queue an edit right after opening a scenario (it
 * formats the text), so first let the longest debounce (1 s) pass, then wait for "saved".
 */
async function saved(page: Page): Promise<void> {
  await page.waitForTimeout(1100);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
}

/** Types a description into the whole-scenario editor: a real change to the scenario. */
async function typeDescription(page: Page, description: string): Promise<void> {
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await page.keyboard.insertText(`\n"description": ${JSON.stringify(description)},`);
}

async function rename(page: Page, from: string, to: string): Promise<void> {
  await page.getByRole('button', { name: `Rename ${from}` }).click();
  const input = page.getByLabel('New title');
  await input.fill(to);
  await input.press('Enter');
  await expect(items(page).filter({ hasText: to })).toHaveCount(1);
}

test('scenarios are kept in IndexedDB across reloads, and the last one reopens', async ({
  page,
  watch,
}) => {
  await openLibrary(page);
  await page.getByTestId('new-scenario').click();
  const count = await items(page).count();
  const newest = items(page).first();
  const title = (await newest.getByRole('button').first().textContent())!.trim();
  await rename(page, title, 'Kept across reloads');
  await page.getByTestId('new-scenario').click();
  await expect(items(page)).toHaveCount(count + 1);
  await page.getByRole('button', { name: 'Kept across reloads', exact: true }).click();
  await saved(page);

  await page.reload();
  await openLibrary(page);
  await expect(items(page)).toHaveCount(count + 1);
  await expect(
    page.getByRole('button', { name: 'Kept across reloads', exact: true }),
  ).toHaveAttribute('aria-current', 'true');
  expect(watch.consoleErrors).toEqual([]);
});

test('a delete can be undone', async ({ page }) => {
  await openLibrary(page);
  await page.getByTestId('new-scenario').click();
  const title = (await items(page).first().getByRole('button').first().textContent())!.trim();
  await rename(page, title, 'Delete me');
  const before = await items(page).count();
  await page.getByRole('button', { name: 'Delete Delete me' }).click();
  await expect(items(page)).toHaveCount(before - 1);
  await page.getByTestId('undo-delete').click();
  await expect(items(page)).toHaveCount(before);
  await page.reload();
  await openLibrary(page);
  await expect(page.getByRole('button', { name: 'Delete me', exact: true })).toBeVisible();
});

test('files import through the file input, with located messages for bad ones', async ({
  page,
}) => {
  test.setTimeout(120_000); // two imports and an opened world in one page
  await openLibrary(page);
  await page.getByTestId('import').setInputFiles([
    {
      name: 'good.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        '{ "format": "iam-playground/scenario", "version": 1, "title": "Imported <b>bold</b>" }',
      ),
    },
    {
      name: 'newer.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{\n  "format": "iam-playground/scenario",\n  "version": 9\n}'),
    },
  ]);
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('1 scenario imported');
  await expect(report).toContainText(
    'newer.json: version, line 3, column 14: This scenario is format version 9',
  );
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(
    page.getByRole('button', { name: 'Imported <b>bold</b>', exact: true }),
  ).toBeVisible();

  // Two pages of `aws iam get-account-authorization-details`, picked together: one world. The
  // panel says the files stay on the machine.
  await expect(page.getByTestId('import-hint')).toContainText('nothing is uploaded');
  const dump = JSON.parse(
    readFileSync('tests/fixtures/aws-cli/authorization-details.json', 'utf8'),
  );
  const { UserDetailList, ...rest } = dump;
  await page.getByTestId('import').setInputFiles([
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
  await expect(report).toContainText('1 scenario imported');
  // A loss only where the dump had something, and (once this import's report is up) said once:
  // the report is its own live region.
  await expect(page.getByTestId('import-notes')).toContainText(
    "1 role's last-used date is not kept",
  );
  await expect(page.getByText('1 scenario imported.')).toHaveCount(1);
  await page.getByRole('tab', { name: 'Library' }).click();
  await page.getByRole('button', { name: 'AWS account 123456789012', exact: true }).click();
  await page.getByRole('tab', { name: 'World' }).click();
  for (const name of ['Charlie', 'Dev'])
    await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
  // The role and the instance profile that holds it.
  await expect(page.getByRole('button', { name: 'EC2role', exact: true })).toHaveCount(2);

  // A folder of outputs (the IAM dump, the organization's, resource policies) picked at once:
  // one world with the organization's tree and the resources' policies.
  await page.getByRole('tab', { name: 'Library' }).click();
  await page.getByTestId('import-folder').setInputFiles('tests/fixtures/aws-cli/account-folder');
  await expect(report).toContainText('1 scenario imported');
  // Two accounts, the IAM of one: the bucket is taken to be that account's, and the report says so.
  await expect(page.getByTestId('import-notes')).toContainText(
    'arn:aws:s3:::MyBucket is taken to be owned by 123456789012, the only account whose IAM',
  );
  await page.getByRole('tab', { name: 'Library' }).click();
  await page
    .getByRole('button', {
      name: 'AWS account 123456789012 in organization o-exampleorgid',
      exact: true,
    })
    .click();
  await page.getByRole('tab', { name: 'World' }).click();
  for (const name of [
    'OU AccountingDepartment (ou-examplerootid111-exampleouid111)',
    'SCP/RCP DenyIamUserChanges',
    'arn:aws:s3:::MyBucket',
    'arn:aws:sqs:us-east-1:123456789012:MyQueue',
  ])
    await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
});

test('a damaged record is set aside and the rest of the library loads', async ({ page }) => {
  await openLibrary(page);
  await page.getByTestId('new-scenario').click();
  await saved(page);
  const good = await items(page).count();
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('iam-playground');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('library', 'readwrite');
          tx.objectStore('library').put({ id: 'broken', title: 42 }, 'scenario:broken');
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.reload();
  await openLibrary(page);
  await expect(items(page)).toHaveCount(good);
  await expect(page.getByTestId('quarantine')).toContainText('1 stored record');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-quarantine').click();
  expect((await download).suggestedFilename()).toMatch(/^iam-playground-damaged-records-.*\.json$/);
});

test('a rename reaches the scenario’s own title, in this tab and another without reloading', async ({
  page,
  context,
}) => {
  await openLibrary(page);
  await page.getByTestId('new-scenario').click();
  await saved(page);
  const other = await context.newPage();
  await openLibrary(other);
  const title = (await items(page).first().getByRole('button').first().textContent())!.trim();
  await rename(page, title, 'Renamed in tab one');
  await expect(
    other.getByRole('button', { name: 'Renamed in tab one', exact: true }),
  ).toBeVisible();
  // The name is the scenario's own title: what a share link, an export or an exercise shows.
  for (const tab of [page, other])
    await expect(tab.locator('.cm-content')).toContainText('"title": "Renamed in tab one"');
  await saved(page);
});

test('a full disk is reported, and the unsaved text stays exportable', async ({ page }) => {
  await openLibrary(page);
  await page.getByTestId('new-scenario').click();
  await saved(page);
  // Make IndexedDB refuse every write the way a full disk does.
  await page.evaluate(() => {
    const refuse = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    IDBObjectStore.prototype.put = refuse;
    IDBObjectStore.prototype.add = refuse;
  });
  await typeDescription(page, 'typed on a full disk');
  const problem = page.getByTestId('storage-problem');
  await expect(problem).toHaveAttribute('data-code', 'quota');
  await expect(problem).toContainText("The browser's storage is full");
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'failed');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-unsaved').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^iam-playground-unsaved-.*\.json$/);
  const { readFile } = await import('node:fs/promises');
  const exported = JSON.parse(await readFile((await file.path())!, 'utf8')) as {
    format: string;
    scenarios: { scenario: unknown }[];
  };
  expect(exported.format).toBe('iam-playground/library');
  expect(exported.scenarios).toHaveLength(1);
  expect(exported.scenarios[0]!.scenario).toMatchObject({
    format: 'iam-playground/scenario',
    description: 'typed on a full disk',
  });
});

test('two tabs editing one scenario: the tab with unsaved edits warns instead of losing them', async ({
  page,
  context,
}) => {
  await openLibrary(page);
  await page.getByTestId('new-scenario').click();
  const title = (await items(page).first().getByRole('button').first().textContent())!.trim();
  await rename(page, title, 'Edited in two tabs');
  await saved(page);
  const other = await context.newPage();
  await openLibrary(other);
  await expect(
    other.getByRole('button', { name: 'Edited in two tabs', exact: true }),
  ).toHaveAttribute('aria-current', 'true');
  // Hold the second tab's writes back, so its edit is still unsaved when the first tab saves.
  await other.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    (window as { __restorePut?: () => void }).__restorePut = () =>
      (IDBObjectStore.prototype.put = put);
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('held back by the test', 'UnknownError');
    };
  });
  await typeDescription(other, 'typed in the second tab');
  await expect(other.getByTestId('storage-problem')).toBeVisible();
  await typeDescription(page, 'typed in the first tab');
  await saved(page);
  const banner = other.getByTestId('conflict-banner');
  await expect(banner).toContainText('was changed in another tab');
  await other.evaluate(() => (window as { __restorePut?: () => void }).__restorePut?.());
  await banner.getByRole('button', { name: 'Keep both' }).click();
  await expect(other.getByTestId('conflict-banner')).toHaveCount(0);
  await expect(
    other.getByRole('button', { name: 'Edited in two tabs (my version)', exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Edited in two tabs (my version)', exact: true }),
  ).toBeVisible();
});

test('a tab with no edits of its own follows the other tab, so its next edit keeps both', async ({
  page,
  context,
}) => {
  await openLibrary(page);
  await page.getByTestId('new-scenario').click();
  await saved(page);
  const other = await context.newPage();
  await openLibrary(other);
  await other.getByRole('tab', { name: 'World' }).click(); // whichever panel is on screen
  await typeDescription(page, 'from the first tab');
  await saved(page);
  // The second tab shows the first tab's version at once, without a reload.
  await expect(other.locator('.cm-content')).toContainText('from the first tab');
  await expect(other.getByTestId('conflict-banner')).toHaveCount(0);
  await other.locator('.cm-content').getByText('"version": 1').click();
  await other.keyboard.press('End');
  await other.keyboard.insertText('\n"title": "Both tabs",');
  await other.getByRole('tab', { name: 'Library' }).click();
  await saved(other);
  await other.reload();
  await expect(other.locator('.cm-content')).toContainText('from the first tab');
  await expect(other.locator('.cm-content')).toContainText('"title": "Both tabs"');
});

test('a file dropped on the library is imported', async ({ page }) => {
  await openLibrary(page);
  const before = await items(page).count();
  const dataTransfer = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    const text = '{ "format": "iam-playground/scenario", "version": 1, "title": "Dropped in" }';
    transfer.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    return transfer;
  });
  await page.getByTestId('library').dispatchEvent('dragenter', { dataTransfer });
  await page.getByTestId('library').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('import-report')).toContainText('1 scenario imported');
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(items(page)).toHaveCount(before + 1);
  await expect(page.getByRole('button', { name: 'Dropped in', exact: true })).toBeVisible();
});

test('an edit made just before a reload or a closed tab is kept', async ({ page, context }) => {
  await openApp(page);
  const decisions = page.getByTestId('decision');
  await expect(decisions.first()).toBeVisible();
  const before = await decisions.count();
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');

  // Reloaded within the save delay: the edit is not in IndexedDB yet when the page goes.
  await page.getByRole('button', { name: 'Add request' }).click();
  await expect(decisions).toHaveCount(before + 1);
  await page.reload();
  await expect(page.getByTestId('decision')).toHaveCount(before + 1);

  // The same for a tab closed at once.
  await page.getByRole('button', { name: 'Add request' }).click();
  await expect(page.getByTestId('decision')).toHaveCount(before + 2);
  await page.close({ runBeforeUnload: true });
  const again = await context.newPage();
  await openApp(again);
  await expect(again.getByTestId('decision')).toHaveCount(before + 2);
});

test('a scenario keeps the layout it was written in, across a reload', async ({ page }) => {
  await openApp(page);
  await openLibrary(page);
  const text =
    '{"format":"iam-playground/scenario","version":1,"title":"Compact","accounts":{"111122223333":{"users":{"bob":{}}}},"requests":[]}';
  await importFile(page, 'compact.json', text);
  await page.getByRole('tab', { name: 'World' }).click();
  await page.getByRole('button', { name: /Scenario \(whole JSON\)/ }).click();
  await expect(page.locator('.cm-line')).toHaveCount(1);
  await expect(page.locator('.cm-content')).toHaveText(text);
  await page.reload();
  await page.getByRole('button', { name: /Scenario \(whole JSON\)/ }).click();
  await expect(page.locator('.cm-content')).toHaveText(text);
});
