/** Validation of a policy document into problems (data, never exceptions). */
import { DEFAULT_SIZE_LIMITS, type SizeLimit } from './limits.ts';
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
