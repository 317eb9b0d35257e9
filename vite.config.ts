/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { createHash } from 'node:crypto';
import { CONTENT_SECURITY_POLICY, LINK_GUARD_HASH } from './src/pwa/content-security-policy.mjs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};
/** Shown in the app so a user (and the update test) can tell one deployed build from the next. */
const buildId = process.env.IAM_PLAYGROUND_BUILD_ID ?? pkg.version;

/** The link guard's element in index.html, replaced by the script itself. */
const LINK_GUARD_TAG = '<script src="./link-guard.js"></script>';

/**
 * Writes the app's one Content-Security-Policy into index.html's <meta> tag, and the link guard
 * (src/link-guard.js) inline where index.html names it: the page's first script then needs no
 * response (as a file, it waited seconds behind Chromium's work on a megabytes-long address).
 * The policy allows that one inline script by its hash: a guard changed without its hash fails
 * the build here.
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'iam-playground:content-security-policy',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes('%CONTENT_SECURITY_POLICY%')) {
          throw new Error(
            'index.html: the CSP <meta> tag lost its %CONTENT_SECURITY_POLICY% placeholder',
          );
        }
        if (!html.includes(LINK_GUARD_TAG))
          throw new Error(`index.html: the link guard's ${LINK_GUARD_TAG} is missing`);
        const guard = readFileSync(new URL('./src/link-guard.js', import.meta.url), 'utf8');
        const hash = `sha256-${createHash('sha256').update(guard, 'utf8').digest('base64')}`;
        if (hash !== LINK_GUARD_HASH)
          throw new Error(
            `src/link-guard.js changed: set LINK_GUARD_HASH in src/pwa/content-security-policy.mjs to '${hash}'`,
          );
        return html
          .replaceAll('%CONTENT_SECURITY_POLICY%', CONTENT_SECURITY_POLICY)
          .replace(LINK_GUARD_TAG, () => `<script>${guard}</script>`);
      },
    },
  };
}

/**
 * The engine, the model, the data loaders, the analysis, the findings, the console, storage and
 * the worker's page side are pure TypeScript (nothing done on import; the two worker entries,
 * src/worker/worker.ts and src/storage/storage-worker.ts, are entries and always run): a module of theirs whose exports go unused may be
 * dropped. Without this, an import through a folder's index.ts (the import-boundary rule) would
 * pull every module the index re-exports into the first visit's bundle and the worker's.
 */
const PURE_LAYERS = [
  {
    test: /\/src\/(engine|model|data|analysis|findings|console|storage|worker)\//,
    sideEffects: false,
  },
];

export default defineConfig({
  // Relative base: the same build works at / and under any sub-path (GitHub Pages' /repo-name/).
  base: './',
  define: { __BUILD_ID__: JSON.stringify(buildId) },
  plugins: [
    svelte(),
    contentSecurityPolicyMeta(),
    VitePWA({
      // The app registers the service worker itself (src/pwa/update.svelte.ts, with workbox-window)
      // and asks the user before a new version takes over: never a mix of old and new files.
      injectRegister: false,
      registerType: 'prompt',
      // Our own service worker (src/pwa/sw.ts): generateSW's cannot add the CSP header to what
      // it serves. It precaches, falls back to index.html for navigations, claims the first
      // visit, and skips waiting only on the user's go-ahead.
      strategies: 'injectManifest',
      srcDir: 'src/pwa',
      filename: 'sw.ts',
      manifestFilename: 'manifest.webmanifest',
      manifest: {
        id: './',
        name: 'IAM Playground',
        short_name: 'IAM Playground',
        description: 'Learn and test AWS IAM policies in your browser, offline.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#0d1117',
        theme_color: '#1f4e8c',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: 'icons/maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      injectManifest: {
        // Everything the app can load, lazy chunks (service reference, managed policies,
        // lessons) included, so that after the first visit it all works offline.
        globPatterns: ['**/*.{js,css,html,svg,png,json,webmanifest,md}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
    }),
  ],
  worker: { format: 'es', rolldownOptions: { treeshake: { moduleSideEffects: PURE_LAYERS } } },
  build: {
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: { treeshake: { moduleSideEffects: PURE_LAYERS } },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
