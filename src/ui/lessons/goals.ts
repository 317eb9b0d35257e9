/**
 * The goals of a lesson or exercise: the requests that carry `expect`, each met or not.
 *
 * In a lesson the goals are the lesson's own requests (from its start scenario), so a learner
 * cannot meet one by editing it: a goal whose request was changed or removed is not met until
 * the request is as the lesson asks it again. An exercise from a link has no such reference:
 * its goals are the current requests with `expect`.
 */
import type { RequestOutcome } from '../../worker/index.ts';
import { requestName, requestsOf } from '../../model/index.ts';
import { isObject, jsonEqual } from '../../model/index.ts';

export interface Goal {
  id: string;
  expect: string;
  /** The request's index in the current scenario, or null when it is not there any more. */
  index: number | null;
  pass: boolean;
  decision: string | null;
  /** Set when the lesson's request was edited or removed (the goal is then not met). */
  changed?: 'edited' | 'removed';
}

/**
 * The goals for `outcomes` (the current scenario's, in request order) and `requests` (the
 * current scenario's requests); with `reference`, the lesson's own requests are the goals.
 */
export function goalsOf(
  outcomes: readonly RequestOutcome[],
  requests: readonly unknown[],
  reference?: readonly unknown[],
): Goal[] {
  if (!reference) {
    return outcomes
      .filter((o) => o.expect !== undefined)
      .map((o) => ({
        id: o.id,
        expect: String(o.expect),
        index: o.index,
        pass: o.pass === true,
        decision: o.decision,
      }));
  }
  const goals: Goal[] = [];
  reference.forEach((wanted, position) => {
    if (!isObject(wanted) || wanted['expect'] === undefined) return;
    const id = requestName(wanted, position);
    const index =
      typeof wanted['id'] === 'string'
        ? requests.findIndex((r) => isObject(r) && r['id'] === wanted['id'])
        : position < requests.length
          ? position
          : -1;
    const goal = { id, expect: String(wanted['expect']) };
    if (index === -1) {
      goals.push({ ...goal, index: null, pass: false, decision: null, changed: 'removed' });
      return;
    }
    const outcome = outcomes[index];
    const decision = outcome?.decision ?? null;
    if (!jsonEqual(requests[index], wanted)) {
      goals.push({ ...goal, index, pass: false, decision, changed: 'edited' });
      return;
    }
    goals.push({ ...goal, index, pass: outcome?.pass === true, decision });
  });
  return goals;
}

/** A scenario's requests, read defensively (the learner can type any shape). */
export function requestList(scenario: unknown): unknown[] {
  return isObject(scenario) ? requestsOf(scenario) : [];
}

/** True when there are goals and every one is met. */
export const allGoalsMet = (goals: readonly Goal[]): boolean =>
  goals.length > 0 && goals.every((g) => g.pass);
