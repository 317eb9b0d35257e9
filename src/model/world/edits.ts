/**
 * The edits the world explorer and the request builder make to a scenario.
 *
 * Each edit is a pure function: it takes a scenario (format v1, see
 * docs/scenario-format.md) and returns a new one, leaving the old one untouched, so
 * undo, storage and the worker all see plain values. Renames and deletions keep references
 * consistent (a renamed policy stays attached; a renamed user stays the principal of the policies
 * that name it; a deleted group leaves no dangling membership).
 * An edit that makes no sense for the scenario at hand (an unknown account, a taken name)
 * returns the scenario unchanged; callers check names first with `nameProblem`.
 */
import type { JsonPath } from '../../engine/types.ts';
import { deleteIn, getIn, isObject, renameKey, setIn, type JsonObject } from '../json-path.ts';

/** A scenario document: a JSON object with `format` and `version` (shape not guaranteed). */
export type Scenario = JsonObject;

/** The kinds of IAM identities an account holds, as their keys in the account object. */
export type IdentityKind = 'users' | 'groups' | 'roles';
/** Everything an account holds by name. */
export type AccountCollection = IdentityKind | 'instanceProfiles' | 'policies';
/** What a request may expect. */
export type Expectation = 'allowed' | 'explicitDeny' | 'implicitDeny' | 'denied';
/** SCPs or RCPs, as their keys on organization nodes. */
export type OrgPolicyList = 'scps' | 'rcps';

export const SCENARIO_FORMAT = 'iam-playground/scenario';
export const POLICY_VERSION = '2012-10-17';
/** Attached by default to every organization node without an explicit `scps` list. */
export const FULL_AWS_ACCESS = 'FullAWSAccess';

/** A request as the scenario stores it. */
export interface ScenarioRequest {
  id: string;
  principal: string;
  action: string;
  resource: string;
  context?: Record<string, unknown>;
  sessionPolicy?: unknown;
  expect?: Expectation;
}

/** A new, empty scenario: valid, with no accounts and no requests. */
export function emptyScenario(title = 'Untitled scenario'): Scenario {
  return { format: SCENARIO_FORMAT, version: 1, title, accounts: {}, resources: {}, requests: [] };
}

/** The starting document of a new identity policy: one statement to fill in, as AWS's console offers. */
export function starterPolicy(): JsonObject {
  return {
    Version: POLICY_VERSION,
    Statement: [{ Sid: 'Statement1', Effect: 'Allow', Action: [], Resource: [] }],
  };
}

/** A role's starting trust policy: anyone in the same account whose identity policy allows it may assume it. */
export function starterTrustPolicy(account: string): JsonObject {
  return {
    Version: POLICY_VERSION,
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: 'sts:AssumeRole',
      },
    ],
  };
}

/** A new resource policy: no statements yet, so it grants nothing. */
export function emptyPolicy(): JsonObject {
  return { Version: POLICY_VERSION, Statement: [] };
}

// ---------------------------------------------------------------- names

/** Why `name` cannot be used for a new entry of `kind` in `existing`, or null when it can. */
export function nameProblem(
  name: string,
  existing: readonly string[],
  what = 'name',
): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return `The ${what} is empty.`;
  if (trimmed !== name) return `The ${what} has spaces at its start or end.`;
  if (existing.includes(name)) return `There is already one named ${name}.`;
  return null;
}

/** IAM names allow letters, digits and `+=,.@_-`; a name outside that is refused here as AWS would. */
export function iamNameProblem(name: string, existing: readonly string[]): string | null {
  const basic = nameProblem(name, existing);
  if (basic) return basic;
  if (!/^[\w+=,.@-]+$/.test(name)) return 'IAM names use only letters, digits and + = , . @ _ -';
  return null;
}

/** The account ids in the scenario, in document order. */
export function accountIds(scenario: Scenario): string[] {
  const accounts = scenario['accounts'];
  return isObject(accounts) ? Object.keys(accounts) : [];
}

/** Names in one of an account's collections. */
export function namesIn(
  scenario: Scenario,
  account: string,
  collection: AccountCollection,
): string[] {
  const value = getIn(scenario, ['accounts', account, collection]);
  return isObject(value) ? Object.keys(value) : [];
}

/** `base`, or `base2`, `base3`... whichever is not in `taken` yet. */
export function freshName(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i++) if (!taken.includes(`${base}${i}`)) return `${base}${i}`;
}

const EXAMPLE_ACCOUNTS = ['111122223333', '444455556666', '777788889999', '123456789012'];

/** An unused 12-digit account id; the documentation's example ids first, since learners know them. */
export function freshAccountId(scenario: Scenario): string {
  const taken = accountIds(scenario);
  const example = EXAMPLE_ACCOUNTS.find((id) => !taken.includes(id));
  if (example) return example;
  for (let n = 100000000000; ; n++) if (!taken.includes(String(n))) return String(n);
}

// ---------------------------------------------------------------- accounts and identities

/** Adds an empty account. Inside an organization it joins the root. */
export function addAccount(
  scenario: Scenario,
  id = freshAccountId(scenario),
  name?: string,
): Scenario {
  if (!/^\d{12}$/.test(id) || accountIds(scenario).includes(id)) return scenario;
  const account: JsonObject = name ? { name } : {};
  Object.assign(account, { policies: {}, users: {}, groups: {}, roles: {}, instanceProfiles: {} });
  let next = setIn(scenario, ['accounts', id], account) as Scenario;
  if (isObject(scenario['organization'])) {
    next = setIn(next, ['organization', 'root', 'accounts', id], {}) as Scenario;
  }
  return next;
}

/** Sets an account's friendly name (empty removes it). */
export function renameAccount(scenario: Scenario, id: string, name: string): Scenario {
  return setField(scenario, ['accounts', id], 'name', name === '' ? null : name);
}

/** Removes an account and its place in the organization; requests stay, as when one principal is deleted. */
export function deleteAccount(scenario: Scenario, id: string): Scenario {
  let next = deleteIn(scenario, ['accounts', id]) as Scenario;
  const place = findOrgAccount(next, id);
  if (place) next = deleteIn(next, place) as Scenario;
  return next;
}

/** Adds a user, group or role with no policies. A role gets a trust policy that trusts its account. */
export function addIdentity(
  scenario: Scenario,
  account: string,
  kind: IdentityKind,
  name: string,
): Scenario {
  if (!isObject(getIn(scenario, ['accounts', account]))) return scenario;
  if (namesIn(scenario, account, kind).includes(name)) return scenario;
  const entry: JsonObject =
    kind === 'users'
      ? { groups: [], policies: [], inline: {} }
      : kind === 'groups'
        ? { policies: [], inline: {} }
        : { trust: starterTrustPolicy(account), policies: [], inline: {} };
  return setIn(scenario, ['accounts', account, kind, name], entry) as Scenario;
}

/** Shorthand for `addIdentity(s, account, 'users', name)`. */
export const addUser = (s: Scenario, account: string, name: string): Scenario =>
  addIdentity(s, account, 'users', name);
/** Shorthand for `addIdentity(s, account, 'groups', name)`. */
export const addGroup = (s: Scenario, account: string, name: string): Scenario =>
  addIdentity(s, account, 'groups', name);
/** Shorthand for `addIdentity(s, account, 'roles', name)`. */
export const addRole = (s: Scenario, account: string, name: string): Scenario =>
  addIdentity(s, account, 'roles', name);

/**
 * Renames a user, group or role and every reference to it: group memberships, instance profiles,
 * requests, and the principals of trust and resource-based policies (see `renamePrincipals`).
 */
export function renameIdentity(
  scenario: Scenario,
  account: string,
  kind: IdentityKind,
  oldName: string,
  newName: string,
): Scenario {
  return renameEntry(scenario, account, kind, oldName, newName);
}

/**
 * Deletes a user, group or role and its group memberships and instance profiles. Policies that
 * name it as principal are left as they are, as AWS leaves them, and so are the requests.
 */
export function deleteIdentity(
  scenario: Scenario,
  account: string,
  kind: IdentityKind,
  name: string,
): Scenario {
  return deleteEntry(scenario, account, kind, name);
}

/** Adds an instance profile, holding `role` when given. */
export function addInstanceProfile(
  scenario: Scenario,
  account: string,
  name: string,
  role?: string,
): Scenario {
  if (!isObject(getIn(scenario, ['accounts', account]))) return scenario;
  if (namesIn(scenario, account, 'instanceProfiles').includes(name)) return scenario;
  return setIn(
    scenario,
    ['accounts', account, 'instanceProfiles', name],
    role ? { role } : {},
  ) as Scenario;
}

/** Puts `role` into an instance profile (null empties it). */
export function setProfileRole(
  scenario: Scenario,
  account: string,
  profile: string,
  role: string | null,
): Scenario {
  return setField(scenario, ['accounts', account, 'instanceProfiles', profile], 'role', role);
}

/** Renames an instance profile and the requests made through it. */
export function renameInstanceProfile(
  scenario: Scenario,
  account: string,
  oldName: string,
  newName: string,
): Scenario {
  return renameEntry(scenario, account, 'instanceProfiles', oldName, newName);
}

/** Deletes an instance profile. */
export function deleteInstanceProfile(scenario: Scenario, account: string, name: string): Scenario {
  return deleteEntry(scenario, account, 'instanceProfiles', name);
}

/** Adds or removes a user from a group. */
export function setGroupMembership(
  scenario: Scenario,
  account: string,
  user: string,
  group: string,
  member: boolean,
): Scenario {
  return updateEntry(scenario, ['accounts', account, 'users', user], (entry) =>
    member ? addToList(entry, 'groups', group) : removeFromList(entry, 'groups', group),
  );
}

// ---------------------------------------------------------------- policies

/** Adds a customer managed policy with a starter document. */
export function addPolicy(
  scenario: Scenario,
  account: string,
  name: string,
  document: unknown = starterPolicy(),
): Scenario {
  if (!isObject(getIn(scenario, ['accounts', account]))) return scenario;
  if (namesIn(scenario, account, 'policies').includes(name)) return scenario;
  return setIn(scenario, ['accounts', account, 'policies', name], document) as Scenario;
}

/** Renames a customer managed policy and every attachment and boundary that refers to it. */
export function renamePolicy(
  scenario: Scenario,
  account: string,
  oldName: string,
  newName: string,
): Scenario {
  return renameEntry(scenario, account, 'policies', oldName, newName);
}

/** Deletes a customer managed policy, detaching it everywhere (boundaries that used it are removed). */
export function deletePolicy(scenario: Scenario, account: string, name: string): Scenario {
  return deleteEntry(scenario, account, 'policies', name);
}

/** Attaches a managed policy (a name in the account, or an ARN) to a user, group or role. */
export function attachPolicy(
  scenario: Scenario,
  account: string,
  kind: IdentityKind,
  name: string,
  ref: string,
): Scenario {
  if (ref === '') return scenario;
  return updateEntry(scenario, ['accounts', account, kind, name], (entry) =>
    addToList(entry, 'policies', ref),
  );
}

/** Detaches a managed policy from a user, group or role. */
export function detachPolicy(
  scenario: Scenario,
  account: string,
  kind: IdentityKind,
  name: string,
  ref: string,
): Scenario {
  return updateEntry(scenario, ['accounts', account, kind, name], (entry) =>
    removeFromList(entry, 'policies', ref),
  );
}

/** Sets (or, with null, removes) the permissions boundary of a user or role. */
export function setBoundary(
  scenario: Scenario,
  account: string,
  kind: 'users' | 'roles',
  name: string,
  ref: string | null,
): Scenario {
  return setField(scenario, ['accounts', account, kind, name], 'boundary', ref);
}

/** Adds an inline policy to a user, group or role. */
export function addInlinePolicy(
  scenario: Scenario,
  account: string,
  kind: IdentityKind,
  name: string,
  policyName: string,
  document: unknown = starterPolicy(),
): Scenario {
  const path = ['accounts', account, kind, name];
  if (!isObject(getIn(scenario, path))) return scenario;
  const inline = getIn(scenario, [...path, 'inline']);
  if (isObject(inline) && Object.hasOwn(inline, policyName)) return scenario;
  return setIn(scenario, [...path, 'inline', policyName], document) as Scenario;
}

/** Renames an inline policy. */
export function renameInlinePolicy(
  scenario: Scenario,
  account: string,
  kind: IdentityKind,
  name: string,
  oldName: string,
  newName: string,
): Scenario {
  if (newName === '') return scenario;
  return renameKey(
    scenario,
    ['accounts', account, kind, name, 'inline'],
    oldName,
    newName,
  ) as Scenario;
}

/** Deletes an inline policy. */
export function deleteInlinePolicy(
  scenario: Scenario,
  account: string,
  kind: IdentityKind,
  name: string,
  policyName: string,
): Scenario {
  return deleteIn(scenario, ['accounts', account, kind, name, 'inline', policyName]) as Scenario;
}

// ---------------------------------------------------------------- resources

/** The ARNs of the scenario's resources. */
export function resourceArns(scenario: Scenario): string[] {
  const resources = scenario['resources'];
  return isObject(resources) ? Object.keys(resources) : [];
}

/** Adds a resource with an empty resource policy; `account` records its owner when the ARN does not show it. */
export function addResource(
  scenario: Scenario,
  arn: string,
  account?: string,
  document: unknown = emptyPolicy(),
): Scenario {
  if (arn === '' || resourceArns(scenario).includes(arn)) return scenario;
  const entry: JsonObject = account ? { account, policy: document } : { policy: document };
  return setIn(scenario, ['resources', arn], entry) as Scenario;
}

/** Adds an S3 bucket owned by `account`, with an empty bucket policy. */
export function addBucket(scenario: Scenario, bucket: string, account?: string): Scenario {
  return addResource(scenario, `arn:aws:s3:::${bucket}`, account);
}

/** Changes a resource's ARN, and the requests on it (and, for a bucket, on its objects). */
export function renameResource(scenario: Scenario, oldArn: string, newArn: string): Scenario {
  if (!canRename(resourceArns(scenario), oldArn, newArn)) return scenario;
  const next = renameKey(scenario, ['resources'], oldArn, newArn) as Scenario;
  const isBucket = /^arn:aws:s3:::[^/]+$/.test(oldArn);
  return mapRequests(next, 'resource', (res) => {
    if (res === oldArn) return newArn;
    return isBucket && res.startsWith(`${oldArn}/`) ? newArn + res.slice(oldArn.length) : res;
  });
}

/** Deletes a resource entry (requests on it stay: the resource just has no policy any more). */
export function deleteResource(scenario: Scenario, arn: string): Scenario {
  return deleteIn(scenario, ['resources', arn]) as Scenario;
}

// ---------------------------------------------------------------- organization

/** Creates an organization with every account under its root; the first account manages it. */
export function addOrganization(scenario: Scenario): Scenario {
  if (isObject(scenario['organization'])) return scenario;
  const ids = accountIds(scenario);
  const accounts: JsonObject = {};
  for (const id of ids) accounts[id] = {};
  const organization: JsonObject = { id: 'o-a1b2c3d4e5' };
  if (ids[0]) organization['managementAccount'] = ids[0];
  organization['policies'] = {};
  organization['root'] = { accounts, ous: {} };
  return { ...scenario, organization };
}

/** Removes the organization: no SCP or RCP applies any more. */
export function deleteOrganization(scenario: Scenario): Scenario {
  return deleteIn(scenario, ['organization']) as Scenario;
}

/** Path of an organization node: the root, an OU (`ous` steps) or an account under one. */
export type OrgNodePath = JsonPath;
/** The organization root's path. */
export const ORG_ROOT: OrgNodePath = ['organization', 'root'];

/** Adds an OU under a node (the root or another OU). */
export function addOu(scenario: Scenario, parent: OrgNodePath, name: string): Scenario {
  if (!isObject(getIn(scenario, parent))) return scenario;
  const ous = getIn(scenario, [...parent, 'ous']);
  if (isObject(ous) && Object.hasOwn(ous, name)) return scenario;
  return setIn(scenario, [...parent, 'ous', name], { accounts: {}, ous: {} }) as Scenario;
}

/** Renames an OU. */
export function renameOu(scenario: Scenario, ouPath: OrgNodePath, newName: string): Scenario {
  const oldName = ouPath[ouPath.length - 1];
  if (typeof oldName !== 'string' || newName === '') return scenario;
  return renameKey(scenario, ouPath.slice(0, -1), oldName, newName) as Scenario;
}

/** Deletes an OU; its accounts move up to its parent, so no account leaves the organization by accident. */
export function deleteOu(scenario: Scenario, ouPath: OrgNodePath): Scenario {
  const ou = getIn(scenario, ouPath);
  if (!isObject(ou)) return scenario;
  const parent = ouPath.slice(0, -2);
  let next = deleteIn(scenario, ouPath) as Scenario;
  const accounts = ou['accounts'];
  if (isObject(accounts)) {
    for (const id of Object.keys(accounts))
      next = setIn(next, [...parent, 'accounts', id], accounts[id]) as Scenario;
  }
  return next;
}

/** Where an account stands in the organization tree, or null when it is not in it. */
export function findOrgAccount(scenario: Scenario, account: string): JsonPath | null {
  const search = (path: JsonPath): JsonPath | null => {
    const node = getIn(scenario, path);
    if (!isObject(node)) return null;
    const accounts = node['accounts'];
    if (isObject(accounts) && Object.hasOwn(accounts, account))
      return [...path, 'accounts', account];
    const ous = node['ous'];
    if (!isObject(ous)) return null;
    for (const name of Object.keys(ous)) {
      const found = search([...path, 'ous', name]);
      if (found) return found;
    }
    return null;
  };
  return search(ORG_ROOT);
}

/** Moves an account to another node (root or OU), keeping its own SCP and RCP attachments. */
export function moveAccount(scenario: Scenario, account: string, to: OrgNodePath): Scenario {
  const from = findOrgAccount(scenario, account);
  if (!isObject(getIn(scenario, to))) return scenario;
  const entry = from ? getIn(scenario, from) : {};
  const next = from ? (deleteIn(scenario, from) as Scenario) : scenario;
  return setIn(next, [...to, 'accounts', account], entry) as Scenario;
}

/** Adds an SCP or RCP document to the organization's policies (it is attached separately). */
export function addOrgPolicy(scenario: Scenario, name: string, document?: unknown): Scenario {
  if (!isObject(scenario['organization'])) return scenario;
  const policies = getIn(scenario, ['organization', 'policies']);
  if (isObject(policies) && Object.hasOwn(policies, name)) return scenario;
  const doc = document ?? {
    Version: POLICY_VERSION,
    Statement: [{ Sid: 'Statement1', Effect: 'Deny', Action: [], Resource: '*' }],
  };
  return setIn(scenario, ['organization', 'policies', name], doc) as Scenario;
}

/** The organization node paths (root, OUs, accounts), depth first. */
export function orgNodes(scenario: Scenario): JsonPath[] {
  const out: JsonPath[] = [];
  const walk = (path: JsonPath): void => {
    const node = getIn(scenario, path);
    if (!isObject(node)) return;
    out.push(path);
    const accounts = node['accounts'];
    if (isObject(accounts))
      for (const id of Object.keys(accounts)) out.push([...path, 'accounts', id]);
    const ous = node['ous'];
    if (isObject(ous)) for (const name of Object.keys(ous)) walk([...path, 'ous', name]);
  };
  walk(ORG_ROOT);
  return out;
}

/** Renames an organization policy and its attachments on every node. */
export function renameOrgPolicy(scenario: Scenario, oldName: string, newName: string): Scenario {
  const policies = getIn(scenario, ['organization', 'policies']);
  if (!isObject(policies) || !canRename(Object.keys(policies), oldName, newName)) return scenario;
  const next = renameKey(scenario, ['organization', 'policies'], oldName, newName) as Scenario;
  return mapOrgAttachments(next, oldName, () => newName);
}

/** Deletes an organization policy and detaches it from every node. */
export function deleteOrgPolicy(scenario: Scenario, name: string): Scenario {
  const next = deleteIn(scenario, ['organization', 'policies', name]) as Scenario;
  return mapOrgAttachments(next, name, () => undefined);
}

/** Applies `change` to every SCP and RCP attachment of `name`, on every node; undefined detaches it. */
function mapOrgAttachments(
  scenario: Scenario,
  name: string,
  change: (ref: unknown) => unknown,
): Scenario {
  const each = (ref: unknown): unknown => (ref === name ? change(ref) : ref);
  let next = scenario;
  for (const node of orgNodes(scenario)) {
    next = updateEntry(next, node, (entry) =>
      mapRef(mapRef(entry, 'scps', true, each), 'rcps', true, each),
    );
  }
  return next;
}

/**
 * The SCPs or RCPs attached to a node. A node without an `scps` list has FullAWSAccess, as in AWS;
 * RCPFullAWSAccess is always attached and is not listed.
 */
export function attachedOrgPolicies(
  scenario: Scenario,
  node: OrgNodePath,
  list: OrgPolicyList,
): string[] {
  const value = getIn(scenario, [...node, list]);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return list === 'scps' ? [FULL_AWS_ACCESS] : [];
}

/** Attaches an SCP or RCP to a node (making the default FullAWSAccess explicit, so it stays). */
export function attachOrgPolicy(
  scenario: Scenario,
  node: OrgNodePath,
  list: OrgPolicyList,
  name: string,
): Scenario {
  if (!isObject(getIn(scenario, node))) return scenario;
  const current = attachedOrgPolicies(scenario, node, list);
  if (current.includes(name)) return scenario;
  return setIn(scenario, [...node, list], [...current, name]) as Scenario;
}

/** Detaches an SCP or RCP from a node. Detaching FullAWSAccess leaves an explicit, possibly empty, list. */
export function detachOrgPolicy(
  scenario: Scenario,
  node: OrgNodePath,
  list: OrgPolicyList,
  name: string,
): Scenario {
  if (!isObject(getIn(scenario, node))) return scenario;
  const current = attachedOrgPolicies(scenario, node, list);
  if (!current.includes(name)) return scenario;
  return setIn(
    scenario,
    [...node, list],
    current.filter((n) => n !== name),
  ) as Scenario;
}

// ---------------------------------------------------------------- requests

/** The scenario's requests (entries that are not objects are kept by index but read as empty). */
export function requestsOf(scenario: Scenario): JsonObject[] {
  const requests = scenario['requests'];
  return Array.isArray(requests) ? requests.map((r: unknown) => (isObject(r) ? r : {})) : [];
}

/** `request-1`, `request-2`... the first not in `taken`. */
export function freshRequestId(taken: readonly string[]): string {
  for (let n = 1; ; n++) if (!taken.includes(`request-${n}`)) return `request-${n}`;
}

/** Adds a request with a fresh id; fields not given start empty. */
export function addRequest(scenario: Scenario, fields: Partial<ScenarioRequest> = {}): Scenario {
  const requests = scenario['requests'];
  const list: unknown[] = Array.isArray(requests) ? requests : [];
  const ids = requestsOf(scenario).map((r) => String(r['id'] ?? ''));
  const request: JsonObject = {
    id: fields.id && !ids.includes(fields.id) ? fields.id : freshRequestId(ids),
    principal: fields.principal ?? '',
    action: fields.action ?? '',
    resource: fields.resource ?? '',
  };
  if (fields.context) request['context'] = fields.context;
  if (fields.sessionPolicy !== undefined) request['sessionPolicy'] = fields.sessionPolicy;
  if (fields.expect) request['expect'] = fields.expect;
  return { ...scenario, requests: [...list, request] };
}

/**
 * Changes fields of the request at `index`. A field set to `undefined` is removed
 * (e.g. `{ expect: undefined }` drops the expectation).
 */
export function updateRequest(
  scenario: Scenario,
  index: number,
  patch: Partial<Record<keyof ScenarioRequest, unknown>>,
): Scenario {
  const requests = scenario['requests'];
  if (!Array.isArray(requests) || index < 0 || index >= requests.length) return scenario;
  const current: unknown = requests[index];
  const next: JsonObject = isObject(current) ? { ...current } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return setIn(scenario, ['requests', index], next) as Scenario;
}

/** Removes the request at `index`. */
export function deleteRequest(scenario: Scenario, index: number): Scenario {
  return deleteIn(scenario, ['requests', index]) as Scenario;
}

// ---------------------------------------------------------------- documents

/** Replaces the document at `path` (a policy inside the scenario, or the whole scenario with []). */
export function setDocument(scenario: Scenario, path: JsonPath, document: unknown): Scenario {
  const next = setIn(scenario, path, document);
  return isObject(next) ? next : scenario;
}

// ---------------------------------------------------------------- references

/** A place where entries are named: `key` of every entry of `holder`, a list of names or a single one. */
interface RefPlace {
  holder: AccountCollection;
  key: string;
  list: boolean;
}

/**
 * Where the entries of each account collection are named inside accounts: group memberships,
 * the role of an instance profile, attached policies and boundaries. Policies are named from
 * every account by ARN and from their own by name too; the rest only from their own. Users, roles
 * and instance profiles are also named by ARN, from any account, in requests and in the principals
 * of policies; `renamePrincipals` follows those.
 */
const REFERENCES: Record<AccountCollection, readonly RefPlace[]> = {
  users: [],
  groups: [{ holder: 'users', key: 'groups', list: true }],
  roles: [{ holder: 'instanceProfiles', key: 'role', list: false }],
  instanceProfiles: [],
  policies: (['users', 'groups', 'roles'] as const).flatMap((holder) => [
    { holder, key: 'policies', list: true },
    { holder, key: 'boundary', list: false },
  ]),
};

/** Renames an entry of an account collection and every reference to it. */
function renameEntry(
  scenario: Scenario,
  account: string,
  collection: AccountCollection,
  oldName: string,
  newName: string,
): Scenario {
  if (!canRename(namesIn(scenario, account, collection), oldName, newName)) return scenario;
  let next = renameKey(scenario, ['accounts', account, collection], oldName, newName) as Scenario;
  next = mapReferences(next, account, collection, oldName, (ref) =>
    ref === oldName ? newName : renamedArn(String(ref), oldName, newName),
  );
  if (collection === 'groups' || collection === 'policies') return next;
  return renamePrincipals(next, account, collection, oldName, newName);
}

/** Deletes an entry of an account collection and every reference to it (requests stay). */
function deleteEntry(
  scenario: Scenario,
  account: string,
  collection: AccountCollection,
  name: string,
): Scenario {
  const next = deleteIn(scenario, ['accounts', account, collection, name]) as Scenario;
  return mapReferences(next, account, collection, name, () => undefined);
}

/**
 * Applies `change` to every reference to the entry `name` of `account`'s `collection`, at the
 * places REFERENCES lists; a reference changed to undefined is dropped.
 */
function mapReferences(
  scenario: Scenario,
  account: string,
  collection: AccountCollection,
  name: string,
  change: (ref: unknown) => unknown,
): Scenario {
  const policy = collection === 'policies';
  let next = scenario;
  for (const from of policy ? accountIds(scenario) : [account]) {
    // A bare name means the entry of the account it is written in; only a policy ARN reaches
    // across accounts.
    const refersTo = (ref: unknown): boolean =>
      ref === name
        ? from === account
        : policy && typeof ref === 'string' && namesEntity(ref, account, 'policy', name);
    const each = (ref: unknown): unknown => (refersTo(ref) ? change(ref) : ref);
    for (const { holder, key, list } of REFERENCES[collection])
      next = mapEntries(next, ['accounts', from, holder], (entry) =>
        mapRef(entry, key, list, each),
      );
  }
  return next;
}

/**
 * `entry` with `change` applied to the names at `key`: to each item of a list (undefined drops
 * it), or else to the one value (undefined removes the key). A list key not holding one stays.
 */
function mapRef(
  entry: JsonObject,
  key: string,
  list: boolean,
  change: (ref: unknown) => unknown,
): JsonObject {
  const value = entry[key];
  if (list) {
    if (!Array.isArray(value)) return entry;
    const mapped = value.map(change).filter((r) => r !== undefined);
    const same = mapped.length === value.length && mapped.every((r, i) => r === value[i]);
    return same ? entry : { ...entry, [key]: mapped };
  }
  const changed = change(value);
  if (changed === value) return entry;
  if (changed !== undefined) return { ...entry, [key]: changed };
  const { [key]: _removed, ...rest } = entry;
  return rest;
}

/**
 * Renames a user, role or instance profile where it is named as a principal: in request
 * principals, by its ARN (with any path) or, for a role, its sessions' ARNs. A user or role also
 * follows in request resources (the playground's own questions, like the principals) and in the
 * `AWS` principals of role trust policies and resource-based policies, in every account: AWS
 * updates those when a user is renamed, but not `Resource` elements or condition values that name
 * it ("Renaming an IAM user", IAM User Guide). Roles cannot be renamed in AWS; here they follow
 * the user's rule.
 */
function renamePrincipals(
  scenario: Scenario,
  account: string,
  kind: 'users' | 'roles' | 'instanceProfiles',
  oldName: string,
  newName: string,
): Scenario {
  const session = `arn:aws:sts::${account}:assumed-role/${oldName}/`;
  const word = kind === 'instanceProfiles' ? 'instance-profile' : kind.slice(0, -1);
  const rename = (arn: string): string => {
    if (kind === 'roles' && arn.startsWith(session))
      return `arn:aws:sts::${account}:assumed-role/${newName}/${arn.slice(session.length)}`;
    return namesEntity(arn, account, word, oldName) ? renamedArn(arn, oldName, newName) : arn;
  };
  const next = mapRequests(scenario, 'principal', rename);
  if (kind === 'instanceProfiles') return next;
  return mapPrincipalPolicies(mapRequests(next, 'resource', rename), (document) =>
    mapAwsPrincipals(document, rename),
  );
}

/** Applies `change` to every policy that names principals: each role's trust policy and each resource's policy. */
function mapPrincipalPolicies(
  scenario: Scenario,
  change: (document: JsonObject) => JsonObject,
): Scenario {
  const each = (document: unknown): unknown => (isObject(document) ? change(document) : document);
  let next = scenario;
  for (const id of accountIds(scenario))
    next = mapEntries(next, ['accounts', id, 'roles'], (role) =>
      mapRef(role, 'trust', false, each),
    );
  return mapEntries(next, ['resources'], (resource) => mapRef(resource, 'policy', false, each));
}

/**
 * `document` with `change` applied to the `AWS` principals (a string or a list) of the `Principal`
 * and `NotPrincipal` of its statements (a list or a single one); nothing else in it changes.
 */
function mapAwsPrincipals(document: JsonObject, change: (arn: string) => string): JsonObject {
  const arn = (value: unknown): unknown => (typeof value === 'string' ? change(value) : value);
  const principal = (value: unknown): unknown =>
    isObject(value) ? mapRef(value, 'AWS', Array.isArray(value['AWS']), arn) : value;
  const statement = (value: unknown): unknown =>
    isObject(value)
      ? mapRef(mapRef(value, 'Principal', false, principal), 'NotPrincipal', false, principal)
      : value;
  return mapRef(document, 'Statement', Array.isArray(document['Statement']), statement);
}

/** Maps the principal or resource of every request that has one through `change`. */
function mapRequests(
  scenario: Scenario,
  field: 'principal' | 'resource',
  change: (value: string) => string,
): Scenario {
  const requests = scenario['requests'];
  if (!Array.isArray(requests)) return scenario;
  let changed = false;
  const next = requests.map((r: unknown) => {
    if (!isObject(r)) return r;
    const current = r[field];
    if (typeof current !== 'string') return r;
    const value = change(current);
    if (value === current) return r;
    changed = true;
    return { ...r, [field]: value };
  });
  return changed ? { ...scenario, requests: next } : scenario;
}

/** Does `arn` name the entity `word/name` in `account` (with any path)? */
function namesEntity(arn: string, account: string, word: string, name: string): boolean {
  const prefix = `arn:aws:iam::${account}:${word}/`;
  return arn.startsWith(prefix) && arn.slice(prefix.length).split('/').pop() === name;
}

/** `arn` (which ends in `oldName`) ending in `newName` instead. */
function renamedArn(arn: string, oldName: string, newName: string): string {
  return arn.slice(0, arn.length - oldName.length) + newName;
}

// ---------------------------------------------------------------- helpers

/** May the entry `oldName` among `names` take `newName`: is it there, and the new name free and not empty? */
function canRename(names: readonly string[], oldName: string, newName: string): boolean {
  return names.includes(oldName) && !names.includes(newName) && newName !== '';
}

/** Sets `key` of the object at `path` (null removes it); the scenario itself when there is no object. */
function setField(scenario: Scenario, path: JsonPath, key: string, value: unknown): Scenario {
  if (!isObject(getIn(scenario, path))) return scenario;
  return value === null
    ? (deleteIn(scenario, [...path, key]) as Scenario)
    : (setIn(scenario, [...path, key], value) as Scenario);
}

/** Applies `change` to the object at `path`; the scenario itself when there is none or nothing changes. */
function updateEntry(
  scenario: Scenario,
  path: JsonPath,
  change: (entry: JsonObject) => JsonObject,
): Scenario {
  const entry = getIn(scenario, path);
  if (!isObject(entry)) return scenario;
  const next = change(entry);
  return next === entry ? scenario : (setIn(scenario, path, next) as Scenario);
}

/** Applies `change` to every entry that is an object in the collection at `path` (an account's users, the resources). */
function mapEntries(
  scenario: Scenario,
  path: JsonPath,
  change: (entry: JsonObject) => JsonObject,
): Scenario {
  const entries = getIn(scenario, path);
  if (!isObject(entries)) return scenario;
  let changed = false;
  const copy: JsonObject = {};
  for (const key of Object.keys(entries)) {
    const entry = entries[key];
    const next = isObject(entry) ? change(entry) : entry;
    if (next !== entry) changed = true;
    Object.defineProperty(copy, key, {
      value: next,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return changed ? (setIn(scenario, path, copy) as Scenario) : scenario;
}

function listOf(entry: JsonObject, key: string): unknown[] {
  const value = entry[key];
  return Array.isArray(value) ? value : [];
}

function addToList(entry: JsonObject, key: string, item: string): JsonObject {
  const list = listOf(entry, key);
  return list.includes(item) ? entry : { ...entry, [key]: [...list, item] };
}

function removeFromList(entry: JsonObject, key: string, item: string): JsonObject {
  const list = listOf(entry, key);
  return list.includes(item) ? { ...entry, [key]: list.filter((x) => x !== item) } : entry;
}
