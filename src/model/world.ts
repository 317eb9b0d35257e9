/**
 * Lookups in a scenario's world: accounts, their entities, and policy references.
 * Every lookup reads own properties only (see own.ts).
 */
import type { JsonPath } from '../engine/index.ts';
import { MANAGED_POLICY_PREFIX } from '../data/managed-policies.ts';
import { editDistance } from '../data/edit-distance.ts';
import { isArn, parseArn } from './arn.ts';
import { getOwn, isRecord } from './own.ts';
import type {
  Account,
  InstanceProfile,
  ResourceEntry,
  Role,
  Scenario,
  User,
} from './scenario-types.ts';

export function getAccount(scenario: Scenario, id: string): Account | undefined {
  const account = getOwn(scenario.accounts, id);
  return isRecord(account) ? (account as Account) : undefined;
}

export function getUser(account: Account | undefined, name: string): User | undefined {
  const user = getOwn(account?.users, name);
  return isRecord(user) ? (user as User) : undefined;
}

export function getRole(account: Account | undefined, name: string): Role | undefined {
  const role = getOwn(account?.roles, name);
  return isRecord(role) ? (role as Role) : undefined;
}

export function getInstanceProfile(
  account: Account | undefined,
  name: string,
): InstanceProfile | undefined {
  const profile = getOwn(account?.instanceProfiles, name);
  return isRecord(profile) ? (profile as InstanceProfile) : undefined;
}

export function getResourceEntry(scenario: Scenario, arn: string): ResourceEntry | undefined {
  const entry = getOwn(scenario.resources, arn);
  return isRecord(entry) ? (entry as ResourceEntry) : undefined;
}

/**
 * A key of `record` close to `name`, for "did you mean" hints: equal ignoring case first,
 * else within two edits.
 */
export function caseInsensitiveMatch(record: unknown, name: string): string | undefined {
  if (!isRecord(record)) return undefined;
  const lower = name.toLowerCase();
  const keys = Object.keys(record);
  return (
    keys.find((key) => key.toLowerCase() === lower) ??
    keys.find((key) => editDistance(key, name, 2) <= 2)
  );
}

/** What a policy reference (in a `policies` list or a `boundary`) points to. */
export type PolicyRefTarget =
  | {
      kind: 'customer';
      account: string;
      name: string;
      arn: string;
      id: JsonPath;
      document: unknown;
    }
  | { kind: 'aws'; arn: string; name: string }
  | { kind: 'error'; code: string; message: string };

/**
 * Reads a policy reference made in `account`: a customer managed policy's name in that account,
 * its ARN, or an AWS managed policy ARN. `isManaged` says whether the catalog has an AWS managed ARN.
 */
export function resolvePolicyRef(
  scenario: Scenario,
  accountId: string,
  ref: string,
  isManaged: (arn: string) => boolean,
): PolicyRefTarget {
  const account = getAccount(scenario, accountId);
  if (ref.startsWith(MANAGED_POLICY_PREFIX)) {
    if (isManaged(ref)) return { kind: 'aws', arn: ref, name: ref.slice(ref.lastIndexOf('/') + 1) };
    return {
      kind: 'error',
      code: 'unknown-managed-policy',
      message: `"${ref}" is not an AWS managed policy.`,
    };
  }
  let name = ref;
  if (isArn(ref)) {
    const arn = parseArn(ref);
    if (!arn || arn.service !== 'iam' || !arn.resource.startsWith('policy/')) {
      return {
        kind: 'error',
        code: 'invalid-policy-reference',
        message: `"${ref}" is not a policy ARN.`,
      };
    }
    if (arn.account !== accountId) {
      return {
        kind: 'error',
        code: 'foreign-policy',
        message: `"${ref}" belongs to account ${arn.account}; an identity in account ${accountId} can only use its own account's customer managed policies and AWS managed policies.`,
      };
    }
    name = arn.resource.slice('policy/'.length);
    // Customer managed policies in the format have no path: their ARN is .../policy/NAME.
    if (name.includes('/')) {
      return {
        kind: 'error',
        code: 'unknown-policy',
        message: `"${ref}" names no customer managed policy of account ${accountId} (policies here have no path: arn:aws:iam::${accountId}:policy/NAME).`,
      };
    }
  }
  if (isRecord(account?.policies) && Object.hasOwn(account.policies, name)) {
    return {
      kind: 'customer',
      account: accountId,
      name,
      arn: `arn:aws:iam::${accountId}:policy/${name}`,
      id: ['accounts', accountId, 'policies', name],
      document: account.policies[name],
    };
  }
  const near = caseInsensitiveMatch(account?.policies, name);
  const hint = near ? ` Did you mean "${near}"?` : '';
  return {
    kind: 'error',
    code: 'unknown-policy',
    message: `"${ref}" is not a customer managed policy of account ${accountId} (its "policies"), nor an AWS managed policy ARN.${hint}`,
  };
}
