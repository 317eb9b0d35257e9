import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startStaticServer, type StaticServer } from '../../scripts/static-server.mjs';
import { test, expect, openApp } from './fixtures';

/** Builds the app into a fresh folder, stamped with `buildId` so two builds can be told apart. */
function buildInto(buildId: string): string {
  const outDir = mkdtempSync(join(tmpdir(), `iam-playground-${buildId}-`));
  execFileSync(
    'npx',
    ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    {
      env: { ...process.env, IAM_PLAYGROUND_BUILD_ID: buildId },
      stdio: 'pipe',
    },
  );
  return outDir;
}

async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(
    () => navigator.serviceWorker.controller?.state === 'activated',
    null,
    {
      timeout: 30_000,
    },
  );
}

test.describe('offline and updates', () => {
  let server: StaticServer | undefined;

  test.afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  test('after the first visit the app reloads offline, served from the precache', async ({
    page,
    context,
    watch,
  }) => {
    await openApp(page);
    await waitForServiceWorkerControl(page);
    const decisions = page.getByTestId('decision');
    await expect(decisions.first()).toBeVisible();
    const online = await decisions.allTextContents();
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'IAM Playground' })).toBeVisible();
    // The evaluator worker and its data come from the precache: decisions are computed offline.
    await expect(decisions).toHaveText(online);
    // Lessons load lazily, from the precache too.
    await page.getByRole('tab', { name: 'Lessons' }).click();
    await page.getByTestId('lesson-link').first().click();
    await expect(page.getByTestId('goal').first()).toBeVisible();
    expect(watch.foreignRequests).toEqual([]);
  });

  test('with the server stopped entirely, a new tab still opens the app', async ({ context }) => {
    server = await startStaticServer({ root: 'dist' });
    const first = await context.newPage();
    await openApp(first, server.url);
    await waitForServiceWorkerControl(first);
    await server.close();
    server = undefined;
    const second = await context.newPage();
    await openApp(second, `${new URL(first.url()).origin}/`);
    await expect(second.getByRole('heading', { level: 2, name: 'Decision' })).toBeVisible();
  });

  test('a new deployment is announced, and accepting it loads the new build', async ({ page }) => {
    test.setTimeout(180_000);
    const oldBuild = buildInto('build-a');
    const newBuild = buildInto('build-b');
    server = await startStaticServer({ root: oldBuild });
    await openApp(page, `${server.url}iam-playground/`);
    await waitForServiceWorkerControl(page);
    await expect(page.locator('html')).toHaveAttribute('data-build', 'build-a');

    // Work the user has not saved yet: a request added a moment before the update is accepted.
    const decisions = page.getByTestId('decision');
    await expect(decisions.first()).toBeVisible();
    const before = await decisions.count();
    await page.getByRole('button', { name: 'Add request' }).click();
    await expect(decisions).toHaveCount(before + 1);

    // Deploy the new build to the same address, then let the app check for it.
    server.setRoot(newBuild);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    const notice = page.getByTestId('update-ready');
    await expect(notice).toBeVisible({ timeout: 30_000 });
    // Until the user accepts, the page keeps running the old build.
    await expect(page.locator('html')).toHaveAttribute('data-build', 'build-a');
    await page.getByTestId('update-reload').click();
    await expect(page.locator('html')).toHaveAttribute('data-build', 'build-b', {
      timeout: 30_000,
    });
    await expect(notice).toBeHidden();
    // Nothing was lost: the new build reopens the scenario with the request just added.
    await expect(decisions).toHaveCount(before + 1);
  });
});

test('the precache holds the whole app and stays within 6 MB', () => {
  const sw = readFileSync('dist/sw.js', 'utf8');
  const urls = [...sw.matchAll(/"?url"?:"([^"]+)"/g)].map((m) => m[1]!);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path.slice('dist/'.length));
    }
  };
  walk('dist');
  // Every file the build produced is precached except the service worker's own scripts.
  const expected = files.filter((f) => f !== 'sw.js' && !/^workbox-[\w-]+\.js$/.test(f));
  expect(new Set(urls)).toEqual(new Set(expected));
  const bytes = expected.reduce((sum, f) => sum + statSync(join('dist', f)).size, 0);
  expect(bytes).toBeLessThanOrEqual(6 * 1024 * 1024);
});

test('the app meets Chromium installability criteria', async ({ page, context }) => {
  await openApp(page);
  await waitForServiceWorkerControl(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Playwright's contexts are incognito-like, which Chromium reports on its own; every other
  // criterion (manifest fields, icons, service worker, secure origin) must hold.
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
  const manifest = await (await page.request.get('manifest.webmanifest')).json();
  expect(manifest).toMatchObject({ name: 'IAM Playground', short_name: 'IAM Playground' });
  const purposes = manifest.icons.map(
    (i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`,
  );
  expect(purposes).toEqual(
    expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']),
  );
  for (const icon of manifest.icons) {
    expect((await page.request.get(icon.src)).ok()).toBe(true);
  }
});
