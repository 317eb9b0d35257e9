/**
 * Credentials in the world (optional fields of format version 1): a user's console password
 * (login profile), access keys and MFA devices; an account's password policy and what its root
 * user has; and how a request's caller signed in (`signIn`). docs/scenario-format-notes.md
 * documents each field; public/schema/scenario-v1.schema.json says the same.
 *
 * This module validates those fields, decides whether a request's sign-in authenticates at all,
 * and sets the condition keys AWS derives from the kind of credentials (AWS's page "AWS global
 * condition context keys": aws:MultiFactorAuthPresent, aws:MultiFactorAuthAge,
 * aws:TokenIssueTime; and "Configuring MFA-protected API access").
 */
import type { ContextValue, JsonPath, Principal } from '../engine/index.ts';
import { getOwn, isRecord } from './own.ts';
import type { ScenarioProblem } from './scenario-types.ts';

/** A user's console password. Its presence means the user has a password. */
export interface LoginProfile {
  /** When the password was set (ISO 8601). */
  created?: string;
  passwordResetRequired?: boolean;
  /** When the password was last used to sign in (ISO 8601); absent: never. */
  lastUsed?: string;
}

export type AccessKeyStatus = 'Active' | 'Inactive';

export interface AccessKey {
  /** `AKIA` and 16 more letters or digits. */
  id: string;
  status: AccessKeyStatus;
  created?: string;
  /** When the key last signed a request (ISO 8601); absent: never used. */
  lastUsed?: string;
}

/** A virtual MFA device assigned to (enabled for) a user. */
export interface MfaDevice {
  /** `arn:aws:iam::ACCOUNT:mfa/NAME` */
  serial: string;
  /** When it was enabled for the user (ISO 8601). */
  enabled?: string;
}

/** AWS's password policy fields, named as GetAccountPasswordPolicy names them. */
export interface PasswordPolicy {
  MinimumPasswordLength?: number;
  RequireSymbols?: boolean;
  RequireNumbers?: boolean;
  RequireUppercaseCharacters?: boolean;
  RequireLowercaseCharacters?: boolean;
  AllowUsersToChangePassword?: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

/** What the account's root user has. Absent: the scenario does not say. */
export interface RootCredentials {
  /** Whether the root user has access keys. */
  accessKeys?: boolean;
  /** Whether MFA is enabled for the root user. */
  mfa?: boolean;
}

export type SignInMethod = 'password' | 'accessKey' | 'sessionToken' | 'roleSession';

/** How the caller of a request signed in. */
export interface SignIn {
  /**
   * `password`: the console, with the user's (or root's) password; `accessKey`: long-term access
   * keys (the CLI or an SDK); `sessionToken`: temporary credentials from `sts get-session-token`;
   * `roleSession`: a role session (AssumeRole).
   */
  method: SignInMethod;
  /** Whether MFA was used (console sign-in with MFA, get-session-token or assume-role with a code). */
  mfa?: boolean;
  /** The access key that signed the request (accessKey), or that called GetSessionToken. */
  accessKeyId?: string;
  /** When the credentials were issued and MFA was used (ISO 8601); default: the request's time. */
  at?: string;
}

export const USER_CREDENTIAL_KEYS = ['loginProfile', 'accessKeys', 'mfaDevices'] as const;
export const ACCOUNT_CREDENTIAL_KEYS = ['passwordPolicy', 'rootUser'] as const;
export const REQUEST_CREDENTIAL_KEYS = ['signIn'] as const;

const LOGIN_PROFILE_KEYS = ['created', 'passwordResetRequired', 'lastUsed'];
const ACCESS_KEY_KEYS = ['id', 'status', 'created', 'lastUsed'];
const MFA_KEYS = ['serial', 'enabled'];
const ROOT_KEYS = ['accessKeys', 'mfa'];
const SIGN_IN_KEYS = ['method', 'mfa', 'accessKeyId', 'at'];
export const SIGN_IN_METHODS: readonly SignInMethod[] = [
  'password',
  'accessKey',
  'sessionToken',
  'roleSession',
];

/** AWS's password policy fields: booleans, and the numbers with IAM's allowed ranges. */
export const PASSWORD_POLICY_NUMBERS = {
  MinimumPasswordLength: [6, 128],
  MaxPasswordAge: [1, 1095],
  PasswordReusePrevention: [1, 24],
} as const;
export const PASSWORD_POLICY_BOOLEANS = [
  'RequireSymbols',
  'RequireNumbers',
  'RequireUppercaseCharacters',
  'RequireLowercaseCharacters',
  'AllowUsersToChangePassword',
  'HardExpiry',
] as const;
const PASSWORD_POLICY_KEYS = [
  'MinimumPasswordLength',
  ...PASSWORD_POLICY_BOOLEANS.slice(0, 5),
  'MaxPasswordAge',
  'PasswordReusePrevention',
  'HardExpiry',
];

/** AWS's quota of access keys per user. */
export const ACCESS_KEYS_PER_USER = 2;
/** AWS's quota of MFA devices per user. */
export const MFA_DEVICES_PER_USER = 8;
export const ACCESS_KEY_ID = /^AKIA[A-Z0-9]{16}$/;
export const MFA_SERIAL = /^arn:aws:iam::(\d{12}):mfa\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]+)$/;
/** ISO 8601 date-times as AWS prints them (`2026-01-02T03:04:05Z`, `+00:00`, fractions) or dates. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

type Problem = Omit<ScenarioProblem, 'line' | 'column' | 'range'> & { atKey?: boolean };

class Problems {
  readonly list: Problem[] = [];
  error(code: string, path: JsonPath, message: string): void {
    this.list.push({ code, severity: 'error', message, path });
  }
  /** Checks the keys of an object; returns it when it is one. */
  object(value: unknown, path: JsonPath, what: string, keys: readonly string[]) {
    if (!isRecord(value)) {
      this.error('wrong-type', path, `${what} must be an object, not ${kind(value)}.`);
      return undefined;
    }
    for (const key of Object.keys(value)) {
      if (!keys.includes(key))
        this.list.push({
          code: 'unknown-property',
          severity: 'error',
          message: `"${key}" is not a property of ${what}. Allowed here: ${keys.join(', ')}.`,
          path: [...path, key],
          atKey: true,
        });
    }
    return value;
  }
  boolean(record: Record<string, unknown>, key: string, path: JsonPath, what: string): void {
    if (Object.hasOwn(record, key) && typeof record[key] !== 'boolean')
      this.error(
        'wrong-type',
        [...path, key],
        `${what} "${key}" must be true or false, not ${kind(record[key])}.`,
      );
  }
  date(record: Record<string, unknown>, key: string, path: JsonPath, what: string): void {
    if (!Object.hasOwn(record, key)) return;
    const value = record[key];
    if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(value)))
      this.error(
        'invalid-date',
        [...path, key],
        `${what} "${key}" must be an ISO 8601 date such as "2026-01-15T09:30:00Z", not ${kind(value)}.`,
      );
  }
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function checkUser(p: Problems, accountId: string, name: string, user: Record<string, unknown>) {
  const path: JsonPath = ['accounts', accountId, 'users', name];
  if (Object.hasOwn(user, 'loginProfile')) {
    const at = [...path, 'loginProfile'];
    const profile = p.object(
      user.loginProfile,
      at,
      `the login profile of user ${name}`,
      LOGIN_PROFILE_KEYS,
    );
    if (profile) {
      p.date(profile, 'created', at, 'The login profile');
      p.date(profile, 'lastUsed', at, 'The login profile');
      p.boolean(profile, 'passwordResetRequired', at, 'The login profile');
    }
  }
  if (Object.hasOwn(user, 'accessKeys')) {
    const at = [...path, 'accessKeys'];
    if (!Array.isArray(user.accessKeys)) {
      p.error(
        'wrong-type',
        at,
        `The access keys of user ${name} must be an array, not ${kind(user.accessKeys)}.`,
      );
    } else {
      if (user.accessKeys.length > ACCESS_KEYS_PER_USER)
        p.error(
          'too-many-access-keys',
          at,
          `A user can have at most ${ACCESS_KEYS_PER_USER} access keys (IAM's quota); ${name} has ${user.accessKeys.length}.`,
        );
      user.accessKeys.forEach((k, i) => {
        const kp = [...at, i];
        const key = p.object(k, kp, `access key ${i} of user ${name}`, ACCESS_KEY_KEYS);
        if (!key) return;
        if (!Object.hasOwn(key, 'id'))
          p.error('missing-property', kp, `Access key ${i} of user ${name} needs "id".`);
        else if (typeof key.id !== 'string' || !ACCESS_KEY_ID.test(key.id))
          p.error(
            'invalid-access-key-id',
            [...kp, 'id'],
            `${kind(key.id)} is not an access key id: it is "AKIA" and 16 capital letters or digits, such as "AKIAIOSFODNN7EXAMPLE".`,
          );
        if (!Object.hasOwn(key, 'status'))
          p.error(
            'missing-property',
            kp,
            `Access key ${i} of user ${name} needs "status" ("Active" or "Inactive").`,
          );
        else if (key.status !== 'Active' && key.status !== 'Inactive')
          p.error(
            'invalid-status',
            [...kp, 'status'],
            `The status of an access key is "Active" or "Inactive", not ${kind(key.status)}.`,
          );
        p.date(key, 'created', kp, 'The access key');
        p.date(key, 'lastUsed', kp, 'The access key');
      });
    }
  }
  if (Object.hasOwn(user, 'mfaDevices')) {
    const at = [...path, 'mfaDevices'];
    if (!Array.isArray(user.mfaDevices)) {
      p.error(
        'wrong-type',
        at,
        `The MFA devices of user ${name} must be an array, not ${kind(user.mfaDevices)}.`,
      );
    } else {
      if (user.mfaDevices.length > MFA_DEVICES_PER_USER)
        p.error(
          'too-many-mfa-devices',
          at,
          `A user can have at most ${MFA_DEVICES_PER_USER} MFA devices; ${name} has ${user.mfaDevices.length}.`,
        );
      user.mfaDevices.forEach((d, i) => {
        const dp = [...at, i];
        const device = p.object(d, dp, `MFA device ${i} of user ${name}`, MFA_KEYS);
        if (!device) return;
        if (!Object.hasOwn(device, 'serial')) {
          p.error(
            'missing-property',
            dp,
            `MFA device ${i} of user ${name} needs "serial" (arn:aws:iam::${accountId}:mfa/NAME).`,
          );
          return;
        }
        const match = typeof device.serial === 'string' ? MFA_SERIAL.exec(device.serial) : null;
        if (!match)
          p.error(
            'invalid-mfa-serial',
            [...dp, 'serial'],
            `${kind(device.serial)} is not a virtual MFA device's serial number: write arn:aws:iam::${accountId}:mfa/NAME.`,
          );
        else if (match[1] !== accountId)
          p.error(
            'account-mismatch',
            [...dp, 'serial'],
            `MFA device ${device.serial as string} belongs to account ${match[1]}, but user ${name} is in account ${accountId}.`,
          );
        p.date(device, 'enabled', dp, 'The MFA device');
      });
    }
  }
}

function checkPasswordPolicy(p: Problems, accountId: string, value: unknown) {
  const at: JsonPath = ['accounts', accountId, 'passwordPolicy'];
  const policy = p.object(
    value,
    at,
    `the password policy of account ${accountId}`,
    PASSWORD_POLICY_KEYS,
  );
  if (!policy) return;
  for (const key of PASSWORD_POLICY_BOOLEANS)
    p.boolean(policy, key, at, 'The password policy field');
  for (const [key, [min, max]] of Object.entries(PASSWORD_POLICY_NUMBERS)) {
    if (!Object.hasOwn(policy, key)) continue;
    const n = policy[key];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max)
      p.error(
        'out-of-range',
        [...at, key],
        `${key} must be a whole number from ${min} to ${max} (IAM's limits), not ${kind(n)}.`,
      );
  }
}

/**
 * Problems in the credential fields of a scenario (users' login profiles, access keys and MFA
 * devices; accounts' password policies and root user; requests' sign-in). The rest of the
 * scenario is validate.ts's.
 */
export function credentialProblems(scenario: unknown): Problem[] {
  const p = new Problems();
  const keyOwners = new Map<string, string>();
  const serialOwners = new Map<string, string>();
  const accounts = getOwn(scenario, 'accounts');
  for (const [accountId, account] of isRecord(accounts) ? Object.entries(accounts) : []) {
    if (!isRecord(account)) continue;
    if (Object.hasOwn(account, 'passwordPolicy'))
      checkPasswordPolicy(p, accountId, account.passwordPolicy);
    if (Object.hasOwn(account, 'rootUser')) {
      const at: JsonPath = ['accounts', accountId, 'rootUser'];
      const root = p.object(
        account.rootUser,
        at,
        `the root user of account ${accountId}`,
        ROOT_KEYS,
      );
      if (root) for (const key of ROOT_KEYS) p.boolean(root, key, at, 'The root user field');
    }
    const users = getOwn(account, 'users');
    for (const [name, user] of isRecord(users) ? Object.entries(users) : []) {
      if (!isRecord(user)) continue;
      checkUser(p, accountId, name, user);
      // An access key id and an MFA serial name one credential: two users cannot share one.
      for (const [list, owners, field, what] of [
        [user.accessKeys, keyOwners, 'id', 'Access key'],
        [user.mfaDevices, serialOwners, 'serial', 'MFA device'],
      ] as const) {
        if (!Array.isArray(list)) continue;
        list.forEach((item, i) => {
          const id = getOwn(item, field);
          if (typeof id !== 'string') return;
          const owner = owners.get(id);
          const here = `${accountId}/${name}`;
          if (owner !== undefined)
            p.error(
              field === 'id' ? 'duplicate-access-key' : 'duplicate-mfa-device',
              [
                'accounts',
                accountId,
                'users',
                name,
                field === 'id' ? 'accessKeys' : 'mfaDevices',
                i,
                field,
              ],
              `${what} ${id} is already ${owner === here ? 'listed for this user' : `user ${owner.split('/')[1]}'s (account ${owner.split('/')[0]})`}: each belongs to one user once.`,
            );
          else owners.set(id, here);
        });
      }
    }
  }
  const requests = getOwn(scenario, 'requests');
  if (Array.isArray(requests)) {
    requests.forEach((request, index) => {
      if (!isRecord(request) || !Object.hasOwn(request, 'signIn')) return;
      checkSignIn(p, request.signIn, request.principal, ['requests', index, 'signIn']);
    });
  }
  return p.list;
}

/** Which sign-in methods a principal form can use. */
function methodsFor(principal: unknown): readonly SignInMethod[] {
  if (typeof principal !== 'string') return SIGN_IN_METHODS;
  if (/^arn:[\w-]+:iam::\d{12}:(user\/|root$)/.test(principal))
    return ['password', 'accessKey', 'sessionToken'];
  if (/^arn:[\w-]+:(iam::\d{12}:role\/|sts::\d{12}:assumed-role\/)/.test(principal))
    return ['roleSession'];
  return [];
}

function checkSignIn(p: Problems, value: unknown, principal: unknown, at: JsonPath) {
  const signIn = p.object(value, at, 'signIn', SIGN_IN_KEYS);
  if (!signIn) return;
  if (!Object.hasOwn(signIn, 'method')) {
    p.error(
      'missing-property',
      at,
      `signIn needs "method": one of ${SIGN_IN_METHODS.map((m) => `"${m}"`).join(', ')}.`,
    );
  } else if (!SIGN_IN_METHODS.includes(signIn.method as SignInMethod)) {
    p.error(
      'invalid-sign-in',
      [...at, 'method'],
      `${kind(signIn.method)} is not a sign-in method: use ${SIGN_IN_METHODS.map((m) => `"${m}"`).join(', ')}.`,
    );
  } else {
    const allowed = methodsFor(principal);
    if (!allowed.includes(signIn.method as SignInMethod))
      p.error(
        'sign-in-not-allowed',
        [...at, 'method'],
        allowed.length === 0
          ? 'Only users, root users and role sessions sign in; this principal has no sign-in.'
          : `A ${allowed.includes('roleSession') ? 'role session' : 'user or root user'} signs in with ${allowed.map((m) => `"${m}"`).join(' or ')}, not "${signIn.method as string}".`,
      );
  }
  p.boolean(signIn, 'mfa', at, 'signIn');
  p.date(signIn, 'at', at, 'signIn');
  if (Object.hasOwn(signIn, 'accessKeyId')) {
    if (typeof signIn.accessKeyId !== 'string' || !ACCESS_KEY_ID.test(signIn.accessKeyId))
      p.error(
        'invalid-access-key-id',
        [...at, 'accessKeyId'],
        `${kind(signIn.accessKeyId)} is not an access key id ("AKIA" and 16 capital letters or digits).`,
      );
    else if (signIn.method !== 'accessKey' && signIn.method !== 'sessionToken')
      p.error(
        'sign-in-not-allowed',
        [...at, 'accessKeyId'],
        'Only "accessKey" and "sessionToken" sign-ins use an access key.',
      );
  }
  if (signIn.method === 'accessKey' && signIn.mfa === true)
    p.error(
      'sign-in-not-allowed',
      [...at, 'mfa'],
      'Long-term access keys carry no MFA: use "sessionToken" with "mfa": true (sts get-session-token --serial-number ... --token-code ...).',
    );
}

/** The user or root whose credentials a request uses, as `resolve` found it. */
export interface CredentialOwner {
  kind: 'user' | 'root';
  name: string;
  account: string;
  /** The user record, or the account's `rootUser` for root. */
  record: Record<string, unknown> | undefined;
}

function activeKeys(record: Record<string, unknown> | undefined): AccessKey[] {
  const keys = getOwn(record, 'accessKeys');
  return Array.isArray(keys)
    ? (keys.filter((k) => isRecord(k) && k.status === 'Active') as unknown as AccessKey[])
    : [];
}

/**
 * Whether the sign-in authenticates: the reason it does not, or undefined. AWS rejects a request
 * signed with a missing or inactive key before any policy is read, so nothing is decided.
 */
export function authenticationFailure(owner: CredentialOwner, signIn: SignIn): string | undefined {
  const who = owner.kind === 'root' ? `the root user of ${owner.account}` : `user ${owner.name}`;
  const { record } = owner;
  const usesKey = signIn.method === 'accessKey' || signIn.method === 'sessionToken';
  if (usesKey) {
    if (owner.kind === 'root') {
      if (getOwn(record, 'accessKeys') !== true)
        return `${who} has no access keys ("rootUser": {"accessKeys": false} or not said), so a request signed with one fails authentication (InvalidClientTokenId).`;
    } else if (signIn.accessKeyId !== undefined) {
      const all = getOwn(record, 'accessKeys');
      const key = Array.isArray(all)
        ? all.find((k) => getOwn(k, 'id') === signIn.accessKeyId)
        : undefined;
      if (!key)
        return `Access key ${signIn.accessKeyId} is not one of ${who}'s keys, so AWS answers InvalidClientTokenId: the request is not authenticated and nothing is decided.`;
      if (getOwn(key, 'status') !== 'Active')
        return `Access key ${signIn.accessKeyId} of ${who} is Inactive, so AWS answers InvalidClientTokenId: the request is not authenticated and nothing is decided.`;
    } else if (activeKeys(record).length === 0) {
      return `${who} has no active access key, so a request signed with one fails authentication (InvalidClientTokenId).`;
    }
  }
  if (
    signIn.method === 'password' &&
    owner.kind === 'user' &&
    !isRecord(getOwn(record, 'loginProfile'))
  )
    return `${who} has no console password (no "loginProfile"), so a console sign-in fails and nothing is decided.`;
  if (signIn.mfa === true) {
    const hasMfa =
      owner.kind === 'root'
        ? getOwn(record, 'mfa') === true
        : Array.isArray(getOwn(record, 'mfaDevices')) &&
          (getOwn(record, 'mfaDevices') as unknown[]).length > 0;
    if (!hasMfa)
      return `${who} has no MFA device, so signing in with MFA fails and nothing is decided.`;
  }
  return undefined;
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The derived context with the keys AWS sets from the kind of credentials ("AWS global condition
 * context keys"): long-term access keys carry neither aws:MultiFactorAuthPresent nor
 * aws:TokenIssueTime; temporary credentials (a console sign-in, get-session-token, a role
 * session) carry both, with aws:MultiFactorAuthPresent true and aws:MultiFactorAuthAge (seconds
 * since the MFA sign-in) only when MFA was used.
 */
export function withSignInContext(
  derived: Record<string, ContextValue>,
  principal: Principal,
  signIn: SignIn | undefined,
  now: Date,
): Record<string, ContextValue> {
  if (!signIn || !SIGN_IN_METHODS.includes(signIn.method)) return derived;
  if (principal.type !== 'user' && principal.type !== 'root' && principal.type !== 'role-session')
    return derived;
  const context = { ...derived };
  delete context['aws:MultiFactorAuthPresent'];
  delete context['aws:MultiFactorAuthAge'];
  delete context['aws:TokenIssueTime'];
  if (signIn.method === 'accessKey') return context;
  const issued =
    signIn.at !== undefined && !Number.isNaN(Date.parse(signIn.at)) ? new Date(signIn.at) : now;
  context['aws:TokenIssueTime'] = isoSeconds(issued);
  context['aws:MultiFactorAuthPresent'] = signIn.mfa === true;
  if (signIn.mfa === true)
    context['aws:MultiFactorAuthAge'] = Math.max(
      0,
      Math.floor((now.getTime() - issued.getTime()) / 1000),
    );
  return context;
}
