/// <reference lib="webworker" />
/**
 * The service worker: serves the whole build from the precache (offline after the first visit)
 * and puts the app's Content-Security-Policy on every response it serves. A Web Worker's policy
 * comes only from its script's response headers, never from the page's <meta> tag, so this header
 * is what keeps the evaluator worker to its own origin on hosts that set no headers (GitHub Pages).
 * vite-plugin-pwa (strategies: 'injectManifest') builds this file and writes the precache list
 * into `self.__WB_MANIFEST`.
 */
import { clientsClaim } from 'workbox-core';
import {
  addPlugins,
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.mjs';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

/** `response` with the app's Content-Security-Policy header (opaque responses cannot be copied). */
function withPolicy(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect') return response;
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

/**
 * This script's own policy comes from the header on the sw.js response, which the service worker
 * cannot set for itself: a host without headers (GitHub Pages) leaves it without one. So its own
 * code keeps to its origin by construction: `fetch` (workbox's too) refuses any other origin.
 */
const fetchAny = self.fetch.bind(self);
self.fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const url = new URL(input instanceof Request ? input.url : String(input), self.location.href);
  if (url.origin !== self.location.origin) {
    return Promise.reject(
      new TypeError(
        `The service worker fetches only from ${self.location.origin}; refused ${url.href}.`,
      ),
    );
  }
  return fetchAny(input, init);
};

// Every response the precache strategy hands back, from the cache or the network, gets the header.
addPlugins([{ handlerWillRespond: async ({ response }) => withPolicy(response) }]);
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Any page address in scope opens the app (as generateSW's navigateFallback did).
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

// The first visit is controlled at once, so an offline reload works right after it.
clientsClaim();
// A waiting update takes over only when the user accepts it (workbox-window's messageSkipWaiting).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
