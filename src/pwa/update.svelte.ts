import type { Workbox } from 'workbox-window';
import { flushBeforeUpdate } from './before-update';

/** How often an open app asks the server whether a new version was deployed. */
const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * The service worker's life as the user sees it: registered for offline use, and a new
 * version that waits until the user chooses to reload. The page never runs a mix of old and
 * new files: the old service worker keeps serving the old build until the user accepts.
 */
export class AppUpdate {
  #ready = $state(false);
  #error = $state<string | null>(null);
  #workbox: Workbox | null = null;
  #accepted = false;

  /** A new version is installed and waiting for the user's go-ahead. */
  get ready(): boolean {
    return this.#ready;
  }

  /** Why the last reload was refused (unsaved work could not be saved), if it was. */
  get error(): string | null {
    return this.#error;
  }

  /**
   * Registers the service worker at `url` (relative to the page, so any sub-path works).
   * workbox-window is loaded here, when offline support starts, not with the first screen
   * (Chrome's "Using workbox-window" suggests splitting it off with a dynamic import).
   */
  async start(url = './sw.js'): Promise<void> {
    if (!('serviceWorker' in navigator)) return;
    const { Workbox } = await import('workbox-window');
    const wb = new Workbox(url, { scope: './' });
    this.#workbox = wb;
    wb.addEventListener('waiting', () => {
      this.#ready = true;
    });
    // Another tab accepted the update, or this one did: the new service worker now serves
    // this page. Reload so this tab does not mix old and new files, saving its work first.
    wb.addEventListener('controlling', (event) => {
      if (!event.isUpdate && !this.#accepted) return;
      void flushBeforeUpdate().then(() => window.location.reload());
    });
    void wb.register().catch((err: unknown) => {
      console.warn('Offline mode is unavailable: the service worker did not register.', err);
    });
    const check = () => void wb.update().catch(() => undefined);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') check();
    });
    setInterval(check, CHECK_EVERY_MS);
  }

  /** Saves pending work, then lets the waiting version take over; the page reloads into it. */
  async accept(): Promise<void> {
    const failures = await flushBeforeUpdate();
    if (failures.length > 0) {
      this.#error =
        'Your latest changes could not be saved, so the app did not reload. Export your scenario, then try again.';
      return;
    }
    this.#accepted = true;
    this.#workbox?.messageSkipWaiting();
  }

  /** Hides the notice; the update is offered again on the next visit. */
  dismiss(): void {
    this.#ready = false;
  }
}

export const appUpdate = new AppUpdate();
