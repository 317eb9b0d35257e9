/**
 * Validation of a scenario (format v1) by hand: structure, types, names and references.
 * Every problem is data with a code, a message and a JSON path; `locateProblems` adds positions.
 *
 * The checks mirror public/schema/scenario-v1.schema.json (kept in step by a test) and add what a
 * schema cannot say: references that must exist, names used twice, the resource owner that an
 * anonymous or service caller needs.
 *
 * This module runs the whole check; each part of the format has its own module:
 * `validate-keys.ts` (the allowed properties), `validate-checker.ts` (the checks every part
 * shares), `validate-organization.ts`, `validate-account.ts`, `validate-resources.ts`,
 * `validate-requests.ts` (with `validate-assume.ts` for multi-step requests) and
 * `validate-perimeter.ts` (data perimeters); credentials, access points, ACLs and size limits
 * check themselves (`credentials.ts`, `access-points.ts`, `s3-acl.ts`, `limits.ts`).
 */
import type { Locator, PolicyKind, Problem } from '../engine/index.ts';
import type { ManagedPolicyNames } from '../data/managed-policies.ts';
import { accessPointProblems } from './access-points.ts';
import { aclProblems } from './s3-acl.ts';
import { credentialProblems } from './credentials.ts';
import { perimeterProblems } from './validate-perimeter.ts';
import { getOwn, isRecord } from './own.ts';
import { scenarioLimitProblems } from './limits.ts';
import { shorten } from './text-caps.ts';
import {
  SCENARIO_FORMAT,
  SCENARIO_VERSION,
  type Scenario,
  type ScenarioProblem,
} from './scenario-types.ts';
import { TOP_KEYS } from './validate-keys.ts';
import {
  type PolicyDocumentPlace,
  type RawProblem,
  Checker,
  describe,
} from './validate-checker.ts';
import { checkAccount } from './validate-account.ts';
import { checkOrganization } from './validate-organization.ts';
import { checkResources } from './validate-resources.ts';
import { checkRequests } from './validate-requests.ts';

/** Validates one policy document (the engine's `validatePolicy`). */
export type PolicyValidator = (document: unknown, kind: PolicyKind, locate?: Locator) => Problem[];

export interface ValidateOptions {
  /** Validates the policy documents inside the scenario; without it, documents are not checked. */
  validatePolicy?: PolicyValidator;
  /** Which AWS managed policies exist (the shipped list, or the loaded catalog's). */
  managedPolicies: ManagedPolicyNames;
}

/** The raw result of validation, before positions are added. */
export interface ValidationResult {
  problems: RawProblem[];
  /** Every policy document in the scenario, with the kind it is checked as. */
  documents: PolicyDocumentPlace[];
}

/**
 * Checks a parsed value against the scenario format. A `version` newer than this program's
 * stops validation with one problem: the rest of the document is not read.
 */
export function checkScenario(value: unknown, options: ValidateOptions): ValidationResult {
  const scenario = (isRecord(value) ? value : {}) as unknown as Scenario;
  const c = new Checker(scenario, options.managedPolicies);
  if (!isRecord(value)) {
    c.error('wrong-type', [], `A scenario is a JSON object, not ${describe(value)}.`);
    return { problems: c.problems, documents: [] };
  }
  const version = getOwn(value, 'version');
  // Another format's document is reported as such, whatever its version says.
  const format = getOwn(value, 'format');
  // Only a whole number names a newer format: 1.5 or 1e400 (Infinity) is no version at all.
  if (
    typeof version === 'number' &&
    Number.isInteger(version) &&
    version > SCENARIO_VERSION &&
    (format === undefined || format === SCENARIO_FORMAT)
  ) {
    c.error(
      'unsupported-version',
      ['version'],
      `This scenario is format version ${version}, but this program reads version ${SCENARIO_VERSION} only; it was not read. Open it with a newer IAM Playground.`,
    );
    return { problems: c.problems, documents: [] };
  }
  if (!Object.hasOwn(value, 'format'))
    c.error('missing-property', [], `A scenario needs "format": "${SCENARIO_FORMAT}".`);
  else if (value.format !== SCENARIO_FORMAT)
    c.error(
      'wrong-format',
      ['format'],
      `"format" must be "${SCENARIO_FORMAT}", not ${describe(value.format)}.`,
    );
  if (!Object.hasOwn(value, 'version'))
    c.error('missing-property', [], `A scenario needs "version": ${SCENARIO_VERSION}.`);
  else if (version !== SCENARIO_VERSION)
    c.error(
      'wrong-version',
      ['version'],
      `"version" must be the number ${SCENARIO_VERSION}, not ${describe(version)}${typeof version === 'number' && Number.isFinite(version) && !Number.isInteger(version) ? ' (format versions are whole numbers)' : ''}.`,
    );
  c.object(value, [], 'the scenario', TOP_KEYS);
  for (const key of ['$schema', 'title', 'description'])
    c.optionalString(value, key, [], `"${key}"`);

  if (Object.hasOwn(value, 'organization')) checkOrganization(c, value.organization);
  if (Object.hasOwn(value, 'accounts')) {
    const accounts = c.object(value.accounts, ['accounts'], 'accounts');
    for (const [id, account] of Object.entries(accounts ?? {})) checkAccount(c, id, account);
  }
  if (Object.hasOwn(value, 'resources')) checkResources(c, value.resources);
  if (Object.hasOwn(value, 'requests')) checkRequests(c, value.requests);
  c.problems.push(...scenarioLimitProblems(value));
  c.problems.push(...credentialProblems(value));
  const perimeter = perimeterProblems(value);
  c.problems.push(...perimeter.problems);
  c.documents.push(...perimeter.documents);
  const accessPoints = accessPointProblems(value);
  c.problems.push(...accessPoints.problems, ...aclProblems(value));
  c.documents.push(...accessPoints.documents);
  // The exercise's own checks (exercise.ts) are loaded where they are needed: loadScenario runs
  // them, the worker loads them when a scenario has an exercise. Here only its kind is checked.
  if (Object.hasOwn(value, 'exercise')) c.object(value.exercise, ['exercise'], '"exercise"');

  return { problems: c.problems, documents: c.documents };
}

/** Adds line, column and range to problems, from the nearest located path. */
export function locateProblems(
  problems: RawProblem[],
  locate?: Locator,
  locateKey?: Locator,
): ScenarioProblem[] {
  return problems.map(({ atKey, ...raw }) => {
    // A backstop: no message repeats a huge input whole, whichever check wrote it.
    const problem = { ...raw, message: shorten(raw.message) };
    if (!locate) return problem;
    let range;
    for (let n = problem.path.length; n >= 0 && !range; n--) {
      const p = problem.path.slice(0, n);
      range = atKey && n === problem.path.length ? (locateKey ?? locate)(p) : locate(p);
    }
    return range ? { ...problem, line: range.line, column: range.column, range } : problem;
  });
}

/** Runs the policy validator on every document and turns its problems into scenario problems. */
export function checkPolicyDocuments(
  scenario: unknown,
  documents: PolicyDocumentPlace[],
  validatePolicy: PolicyValidator,
): RawProblem[] {
  const out: RawProblem[] = [];
  for (const { path, kind } of documents) {
    let document: unknown = scenario;
    for (const segment of path)
      document =
        typeof segment === 'number'
          ? Array.isArray(document)
            ? document[segment]
            : undefined
          : getOwn(document, segment);
    if (!isRecord(document)) continue; // already reported as a wrong type
    for (const problem of validatePolicy(document, kind)) {
      out.push({
        code: problem.code,
        severity: problem.severity,
        message: problem.message,
        path: [...path, ...problem.path],
      });
    }
  }
  return out;
}
