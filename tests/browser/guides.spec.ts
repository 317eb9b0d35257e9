import { expect, openApp, test } from './fixtures';
import { GUIDE_LINES } from './guide-commands';

test("the guides' AWS CLI commands, typed into the console, are each answered as the AWS CLI answers them", async ({
  page,
  watch,
}) => {
  test.setTimeout(240_000);
  await openApp(page);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page.getByRole('tab', { name: 'Console' }).click();
  const input = page.getByTestId('console-input');
  const output = page.getByTestId('console-output');

  for (const { line, expect: wanted, error } of GUIDE_LINES) {
    await input.fill(line);
    await input.press('Enter');
    await expect(input).toHaveValue('');
    if (error !== undefined) {
      const answer = output.locator('pre.error').last();
      await expect(answer, line).toContainText(`An error occurred (${error})`);
      if (wanted !== undefined) await expect(answer, line).toContainText(wanted);
    } else if (wanted !== undefined) {
      await expect(output.locator('pre').last(), line).toContainText(wanted);
    }
  }
  // Every command answered; only the errors the guides' steps lead to, and never a usage banner.
  await expect(output.locator('pre.command')).toHaveCount(GUIDE_LINES.length);
  await expect(output.locator('pre.error')).toHaveCount(
    GUIDE_LINES.filter((l) => l.error !== undefined).length,
  );
  await expect(output).not.toContainText('usage: aws [options]');
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});
