/**
 * Accounts and the principals they hold: users, groups, roles and instance profiles, and group
 * membership.
 */
import { deleteIn, getIn, isObject, setIn, type JsonObject } from '../json-path.ts';
import type { ScenarioDocument } from '../scenario-types.ts';
import { starterTrustPolicy, type IdentityKind } from './document.ts';
import { addToList, removeFromList, setField, updateEntry } from './entries.ts';
import { accountIds, freshAccountId, namesIn } from './names.ts';
import { findOrgAccount } from './organization.ts';
import { deleteEntry, renameEntry } from './references.ts';
import { withFreshUniqueId } from './unique-ids.ts';

/** Adds an empty account. Inside an organization it joins the root. */
export function addAccount(
  scenario: ScenarioDocument,
  id = freshAccountId(scenario),
  name?: string,
): ScenarioDocument {
  if (!/^\d{12}$/.test(id) || accountIds(scenario).includes(id)) return scenario;
  const account: JsonObject = name ? { name } : {};
  Object.assign(account, { policies: {}, users: {}, groups: {}, roles: {}, instanceProfiles: {} });
  let next = setIn(scenario, ['accounts', id], account) as ScenarioDocument;
  if (isObject(scenario['organization'])) {
    next = setIn(next, ['organization', 'root', 'accounts', id], {}) as ScenarioDocument;
  }
  return next;
}

/** Sets an account's friendly name (empty removes it). */
export function renameAccount(
  scenario: ScenarioDocument,
  id: string,
  name: string,
): ScenarioDocument {
  return setField(scenario, ['accounts', id], 'name', name === '' ? null : name);
}

/** Removes an account and its place in the organization; requests stay, as when one principal is deleted. */
export function deleteAccount(scenario: ScenarioDocument, id: string): ScenarioDocument {
  let next = deleteIn(scenario, ['accounts', id]) as ScenarioDocument;
  const place = findOrgAccount(next, id);
  if (place) next = deleteIn(next, place) as ScenarioDocument;
  return next;
}

/**
 * Adds a user, group or role: `entry` when given (the console's create calls write what AWS's
 * took: a path, tags, a boundary), else one with no policies, a role with a trust policy that
 * trusts its account.
 */
export function addIdentity(
  scenario: ScenarioDocument,
  account: string,
  kind: IdentityKind,
  name: string,
  entry: JsonObject = starterIdentity(account, kind),
): ScenarioDocument {
  if (!isObject(getIn(scenario, ['accounts', account]))) return scenario;
  if (namesIn(scenario, account, kind).includes(name)) return scenario;
  const added = kind === 'groups' ? entry : withFreshUniqueId(scenario, account, kind, name, entry);
  return setIn(scenario, ['accounts', account, kind, name], added) as ScenarioDocument;
}

function starterIdentity(account: string, kind: IdentityKind): JsonObject {
  if (kind === 'users') return { groups: [], policies: [], inline: {} };
  if (kind === 'groups') return { policies: [], inline: {} };
  return { trust: starterTrustPolicy(account), policies: [], inline: {} };
}

/** Shorthand for `addIdentity(s, account, 'users', name)`. */
export const addUser = (s: ScenarioDocument, account: string, name: string): ScenarioDocument =>
  addIdentity(s, account, 'users', name);
/** Shorthand for `addIdentity(s, account, 'groups', name)`. */
export const addGroup = (s: ScenarioDocument, account: string, name: string): ScenarioDocument =>
  addIdentity(s, account, 'groups', name);
/** Shorthand for `addIdentity(s, account, 'roles', name)`. */
export const addRole = (s: ScenarioDocument, account: string, name: string): ScenarioDocument =>
  addIdentity(s, account, 'roles', name);

/** Adds an instance profile, holding `role` when given. */
export function addInstanceProfile(
  scenario: ScenarioDocument,
  account: string,
  name: string,
  role?: string,
): ScenarioDocument {
  if (!isObject(getIn(scenario, ['accounts', account]))) return scenario;
  if (namesIn(scenario, account, 'instanceProfiles').includes(name)) return scenario;
  return setIn(
    scenario,
    ['accounts', account, 'instanceProfiles', name],
    role ? { role } : {},
  ) as ScenarioDocument;
}

/** Puts `role` into an instance profile (null empties it). */
export function setProfileRole(
  scenario: ScenarioDocument,
  account: string,
  profile: string,
  role: string | null,
): ScenarioDocument {
  return setField(scenario, ['accounts', account, 'instanceProfiles', profile], 'role', role);
}

/** Renames an instance profile and the requests made through it. */
export function renameInstanceProfile(
  scenario: ScenarioDocument,
  account: string,
  oldName: string,
  newName: string,
): ScenarioDocument {
  return renameEntry(scenario, account, 'instanceProfiles', oldName, newName);
}

/** Deletes an instance profile. */
export function deleteInstanceProfile(
  scenario: ScenarioDocument,
  account: string,
  name: string,
): ScenarioDocument {
  return deleteEntry(scenario, account, 'instanceProfiles', name);
}

/**
 * Adds or removes a user from a group. With `keepEmpty` false a user taken out of its last group
 * is left without a `groups` list.
 */
export function setGroupMembership(
  scenario: ScenarioDocument,
  account: string,
  user: string,
  group: string,
  member: boolean,
  keepEmpty = true,
): ScenarioDocument {
  return updateEntry(scenario, ['accounts', account, 'users', user], (entry) =>
    member ? addToList(entry, 'groups', group) : removeFromList(entry, 'groups', group, keepEmpty),
  );
}
