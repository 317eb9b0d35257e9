import type { Locator, Page } from '@playwright/test';
import { expect, importFile, openApp, test } from './fixtures';

/**
 * A right-to-left override (U+202E) in text the user wrote reverses everything after it up to the
 * end of the paragraph: "erin‮ is allowed." would read ".dewolla si". User text is isolated
 * (<bdi>) where it is shown as a value, and shown as ⟨U+202E⟩ in plain-text output.
 */
const RLO = '\u202E';
const A = '111122223333';

const scenario = {
  format: 'iam-playground/scenario',
  version: 1,
  title: `Quarterly ${RLO}report`,
  accounts: {
    [A]: {
      users: {
        erin: {
          inline: {
            Reads: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }],
            },
          },
          tags: { team: `blue${RLO}green` },
        },
      },
    },
  },
  requests: [
    {
      id: `erin${RLO}lists`,
      principal: `arn:aws:iam::${A}:user/erin`,
      action: 's3:ListAllMyBuckets',
      resource: '*',
    },
  ],
};

/** Imports the scenario through the library, which opens it. */
async function openScenario(page: Page): Promise<void> {
  await openApp(page);
  await page.getByRole('tab', { name: 'Library' }).click();
  await expect(page.getByTestId('new-scenario')).toBeEnabled();
  await importFile(page, 'rlo.json', JSON.stringify(scenario));
  await expect(page.getByTestId('import-report')).toContainText('1 scenario imported');
}

/**
 * Whether `text`, inside `element`, is drawn left to right: its first character's box lies left of
 * its last one's (an override that leaks out of the user's text draws it right to left).
 */
async function drawnLeftToRight(element: Locator, text: string): Promise<boolean> {
  return element.evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const box = (i: number) => {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        return range.getBoundingClientRect();
      };
      return box(at).left < box(at + wanted.length - 1).left;
    }
    throw new Error(`"${wanted}" is not in ${root.outerHTML}`);
  }, text);
}

/** The computed unicode-bidi of the innermost element holding `text` inside `scope`. */
async function isolation(page: Page, scope: Locator, text: string): Promise<string> {
  const holder = scope.locator('*', { hasText: text }).last();
  return holder.evaluate((el) => getComputedStyle(el).unicodeBidi);
}

test('a right-to-left override in the user’s text does not reorder the interface around it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openScenario(page);
  const item = page.getByTestId('library-item').filter({ hasText: 'Quarterly' });
  await expect(item).toHaveCount(1);

  // The verdict sentence after the request's id still reads "is allowed." left to right.
  await page.getByRole('button', { name: /lists/ }).first().click();
  const verdict = page.locator('.verdict-line');
  await expect(verdict).toContainText('is allowed');
  expect(await drawnLeftToRight(verdict, 'is allowed.')).toBe(true);

  // The editor draws the override as a visible placeholder: the JSON after the title keeps its order.
  const line = page.locator('.cm-line').filter({ hasText: '"accounts"' });
  // Three overrides: the title, the tag value and the request id, all on the file's one line.
  await expect(line.locator('.cm-specialChar')).toHaveText(Array(3).fill('⟨U+202E⟩'));
  expect(await drawnLeftToRight(line, '"accounts"')).toBe(true);

  // Every place that shows one of these values isolates it.
  expect(await isolation(page, verdict, `erin${RLO}lists`)).toBe('isolate');
  expect(await isolation(page, item, `Quarterly ${RLO}report`)).toBe('isolate');
  await page.getByRole('tab', { name: 'World' }).click();
  await page.getByRole('button', { name: 'erin', exact: true }).click();
  const tags = page.getByRole('group', { name: 'Tags' });
  expect(await isolation(page, tags, `blue${RLO}green`)).toBe('isolate');

  await page.getByRole('tab', { name: 'Library' }).click();
  // Deleting the scenario names it in a sentence that still ends in order.
  await item.getByRole('button', { name: /Delete/ }).click();
  const undo = page.getByTestId('undo-banner').locator('p');
  await expect(undo).toBeVisible();
  expect(await drawnLeftToRight(undo, '”.')).toBe(true);
  expect(await isolation(page, undo, `Quarterly ${RLO}report`)).toBe('isolate');
});

test('plain-text output shows a bidirectional control character as ⟨U+202E⟩', async ({ page }) => {
  test.setTimeout(120_000);
  await openScenario(page);
  await page.getByRole('tab', { name: 'Console' }).click();
  const input = page.getByTestId('console-input');
  await input.fill('aws iam list-user-tags --user-name erin');
  await input.press('Enter');
  const output = page.getByTestId('console-output');
  await expect(output).toContainText('"Value": "blue⟨U+202E⟩green"');
  expect(await output.textContent()).not.toContain(RLO);
});
