/**
 * The scenario model (format v1): parsing with positions, validation, resolution of the world
 * into the engine's inputs, derived context keys, and evaluation of every request.
 */
export {
  parseJsonText,
  parseJsonTextWithPositions,
  prefixLocator,
  LineMap,
  type JsonTextResult,
  type JsonTextError,
  type JsonTextLimits,
  type DuplicateKey,
} from './json-text.ts';
export {
  loadScenario,
  validateScenario,
  validateScenarioAgainst,
  formatProblem,
  type LoadedScenario,
  type ValidateScenarioOptions,
} from './load.ts';
export {
  resolveRequest,
  referencedManagedPolicies,
  INSTANCE_SESSION_NAME,
  RCP_SERVICES,
  type ResolveOptions,
  type ResolvedRequest,
  type ChainStepInput,
} from './resolve.ts';
export {
  evaluateScenario,
  meetsExpectation,
  type RequestResult,
  type ChainResult,
  type EvaluateScenarioOptions,
} from './evaluate.ts';
export { deriveContext, mergeContext, type DerivationInput } from './context.ts';
export { resourceOwner, type ResourceOwner } from './owner.ts';
export { isRecord } from './own.ts';
export {
  parsePrincipal,
  parseArn,
  isArn,
  isAccountId,
  bucketOf,
  isBucketArn,
  isBucketOrObjectArn,
  formatPath,
  iamArn,
  type PrincipalRef,
  type Arn,
} from './arn.ts';
// The program's size limits; first-screen code takes them from size-limits.ts itself (a declared
// second entry) so as not to load this index.
export * from './size-limits.ts';
export * from './scenario-types.ts';
export * from './credentials.ts';
export {
  count,
  quote,
  shorten,
  capByKind,
  omittedLine,
  QUOTE_LIMIT,
  SAME_KIND_LIMIT,
} from './text-caps.ts';
export { exerciseProblems, readExercise, type Exercise } from './exercise.ts';
export {
  getIn,
  setIn,
  deleteIn,
  renameKey,
  jsonEqual,
  startsWith,
  pathKey,
  isObject,
  formatJson,
  type JsonObject,
} from './json-path.ts';
export {
  FULL_AWS_ACCESS,
  RCP_FULL_AWS_ACCESS,
  FULL_AWS_ACCESS_DOCUMENT,
  RCP_FULL_AWS_ACCESS_DOCUMENT,
  attachedScps,
  attachedRcps,
} from './organization.ts';
export { isKeyArn } from './kms-keys.ts';
export * from './world/index.ts';
export * from './access-points.ts';
export * from './external-access.ts';
export * from './s3-settings.ts';
export { canonicalIdOf, isAclGrantee, objectOwnershipOf } from './s3-acl.ts';
export { MAX_POLICY_ARNS, SESSION_PLAINTEXT_LIMIT } from './session-policy-arns.ts';
export { VPC_ID } from './vpc-endpoints.ts';
export { uniqueIdOf } from './unique-id.ts';
export {
  importAuthorizationDetails,
  isAuthorizationDetails,
  type DumpFile,
  type DumpImport,
  type DumpProblem,
} from './aws-cli/authorization-details.ts';
export { importAwsOutputs, isAwsOutput } from './aws-cli/import.ts';
export { redactScenario, type Redaction, type RedactedKind } from './redact.ts';
export { ouIdFor, ouIdOf, rootIdOf } from './org-paths.ts';
export { bucketStatementsWithoutResource } from './bucket-policy.ts';
export { CHAINED_SESSION_LIMIT_SECONDS } from './chain.ts';
export {
  callContext,
  needsSetSourceIdentity,
  NO_CARRY,
  nextCarry,
  passedSessionProblem,
  passesTags,
  SESSION_TAG_LIMITS,
  sessionTagLimitProblem,
  type PassedSession,
  type SessionCarry,
} from './session-tags.ts';
