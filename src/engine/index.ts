/**
 * IAM Playground's policy engine: grammar, matching, conditions, evaluation and trace.
 * Pure TypeScript: no DOM and no worker globals, so it runs the same in Node, a worker and tests.
 */
export * from './types.ts';
export { evaluate } from './evaluate.ts';
export { validatePolicy, type ValidateOptions } from './validate.ts';
export { matchAction } from './actions.ts';
export { matchArnPattern, parseArn } from './arn.ts';
export { substituteVariables } from './variables.ts';
export { OPERATOR_NAMES } from './conditions/operators.ts';
export { DEFAULT_SIZE_LIMITS, INLINE_SIZE_LIMITS, type SizeLimit } from './limits.ts';
