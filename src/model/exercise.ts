/**
 * Extension of format version 1: `exercise`, a teacher's authoring data for a scenario made to be
 * solved (docs/scenario-format-notes.md, "Exercises"). A file without it means what it meant.
 *
 *   "exercise": {
 *     "instructions": "Markdown (the safe subset lessons use)",
 *     "goals": [{ "request": "alice-reads", "sentence": "Alice can read the report." }],
 *     "hints": ["gentle", "…", "explicit"],
 *     "solution": { "format": "iam-playground/scenario", "version": 1, … },
 *     "showSolution": false,
 *     "locked": [["accounts", "111122223333", "roles", "Admin", "trust"]]
 *   }
 *
 * This module reads it defensively (for the UI) and checks it (for validation); it holds no
 * UI and no storage.
 */
import type { JsonPath } from '../engine/index.ts';
import { getOwn, isRecord } from './own.ts';
import type { ScenarioProblem } from './scenario-types.ts';
import { quote } from './text-caps.ts';

export interface ExerciseGoal {
  /** The `id` of the request that is the goal. */
  request: string;
  /** What the goal means, in the teacher's words ("" when not given). */
  sentence: string;
}

export interface Exercise {
  instructions: string;
  goals: ExerciseGoal[];
  hints: string[];
  /** The solved scenario, or null when the teacher kept none. */
  solution: Record<string, unknown> | null;
  /** Whether the student may see the solution. */
  showSolution: boolean;
  /** Documents (JSON paths, as the editor names them) the student must not change. */
  locked: JsonPath[];
}

export const EXERCISE_KEYS = [
  'instructions',
  'goals',
  'hints',
  'solution',
  'showSolution',
  'locked',
] as const;
const GOAL_KEYS = ['request', 'sentence'];

/** Most hints, goals and locked documents one exercise may have (far above any real one). */
export const EXERCISE_LIST_LIMIT = 100;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * The scenario's exercise, read leniently (what is malformed is left out; validation reports
 * it), or null when the scenario has no `exercise`.
 */
export function readExercise(scenario: unknown): Exercise | null {
  const value = getOwn(scenario, 'exercise');
  if (!isRecord(value)) return null;
  const goals: ExerciseGoal[] = [];
  const rawGoals = getOwn(value, 'goals');
  for (const goal of Array.isArray(rawGoals) ? rawGoals : []) {
    const request = getOwn(goal, 'request');
    const sentence = getOwn(goal, 'sentence');
    if (typeof request === 'string')
      goals.push({ request, sentence: typeof sentence === 'string' ? sentence : '' });
  }
  const instructions = getOwn(value, 'instructions');
  const solution = getOwn(value, 'solution');
  const locked = getOwn(value, 'locked');
  return {
    instructions: typeof instructions === 'string' ? instructions : '',
    goals,
    hints: strings(getOwn(value, 'hints')),
    solution: isRecord(solution) ? solution : null,
    showSolution: getOwn(value, 'showSolution') === true,
    locked: Array.isArray(locked)
      ? locked.filter(
          (p): p is JsonPath =>
            Array.isArray(p) &&
            p.length > 0 &&
            p.every((s) => typeof s === 'string' || (typeof s === 'number' && Number.isInteger(s))),
        )
      : [],
  };
}

type Problem = Omit<ScenarioProblem, 'line' | 'column' | 'range'> & { atKey?: boolean };

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The problems of the scenario's `exercise` (none when it has none). */
export function exerciseProblems(scenario: unknown): Problem[] {
  if (!isRecord(scenario) || !Object.hasOwn(scenario, 'exercise')) return [];
  const out: Problem[] = [];
  const error = (code: string, path: JsonPath, message: string, atKey = false): void => {
    out.push({ code, severity: 'error', message, path, atKey });
  };
  const at: JsonPath = ['exercise'];
  const value = scenario.exercise;
  if (!isRecord(value)) return out; // validate.ts reports that it is no object
  for (const key of Object.keys(value)) {
    if (!(EXERCISE_KEYS as readonly string[]).includes(key))
      error(
        'unknown-property',
        [...at, key],
        `${quote(key)} is not a property of "exercise". Allowed here: ${EXERCISE_KEYS.join(', ')}.`,
        true,
      );
  }
  if (Object.hasOwn(value, 'instructions') && typeof value.instructions !== 'string')
    error(
      'wrong-type',
      [...at, 'instructions'],
      `The exercise's "instructions" must be text, not ${kind(value.instructions)}.`,
    );
  if (Object.hasOwn(value, 'showSolution') && typeof value.showSolution !== 'boolean')
    error(
      'wrong-type',
      [...at, 'showSolution'],
      `The exercise's "showSolution" must be true or false, not ${kind(value.showSolution)}.`,
    );
  if (Object.hasOwn(value, 'solution')) {
    const solution = value.solution;
    if (!isRecord(solution))
      error(
        'wrong-type',
        [...at, 'solution'],
        `The exercise's "solution" must be a whole scenario (an object), not ${kind(solution)}.`,
      );
    else if (Object.hasOwn(solution, 'exercise'))
      error(
        'nested-exercise',
        [...at, 'solution', 'exercise'],
        'A solution cannot hold an exercise of its own.',
        true,
      );
  }
  const list = (key: string, what: string): unknown[] => {
    if (!Object.hasOwn(value, key)) return [];
    const items = value[key];
    if (!Array.isArray(items)) {
      error(
        'wrong-type',
        [...at, key],
        `The exercise's "${key}" must be an array, not ${kind(items)}.`,
      );
      return [];
    }
    if (items.length > EXERCISE_LIST_LIMIT) {
      error(
        'too-many',
        [...at, key],
        `The exercise has ${items.length.toLocaleString('en')} ${what}; at most ${EXERCISE_LIST_LIMIT} are allowed.`,
      );
      return [];
    }
    return items;
  };
  list('hints', 'hints').forEach((hint, i) => {
    if (typeof hint !== 'string')
      error('wrong-type', [...at, 'hints', i], `Hint ${i + 1} must be text, not ${kind(hint)}.`);
  });

  const requests = getOwn(scenario, 'requests');
  const byId = new Map<string, Record<string, unknown>>();
  for (const r of Array.isArray(requests) ? requests : []) {
    const id = getOwn(r, 'id');
    if (isRecord(r) && typeof id === 'string' && !byId.has(id)) byId.set(id, r);
  }
  const seen = new Set<string>();
  list('goals', 'goals').forEach((goal, i) => {
    const path: JsonPath = [...at, 'goals', i];
    if (!isRecord(goal)) {
      error('wrong-type', path, `Goal ${i + 1} must be an object, not ${kind(goal)}.`);
      return;
    }
    for (const key of Object.keys(goal))
      if (!GOAL_KEYS.includes(key))
        error(
          'unknown-property',
          [...path, key],
          `${quote(key)} is not a property of a goal. Allowed here: ${GOAL_KEYS.join(', ')}.`,
          true,
        );
    if (Object.hasOwn(goal, 'sentence') && typeof goal.sentence !== 'string')
      error(
        'wrong-type',
        [...path, 'sentence'],
        `Goal ${i + 1}'s "sentence" must be text, not ${kind(goal.sentence)}.`,
      );
    const id = goal.request;
    if (typeof id !== 'string') {
      error(
        Object.hasOwn(goal, 'request') ? 'wrong-type' : 'missing-property',
        Object.hasOwn(goal, 'request') ? [...path, 'request'] : path,
        `Goal ${i + 1} must name its request's "id" in "request".`,
      );
      return;
    }
    if (seen.has(id))
      error('duplicate-goal', [...path, 'request'], `Request ${quote(id)} is a goal twice.`);
    seen.add(id);
    const request = byId.get(id);
    if (!request)
      error(
        'unknown-goal-request',
        [...path, 'request'],
        `Goal ${i + 1} names request ${quote(id)}, but no request has that id.`,
      );
    else if (!Object.hasOwn(request, 'expect'))
      error(
        'goal-without-expect',
        [...path, 'request'],
        `Goal ${i + 1} names request ${quote(id)}, which has no "expect": a goal needs the decision it asks for.`,
      );
  });

  list('locked', 'locked documents').forEach((path, i) => {
    const where: JsonPath = [...at, 'locked', i];
    if (
      !Array.isArray(path) ||
      path.length === 0 ||
      !path.every((s) => typeof s === 'string' || (typeof s === 'number' && Number.isInteger(s)))
    ) {
      error(
        'wrong-type',
        where,
        `Locked document ${i + 1} must be a non-empty JSON path (an array of names), such as ["accounts", "111122223333", "policies", "S3Read"].`,
      );
      return;
    }
    let node: unknown = scenario;
    for (const step of path as (string | number)[])
      node = Array.isArray(node) ? node[Number(step)] : getOwn(node, String(step));
    if (node === undefined)
      error(
        'unknown-document',
        where,
        `Locked document ${i + 1} (${path.join(' › ')}) is not in the scenario.`,
      );
  });
  return out;
}
