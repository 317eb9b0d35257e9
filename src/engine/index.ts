/**
 * IAM Playground's policy engine: grammar, matching, conditions, evaluation and trace.
 * Pure TypeScript: no DOM and no worker globals, so it runs the same in Node, a worker and tests.
 */
export * from './types.ts';
export { isRecord } from './is-record.ts';
export { evaluate } from './evaluate.ts';
export {
  validatePolicy,
  validateRequestLimits,
  type RequestParts,
  type ValidateOptions,
} from './validate.ts';
export { matchAction } from './actions.ts';
export { callerRefusal, sessionTokenRefusal } from './sts-callers.ts';
export { matchArnPattern, parseArn } from './arn.ts';
export { substituteVariables } from './variables.ts';
export {
  OPERATOR_NAMES,
  parseOperator,
  type ParsedOperator,
  type OperatorInfo,
  type Family as OperatorFamily,
} from './conditions/operators.ts';
export { TRUST_ACTIONS } from './evaluate.ts';
export type * from './reasons.ts';
export { STEP_NAMES, TITLES, type StepName } from './explain/titles.ts';
export { advice, explanation, type ExplainContext } from './explain/words.ts';
export {
  DECISION_TIME_LIMIT_MS,
  DEFAULT_SIZE_LIMITS,
  INLINE_SIZE_LIMITS,
  REQUEST_LIMITS,
  WORKER_SILENCE_LIMIT_MS,
  type SizeLimit,
} from './limits.ts';
export {
  PUBLIC_ACCESS_BLOCK_KEYS,
  publicStatements,
  describePublic,
  isNarrowCidr,
  restrictPublicBuckets,
  type PublicAccessBlock,
  type PublicStatement,
  type RestrictVerdict,
  type S3BucketSettings,
} from './s3-public-access.ts';
export {
  ACL_GROUPS,
  ACL_PERMISSIONS,
  OBJECT_OWNERSHIP,
  aclPermissionFor,
  isPublicGrantee,
  type AclGrant,
  type AclPermission,
  type ObjectOwnership,
  type S3AclInput,
} from './s3-acl.ts';
export {
  boundedCache,
  weakCache,
  cacheNames,
  clearCaches,
  BoundedCache,
  WeakCache,
} from './caches.ts';
export { GRANT_OPERATIONS } from './kms-grants.ts';
export { parseCidr } from './conditions/ip.ts';
export { parseDate } from './conditions/values.ts';
