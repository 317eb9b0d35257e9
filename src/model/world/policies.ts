/**
 * Policies and their attachments: customer managed policies, attaching and detaching managed
 * policies, permissions boundaries, and inline policies.
 */
import { deleteIn, getIn, isObject, renameKey, setIn } from '../json-path.ts';
import type { ScenarioDocument } from '../scenario-types.ts';
import { starterPolicy, type IdentityKind } from './document.ts';
import { addToList, removeFromList, setField, updateEntry } from './entries.ts';
import { namesIn } from './names.ts';
import { deleteEntry, renameEntry } from './references.ts';

/** Adds a customer managed policy with a starter document. */
export function addPolicy(
  scenario: ScenarioDocument,
  account: string,
  name: string,
  document: unknown = starterPolicy(),
): ScenarioDocument {
  if (!isObject(getIn(scenario, ['accounts', account]))) return scenario;
  if (namesIn(scenario, account, 'policies').includes(name)) return scenario;
  return setIn(scenario, ['accounts', account, 'policies', name], document) as ScenarioDocument;
}

/** Renames a customer managed policy and every attachment and boundary that refers to it. */
export function renamePolicy(
  scenario: ScenarioDocument,
  account: string,
  oldName: string,
  newName: string,
): ScenarioDocument {
  return renameEntry(scenario, account, 'policies', oldName, newName);
}

/** Deletes a customer managed policy, detaching it everywhere (boundaries that used it are removed). */
export function deletePolicy(
  scenario: ScenarioDocument,
  account: string,
  name: string,
): ScenarioDocument {
  return deleteEntry(scenario, account, 'policies', name);
}

/** Attaches a managed policy (a name in the account, or an ARN) to a user, group or role. */
export function attachPolicy(
  scenario: ScenarioDocument,
  account: string,
  kind: IdentityKind,
  name: string,
  ref: string,
): ScenarioDocument {
  if (ref === '') return scenario;
  return updateEntry(scenario, ['accounts', account, kind, name], (entry) =>
    addToList(entry, 'policies', ref),
  );
}

/** Detaches a managed policy from a user, group or role. */
export function detachPolicy(
  scenario: ScenarioDocument,
  account: string,
  kind: IdentityKind,
  name: string,
  ref: string,
): ScenarioDocument {
  return updateEntry(scenario, ['accounts', account, kind, name], (entry) =>
    removeFromList(entry, 'policies', ref),
  );
}

/** Sets (or, with null, removes) the permissions boundary of a user or role. */
export function setBoundary(
  scenario: ScenarioDocument,
  account: string,
  kind: 'users' | 'roles',
  name: string,
  ref: string | null,
): ScenarioDocument {
  return setField(scenario, ['accounts', account, kind, name], 'boundary', ref);
}

/** Adds an inline policy to a user, group or role. */
export function addInlinePolicy(
  scenario: ScenarioDocument,
  account: string,
  kind: IdentityKind,
  name: string,
  policyName: string,
  document: unknown = starterPolicy(),
): ScenarioDocument {
  const inline = getIn(scenario, ['accounts', account, kind, name, 'inline']);
  if (isObject(inline) && Object.hasOwn(inline, policyName)) return scenario;
  return putInlinePolicy(scenario, account, kind, name, policyName, document);
}

/** Adds an inline policy to a user, group or role, or replaces the one of that name (AWS's Put…Policy). */
export function putInlinePolicy(
  scenario: ScenarioDocument,
  account: string,
  kind: IdentityKind,
  name: string,
  policyName: string,
  document: unknown,
): ScenarioDocument {
  const path = ['accounts', account, kind, name];
  if (!isObject(getIn(scenario, path))) return scenario;
  return setIn(scenario, [...path, 'inline', policyName], document) as ScenarioDocument;
}

/** Renames an inline policy. */
export function renameInlinePolicy(
  scenario: ScenarioDocument,
  account: string,
  kind: IdentityKind,
  name: string,
  oldName: string,
  newName: string,
): ScenarioDocument {
  if (newName === '') return scenario;
  return renameKey(
    scenario,
    ['accounts', account, kind, name, 'inline'],
    oldName,
    newName,
  ) as ScenarioDocument;
}

/** Deletes an inline policy. */
export function deleteInlinePolicy(
  scenario: ScenarioDocument,
  account: string,
  kind: IdentityKind,
  name: string,
  policyName: string,
): ScenarioDocument {
  return deleteIn(scenario, [
    'accounts',
    account,
    kind,
    name,
    'inline',
    policyName,
  ]) as ScenarioDocument;
}
