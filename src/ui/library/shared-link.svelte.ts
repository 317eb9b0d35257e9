/**
 * The scenario opened from a share link, as reactive UI state for SharedScenarioBanner.
 *
 * Wiring in the app shell:
 *   const shared = new SharedLink();
 *   const stop = shared.listen((text) => { library.close(); playground.loadText(text); });
 *   // banner: <SharedScenarioBanner title={shared.title} notices={shared.notices}
 *   //   problem={shared.problem} saved={shared.status === 'saved'}
 *   //   onsave={async () => { const r = await shared.save(library); if (r.ok) await library.open(r.value.id); }}
 *   //   ondismiss={() => shared.dismiss()} />
 * A shared scenario is never written into the library by itself: the shell closes the open
 * library scenario while it shows one, so edits go nowhere until "Save to my library".
 */
import type { ScenarioRecord, StorageResult } from '../../storage/index.ts';
import { isShareFragment, tooLongLink } from '../../storage/index.ts';
import { readLinkOffThread } from '../../storage/index.ts';
import type { LibraryController } from './library-controller.svelte.ts';

/** `none`: no link; `open`: its scenario is shown, unsaved; `saved`; `error`: it could not be opened. */
export type SharedLinkStatus = 'none' | 'loading' | 'open' | 'saved' | 'error';

export class SharedLink {
  #status = $state.raw<SharedLinkStatus>('none');
  #text = $state.raw('');
  #title = $state.raw<string | undefined>(undefined);
  #notices = $state.raw<string[]>([]);
  #problem = $state.raw<string | null>(null);
  /** Links are decoded one at a time; an older decode finishing late is dropped. */
  #seq = 0;

  get status(): SharedLinkStatus {
    return this.#status;
  }
  /** The shared scenario's text, exactly as it was shared. */
  get text(): string {
    return this.#text;
  }
  get title(): string | undefined {
    return this.#title;
  }
  get notices(): string[] {
    return this.#notices;
  }
  /** Why the link could not be opened, when status is `error`. */
  get problem(): string | null {
    return this.#problem;
  }

  /**
   * Decodes a fragment (`location.hash`). Returns the scenario text when it opened, else null
   * (not a share link, or a broken one: then `problem` says why).
   */
  async read(fragment: string): Promise<string | null> {
    const refused = takeRefusedLinkLength();
    if (refused !== null) {
      this.#seq++;
      this.#status = 'error';
      this.#problem = tooLongLink(refused).message;
      return null;
    }
    if (!isShareFragment(fragment)) return null;
    const seq = ++this.#seq;
    this.#status = 'loading';
    // In the storage worker: a big or hostile link never holds the page (see off-thread.ts).
    const decoded = await readLinkOffThread(fragment, 's');
    if (seq !== this.#seq) return null;
    if (!decoded.ok) {
      this.#status = 'error';
      this.#problem = decoded.message;
      return null;
    }
    this.#status = 'open';
    this.#text = decoded.text;
    this.#title = decoded.title;
    this.#notices = decoded.notices;
    this.#problem = null;
    return decoded.text;
  }

  /**
   * Reads `location.hash` now and whenever it changes; calls `onopen` with each scenario that
   * opened. Returns the function that stops listening.
   */
  listen(onopen: (text: string) => void): () => void {
    const check = () => void this.read(location.hash).then((text) => text !== null && onopen(text));
    check();
    addEventListener('hashchange', check);
    return () => removeEventListener('hashchange', check);
  }

  /** "Save to my library": adds the shared scenario (with `text`, the current edits, if given). */
  async save(
    library: LibraryController,
    text: string = this.#text,
  ): Promise<StorageResult<ScenarioRecord>> {
    const saved = await library.saveShared(text, this.#title);
    if (saved.ok) {
      this.#status = 'saved';
      clearFragment();
    }
    return saved;
  }

  /** Closes the banner and removes the link from the address bar (so a reload shows the library). */
  dismiss(): void {
    this.#seq++;
    this.#status = 'none';
    this.#problem = null;
    clearFragment();
  }
}

/**
 * The length of a link too long to read that src/link-guard.js took out of the address before
 * the app started, once (null when there was none); the guard's note of it leaves the page.
 */
function takeRefusedLinkLength(): number | null {
  const holder = globalThis as { __iamPlaygroundRefusedLinkLength?: unknown };
  const length = holder.__iamPlaygroundRefusedLinkLength;
  delete holder.__iamPlaygroundRefusedLinkLength;
  // The guard's own note of the refusal, shown until now: the banner says it from here on.
  if (typeof document !== 'undefined') document.getElementById('link-guard-refusal')?.remove();
  return typeof length === 'number' ? length : null;
}

function clearFragment(): void {
  if (typeof location === 'undefined' || !isShareFragment(location.hash)) return;
  history.replaceState(history.state, '', location.pathname + location.search);
}
