/**
 * The learner's lesson session: the lesson list, the open lesson, its progress, and the two
 * things that must happen while the learner works, whichever panel is on screen: their work is
 * kept in lesson progress as they type, and the lesson is marked completed the first time every
 * goal holds. A lesson's scenario never goes into the scenario library, so opening one cannot
 * overwrite local work.
 */
import { listLessons, loadLesson, type Lesson, type LessonSummary } from '../../lessons/index.ts';
import { idbKeyValueStore, MemoryStore } from '../../storage/kv-store.ts';
import type { RequestOutcome } from '../../worker/protocol.ts';
import { downloadFile } from '../library/download.ts';
import type { ScenarioDocument as Scenario } from '../../model/index.ts';
import { allGoalsMet, goalsOf, requestList } from './goals.ts';
import type { Playground } from '../state/playground.svelte.ts';
import { LessonProgress, type LessonRecord } from './progress.ts';

export interface LessonSessionOptions {
  playground: Playground;
  /** The current scenario's outcomes, or null while they are not computed for it yet. */
  outcomes: () => RequestOutcome[] | null;
  /** True while the playground shows the open lesson (the app's lesson mode). */
  active: () => boolean;
  /** Asks the app to enter lesson mode; called before a lesson's scenario is loaded. */
  enter: () => void;
  /** Where progress is kept (default: IndexedDB). */
  progress?: LessonProgress;
}

/** How long after typing pauses the learner's work is stored. */
const SAVE_DELAY_MS = 400;

export class LessonSession {
  #lessons = $state.raw<LessonSummary[]>([]);
  #problems = $state.raw<string[]>([]);
  #lesson = $state.raw<Lesson | null>(null);
  #record = $state.raw<LessonRecord | null>(null);
  #completed = $state.raw<ReadonlySet<string>>(new Set());
  #note = $state.raw<string | null>(null);
  #listOpen = $state.raw(false);
  #progress: LessonProgress;
  #listed: Promise<void> | undefined;
  #openCount = $state.raw(0);
  readonly #options: LessonSessionOptions;

  constructor(options: LessonSessionOptions) {
    this.#options = options;
    this.#progress = options.progress ?? this.#defaultProgress();
  }

  get lessons(): LessonSummary[] {
    return this.#lessons;
  }
  get problems(): string[] {
    return this.#problems;
  }
  /** The lesson the learner opened last (shown while lesson mode is on). */
  get lesson(): Lesson | null {
    return this.#lesson;
  }
  get record(): LessonRecord | null {
    return this.#record;
  }
  get completed(): ReadonlySet<string> {
    return this.#completed;
  }
  /** Why progress is not stored, when it cannot be. */
  get note(): string | null {
    return this.#note;
  }
  /** Whether the open lesson is on screen (rather than the list). */
  get showingLesson(): boolean {
    return this.#options.active() && this.#lesson !== null && !this.#listOpen;
  }
  /** Counts the lessons opened (open, reset, next...): the view moves focus when it changes. */
  get openCount(): number {
    return this.#openCount;
  }
  /** The lessons before and after the open one. */
  get previous(): LessonSummary | undefined {
    return this.#neighbour(-1);
  }
  get next(): LessonSummary | undefined {
    return this.#neighbour(1);
  }

  /** Loads the list and starts watching the learner's work. Call once. */
  start(): () => void {
    this.#listed = this.#loadList();
    return $effect.root(() => {
      // Work in progress is stored a moment after typing pauses.
      $effect(() => {
        const scenario = this.#options.playground.scenario;
        if (!this.#options.active() || !this.#lesson) return;
        const timer = setTimeout(() => void this.#update({ work: scenario }), SAVE_DELAY_MS);
        return () => clearTimeout(timer);
      });
      // The first time every goal holds, the lesson is completed.
      $effect(() => {
        const outcomes = this.#options.outcomes();
        const lesson = this.#lesson;
        if (!this.#options.active() || !lesson || !outcomes || this.#record?.completedAt) return;
        const scenario = this.#options.playground.scenario;
        const goals = goalsOf(outcomes, requestList(scenario), requestList(lesson.start));
        if (allGoalsMet(goals)) {
          void this.#update({ completedAt: new Date().toISOString() }).then(() =>
            this.#refreshCompleted(),
          );
          this.#options.playground.announce(
            `Lesson ${lesson.number} completed: every goal is met.`,
          );
        }
      });
    });
  }

  /** Opens a lesson where the learner left it, or (fresh) at its start. */
  async open(slug: string, fresh = false): Promise<void> {
    const loaded = await loadLesson(slug);
    if (!loaded.ok) {
      this.#problems = loaded.problems.map((p) => `${p.file}: ${p.message}`);
      return;
    }
    const saved = fresh ? null : await this.#progress.get(slug).catch(() => null);
    const record = saved ?? (await this.#progress.resetWork(slug).catch(() => null));
    this.#options.enter();
    this.#lesson = loaded.lesson;
    this.#record = record;
    this.#listOpen = false;
    this.#openCount++;
    const work = saved?.work;
    const scenario = (work && typeof work === 'object' ? work : loaded.lesson.start) as Scenario;
    this.#options.playground.load(
      scenario,
      `Opened lesson ${loaded.lesson.number}: ${loaded.lesson.title}.`,
    );
  }

  /** Opens the first lesson (the welcome's "Start lesson 1"), once the list is in. */
  async openFirst(): Promise<void> {
    await (this.#listed ?? this.#loadList());
    const first = this.#lessons[0];
    if (first) await this.open(first.slug);
  }

  /** Starts the open lesson over (its work and hints are forgotten; completion is kept). */
  reset(): Promise<void> {
    return this.#lesson ? this.open(this.#lesson.slug, true) : Promise.resolve();
  }

  showHints(count: number): void {
    void this.#update({ hintsShown: count });
  }

  solutionShown(): void {
    void this.#update({ solutionShown: true });
  }

  useSolution(): void {
    if (this.#lesson) this.#options.playground.load(this.#lesson.solution, 'Loaded the solution.');
  }

  /** Shows the list instead of the open lesson (the lesson stays open behind it). */
  showList(): void {
    this.#listOpen = true;
  }

  async exportProgress(): Promise<void> {
    const data = await this.#progress.export();
    downloadFile({
      filename: 'iam-playground-lesson-progress.json',
      mimeType: 'application/json',
      text: JSON.stringify(data, null, 2),
    });
  }

  #neighbour(step: number): LessonSummary | undefined {
    const lesson = this.#lesson;
    const index = lesson ? this.#lessons.findIndex((l) => l.slug === lesson.slug) : -1;
    return index >= 0 ? this.#lessons[index + step] : undefined;
  }

  async #loadList(): Promise<void> {
    const list = await listLessons();
    this.#lessons = list.lessons;
    this.#problems = list.problems.map((p) => `${p.file}: ${p.message}`);
    await this.#refreshCompleted();
  }

  async #update(change: Parameters<LessonProgress['update']>[1]): Promise<void> {
    const lesson = this.#lesson;
    if (!lesson) return;
    try {
      const record = await this.#progress.update(lesson.slug, change);
      if (this.#lesson === lesson) this.#record = record;
    } catch {
      this.#fallBackToMemory();
    }
  }

  async #refreshCompleted(): Promise<void> {
    try {
      const all = await this.#progress.all();
      this.#completed = new Set([...all.values()].filter((r) => r.completedAt).map((r) => r.slug));
    } catch {
      this.#fallBackToMemory();
    }
  }

  #defaultProgress(): LessonProgress {
    try {
      return new LessonProgress(idbKeyValueStore('iam-playground-lessons', 'progress'));
    } catch {
      this.#note =
        'Lesson progress cannot be stored in this browser; it lasts until the tab closes.';
      return new LessonProgress(new MemoryStore());
    }
  }

  #fallBackToMemory(): void {
    if (this.#note) return;
    this.#note = 'Lesson progress could not be stored; it lasts until the tab closes.';
    this.#progress = new LessonProgress(new MemoryStore());
  }
}
