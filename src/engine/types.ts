/**
 * The engine's public types: what one request's evaluation takes and what it returns.
 *
 * The engine is pure TypeScript (no DOM, no worker globals). The scenario model
 * (src/model) turns a whole world into an `EvaluationInput`; the engine decides it.
 * Everything here is plain data and JSON-serializable, so it crosses the worker boundary.
 */

import type { S3AclInput } from './s3-acl.ts';
import type { StepReason } from './reasons.ts';
import type { S3BucketSettings } from './s3-public-access.ts';

/** A JSON value as parsed from a document. Policy documents arrive as `unknown` and are validated. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A path into a JSON document: object keys and array indexes, outermost first. */
export type JsonPath = readonly (string | number)[];

/** Where something stands in source text. Lines and columns are 1-based; offsets are 0-based, `to` exclusive. */
export interface SourceRange {
  line: number;
  column: number;
  from: number;
  to: number;
}

/**
 * Maps a JSON path (relative to the document being checked) to its place in the source text,
 * or `undefined` when the text is not known. The model builds locators from the scenario text,
 * so the engine can report positions without knowing where a document came from.
 */
export type Locator = (path: JsonPath) => SourceRange | undefined;

/** `error`: AWS would reject the document. `warning`: AWS accepts it but it likely does not do what was meant. */
export type Severity = 'error' | 'warning' | 'info';

/** A problem found in a document: data, never a thrown string. */
export interface Problem {
  /** Stable, kebab-case code, e.g. `missing-effect`, `action-and-notaction`. */
  code: string;
  severity: Severity;
  /** A sentence a learner understands. */
  message: string;
  /** JSON path of the offending element, relative to the document that was checked. */
  path: JsonPath;
  /** Position in the source text, when a locator was given and knows the path. */
  range?: SourceRange;
}

/**
 * Which role a policy document plays in a request. It decides which elements are
 * required (`Principal` in resource-based policies) and which size limit applies.
 */
export type PolicyKind =
  | 'identity' // inline or managed policy of a user, group or role
  | 'resource' // resource-based policy, e.g. an S3 bucket policy
  | 'trust' // a role's trust policy (a resource-based policy on the role)
  | 'kms' // a KMS key policy (resource-based; must allow before identity policies count)
  | 'boundary' // permissions boundary (a managed policy used as a boundary)
  | 'session' // session policy passed to AssumeRole*
  | 'scp' // service control policy
  | 'rcp' // resource control policy
  | 'vpc-endpoint'; // a VPC endpoint policy (resource-based; the endpoint the request came through)

/** One policy document that applies to a request, with where it came from. */
export interface PolicySource {
  /**
   * Stable id of the document inside the scenario, so the UI can open it:
   * a JSON path into the scenario, e.g. ["accounts","111122223333","policies","S3Read"].
   */
  id: JsonPath;
  /** Human name for the trace, e.g. `S3Read (customer managed, attached to group developers)`. */
  name: string;
  kind: PolicyKind;
  /** The document as parsed JSON; validated by the engine. */
  document: unknown;
  /**
   * Size limit in characters when the kind alone does not tell it (e.g. 2,048 for a user's
   * inline policies). Default: the limit for the kind (see src/engine/limits.ts).
   */
  sizeLimit?: { limit: number; label: string };
}

/** One level of an organization path (root, each OU, the account) and the SCPs or RCPs attached there. */
export interface PolicyLevel {
  /** e.g. `Root`, `OU Workloads`, `Account 111122223333`. */
  name: string;
  policies: PolicySource[];
}

/** What kind of caller makes the request. */
export type PrincipalType =
  | 'user' // IAM user, long-term credentials
  | 'role-session' // a session of an IAM role (assumed-role ARN)
  | 'federated-user' // a GetFederationToken session of an IAM user (federated-user ARN)
  | 'root' // the account root user
  | 'federated' // OIDC or SAML identity before assuming a role
  | 'service' // an AWS service principal such as ec2.amazonaws.com
  | 'anonymous'; // unauthenticated

export interface Principal {
  type: PrincipalType;
  /**
   * The principal's ARN as AWS puts it in `aws:PrincipalArn`-like comparisons:
   * user ARN, assumed-role session ARN, `arn:aws:iam::A:root`, the provider ARN for
   * federated callers, the service name for services, `*`-less `anonymous` for anonymous.
   */
  arn: string;
  /** The principal's account; absent for services and anonymous callers. */
  account?: string;
  /** For role sessions: the role's ARN (`arn:aws:iam::A:role/PATH/NAME`), which a policy may name. */
  roleArn?: string;
  /** For role sessions and federated users: the session name. */
  sessionName?: string;
  /**
   * The unique id of the user (`AIDA…`) or, for a role session, of its role (`AROA…`), which a
   * resource-based policy may name instead of the ARN ("IAM identifiers": unique identifiers).
   */
  uniqueId?: string;
  /** For federated users: the ARN of the IAM user that called GetFederationToken. */
  userArn?: string;
  /** For services: the service principal, e.g. `ec2.amazonaws.com`. */
  serviceName?: string;
  /** A service-linked role's session: not restricted by SCPs or RCPs. */
  serviceLinkedRole?: boolean;
  /** Canonical user id, where relevant to S3 (`Principal: {"CanonicalUser": ...}`). */
  canonicalUser?: string;
  /**
   * For a user or the root user: the request is signed with temporary credentials from
   * GetSessionToken, `mfa` when that call included MFA. AWS limits what such credentials may
   * call whatever the policies say (sts-callers.ts, `sessionTokenRefusal`).
   */
  sessionToken?: { mfa: boolean };
}

/** A condition-context value: strings, numbers and booleans, or arrays of them for multivalued keys. */
export type ContextValue = string | number | boolean | (string | number | boolean)[];

export interface EvaluationRequest {
  principal: Principal;
  /** `service:Action`, any case. */
  action: string;
  /** The resource ARN, or `*` for actions without resources. */
  resource: string;
  /** The account that owns the resource; absent when unknown (the model resolves it where it can). */
  resourceAccount?: string;
  /**
   * The complete request context, keys as given (matched case-insensitively).
   * The model fills in derived keys (aws:PrincipalArn, aws:username, ...) before calling the engine;
   * the engine derives nothing except the values that policy variables read from this map.
   */
  context: Record<string, ContextValue>;
}

/** Everything that applies to one request. Absent lists mean "none of this kind applies". */
export interface EvaluationInput {
  request: EvaluationRequest;
  /** Identity-based policies of the principal (own, groups', role's; inline and managed). */
  identityPolicies: PolicySource[];
  /** The resource-based policy (bucket policy, trust policy, key policy), if the resource has one. */
  resourcePolicy?: PolicySource;
  /** Permissions boundary of the principal (user or role), if set. */
  boundary?: PolicySource;
  /** Session policies passed when the session was created. */
  sessionPolicies?: PolicySource[];
  /**
   * SCPs per level from the organization root down to the principal's account.
   * Absent: SCPs do not apply (no organization, management account, service principal,
   * service-linked role): the model decides and says why in `scpExemption`.
   */
  scps?: PolicyLevel[];
  /** Why SCPs do not apply, when `scps` is absent and the account is in an organization. */
  scpExemption?: string;
  /** RCPs per level from the root down to the resource's account. Absent: RCPs do not apply. */
  rcps?: PolicyLevel[];
  rcpExemption?: string;
  /**
   * The VPC endpoint the request came through, with its endpoint policy (AWS's default policy
   * when none is written). Absent: the request did not come through an endpoint.
   */
  vpcEndpoint?: { id: string; policy: PolicySource };
  /** KMS grants on the request's key (src/engine/kms-grants.ts). Absent: none. */
  kmsGrants?: KmsGrant[];
  /** Notes the model wants in the trace, e.g. "resource owner assumed to be the principal's account". */
  notes?: string[];
  /**
   * For S3 requests on a bucket or its objects: the bucket's Block Public Access settings
   * (account and bucket combined). Absent: none are set (src/engine/s3-public-access.ts).
   */
  s3Bucket?: S3BucketSettings;
  /**
   * For S3 requests on a bucket whose world gives Object Ownership or ACLs: the setting, the
   * bucket's and the object's ACL grants, the object's owner (src/engine/s3-acl.ts). Absent:
   * ACLs play no part (AWS's default, BucketOwnerEnforced).
   */
  s3Acl?: S3AclInput;
  /**
   * Further resource-based policies that must each permit the request too, each decided in its
   * own trace step (src/engine/resource-layers.ts). For a request through an S3 access point:
   * the bucket behind it. Absent: the request's own resource-based policy is the only one.
   */
  resourceLayers?: ResourceLayer[];
  /**
   * For a request through an S3 access point restricted to a VPC (network origin VPC): the
   * VPC it accepts requests from (src/engine/resource-layers.ts). Absent: no such restriction.
   */
  networkOrigin?: { accessPoint: string; vpc: string };
}

/**
 * A resource-based policy on another resource than the request's that must permit the request
 * too: the bucket behind an S3 access point ("Configuring IAM policies for using access
 * points": both the access point and the underlying bucket must permit the request).
 */
export interface ResourceLayer {
  /** What it is, for the trace, e.g. `bucket arn:aws:s3:::reports behind access point finance`. */
  name: string;
  /** The ARN its policy is evaluated against (the bucket, or the object in it). */
  resource: string;
  /** The account that owns that resource. */
  account?: string;
  /** Its policy; absent when it has none. */
  policy?: PolicySource;
  /** Advice when it refuses, e.g. how the bucket delegates to access points. */
  advice?: string;
}

/** One KMS grant on a key ("Grants in AWS KMS"): it can allow its operations, never deny. */
export interface KmsGrant {
  /** JSON path of the grant in the scenario. */
  id: JsonPath;
  /** The grant's name, or its index, for the trace. */
  name: string;
  /** ARN of the grantee: a user, a role (any of its sessions), a session, or an account root. */
  grantee: string;
  /** Grant operations, e.g. `Decrypt`, `GenerateDataKey` (without `kms:`). */
  operations: string[];
  /** Encryption-context constraint, applied only to operations that take an encryption context. */
  constraints?: {
    encryptionContextEquals?: Record<string, string>;
    encryptionContextSubset?: Record<string, string>;
  };
  /** ARN of the principal that may retire the grant (kms:RetireGrant). */
  retiringPrincipal?: string;
}

export interface EvaluationOptions {
  /** Build the full trace (default true). With false, only the decision and deciding step are returned. */
  trace?: boolean;
}

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

/**
 * The steps of AWS's evaluation logic, in order. The first three are decided by the scenario
 * model before the engine runs (src/model/evaluate.ts): a request that fails sign-in, one that
 * cannot be resolved to a principal, and an instance profile's chain (EC2 assuming the role).
 */
export type StepId =
  | 'authentication' // sign-in: an unknown or inactive access key is refused before any policy
  | 'resolution' // the request names something the world does not have
  | 'instance-profile' // EC2 must be allowed to assume the instance profile's role first
  | 'caller' // AWS STS operations: may this kind of caller call it at all; do policies have a say
  | 'explicit-deny' // any explicit Deny in any applicable policy
  | 'rcp' // resource control policies on the resource account's path
  | 'scp' // service control policies on the principal account's path
  | 'vpc-endpoint' // the policy of the VPC endpoint the request came through
  | 'network-origin' // an S3 access point restricted to a VPC accepts requests only from it
  | 's3-acl' // S3 Object Ownership and ACLs: an ACL grant is a resource-side allow for an account
  | 'resource-policy' // resource-based policy (incl. trust and key policies)
  | 'resource-layer' // a further resource-based policy that must permit too (bucket behind an access point)
  | 'identity-policy' // identity-based policies
  | 'boundary' // permissions boundary
  | 'session-policy' // session policies
  | 's3-public-access' // S3 Block Public Access (RestrictPublicBuckets) on the bucket
  | 'root-user' // the root user's implicit permissions in its own account
  | 'kms-grant' // KMS grants on the key, which can allow what the policies did not
  | 'final'; // the decision that follows from the steps above

/** How one element of a statement compared with the request. */
export interface ElementMatch {
  /** e.g. `Action`, `NotResource`, `Principal`. */
  element: string;
  matched: boolean;
  /** Plain explanation with the values compared, e.g. `s3:GetObject matches "s3:Get*"`. */
  detail: string;
  /** The pattern in the policy that matched, if any. */
  pattern?: string;
  /** True when the element was not compared because an earlier element already failed. */
  notChecked?: boolean;
}

/** How one condition (operator + key) evaluated. */
export interface ConditionMatch {
  operator: string;
  key: string;
  /** Values in the policy (after variable substitution). */
  policyValues: string[];
  /** Values of the key in the request context; `null` when the key is absent. */
  contextValues: string[] | null;
  matched: boolean;
  /** e.g. `aws:SourceIp 198.51.100.7 is not in 203.0.113.0/24`. */
  detail: string;
}

export interface StatementTrace {
  /** Index in the document's Statement array (0 when Statement is a single object). */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** JSON path of the statement inside its document, e.g. ["Statement", 2]. */
  path: JsonPath;
  /** True when every element matched: the statement applies to this request. */
  matched: boolean;
  action: ElementMatch;
  resource: ElementMatch;
  /** Only for resource-based policies (and SCP/RCP where relevant). */
  principal?: ElementMatch;
  conditions: ConditionMatch[];
  /** Set when the statement has errors and was not evaluated: the problems, in words. */
  skipped?: string;
}

export interface PolicyTrace {
  policyId: JsonPath;
  name: string;
  kind: PolicyKind;
  /** For SCPs and RCPs: the level name. */
  level?: string;
  /** Overall: `allow` if an Allow statement matched and no Deny did; `deny` if a Deny matched; else `none`. */
  result: 'allow' | 'deny' | 'none';
  statements: StatementTrace[];
  /** Problems found in the document (validation). Documents with errors are still evaluated where possible. */
  problems: Problem[];
}

export type StepOutcome =
  | 'deny' // this step denied (explicitly or implicitly)
  | 'allow' // this step allowed and decided the request
  | 'pass' // this step let the request continue
  | 'not-applicable'; // this step did not apply to the request

export interface TraceStep {
  id: StepId;
  title: string;
  outcome: StepOutcome;
  /** A sentence or two a learner understands: why this step came out as it did. */
  explanation: string;
  /** The policies this step looked at. */
  policies: PolicyTrace[];
  /**
   * Why, as data: a reason code and the facts behind it (src/engine/reasons.ts), from which
   * src/engine/explain/ wrote `explanation`. Absent on steps the scenario model decided itself.
   */
  reason?: StepReason;
}

export interface Trace {
  /** Steps in AWS's order, up to and including the deciding one. */
  steps: TraceStep[];
  /** The step that decided. */
  decidingStep: StepId;
  /**
   * The statement that decided, when one did (the matching Deny, or the Allow that granted).
   * Points to the policy by id and to the statement path inside it.
   */
  decidingStatement?: { policyId: JsonPath; path: JsonPath };
  /** One-paragraph explanation of the whole decision. */
  summary: string;
  /** What would have to change for the request to be allowed (empty when allowed, or nothing can). */
  toAllow: string[];
  notes: string[];
}

export interface EvaluationResult {
  decision: Decision;
  decidingStep: StepId;
  /** Present unless options.trace === false. */
  trace?: Trace;
}
