/** Validation of a policy document into problems (data, never exceptions). */
import { DEFAULT_SIZE_LIMITS, REQUEST_LIMITS, type SizeLimit } from './limits.ts';
import { compilePolicy, sizeProblem } from './policy.ts';
import type { Locator, PolicyKind, Problem } from './types.ts';

export interface ValidateOptions {
  /** Size limit when the kind alone does not tell it (e.g. `INLINE_SIZE_LIMITS.user`). */
  sizeLimit?: SizeLimit;
}

/**
 * Checks a document as a policy of the given kind. Errors are what AWS would reject; warnings
 * are accepted by AWS but likely not what was meant. Positions come from `locate` when given.
 */
export function validatePolicy(
  document: unknown,
  kind: PolicyKind,
  locate?: Locator,
  options?: ValidateOptions,
): Problem[] {
  const compiled = compilePolicy(document, kind);
  const size = sizeProblem(compiled, options?.sizeLimit ?? DEFAULT_SIZE_LIMITS[kind]);
  const problems = size ? [size, ...compiled.problems] : compiled.problems;
  return problems.map((p) => {
    const copy: Problem = { code: p.code, severity: p.severity, message: p.message, path: p.path };
    if (locate) {
      try {
        const range = locate(p.path);
        if (range) copy.range = range;
      } catch {
        // A locator that fails only costs the position.
      }
    }
    return copy;
  });
}

/** A request as written (a scenario's request, or a console command's): only its sizes are checked. */
export interface RequestParts {
  action?: unknown;
  resource?: unknown;
  context?: unknown;
}

const count = (n: number): string => n.toLocaleString('en-US');

/**
 * The parts of a request beyond `REQUEST_LIMITS` (AWS's own limits, see limits.ts), as errors
 * with paths relative to the request. A request beyond them is not decided: its cost would not
 * be bounded. Only sizes are checked here; what the parts mean is checked elsewhere.
 */
export function validateRequestLimits(request: RequestParts): Problem[] {
  const problems: Problem[] = [];
  const error = (code: string, path: Problem['path'], message: string): void => {
    problems.push({ code, severity: 'error', message, path });
  };
  const { action, resource, context } = request;
  if (typeof resource === 'string' && resource.length > REQUEST_LIMITS.arnLength)
    error(
      'resource-too-long',
      ['resource'],
      `The resource has ${count(resource.length)} characters; an ARN has at most ${count(REQUEST_LIMITS.arnLength)} (AWS IAM API, SimulatePrincipalPolicy), so this request is not decided.`,
    );
  if (typeof action === 'string' && action.length > REQUEST_LIMITS.actionLength)
    error(
      'action-too-long',
      ['action'],
      `The action has ${count(action.length)} characters; an action name has at most ${REQUEST_LIMITS.actionLength} (AWS IAM API, SimulatePrincipalPolicy), so this request is not decided.`,
    );
  if (typeof context !== 'object' || context === null || Array.isArray(context)) return problems;
  for (const [key, value] of Object.entries(context)) {
    if (key.length > REQUEST_LIMITS.contextKeyLength)
      error(
        'context-key-too-long',
        ['context', key],
        `This condition key name has ${count(key.length)} characters; AWS allows at most ${REQUEST_LIMITS.contextKeyLength} (IAM API, ContextEntry).`,
      );
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (values.length > REQUEST_LIMITS.valuesPerKey)
      error(
        'too-many-context-values',
        ['context', key],
        `"${key.length > 80 ? key.slice(0, 80) + '…' : key}" has ${count(values.length)} values; a key has at most ${REQUEST_LIMITS.valuesPerKey} here (the most AWS gives a key is a list of 50 tags), so this request is not decided.`,
      );
    // The first value too long is enough to say (a list may hold thousands).
    const i = values.findIndex(
      (v) => typeof v === 'string' && v.length > REQUEST_LIMITS.valueLength,
    );
    if (i >= 0)
      error(
        'context-value-too-long',
        Array.isArray(value) ? ['context', key, i] : ['context', key],
        `This value has ${count((values[i] as string).length)} characters; a condition key's value has at most ${count(REQUEST_LIMITS.valueLength)} here (the longest AWS gives a key is an ARN), so this request is not decided.`,
      );
  }
  return problems;
}
