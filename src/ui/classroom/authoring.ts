/**
 * The teacher's edits to a scenario's `exercise` (author mode). Each takes the scenario and
 * returns a new one (the playground's edit model); the scenario passed in is never changed.
 */
import type { JsonPath } from '../../engine/index.ts';
import {
  readExercise,
  freshRequestId,
  requestName,
  requestsOf,
  type ExpectedDecision,
  type ScenarioDocument as Scenario,
  isObject,
  jsonEqual,
} from '../../model/index.ts';

type Raw = Record<string, unknown>;

function exerciseOf(scenario: Scenario): Raw {
  const e = scenario['exercise'];
  return isObject(e) ? { ...e } : {};
}
const withExercise = (scenario: Scenario, exercise: Raw): Scenario => ({
  ...scenario,
  exercise,
});
const goalsOf = (e: Raw): Raw[] =>
  Array.isArray(e['goals'])
    ? (e['goals'] as unknown[]).filter(isObject).map((g) => ({ ...g }))
    : [];
const hintsOf = (e: Raw): string[] =>
  Array.isArray(e['hints']) ? (e['hints'] as unknown[]).map((h) => String(h)) : [];

/** Makes the scenario an exercise: every request with `expect` becomes a goal (ids added). */
export function makeExercise(scenario: Scenario): Scenario {
  if (isObject(scenario['exercise'])) return scenario;
  let next = scenario;
  const goals: Raw[] = [];
  requestsOf(scenario).forEach((r, i) => {
    if (r['expect'] === undefined) return;
    next = ensureId(next, i);
    goals.push({ request: requestsOf(next)[i]!['id'], sentence: '' });
  });
  return withExercise(next, { instructions: '', goals, hints: [] });
}

/** Takes the authoring data off (the scenario stays as it is otherwise). */
export function removeExercise(scenario: Scenario): Scenario {
  const { exercise: _removed, ...rest } = scenario;
  return rest;
}

/** Sets the scenario's title (what the exercise, its link and a course call it); blank: none. */
export function setTitle(s: Scenario, title: string): Scenario {
  const { title: _old, ...rest } = s;
  return title.trim() ? { ...rest, title } : rest;
}

export const setInstructions = (s: Scenario, text: string): Scenario =>
  withExercise(s, { ...exerciseOf(s), instructions: text });

function ensureId(scenario: Scenario, index: number): Scenario {
  const requests = requestsOf(scenario);
  const request = requests[index];
  if (!request || typeof request['id'] === 'string') return scenario;
  // It keeps the name it was shown by, unless another request shows that name too.
  const names = requests.map(requestName);
  const own = names[index]!;
  const shared = names.some((name, i) => i !== index && name === own);
  const next = requests.slice();
  next[index] = { id: shared ? freshRequestId(names) : own, ...request };
  return { ...scenario, requests: next };
}

/**
 * Makes request `index` a goal (with an id, and `expect` when it has none), or stops it being
 * one (its `expect` stays: the request keeps meaning what it meant).
 */
export function setGoal(
  scenario: Scenario,
  index: number,
  on: boolean,
  expect: ExpectedDecision = 'allowed',
): Scenario {
  let next = ensureId(scenario, index);
  const requests = requestsOf(next);
  const request = requests[index];
  if (!request) return scenario;
  const id = request['id'] as string;
  const e = exerciseOf(next);
  const goals = goalsOf(e).filter((g) => g['request'] !== id);
  if (on) {
    if (request['expect'] === undefined) {
      const list = requests.slice();
      list[index] = { ...request, expect };
      next = { ...next, requests: list };
    }
    goals.push({ request: id, sentence: '' });
  }
  return withExercise(next, { ...e, goals });
}

export function setGoalSentence(scenario: Scenario, id: string, sentence: string): Scenario {
  const e = exerciseOf(scenario);
  const goals = goalsOf(e).map((g) => (g['request'] === id ? { ...g, sentence } : g));
  return withExercise(scenario, { ...e, goals });
}

export function setExpect(scenario: Scenario, index: number, expect: ExpectedDecision): Scenario {
  const requests = requestsOf(scenario).slice();
  if (!requests[index]) return scenario;
  requests[index] = { ...requests[index], expect };
  return { ...scenario, requests };
}

export const addHint = (s: Scenario): Scenario =>
  withExercise(s, { ...exerciseOf(s), hints: [...hintsOf(exerciseOf(s)), ''] });

export function setHint(s: Scenario, index: number, text: string): Scenario {
  const hints = hintsOf(exerciseOf(s));
  hints[index] = text;
  return withExercise(s, { ...exerciseOf(s), hints });
}

export function removeHint(s: Scenario, index: number): Scenario {
  const hints = hintsOf(exerciseOf(s)).filter((_, i) => i !== index);
  return withExercise(s, { ...exerciseOf(s), hints });
}

/** Moves hint `index` one place earlier (gentler) or later (more explicit). */
export function moveHint(s: Scenario, index: number, by: -1 | 1): Scenario {
  const hints = hintsOf(exerciseOf(s));
  const to = index + by;
  if (to < 0 || to >= hints.length) return s;
  [hints[index], hints[to]] = [hints[to]!, hints[index]!];
  return withExercise(s, { ...exerciseOf(s), hints });
}

/**
 * What sets the exercise's solution to `solution` (a world without authoring data) or takes it
 * off (undefined: then students are not offered it either), in any world: the playground applies
 * it to every world of the history, as Undo must not take a kept solution back (the teacher
 * solves, keeps, then undoes back to the starting world). A world that is no exercise stays as
 * it is; one world always gives one world, so the history's steps still join up.
 */
export function solutionSetter(solution: Scenario | undefined): (s: Scenario) => Scenario {
  const done = new Map<Scenario, Scenario>();
  return (s) => {
    let next = done.get(s);
    if (next) return next;
    next = s;
    if (isObject(s['exercise'])) {
      const { solution: _old, ...e } = exerciseOf(s);
      next = withExercise(s, solution ? { ...e, solution } : { ...e, showSolution: false });
    }
    done.set(s, next);
    return next;
  };
}

export const setShowSolution = (s: Scenario, show: boolean): Scenario =>
  withExercise(s, { ...exerciseOf(s), showSolution: show });

export function setLocked(s: Scenario, path: JsonPath, on: boolean): Scenario {
  const locked = (readExercise(s)?.locked ?? []).filter((p) => !jsonEqual(p, path));
  if (on) locked.push([...path] as string[]);
  return withExercise(s, { ...exerciseOf(s), locked });
}

/**
 * True when the exercise has goals and the world as it stands meets every one of them (each
 * goal's request decided as it expects): handed out like this, students open it completed. An
 * undecided request (its answer not in yet) counts as not met.
 */
export function everyGoalMet(
  scenario: Scenario,
  outcomes: readonly ({ pass?: boolean } | undefined)[],
): boolean {
  const goals = readExercise(scenario)?.goals ?? [];
  if (goals.length === 0) return false;
  const requests = requestsOf(scenario);
  return goals.every((goal) => {
    const index = requests.findIndex((r) => r['id'] === goal.request);
    return index >= 0 && outcomes[index]?.pass === true;
  });
}
