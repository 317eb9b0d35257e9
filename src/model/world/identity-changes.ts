/**
 * Renaming and deleting users, groups and roles, with every reference following (references.ts)
 * and users' and roles' unique ids kept as AWS keeps them (unique-ids.ts). Apart from
 * identities.ts so that the first screen, which only adds them, does not load this.
 */
import { iamArn } from '../arn.ts';
import { deleteIn, getIn, isObject, setIn } from '../json-path.ts';
import type { ScenarioDocument } from '../scenario-types.ts';
import type { IdentityKind } from './document.ts';
import { canRename } from './entries.ts';
import { namesIn } from './names.ts';
import {
  deleteEntry,
  mapAwsPrincipals,
  mapPrincipalArns,
  mapPrincipalPolicies,
  namesEntity,
  renameEntry,
} from './references.ts';
import { arnOf, entityUniqueId, type IdKind } from './unique-ids.ts';

function entryPath(account: string, kind: IdKind, name: string): string[] {
  return ['accounts', account, kind, name];
}

/**
 * Writes the unique id `id` in place of the ARN of user or role `name` of `account` wherever an
 * `AWS` principal of a trust or resource-based policy names it: what such a policy holds once the
 * entity is deleted ("AWS JSON policy elements: Principal"; see unique-ids.ts).
 */
function pinPrincipals(
  scenario: ScenarioDocument,
  account: string,
  kind: 'users' | 'roles',
  name: string,
  id: string,
): ScenarioDocument {
  const word = kind.slice(0, -1);
  return mapPrincipalPolicies(scenario, (document) =>
    mapAwsPrincipals(document, (arn) => (namesEntity(arn, account, word, name) ? id : arn)),
  );
}

/** The unique id of a user or role of the world: its `id`, else the one derived from its ARN. */
export function identityUniqueId(
  scenario: object,
  account: string,
  kind: IdKind,
  name: string,
): string {
  const entry = getIn(scenario, entryPath(account, kind, name));
  return entityUniqueId(entry, kind, account, name);
}

/** The world with the entity's id written as its `id` (unchanged when it has one or is missing). */
export function withOwnUniqueId(
  scenario: ScenarioDocument,
  account: string,
  kind: IdKind,
  name: string,
): ScenarioDocument {
  const path = entryPath(account, kind, name);
  const entry = getIn(scenario, path);
  if (!isObject(entry)) return scenario;
  const id = identityUniqueId(scenario, account, kind, name);
  if (entry['id'] === id) return scenario;
  return setIn(scenario, path, { ...entry, id }) as ScenarioDocument;
}

/**
 * Renames a user, group or role and every reference to it: group memberships, instance profiles,
 * requests, and the principals of trust and resource-based policies (see `renamePrincipals`).
 * A user or role keeps its unique id (unique-ids.ts).
 */
export function renameIdentity(
  scenario: ScenarioDocument,
  account: string,
  kind: IdentityKind,
  oldName: string,
  newName: string,
): ScenarioDocument {
  if (kind === 'groups' || !canRename(namesIn(scenario, account, kind), oldName, newName))
    return renameEntry(scenario, account, kind, oldName, newName);
  return renameEntry(
    withOwnUniqueId(scenario, account, kind, oldName),
    account,
    kind,
    oldName,
    newName,
  );
}

/**
 * Moves a user or role to another path (`/` removes `path`): what `UpdateUser --new-path` does. The
 * entity keeps its unique id ("Rename an IAM user": the unique ID remains the same), and the ARNs
 * that name it as a principal (requests, `AWS` principals of trust and resource-based policies)
 * follow, as on a rename; `Resource` elements and conditions naming the old ARN do not (AWS does
 * not rewrite them).
 */
export function setIdentityPath(
  scenario: ScenarioDocument,
  account: string,
  kind: IdKind,
  name: string,
  path: string,
): ScenarioDocument {
  const at = entryPath(account, kind, name);
  const entry = getIn(scenario, at);
  if (!isObject(entry)) return scenario;
  const oldArn = arnOf(account, kind, name, entry);
  const newArn = iamArn('aws', account, kind === 'users' ? 'user' : 'role', path, name);
  if (oldArn === newArn) return scenario;
  // The derived id leaves the path out (pseudoUniqueId), so the id stays without being written.
  let next = (
    path === '/' ? deleteIn(scenario, [...at, 'path']) : setIn(scenario, [...at, 'path'], path)
  ) as ScenarioDocument;
  const word = kind === 'users' ? 'user' : 'role';
  next = mapPrincipalArns(next, (arn) => (namesEntity(arn, account, word, name) ? newArn : arn));
  return next;
}

/**
 * Deletes a user, group or role and its group memberships and instance profiles. Policies that
 * name a user or role as principal then hold its unique id, as AWS's do, so a new entity of the
 * same name is not the principal they name (unique-ids.ts); requests are left as they are.
 */
export function deleteIdentity(
  scenario: ScenarioDocument,
  account: string,
  kind: IdentityKind,
  name: string,
): ScenarioDocument {
  if (kind === 'groups' || !namesIn(scenario, account, kind).includes(name))
    return deleteEntry(scenario, account, kind, name);
  const id = identityUniqueId(scenario, account, kind, name);
  return deleteEntry(pinPrincipals(scenario, account, kind, name, id), account, kind, name);
}
