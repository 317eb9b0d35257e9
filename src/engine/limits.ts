/**
 * AWS's size limits for policy documents, in characters (AWS pages "IAM and AWS STS quotas",
 * "Quotas and service limits for AWS Organizations", Amazon S3 "Bucket policy examples",
 * AWS KMS "Quotas"). IAM does not count white space, so sizes are measured on the minified JSON.
 *
 * The kind alone cannot tell an inline policy from a managed one: identity policies default to
 * the managed-policy limit, and the caller may pass a tighter limit (2,048 for a user's inline
 * policies, 5,120 for a group's, 10,240 for a role's — those are totals per entity).
 */
import type { PolicyKind } from './types.ts';

export interface SizeLimit {
  limit: number;
  /** What the limit applies to, for messages. */
  label: string;
}

export const DEFAULT_SIZE_LIMITS: Record<PolicyKind, SizeLimit> = {
  identity: { limit: 6144, label: 'a managed policy' },
  boundary: { limit: 6144, label: 'a managed policy used as a permissions boundary' },
  resource: { limit: 20480, label: 'an S3 bucket policy (20 KB)' },
  trust: {
    limit: 2048,
    label: 'a role trust policy (the default quota; it can be raised to 8,192)',
  },
  kms: { limit: 32768, label: 'a KMS key policy (32 KB)' },
  session: { limit: 2048, label: 'an inline session policy' },
  scp: { limit: 5120, label: 'a service control policy' },
  rcp: { limit: 5120, label: 'a resource control policy' },
  'vpc-endpoint': { limit: 20480, label: 'a VPC endpoint policy' },
};

/** Named limits for inline policies (totals per user, group or role). */
export const INLINE_SIZE_LIMITS = {
  user: { limit: 2048, label: "a user's inline policies" },
  group: { limit: 5120, label: "a group's inline policies" },
  role: { limit: 10240, label: "a role's inline policies" },
} as const satisfies Record<string, SizeLimit>;

/**
 * Limits on what a request may hold, so that deciding it stays cheap (README, "Budget"). They are AWS's
 * own where AWS states one:
 * - an ARN (the request's resource, a resource's name) has 1 to 2,048 characters: IAM API
 *   Reference, "SimulatePrincipalPolicy" and "SimulateCustomPolicy" (ResourceArns, CallerArn);
 * - an action name has 3 to 128 characters: the same pages (ActionNames);
 * - a condition key name has 5 to 256 characters: IAM API Reference, "ContextEntry";
 * - a key has at most 50 values: AWS documents no count for ContextEntry's values, and the
 *   multivalued keys with the most values are tag lists (aws:TagKeys), which hold at most 50
 *   (a resource has at most 50 user tags: "Tagging AWS resources"; a session at most 50 session
 *   tags: "IAM and AWS STS quotas");
 * - a value has at most 2,048 characters: the longest value AWS gives a key is an ARN
 *   (aws:SourceArn, aws:PrincipalArn); tag values have 256, S3 object keys 1,024 bytes.
 */
export const REQUEST_LIMITS = {
  arnLength: 2048,
  actionLength: 128,
  contextKeyLength: 256,
  valuesPerKey: 50,
  valueLength: 2048,
} as const;

/**
 * How long one decision may run before it is stopped, in milliseconds. A decision within the
 * limits above takes milliseconds; one still running after this is stopped (the worker is
 * replaced, the command line exits with status 2) so it cannot hold up the next one.
 */
export const DECISION_TIME_LIMIT_MS = 5000;

/**
 * How long the browser's evaluation worker may stay silent while it owes answers. It is
 * stopped and replaced after that (src/worker/client.ts). Its silence covers more than one
 * decision (validation, findings, reading the AWS managed-policy catalog), on whatever machine
 * the page runs, so this limit is twice the command line's.
 */
export const WORKER_SILENCE_LIMIT_MS = 2 * DECISION_TIME_LIMIT_MS;
