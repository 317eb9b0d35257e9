/**
 * Issue 14: nothing frozen. Big inputs are read without freezing the page: a link far too long
 * is refused before the app starts reading it, a bomb is refused, a big scenario is read by the
 * worker (with progress) and not put into the editor as one text unless asked, long lists in the
 * World panel show in steps, and typing in the whole-JSON editor of a big world is read back once
 * typing pauses, not at every key. (Timings are measured by `npm run bench:freeze`, not asserted
 * here.)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, importFile, openApp, test } from './fixtures';
import { DUMP_ACCOUNT, writeSyntheticDump } from '../bench/aws-dump.ts';
import { storeRecord } from './library-pages';

const link = (text: string | Buffer): string =>
  `#s=1.${deflateRawSync(typeof text === 'string' ? Buffer.from(text) : text, { level: 9 }).toString('base64url')}`;

/** Notes whether the big-scenario progress was ever shown (it may come and go between two polls). */
const WATCH_PROGRESS = `new MutationObserver(() => {
  if (document.querySelector('[data-testid="reading-progress"]')) window.__sawProgress = true;
}).observe(document, { childList: true, subtree: true });`;

const A = '111122223333';

/** A world of about `bytes` characters, formatted, its requests first (so their lines are known). */
function bigWorld(bytes: number): string {
  const resources: Record<string, unknown> = {};
  const world = {
    format: 'iam-playground/scenario',
    version: 1,
    title: 'Big world',
    requests: [
      {
        id: 'reads-0',
        principal: `arn:aws:iam::${A}:user/alice`,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::bucket-0/k',
      },
    ],
    accounts: { [A]: { users: { alice: { policies: [] } } } },
    resources,
  };
  for (let i = 0; JSON.stringify(world, null, 2).length < bytes; i++) {
    for (let j = 0; j < 100; j++) {
      const arn = `arn:aws:s3:::bucket-${i * 100 + j}`;
      resources[arn] = {
        account: A,
        policy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${A}:user/alice` },
              Action: 's3:GetObject',
              Resource: `${arn}/*`,
            },
          ],
        },
      };
    }
  }
  return JSON.stringify(world, null, 2);
}

test('a link far too long to read is refused with its limit, and leaves the address', async ({
  page,
}) => {
  await openApp(page, `./#s=1.${'A'.repeat(400_000)}`);
  const error = page.getByTestId('shared-link-error');
  await expect(error).toContainText('400,004 characters long; links are at most 200,000');
  // Checked as a pair of facts, so a failure does not print the 400 kB address.
  const url = page.url();
  expect({ short: url.length < 200, link: url.includes('#s=') }).toEqual({
    short: true,
    link: false,
  });
});

test('typing in the whole-JSON editor of a big world is read back when typing pauses', async ({
  page,
  watch,
}) => {
  test.setTimeout(300_000);
  // Just over the editor's 200,000 characters: big enough to be read back once typing pauses.
  const text = bigWorld(250_000);
  // Notes whether "Reading your changes…" was ever shown (it may come and go between two polls).
  await page.addInitScript(`new MutationObserver(() => {
    if (document.querySelector('[data-testid="editor-pending"]')) window.__sawPending = true;
  }).observe(document, { childList: true, subtree: true });`);
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await importFile(page, 'big.json', text);
  const rid = page.locator('ol.outcomes > li .rid').first();
  await expect(rid).toHaveText('reads-0');
  await expect(page.getByTestId('decision').first()).toHaveText('allowed');

  await page.getByRole('tab', { name: 'World' }).click();
  // Its hundreds of resources are a virtual list: only those in view are in the page.
  const resources = page.locator('.explorer button.item', { hasText: 'arn:aws:s3:::bucket-' });
  await expect(page.getByRole('list', { name: 'Resources' })).toBeVisible();
  await expect(resources.first()).toBeVisible();
  expect(await resources.count()).toBeLessThan(100);
  // The filter finds one by name (bucket-1230 and the like would show too; there are not so many).
  await page.getByTestId('world-filter').fill('bucket-123');
  await expect(resources).toHaveText(['arn:aws:s3:::bucket-123']);
  await page.getByTestId('world-filter').fill('');
  await expect(resources.first()).toHaveText('arn:aws:s3:::bucket-0');
  await page.getByRole('button', { name: 'Scenario (whole JSON)' }).click();
  // Big: not opened as one text until asked.
  await expect(page.getByTestId('whole-withheld')).toContainText('0.3 MB of JSON');
  await page.getByRole('button', { name: 'Open the whole JSON' }).click();
  // Line 7 is `"id": "reads-0",`: the cursor goes before its closing quote.
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('-renamed');

  // Not read back at each key: said so while typing, then read back once.
  await expect(rid).toHaveText('reads-0-renamed');
  expect(await page.evaluate('window.__sawPending')).toBe(true);
  await expect(page.getByTestId('editor-pending')).toHaveCount(0);
  await expect(page.getByTestId('decision').first()).toHaveText('allowed');
  expect(watch.consoleErrors).toEqual([]);
});

/** A lesson-sized scenario padded with white space to about `bytes` (490,000 lines for 1 MB). */
function paddedScenario(bytes: number): string {
  const text = JSON.stringify(
    {
      format: 'iam-playground/scenario',
      version: 1,
      title: 'Padded',
      accounts: {
        [A]: {
          users: {
            alice: {
              inline: {
                read: {
                  Version: '2012-10-17',
                  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
                },
              },
            },
          },
        },
      },
      requests: [
        {
          id: 'r1',
          principal: `arn:aws:iam::${A}:user/alice`,
          action: 's3:GetObject',
          resource: 'arn:aws:s3:::b/k',
        },
      ],
    },
    null,
    2,
  );
  return text.replace('{', `{${'\n '.repeat(Math.floor((bytes - text.length) / 2))}`);
}

/** The library's stored record (IndexedDB, layout 1) of `id`, its text length and title. */
async function storedRecord(
  page: Page,
  id: string,
): Promise<{ length: number; title: string } | null> {
  return page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('iam-playground');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('library').objectStore('library').get(key);
          get.onsuccess = () => {
            const record = get.result as { text: string; title: string } | undefined;
            open.result.close();
            resolve(record ? { length: record.text.length, title: record.title } : null);
          };
        };
      }),
    `scenario:${id}`,
  );
}

test('a small link that unpacks to 1 MB of white space opens through the worker, not as one editor text', async ({
  page,
  watch,
}) => {
  await page.addInitScript(WATCH_PROGRESS);
  await openApp(page, `./${link(paddedScenario(990_000))}`);
  await expect(page.getByTestId('shared-banner')).toBeVisible();
  await expect(page.getByTestId('decision')).toHaveText(['allowed']);
  expect(await page.evaluate('window.__sawProgress')).toBe(true);
  await expect(page.getByTestId('whole-withheld')).toContainText('1.0 MB of JSON');
  await expect(page.getByTestId('editor')).toBeHidden();
  // A document of it opens in the editor as usual.
  await page.getByRole('tab', { name: 'World' }).click();
  await page.locator('.explorer button.item', { hasText: 'read' }).click();
  await expect(page.getByTestId('whole-withheld')).toHaveCount(0);
  await expect(page.locator('.cm-content')).toContainText('"s3:GetObject"');

  // A decompression bomb is refused with its limit.
  await page.goto(`./${link(Buffer.alloc(50_000_000, 0x20))}`);
  await expect(page.getByTestId('shared-link-error')).toContainText('unpacks to more than 1 MB');
  expect(watch.consoleErrors).toEqual([]);
});

test('a 20 MB library record opens without being put in the editor, and stays as it was', async ({
  page,
  watch,
}) => {
  // Moving 20 MB through DevTools, IndexedDB and the worker takes minutes on a loaded machine.
  test.setTimeout(300_000);
  await openApp(page);
  const text = `{"format":"iam-playground/scenario","version":1,"title":"Huge","notes":"${'x'.repeat(20_000_000)}"}`;
  await storeRecord(page, { id: 'huge', title: 'Huge', text });
  await page.reload();
  // Worlds up to 50 MB are read (an imported account is that big); the editor still opens no
  // text over 5 MB as one document.
  await expect(page.getByTestId('whole-withheld')).toContainText(
    'This scenario is 20.0 MB of JSON: too big to edit as one text',
    { timeout: 60_000 }, // moving 20 MB between threads takes a while on a loaded machine
  );
  await expect(page.getByTestId('editor')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Open the whole JSON' })).toHaveCount(0);
  expect(await storedRecord(page, 'huge')).toEqual({ length: text.length, title: 'Huge' });
  expect(watch.consoleErrors).toEqual([]);
});

test('a generated account folder imports, and the whole world is there again after a reload', async ({
  page,
  watch,
}) => {
  // The benchmark's generator at a tenth of its size (npm run bench:import takes the whole 11 MB):
  // still a world read by the workers (over 200,000 characters) with virtualized lists.
  test.setTimeout(240_000);
  const dir = join(mkdtempSync(join(tmpdir(), 'iam-playground-account-')), 'account');
  writeSyntheticDump(dir, 2026, {
    roles: 200,
    users: 50,
    groups: 10,
    policies: 500,
    buckets: 30,
    accounts: 5,
  });
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await page.getByTestId('import-folder').setInputFiles(dir);
  await expect(page.getByTestId('import-report')).toContainText('1 scenario imported', {
    timeout: 60_000,
  });
  // The worker that read the files is gone with its heap (the files' texts and parsed values).
  await expect
    .poll(() => page.workers().filter((w) => w.url().includes('storage-worker')).length)
    .toBe(0);
  // The import opens the world it made.
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(
    page.getByRole('button', {
      name: `AWS account ${DUMP_ACCOUNT} in organization o-a1b2c3d4e5`,
      exact: true,
    }),
  ).toHaveAttribute('aria-current', 'true');
  /** The World panel shows every role, bucket and the organization's SCP of the dump. */
  const worldIsThere = async () => {
    await page.getByRole('tab', { name: 'World' }).click();
    const world = page.getByRole('region', { name: 'World' });
    await expect(world.getByRole('button', { name: 'SCP/RCP DenyLeaveOrg' })).toBeVisible({
      timeout: 60_000,
    });
    await world.getByTestId('world-filter').fill('name:-role-199');
    await expect(world.getByText('Roles (1 of 200)')).toBeVisible();
    await world.getByTestId('world-filter').fill('acme-web-24');
    await expect(world.getByText('Resources (1 of 30)')).toBeVisible();
    await world.getByTestId('world-filter').fill('');
  };
  await worldIsThere();
  await page.reload();
  await worldIsThere();
  expect(watch.consoleErrors).toEqual([]);
});
