/**
 * The student's exercise session: a goal session (../lessons/goal-session.svelte.ts) over the
 * exercise as handed out, kept by its identity (digest), so reopening the same link resumes the
 * work. Its goals are checked against the exercise as handed out (exercise-goals.ts), and while
 * it is on screen its locked documents are locked in the playground (../state/locks.ts): no
 * edit from the editor, the explorer or the console may change them.
 */
import {
  readExercise,
  type Exercise,
  getIn,
  type ScenarioDocument as Scenario,
} from '../../model/index.ts';
import type { RequestOutcome } from '../../worker/index.ts';
import { digestOf } from './digest.ts';
import { checkExercise, type ExerciseCheck } from './exercise-goals.ts';
import { GoalSession, OverGoalSession } from '../lessons/goal-session.svelte.ts';
import type { LessonProgress } from '../lessons/progress.ts';
import { describeDocument } from '../state/documents.ts';
import type { Lock } from '../state/locks.ts';
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

/** The locks of the exercise `start` (its locked documents as handed out). */
export function locksOf(start: Scenario): Lock[] {
  return (readExercise(start)?.locked ?? []).map((path) => ({
    path,
    title: describeDocument(start, path)?.title ?? path.join(' › '),
    value: getIn(start, path),
  }));
}

export class ExerciseSession extends OverGoalSession<Scenario> {
  readonly #options: ExerciseSessionOptions;

  constructor(options: ExerciseSessionOptions) {
    super(new GoalSession({ ...options, noun: 'Exercise', database: 'iam-playground-exercises' }));
    this.#options = options;
  }

  /** The exercise as handed out, or null when none is open. */
  get start(): Scenario | null {
    return this.goals.source?.start ?? null;
  }
  get digest(): string {
    return this.goals.source?.key ?? '';
  }
  get exercise(): Exercise | null {
    return readExercise(this.start);
  }
  /** Digests of the exercises completed in this browser. */
  get done(): ReadonlySet<string> {
    return this.goals.completed;
  }
  /** The goals, checked against the exercise as handed out (null before the first decisions). */
  get check(): ExerciseCheck | null {
    const outcomes = this.#options.outcomes();
    const start = this.start;
    if (!start || !outcomes) return null;
    return checkExercise(start, this.#options.playground.scenario, outcomes);
  }

  /** Starts watching the student's work, and locks the locked documents while it is on screen. */
  watch(): () => void {
    const stopGoals = this.goals.watch();
    const stopLocks = $effect.root(() => {
      $effect(() => {
        const start = this.start;
        const locks = start && this.#options.active() ? locksOf(start) : [];
        this.#options.playground.setLocks(locks);
      });
    });
    return () => {
      stopGoals();
      stopLocks();
    };
  }

  /** Opens an exercise where the student left it (or, fresh, as handed out). */
  async open(start: Scenario, fresh = false): Promise<void> {
    const title = typeof start['title'] === 'string' ? start['title'] : 'an exercise';
    await this.goals.open(
      {
        key: await digestOf(start),
        start,
        item: start,
        opened: `Opened the exercise ${title}.`,
        completed: 'Exercise completed: every goal is met.',
        goals: (scenario, outcomes) => checkExercise(start, scenario, outcomes).goals,
      },
      fresh,
    );
  }

  handedIn(student: string): void {
    this.goals.handedIn(student);
  }

  /** Closes the exercise (the app left exercise mode). */
  close(): void {
    this.goals.close();
  }
}
