/**
 * What AWS's calls set on accounts and identities as a whole: an account's presence, an identity's
 * tags, a role's trust policy and maximum session duration. The console's commands use them; the explorer edits these through
 * the documents themselves.
 */
import { getIn, isObject, setIn } from '../json-path.ts';
import type { ScenarioDocument } from '../scenario-types.ts';
import { setField } from './entries.ts';

/**
 * The scenario with an account `id`, added empty (outside any organization) when it is not there:
 * the console acts in its current account even in a world that does not list it yet.
 */
export function ensureAccount(scenario: ScenarioDocument, id: string): ScenarioDocument {
  if (isObject(getIn(scenario, ['accounts', id]))) return scenario;
  return setIn(scenario, ['accounts', id], {}) as ScenarioDocument;
}

/** Replaces a role's trust policy. */
export function setTrustPolicy(
  scenario: ScenarioDocument,
  account: string,
  role: string,
  document: unknown,
): ScenarioDocument {
  return setField(scenario, ['accounts', account, 'roles', role], 'trust', document);
}

/** Sets a role's maximum session duration in seconds (3600, AWS's default, removes the field). */
export function setMaxSessionDuration(
  scenario: ScenarioDocument,
  account: string,
  role: string,
  seconds: number,
): ScenarioDocument {
  const value = seconds === 3600 ? null : seconds;
  return setField(scenario, ['accounts', account, 'roles', role], 'maxSessionDuration', value);
}

/** Sets the tags of a user or role (an empty map removes them). */
export function setTags(
  scenario: ScenarioDocument,
  account: string,
  kind: 'users' | 'roles',
  name: string,
  tags: Readonly<Record<string, string>>,
): ScenarioDocument {
  const value = Object.keys(tags).length > 0 ? { ...tags } : null;
  return setField(scenario, ['accounts', account, kind, name], 'tags', value);
}
