/**
 * Screenshots of the playground at 1280×800 (light and dark) and 390 px wide, for looking at
 * what was built. Not a test. Run after `npx vite build`: `npx tsx tests/bench/ui-screens.ts [outdir]`.
 */
import { chromium } from '@playwright/test';
import { findChromium, OFFLINE_CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';

const out = process.argv[2] ?? 'test-results/screens';
const server = (await startStaticServer({ root: 'dist', port: 0 })) as {
  url: string;
  close: () => Promise<void>;
};
const browser = await chromium.launch({
  executablePath: findChromium(),
  args: OFFLINE_CHROMIUM_ARGS,
});
const shots: { name: string; width: number; height: number; scheme: 'light' | 'dark' }[] = [
  { name: 'desktop-light', width: 1280, height: 800, scheme: 'light' },
  { name: 'desktop-dark', width: 1280, height: 800, scheme: 'dark' },
  { name: 'phone-light', width: 390, height: 844, scheme: 'light' },
];
for (const shot of shots) {
  const page = await browser.newPage({
    viewport: { width: shot.width, height: shot.height },
    colorScheme: shot.scheme,
  });
  page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
  page.on('pageerror', (e) => console.log('page error:', e.message));
  await page.goto(server.url);
  await page.getByTestId('decision').first().waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/${shot.name}.png`, fullPage: shot.width < 800 });
  if (shot.name === 'desktop-light') {
    // The inspector of a user, and the trace of the denied request.
    await page.getByRole('button', { name: 'alice', exact: true }).click();
    await page.getByRole('button', { name: /alice-deletes/ }).click();
    await page.getByTestId('trace').waitFor();
    await page.screenshot({ path: `${out}/desktop-inspector.png` });
  }
  await page.close();
}
await browser.close();
await server.close();
console.log(`screenshots in ${out}`);
