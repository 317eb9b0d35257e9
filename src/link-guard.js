// Runs before the app, inline in index.html's <head> (vite.config.ts puts it there; the
// Content-Security-Policy allows it by its SHA-256, src/pwa/content-security-policy.mjs): as a
// file, its response waited seconds behind Chromium's work on a megabytes-long address
// (docs/benchmarks.md, session 8). A link (#s=, #h=, #c=) whose fragment is
// longer than any link may be (MAX_FRAGMENT_LENGTH in src/model/size-limits.ts) is taken out of
// the address at once, and only its length is kept for the app's message. Every later use of a
// megabytes-long address (each script, style and worker the page loads is resolved against it)
// made the page take tens of seconds to refuse it.
//
// The refusal is also put in the page here, at once (on screen with the page's first frame):
// Chromium's own work on such an address (its browser process lays out the address) holds back
// every file the page loads next for seconds, the app's scripts included (docs/benchmarks.md). The app replaces this note with its own
// message when it starts (src/ui/library/shared-link.svelte.ts).
(function () {
  // When our first script ran (tests/bench/freeze.bench.ts measures refusals from here).
  if (performance.mark) performance.mark('iam-playground:first-script');
  var MAX_FRAGMENT_LENGTH = 200000;
  var hash = location.hash;
  // Not a regular expression: on a 1.9 MB string that alone took 70 ms.
  var key = hash.charAt(1).toLowerCase();
  if (hash.length - 1 <= MAX_FRAGMENT_LENGTH || hash.charAt(2) !== '=') return;
  if (key !== 's' && key !== 'h' && key !== 'c') return;
  var length = hash.length - 1;
  window.__iamPlaygroundRefusedLinkLength = length;
  history.replaceState(history.state, '', location.pathname + location.search);
  var note = document.createElement('div');
  note.id = 'link-guard-refusal';
  note.setAttribute('role', 'alert');
  note.setAttribute('data-testid', 'early-link-refusal');
  note.style.cssText =
    'margin:0.5rem;padding:0.4rem 0.6rem;border:1px solid #b3261e;border-radius:4px;font:14px system-ui,sans-serif';
  note.textContent =
    'This link could not be opened: it is ' +
    length.toLocaleString('en') +
    ' characters long; links are at most ' +
    MAX_FRAGMENT_LENGTH.toLocaleString('en') +
    '. It was not read. Your own scenarios are untouched. The app is starting…';
  document.documentElement.appendChild(note);
})();
