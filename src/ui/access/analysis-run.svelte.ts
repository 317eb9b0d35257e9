/**
 * What the Access drawer's three views share about running an analysis in the worker: whether
 * one runs, how far it is, the problem or the word ("Cancelled.") it ended with, newest wins
 * (a newer run replaces a running one), and Cancel. Each view's session extends it with its own
 * question and answer.
 */
import type { AccessProgress, AnalysisType, Answer } from '../../worker/index.ts';
import type { Playground } from '../state/playground.svelte.ts';

export class AnalysisRun {
  #seq = 0;
  #running = $state.raw(false);
  #progress = $state.raw<AccessProgress | null>(null);
  #problem = $state.raw<string | null>(null);
  #notice = $state.raw<string | null>(null);

  constructor(
    readonly playground: Playground,
    /** The worker's slot for this analysis (what Cancel stops). */
    readonly analysis: AnalysisType,
  ) {}

  get running(): boolean {
    return this.#running;
  }
  get progress(): AccessProgress | null {
    return this.#progress;
  }
  get problem(): string | null {
    return this.#problem;
  }
  /** How far the running analysis is, in percent. */
  get percent(): number {
    const p = this.#progress;
    return p && p.total > 0 ? Math.floor((p.done / p.total) * 100) : 0;
  }
  /** A word on the last run that is not a problem ("Cancelled."). */
  get notice(): string | null {
    return this.#notice;
  }

  /** Says what is wrong with the question before anything runs. */
  protected refuse(problem: string): void {
    this.#notice = null;
    this.#problem = problem;
  }

  /**
   * Runs one analysis: `ask` sends it, reporting progress. The answer's value, or undefined when
   * it failed (its problem is shown), was cancelled ("Cancelled.") or a newer run replaced it.
   */
  protected async track<T>(
    ask: (onProgress: (progress: AccessProgress) => void) => Promise<Answer<T>>,
  ): Promise<T | undefined> {
    const seq = ++this.#seq;
    this.#running = true;
    this.#progress = null;
    this.#problem = null;
    this.#notice = null;
    const report = (progress: AccessProgress): void => {
      if (seq === this.#seq) this.#progress = progress;
    };
    let answer = await ask(report);
    if (seq !== this.#seq) return undefined; // a newer run owns the view
    if (!answer.ok && !('stale' in answer) && answer.error.code === 'out-of-sync') {
      // The worker was restarted (an analysis ran past its time limit) and holds no world yet:
      // the world goes to it again, and the question is asked once more.
      await this.playground.resync();
      answer = await ask(report);
      if (seq !== this.#seq) return undefined;
    }
    this.#running = false;
    if (answer.ok) return answer.value;
    if ('stale' in answer) this.#notice = 'Cancelled.';
    else this.#problem = answer.error.message;
    return undefined;
  }

  /** Stops the running analysis: the worker answers it as superseded ("Cancelled."). */
  cancel(): void {
    if (this.#running)
      void this.playground.send({ type: 'access-cancel', analysis: this.analysis });
  }
}
