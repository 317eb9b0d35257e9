/**
 * Findings for the credential habits the IAM guides teach (AWS's "Security best practices in
 * IAM"): the root user without MFA or with access keys; console users without MFA; access keys
 * not rotated in 90 days, unused, or two active at once; a password policy weaker than the
 * guides' recommendation; the same inline policy on several users (a group would serve); a
 * customer managed policy that repeats an AWS managed one.
 */
import type { JsonPath } from '../engine/index.ts';
import { canonicalPolicy as canonical, policyDigest } from '../data/policy-canonical.js';
import { DOCS } from './docs.ts';
import { isObject } from './statements.ts';
import type { Finding } from './types.ts';

export interface CredentialCheckOptions {
  /** The clock for key ages (default: now). */
  now?: Date;
  /** AWS managed policy documents by ARN; without them no duplicate is looked for. */
  managedPolicies?: ReadonlyMap<string, unknown>;
}

/**
 * Whether the checks need every AWS managed policy document (`managedPolicies`): only a world with
 * customer managed policies can hold a copy of one, and the catalog is big, so it loads only then.
 */
export function needsManagedPolicies(scenario: unknown): boolean {
  const accounts =
    isObject(scenario) && Object.hasOwn(scenario, 'accounts') ? scenario['accounts'] : undefined;
  return Object.values(isObject(accounts) ? accounts : {}).some(
    (a) => isObject(a) && isObject(a['policies']) && Object.keys(a['policies']).length > 0,
  );
}

/**
 * Whether a customer managed policy of the scenario may repeat an AWS managed one, judged from
 * the digests of the AWS documents' canonical forms (`digests`, generated; no document needed):
 * false means no duplicate finding is possible, so the documents need not load.
 */
export function mayDuplicateManagedPolicy(
  scenario: unknown,
  digests: ReadonlySet<string>,
): boolean {
  const accounts =
    isObject(scenario) && Object.hasOwn(scenario, 'accounts') ? scenario['accounts'] : undefined;
  return Object.values(isObject(accounts) ? accounts : {}).some(
    (a) =>
      isObject(a) &&
      entries(a['policies']).some(([, document]) => {
        const key = canonical(document);
        return key !== undefined && digests.has(policyDigest(key));
      }),
  );
}

/** The guides' password policy (and CIS's): 14 characters, all four kinds, 90 days, 24 remembered. */
export const RECOMMENDED_PASSWORD_POLICY = {
  MinimumPasswordLength: 14,
  RequireSymbols: true,
  RequireNumbers: true,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  AllowUsersToChangePassword: true,
  MaxPasswordAge: 90,
  PasswordReusePrevention: 24,
} as const;

const DAY = 86_400_000;
/** Rotate access keys at least every 90 days; credentials unused for 90 days should go. */
export const KEY_MAX_AGE_DAYS = 90;

const entries = (value: unknown): [string, unknown][] =>
  isObject(value) ? Object.entries(value) : [];
const array = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const days = (from: string, now: Date) => Math.floor((now.getTime() - Date.parse(from)) / DAY);

function rootFindings(account: string, root: Record<string, unknown>): Finding[] {
  const base: JsonPath = ['accounts', account, 'rootUser'];
  const found: Finding[] = [];
  if (root['accessKeys'] === true)
    found.push({
      code: 'root-user-access-keys',
      severity: 'error',
      message: `The root user of ${account} has access keys: anyone holding them can do anything in the account, and no policy limits them. Delete them and use IAM users or roles.`,
      path: [...base, 'accessKeys'],
      docs: DOCS.rootUser,
      fix: {
        description: "Delete the root user's access keys",
        path: [...base, 'accessKeys'],
        replacement: false,
      },
    });
  if (root['mfa'] === false)
    found.push({
      code: 'root-user-without-mfa',
      severity: 'error',
      message: `The root user of ${account} has no MFA: its password alone opens the whole account. Enable MFA for it.`,
      path: [...base, 'mfa'],
      docs: DOCS.rootUser,
      fix: {
        description: 'Enable MFA for the root user',
        path: [...base, 'mfa'],
        replacement: true,
      },
    });
  return found;
}

function userFindings(
  account: string,
  name: string,
  user: Record<string, unknown>,
  now: Date,
): Finding[] {
  const base: JsonPath = ['accounts', account, 'users', name];
  const found: Finding[] = [];
  if (isObject(user['loginProfile']) && array(user['mfaDevices']).length === 0)
    found.push({
      code: 'console-user-without-mfa',
      severity: 'warning',
      message: `User ${name} signs in to the console with a password and has no MFA device: a stolen password is enough. Enable a virtual MFA device (create-virtual-mfa-device, enable-mfa-device).`,
      path: [...base, 'loginProfile'],
      docs: DOCS.mfa,
      fix: {
        description: `Enable the virtual MFA device arn:aws:iam::${account}:mfa/${name}`,
        path: [...base, 'mfaDevices'],
        replacement: [{ serial: `arn:aws:iam::${account}:mfa/${name}` }],
      },
    });
  const keys = array(user['accessKeys']);
  keys.forEach((key, i) => {
    if (!isObject(key) || key['status'] !== 'Active') return;
    const id = String(key['id']);
    const created = typeof key['created'] === 'string' ? key['created'] : undefined;
    const lastUsed = typeof key['lastUsed'] === 'string' ? key['lastUsed'] : undefined;
    if (created !== undefined && days(created, now) > KEY_MAX_AGE_DAYS)
      found.push({
        code: 'access-key-not-rotated',
        severity: 'warning',
        message: `Access key ${id} of ${name} is ${days(created, now)} days old: rotate keys at least every ${KEY_MAX_AGE_DAYS} days (create a second key, move to it, deactivate and delete the old one).`,
        path: [...base, 'accessKeys', i, 'created'],
        docs: DOCS.accessKeys,
      });
    const idle = lastUsed ?? created;
    if (idle !== undefined && days(idle, now) > KEY_MAX_AGE_DAYS)
      found.push({
        code: 'access-key-unused',
        severity: 'warning',
        message: `Access key ${id} of ${name} ${lastUsed === undefined ? 'has never been used' : `was last used ${days(lastUsed, now)} days ago`}: an active key nobody uses is only a risk. Deactivate or delete it.`,
        path: [...base, 'accessKeys', i],
        docs: DOCS.accessKeys,
        fix: {
          description: `Deactivate ${id}`,
          path: [...base, 'accessKeys', i, 'status'],
          replacement: 'Inactive',
        },
      });
  });
  const active = keys
    .map((k, i) => ({ k, i }))
    .filter(({ k }) => isObject(k) && k['status'] === 'Active');
  if (active.length >= 2) {
    // The older key (by created date when known, else the first) is the one to retire.
    const older = [...active].sort((a, b) =>
      String((a.k as Record<string, unknown>)['created'] ?? '').localeCompare(
        String((b.k as Record<string, unknown>)['created'] ?? ''),
      ),
    )[0]!;
    found.push({
      code: 'two-active-access-keys',
      severity: 'info',
      message: `User ${name} has two active access keys. Two are meant only for the moment of a rotation: once the new key works everywhere, deactivate the old one.`,
      path: [...base, 'accessKeys'],
      docs: DOCS.accessKeys,
      fix: {
        description: `Deactivate the older key ${String((older.k as Record<string, unknown>)['id'])}`,
        path: [...base, 'accessKeys', older.i, 'status'],
        replacement: 'Inactive',
      },
    });
  }
  return found;
}

/** What a password policy lacks against the recommendation, in words. */
export function passwordPolicyGaps(policy: Record<string, unknown> | undefined): string[] {
  const p = policy ?? {};
  const gaps: string[] = [];
  const min =
    typeof p['MinimumPasswordLength'] === 'number' ? p['MinimumPasswordLength'] : policy ? 6 : 8;
  if (min < 14) gaps.push(`passwords of ${min} characters (14 recommended)`);
  for (const [key, what] of [
    ['RequireSymbols', 'symbols'],
    ['RequireNumbers', 'numbers'],
    ['RequireUppercaseCharacters', 'uppercase letters'],
    ['RequireLowercaseCharacters', 'lowercase letters'],
  ] as const)
    if (p[key] !== true) gaps.push(`no required ${what}`);
  const age = p['MaxPasswordAge'];
  if (typeof age !== 'number' || age > 90)
    gaps.push(
      typeof age === 'number'
        ? `passwords expire after ${age} days (90 recommended)`
        : 'passwords never expire',
    );
  const reuse = p['PasswordReusePrevention'];
  if (typeof reuse !== 'number' || reuse < 24)
    gaps.push(
      `${typeof reuse === 'number' ? `only ${reuse}` : 'no'} previous passwords remembered (24 recommended)`,
    );
  return gaps;
}

const indexes = new WeakMap<ReadonlyMap<string, unknown>, Map<string, string>>();
function managedIndex(catalog: ReadonlyMap<string, unknown>): Map<string, string> {
  let index = indexes.get(catalog);
  if (!index) {
    index = new Map();
    for (const [arn, document] of catalog) {
      const key = canonical(document);
      if (key !== undefined && !index.has(key)) index.set(key, arn);
    }
    indexes.set(catalog, index);
  }
  return index;
}

/** Every credential and best-practice finding of a scenario. */
export function credentialFindings(
  scenario: Record<string, unknown>,
  options: CredentialCheckOptions = {},
): Finding[] {
  const now = options.now ?? new Date();
  const found: Finding[] = [];
  for (const [account, data] of entries(scenario['accounts'])) {
    if (!isObject(data)) continue;
    if (isObject(data['rootUser'])) found.push(...rootFindings(account, data['rootUser']));
    const users = entries(data['users']);
    for (const [name, user] of users)
      if (isObject(user)) found.push(...userFindings(account, name, user, now));

    const policy = isObject(data['passwordPolicy']) ? data['passwordPolicy'] : undefined;
    const consoleUsers = users.some(([, u]) => isObject(u) && isObject(u['loginProfile']));
    if (policy || consoleUsers) {
      const gaps = passwordPolicyGaps(policy);
      if (gaps.length > 0)
        found.push({
          code: 'weak-password-policy',
          severity: 'warning',
          message: `${policy ? `The password policy of ${account}` : `Account ${account} has no password policy, so AWS's default applies to its console users; it`} allows ${gaps.join(', ')}.`,
          path: policy ? ['accounts', account, 'passwordPolicy'] : ['accounts', account],
          docs: DOCS.passwordPolicy,
          fix: {
            description: 'Use the recommended password policy',
            path: ['accounts', account, 'passwordPolicy'],
            replacement: { ...RECOMMENDED_PASSWORD_POLICY },
          },
        });
    }

    // The same inline policy on several users: one managed policy on a group would serve.
    const inline = new Map<string, { user: string; name: string }[]>();
    for (const [user, def] of users) {
      if (!isObject(def)) continue;
      for (const [policyName, document] of entries(def['inline'])) {
        const key = canonical(document);
        if (key !== undefined)
          inline.set(key, [...(inline.get(key) ?? []), { user, name: policyName }]);
      }
    }
    for (const copies of inline.values()) {
      if (copies.length < 2) continue;
      const who = copies.map((c) => c.user).join(', ');
      for (const { user, name } of copies)
        found.push({
          code: 'inline-policy-on-users',
          severity: 'info',
          message: `Users ${who} each carry the same inline policy. One customer managed policy attached to a group they belong to gives the same permissions and is changed in one place.`,
          path: ['accounts', account, 'users', user, 'inline', name],
          docs: DOCS.userGroups,
        });
    }

    if (options.managedPolicies) {
      const index = managedIndex(options.managedPolicies);
      for (const [name, document] of entries(data['policies'])) {
        const key = canonical(document);
        const same = key === undefined ? undefined : index.get(key);
        if (same === undefined) continue;
        found.push({
          code: 'duplicates-managed-policy',
          severity: 'info',
          message: `Customer managed policy ${name} grants exactly what the AWS managed policy ${same.slice(same.lastIndexOf('/') + 1)} grants. Attach ${same} instead: AWS keeps it up to date.`,
          path: ['accounts', account, 'policies', name],
          docs: DOCS.managedPolicies,
        });
      }
    }
  }
  return found;
}
