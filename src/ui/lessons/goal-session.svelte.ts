/**
 * A goal session: a scenario handed out with goals (a lesson, an exercise) that the learner
 * works on. It keeps the scenario as handed out apart from the learner's copy (the goals are
 * checked against it, so editing a goal's request does not meet it), and does what must happen
 * while the learner works, whichever panel is on screen: their work is kept in progress
 * (IndexedDB, by the source's key) a moment after typing pauses, so reopening resumes it, and
 * the source is marked completed the first time every goal holds. What is handed out never goes
 * into the scenario library, so opening it cannot overwrite local work.
 *
 * The lesson session (session.svelte.ts) and the exercise session
 * (../classroom/exercise-session.svelte.ts) are this over their own source of goals.
 */
import { idbKeyValueStore, MemoryStore } from '../../storage/index.ts';
import type { RequestOutcome } from '../../worker/index.ts';
import type { ScenarioDocument as Scenario } from '../../model/index.ts';
import { LOCAL_COPY_MAX_CHARS } from '../../model/size-limits.ts';
import type { Playground } from '../state/playground.svelte.ts';
import { allGoalsMet, type Goal } from './goals.ts';
import { LessonProgress, type LessonRecord, type ProgressExport } from './progress.ts';

/** What is handed out: a scenario, its goals and the key its progress is kept under. */
export interface GoalSource<T> {
  /** The progress key (a lesson's slug, an exercise's digest). */
  key: string;
  /** The scenario as handed out. */
  start: Scenario;
  /** The lesson or exercise itself. */
  item: T;
  /** Announced when it opens. */
  opened: string;
  /** Announced the first time every goal holds. */
  completed: string;
  /** The goals, checked for the learner's `scenario` and its outcomes. */
  goals: (scenario: Scenario, outcomes: readonly RequestOutcome[]) => Goal[];
}

export interface GoalSessionOptions {
  playground: Playground;
  /** The current scenario's outcomes, or null while they are not computed for it yet. */
  outcomes: () => RequestOutcome[] | null;
  /** True while the playground shows the open source (the app's lesson or exercise mode). */
  active: () => boolean;
  /** Asks the app to enter that mode; called before the source's scenario is loaded. */
  enter: () => void;
  /** What the progress is of, in messages ("Lesson", "Exercise"). */
  noun: string;
  /** The IndexedDB database the progress is kept in (ignored with `progress`). */
  database: string;
  /** Where progress is kept (default: IndexedDB). */
  progress?: LessonProgress;
}

/** How long after typing pauses the learner's work is stored. */
const SAVE_DELAY_MS = 400;

/**
 * Work not stored yet is also copied to localStorage at once (a synchronous write): IndexedDB's
 * store after the pause may never happen when the tab reloads or closes within it. The copy goes
 * once the work is stored, so a copy found when the source opens is newer than the stored work
 * (whose record may still be newer: completing the source updates it at once).
 */
const WORK_COPY_PREFIX = 'iam-playground:unsaved-work:';

export class GoalSession<T> {
  #source = $state.raw<GoalSource<T> | null>(null);
  #record = $state.raw<LessonRecord | null>(null);
  #completed = $state.raw<ReadonlySet<string>>(new Set());
  #note = $state.raw<string | null>(null);
  #openCount = $state.raw(0);
  #progress: LessonProgress;
  readonly #options: GoalSessionOptions;
  /** Work typed but not stored yet (stored after a pause, or at once when another source opens). */
  #pending: { source: GoalSource<T>; work: unknown } | null = null;

  constructor(options: GoalSessionOptions) {
    this.#options = options;
    if (options.progress) this.#progress = options.progress;
    else {
      try {
        this.#progress = new LessonProgress(idbKeyValueStore(options.database, 'progress'));
      } catch {
        this.#note = `${options.noun} progress cannot be stored in this browser; it lasts until the tab closes.`;
        this.#progress = new LessonProgress(new MemoryStore());
      }
    }
  }

  /** What the learner opened last (null: nothing, or it was closed). */
  get source(): GoalSource<T> | null {
    return this.#source;
  }
  get record(): LessonRecord | null {
    return this.#record;
  }
  /** Keys of the sources completed in this browser. */
  get completed(): ReadonlySet<string> {
    return this.#completed;
  }
  /** Why progress is not stored, when it cannot be. */
  get note(): string | null {
    return this.#note;
  }
  /** Counts the openings (open, start over, next...): views move focus when it changes. */
  get openCount(): number {
    return this.#openCount;
  }
  /** The goals for the scenario on screen (null: nothing open, or no decisions yet). */
  get goals(): Goal[] | null {
    const source = this.#source;
    const outcomes = this.#options.outcomes();
    return source && outcomes ? source.goals(this.#options.playground.scenario, outcomes) : null;
  }

  /** Starts watching the learner's work. Call once; returns the function that stops it. */
  watch(): () => void {
    void this.refreshCompleted();
    return $effect.root(() => {
      // Work in progress is stored a moment after typing pauses.
      $effect(() => {
        const scenario = this.#options.playground.scenario;
        const source = this.#source;
        if (!this.#options.active() || !source) return;
        this.#pending = { source, work: scenario };
        this.#copyWork(source.key, scenario);
        const timer = setTimeout(() => void this.#storePending(), SAVE_DELAY_MS);
        return () => clearTimeout(timer);
      });
      // The first time every goal holds, the source is completed.
      $effect(() => {
        const source = this.#source;
        const goals = this.goals;
        if (!this.#options.active() || !source || !goals || this.#record?.completedAt) return;
        if (!allGoalsMet(goals)) return;
        void this.#update({ completedAt: new Date().toISOString() }).then(() =>
          this.refreshCompleted(),
        );
        this.#options.playground.announce(source.completed);
      });
    });
  }

  /** Opens `source` where the learner left it, or (fresh) as handed out. */
  async open(source: GoalSource<T>, fresh = false): Promise<void> {
    // What was typed in the source on screen within the save delay is stored before it goes.
    await this.#storePending();
    let saved = fresh ? null : await this.#progress.get(source.key).catch(() => null);
    const copy = fresh ? null : this.#readCopy(source.key);
    if (copy && saved)
      saved = await this.#progress.update(source.key, { work: copy }).catch(() => saved);
    this.#dropCopy(source.key);
    const record = saved ?? (await this.#progress.resetWork(source.key).catch(() => null));
    this.#options.enter();
    this.#source = source;
    this.#record = record;
    this.#openCount++;
    const work = saved?.work;
    this.#options.playground.load(
      (work && typeof work === 'object' ? work : source.start) as Scenario,
      source.opened,
    );
  }

  /** Starts the open source over (its work and hints are forgotten; completion is kept). */
  reset(): Promise<void> {
    return this.#source ? this.open(this.#source, true) : Promise.resolve();
  }

  /** Forgets the open source (the app left its mode). */
  close(): void {
    void this.#storePending();
    this.#source = null;
    this.#record = null;
  }

  showHints(count: number): void {
    void this.#update({ hintsShown: count });
  }

  solutionShown(): void {
    void this.#update({ solutionShown: true });
  }

  /** Remembers the name the work was handed in under (an exercise), shown after a reload. */
  handedIn(student: string): void {
    void this.#update({ handedIn: student });
  }

  /** Every record, as a document the learner can keep. */
  export(): Promise<ProgressExport> {
    return this.#progress.export();
  }

  /** Reads again which sources are completed. */
  async refreshCompleted(): Promise<void> {
    try {
      const all = await this.#progress.all();
      this.#completed = new Set([...all.values()].filter((r) => r.completedAt).map((r) => r.slug));
    } catch {
      this.#fallBackToMemory();
    }
  }

  /** Stores the work typed since the last store, in the source it was typed in. */
  async #storePending(): Promise<void> {
    const pending = this.#pending;
    this.#pending = null;
    if (!pending) return;
    try {
      const record = await this.#progress.update(pending.source.key, { work: pending.work });
      if (this.#source === pending.source) this.#record = record;
      // A copy of newer work (typed meanwhile) stays until that work is stored too.
      if (this.#pendingKey() !== pending.source.key) this.#dropCopy(pending.source.key);
    } catch {
      this.#fallBackToMemory();
    }
  }

  async #update(change: Parameters<LessonProgress['update']>[1]): Promise<void> {
    const source = this.#source;
    if (!source) return;
    try {
      const record = await this.#progress.update(source.key, change);
      if (this.#source === source) this.#record = record;
    } catch {
      this.#fallBackToMemory();
    }
  }

  /** The source of work typed but not stored yet (typing may set it again during an await). */
  #pendingKey(): string | undefined {
    return this.#pending?.source.key;
  }

  #copyKey(key: string): string {
    return `${WORK_COPY_PREFIX}${this.#options.database}:${key}`;
  }

  #copyWork(key: string, work: unknown): void {
    try {
      const text = JSON.stringify(work);
      if (text.length <= LOCAL_COPY_MAX_CHARS) localStorage.setItem(this.#copyKey(key), text);
      else this.#dropCopy(key);
    } catch {
      // No localStorage (privacy mode) or full: the store after the pause still keeps the work.
    }
  }

  /** The copied work of `key`, if any (a scenario object: anything else is not a copy). */
  #readCopy(key: string): object | null {
    try {
      const copy = JSON.parse(localStorage.getItem(this.#copyKey(key)) ?? 'null') as unknown;
      return typeof copy === 'object' && copy !== null && !Array.isArray(copy) ? copy : null;
    } catch {
      return null;
    }
  }

  #dropCopy(key: string): void {
    try {
      localStorage.removeItem(this.#copyKey(key));
    } catch {
      // nothing to drop
    }
  }

  #fallBackToMemory(): void {
    if (this.#note) return;
    this.#note = `${this.#options.noun} progress could not be stored; it lasts until the tab closes.`;
    this.#progress = new LessonProgress(new MemoryStore());
  }
}

/**
 * What a lesson session and an exercise session share: the goal session they are made over, and
 * what they hand straight to it (the record, the note, starting over, hints, the solution).
 */
export abstract class OverGoalSession<T> {
  protected readonly goals: GoalSession<T>;

  constructor(goals: GoalSession<T>) {
    this.goals = goals;
  }

  get record(): LessonRecord | null {
    return this.goals.record;
  }
  /** Why progress is not stored, when it cannot be. */
  get note(): string | null {
    return this.goals.note;
  }
  /** Counts the openings (open, reset, next...): a view moves focus when it changes. */
  get openCount(): number {
    return this.goals.openCount;
  }

  /** Starts the open item over (its work and hints are forgotten; completion is kept). */
  reset(): Promise<void> {
    return this.goals.reset();
  }

  showHints(count: number): void {
    this.goals.showHints(count);
  }

  solutionShown(): void {
    this.goals.solutionShown();
  }
}
