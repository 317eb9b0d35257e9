/**
 * The scenario (format v1, docs/scenario-format.md) as the console sees it, and the
 * small helpers every command needs: ARNs, policy references, and applying the model's world
 * edits (src/model/world) to the console's scenario.
 * The types are the model's (src/model), so the app passes its scenario values as they are.
 */
import type { ContextValue, Json } from '../engine/index';
import type { RoleSession } from './types';
import {
  type Account,
  type Group,
  type InstanceProfile,
  type Organization,
  type OrgNode as ModelOrgNode,
  type Role,
  type Scenario as ModelScenario,
  type User,
  type Arn,
  type ScenarioDocument,
  ensureAccount,
  isAccountId,
  policyUses,
  referenceToArn,
  parseArn,
  SCENARIO_FORMAT,
  SCENARIO_VERSION,
} from '../model/index';

/** A scenario: the model's type, so the console takes and gives the app's scenario values as they are. */
export type Scenario = ModelScenario;
export type WorldAccount = Account;
export type WorldUser = User;
export type WorldGroup = Group;
export type WorldRole = Role;
export type WorldInstanceProfile = InstanceProfile;
export type WorldOrganization = Organization;
/** An organization node: the root, an OU, or (without `accounts`/`ous`) an account's own attachments. */
export type OrgNode = ModelOrgNode;

/**
 * A document of the scenario as a JSON value. The model types documents as `unknown`, but a
 * scenario comes from JSON text (or from the console, which writes JSON values), so they are.
 */
export function asJson(document: unknown): Json {
  return document as Json;
}

/** The account the console uses in a world without accounts. AWS's documentation uses the same placeholder. */
export const DEFAULT_ACCOUNT = '123456789012';

/** An empty world. */
export function emptyScenario(): Scenario {
  return { format: SCENARIO_FORMAT, version: SCENARIO_VERSION };
}

/**
 * The world after `edit`, a world edit of src/model/world (which takes and gives any scenario
 * document and never changes its input, so the caller can keep `scenario` on an undo stack).
 * The console checks AWS's preconditions first; the edit itself is the model's.
 */
export function applyEdit(
  scenario: Scenario,
  edit: (document: ScenarioDocument) => ScenarioDocument,
): Scenario {
  return edit(scenario as unknown as ScenarioDocument) as unknown as Scenario;
}

/**
 * The world after `edit` in `account`, which the world gets (empty) first when it does not list it
 * yet: the console acts in its current account even in a world without accounts.
 */
export function editAccount(
  scenario: Scenario,
  account: string,
  edit: (document: ScenarioDocument) => ScenarioDocument,
): Scenario {
  return applyEdit(scenario, (document) => edit(ensureAccount(document, account)));
}

/** Normalizes an IAM path: AWS paths start and end with `/`. */
export function normalizePath(path: string | undefined): string {
  return path && path !== '' ? path : '/';
}

export function userArn(account: string, name: string, path?: string): string {
  return `arn:aws:iam::${account}:user${normalizePath(path)}${name}`;
}

export function roleArn(account: string, name: string, path?: string): string {
  return `arn:aws:iam::${account}:role${normalizePath(path)}${name}`;
}

export function groupArn(account: string, name: string): string {
  return `arn:aws:iam::${account}:group/${name}`;
}

export function policyArn(account: string, name: string): string {
  return `arn:aws:iam::${account}:policy/${name}`;
}

export function instanceProfileArn(account: string, name: string): string {
  return `arn:aws:iam::${account}:instance-profile/${name}`;
}

/** The prefix of every AWS managed policy ARN. */
export const AWS_MANAGED_PREFIX = 'arn:aws:iam::aws:policy/';

/** Turns a policy reference as stored in the scenario into the policy ARN (the model's rule). */
export { referenceToArn };

/**
 * The reference to store for a policy ARN given on the command line: the short name for a
 * customer managed policy of the same account (as scenarios usually write it), the ARN otherwise.
 */
export function arnToReference(account: string, arn: string): string {
  const prefix = `arn:aws:iam::${account}:policy/`;
  if (arn.startsWith(prefix)) {
    const rest = arn.slice(prefix.length);
    // A policy path (policy/team/Name) has no place in the format: keep the ARN as given.
    if (!rest.includes('/')) return rest;
  }
  return arn;
}

/** Parsed pieces of an IAM policy ARN. */
export interface PolicyArnParts {
  account: string; // 12 digits, or `aws` for AWS managed policies
  name: string;
}

/**
 * The parts of `text` when it is an ARN of `service` in the `aws` partition with no region (as
 * IAM and STS ARNs are), read by the model's ARN parser.
 */
function globalArn(text: string, service: 'iam' | 'sts'): Arn | undefined {
  const arn = parseArn(text);
  return arn && arn.partition === 'aws' && arn.service === service && arn.region === ''
    ? arn
    : undefined;
}

/** The last `/`-separated segment of an ARN's resource: the name after any path. */
function lastSegment(resource: string): string {
  return resource.slice(resource.lastIndexOf('/') + 1);
}

export function parsePolicyArn(arn: string): PolicyArnParts | undefined {
  const parts = globalArn(arn, 'iam');
  if (!parts || !(isAccountId(parts.account) || parts.account === 'aws')) return undefined;
  if (!parts.resource.startsWith('policy/')) return undefined;
  const name = lastSegment(parts.resource);
  return name === '' ? undefined : { account: parts.account, name };
}

/** Parsed pieces of a user, role or assumed-role ARN. */
export interface PrincipalArnParts {
  kind: 'user' | 'role' | 'assumed-role' | 'root' | 'group';
  account: string;
  name: string;
  session?: string;
}

export function parsePrincipalArn(arn: string): PrincipalArnParts | undefined {
  const iam = globalArn(arn, 'iam');
  if (iam && isAccountId(iam.account)) {
    const { account, resource } = iam;
    if (resource === 'root') return { kind: 'root', account, name: 'root' };
    const slash = resource.indexOf('/');
    const type = slash < 0 ? '' : resource.slice(0, slash);
    const name = lastSegment(resource);
    if ((type === 'user' || type === 'role' || type === 'group') && name !== '')
      return { kind: type, account, name };
    return undefined;
  }
  const sts = globalArn(arn, 'sts');
  if (!sts || !isAccountId(sts.account) || !sts.resource.startsWith('assumed-role/'))
    return undefined;
  const rest = sts.resource.slice('assumed-role/'.length);
  const slash = rest.indexOf('/');
  const [role, session] = [rest.slice(0, slash), rest.slice(slash + 1)];
  if (slash <= 0 || session === '') return undefined;
  return { kind: 'assumed-role', account: sts.account, name: role, session };
}

/** Every reference to a policy ARN in an account: who has it attached, and who uses it as a boundary. */
export interface PolicyUsage {
  attachments: { kind: 'user' | 'group' | 'role'; name: string }[];
  boundaries: { kind: 'user' | 'role'; name: string }[];
}

/** The uses of a policy ARN (the model's `policyUses`) in the shape AWS's counts are read from. */
export function policyUsage(scenario: Scenario, arn: string): PolicyUsage {
  const usage: PolicyUsage = { attachments: [], boundaries: [] };
  for (const { kind, name, as } of policyUses(scenario as unknown as ScenarioDocument, arn)) {
    if (as === 'policies') usage.attachments.push({ kind: SINGULAR[kind], name });
    else if (kind !== 'groups') usage.boundaries.push({ kind: SINGULAR[kind], name });
  }
  return usage;
}

const SINGULAR = { users: 'user', groups: 'group', roles: 'role' } as const;

/** Accounts of the world in document order. */
export function accountIds(scenario: Scenario): string[] {
  return Object.keys(scenario.accounts ?? {});
}

/** AWS's tag list shape from the format's tag map. */
export function tagList(
  tags: Record<string, string> | undefined,
): { Key: string; Value: string }[] {
  return Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
}

/**
 * The keys a role session carries from its assume-role call: its session tags over the role's
 * tags (`aws:PrincipalTag/K`, replacing the role's key in any case) and its source identity.
 */
export function sessionContext(session: RoleSession | undefined): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  for (const [key, value] of Object.entries(session?.tags ?? {}))
    context[`aws:PrincipalTag/${key}`] = value;
  if (session?.sourceIdentity !== undefined) context['aws:SourceIdentity'] = session.sourceIdentity;
  return context;
}
