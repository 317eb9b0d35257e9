import { describe, expect, it } from 'vitest';
import {
  listLessons,
  loadLesson,
  type Lesson,
  type ScenarioJson,
} from '../../../src/lessons/index.ts';
import {
  evaluateScenario,
  referencedManagedPolicies,
  validateScenario,
  type RequestResult,
  type Scenario,
} from '../../../src/model/index.ts';
import { loadManagedPolicyCatalog } from '../../../src/data/managed-policies.ts';

// Lessons are checked the way Learn Git Branching checks its levels: the solution meets every
// goal, the start does not, and neither does the laziest "fix" of granting everything.

const NOW = new Date('2026-11-23T12:00:00Z');

const { lessons: summaries } = await listLessons();
const lessons: Lesson[] = [];
for (const summary of summaries) {
  const result = await loadLesson(summary.slug);
  if (result.ok) lessons.push(result.lesson);
}

/** Validates and decides every request; problems fail the test with their messages. */
async function decide(document: ScenarioJson): Promise<RequestResult[]> {
  const errors = validateScenario(document).filter((p) => p.severity === 'error');
  expect(errors.map((p) => p.message)).toEqual([]);
  const scenario = document as unknown as Scenario;
  const catalog =
    referencedManagedPolicies(scenario).length > 0 ? await loadManagedPolicyCatalog() : new Map();
  const results = evaluateScenario(scenario, { catalog, now: NOW });
  // A request refused at authentication (an inactive key) is an outcome a goal may expect.
  const problems = results.flatMap((r) => r.problems ?? []);
  expect(problems.filter((p) => p.code !== 'authentication-failed').map((p) => p.message)).toEqual(
    [],
  );
  return results;
}

const failing = (results: RequestResult[]) => results.filter((r) => !r.pass).map((r) => r.id);

const ALLOW_EVERYTHING = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

/**
 * The start scenario with every identity policy replaced by Allow * on *: each user, group and
 * role keeps no managed policy and gets one inline allow-everything policy. Trust policies,
 * resource policies, boundaries and SCPs stay as they are.
 */
function allowEverything(start: ScenarioJson): ScenarioJson {
  const world = structuredClone(start) as { accounts?: Record<string, Record<string, unknown>> };
  for (const account of Object.values(world.accounts ?? {})) {
    for (const kind of ['users', 'groups', 'roles']) {
      const identities = (account[kind] ?? {}) as Record<string, Record<string, unknown>>;
      for (const identity of Object.values(identities)) {
        identity['policies'] = [];
        identity['inline'] = { AllowEverything: ALLOW_EVERYTHING };
      }
    }
  }
  return world as ScenarioJson;
}

describe.each(lessons.map((lesson) => [lesson.folder, lesson] as const))(
  'lesson %s',
  (_, lesson) => {
    it('starts with at least one goal not met', async () => {
      expect(failing(await decide(lesson.start)).length).toBeGreaterThan(0);
    });

    it('is solved by its solution: every goal met', async () => {
      expect(failing(await decide(lesson.solution))).toEqual([]);
    });

    it('is not solved by allowing everything in every identity policy', async () => {
      expect(failing(await decide(allowEverything(lesson.start))).length).toBeGreaterThan(0);
    });

    it('keeps a goal denied by something other than identity policies', async () => {
      // Under allow-everything, some goal that expects a deny still gets it: an explicit deny, a
      // trust policy, a bucket policy, a boundary or an SCP holds the line, not just a missing allow.
      const results = await decide(allowEverything(lesson.solution));
      const heldDenials = results.filter((r) => r.expect !== 'allowed' && r.pass);
      if (lesson.slug === 'least-privilege') {
        // The one lesson whose whole point is the identity policy itself.
        expect(heldDenials).toEqual([]);
      } else {
        expect(heldDenials.map((r) => r.id).length).toBeGreaterThan(0);
      }
    });
  },
);

it('checks every lesson', () => {
  expect(lessons.length).toBe(summaries.length);
  expect(lessons.length).toBeGreaterThanOrEqual(13);
});
