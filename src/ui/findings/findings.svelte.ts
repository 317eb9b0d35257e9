/**
 * The findings of the scenario being edited, kept up to date as it changes.
 *
 * The check itself is given (the app asks its worker, which holds the scenario and AWS's service
 * reference already), so this module pulls neither the findings code nor the service reference
 * into the first visit's bundle. Checking waits for a pause in editing (a debounce), and only the
 * answer for the newest scenario is kept: an older check that finishes late is dropped, so the
 * findings on screen always belong to `revision`.
 *
 * The pause waited for grows with what a check costs: twice the last check's time (at most
 * MAX_DELAY_MS). The worker that checks also decides, one message at a time, so a check of an
 * imported account (half a second) started between two keys held the next key's decisions back
 * by as much (bench:ui, the account-sized world); a lesson's check (a few ms) still starts after
 * the default 150 ms.
 */
import type { Finding } from '../../findings/index.ts';

/**
 * Computes the findings of a whole scenario, given with its revision (so a check that runs in
 * the worker can refer to the worker's copy of that revision instead of sending the scenario).
 * Injectable, so tests can control timing.
 */
export type CheckScenario = (scenario: unknown, revision: number) => Promise<Finding[]>;

/** The longest pause a check waits for, however long the last one took. */
export const MAX_DELAY_MS = 2000;

export interface ScenarioFindingsOptions {
  /** How to check: ask the worker (the app), or `checkOnMainThread` (main-thread-check.ts). */
  check: CheckScenario;
  /** Milliseconds of quiet before checking (default 150). */
  delay?: number;
}

/**
 * The findings of the playground's scenario, as reactive state. The app calls `update` on every
 * change (in an effect) and reads `findings` for the panel and the editor's underlines.
 */
export class ScenarioFindings {
  #findings = $state.raw<Finding[] | null>(null);
  #revision = $state.raw(-1);
  #problem = $state.raw<string | null>(null);
  /** The scenario `findings` were computed from. */
  #checked: unknown = undefined;
  /** The revision last asked for: the only one whose answer is kept. */
  #requested = -1;
  /** The same, for `pending` (separate, so `update` reads no state: callers run it in effects). */
  #requestedShown = $state.raw(-1);
  #scenario: unknown = undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #check: CheckScenario;
  readonly #delay: number;
  /** How long the last check took (ms), which sets the pause the next one waits for. */
  #lastCost = 0;

  constructor({ check, delay = 150 }: ScenarioFindingsOptions) {
    this.#check = check;
    this.#delay = delay;
  }

  /** The findings of the scenario at `revision`, or null before the first check has finished. */
  get findings(): Finding[] | null {
    return this.#findings;
  }
  /** The revision `findings` belong to (-1: none yet). */
  get revision(): number {
    return this.#revision;
  }
  /** The scenario value `findings` belong to (pass it to applyFix as the fix's basis). */
  get checked(): unknown {
    return this.#checked;
  }
  /** Why the last check failed (e.g. a data chunk that could not load), or null. */
  get problem(): string | null {
    return this.#problem;
  }
  /** True while the findings on screen are not those of the newest scenario. */
  get pending(): boolean {
    return this.#requestedShown !== this.#revision;
  }

  /**
   * Asks for the findings of `scenario`, identified by `revision` (the playground's counter).
   * The newest call wins; asking again for the same scenario and revision does nothing.
   */
  update(scenario: unknown, revision: number): void {
    if (revision === this.#requested && scenario === this.#scenario) return;
    this.#requested = revision;
    this.#requestedShown = revision;
    this.#scenario = scenario;
    clearTimeout(this.#timer);
    const delay = Math.max(this.#delay, Math.min(MAX_DELAY_MS, 2 * this.#lastCost));
    this.#timer = setTimeout(() => void this.#run(scenario, revision), delay);
  }

  /** Stops a check that has not started yet (when the owner goes away). */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #run(scenario: unknown, revision: number): Promise<void> {
    this.#timer = undefined;
    const started = performance.now();
    try {
      const findings = await this.#check(scenario, revision);
      this.#lastCost = performance.now() - started;
      if (revision !== this.#requested) return; // a newer scenario was asked for meanwhile
      this.#checked = scenario;
      this.#findings = findings;
      this.#revision = revision;
      this.#problem = null;
    } catch (error) {
      if (revision !== this.#requested) return;
      this.#problem = `Findings could not be computed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}
