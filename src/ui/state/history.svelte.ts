/**
 * The world's undo/redo history: one list of labelled steps per open scenario, whatever made
 * the change (the editor, the explorer, the request builder, a console command, a quick fix).
 *
 * A step keeps the scenario before and after it. Scenarios are immutable values whose edits copy
 * only the path they change, so a step holds references, not copies; what a step costs is what
 * its `after` does not share with its `before` (estimated by `freshSize`).
 *
 * Steps of one kind made in quick succession (typing in one document, one request field) are
 * one step, as CodeMirror's history groups typing: a step with the same `group` as the last one,
 * recorded within `pauseMs` of it and continuing from it, extends it. Undo, redo and any other
 * step end the group.
 *
 * The history is bounded: at most `depth` steps back, and the steps' fresh nodes (undo and redo
 * together) at most `budget`, oldest dropped first, so typing in a big world cannot keep a
 * hundred whole copies of it alive. The newest step is always kept.
 */

/** One change to the world. */
export interface Step<T> {
  /** What the change did, lower case: "delete role WebRole" (shown as "Undo: …"). */
  label: string;
  before: T;
  after: T;
  /** Steps of the same group in quick succession are one step (typing). */
  group: string | undefined;
  /** When the step was last extended (ms, from `now`). */
  at: number;
  /** About how much of `after` is not shared with `before` (see `freshSize`). */
  size: number;
}

export interface HistoryOptions {
  /** How many steps can be undone (CodeMirror's history keeps 100 too). */
  depth?: number;
  /** How much fresh data (see `freshSize`) the kept steps may hold in all. */
  budget?: number;
  /** A pause longer than this starts a new step while typing (CodeMirror's newGroupDelay). */
  pauseMs?: number;
  /** The clock (tests pass their own). */
  now?: () => number;
}

export const DEFAULT_DEPTH = 100;
/** About five whole copies of a 3.5 MB world. */
export const DEFAULT_BUDGET = 16_000_000;
export const DEFAULT_PAUSE_MS = 500;

/**
 * About how much memory `after` holds that `before` does not share, in characters of data: an
 * object or array that is the same reference in both costs nothing, so an edit that copies one
 * path costs that path. Inside a new object every string counts its length (a text parsed again
 * holds new copies of its strings; a copied path may only point at the old ones, so this errs
 * on the high side) and any other value 1.
 */
export function freshSize(before: unknown, after: unknown): number {
  if (typeof after === 'string') return after.length;
  if (typeof after !== 'object' || after === null) return 1;
  if (before === after) return 0;
  const old = typeof before === 'object' && before !== null ? before : undefined;
  let size = 1;
  if (Array.isArray(after)) {
    const list = Array.isArray(old) ? (old as unknown[]) : [];
    for (let i = 0; i < after.length; i++) size += freshSize(list[i], after[i]);
    return size;
  }
  const record = (old ?? {}) as Record<string, unknown>;
  const fresh = after as Record<string, unknown>;
  for (const key in fresh) size += freshSize(record[key], fresh[key]);
  return size;
}

export class WorldHistory<T> {
  #undo = $state.raw<Step<T>[]>([]);
  #redo = $state.raw<Step<T>[]>([]);
  /** False once undo, redo or a reset ends the current group. */
  #open = false;
  readonly #depth: number;
  readonly #budget: number;
  readonly #pauseMs: number;
  readonly #now: () => number;

  constructor(options: HistoryOptions = {}) {
    this.#depth = options.depth ?? DEFAULT_DEPTH;
    this.#budget = options.budget ?? DEFAULT_BUDGET;
    this.#pauseMs = options.pauseMs ?? DEFAULT_PAUSE_MS;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Records a change from `before` to `after`. A new step clears what could be redone; a change
   * that changed nothing is no step. `size` is what `after` holds that `before` does not, when
   * the caller knows it without a walk (a text parsed anew: at most its length); else it is
   * estimated by `freshSize`.
   */
  record(label: string, before: T, after: T, group?: string, size?: number): void {
    if (before === after) return;
    const now = this.#now();
    const last = this.#undo.at(-1);
    const extend =
      this.#open &&
      group !== undefined &&
      last !== undefined &&
      last.group === group &&
      last.after === before &&
      now - last.at <= this.#pauseMs;
    const step: Step<T> = extend
      ? { ...last, after, at: now, size: size ?? freshSize(last.before, after) }
      : { label, before, after, group, at: now, size: size ?? freshSize(before, after) };
    this.#undo = [...(extend ? this.#undo.slice(0, -1) : this.#undo), step];
    this.#redo = [];
    this.#open = true;
    this.#trim();
  }

  /** The step Undo would take back, if the world is still what it left. */
  undoable(current: T): Step<T> | undefined {
    const last = this.#undo.at(-1);
    return last && last.after === current ? last : undefined;
  }

  /** The step Redo would apply again, if the world is still what Undo left. */
  redoable(current: T): Step<T> | undefined {
    const last = this.#redo.at(-1);
    return last && last.before === current ? last : undefined;
  }

  /** Takes back the last step: returns the world before it, or undefined when there is none. */
  undo(current: T): T | undefined {
    const step = this.undoable(current);
    if (!step) return undefined;
    this.#undo = this.#undo.slice(0, -1);
    this.#redo = [...this.#redo, step];
    this.#open = false;
    return step.before;
  }

  /** Applies an undone step again: returns the world after it, or undefined when there is none. */
  redo(current: T): T | undefined {
    const step = this.redoable(current);
    if (!step) return undefined;
    this.#redo = this.#redo.slice(0, -1);
    this.#undo = [...this.#undo, step];
    this.#open = false;
    return step.after;
  }

  /**
   * Changes every world the history holds by `change` (data Undo does not take back, as an
   * exercise's solution). `change` must give one world for one world (the caller memoizes), so
   * a step still starts where the one before it ended.
   */
  rewrite(change: (world: T) => T): void {
    const map = (s: Step<T>): Step<T> => ({
      ...s,
      before: change(s.before),
      after: change(s.after),
    });
    this.#undo = this.#undo.map(map);
    this.#redo = this.#redo.map(map);
  }

  /** Forgets every step (another scenario was opened: a boundary). */
  reset(): void {
    this.#undo = [];
    this.#redo = [];
    this.#open = false;
  }

  /** How many steps can be undone and redone, and the fresh data they hold (measurements). */
  get counts(): { undo: number; redo: number; size: number } {
    return { undo: this.#undo.length, redo: this.#redo.length, size: this.#size() };
  }

  #size(): number {
    let total = 0;
    for (const step of this.#undo) total += step.size;
    for (const step of this.#redo) total += step.size;
    return total;
  }

  /** Drops the oldest steps past the depth, then past the budget (the newest stays). */
  #trim(): void {
    let undo = this.#undo;
    if (undo.length > this.#depth) undo = undo.slice(undo.length - this.#depth);
    let size = 0;
    for (const step of undo) size += step.size;
    let drop = 0;
    while (size > this.#budget && drop < undo.length - 1) size -= undo[drop++]!.size;
    this.#undo = drop > 0 ? undo.slice(drop) : undo;
  }
}
