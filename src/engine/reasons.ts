/**
 * Why each step of a decision came out as it did, as data: a reason code and the facts behind
 * it. The engine (evaluate.ts) decides and records these; src/engine/explain/ alone turns them
 * into words (the step's explanation, the summary and the "to allow this" advice). Everything
 * here is plain data, so it crosses the worker boundary with the trace.
 *
 * The request itself (caller, action, resource, the resource-based policy's name) is not
 * repeated in each reason: the explanation reads it from the request (`ExplainContext`).
 */
import type { PrincipalMatchKind } from './principals.ts';
import type { PolicyKind } from './types.ts';

/** A statement of one policy, as the explanation names it. */
export interface StatementRef {
  kind: PolicyKind;
  /** The policy's name (`PolicySource.name`). */
  policy: string;
  /** For SCPs and RCPs: the level it is attached at. */
  level?: string;
  sid?: string;
  /** Index in the Statement array. */
  index: number;
}

/** The caller step: AWS STS operations that refuse kinds of caller or need no permission. */
export type CallerReason =
  /** A federated user (GetFederationToken) calls an IAM operation. */
  | { code: 'caller-federated-user-iam'; who: string; page: string }
  /**
   * Credentials from GetSessionToken call an STS operation other than AssumeRole and
   * GetCallerIdentity (`limit: 'sts'`), or an IAM operation without MFA (`limit: 'iam'`).
   */
  | { code: 'caller-session-token'; limit: 'sts' | 'iam'; operation: string; page: string }
  /** This kind of caller may call the operation; with `noPermission`, no policy has a say. */
  | { code: 'caller-may-call'; who: string; operation: string; page: string; noPermission?: string }
  /** This kind of caller cannot call the operation; `allowedWho` names who can. */
  | {
      code: 'caller-cannot-call';
      who: string;
      operation: string;
      allowedWho: string;
      page: string;
      /** For AssumeRoleWith*: the provider kind whose token or assertion must be presented. */
      federation?: 'oidc' | 'saml';
    };

export type ExplicitDenyReason =
  /** `denies[0]` decided; every applying Deny is listed for the advice. */
  | { code: 'explicit-deny'; denies: StatementRef[] }
  | { code: 'no-explicit-deny'; policies: number };

/** RCPs and SCPs: `kind` says which. */
export type OrganizationReason =
  | {
      code: 'org-exempt';
      kind: 'rcp' | 'scp';
      exemption?: string;
      why: 'given' | 'not-member' | 'service-linked' | 'none';
    }
  | { code: 'org-level-denies'; kind: 'rcp' | 'scp'; level: string }
  | { code: 'org-all-levels-allow'; kind: 'rcp' | 'scp' };

export type EndpointReason =
  | { code: 'endpoint-misses-behind'; endpoint: string; behind: string }
  | { code: 'endpoint-allows'; endpoint: string }
  | { code: 'endpoint-denies'; endpoint: string };

export type NetworkOriginReason =
  | { code: 'origin-matches'; accessPoint: string; vpc: string }
  /** `from`: the VPC the request came from; absent: from the internet. */
  | { code: 'origin-differs'; accessPoint: string; vpc: string; from?: string };

/** How a resource-based policy named the caller (`PrincipalMatchKind` of principals.ts). */
export type NamedAs =
  'wildcard' | 'account' | 'user' | 'role' | 'session' | 'service' | 'federated' | 'canonical';

export type ResourcePolicyReason =
  /** The policy allows an anonymous caller or a service (`Principal "*"` or the service). */
  | { code: 'rp-allows-caller' }
  /** Anonymous callers and services have no identity policies; the resource's policy did not allow. */
  | { code: 'rp-needed'; needed: 'anonymous' | 'service'; hasPolicy: boolean }
  | { code: 'rp-allows-provider' }
  | { code: 'federated-not-assume' }
  | { code: 'federated-trust-missing' }
  | { code: 'root-cannot-assume' }
  /** A KMS key policy that does not allow; `root`: the caller is the root user. */
  | { code: 'key-policy-missing'; root: boolean }
  | { code: 'root-own-account'; hasPolicy: boolean; allows: boolean }
  | { code: 'root-cross-account-allowed' }
  | { code: 'root-cross-account-missing'; hasPolicy: boolean }
  /** `identityToo`: across accounts with no identity Allow either. */
  | { code: 'trust-missing'; hasPolicy: boolean; identityToo: boolean }
  | { code: 'cross-account-missing'; hasPolicy: boolean; identityToo: boolean }
  /** Same account, named directly: grants on its own; `limitsIgnored`: a boundary or session policy is there but does not limit it. */
  | { code: 'direct-grant'; namedAs: NamedAs; limitsIgnored: boolean }
  | { code: 'direct-grant-limited'; namedAs: NamedAs; boundary: boolean; session: boolean }
  | { code: 'delegates-to-account' }
  | { code: 'cross-account-allows' }
  | { code: 'no-resource-policy' }
  | { code: 'rp-does-not-allow' };

export type RootUserReason = { code: 'root-full-access' };

export type IdentityReason =
  | { code: 'identity-not-needed' }
  /**
   * No identity policy allows. `count` policies; `only`: the name of the one there is;
   * `offerResourcePolicy`: the advice may offer the same-account resource-based policy instead;
   * `trust`: the request is decided by a trust policy.
   */
  | {
      code: 'identity-no-allow';
      count: number;
      only?: string;
      offerResourcePolicy: boolean;
      trust: boolean;
    }
  | { code: 'identity-allows'; statement: StatementRef };

export type BoundaryReason =
  | { code: 'boundary-not-limiting'; namedAs: NamedAs }
  /** `direct`: a same-account grant to the role ARN is limited too. */
  | { code: 'boundary-denies'; name: string; direct: boolean }
  | { code: 'boundary-allows'; name: string };

export type SessionReason =
  { code: 'session-not-limiting' } | { code: 'session-denies' } | { code: 'session-allows' };

export type FinalReason =
  | { code: 'final-direct' }
  /** `statement`: the identity statement that allows; `resourcePolicyToo`: the resource's policy allowed as well. */
  | { code: 'final-identity'; statement?: StatementRef; resourcePolicyToo: boolean };

export type GrantReason =
  /** `detail`: the grant, in kms-grants.ts's words. */
  | { code: 'grant-allows'; detail: string; viaAccount: boolean }
  /** `needsIdentity`: the grant names the account and would allow with an identity Allow. */
  | { code: 'grant-none'; grants: { detail: string; needsIdentity: boolean }[] };

/**
 * S3 Object Ownership and ACLs (s3-acl.ts). `detail`: the verdict in s3-acl.ts's words. Where the
 * ACL decides instead of the bucket policy, `aclName` names it for the words that follow, and
 * `resourceAccount` is the object owner's account when it is not the bucket's.
 */
export type AclReason = {
  code: 's3-acl';
  detail: string;
  aclName?: string;
  resourceAccount?: string;
};

/** A further resource-based policy's resource (resource-layers.ts), as the explanation names it. */
export interface LayerRef {
  /** e.g. `bucket arn:aws:s3:::reports behind access point finance`. */
  name: string;
  resource: string;
  account?: string;
  hasPolicy: boolean;
  /** The model's advice for when it refuses. */
  advice?: string;
}

export type LayerReason =
  /** Its policy allows the caller itself (`wildcard`: by Principal "*"). */
  | { code: 'layer-policy-allows'; layer: LayerRef; wildcard: boolean }
  /** Its policy allows the caller's account, and the caller's identity policies allow. */
  | { code: 'layer-account-and-identity'; layer: LayerRef }
  /** The caller belongs to the layer's account, which permits (`root`: as its root user). */
  | { code: 'layer-own-account'; layer: LayerRef; root: boolean }
  | { code: 'layer-refuses'; layer: LayerRef; sameAccount: boolean };

export type PublicAccessReason =
  /** `why`: s3-public-access.ts's words for the setting and the policy. */
  | { code: 'bpa-lets-through'; why: string }
  | { code: 'bpa-blocks'; why: string; bucket: string; sid?: string; setBy: string };

/** The request could not be evaluated (malformed input). */
export type ErrorReason = { code: 'error'; message: string };

/** Every reason a step can have. */
export type StepReason =
  | CallerReason
  | ExplicitDenyReason
  | OrganizationReason
  | EndpointReason
  | NetworkOriginReason
  | ResourcePolicyReason
  | RootUserReason
  | IdentityReason
  | BoundaryReason
  | SessionReason
  | FinalReason
  | GrantReason
  | AclReason
  | LayerReason
  | PublicAccessReason
  | ErrorReason;

/** A note in the trace beside the steps. */
export type NoteReason =
  /** A note the model gave with the input. */
  | { code: 'given'; text: string }
  | { code: 'identity-ignored' }
  /** S3 Block Public Access would refuse it, but the policies deny it already. */
  | { code: 'bpa-already-denied'; why: string };
