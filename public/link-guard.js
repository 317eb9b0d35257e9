// Runs before the app (a classic script in <head>): a share link whose fragment is longer than
// any link may be (MAX_FRAGMENT_LENGTH in src/storage/share-link.ts) is taken out of the address
// at once, and only its length is kept for the app's message. Every later use of a megabytes-long
// address (each script, style and worker the page loads is resolved against it) made the page
// take tens of seconds to refuse it.
(function () {
  // When our first script ran (tests/bench/freeze.bench.ts measures refusals from here).
  if (performance.mark) performance.mark('iam-playground:first-script');
  var MAX_FRAGMENT_LENGTH = 200000;
  var hash = location.hash;
  if (hash.length - 1 > MAX_FRAGMENT_LENGTH && /^#s=/i.test(hash)) {
    window.__iamPlaygroundRefusedLinkLength = hash.length - 1;
    history.replaceState(history.state, '', location.pathname + location.search);
  }
})();
