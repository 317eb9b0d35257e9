/**
 * From scenario text to a valid scenario, or to every problem with its place in the text.
 */
import { type Locator, validatePolicy as engineValidatePolicy } from '../engine/index.ts';
import type { ManagedPolicyNames } from '../data/managed-policies.ts';
import { shippedManagedPolicyNames } from '../data/managed-policy-list.ts';
import { formatPath } from './arn.ts';
import { parseJsonTextWithPositions, type JsonTextLimits } from './json-text.ts';
import type { Scenario, ScenarioProblem } from './scenario-types.ts';
import { quote } from './text-caps.ts';
import {
  checkPolicyDocuments,
  checkScenario,
  locateProblems,
  type PolicyValidator,
} from './validate.ts';

export interface ValidateScenarioOptions {
  /** Positions of values (from `parseJsonText`); problems get line and column when given. */
  locate?: Locator;
  /** Positions of property keys, for problems about a key (unknown property, name used twice). */
  locateKey?: Locator;
  /** Checks policy documents (default: the engine's `validatePolicy`; `false` skips them). */
  validatePolicy?: PolicyValidator | false;
}

/**
 * Validates a parsed scenario: structure, names, references, and (by default) every policy
 * document in it. Returns every problem found; none with severity `error` means valid. AWS
 * managed policies are checked against the shipped list.
 */
export function validateScenario(
  value: unknown,
  options: ValidateScenarioOptions = {},
): ScenarioProblem[] {
  return validateScenarioAgainst(value, shippedManagedPolicyNames(), options);
}

/**
 * `validateScenario` with the AWS managed policies given: the app's worker passes the catalog
 * it loaded for the scenario, so it never downloads the shipped list for a world without them.
 */
export function validateScenarioAgainst(
  value: unknown,
  managedPolicies: ManagedPolicyNames,
  options: ValidateScenarioOptions = {},
): ScenarioProblem[] {
  const { problems, documents } = checkScenario(value, { managedPolicies });
  const validatePolicy =
    options.validatePolicy === false ? undefined : (options.validatePolicy ?? engineValidatePolicy);
  const all = validatePolicy
    ? [...problems, ...checkPolicyDocuments(value, documents, validatePolicy)]
    : problems;
  return locateProblems(all, options.locate, options.locateKey);
}

export interface LoadedScenario {
  /** The scenario when it has no errors (warnings allowed); null otherwise. */
  scenario: Scenario | null;
  /** Every problem, errors first, each with its JSON path and (when known) line and column. */
  problems: ScenarioProblem[];
  /** Positions of values in the text, when it parsed. */
  locate?: Locator;
  /** Positions of property keys in the text, when it parsed. */
  locateKey?: Locator;
}

/** Parses and validates scenario text. Never throws on bad input. */
export function loadScenario(
  text: string,
  options: Omit<ValidateScenarioOptions, 'locate' | 'locateKey'> & {
    limits?: JsonTextLimits;
    /** More checks to run (the command line passes exercise.ts's `exerciseProblems`). */
    more?: (value: unknown) => Parameters<typeof locateProblems>[0];
  } = {},
): LoadedScenario {
  // Duplicate keys are always checked here: the positional parser at once, not after a fast one.
  const parsed = parseJsonTextWithPositions(text, options.limits);
  if (!parsed.ok) {
    const { line, column, offset } = parsed.error;
    // The problem carries line and column itself: keep the message free of them.
    const message = parsed.error.message.replace(/ at line \d+, column \d+$/, '.');
    return {
      scenario: null,
      problems: [
        {
          code: 'json-syntax',
          severity: 'error',
          message,
          path: [],
          line,
          column,
          range: { line, column, from: offset, to: offset },
        },
      ],
    };
  }
  const duplicates: ScenarioProblem[] = parsed.duplicateKeys.map((d) => ({
    code: 'duplicate-key',
    severity: 'error',
    message: `${quote(String(d.path[d.path.length - 1]))} appears twice in ${formatPath(d.path.slice(0, -1))} (first at line ${d.firstRange.line}, column ${d.firstRange.column}); a name may be used only once.`,
    path: d.path,
    line: d.range.line,
    column: d.range.column,
    range: d.range,
  }));
  const validation = [
    ...validateScenario(parsed.value, {
      ...options,
      locate: parsed.locate,
      locateKey: parsed.locateKey,
    }),
    // Checks not in validateScenario, so that the worker can load them lazily (the exercise's).
    ...locateProblems(options.more?.(parsed.value) ?? [], parsed.locate, parsed.locateKey),
  ];
  // A newer version is refused outright: nothing else about the document is reported.
  const refused = validation.find((p) => p.code === 'unsupported-version');
  const problems = refused ? [refused] : sortProblems([...duplicates, ...validation]);
  const valid = !problems.some((p) => p.severity === 'error');
  return {
    scenario: valid ? (parsed.value as Scenario) : null,
    problems,
    locate: parsed.locate,
    locateKey: parsed.locateKey,
  };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Errors first, then by position in the text. */
function sortProblems(problems: ScenarioProblem[]): ScenarioProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.p.severity] - SEVERITY_ORDER[b.p.severity] ||
        (a.p.range?.from ?? 0) - (b.p.range?.from ?? 0) ||
        a.i - b.i,
    )
    .map(({ p }) => p);
}

/** One line per problem: `path (line L, column C): message`. */
export function formatProblem(problem: ScenarioProblem): string {
  const where =
    problem.line !== undefined ? ` (line ${problem.line}, column ${problem.column})` : '';
  return `${problem.severity}: ${formatPath(problem.path)}${where}: ${problem.message}`;
}
