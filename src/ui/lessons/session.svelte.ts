/**
 * The learner's lesson session: the lesson list and the open lesson, a goal session
 * (goal-session.svelte.ts) whose goals are the lesson's own requests: work is kept in lesson
 * progress as they type, and the lesson is marked completed the first time every goal holds.
 */
import { listLessons, loadLesson, type Lesson, type LessonSummary } from '../../lessons/index.ts';
import type { LessonProgress } from './progress.ts';
import type { RequestOutcome } from '../../worker/index.ts';
import { downloadFile } from '../library/download.ts';
import { goalsOf, requestList } from './goals.ts';
import { GoalSession, OverGoalSession } from './goal-session.svelte.ts';
import type { Playground } from '../state/playground.svelte.ts';

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

export class LessonSession extends OverGoalSession<Lesson> {
  #lessons = $state.raw<LessonSummary[]>([]);
  #problems = $state.raw<string[]>([]);
  /** The opening the list was shown at: the list shows until another lesson opens. */
  #listShownAt = $state.raw(-1);
  #listed: Promise<void> | undefined;
  readonly #options: LessonSessionOptions;

  constructor(options: LessonSessionOptions) {
    super(new GoalSession({ ...options, noun: 'Lesson', database: 'iam-playground-lessons' }));
    this.#options = options;
  }

  get lessons(): LessonSummary[] {
    return this.#lessons;
  }
  get problems(): string[] {
    return this.#problems;
  }
  /** The lesson the learner opened last (shown while lesson mode is on). */
  get lesson(): Lesson | null {
    return this.goals.source?.item ?? null;
  }
  get completed(): ReadonlySet<string> {
    return this.goals.completed;
  }
  /** Whether the open lesson is on screen (rather than the list). */
  get showingLesson(): boolean {
    return this.#options.active() && this.lesson !== null && this.#listShownAt !== this.openCount;
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
    return this.goals.watch();
  }

  /** Opens a lesson where the learner left it, or (fresh) at its start. */
  async open(slug: string, fresh = false): Promise<void> {
    const loaded = await loadLesson(slug);
    if (!loaded.ok) {
      this.#problems = loaded.problems.map((p) => `${p.file}: ${p.message}`);
      return;
    }
    const lesson = loaded.lesson;
    const reference = requestList(lesson.start);
    await this.goals.open(
      {
        key: slug,
        start: lesson.start,
        item: lesson,
        opened: `Opened lesson ${lesson.number}: ${lesson.title}.`,
        completed: `Lesson ${lesson.number} completed: every goal is met.`,
        goals: (scenario, outcomes) => goalsOf(outcomes, requestList(scenario), reference),
      },
      fresh,
    );
  }

  /** Opens the first lesson (the welcome's "Start lesson 1"), once the list is in. */
  async openFirst(): Promise<void> {
    await (this.#listed ?? this.#loadList());
    const first = this.#lessons[0];
    if (first) await this.open(first.slug);
  }

  useSolution(): void {
    const lesson = this.lesson;
    if (lesson) this.#options.playground.load(lesson.solution, 'Loaded the solution.');
  }

  /** Shows the list instead of the open lesson (the lesson stays open behind it). */
  showList(): void {
    this.#listShownAt = this.openCount;
  }

  async exportProgress(): Promise<void> {
    const data = await this.goals.export();
    downloadFile({
      filename: 'iam-playground-lesson-progress.json',
      mimeType: 'application/json',
      text: JSON.stringify(data, null, 2),
    });
  }

  #neighbour(step: number): LessonSummary | undefined {
    const lesson = this.lesson;
    const index = lesson ? this.#lessons.findIndex((l) => l.slug === lesson.slug) : -1;
    return index >= 0 ? this.#lessons[index + step] : undefined;
  }

  async #loadList(): Promise<void> {
    const list = await listLessons();
    this.#lessons = list.lessons;
    this.#problems = list.problems.map((p) => `${p.file}: ${p.message}`);
    await this.goals.refreshCompleted();
  }
}
