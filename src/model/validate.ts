/**
 * Validation of a scenario (format v1) by hand: structure, types, names and references.
 * Every problem is data with a code, a message and a JSON path; `locateProblems` adds positions.
 *
 * The checks mirror public/schema/scenario-v1.schema.json (kept in step by a test) and add what a
 * schema cannot say: references that must exist, names used twice, the resource owner that an
 * anonymous or service caller needs.
 */
import { isKeyArn } from './kms-keys.ts';
import { ASSUME_STEP_KEYS, checkAssume } from './validate-assume.ts';
import type { JsonPath, Locator, PolicyKind, Problem } from '../engine/types.ts';
import { INLINE_SIZE_LIMITS, TRUST_ACTIONS } from '../engine/index.ts';
import { type ManagedPolicyNames } from '../data/managed-policies.ts';
import { editDistance } from '../data/edit-distance.ts';
import { formatPath, isAccountId, parseArn, parsePrincipal } from './arn.ts';
import { bucketStatementsWithoutResource } from './bucket-policy.ts';
import { accessPointProblems } from './access-points.ts';
import { ACL_RESOURCE_KEYS, aclProblems } from './s3-acl.ts';
import { checkPolicyArns } from './session-policy-arns.ts';
import { uniqueIdProblem, type UniqueIdPrefix } from './unique-id.ts';
import { blockedPolicyWarning, checkPublicAccessBlock, isBucketArn } from './s3-settings.ts';
import {
  ACCOUNT_CREDENTIAL_KEYS,
  REQUEST_CREDENTIAL_KEYS,
  USER_CREDENTIAL_KEYS,
  credentialProblems,
} from './credentials.ts';
import { FULL_AWS_ACCESS, RCP_FULL_AWS_ACCESS } from './organization.ts';
import { ORG_ID } from './organization-id.ts';
import {
  ACCOUNT_PERIMETER_KEYS,
  ORG_NODE_PERIMETER_KEYS,
  REQUEST_PERIMETER_KEYS,
  RESOURCE_PERIMETER_KEYS,
  perimeterProblems,
} from './validate-perimeter.ts';
import { contextValueProblem } from './context-values.ts';
import { getOwn, isRecord } from './own.ts';
import { scenarioLimitProblems } from './limits.ts';
import { resourceOwner } from './owner.ts';
import { quote, shorten } from './text-caps.ts';
import {
  SCENARIO_FORMAT,
  SCENARIO_VERSION,
  type Scenario,
  type ScenarioProblem,
} from './scenario-types.ts';
import {
  caseInsensitiveMatch,
  getAccount,
  getInstanceProfile,
  getRole,
  getUser,
  resolvePolicyRef,
} from './world.ts';

/** Validates one policy document (the engine's `validatePolicy`). */
export type PolicyValidator = (document: unknown, kind: PolicyKind, locate?: Locator) => Problem[];

export interface ValidateOptions {
  /** Validates the policy documents inside the scenario; without it, documents are not checked. */
  validatePolicy?: PolicyValidator;
  /** Which AWS managed policies exist (the shipped list, or the loaded catalog's). */
  managedPolicies: ManagedPolicyNames;
}

const TOP_KEYS = [
  '$schema',
  'format',
  'version',
  'title',
  'description',
  'organization',
  'accounts',
  'resources',
  'requests',
  'exercise',
];
const ORG_KEYS = ['id', 'managementAccount', 'policies', 'root'];
const NODE_KEYS = ['scps', 'rcps', 'accounts', 'ous', ...ORG_NODE_PERIMETER_KEYS];
const ORG_ACCOUNT_KEYS = ['scps', 'rcps'];
const ACCOUNT_KEYS = [
  ...['name', 'policies', 'users', 'groups', 'roles', 'instanceProfiles', 'publicAccessBlock'],
  ...ACCOUNT_CREDENTIAL_KEYS,
  ...ACCOUNT_PERIMETER_KEYS,
  'accessPoints',
];
const USER_KEYS = [
  'path',
  'id',
  'groups',
  'policies',
  'inline',
  'boundary',
  'tags',
  ...USER_CREDENTIAL_KEYS,
];
const GROUP_KEYS = ['path', 'policies', 'inline'];
const ROLE_KEYS = [
  ...['path', 'id', 'trust', 'policies', 'inline', 'boundary', 'tags'],
  'maxSessionDuration',
];
const PROFILE_KEYS = ['path', 'role'];
const RESOURCE_KEYS = [
  'account',
  'policy',
  'tags',
  'publicAccessBlock',
  ...RESOURCE_PERIMETER_KEYS,
  ...ACL_RESOURCE_KEYS,
];
const REQUEST_KEYS = [
  'id',
  'principal',
  'action',
  'resource',
  'context',
  'sessionPolicy',
  'policyArns',
  'expect',
  ...REQUEST_CREDENTIAL_KEYS,
  'assume',
  ...REQUEST_PERIMETER_KEYS,
];
const EXPECTS = ['allowed', 'explicitDeny', 'implicitDeny', 'denied'];

/** The property names each object of the format allows (the JSON Schema says the same; a test checks). */
export const PROPERTY_NAMES = {
  scenario: TOP_KEYS,
  // exercise.ts checks these (loaded lazily by the worker); a test keeps both lists equal.
  exercise: ['instructions', 'goals', 'hints', 'solution', 'showSolution', 'locked'],
  organization: ORG_KEYS,
  orgNode: NODE_KEYS,
  orgAccount: ORG_ACCOUNT_KEYS,
  account: ACCOUNT_KEYS,
  user: USER_KEYS,
  group: GROUP_KEYS,
  role: ROLE_KEYS,
  instanceProfile: PROFILE_KEYS,
  resource: RESOURCE_KEYS,
  request: REQUEST_KEYS,
  assumeStep: ASSUME_STEP_KEYS,
} as const;

/** IAM names: letters, digits and + = , . @ _ - (AWS's rule), with a length limit per entity. */
const IAM_NAME = /^[\w+=,.@-]+$/;
/** IAM paths: `/` or `/a/b/`, printable ASCII without spaces, at most 512 characters. */
const IAM_PATH = /^\/(?:[\x21-\x7e]+\/)?$/;

/** Where a policy document sits in the scenario and which kind it is. */
export interface PolicyDocumentPlace {
  path: JsonPath;
  kind: PolicyKind;
}

/** A problem before it is located: `atKey` places it on the property name rather than its value. */
interface RawProblem extends Omit<ScenarioProblem, 'line' | 'column' | 'range'> {
  atKey?: boolean;
}

export class Checker {
  readonly problems: RawProblem[] = [];
  readonly documents: PolicyDocumentPlace[] = [];
  /** Unique ids given so far, with where: AWS never gives two entities one id. */
  private readonly uniqueIds = new Map<string, string>();

  constructor(
    readonly scenario: Scenario,
    readonly managed: ManagedPolicyNames,
  ) {}

  error(code: string, path: JsonPath, message: string, atKey = false): void {
    this.problems.push({ code, severity: 'error', message, path, atKey });
  }

  /** Checks the `id` a user or role gives: its shape, and that no other entity has it. */
  uniqueId(entity: Record<string, unknown>, path: JsonPath, prefix: UniqueIdPrefix, what: string) {
    if (!Object.hasOwn(entity, 'id')) return;
    const problem = uniqueIdProblem(entity.id, prefix);
    if (problem) return this.error('invalid-unique-id', [...path, 'id'], problem);
    const id = entity.id as string;
    const first = this.uniqueIds.get(id);
    if (first)
      return this.error(
        'duplicate-unique-id',
        [...path, 'id'],
        `${what} has the unique id ${id}, which ${first} already has: AWS gives every user and role an id of its own.`,
      );
    this.uniqueIds.set(id, what);
  }
  /** `error` as a function, for checks that live in their own modules. */
  readonly sink = (code: string, path: JsonPath, message: string, atKey = false): void =>
    this.error(code, path, message, atKey);

  warning(code: string, path: JsonPath, message: string, atKey = false): void {
    this.problems.push({ code, severity: 'warning', message, path, atKey });
  }

  /** Checks that `value` is an object whose keys are all in `allowed`; returns it when it is an object. */
  object(
    value: unknown,
    path: JsonPath,
    what: string,
    allowed?: readonly string[],
  ): Record<string, unknown> | undefined {
    if (!isRecord(value)) {
      this.error('wrong-type', path, `${what} must be an object, not ${describe(value)}.`);
      return undefined;
    }
    if (allowed) {
      for (const key of Object.keys(value)) {
        if (!allowed.includes(key)) {
          const near = allowed.find((a) => editDistance(a, key, 2) <= 2);
          const hint = near
            ? ` Did you mean ${quote(near)}?`
            : ` Allowed here: ${allowed.join(', ')}.`;
          this.error(
            'unknown-property',
            [...path, key],
            `Unknown property ${quote(key)} in ${what}.${hint}`,
            true,
          );
        }
      }
    }
    return value;
  }

  string(value: unknown, path: JsonPath, what: string): value is string {
    if (typeof value === 'string') return true;
    this.error('wrong-type', path, `${what} must be a string, not ${describe(value)}.`);
    return false;
  }

  optionalString(record: Record<string, unknown>, key: string, path: JsonPath, what: string): void {
    if (Object.hasOwn(record, key)) this.string(record[key], [...path, key], what);
  }

  stringList(value: unknown, path: JsonPath, what: string): string[] {
    if (!Array.isArray(value)) {
      this.error(
        'wrong-type',
        path,
        `${what} must be an array of strings, not ${describe(value)}.`,
      );
      return [];
    }
    const out: string[] = [];
    value.forEach((item, i) => {
      if (this.string(item, [...path, i], `Each entry of ${what}`)) out.push(item);
    });
    return out;
  }

  /** A name of an IAM entity or policy: AWS's characters and length. */
  iamName(name: string, path: JsonPath, what: string, max: number): void {
    if (name.length === 0 || name.length > max || !IAM_NAME.test(name)) {
      this.error(
        'invalid-name',
        path,
        `${quote(name)} is not a valid ${what} name: use 1 to ${max} letters, digits and + = , . @ _ -.`,
        true,
      );
    }
  }

  /** Names that differ only in case: IAM treats them as the same name. */
  caseInsensitiveNames(record: Record<string, unknown>, path: JsonPath, what: string): void {
    const seen = new Map<string, string>();
    for (const name of Object.keys(record)) {
      const lower = name.toLowerCase();
      const first = seen.get(lower);
      if (first !== undefined) {
        this.error(
          'duplicate-name',
          [...path, name],
          `The ${what} name ${quote(name)} is used twice: ${quote(first)} already exists, and IAM names are unique regardless of case.`,
          true,
        );
      } else seen.set(lower, name);
    }
  }

  path(record: Record<string, unknown>, path: JsonPath): void {
    if (!Object.hasOwn(record, 'path')) return;
    const value = record.path;
    if (!this.string(value, [...path, 'path'], 'path')) return;
    if (value.length > 512 || !IAM_PATH.test(value)) {
      this.error(
        'invalid-path',
        [...path, 'path'],
        `${quote(value)} is not an IAM path: it starts and ends with "/", e.g. "/" or "/division/".`,
      );
    }
  }

  tags(record: Record<string, unknown>, path: JsonPath): void {
    if (!Object.hasOwn(record, 'tags')) return;
    const tags = this.object(record.tags, [...path, 'tags'], 'tags');
    if (!tags) return;
    const seen = new Map<string, string>();
    for (const [key, value] of Object.entries(tags)) {
      const at = [...path, 'tags', key];
      if (key.length === 0 || key.length > 128)
        this.error('invalid-tag', at, `Tag keys have 1 to 128 characters.`, true);
      if (typeof value !== 'string')
        this.error(
          'wrong-type',
          at,
          `The value of tag ${quote(key)} must be a string, not ${describe(value)}.`,
        );
      else if (value.length > 256)
        this.error(
          'invalid-tag',
          at,
          `The value of tag ${quote(key)} is longer than 256 characters.`,
        );
      const first = seen.get(key.toLowerCase());
      if (first !== undefined) {
        this.error(
          'duplicate-tag',
          at,
          `Tag ${quote(key)} is given twice (as ${quote(first)} too); tag keys are unique regardless of case.`,
          true,
        );
      } else seen.set(key.toLowerCase(), key);
    }
  }

  policyMap(
    record: Record<string, unknown>,
    key: string,
    path: JsonPath,
    what: string,
    kind: PolicyKind,
  ): void {
    if (!Object.hasOwn(record, key)) return;
    const map = this.object(record[key], [...path, key], what);
    if (!map) return;
    this.caseInsensitiveNames(map, [...path, key], 'policy');
    for (const [name, document] of Object.entries(map)) {
      this.iamName(name, [...path, key, name], 'policy', 128);
      this.documents.push({ path: [...path, key, name], kind });
      if (!isRecord(document))
        this.error(
          'wrong-type',
          [...path, key, name],
          `Policy ${quote(name)} must be a policy document (an object), not ${describe(document)}.`,
        );
    }
  }

  policyRef(accountId: string, ref: unknown, path: JsonPath, what: string): void {
    if (!this.string(ref, path, what)) return;
    const target = resolvePolicyRef(this.scenario, accountId, ref, (arn) => this.managed.has(arn));
    if (target.kind !== 'error') return;
    let message = `${what} ${target.message}`;
    if (
      target.code === 'unknown-managed-policy' ||
      (target.code === 'unknown-policy' && !ref.startsWith('arn:'))
    ) {
      const suggestions = this.managed.suggest(ref);
      if (suggestions.length > 0)
        message += ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?`;
    }
    this.error(target.code, path, message);
  }

  policyRefs(
    accountId: string,
    record: Record<string, unknown>,
    path: JsonPath,
    owner: string,
  ): void {
    if (Object.hasOwn(record, 'policies')) {
      const refs = this.stringList(
        record.policies,
        [...path, 'policies'],
        `The "policies" of ${owner}`,
      );
      const seen = new Set<string>();
      refs.forEach((ref, i) => {
        this.policyRef(accountId, ref, [...path, 'policies', i], `The policy reference`);
        if (seen.has(ref))
          this.warning(
            'duplicate-attachment',
            [...path, 'policies', i],
            `${quote(ref)} is attached to ${owner} twice; once is enough.`,
          );
        seen.add(ref);
      });
    }
    if (Object.hasOwn(record, 'boundary') && record.boundary !== null) {
      this.policyRef(accountId, record.boundary, [...path, 'boundary'], 'The permissions boundary');
    }
  }

  inline(record: Record<string, unknown>, path: JsonPath, entity: 'user' | 'group' | 'role'): void {
    if (!Object.hasOwn(record, 'inline')) return;
    const map = this.object(record.inline, [...path, 'inline'], 'inline');
    if (!map) return;
    // IAM limits the inline policies of one identity together, not counting white space.
    const total = Object.values(map).reduce<number>(
      (sum, document) => sum + (JSON.stringify(document)?.length ?? 0),
      0,
    );
    const { limit, label } = INLINE_SIZE_LIMITS[entity];
    if (total > limit) {
      this.error(
        'inline-size',
        [...path, 'inline'],
        `The inline policies here have ${total.toLocaleString('en-US')} characters without white space; ${label} may have ${limit.toLocaleString('en-US')} in total.`,
        true,
      );
    }
    for (const [name, document] of Object.entries(map)) {
      this.iamName(name, [...path, 'inline', name], 'inline policy', 128);
      this.documents.push({ path: [...path, 'inline', name], kind: 'identity' });
      if (!isRecord(document))
        this.error(
          'wrong-type',
          [...path, 'inline', name],
          `Inline policy ${quote(name)} must be a policy document (an object), not ${describe(document)}.`,
        );
    }
  }
}

/** A short description of a JSON value's type, for messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' && !Number.isFinite(value))
    return 'a number too large to represent (it reads as Infinity)';
  return `the ${typeof value} ${String(value)}`;
}

function checkAccount(c: Checker, id: string, value: unknown): void {
  const path: JsonPath = ['accounts', id];
  if (!isAccountId(id))
    c.error(
      'invalid-account-id',
      path,
      `${quote(id)} is not an account id: accounts are keyed by 12-digit ids such as "111122223333".`,
      true,
    );
  const account = c.object(value, path, `account ${id}`, ACCOUNT_KEYS);
  if (!account) return;
  c.optionalString(account, 'name', path, 'The account name');
  if (Object.hasOwn(account, 'publicAccessBlock'))
    checkPublicAccessBlock(account.publicAccessBlock, [...path, 'publicAccessBlock'], c.sink);
  c.policyMap(account, 'policies', path, 'policies', 'identity');

  const groups = Object.hasOwn(account, 'groups')
    ? c.object(account.groups, [...path, 'groups'], 'groups')
    : undefined;
  if (groups) {
    c.caseInsensitiveNames(groups, [...path, 'groups'], 'group');
    for (const [name, g] of Object.entries(groups)) {
      const gPath = [...path, 'groups', name];
      c.iamName(name, gPath, 'group', 128);
      const group = c.object(g, gPath, `group ${name}`, GROUP_KEYS);
      if (!group) continue;
      c.path(group, gPath);
      c.policyRefs(id, group, gPath, `group ${name}`);
      c.inline(group, gPath, 'group');
    }
  }

  const users = Object.hasOwn(account, 'users')
    ? c.object(account.users, [...path, 'users'], 'users')
    : undefined;
  if (users) {
    c.caseInsensitiveNames(users, [...path, 'users'], 'user');
    for (const [name, u] of Object.entries(users)) {
      const uPath = [...path, 'users', name];
      c.iamName(name, uPath, 'user', 64);
      const user = c.object(u, uPath, `user ${name}`, USER_KEYS);
      if (!user) continue;
      c.path(user, uPath);
      if (Object.hasOwn(user, 'groups')) {
        const names = c.stringList(
          user.groups,
          [...uPath, 'groups'],
          `The "groups" of user ${name}`,
        );
        names.forEach((groupName, i) => {
          if (groups && Object.hasOwn(groups, groupName)) return;
          const near = caseInsensitiveMatch(groups, groupName);
          c.error(
            'unknown-group',
            [...uPath, 'groups', i],
            `User ${name} is in group ${quote(groupName)}, but account ${id} has no such group.${near ? ` Did you mean ${quote(near)}?` : ''}`,
          );
        });
        if (names.length > 10)
          c.error(
            'too-many-groups',
            [...uPath, 'groups'],
            `A user can be in at most 10 groups; ${name} is in ${names.length}.`,
          );
      }
      c.policyRefs(id, user, uPath, `user ${name}`);
      c.inline(user, uPath, 'user');
      c.tags(user, uPath);
      c.uniqueId(user, uPath, 'AIDA', `User ${name} of account ${id}`);
    }
  }

  const roles = Object.hasOwn(account, 'roles')
    ? c.object(account.roles, [...path, 'roles'], 'roles')
    : undefined;
  if (roles) {
    c.caseInsensitiveNames(roles, [...path, 'roles'], 'role');
    for (const [name, r] of Object.entries(roles)) {
      const rPath = [...path, 'roles', name];
      c.iamName(name, rPath, 'role', 64);
      const role = c.object(r, rPath, `role ${name}`, ROLE_KEYS);
      if (!role) continue;
      c.path(role, rPath);
      c.uniqueId(role, rPath, 'AROA', `Role ${name} of account ${id}`);
      if (Object.hasOwn(role, 'trust')) {
        c.documents.push({ path: [...rPath, 'trust'], kind: 'trust' });
        if (!isRecord(role.trust))
          c.error(
            'wrong-type',
            [...rPath, 'trust'],
            `The trust policy of role ${name} must be a policy document (an object), not ${describe(role.trust)}.`,
          );
      }
      if (Object.hasOwn(role, 'maxSessionDuration')) {
        const max = role.maxSessionDuration;
        // IAM API Reference, CreateRole: MaxSessionDuration is 3600 to 43200 seconds.
        if (typeof max !== 'number' || !Number.isInteger(max) || max < 3600 || max > 43200)
          c.error(
            'invalid-max-session-duration',
            [...rPath, 'maxSessionDuration'],
            `"maxSessionDuration" of role ${name} is a whole number of seconds from 3600 (one hour) to 43200 (12 hours), not ${describe(max)}.`,
          );
      }
      c.policyRefs(id, role, rPath, `role ${name}`);
      c.inline(role, rPath, 'role');
      c.tags(role, rPath);
    }
  }

  const profiles = Object.hasOwn(account, 'instanceProfiles')
    ? c.object(account.instanceProfiles, [...path, 'instanceProfiles'], 'instanceProfiles')
    : undefined;
  if (profiles) {
    c.caseInsensitiveNames(profiles, [...path, 'instanceProfiles'], 'instance profile');
    for (const [name, p] of Object.entries(profiles)) {
      const pPath = [...path, 'instanceProfiles', name];
      c.iamName(name, pPath, 'instance profile', 128);
      const profile = c.object(p, pPath, `instance profile ${name}`, PROFILE_KEYS);
      if (!profile) continue;
      c.path(profile, pPath);
      if (
        Object.hasOwn(profile, 'role') &&
        profile.role !== null &&
        c.string(profile.role, [...pPath, 'role'], 'The role of an instance profile')
      ) {
        const roleName = profile.role;
        if (!roles || !Object.hasOwn(roles, roleName)) {
          const near = caseInsensitiveMatch(roles, roleName);
          c.error(
            'unknown-role',
            [...pPath, 'role'],
            `Instance profile ${name} holds role ${quote(roleName)}, but account ${id} has no such role.${near ? ` Did you mean ${quote(near)}?` : ''}`,
          );
        }
      }
    }
  }
}

function checkOrganization(c: Checker, value: unknown): void {
  const path: JsonPath = ['organization'];
  const org = c.object(value, path, 'organization', ORG_KEYS);
  if (!org) return;
  if (
    Object.hasOwn(org, 'id') &&
    c.string(org.id, [...path, 'id'], 'The organization id') &&
    !ORG_ID.test(org.id)
  ) {
    c.error(
      'invalid-organization-id',
      [...path, 'id'],
      `${quote(org.id)} is not an organization id: it looks like "o-a1b2c3d4e5" (o- and 10 to 32 lowercase letters or digits).`,
    );
  }
  if (
    Object.hasOwn(org, 'managementAccount') &&
    c.string(org.managementAccount, [...path, 'managementAccount'], 'managementAccount') &&
    !isAccountId(org.managementAccount)
  ) {
    c.error(
      'invalid-account-id',
      [...path, 'managementAccount'],
      `${quote(org.managementAccount)} is not a 12-digit account id.`,
    );
  }
  const declared = Object.hasOwn(org, 'policies')
    ? c.object(org.policies, [...path, 'policies'], 'organization policies')
    : undefined;
  const usedAs = new Map<string, Set<'scp' | 'rcp'>>();
  if (declared) {
    for (const [name, document] of Object.entries(declared)) {
      if (name === FULL_AWS_ACCESS || name === RCP_FULL_AWS_ACCESS) {
        c.error(
          'reserved-policy-name',
          [...path, 'policies', name],
          `${quote(name)} is AWS's built-in policy and exists without being declared; give your policy another name.`,
          true,
        );
      }
      if (!isRecord(document))
        c.error(
          'wrong-type',
          [...path, 'policies', name],
          `Policy ${quote(name)} must be a policy document (an object), not ${describe(document)}.`,
        );
    }
  }

  const attachments = (node: Record<string, unknown>, nodePath: JsonPath): void => {
    for (const kind of ['scps', 'rcps'] as const) {
      if (!Object.hasOwn(node, kind)) continue;
      const names = c.stringList(node[kind], [...nodePath, kind], `"${kind}"`);
      names.forEach((name, i) => {
        const at = [...nodePath, kind, i];
        const builtin = kind === 'scps' ? FULL_AWS_ACCESS : RCP_FULL_AWS_ACCESS;
        const otherBuiltin = kind === 'scps' ? RCP_FULL_AWS_ACCESS : FULL_AWS_ACCESS;
        if (name === otherBuiltin) {
          c.error(
            'wrong-policy-type',
            at,
            `${quote(name)} is ${kind === 'scps' ? 'an RCP' : 'an SCP'} and cannot be listed in "${kind}".`,
          );
          return;
        }
        if (name === builtin) return;
        if (!declared || !Object.hasOwn(declared, name)) {
          const near = declared
            ? Object.keys(declared).find((k) => editDistance(k, name, 2) <= 2)
            : undefined;
          c.error(
            'unknown-policy',
            at,
            `${quote(name)} is not in the organization's "policies".${near ? ` Did you mean ${quote(near)}?` : ''}`,
          );
          return;
        }
        const kinds = usedAs.get(name) ?? new Set();
        kinds.add(kind === 'scps' ? 'scp' : 'rcp');
        usedAs.set(name, kinds);
      });
    }
  };

  const seenAccounts = new Map<string, JsonPath>();
  if (Object.hasOwn(org, 'root')) {
    const stack: { value: unknown; path: JsonPath; what: string; depth: number }[] = [
      { value: org.root, path: [...path, 'root'], what: 'the organization root', depth: 0 },
    ];
    while (stack.length > 0) {
      const { value: nodeValue, path: nodePath, what, depth } = stack.pop()!;
      if (depth > 5) {
        c.error(
          'too-deep',
          nodePath,
          `${what} is nested ${depth} levels under the root; AWS Organizations allows five.`,
          true,
        );
      }
      const node = c.object(nodeValue, nodePath, what, NODE_KEYS);
      if (!node) continue;
      attachments(node, nodePath);
      if (Object.hasOwn(node, 'accounts')) {
        const accounts = c.object(node.accounts, [...nodePath, 'accounts'], '"accounts"');
        for (const [id, entry] of Object.entries(accounts ?? {})) {
          const at = [...nodePath, 'accounts', id];
          if (!isAccountId(id))
            c.error('invalid-account-id', at, `${quote(id)} is not a 12-digit account id.`, true);
          const first = seenAccounts.get(id);
          if (first)
            c.error(
              'duplicate-account',
              at,
              `Account ${id} is placed twice in the organization (also at ${formatPath(first)}); an account has one place.`,
              true,
            );
          else seenAccounts.set(id, at);
          const accountNode = c.object(
            entry,
            at,
            `account ${id} in the organization`,
            ORG_ACCOUNT_KEYS,
          );
          if (accountNode) attachments(accountNode, at);
        }
      }
      if (Object.hasOwn(node, 'ous')) {
        const ous = c.object(node.ous, [...nodePath, 'ous'], '"ous"');
        for (const [name, child] of Object.entries(ous ?? {})) {
          if (name.length === 0 || name.length > 128)
            c.error(
              'invalid-name',
              [...nodePath, 'ous', name],
              `OU names have 1 to 128 characters.`,
              true,
            );
          stack.push({
            value: child,
            path: [...nodePath, 'ous', name],
            what: `OU ${name}`,
            depth: depth + 1,
          });
        }
      }
    }
  }

  if (declared) {
    for (const name of Object.keys(declared)) {
      const kinds = usedAs.get(name);
      if (kinds && kinds.size > 1) {
        c.error(
          'wrong-policy-type',
          [...path, 'policies', name],
          `Policy ${quote(name)} is attached both as an SCP and as an RCP; in AWS a policy has one type.`,
          true,
        );
      }
      // An unattached policy is checked as an SCP unless it names principals, as RCPs do.
      const kind = kinds?.has('rcp')
        ? 'rcp'
        : kinds?.has('scp')
          ? 'scp'
          : isRecord(declared[name]) && JSON.stringify(declared[name]).includes('"Principal"')
            ? 'rcp'
            : 'scp';
      c.documents.push({ path: [...path, 'policies', name], kind });
    }
  }
}

function checkResources(c: Checker, value: unknown): void {
  const resources = c.object(value, ['resources'], 'resources');
  if (!resources) return;
  for (const [arnText, entryValue] of Object.entries(resources)) {
    const path: JsonPath = ['resources', arnText];
    const arn = parseArn(arnText);
    if (!arn)
      c.error(
        'invalid-arn',
        path,
        `${quote(arnText)} is not an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE).`,
        true,
      );
    const entry = c.object(entryValue, path, `resource ${arnText}`, RESOURCE_KEYS);
    if (!entry) continue;
    if (
      Object.hasOwn(entry, 'account') &&
      c.string(entry.account, [...path, 'account'], 'The resource account')
    ) {
      if (!isAccountId(entry.account))
        c.error(
          'invalid-account-id',
          [...path, 'account'],
          `${quote(entry.account)} is not a 12-digit account id.`,
        );
      else if (arn && arn.account !== '' && arn.account !== entry.account) {
        c.error(
          'account-mismatch',
          [...path, 'account'],
          `The ARN says account ${arn.account} but "account" says ${entry.account}; they must agree.`,
        );
      }
    }
    c.tags(entry, path);
    if (Object.hasOwn(entry, 'publicAccessBlock')) {
      if (isBucketArn(arnText) && !arnText.includes('/'))
        checkPublicAccessBlock(entry.publicAccessBlock, [...path, 'publicAccessBlock'], c.sink);
      else
        c.error(
          'setting-not-supported',
          [...path, 'publicAccessBlock'],
          `Block Public Access settings belong to an S3 bucket (arn:aws:s3:::BUCKET) or to an account, not to ${quote(arnText)}.`,
          true,
        );
    }
    if (Object.hasOwn(entry, 'policy') && entry.policy !== null) {
      if (arn?.service === 'iam' && arn.resource.startsWith('role/')) {
        c.error(
          'policy-not-supported',
          [...path, 'policy'],
          `A role's resource-based policy is its trust policy: put it in "trust" of the role under accounts.`,
        );
      } else if (arn?.service === 's3' && arn.resource.includes('/')) {
        c.error(
          'policy-not-supported',
          [...path, 'policy'],
          `S3 objects have no policy of their own: put a bucket policy on arn:${arn.partition}:s3:::${arn.resource.slice(0, arn.resource.indexOf('/'))}.`,
        );
      } else {
        c.documents.push({
          path: [...path, 'policy'],
          kind: isKeyArn(arnText) ? 'kms' : 'resource',
        });
        if (arn?.service === 's3') {
          const owner = resourceOwner(c.scenario, arnText).account;
          const blocked = blockedPolicyWarning(c.scenario, arnText, owner, entry.policy);
          if (blocked)
            c.warning(
              'public-policy-blocked',
              [...path, 'policy', ...blocked.path],
              blocked.message,
            );
        }
        if (arn?.service === 's3')
          for (const at of bucketStatementsWithoutResource(entry.policy))
            c.error(
              'bucket-policy-needs-resource',
              [...path, 'policy', ...at],
              'S3 refuses a bucket policy statement without Resource: name the bucket ARN, its objects (ARN/*), or both.',
            );
        if (!isRecord(entry.policy))
          c.error(
            'wrong-type',
            [...path, 'policy'],
            `The policy must be a policy document (an object), not ${describe(entry.policy)}.`,
          );
      }
    }
  }
}

function checkContext(c: Checker, value: unknown, path: JsonPath): void {
  const context = c.object(value, path, 'context');
  if (!context) return;
  const seen = new Map<string, string>();
  for (const [key, v] of Object.entries(context)) {
    const at = [...path, key];
    if (key.length === 0)
      c.error('invalid-context-key', at, 'A condition key name cannot be empty.', true);
    const first = seen.get(key.toLowerCase());
    if (first !== undefined)
      c.error(
        'duplicate-context-key',
        at,
        `${quote(key)} and ${quote(first)} are the same condition key (key names ignore case).`,
        true,
      );
    else seen.set(key.toLowerCase(), key);
    const scalar = (x: unknown): boolean =>
      typeof x === 'string' ||
      typeof x === 'boolean' ||
      (typeof x === 'number' && Number.isFinite(x));
    const checkValue = (item: string | number | boolean, itemPath: JsonPath): void => {
      const problem = contextValueProblem(key, item);
      if (!problem) return;
      const code = problem.severity === 'error' ? 'invalid-context-value' : 'literal-context-value';
      if (problem.severity === 'error') c.error(code, itemPath, problem.message);
      else c.warning(code, itemPath, problem.message);
    };
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        if (!scalar(item))
          c.error(
            'wrong-type',
            [...at, i],
            `Values of ${quote(key)} must be strings, numbers or booleans, not ${describe(item)}.`,
          );
        else checkValue(item as string | number | boolean, [...at, i]);
      });
    } else if (!scalar(v)) {
      c.error(
        'wrong-type',
        at,
        `The value of ${quote(key)} must be a string, number, boolean, or an array of them, not ${describe(v)}.`,
      );
    } else checkValue(v as string | number | boolean, at);
  }
}

function checkPrincipalExists(
  c: Checker,
  text: string,
  path: JsonPath,
): ReturnType<typeof parsePrincipal> {
  const ref = parsePrincipal(text);
  if (typeof ref === 'string') {
    c.error('invalid-principal', path, ref);
    return ref;
  }
  if (ref.kind === 'service' || ref.kind === 'anonymous') return ref;
  const account = getAccount(c.scenario, ref.account);
  if (!account) {
    c.error(
      'unknown-account',
      path,
      `Account ${ref.account} is not in the scenario's "accounts"; add it there (an empty {} is enough).`,
    );
    return ref;
  }
  const missing = (what: string, record: unknown, name: string): void => {
    const near = caseInsensitiveMatch(record, name);
    c.error(
      `unknown-${what.replace(' ', '-')}`,
      path,
      `Account ${ref.account} has no ${what} ${quote(name)}.${near ? ` Did you mean ${quote(near)}?` : ''}`,
    );
  };
  const checkPath = (what: string, actual: unknown, given: string, name: string): void => {
    const expected = typeof actual === 'string' ? actual : '/';
    if (expected !== given) {
      c.error(
        'wrong-path',
        path,
        `The ${what} ${name} has path ${quote(expected)}, so its ARN is arn:aws:iam::${ref.account}:${what === 'instance profile' ? 'instance-profile' : what}${expected}${name}.`,
      );
    }
  };
  switch (ref.kind) {
    case 'user': {
      const user = getUser(account, ref.name);
      if (!user) missing('user', account.users, ref.name);
      else checkPath('user', user.path, ref.path, ref.name);
      break;
    }
    case 'role': {
      const role = getRole(account, ref.name);
      if (!role) missing('role', account.roles, ref.name);
      else checkPath('role', role.path, ref.path, ref.name);
      break;
    }
    case 'assumed-role':
      if (!getRole(account, ref.name)) missing('role', account.roles, ref.name);
      if (!/^[\w+=,.@-]{2,64}$/.test(ref.sessionName))
        c.error(
          'invalid-session-name',
          path,
          `${quote(ref.sessionName)} is not a valid session name: 2 to 64 letters, digits and + = , . @ _ -.`,
        );
      break;
    case 'instance-profile': {
      const profile = getInstanceProfile(account, ref.name);
      if (!profile) missing('instance profile', account.instanceProfiles, ref.name);
      else checkPath('instance profile', profile.path, ref.path, ref.name);
      break;
    }
    default:
      break;
  }
  return ref;
}

function checkRequests(c: Checker, value: unknown): void {
  if (!Array.isArray(value)) {
    c.error('wrong-type', ['requests'], `"requests" must be an array, not ${describe(value)}.`);
    return;
  }
  const ids = new Map<string, number>();
  value.forEach((item, index) => {
    const path: JsonPath = ['requests', index];
    const request = c.object(item, path, `request ${index}`, REQUEST_KEYS);
    if (!request) return;
    if (Object.hasOwn(request, 'id') && c.string(request.id, [...path, 'id'], 'The request id')) {
      const first = ids.get(request.id);
      if (first !== undefined)
        c.error(
          'duplicate-request-id',
          [...path, 'id'],
          `Request id ${quote(request.id)} is already used by request ${first}; ids must be unique.`,
        );
      else ids.set(request.id, index);
    }
    for (const key of ['principal', 'action', 'resource']) {
      if (!Object.hasOwn(request, key))
        c.error('missing-property', path, `Request ${index} needs "${key}".`);
    }
    let principal: ReturnType<typeof parsePrincipal> | undefined;
    if (
      Object.hasOwn(request, 'principal') &&
      c.string(request.principal, [...path, 'principal'], 'The principal')
    ) {
      principal = checkPrincipalExists(c, request.principal, [...path, 'principal']);
    }
    let action: string | undefined;
    if (
      Object.hasOwn(request, 'action') &&
      c.string(request.action, [...path, 'action'], 'The action')
    ) {
      const problem = requestActionProblem(request.action);
      if (problem) c.error('invalid-action', [...path, 'action'], problem);
      else action = request.action.toLowerCase();
    }
    let resource: string | undefined;
    if (
      Object.hasOwn(request, 'resource') &&
      c.string(request.resource, [...path, 'resource'], 'The resource')
    ) {
      const problem = requestResourceProblem(request.resource);
      if (problem) c.error('invalid-arn', [...path, 'resource'], problem);
      else resource = request.resource;
    }
    if (Object.hasOwn(request, 'context')) checkContext(c, request.context, [...path, 'context']);
    if (
      Object.hasOwn(request, 'expect') &&
      c.string(request.expect, [...path, 'expect'], 'expect') &&
      !EXPECTS.includes(request.expect)
    ) {
      c.error(
        'invalid-expect',
        [...path, 'expect'],
        `${quote(request.expect)} is not a decision: use ${EXPECTS.map((e) => `"${e}"`).join(', ')}.`,
      );
    }
    if (Object.hasOwn(request, 'assume')) {
      checkAssume(c, request.assume, [...path, 'assume'], principal, {
        context: checkContext,
        principal: checkPrincipalExists,
      });
      if (Object.hasOwn(request, 'sessionPolicy') && request.sessionPolicy !== null)
        c.error(
          'session-policy-not-allowed',
          [...path, 'sessionPolicy'],
          'With "assume", the session that makes the request is the last STS call\'s: give its session policy there ("sessionPolicy" of the last entry of "assume").',
        );
    } else if (Object.hasOwn(request, 'sessionPolicy') && request.sessionPolicy !== null) {
      const at = [...path, 'sessionPolicy'];
      if (!isRecord(request.sessionPolicy))
        c.error(
          'wrong-type',
          at,
          `The session policy must be a policy document (an object) or null, not ${describe(request.sessionPolicy)}.`,
        );
      else if (principal && typeof principal !== 'string') {
        if (principal.kind === 'role' || principal.kind === 'assumed-role')
          c.documents.push({ path: at, kind: 'session' });
        else if (principal.kind === 'oidc-provider' || principal.kind === 'saml-provider') {
          c.warning(
            'session-policy-ignored',
            at,
            'A session policy passed to AssumeRoleWithWebIdentity or AssumeRoleWithSAML limits the session it creates, not the call itself; it has no effect on this request.',
          );
        } else {
          c.error(
            'session-policy-not-allowed',
            at,
            `Only role sessions have session policies; this principal is ${principal.kind === 'instance-profile' ? 'an instance profile, whose session EC2 creates without one' : `a ${principal.kind}`}.`,
          );
        }
      }
    }
    if (Object.hasOwn(request, 'policyArns')) {
      const at = [...path, 'policyArns'];
      if (Object.hasOwn(request, 'assume'))
        c.error(
          'session-policy-not-allowed',
          at,
          'With "assume", the session that makes the request is the last STS call\'s: give its managed session policies there ("policyArns" of the last entry of "assume").',
        );
      else if (
        principal &&
        typeof principal !== 'string' &&
        (principal.kind === 'role' || principal.kind === 'assumed-role')
      )
        checkPolicyArns(c, request.policyArns, at, request.sessionPolicy, principal.account);
      else if (principal && typeof principal !== 'string')
        c.error(
          'session-policy-not-allowed',
          at,
          `Only role sessions have session policies; this principal is a ${principal.kind}.`,
        );
    }
    if (principal && typeof principal !== 'string' && resource !== undefined) {
      if (
        (principal.kind === 'anonymous' || principal.kind === 'service') &&
        resourceOwner(c.scenario, resource).account === undefined
      ) {
        c.error(
          'unknown-resource-owner',
          [...path, 'resource'],
          `The owner account of ${resource === '*' ? 'resource "*"' : resource} is unknown, and ${principal.kind === 'anonymous' ? 'an anonymous caller' : 'a service principal'} has no account of its own to assume. Add the resource under "resources" with its "account".`,
        );
      }
    }
    if (action && resource && TRUST_ACTIONS.has(action)) {
      const arn = parseArn(resource);
      if (arn?.service === 'iam' && arn.resource.startsWith('role/')) {
        const name = arn.resource.slice(arn.resource.lastIndexOf('/') + 1);
        const account = getAccount(c.scenario, arn.account);
        if (!account) {
          c.error(
            'unknown-account',
            [...path, 'resource'],
            `Account ${arn.account} is not in the scenario's "accounts", so role ${name} and its trust policy are unknown.`,
          );
        } else {
          const role = getRole(account, name);
          if (!role) {
            const near = caseInsensitiveMatch(account.roles, name);
            c.error(
              'unknown-role',
              [...path, 'resource'],
              `Account ${arn.account} has no role ${quote(name)} to assume.${near ? ` Did you mean ${quote(near)}?` : ''}`,
            );
          } else {
            const rolePath = typeof role.path === 'string' ? role.path : '/';
            const expected = `arn:${arn.partition}:iam::${arn.account}:role${rolePath}${name}`;
            if (resource !== expected) {
              c.error(
                'wrong-path',
                [...path, 'resource'],
                `Role ${name} has path ${quote(rolePath)}, so its ARN is ${expected}.`,
              );
            }
          }
        }
      }
    }
  });
}

/** The raw result of validation, before positions are added. */
export interface ValidationResult {
  problems: RawProblem[];
  /** Every policy document in the scenario, with the kind it is checked as. */
  documents: PolicyDocumentPlace[];
}

/**
 * Checks a parsed value against the scenario format. A `version` newer than this program's
 * stops validation with one problem: the rest of the document is not read.
 */
export function checkScenario(value: unknown, options: ValidateOptions): ValidationResult {
  const scenario = (isRecord(value) ? value : {}) as unknown as Scenario;
  const c = new Checker(scenario, options.managedPolicies);
  if (!isRecord(value)) {
    c.error('wrong-type', [], `A scenario is a JSON object, not ${describe(value)}.`);
    return { problems: c.problems, documents: [] };
  }
  const version = getOwn(value, 'version');
  // Another format's document is reported as such, whatever its version says.
  const format = getOwn(value, 'format');
  // Only a whole number names a newer format: 1.5 or 1e400 (Infinity) is no version at all.
  if (
    typeof version === 'number' &&
    Number.isInteger(version) &&
    version > SCENARIO_VERSION &&
    (format === undefined || format === SCENARIO_FORMAT)
  ) {
    c.error(
      'unsupported-version',
      ['version'],
      `This scenario is format version ${version}, but this program reads version ${SCENARIO_VERSION} only; it was not read. Open it with a newer IAM Playground.`,
    );
    return { problems: c.problems, documents: [] };
  }
  if (!Object.hasOwn(value, 'format'))
    c.error('missing-property', [], `A scenario needs "format": "${SCENARIO_FORMAT}".`);
  else if (value.format !== SCENARIO_FORMAT)
    c.error(
      'wrong-format',
      ['format'],
      `"format" must be "${SCENARIO_FORMAT}", not ${describe(value.format)}.`,
    );
  if (!Object.hasOwn(value, 'version'))
    c.error('missing-property', [], `A scenario needs "version": ${SCENARIO_VERSION}.`);
  else if (version !== SCENARIO_VERSION)
    c.error(
      'wrong-version',
      ['version'],
      `"version" must be the number ${SCENARIO_VERSION}, not ${describe(version)}${typeof version === 'number' && Number.isFinite(version) && !Number.isInteger(version) ? ' (format versions are whole numbers)' : ''}.`,
    );
  c.object(value, [], 'the scenario', TOP_KEYS);
  for (const key of ['$schema', 'title', 'description'])
    c.optionalString(value, key, [], `"${key}"`);

  if (Object.hasOwn(value, 'organization')) checkOrganization(c, value.organization);
  if (Object.hasOwn(value, 'accounts')) {
    const accounts = c.object(value.accounts, ['accounts'], 'accounts');
    for (const [id, account] of Object.entries(accounts ?? {})) checkAccount(c, id, account);
  }
  if (Object.hasOwn(value, 'resources')) checkResources(c, value.resources);
  if (Object.hasOwn(value, 'requests')) checkRequests(c, value.requests);
  c.problems.push(...scenarioLimitProblems(value));
  c.problems.push(...credentialProblems(value));
  const perimeter = perimeterProblems(value);
  c.problems.push(...perimeter.problems);
  c.documents.push(...perimeter.documents);
  const accessPoints = accessPointProblems(value);
  c.problems.push(...accessPoints.problems, ...aclProblems(value));
  c.documents.push(...accessPoints.documents);
  // The exercise's own checks (exercise.ts) are loaded where they are needed: loadScenario runs
  // them, the worker loads them when a scenario has an exercise. Here only its kind is checked.
  if (Object.hasOwn(value, 'exercise')) c.object(value.exercise, ['exercise'], '"exercise"');

  return { problems: c.problems, documents: c.documents };
}

/** Adds line, column and range to problems, from the nearest located path. */
export function locateProblems(
  problems: RawProblem[],
  locate?: Locator,
  locateKey?: Locator,
): ScenarioProblem[] {
  return problems.map(({ atKey, ...raw }) => {
    // A backstop: no message repeats a huge input whole, whichever check wrote it.
    const problem = { ...raw, message: shorten(raw.message) };
    if (!locate) return problem;
    let range;
    for (let n = problem.path.length; n >= 0 && !range; n--) {
      const p = problem.path.slice(0, n);
      range = atKey && n === problem.path.length ? (locateKey ?? locate)(p) : locate(p);
    }
    return range ? { ...problem, line: range.line, column: range.column, range } : problem;
  });
}

/** Runs the policy validator on every document and turns its problems into scenario problems. */
export function checkPolicyDocuments(
  scenario: unknown,
  documents: PolicyDocumentPlace[],
  validatePolicy: PolicyValidator,
): RawProblem[] {
  const out: RawProblem[] = [];
  for (const { path, kind } of documents) {
    let document: unknown = scenario;
    for (const segment of path)
      document =
        typeof segment === 'number'
          ? Array.isArray(document)
            ? document[segment]
            : undefined
          : getOwn(document, segment);
    if (!isRecord(document)) continue; // already reported as a wrong type
    for (const problem of validatePolicy(document, kind)) {
      out.push({
        code: problem.code,
        severity: problem.severity,
        message: problem.message,
        path: [...path, ...problem.path],
      });
    }
  }
  return out;
}

/** Why a request's action cannot be asked about (a request names one action, no wildcards), or null. */
export function requestActionProblem(action: string): string | null {
  return /^[A-Za-z0-9-]+:[A-Za-z0-9-]+$/.test(action)
    ? null
    : `${quote(action)} is not an action: write service:Action, e.g. "s3:GetObject" (a request names one action, so no wildcards).`;
}

/** Why a request's resource cannot be asked about (it must be an ARN or "*"), or null. */
export function requestResourceProblem(resource: string): string | null {
  return resource === '*' || parseArn(resource)
    ? null
    : `${quote(resource)} is not an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE) or "*".`;
}
