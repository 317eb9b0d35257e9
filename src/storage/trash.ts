/**
 * The trash: the last deleted scenario, while its delete can still be undone. One at a time (a
 * later delete makes the earlier one final). The library also keeps the record under a `trash:`
 * key meanwhile, so a crash does not lose it before the delete is final (library.ts).
 */
import type { TrashedRecord } from './layout.ts';
import type { PendingUndo } from './library-types.ts';

export class Trash {
  readonly #undoMs: number;
  readonly #onExpired: () => void;
  #held: { trashed: TrashedRecord; title: string; timer: ReturnType<typeof setTimeout> } | null =
    null;

  /** `onExpired` is called when the undo window of the record held closes. */
  constructor(undoMs: number, onExpired: () => void) {
    this.#undoMs = undoMs;
    this.#onExpired = onExpired;
  }

  /** The delete that can still be undone, as the UI shows it. */
  get pending(): PendingUndo | null {
    const held = this.#held;
    if (!held) return null;
    const { record, deletedAt } = held.trashed;
    return { id: record.id, title: held.title, expiresAt: deletedAt + this.#undoMs };
  }

  /** Holds a deleted record for the undo window (the caller made any earlier one final first). */
  hold(trashed: TrashedRecord): void {
    this.#release();
    const timer = setTimeout(this.#onExpired, this.#undoMs);
    this.#held = { trashed, title: trashed.record.title, timer };
  }

  /** Takes the record out (to undo the delete, or to make it final); null when there is none. */
  take(): TrashedRecord | null {
    const trashed = this.#held?.trashed ?? null;
    this.#release();
    return trashed;
  }

  /** Lets go of the timer (the library closes). */
  close(): void {
    if (this.#held) clearTimeout(this.#held.timer);
  }

  #release(): void {
    if (this.#held) clearTimeout(this.#held.timer);
    this.#held = null;
  }
}
