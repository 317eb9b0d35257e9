// The app's one Content-Security-Policy. Three places deliver it, all from this string:
// - index.html, as a <meta> tag (vite.config.ts writes it in): covers the page on any host;
// - the service worker, as a response header on everything it serves (src/pwa/sw.ts): covers
//   the evaluator's Web Worker, whose policy comes only from its script's response headers;
// - scripts/static-server.mjs, as a header on every response: covers the worker on a first,
//   uncontrolled visit and the service worker's own script, as any host that sets headers can.
// The app talks to nothing but its own origin: no CDN, no analytics, no fonts from elsewhere.
// Styles may be inline because CodeMirror and Svelte inject style elements at run time. Scripts
// may not, except the link guard, allowed by its hash.

/**
 * The SHA-256 of src/link-guard.js, the page's one inline script (vite.config.ts inlines it into
 * index.html and refuses to build when this does not match; a unit test checks it too).
 */
export const LINK_GUARD_HASH = 'sha256-bBDJLN+EbOXegrj5d4NZGh1f4YL+hGrEtN247uayi70=';

/** @type {Record<string, string[]>} */
const DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'", `'${LINK_GUARD_HASH}'`],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'none'"],
};

/** The policy as one header (or meta `content`) value. */
export const CONTENT_SECURITY_POLICY = Object.entries(DIRECTIVES)
  .map(([name, sources]) => [name, ...sources].join(' '))
  .join('; ');
