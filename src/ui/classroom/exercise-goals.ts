/**
 * The goals of an exercise, checked against the exercise as handed out (its "start"), never
 * against what the student's own copy of the exercise says: as in a lesson, a goal is the
 * exercise's own request, so editing its expectation or deleting it does not meet it, and a
 * locked document the student changed stops every goal from counting until it is as it was.
 */
import { readExercise, getIn, isObject, jsonEqual } from '../../model/index.ts';
import type { RequestOutcome } from '../../worker/index.ts';
import { goalsOf, requestList, type Goal } from '../lessons/goals.ts';
import { describeDocument } from '../state/documents.ts';

export interface ExerciseGoalState extends Goal {
  /** The teacher's sentence for the goal ("" when none). */
  sentence: string;
}

export interface ExerciseCheck {
  goals: ExerciseGoalState[];
  /** Titles of the locked documents the student changed (then no goal is met). */
  lockedChanged: string[];
}

/** The requests of `start` that are the exercise's goals, with their sentences. */
export function goalRequests(start: unknown): { requests: unknown[]; sentences: string[] } {
  const requests = requestList(start);
  const exercise = readExercise(start);
  if (!exercise || exercise.goals.length === 0) {
    const goals = requests.filter((r) => isObject(r) && r['expect'] !== undefined);
    return { requests: goals, sentences: goals.map(() => '') };
  }
  const out: unknown[] = [];
  const sentences: string[] = [];
  for (const goal of exercise.goals) {
    const request = requests.find((r) => isObject(r) && r['id'] === goal.request);
    if (isObject(request) && request['expect'] !== undefined) {
      out.push(request);
      sentences.push(goal.sentence);
    }
  }
  return { requests: out, sentences };
}

/** The locked documents of `start` whose content differs in `current`, by title. */
export function changedLockedDocuments(start: unknown, current: unknown): string[] {
  const exercise = readExercise(start);
  if (!exercise || !isObject(start)) return [];
  return exercise.locked
    .filter((path) => !jsonEqual(getIn(start, path), getIn(current, path)))
    .map((path) => describeDocument(start, path)?.title ?? path.join(' › '));
}

/** The goals of the exercise `start` for the student's `current` world and its outcomes. */
export function checkExercise(
  start: unknown,
  current: unknown,
  outcomes: readonly RequestOutcome[],
): ExerciseCheck {
  const { requests, sentences } = goalRequests(start);
  // goalsOf matches requests without an id by position: give it every request then, in order.
  const anyWithoutId = requests.some((r) => !isObject(r) || typeof r['id'] !== 'string');
  const reference = anyWithoutId ? requestList(start) : requests;
  const base = goalsOf(outcomes, requestList(current), reference);
  const lockedChanged = changedLockedDocuments(start, current);
  const goals = base.map((goal, i) => ({
    ...goal,
    sentence: anyWithoutId ? '' : (sentences[i] ?? ''),
    pass: goal.pass && lockedChanged.length === 0,
  }));
  return { goals, lockedChanged };
}
