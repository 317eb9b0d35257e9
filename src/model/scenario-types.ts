/**
 * TypeScript shapes of the scenario format, version 1 (docs/scenario-format.md is the
 * contract; public/schema/scenario-v1.schema.json is the same contract as JSON Schema).
 *
 * A value only has these types after `validateScenario` found no errors in it. Policy documents
 * stay `unknown`: the engine validates them.
 */
import type {
  PublicAccessBlock,
  AclPermission,
  ObjectOwnership,
  ContextValue,
  JsonPath,
  KmsGrant,
  SourceRange,
} from '../engine/index.ts';
import type {
  AccessKey,
  LoginProfile,
  MfaDevice,
  PasswordPolicy,
  RootCredentials,
  SignIn,
} from './credentials.ts';

export const SCENARIO_FORMAT = 'iam-playground/scenario';
export const SCENARIO_VERSION = 1;

/**
 * A scenario document as the editor holds it: any JSON object, not yet validated (it may be
 * half-typed). World edits (src/model/world) take and give these; `validateScenario` tells
 * whether one is a `Scenario`.
 */
export type ScenarioDocument = Record<string, unknown>;

export type ExpectedDecision = 'allowed' | 'explicitDeny' | 'implicitDeny' | 'denied';

export interface Scenario {
  /** Lets editors find the JSON Schema; ignored otherwise. */
  $schema?: string;
  format: typeof SCENARIO_FORMAT;
  version: number;
  title?: string;
  description?: string;
  organization?: Organization;
  accounts?: Record<string, Account>;
  resources?: Record<string, ResourceEntry>;
  requests?: ScenarioRequest[];
}

export interface Organization {
  id?: string;
  managementAccount?: string;
  /** SCP and RCP documents by name. */
  policies?: Record<string, unknown>;
  root?: OrgNode;
}

/** Policies attached to an account inside the organization tree. */
export interface OrgAccount {
  scps?: string[];
  rcps?: string[];
}

/** The root or an organizational unit. */
export interface OrgNode extends OrgAccount {
  /** Extension: the root's (`r-…`) or OU's (`ou-…`) id; absent, a stable one is derived (org-paths.ts). */
  id?: string;
  accounts?: Record<string, OrgAccount>;
  ous?: Record<string, OrgNode>;
}

export interface Account {
  name?: string;
  /** Customer managed policies by name. */
  policies?: Record<string, unknown>;
  users?: Record<string, User>;
  groups?: Record<string, Group>;
  roles?: Record<string, Role>;
  instanceProfiles?: Record<string, InstanceProfile>;
  /** The account's password policy (credentials.ts); absent: none set. */
  passwordPolicy?: PasswordPolicy;
  /** What the root user has (credentials.ts); absent: not said. */
  rootUser?: RootCredentials;
  /** Extension: the account's S3 Block Public Access settings (s3-settings.ts); absent: all off. */
  publicAccessBlock?: PublicAccessBlock;
  /** Extension: VPC endpoints in this account, by endpoint id (vpc-endpoints.ts). */
  vpcEndpoints?: Record<string, VpcEndpoint>;
  /** Extension: S3 access points in this account, by name (access-points.ts). */
  accessPoints?: Record<string, AccessPoint>;
}

/** Extension: an S3 access point (access-points.ts, src/engine/resource-layers.ts). */
export interface AccessPoint {
  /** The name of the bucket it fronts (the bucket may be in another account). */
  bucket: string;
  /** Its Region, e.g. `us-east-1`; absent: any Region an ARN names. */
  region?: string;
  /** The access point policy; absent: none. */
  policy?: unknown;
  /** Network origin VPC: the VPC it accepts requests from; absent: network origin Internet. */
  vpc?: string;
  /** Its own Block Public Access settings; absent: all four on (AWS's default). */
  publicAccessBlock?: PublicAccessBlock;
}

export interface VpcEndpoint {
  /** The VPC the endpoint is in (`vpc-…`): the value of aws:SourceVpc. */
  vpc?: string;
  /** The service prefix it connects to, e.g. `s3`; absent: not said. */
  service?: string;
  /** The endpoint policy; absent: AWS's default (full access). */
  policy?: unknown;
}

/**
 * Extension: a KMS grant on a key (kms-keys.ts, src/engine/kms-grants.ts): the engine's KmsGrant
 * as the scenario writes it, without the JSON path the engine adds and with the name optional.
 */
export interface KmsGrantEntry extends Omit<KmsGrant, 'id' | 'name'> {
  name?: string;
}

export interface User {
  path?: string;
  /** Extension: the user's unique id (AIDA…); absent, a stable one is derived from the ARN. */
  id?: string;
  groups?: string[];
  /** Policy references: a customer managed policy name, its ARN, or an AWS managed policy ARN. */
  policies?: string[];
  inline?: Record<string, unknown>;
  boundary?: string | null;
  tags?: Record<string, string>;
  /** Console password (credentials.ts); absent: none. */
  loginProfile?: LoginProfile;
  accessKeys?: AccessKey[];
  mfaDevices?: MfaDevice[];
}

export interface Group {
  path?: string;
  policies?: string[];
  inline?: Record<string, unknown>;
}

export interface Role {
  path?: string;
  /** Extension: the role's unique id (AROA…); absent, a stable one is derived from the ARN. */
  id?: string;
  trust?: unknown;
  policies?: string[];
  inline?: Record<string, unknown>;
  boundary?: string | null;
  tags?: Record<string, string>;
  /** Extension: the longest session AssumeRole may ask for, 3600–43200 s; absent: not checked. */
  maxSessionDuration?: number;
}

export interface InstanceProfile {
  path?: string;
  role?: string | null;
}

export interface ResourceEntry {
  account?: string;
  policy?: unknown;
  tags?: Record<string, string>;
  /** Extension, S3 buckets only: the bucket's Block Public Access settings (s3-settings.ts). */
  publicAccessBlock?: PublicAccessBlock;
  /** Extension, KMS keys only: who manages the key (default CUSTOMER). */
  keyManager?: 'CUSTOMER' | 'AWS';
  /** Extension, KMS keys only: the alias without `alias/`, e.g. `aws/s3`. */
  alias?: string;
  /** Extension, KMS keys only: the key's grants. */
  grants?: KmsGrantEntry[];
  /** Extension, S3 buckets only: Object Ownership (s3-acl.ts); absent: BucketOwnerEnforced. */
  objectOwnership?: ObjectOwnership;
  /** Extension, S3 buckets and objects: the ACL's grants (s3-acl.ts). */
  acl?: AclGrantEntry[];
}

/** Extension: one grant of an S3 bucket's or object's ACL. */
export interface AclGrantEntry {
  /** An account id, an account's canonical user id, `AllUsers` or `AuthenticatedUsers`. */
  grantee: string;
  permission: AclPermission;
}

export interface ScenarioRequest {
  id?: string;
  principal: string;
  action: string;
  resource: string;
  context?: Record<string, ContextValue>;
  sessionPolicy?: unknown;
  /** Extension: managed session policies (PolicyArns) of the role session that makes the request. */
  policyArns?: string[];
  expect?: ExpectedDecision;
  /** How the caller signed in (credentials.ts); absent: as before (keys the principal's kind implies). */
  signIn?: SignIn;
  /** Extension: the id of the VPC endpoint the request came through; absent: none. */
  vpcEndpoint?: string;
  /**
   * Extension: STS calls made first, in order (chain.ts). Each hop's session makes the next
   * call; the last one makes the request. Absent: the principal makes the request itself.
   */
  assume?: AssumeStep[];
}

/**
 * One STS call of a multi-step request: `AssumeRole` (or `AssumeRoleWithWebIdentity` /
 * `AssumeRoleWithSAML` when the caller is an identity provider) into `role`, or
 * `GetFederationToken` for `federatedUser`. Exactly one of `role` and `federatedUser`.
 */
export interface AssumeStep {
  /** The ARN of the role to assume. */
  role?: string;
  /** GetFederationToken: the federated user's name (arn:aws:sts::ACCOUNT:federated-user/NAME). */
  federatedUser?: string;
  /** RoleSessionName; absent: the caller's name. */
  sessionName?: string;
  /** Session tags (Tags, or the PrincipalTag claims of a token or assertion). */
  tags?: Record<string, string>;
  /** Keys of `tags` that pass on to later sessions of a role chain. */
  transitiveTagKeys?: string[];
  sourceIdentity?: string;
  /** The session policy passed with the call. */
  sessionPolicy?: unknown;
  /** Managed session policies (PolicyArns): at most 10 ARNs, in the role's (or calling user's) account. */
  policyArns?: string[];
  /** DurationSeconds; a chained role session lasts at most 3,600. */
  durationSeconds?: number;
  /** Keys for this call only (a token's claims, sts:ExternalId, aws:SourceIp, …). */
  context?: Record<string, ContextValue>;
}

/** A problem in a scenario, located in its source text when the text is known. */
export interface ScenarioProblem {
  /** Stable kebab-case code, e.g. `unknown-policy`, `duplicate-key`, `unsupported-version`. */
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** JSON path in the scenario. */
  path: JsonPath;
  /** 1-based; absent when the source text is not known. */
  line?: number;
  column?: number;
  /** The whole range, for editors. */
  range?: SourceRange;
}
