/**
 * Helpers the IAM commands share: name lookups (IAM names are unique regardless of case),
 * AWS's error messages, name and policy-document validation, and dates.
 */
import type { Json } from '../../engine/index';
import type { CommandContext, Outcome } from '../spec';
import { fail } from '../spec';
import type { ConsoleState } from '../types';
import type { WorldAccount, WorldUser } from '../world';
import { asJson, parsePolicyArn } from '../world';

/** The current account's record (empty when the world does not have it yet). */
export function accountOf(ctx: CommandContext): WorldAccount {
  return ctx.scenario.accounts?.[ctx.account] ?? {};
}

/** A managed policy found by ARN: a customer managed policy of the current account, or an AWS managed one. */
export interface FoundPolicy {
  arn: string;
  name: string;
  awsManaged: boolean;
  /** The document, when known (AWS managed policies need the catalog in deps). */
  document?: Json;
}

/**
 * Finds the managed policy an ARN names, as attach-*, put-*-permissions-boundary and get-policy
 * need. Policies of other accounts cannot be attached in AWS, so they are not found. Without a
 * catalog of AWS managed policies in deps, every AWS managed ARN is taken to exist.
 */
export function lookupPolicyArn(ctx: CommandContext, arn: string): FoundPolicy | undefined {
  const parts = parsePolicyArn(arn);
  if (!parts) return undefined;
  if (parts.account === 'aws') {
    if (!ctx.deps.managedPolicies) return { arn, name: parts.name, awsManaged: true };
    const info = ctx.deps.managedPolicies.get(arn);
    return info ? { arn, name: info.name, awsManaged: true, document: info.document } : undefined;
  }
  if (parts.account !== ctx.account || arn !== `arn:aws:iam::${ctx.account}:policy/${parts.name}`)
    return undefined;
  const name = findName(accountOf(ctx).policies, parts.name);
  if (name === undefined || name !== parts.name) return undefined;
  return { arn, name, awsManaged: false, document: asJson(accountOf(ctx).policies![name]) };
}

/** AWS's message when an ARN names no attachable policy. */
export function notAttachable(arn: string): Outcome {
  return fail('NoSuchEntity', `Policy ${arn} does not exist or is not attachable.`);
}

/** The key in `record` that names the same entity as `name`: exact first, then ignoring case as IAM does. */
export function findName<T>(
  record: Record<string, T> | undefined,
  name: string,
): string | undefined {
  if (!record) return undefined;
  if (Object.hasOwn(record, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(record).find((k) => k.toLowerCase() === lower);
}

/**
 * Finds the entity `given` names in `record` (exact first, then ignoring case as IAM does), or
 * fails with AWS's NoSuchEntity and `message`.
 */
export function lookupEntity<T>(
  record: Record<string, T> | undefined,
  given: string,
  message: string,
): { name: string; entity: T } | { error: Outcome } {
  const name = findName(record, given);
  if (name === undefined) return { error: noSuchEntity(message) };
  return { name, entity: record![name]! };
}

/**
 * What delete-user must find gone first, in AWS's order, for the credentials this file keeps.
 * AWS API reference "DeleteUser": the password (DeleteLoginProfile), access keys and MFA devices
 * must be removed first, or the call fails with DeleteConflict.
 */
export function credentialsLeft(user: WorldUser): Outcome | undefined {
  if (user.loginProfile)
    return deleteConflict('Cannot delete entity, must delete login profile first.');
  if ((user.accessKeys ?? []).length > 0)
    return deleteConflict('Cannot delete entity, must delete access keys first.');
  if ((user.mfaDevices ?? []).length > 0)
    return deleteConflict('Cannot delete entity, must delete MFA device first.');
  return undefined;
}

/** The DeleteConflict AWS gives while a user, group or role still has inline or attached policies. */
export function policiesLeft(entity: {
  inline?: Record<string, unknown>;
  policies?: string[];
}): Outcome | undefined {
  if (Object.keys(entity.inline ?? {}).length > 0)
    return deleteConflict('Cannot delete entity, must delete policies first.');
  if ((entity.policies ?? []).length > 0)
    return deleteConflict('Cannot delete entity, must detach all policies first.');
  return undefined;
}

/** The date AWS prints, e.g. `2026-11-23T04:00:11+00:00`. */
export function awsDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** When an entity was created: recorded when the console made it, else the console's start. */
export function createdAt(state: ConsoleState, key: string): string {
  return state.created[key] ?? state.startedAt;
}

/** A state that remembers `key` was created now. */
export function withCreated(state: ConsoleState, key: string, now: Date): ConsoleState {
  return { ...state, created: { ...state.created, [key]: awsDate(now) } };
}

export const noSuchEntity = (message: string): Outcome => fail('NoSuchEntity', message);
export const alreadyExists = (message: string): Outcome => fail('EntityAlreadyExists', message);
export const deleteConflict = (message: string): Outcome => fail('DeleteConflict', message);
export const limitExceeded = (message: string): Outcome => fail('LimitExceeded', message);
export const invalidInput = (message: string): Outcome => fail('InvalidInput', message);
export const malformed = (message: string): Outcome => fail('MalformedPolicyDocument', message);

/** AWS's quota of managed policies attached to one user, group or role (the default, not raised). */
export const MANAGED_POLICIES_PER_ENTITY = 10;
/** AWS's quota of groups one user may belong to. */
export const GROUPS_PER_USER = 10;
/** AWS's quota of access keys per user. */
export const ACCESS_KEYS_PER_USER = 2;

/** Validates an IAM entity name (users, groups, roles, policies, instance profiles) as AWS does. */
export function checkName(value: string, member: string, maxLength: number): Outcome | undefined {
  if (value.length < 1 || value.length > maxLength) {
    return fail(
      'ValidationError',
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must have length less than or equal to ${maxLength}`,
    );
  }
  if (!/^[\w+=,.@-]+$/.test(value)) {
    return fail(
      'ValidationError',
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
    );
  }
  return undefined;
}

/** Validates an IAM path such as `/engineering/`. */
export function checkPath(value: string | undefined): Outcome | undefined {
  if (value === undefined) return undefined;
  if (!/^\/(?:[\x21-\x7e]*\/)?$/.test(value) || value.length > 512) {
    return fail(
      'ValidationError',
      `The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`,
    );
  }
  return undefined;
}

/** Which document a policy text is, as it decides which elements AWS requires or forbids. */
export type DocumentKind = 'identity' | 'trust' | 'scp' | 'rcp' | 'endpoint';

/** AWS's size quotas, counted without whitespace as AWS counts them. */
export const SIZE_QUOTA = {
  managed: { name: 'PolicySize', size: 6144 },
  userInline: { name: 'UserPolicySize', size: 2048 },
  roleInline: { name: 'RolePolicySize', size: 10240 },
  groupInline: { name: 'GroupPolicySize', size: 5120 },
  trust: { name: 'ACLSizePerRole', size: 2048 },
} as const;

function asArray(value: Json | undefined): Json[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Parses and checks a policy document as IAM does when it is put: valid JSON, a known Version,
 * statements with an Effect, actions with a service prefix, and the elements each kind of policy
 * requires or forbids. Returns the parsed document, or AWS's MalformedPolicyDocument error.
 */
export function parsePolicyDocument(
  text: string,
  kind: DocumentKind,
  quota?: { name: string; size: number },
): { document: Json } | { error: Outcome } {
  let document: Json;
  try {
    document = JSON.parse(text) as Json;
  } catch {
    return { error: malformed('This policy contains invalid Json') };
  }
  if (quota && text.replace(/\s/g, '').length > quota.size) {
    return { error: limitExceeded(`Cannot exceed quota for ${quota.name}: ${quota.size}`) };
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { error: malformed('This policy contains invalid Json') };
  }
  const version = document['Version'];
  if (version !== undefined && version !== '2012-10-17' && version !== '2008-10-17') {
    return { error: malformed('The policy failed legacy parsing') };
  }
  const statements = asArray(document['Statement']);
  if (statements.length === 0) return { error: malformed('Syntax errors in policy.') };
  for (const statement of statements) {
    if (typeof statement !== 'object' || statement === null || Array.isArray(statement)) {
      return { error: malformed('Syntax errors in policy.') };
    }
    const effect = statement['Effect'];
    if (effect !== 'Allow' && effect !== 'Deny')
      return { error: malformed('Syntax errors in policy.') };
    const actions = [...asArray(statement['Action']), ...asArray(statement['NotAction'])];
    if (actions.length === 0) return { error: malformed('Policy statement must contain actions.') };
    for (const action of actions) {
      if (typeof action !== 'string') return { error: malformed('Syntax errors in policy.') };
      if (action !== '*' && !/^[A-Za-z0-9-]+:[\w*?-]+$/.test(action)) {
        return {
          error: malformed(
            'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
          ),
        };
      }
    }
    const hasPrincipal = 'Principal' in statement || 'NotPrincipal' in statement;
    const hasResource = 'Resource' in statement || 'NotResource' in statement;
    if ((kind === 'identity' || kind === 'scp') && hasPrincipal) {
      return { error: malformed('Policy document should not specify a principal.') };
    }
    if ((kind === 'trust' || kind === 'rcp' || kind === 'endpoint') && !hasPrincipal) {
      return { error: malformed('Missing required field Principal') };
    }
    if (kind === 'trust' && hasResource)
      return { error: malformed('Has prohibited field Resource') };
    if ((kind === 'identity' || kind === 'rcp') && !hasResource) {
      return { error: malformed('Policy statement must contain resources.') };
    }
  }
  return { document };
}

/** Parses a document given to a read command's output: the CLI shows policy documents as JSON objects. */
export function documentValue(document: Json | undefined): Json {
  return document ?? null;
}
