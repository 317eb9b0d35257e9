/**
 * The words of a trace: each step's explanation and the "to allow this" advice, from the
 * step's reason (reasons.ts) and the request. The only place the engine's wording lives; the
 * rules themselves are in evaluate.ts and the modules it calls.
 */
import {
  describeCaller,
  describeIdentityOwner,
  describePolicy,
  describeStatement,
  roleName,
} from '../describe.ts';
import type { LayerRef, NamedAs, NoteReason, StatementRef, StepReason } from '../reasons.ts';
import type { PolicyKind, Principal } from '../types.ts';

/** What the words read from the request besides the reason. */
export interface ExplainContext {
  caller: Principal;
  action: string;
  resource: string;
  resourceAccount?: string;
  /** The request's resource-based policy, if it has one. */
  resourcePolicy?: { kind: PolicyKind; name: string };
  /** What stands for the resource-based policy where an S3 ACL decides ("the ACL of object …"). */
  aclName?: string;
}

export const capital = (s: string): string => (s[0]?.toUpperCase() ?? '') + s.slice(1);

/** e.g. `statement "DenyAll" of SCP DenyAll at OU Workloads`. */
function stmtName(ref: StatementRef): string {
  return `${describeStatement(ref)} of ${describePolicy(ref.kind, ref.policy, ref.level)}`;
}

function namedAsWords(kind: NamedAs): string {
  return kind === 'role'
    ? 'the role ARN'
    : kind === 'session'
      ? 'the session ARN'
      : kind === 'user'
        ? 'the user ARN'
        : kind === 'wildcard'
          ? '"*"'
          : kind;
}

/** The pieces most sentences use, worked out once per context (a trace words every step with one). */
function parts(c: ExplainContext): Parts {
  if (c !== lastContext || lastParts === undefined) {
    lastParts = partsOf(c);
    lastContext = c;
  }
  return lastParts;
}

type Parts = ReturnType<typeof partsOf>;
let lastContext: ExplainContext | undefined;
let lastParts: Parts | undefined;

function partsOf(c: ExplainContext) {
  const rp = c.resourcePolicy;
  return {
    who: describeCaller(c.caller),
    what: `${c.action} on ${c.resource}`,
    rpName: c.aclName ?? (rp ? describePolicy(rp.kind, rp.name) : 'resource-based policy'),
    acct: c.caller.account ?? '?',
  };
}

const org = (kind: 'rcp' | 'scp') => ({
  id: kind.toUpperCase(),
  whose: kind === 'rcp' ? "resource's" : "principal's",
});

const policyOf = (layer: LayerRef): string | undefined =>
  layer.hasPolicy ? `the policy of ${layer.name}` : undefined;
const layerWhat = (c: ExplainContext, layer: LayerRef): string =>
  `${c.action} on ${layer.resource}`;

/** Why the step came out as it did (before capitalisation). */
export function explanation(r: StepReason, c: ExplainContext): string {
  const { who, what, rpName, acct } = parts(c);
  const caller = c.caller;
  switch (r.code) {
    case 'caller-federated-user-iam':
      return `${r.who} cannot call IAM operations (${r.page}, GetFederationToken): AWS refuses it whatever the policies say.`;
    case 'caller-session-token':
      return r.limit === 'sts'
        ? `${who} signs with temporary credentials from GetSessionToken, which cannot call ${r.operation}: they call no AWS STS operation but AssumeRole and GetCallerIdentity (${r.page}). AWS refuses it whatever the policies say.`
        : `${who} signs with temporary credentials from GetSessionToken made without MFA, which cannot call IAM operations such as ${r.operation} (${r.page}). AWS refuses it whatever the policies say.`;
    case 'caller-may-call':
      return r.noPermission
        ? `${r.who} may call ${r.operation}, and ${r.noPermission} (${r.page}).`
        : `${r.who} may call ${r.operation} (${r.page}); its policies decide the rest.`;
    case 'caller-cannot-call':
      return `${r.who} cannot call ${r.operation}: only ${r.allowedWho} can (${r.page}). AWS refuses it whatever the policies say, so no policy can allow it.`;
    case 'explicit-deny':
      return `${stmtName(r.denies[0] as StatementRef)} explicitly denies ${what}. An explicit deny in any applicable policy overrides every allow.`;
    case 'no-explicit-deny':
      return `No Deny statement applies in the ${r.policies} ${r.policies === 1 ? 'policy' : 'policies'} considered.`;
    case 'org-exempt': {
      const { id } = org(r.kind);
      if (r.why === 'given' && r.exemption !== undefined) return r.exemption;
      if (r.why === 'not-member')
        return `SCPs restrict only principals of member accounts; ${who} is not one.`;
      if (r.why === 'service-linked') return `${id}s do not restrict service-linked roles.`;
      return `No ${id} applies to this request.`;
    }
    case 'org-level-denies': {
      const { id, whose } = org(r.kind);
      return `At ${r.level}, no ${id} allows ${what}. Every level from the organization root down to the ${whose} account must allow the request.`;
    }
    case 'org-all-levels-allow': {
      const { id, whose } = org(r.kind);
      return `At every level from the root down to the ${whose} account, an ${id} allows ${what}.`;
    }
    case 'endpoint-misses-behind':
      return `The request came through VPC endpoint ${r.endpoint} to an access point; its endpoint policy allows ${what} but not ${c.action} on ${r.behind} behind it. Through an access point, the endpoint policy must allow both.`;
    case 'endpoint-allows':
      return `The request came through VPC endpoint ${r.endpoint}, and its endpoint policy allows ${what}. The endpoint policy only limits: the other policies must still allow.`;
    case 'endpoint-denies':
      return `The request came through VPC endpoint ${r.endpoint}, and its endpoint policy does not allow ${what} for this caller. Every request through an endpoint must be allowed by the endpoint policy as well.`;
    case 'origin-matches':
      return `Access point ${r.accessPoint} accepts requests only from VPC ${r.vpc} (network origin VPC), and this request comes from it.`;
    case 'origin-differs':
      return `Access point ${r.accessPoint} accepts requests only from VPC ${r.vpc} (network origin VPC); this request comes ${r.from === undefined ? 'from the internet (no VPC endpoint)' : `from VPC ${r.from}`}, so S3 refuses it whatever the policies say.`;
    case 'rp-allows-caller':
      return `${rpName} allows ${what} to ${who}.`;
    case 'rp-needed':
      return `${capital(who)} has no identity policies: only a resource-based policy that allows ${neededPrincipal(r.needed, caller)} can allow it, and ${r.hasPolicy ? `${rpName} does not` : 'this resource has none'}.`;
    case 'rp-allows-provider':
      return `${rpName} allows ${what} to the identity provider ${caller.arn}.`;
    case 'federated-not-assume':
      return `A federated identity can only assume a role (sts:AssumeRoleWithWebIdentity or sts:AssumeRoleWithSAML) whose trust policy names its provider; it has no other permissions.`;
    case 'federated-trust-missing':
      return `The trust policy of role ${roleName(c.resource)} does not allow ${c.action} by {"Federated": "${caller.arn}"}.`;
    case 'root-cannot-assume':
      return 'The account root user cannot assume roles ("IAM roles" page: roles are assumed by IAM users, roles, services and federated identities, never by the root user).';
    case 'key-policy-missing':
      return `${rpName} does not allow ${who}. A KMS key policy must allow access, itself or by delegating to the account (Principal arn:aws:iam::${acct}:root), ${r.root ? 'even for the root user' : 'before any identity policy counts'}.`;
    case 'root-own-account':
      return r.hasPolicy
        ? `${rpName} ${r.allows ? 'allows' : 'does not need to allow'} this for the account's own root user.`
        : 'The resource has no resource-based policy.';
    case 'root-cross-account-allowed':
      return `${rpName} allows ${what} to account ${acct}; its root user has every permission in its own account, so both sides allow.`;
    case 'root-cross-account-missing':
      return `This request crosses accounts (${acct} → ${c.resourceAccount}), so the resource-based policy must allow it, and ${r.hasPolicy ? `${rpName} does not` : 'the resource has none'}.`;
    case 'trust-missing':
      return `${r.hasPolicy ? `The trust policy of role ${roleName(c.resource)} does not allow` : `Role ${roleName(c.resource)} has no trust policy that allows`} ${who} to perform ${c.action}. A role can be assumed only when its trust policy allows it, even within its own account; an identity policy alone is never enough.`;
    case 'cross-account-missing':
      return `This request crosses accounts (${acct} → ${c.resourceAccount}): the resource-based policy must allow it as well as the identity policies of the caller, and ${r.hasPolicy ? `${rpName} does not allow it` : 'the resource has no resource-based policy'} ("Cross-account policy evaluation logic").`;
    case 'direct-grant':
      return `${rpName} allows ${what} to ${who}, named as ${namedAsWords(r.namedAs)}, in the same account: that grants access on its own, without an identity policy${r.limitsIgnored ? ', and an implicit deny in a permissions boundary or session policy does not limit it' : ''}.`;
    case 'direct-grant-limited':
      return `${rpName} allows ${what} to ${who} by ${namedAsWords(r.namedAs)}; in the same account that grants on its own, but the ${[r.boundary ? 'permissions boundary' : '', r.session ? 'session policy' : ''].filter(Boolean).join(' and ')} still limit${r.boundary && r.session ? '' : 's'} it.`;
    case 'delegates-to-account':
      return `${rpName} allows ${what} to account ${acct} as a whole: that delegates to the account's identity policies, which must allow it too.`;
    case 'cross-account-allows':
      return `${rpName} allows ${what} to ${who}; across accounts, the caller's identity policies must allow it too.`;
    case 'no-resource-policy':
      return 'The resource has no resource-based policy; identity policies decide.';
    case 'rp-does-not-allow':
      return `${rpName} does not allow ${what} to ${who}; in the same account an identity policy can still allow it.`;
    case 'root-full-access':
      return `${capital(who)} has full access to its own account's resources; no identity policy is needed.`;
    case 'identity-not-needed':
      return `Not needed: ${rpName} grants this directly.`;
    case 'identity-no-allow': {
      const owner = describeIdentityOwner(caller);
      return r.count === 0
        ? `${capital(owner)} has no identity-based policies, so nothing allows ${what}.`
        : r.count === 1
          ? `The identity-based policy ${r.only} of ${owner} does not allow ${what}.`
          : `None of the ${r.count} identity-based policies of ${owner} allows ${what}.`;
    }
    case 'identity-allows':
      return `${stmtName(r.statement)} allows ${what}.`;
    case 'boundary-not-limiting':
      return `An implicit deny in the permissions boundary does not limit what a same-account resource-based policy grants to ${namedAsWords(r.namedAs)}.`;
    case 'boundary-denies':
      return `The permissions boundary ${r.name} does not allow ${what}. A boundary sets the most that identity policies${r.direct ? ' and resource-based grants to the role ARN' : ''} can allow.`;
    case 'boundary-allows':
      return `The permissions boundary ${r.name} allows ${what}.`;
    case 'session-not-limiting':
      return `A session policy does not limit what a resource-based policy grants to the session ARN.`;
    case 'session-denies':
      return `No session policy allows ${what}. Session policies limit what the session may do.`;
    case 'session-allows':
      return `A session policy allows ${what}.`;
    case 'final-direct':
      return `${rpName} grants ${what} and the limits that apply to that grant allow it.`;
    case 'final-identity':
      return `${r.statement ? stmtName(r.statement) : 'An identity policy'} allows ${what}${r.resourcePolicyToo ? ` and ${rpName} allows it too` : ''}; no step denied it.`;
    case 's3-acl':
      return r.detail;
    case 'grant-allows':
      return `${r.detail}${r.viaAccount ? ' The grant names the account, and an identity policy of the caller allows it.' : ''} A grant allows on its own what the key policy and identity policies did not.`;
    case 'grant-none':
      return `No grant allows it. ${r.grants
        .map((g) =>
          g.needsIdentity
            ? `${g.detail} It names the account, so an identity policy must allow too, and none does.`
            : g.detail,
        )
        .join(' ')}`;
    case 'layer-policy-allows':
      return `${policyOf(r.layer)} allows ${layerWhat(c, r.layer)} to this caller${r.wildcard ? ' (Principal "*", within its conditions)' : ''}, so this layer permits it as well.`;
    case 'layer-account-and-identity':
      return `${policyOf(r.layer)} allows ${layerWhat(c, r.layer)} to the caller's account ${caller.account}, and the caller's identity policies allow it, so this layer permits it as well.`;
    case 'layer-own-account': {
      const policy = policyOf(r.layer);
      return `The caller belongs to account ${r.layer.account}, which owns ${r.layer.name}, and ${r.root ? 'its root user needs no policy there' : "that account's identity policies allow the request"}; ${policy ? `${policy} need not name it` : 'it has no policy of its own, and needs none'}.`;
    }
    case 'layer-refuses': {
      const { layer } = r;
      const policy = policyOf(layer);
      const why = r.sameAccount
        ? `the caller's identity policies do not allow it and ${policy ?? `${layer.name} has no policy that`} does not allow it either`
        : `the caller is not of account ${layer.account ?? '(unknown)'}, which owns ${layer.name}, so ${policy ? `${policy} must allow it, and it does not` : `only a policy on it could permit the request, and it has none`}`;
      return `${capital(layer.name)} must permit ${layerWhat(c, layer)} too, and ${why}.`;
    }
    case 'bpa-lets-through':
    case 'bpa-blocks':
      return r.why;
    case 'error':
      return errorWords(r.message);
  }
}

/** Why a request could not be evaluated at all. */
export function errorWords(message: string): string {
  return `The request could not be evaluated: ${message}.`;
}

function neededPrincipal(needed: 'anonymous' | 'service', caller: Principal): string {
  return needed === 'anonymous'
    ? 'Principal "*"'
    : `Principal {"Service": "${caller.serviceName ?? caller.arn}"} (or "*")`;
}

/** What would have to change for a step that denied to let the request through. */
export function advice(r: StepReason, c: ExplainContext): string[] {
  const { what, rpName, acct } = parts(c);
  const { caller, action, resource } = c;
  const idSuggestion = `add an Allow for ${what} to an identity policy of ${describeIdentityOwner(caller)}`;
  const bothSides = `${idSuggestion} (across accounts, both sides must allow)`;
  switch (r.code) {
    case 'caller-federated-user-iam':
      return ['call the IAM operation as the IAM user itself, or as a role session'];
    case 'caller-session-token':
      return r.limit === 'sts'
        ? [`call ${r.operation} with the long-term access key, not the GetSessionToken credentials`]
        : [
            'call GetSessionToken again with the MFA device (--serial-number and --token-code), or use the long-term access key',
          ];
    case 'caller-cannot-call':
      if (r.federation === undefined) return [`call ${r.operation} as ${r.allowedWho}`];
      return [
        `make the request as the identity provider (arn:aws:iam::ACCOUNT:${r.federation === 'saml' ? 'saml-provider/NAME' : 'oidc-provider/HOST'}) whose ${r.federation === 'saml' ? 'assertion' : 'token'} is presented`,
      ];
    case 'explicit-deny':
      return r.denies.map((d) => `remove or narrow the Deny in ${stmtName(d)}`);
    case 'org-level-denies':
      return [
        r.kind === 'scp'
          ? `attach an SCP at ${r.level} that allows ${what} (for example FullAWSAccess)`
          : `an RCP attached at ${r.level} must allow ${what} (RCPFullAWSAccess does)`,
      ];
    case 'endpoint-misses-behind':
      return [`the policy of VPC endpoint ${r.endpoint} must allow ${action} on ${r.behind} too`];
    case 'endpoint-denies':
      return [
        `the policy of VPC endpoint ${r.endpoint} must allow ${what} for this caller (or send the request another way)`,
      ];
    case 'origin-differs':
      return [
        `send the request through a VPC endpoint in ${r.vpc}`,
        'or use an access point with network origin Internet',
      ];
    case 'rp-needed':
      return [
        `the resource-based policy of ${resource} must allow ${neededPrincipal(r.needed, caller)} to perform ${action}`,
      ];
    case 'federated-not-assume':
      return [
        `assume a role whose trust policy allows {"Federated": "${caller.arn}"}, then make the request as that role`,
      ];
    case 'federated-trust-missing':
      return [
        `the trust policy of role ${roleName(resource)} must allow {"Federated": "${caller.arn}"} to perform ${action}`,
      ];
    case 'key-policy-missing':
      return [
        r.root
          ? `the key policy must allow arn:aws:iam::${acct}:root to perform ${action}`
          : `the key policy must allow ${caller.arn} (or delegate to account ${acct} with Principal arn:aws:iam::${acct}:root) to perform ${action}`,
      ];
    case 'root-cross-account-missing':
      return [
        `the resource-based policy of ${resource} must allow account ${acct} (arn:aws:iam::${acct}:root) to perform ${action}`,
      ];
    case 'trust-missing':
      return [
        `the trust policy of role ${roleName(resource)} must allow ${caller.arn}${caller.roleArn ? ` (or ${caller.roleArn})` : ''} to perform ${action}`,
        ...(r.identityToo ? [bothSides] : []),
      ];
    case 'cross-account-missing':
      return [
        `the resource-based policy of ${resource} must allow ${caller.arn} (or account ${acct}) to perform ${action}`,
        ...(r.identityToo ? [bothSides] : []),
      ];
    case 'identity-no-allow':
      return [
        idSuggestion,
        ...(r.offerResourcePolicy
          ? [
              `or let ${rpName} allow ${caller.arn} directly${r.trust ? '' : ' (in the same account that is enough)'}`,
            ]
          : []),
      ];
    case 'boundary-denies':
      return [`the permissions boundary ${r.name} must allow ${what}`];
    case 'session-denies':
      return [`the session policy must allow ${what}`];
    case 'grant-none':
      return [`or create a KMS grant for ${caller.roleArn ?? caller.arn} with this operation`];
    case 'layer-refuses': {
      const { layer } = r;
      return [
        `${policyOf(layer) ?? `a policy on ${layer.name}`} must allow ${layerWhat(c, layer)} for this caller${layer.advice ? ` (${layer.advice})` : ''}`,
      ];
    }
    case 'bpa-blocks':
      return [
        `make the policy of bucket ${r.bucket} not public (limit ${r.sid !== undefined ? `statement "${r.sid}"` : 'its public statement'} to fixed principals or fixed condition values)`,
        `or turn RestrictPublicBuckets off on the ${r.setBy || 'bucket and account'}`,
      ];
    default:
      return [];
  }
}

/** A note's text. */
export function noteText(n: NoteReason, c: ExplainContext): string {
  switch (n.code) {
    case 'given':
      return n.text;
    case 'identity-ignored':
      return `Identity policies were ignored: ${describeCaller(c.caller)} has none of its own.`;
    case 'bpa-already-denied':
      return `${capital(n.why)} (The policies deny it already.)`;
  }
}
