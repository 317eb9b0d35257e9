import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startStaticServer, type StaticServer } from '../../scripts/static-server.mjs';
import { test, expect, openApp } from './fixtures';

// These tests are about the service worker: let it register. Each waits for at least one
// install (see waitForServiceWorkerControl): generous time limits.
test.use({ serviceWorkers: 'allow' });
test.describe.configure({ timeout: 300_000 });

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

/**
 * Waits until the service worker controls `page`. Its install fetches the whole app's ~580
 * files one after another: over 30 s on a loaded two-core machine, so be patient.
 */
async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(
    () => navigator.serviceWorker.controller?.state === 'activated',
    null,
    {
      timeout: 120_000,
    },
  );
}

test.describe('offline and updates', () => {
  let server: StaticServer | undefined;

  test.afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  // One first visit, one service-worker install (it precaches the whole app, ~580 files, one
  // after another) for three checks: installable, an offline reload, a new tab with the server
  // stopped.
  test('after the first visit the app is installable, reloads offline from the precache, and opens with the server stopped', async ({
    page,
    context,
    watch,
  }) => {
    server = await startStaticServer({ root: 'dist' });
    const origin = new URL(server.url).origin;
    await openApp(page, server.url);
    await waitForServiceWorkerControl(page);

    // Chromium's installability criteria. Playwright's contexts are incognito-like, which
    // Chromium reports on its own; every other criterion (manifest fields, icons, service
    // worker, secure origin) must hold.
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
    await cdp.detach();
    const manifest = await (await page.request.get(`${server.url}manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ name: 'IAM Playground', short_name: 'IAM Playground' });
    const purposes = manifest.icons.map(
      (i: { sizes: string; purpose: string }) => `${i.sizes} ${i.purpose}`,
    );
    expect(purposes).toEqual(
      expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']),
    );
    for (const icon of manifest.icons) {
      expect((await page.request.get(new URL(icon.src, server.url).href)).ok()).toBe(true);
    }

    // Offline, a reload is served from the precache.
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

    // Back online but with the server stopped entirely, a new tab still opens the app.
    await context.setOffline(false);
    await server.close();
    server = undefined;
    const second = await context.newPage();
    await openApp(second, `${origin}/`);
    await expect(
      second.getByRole('heading', { level: 2, name: 'Decision', exact: true }),
    ).toBeVisible();
  });

  test('a new deployment is announced, and accepting it loads the new build', async ({ page }) => {
    // The deployed build is the one under test (dist); only the next deployment is built here.
    const newBuild = buildInto('build-b');
    server = await startStaticServer({ root: 'dist' });
    await openApp(page, `${server.url}iam-playground/`);
    await waitForServiceWorkerControl(page);
    const oldBuildId = await page.locator('html').getAttribute('data-build');
    expect(oldBuildId).toBeTruthy();
    expect(oldBuildId).not.toBe('build-b');

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
    await expect(page.locator('html')).toHaveAttribute('data-build', oldBuildId!);
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
