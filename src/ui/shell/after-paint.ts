/**
 * The app's start in steps (no main-thread task over 200 ms, the start included: README, Architecture).
 *
 * Opening the app used to be one task of about half a second: Svelte's first render of every
 * panel, then CodeMirror's editor, whose first read of the selection made the browser lay out
 * the whole page on the spot. Work that can wait a frame is started with `afterPaint`: the
 * browser draws what is there first (the page's layout then happens in the frame's own task),
 * and the waiting work runs in a task of its own.
 */

/**
 * Longest wait for a frame. A hidden page draws none (its work then runs at once), and a
 * frame late by this much (a very busy machine) must not hold the work back any longer.
 */
const NO_FRAME_MS = 1000;

/**
 * Calls `run` in a task of its own after the browser's next frame (at once, in a task of its own,
 * when the page is hidden and draws no frames). Returns a function that cancels the call if it
 * has not run yet.
 */
export function afterPaint(run: () => void): () => void {
  let done = false;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = (): void => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onHidden);
  };
  const fire = (): void => {
    if (done) return;
    stop();
    run();
  };
  const soon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(fire, 0);
  };
  function onHidden(): void {
    if (document.visibilityState === 'hidden') soon();
  }
  if (document.visibilityState === 'hidden') {
    soon();
  } else {
    // A frame's callbacks run just before it is drawn: the work goes in the task after it.
    frame = requestAnimationFrame(soon);
    timer = setTimeout(fire, NO_FRAME_MS);
    document.addEventListener('visibilitychange', onHidden);
  }
  return stop;
}
