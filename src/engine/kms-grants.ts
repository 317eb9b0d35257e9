/**
 * KMS grants, following AWS KMS's pages "Grants in AWS KMS", "Grant constraints" (API
 * reference: GrantConstraints) and "Retiring and revoking grants":
 *
 * - a grant lets its grantee principal call the grant's operations on its one key; it can allow,
 *   never deny, so an explicit Deny in any policy still wins, and SCPs, RCPs and VPC endpoint
 *   policies still limit the request (they are decided before grants are looked at);
 * - the grantee is a user, a role (then every session of the role), one role session, or an
 *   account (`arn:aws:iam::A:root`). A grant to an account is our reading of AWS's delegation
 *   rule: like a key policy naming the account, it lets the account's identity policies decide,
 *   so the caller's identity policies must allow the operation too;
 * - EncryptionContextEquals / EncryptionContextSubset apply only to the operations that take an
 *   encryption context (the symmetric cryptographic operations); DescribeKey, CreateGrant and
 *   RetireGrant are allowed whatever the constraint says. In a constraint, context keys compare
 *   without regard to case and values with it. The request's encryption context is its
 *   `kms:EncryptionContext:<key>` condition keys;
 * - the grant's retiring principal may call RetireGrant even when the grant does not list it.
 */
import type { ContextValue, KmsGrant, Principal } from './types.ts';

/** The operations a grant may list ("Grants in AWS KMS": grant operations). */
export const GRANT_OPERATIONS = [
  'Decrypt',
  'Encrypt',
  'GenerateDataKey',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateMac',
  'ReEncryptFrom',
  'ReEncryptTo',
  'Sign',
  'Verify',
  'VerifyMac',
  'GetPublicKey',
  'DeriveSharedSecret',
  'DescribeKey',
  'CreateGrant',
  'RetireGrant',
] as const;

/** Operations that take an encryption context, to which a constraint applies. */
const WITH_CONTEXT = new Set([
  'decrypt',
  'encrypt',
  'generatedatakey',
  'generatedatakeypair',
  'generatedatakeypairwithoutplaintext',
  'generatedatakeywithoutplaintext',
  'reencryptfrom',
  'reencryptto',
]);

const CONTEXT_PREFIX = 'kms:encryptioncontext:';

/** How one grant compared with the request. */
export interface GrantMatch {
  grant: KmsGrant;
  /** True when the grant allows the request (given, for an account grantee, an identity allow). */
  allows: boolean;
  /** The grant names the caller's account, not the caller: identity policies must allow too. */
  viaAccount: boolean;
  /** Plain explanation for the trace. */
  detail: string;
}

/** The grant operation a request's action stands for (`kms:Decrypt` → `decrypt`). */
function operationsOf(actionLower: string): string[] {
  const op = actionLower.startsWith('kms:') ? actionLower.slice(4) : '';
  return op ? [op] : [];
}

/** Whether `arn` names the caller: the caller's ARN, its role's ARN, or (as account) its root. */
function names(arn: string, caller: Principal): 'self' | 'account' | undefined {
  if (arn === caller.arn || (caller.roleArn !== undefined && arn === caller.roleArn)) return 'self';
  const m = /^arn:aws[a-z-]*:iam::(\d{12}):root$/.exec(arn);
  if (m && caller.account === m[1] && caller.type !== 'root') return 'account';
  if (m && caller.type === 'root' && caller.arn === arn) return 'self';
  return undefined;
}

/** The request's encryption context (`kms:EncryptionContext:<key>` keys), by lowercased key. */
function requestContext(
  context: Record<string, ContextValue>,
): Map<string, { key: string; value: string }> {
  const out = new Map<string, { key: string; value: string }>();
  for (const [key, value] of Object.entries(context)) {
    if (key.toLowerCase().startsWith(CONTEXT_PREFIX) && typeof value === 'string') {
      const name = key.slice(CONTEXT_PREFIX.length);
      out.set(name.toLowerCase(), { key: name, value });
    }
  }
  return out;
}

/** An operation as AWS spells it, e.g. `decrypt` → `Decrypt`. */
function opName(lower: string): string {
  return GRANT_OPERATIONS.find((o) => o.toLowerCase() === lower) ?? lower;
}

function pairs(record: Record<string, string>): string {
  const list = Object.entries(record).map(([k, v]) => `${k}=${v}`);
  return list.length > 0 ? list.join(', ') : '(none)';
}

/** Whether the request's encryption context meets the grant's constraint; `why` when it does not. */
function constraintHolds(
  grant: KmsGrant,
  context: Map<string, { key: string; value: string }>,
): { ok: boolean; why: string } {
  const equals = grant.constraints?.encryptionContextEquals;
  const subset = grant.constraints?.encryptionContextSubset;
  const given = Object.fromEntries([...context.values()].map((e) => [e.key, e.value]));
  if (equals) {
    const want = new Map(Object.entries(equals).map(([k, v]) => [k.toLowerCase(), v]));
    const ok =
      want.size === context.size && [...want].every(([k, v]) => context.get(k)?.value === v);
    return {
      ok,
      why: `its constraint EncryptionContextEquals {${pairs(equals)}} ${ok ? 'equals' : 'does not equal'} the request's encryption context {${pairs(given)}}`,
    };
  }
  if (subset) {
    const ok = Object.entries(subset).every(([k, v]) => context.get(k.toLowerCase())?.value === v);
    return {
      ok,
      why: `its constraint EncryptionContextSubset {${pairs(subset)}} is ${ok ? '' : 'not '}contained in the request's encryption context {${pairs(given)}}`,
    };
  }
  return { ok: true, why: '' };
}

/** Compares every grant with the request. */
export function matchGrants(
  grants: readonly KmsGrant[],
  caller: Principal,
  actionLower: string,
  context: Record<string, ContextValue>,
): GrantMatch[] {
  const ops = operationsOf(actionLower);
  const encryptionContext = requestContext(context);
  return grants.map((grant) => {
    const label = `Grant ${grant.name}`;
    const retiring =
      ops[0] === 'retiregrant' &&
      grant.retiringPrincipal !== undefined &&
      names(grant.retiringPrincipal, caller) !== undefined;
    const who = names(grant.grantee, caller);
    if (retiring) {
      const via = names(grant.retiringPrincipal as string, caller) === 'account';
      return {
        grant,
        allows: true,
        viaAccount: via,
        detail: `${label} names ${grant.retiringPrincipal} as its retiring principal, which may retire it.`,
      };
    }
    if (!who)
      return {
        grant,
        allows: false,
        viaAccount: false,
        detail: `${label} is for ${grant.grantee}, not for ${caller.arn}.`,
      };
    const listed = grant.operations.map((o) => o.toLowerCase());
    const op = ops.find((o) => listed.includes(o));
    if (!op)
      return {
        grant,
        allows: false,
        viaAccount: false,
        detail: `${label} allows ${grant.operations.join(', ') || 'no operation'}, not ${ops.map(opName).join(' or ') || actionLower}.`,
      };
    if (WITH_CONTEXT.has(op)) {
      const c = constraintHolds(grant, encryptionContext);
      if (!c.ok)
        return {
          grant,
          allows: false,
          viaAccount: false,
          detail: `${label} does not apply: ${c.why}.`,
        };
      return {
        grant,
        allows: true,
        viaAccount: who === 'account',
        detail: `${label} allows ${grant.grantee} to call ${opName(op)}${c.why ? `, and ${c.why}` : ''}.`,
      };
    }
    return {
      grant,
      allows: true,
      viaAccount: who === 'account',
      detail: `${label} allows ${grant.grantee} to call ${opName(op)}${grant.constraints ? ' (its constraint does not apply to this operation)' : ''}.`,
    };
  });
}
