/**
 * The student's exercise session: the exercise as handed out (its "start", kept apart from the
 * scenario the student edits, so goals are checked against it), its identity (digest), and the
 * student's progress, kept in IndexedDB by digest like a lesson's: work is stored as they type,
 * so reopening the same link resumes it, and the exercise counts as done the first time every
 * goal holds. The exercise never goes into the scenario library by itself.
 */
import { readExercise, type Exercise } from '../../model/exercise.ts';
import { idbKeyValueStore, MemoryStore } from '../../storage/kv-store.ts';
import type { RequestOutcome } from '../../worker/protocol.ts';
import { digestOf } from './digest.ts';
import { checkExercise, type ExerciseCheck } from './exercise-goals.ts';
import { allGoalsMet } from '../lessons/goals.ts';
import { LessonProgress, type LessonRecord } from '../lessons/progress.ts';
import type { ScenarioDocument as Scenario } from '../../model/index.ts';
import type { Playground } from '../state/playground.svelte.ts';

export interface ExerciseSessionOptions {
  playground: Playground;
  outcomes: () => RequestOutcome[] | null;
  /** True while the playground shows the open exercise. */
  active: () => boolean;
  /** Asks the app to enter exercise mode; called before the exercise's scenario is loaded. */
  enter: () => void;
  progress?: LessonProgress;
}

const SAVE_DELAY_MS = 400;

export class ExerciseSession {
  #start = $state.raw<Scenario | null>(null);
  #digest = $state.raw('');
  #record = $state.raw<LessonRecord | null>(null);
  #done = $state.raw<ReadonlySet<string>>(new Set());
  #note = $state.raw<string | null>(null);
  #progress: LessonProgress;
  readonly #options: ExerciseSessionOptions;

  constructor(options: ExerciseSessionOptions) {
    this.#options = options;
    if (options.progress) this.#progress = options.progress;
    else {
      try {
        this.#progress = new LessonProgress(
          idbKeyValueStore('iam-playground-exercises', 'progress'),
        );
      } catch {
        this.#note =
          'Exercise progress cannot be stored in this browser; it lasts until the tab closes.';
        this.#progress = new LessonProgress(new MemoryStore());
      }
    }
  }

  /** The exercise as handed out, or null when none is open. */
  get start(): Scenario | null {
    return this.#start;
  }
  get digest(): string {
    return this.#digest;
  }
  get exercise(): Exercise | null {
    return readExercise(this.#start);
  }
  get record(): LessonRecord | null {
    return this.#record;
  }
  get note(): string | null {
    return this.#note;
  }
  /** Digests of the exercises completed in this browser. */
  get done(): ReadonlySet<string> {
    return this.#done;
  }
  /** The goals, checked against the exercise as handed out (null before the first decisions). */
  get check(): ExerciseCheck | null {
    const outcomes = this.#options.outcomes();
    if (!this.#start || !outcomes) return null;
    return checkExercise(this.#start, this.#options.playground.scenario, outcomes);
  }

  /** Starts watching the student's work. Call once. */
  watch(): () => void {
    void this.#refreshDone();
    return $effect.root(() => {
      $effect(() => {
        const scenario = this.#options.playground.scenario;
        if (!this.#options.active() || !this.#start) return;
        const timer = setTimeout(() => void this.#update({ work: scenario }), SAVE_DELAY_MS);
        return () => clearTimeout(timer);
      });
      $effect(() => {
        const check = this.check;
        if (!this.#options.active() || !check || this.#record?.completedAt) return;
        if (allGoalsMet(check.goals)) {
          void this.#update({ completedAt: new Date().toISOString() }).then(() =>
            this.#refreshDone(),
          );
          this.#options.playground.announce('Exercise completed: every goal is met.');
        }
      });
    });
  }

  /** Opens an exercise where the student left it (or, fresh, as handed out). */
  async open(start: Scenario, fresh = false): Promise<void> {
    const digest = await digestOf(start);
    const saved = fresh ? null : await this.#progress.get(digest).catch(() => null);
    const record = saved ?? (await this.#progress.resetWork(digest).catch(() => null));
    this.#options.enter();
    this.#start = start;
    this.#digest = digest;
    this.#record = record;
    const work = saved?.work;
    const title = typeof start['title'] === 'string' ? start['title'] : 'an exercise';
    this.#options.playground.load(
      (work && typeof work === 'object' ? work : start) as Scenario,
      `Opened the exercise ${title}.`,
    );
  }

  reset(): Promise<void> {
    return this.#start ? this.open(this.#start, true) : Promise.resolve();
  }

  showHints(count: number): void {
    void this.#update({ hintsShown: count });
  }

  solutionShown(): void {
    void this.#update({ solutionShown: true });
  }

  /** Closes the exercise (the app left exercise mode). */
  close(): void {
    this.#start = null;
    this.#digest = '';
    this.#record = null;
  }

  async #update(change: Parameters<LessonProgress['update']>[1]): Promise<void> {
    const digest = this.#digest;
    if (!digest) return;
    try {
      const record = await this.#progress.update(digest, change);
      if (this.#digest === digest) this.#record = record;
    } catch {
      this.#note = 'Exercise progress could not be stored; it lasts until the tab closes.';
      this.#progress = new LessonProgress(new MemoryStore());
    }
  }

  async #refreshDone(): Promise<void> {
    try {
      const all = await this.#progress.all();
      this.#done = new Set([...all.values()].filter((r) => r.completedAt).map((r) => r.slug));
    } catch {
      // Progress unavailable: nothing is shown as done.
    }
  }
}
