/**
 * Issue 14: a decision on screen is always the decision of the world on screen.
 *
 * A sampler injected before the app starts records, at every animation frame, the requests the
 * results list shows with their decision and expectation badges. Each sampled row must show
 * either "…" (pending) or its own scenario's decision, and an expectation only when its own
 * request has one, during an import and during the opening of a share link, while the worker is
 * kept busy by the managed-policy catalog the second scenario needs.
 */
import type { Page } from '@playwright/test';
import { encodeShareLink } from '../../src/storage/share-link.ts';
import { expect, importFile, openApp, test } from './fixtures';

const A = '111122223333';
const user = (name: string) => `arn:aws:iam::${A}:user/${name}`;

/** Three requests with expectations, all met. */
const before = {
  format: 'iam-playground/scenario',
  version: 1,
  title: 'Before',
  accounts: {
    [A]: {
      policies: {
        Reads: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
        },
      },
      users: { alice: { policies: ['Reads'] } },
    },
  },
  requests: [
    {
      id: 'a-1',
      principal: user('alice'),
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::b/k',
      expect: 'allowed',
    },
    {
      id: 'a-2',
      principal: user('alice'),
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::b/k',
      expect: 'implicitDeny',
    },
    {
      id: 'a-3',
      principal: user('alice'),
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::c/k',
      expect: 'allowed',
    },
  ],
};

/** Three requests without expectations, whose decisions differ row by row from `before`'s. */
const after = {
  format: 'iam-playground/scenario',
  version: 1,
  title: 'After',
  accounts: {
    [A]: {
      policies: {
        Boundary: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
        },
      },
      // A managed policy: its decisions wait for the worker to load the catalog.
      users: {
        erin: { policies: ['arn:aws:iam::aws:policy/AdministratorAccess'], boundary: 'Boundary' },
      },
    },
  },
  requests: [
    { id: 'b-1', principal: user('erin'), action: 'iam:CreateUser', resource: user('mallory') },
    { id: 'b-2', principal: user('erin'), action: 's3:ListAllMyBuckets', resource: '*' },
    { id: 'b-3', principal: user('erin'), action: 'ec2:RunInstances', resource: '*' },
  ],
};

const truth: Record<string, { decision: string; expect?: string }> = {
  'a-1': { decision: 'allowed', expect: 'allowed' },
  'a-2': { decision: 'implicitDeny', expect: 'implicitDeny' },
  'a-3': { decision: 'allowed', expect: 'allowed' },
  'b-1': { decision: 'implicitDeny' },
  'b-2': { decision: 'allowed' },
  'b-3': { decision: 'implicitDeny' },
};

interface Row {
  id: string;
  decision: string;
  expect: string | null;
}

/** Records the results list at every animation frame (only frames that differ from the last). */
const SAMPLER = `(() => {
  window.__frames = [];
  let last = '';
  const sample = () => {
    const rows = [...document.querySelectorAll('ol.outcomes > li')].map((li) => ({
      id: li.querySelector('.rid')?.textContent?.trim() ?? '',
      decision: li.querySelector('[data-testid="decision"]')?.textContent?.trim() ?? '',
      expect: li.querySelector('[data-testid="expectation"]')?.textContent?.replace(/\\s+/g, ' ').trim() ?? null,
    }));
    const json = JSON.stringify(rows);
    if (json !== last) { window.__frames.push(rows); last = json; }
    requestAnimationFrame(sample);
  };
  requestAnimationFrame(sample);
})();`;

/**
 * The sampled frames, once the sampler has recorded the final screen. The DOM can reach its
 * final state between two animation frames (on a loaded machine, frames come late): waiting for
 * the sampler to see `ids` decided keeps the test from reading the record too early.
 */
async function frames(page: Page, ids: string[]): Promise<Row[][]> {
  await page.waitForFunction((want) => {
    const all = (window as unknown as { __frames: Row[][] }).__frames;
    const last = all[all.length - 1] ?? [];
    return (
      last.length === want.length &&
      last.every((row, i) => row.id === want[i] && row.decision !== '…' && row.decision !== '')
    );
  }, ids);
  return (await page.evaluate('window.__frames')) as Row[][];
}

/** Every row of every sampled frame that shows an answer not its own. */
function wrongRows(sampled: Row[][]): string[] {
  const wrong: string[] = [];
  sampled.forEach((rows, f) => {
    for (const row of rows) {
      const own = truth[row.id];
      if (!own) continue; // the app's own starter scenario
      if (row.decision !== '…' && row.decision !== own.decision)
        wrong.push(`frame ${f}: ${row.id} shows ${row.decision}, its decision is ${own.decision}`);
      if (row.expect !== null && (own.expect === undefined || !row.expect.endsWith(own.expect)))
        wrong.push(
          `frame ${f}: ${row.id} shows "${row.expect}", it expects ${own.expect ?? 'nothing'}`,
        );
    }
  });
  return wrong;
}

async function allDecided(page: Page, ids: string[]): Promise<void> {
  const rows = page.locator('ol.outcomes > li');
  await expect(rows.locator('.rid')).toHaveText(ids);
  for (const [i, id] of ids.entries())
    await expect(rows.nth(i).getByTestId('decision')).toHaveText(truth[id]!.decision);
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(SAMPLER);
});

test('after an import, no request shows the previous scenario’s decision or expectation, in any frame', async ({
  page,
  watch,
}) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await importFile(page, 'before.json', JSON.stringify(before, null, 2));
  await allDecided(page, ['a-1', 'a-2', 'a-3']);

  await importFile(page, 'after.json', JSON.stringify(after, null, 2));
  await allDecided(page, ['b-1', 'b-2', 'b-3']);

  const sampled = await frames(page, ['b-1', 'b-2', 'b-3']);
  expect(sampled.some((rows) => rows.some((r) => r.id === 'b-1'))).toBe(true);
  expect(wrongRows(sampled)).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
});

test('opening a share link over another scenario shows pending decisions, never the old ones', async ({
  page,
  watch,
}) => {
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await importFile(page, 'before.json', JSON.stringify(before, null, 2));
  await allDecided(page, ['a-1', 'a-2', 'a-3']);

  const fragment = await encodeShareLink(JSON.stringify(after, null, 2));
  await page.evaluate((hash) => (location.hash = hash), fragment);
  await allDecided(page, ['b-1', 'b-2', 'b-3']);

  const sampled = await frames(page, ['b-1', 'b-2', 'b-3']);
  expect(sampled.some((rows) => rows.some((r) => r.id === 'b-1'))).toBe(true);
  expect(wrongRows(sampled)).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
});
