/**
 * The classroom side of the app, loaded on first use (an exercise, hand-in or course link, or
 * the Author tab): the student's exercise session, the hand-in the teacher opened, the course
 * being followed, and why a classroom link could not be opened. The app shell keeps the modes;
 * this keeps what they show.
 */
import { mount } from 'svelte';
import { decodeCourseLink, type Course } from './course.ts';
import { decodeHandInLink, knownExercises, type HandIn, type KnownExercise } from './hand-in.ts';
import { isFragmentOf } from '../../storage/link-fragment.ts';
import type { ScenarioDocument as Scenario } from '../../model/index.ts';
import type { Playground } from '../state/playground.svelte.ts';
import { ExerciseSession } from './exercise-session.svelte.ts';

export interface ClassroomOptions {
  playground: Playground;
  /** True while the playground shows the open exercise. */
  exerciseActive: () => boolean;
  /** The app enters a mode (saving and closing what was open first). */
  enter: (mode: 'exercise' | 'handin') => void;
}

export class Classroom {
  readonly session: ExerciseSession;
  #handIn = $state.raw<HandIn | null>(null);
  #course = $state.raw<Course | null>(null);
  #problem = $state.raw<string | null>(null);
  readonly #options: ClassroomOptions;
  readonly stop: () => void;

  constructor(options: ClassroomOptions) {
    this.#options = options;
    this.session = new ExerciseSession({
      playground: options.playground,
      outcomes: () => options.playground.allOutcomes,
      active: options.exerciseActive,
      enter: () => options.enter('exercise'),
    });
    this.stop = this.session.watch();
  }

  get handIn(): HandIn | null {
    return this.#handIn;
  }
  get course(): Course | null {
    return this.#course;
  }
  /** Why the last hand-in or course link could not be opened (null: it opened, or none). */
  get problem(): string | null {
    return this.#problem;
  }
  dismissProblem(): void {
    this.#problem = null;
  }

  /**
   * Opens a hand-in (`#h=`) or course (`#c=`) link. Returns false when the fragment is neither,
   * or could not be opened (then `problem` says why, and nothing on screen changed).
   */
  async openLink(fragment: string): Promise<boolean> {
    if (isFragmentOf(fragment, 'h')) {
      const read = await decodeHandInLink(fragment, 'This hand-in link');
      if (!read.ok) {
        this.#problem = read.message;
        return false;
      }
      this.#problem = null;
      this.#options.enter('handin');
      this.#handIn = read.handIn;
      this.#options.playground.load(
        read.handIn.world as Scenario,
        `Opened the hand-in of ${read.handIn.student}.`,
      );
      return true;
    }
    if (isFragmentOf(fragment, 'c')) {
      const read = await decodeCourseLink(fragment);
      if (!read.ok) {
        this.#problem = read.message;
        return false;
      }
      this.#problem = null;
      this.#course = read.course;
      const first = read.course.items.findIndex((item) => 'exercise' in item);
      if (first >= 0) await this.openCourseItem(first);
      return true;
    }
    return false;
  }

  /** Opens an exercise item of the course (lesson items are the app's to open). */
  async openCourseItem(index: number): Promise<void> {
    const item = this.#course?.items[index];
    if (item && 'exercise' in item) await this.session.open(item.exercise as Scenario);
  }

  /** The app left the hand-in or exercise. */
  leave(): void {
    this.#handIn = null;
    this.session.close();
  }

  #sheet: { known: Promise<KnownExercise[]>; opens: number } | null = null;

  /** Shows the class sheet (a modal dialog, mounted on first use and kept with its rows). */
  async openClassSheet(known: Promise<KnownExercise[]>): Promise<void> {
    if (this.#sheet) {
      this.#sheet.known = known;
      this.#sheet.opens++;
      return;
    }
    const { default: ClassSheetDialog } = await import('./ClassSheetDialog.svelte');
    const props = $state({ known, opens: 1 });
    this.#sheet = props;
    mount(ClassSheetDialog, { target: document.body, props });
  }

  /** The exercises among the teacher's scenarios, to tell a hand-in's exercise. */
  known(texts: readonly string[]): Promise<KnownExercise[]> {
    return knownExercises(texts);
  }
}
