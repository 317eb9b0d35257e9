/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};
/** Shown in the app so a user (and the update test) can tell one deployed build from the next. */
const buildId = process.env.IAM_PLAYGROUND_BUILD_ID ?? pkg.version;

export default defineConfig({
  // Relative base: the same build works at / and under any sub-path (GitHub Pages' /repo-name/).
  base: './',
  define: { __BUILD_ID__: JSON.stringify(buildId) },
  plugins: [
    svelte(),
    VitePWA({
      // The app registers the service worker itself (src/pwa/register.ts, with workbox-window)
      // and asks the user before a new version takes over: never a mix of old and new files.
      injectRegister: false,
      registerType: 'prompt',
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
      workbox: {
        // Everything the app can load, lazy chunks (service reference, managed policies,
        // lessons) included, so that after the first visit it all works offline.
        globPatterns: ['**/*.{js,css,html,svg,png,json,webmanifest,md}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        // The first visit is controlled at once, so an offline reload works right after it.
        // A waiting update only takes over when the user accepts it (skipWaiting on message).
        clientsClaim: true,
        skipWaiting: false,
        cleanupOutdatedCaches: true,
        navigateFallback: 'index.html',
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
