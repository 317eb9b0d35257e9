/**
 * The moment the app is interactive: its first decisions are on screen (App.svelte marks it, and
 * sets `data-ready-at` for benchmarks and tests). Code the first screen can do without — the
 * editor's lint underlines — waits for it, so the first visit does not fetch it before then. If
 * the first decisions never come (the worker failed), waiting stops after FALLBACK_MS.
 */
const FALLBACK_MS = 10_000;

let markReady: () => void = () => {};
/** Settles once the app is interactive (or FALLBACK_MS after it was first asked, at the latest). */
export const appReady: Promise<void> = new Promise<void>((resolve) => {
  markReady = resolve;
  if (typeof setTimeout === 'function') setTimeout(resolve, FALLBACK_MS);
});

/** Called by the app when its first decisions are on screen. */
export function markAppReady(): void {
  markReady();
}
