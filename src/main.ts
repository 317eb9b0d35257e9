// First: a link in the address starts being read before the other modules run (link-start.ts).
import './link-start.ts';
import { mount } from 'svelte';
import App from './App.svelte';
import './ui/global.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

// Which build is running, for the user's "about" and for the update test.
document.documentElement.dataset.build = __BUILD_ID__;

// The app is drawn in a task of its own, after the one that ran every module's own code: together
// they were one task of half a second when the app opened (README, Architecture; src/ui/shell/after-paint.ts
// says what else of the start waits for the first frame).
setTimeout(() => {
  mount(App, { target, props: { onready: startOfflineSupport } });
}, 0);

/**
 * Offline support starts once the first decisions are on screen: the service worker's install
 * fetches every file of the app, which should not compete with the first visit. It is for the
 * production build only: in development the service worker would serve stale modules. Its code
 * and the update notice (which has nothing to say before the service worker is registered) load
 * then too, not with the first screen.
 */
let offlineStarted = false;
function startOfflineSupport(): void {
  if (offlineStarted || !import.meta.env.PROD) return;
  offlineStarted = true;
  void Promise.all([import('./pwa/update.svelte'), import('./pwa/UpdateNotice.svelte')]).then(
    ([{ appUpdate }, { default: UpdateNotice }]) => {
      // The update notice lives outside the app's own layout, above everything.
      const noticeHost = document.body.appendChild(document.createElement('div'));
      mount(UpdateNotice, { target: noticeHost });
      void appUpdate.start();
    },
  );
}
// Should the first decisions never come (a worker that cannot start), it starts all the same.
setTimeout(startOfflineSupport, 10_000);
