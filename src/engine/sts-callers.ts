/**
 * Which kinds of caller may call some AWS STS operations at all, and whether policies have any
 * say, decided before any policy is read (the trace's `caller` step).
 *
 * AWS's page "Compare AWS STS credentials" lists, per operation, who can call it and what the
 * resulting credentials cannot do:
 * - `AssumeRole`: an IAM user, or a role session (temporary credentials); AWS services assume
 *   the roles whose trust policies name them ("IAM roles": service roles). Not the root user.
 * - `AssumeRoleWithWebIdentity`, `AssumeRoleWithSAML`: whoever holds a token (or SAML
 *   assertion) from an identity provider; the call is not signed with AWS credentials, so the
 *   caller to decide is the provider.
 * - `GetFederationToken`, `GetSessionToken`: an IAM user or the root user, with long-term
 *   credentials; the credentials any AssumeRole* call returns (a role session) cannot call them.
 * Anonymous (unsigned) callers can call none of the operations that need AWS credentials.
 * The federated user a `GetFederationToken` call returns calls no AWS STS operation but
 * `GetCallerIdentity`, and no IAM operation at all (same page, the GetFederationToken column).
 *
 * Temporary credentials from `GetSessionToken` (a user or the root user signed with them) call
 * no AWS STS operation but `AssumeRole` and `GetCallerIdentity`, and no IAM operation unless the
 * GetSessionToken call included MFA ("GetSessionToken" in the AWS STS API Reference; "Compare AWS
 * STS credentials", the GetSessionToken row): `sessionTokenRefusal`, which the console's
 * permission check uses too.
 *
 * Two operations need no permission: "Permissions for GetSessionToken" (policies cannot control
 * this authentication operation) and `GetCallerIdentity` in the AWS STS API Reference (it works
 * even when a policy explicitly denies it). Every other action is decided by policies alone.
 */
import type { CallerReason } from './reasons.ts';
import type { Principal } from './types.ts';

export interface CallerRule {
  /** False: this kind of caller cannot call the operation, whatever the policies say. */
  allowed: boolean;
  /** True: the call is allowed without reading any policy. */
  withoutPolicies: boolean;
  /** Why, as facts for the trace (src/engine/explain/ words them). */
  reason: CallerReason;
}

type Kind =
  'user' | 'role-session' | 'federated-user' | 'root' | 'service' | 'anonymous' | 'oidc' | 'saml';

interface Operation {
  name: string;
  kinds: Kind[];
  who: string;
  /** The AWS page the rule comes from. */
  page: string;
  /** Allowed without any policy for the kinds that may call it (the page says why). */
  noPermission?: string;
}

const LONG_TERM =
  "an IAM user or the root user, with long-term credentials (an access key), never a role session's temporary credentials";
const COMPARE = '"Compare AWS STS credentials"';

const OPERATIONS = new Map<string, Operation>(
  Object.entries({
    'sts:assumerole': {
      name: 'sts:AssumeRole',
      kinds: ['user', 'role-session', 'service'],
      who: 'an IAM user or a role session (or an AWS service named by the trust policy)',
      page: COMPARE,
    },
    'sts:assumerolewithwebidentity': {
      name: 'sts:AssumeRoleWithWebIdentity',
      kinds: ['oidc'],
      who: 'the holder of a token from an OIDC identity provider, decided as that provider',
      page: COMPARE,
    },
    'sts:assumerolewithsaml': {
      name: 'sts:AssumeRoleWithSAML',
      kinds: ['saml'],
      who: 'the holder of a SAML assertion from a SAML identity provider, decided as that provider',
      page: COMPARE,
    },
    'sts:getfederationtoken': {
      name: 'sts:GetFederationToken',
      kinds: ['user', 'root'],
      who: LONG_TERM,
      page: COMPARE,
    },
    'sts:getsessiontoken': {
      name: 'sts:GetSessionToken',
      kinds: ['user', 'root'],
      who: LONG_TERM,
      page: `${COMPARE}, "Permissions for GetSessionToken"`,
      noPermission:
        'it needs no permission: policies cannot control this authentication operation, so neither an Allow nor a Deny for it counts',
    },
    'sts:getcalleridentity': {
      name: 'sts:GetCallerIdentity',
      kinds: ['user', 'role-session', 'federated-user', 'root'],
      who: 'a caller signed with AWS credentials',
      page: '"GetCallerIdentity" (AWS STS API Reference)',
      noPermission: 'it needs no permission and works even when a policy explicitly denies it',
    },
  }),
);

const SESSION_TOKEN_PAGE = '"GetSessionToken" (AWS STS API Reference), ' + COMPARE;

/**
 * Why AWS refuses `action` (any case) to temporary credentials from GetSessionToken (with MFA when
 * `mfa`), whatever the policies say, or undefined when such credentials may call it.
 */
export function sessionTokenRefusal(mfa: boolean, action: string): CallerReason | undefined {
  const lower = action.toLowerCase();
  if (lower.startsWith('sts:') && lower !== 'sts:assumerole' && lower !== 'sts:getcalleridentity')
    return {
      code: 'caller-session-token',
      limit: 'sts',
      operation: action,
      page: SESSION_TOKEN_PAGE,
    };
  if (lower.startsWith('iam:') && !mfa)
    return {
      code: 'caller-session-token',
      limit: 'iam',
      operation: action,
      page: SESSION_TOKEN_PAGE,
    };
  return undefined;
}

function kindOf(caller: Principal): Kind {
  if (caller.type === 'federated') return caller.arn.includes(':saml-provider/') ? 'saml' : 'oidc';
  return caller.type;
}

const DESCRIBE: Record<Kind, string> = {
  user: 'an IAM user',
  'role-session': 'a role session (temporary credentials)',
  'federated-user': 'a federated user (GetFederationToken credentials)',
  root: 'the root user',
  service: 'an AWS service',
  anonymous: 'an anonymous (unsigned) caller',
  oidc: 'an OIDC identity provider',
  saml: 'a SAML identity provider',
};

/**
 * The rule for this caller and action (lowercased), or undefined when the action is not one of
 * the STS operations above.
 */
export function stsCallerRule(caller: Principal, actionLower: string): CallerRule | undefined {
  const kind = kindOf(caller);
  if (kind === 'federated-user' && actionLower.startsWith('iam:')) {
    return {
      allowed: false,
      withoutPolicies: false,
      reason: { code: 'caller-federated-user-iam', who: DESCRIBE[kind], page: COMPARE },
    };
  }
  const op = OPERATIONS.get(actionLower);
  if (!op) return undefined;
  const who = DESCRIBE[kind] ?? 'this caller';
  if (op.kinds.includes(kind)) {
    const reason: CallerReason = {
      code: 'caller-may-call',
      who,
      operation: op.name,
      page: op.page,
    };
    if (op.noPermission !== undefined) reason.noPermission = op.noPermission;
    return { allowed: true, withoutPolicies: op.noPermission !== undefined, reason };
  }
  const reason: CallerReason = {
    code: 'caller-cannot-call',
    who,
    operation: op.name,
    allowedWho: op.who,
    page: op.page,
  };
  if (actionLower.startsWith('sts:assumerolewith'))
    reason.federation = actionLower === 'sts:assumerolewithsaml' ? 'saml' : 'oidc';
  return { allowed: false, withoutPolicies: false, reason };
}

/**
 * Why AWS refuses this caller `action` (any case) before any policy is read, or undefined: the
 * GetSessionToken credentials' limits first, then the table above, in the order the engine's
 * `caller` step applies them. For callers that decide outside the engine's evaluation (the
 * console's own STS commands), so that the rule stays in this one place.
 */
export function callerRefusal(caller: Principal, action: string): CallerReason | undefined {
  const token = caller.sessionToken
    ? sessionTokenRefusal(caller.sessionToken.mfa, action)
    : undefined;
  if (token) return token;
  const rule = stsCallerRule(caller, action.toLowerCase());
  return rule && !rule.allowed ? rule.reason : undefined;
}
