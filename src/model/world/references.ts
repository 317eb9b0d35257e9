/**
 * Following references: renaming or deleting an entry of an account (a user, group, role,
 * instance profile or managed policy) changes every place that names it, by name or by ARN.
 */
import { deleteIn, isObject, renameKey, type JsonObject } from '../json-path.ts';
import type { ScenarioDocument } from '../scenario-types.ts';
import type { AccountCollection } from './document.ts';
import { canRename, mapEntries } from './entries.ts';
import { accountIds, namesIn } from './names.ts';

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
export function renameEntry(
  scenario: ScenarioDocument,
  account: string,
  collection: AccountCollection,
  oldName: string,
  newName: string,
): ScenarioDocument {
  if (!canRename(namesIn(scenario, account, collection), oldName, newName)) return scenario;
  let next = renameKey(
    scenario,
    ['accounts', account, collection],
    oldName,
    newName,
  ) as ScenarioDocument;
  next = mapReferences(next, account, collection, oldName, (ref) =>
    ref === oldName ? newName : renamedArn(String(ref), oldName, newName),
  );
  if (collection === 'groups' || collection === 'policies') return next;
  return renamePrincipals(next, account, collection, oldName, newName);
}

/** Deletes an entry of an account collection and every reference to it (requests stay). */
export function deleteEntry(
  scenario: ScenarioDocument,
  account: string,
  collection: AccountCollection,
  name: string,
): ScenarioDocument {
  const next = deleteIn(scenario, ['accounts', account, collection, name]) as ScenarioDocument;
  return mapReferences(next, account, collection, name, () => undefined);
}

/**
 * Applies `change` to every reference to the entry `name` of `account`'s `collection`, at the
 * places REFERENCES lists; a reference changed to undefined is dropped.
 */
function mapReferences(
  scenario: ScenarioDocument,
  account: string,
  collection: AccountCollection,
  name: string,
  change: (ref: unknown) => unknown,
): ScenarioDocument {
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
export function mapRef(
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
  scenario: ScenarioDocument,
  account: string,
  kind: 'users' | 'roles' | 'instanceProfiles',
  oldName: string,
  newName: string,
): ScenarioDocument {
  const session = `arn:aws:sts::${account}:assumed-role/${oldName}/`;
  const word = kind === 'instanceProfiles' ? 'instance-profile' : kind.slice(0, -1);
  const rename = (arn: string): string => {
    if (kind === 'roles' && arn.startsWith(session))
      return `arn:aws:sts::${account}:assumed-role/${newName}/${arn.slice(session.length)}`;
    return namesEntity(arn, account, word, oldName) ? renamedArn(arn, oldName, newName) : arn;
  };
  const next = mapRequests(scenario, 'principal', rename);
  if (kind === 'instanceProfiles') return next;
  return mapPrincipalArns(next, rename);
}

/**
 * Applies `change` to the ARNs that name users and roles as principals: request principals and
 * resources, and the `AWS` principals of trust and resource-based policies in every account
 * (the places `renamePrincipals` follows).
 */
export function mapPrincipalArns(
  scenario: ScenarioDocument,
  change: (arn: string) => string,
): ScenarioDocument {
  const next = mapRequests(mapRequests(scenario, 'principal', change), 'resource', change);
  return mapPrincipalPolicies(next, (document) => mapAwsPrincipals(document, change));
}

/** Applies `change` to every policy that names principals: each role's trust policy and each resource's policy. */
export function mapPrincipalPolicies(
  scenario: ScenarioDocument,
  change: (document: JsonObject) => JsonObject,
): ScenarioDocument {
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
export function mapAwsPrincipals(
  document: JsonObject,
  change: (arn: string) => string,
): JsonObject {
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
export function mapRequests(
  scenario: ScenarioDocument,
  field: 'principal' | 'resource',
  change: (value: string) => string,
): ScenarioDocument {
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
export function namesEntity(arn: string, account: string, word: string, name: string): boolean {
  const prefix = `arn:aws:iam::${account}:${word}/`;
  return arn.startsWith(prefix) && arn.slice(prefix.length).split('/').pop() === name;
}

/** `arn` (which ends in `oldName`) ending in `newName` instead. */
function renamedArn(arn: string, oldName: string, newName: string): string {
  return arn.slice(0, arn.length - oldName.length) + newName;
}
