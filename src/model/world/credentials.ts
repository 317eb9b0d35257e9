/**
 * A user's sign-in credentials (console password, access keys, MFA devices) and the account's
 * password policy; src/model/credentials.ts has the format.
 */
import type { ScenarioDocument } from '../scenario-types.ts';
import { listOf, removeWhere, setField, updateEntry } from './entries.ts';

/** The credential lists a user holds. */
export type CredentialList = 'accessKeys' | 'mfaDevices';

const userPath = (account: string, user: string) => ['accounts', account, 'users', user];

/** Sets (or, with null, removes) a user's console password (its login profile). */
export function setLoginProfile(
  scenario: ScenarioDocument,
  account: string,
  user: string,
  profile: object | null,
): ScenarioDocument {
  return setField(scenario, userPath(account, user), 'loginProfile', profile);
}

/** Adds an access key or MFA device to a user. */
export function addCredential(
  scenario: ScenarioDocument,
  account: string,
  user: string,
  list: CredentialList,
  item: object,
): ScenarioDocument {
  return updateEntry(scenario, userPath(account, user), (entry) => ({
    ...entry,
    [list]: [...listOf(entry, list), item],
  }));
}

/** Replaces the item at `index` of a user's access keys or MFA devices. */
export function replaceCredential(
  scenario: ScenarioDocument,
  account: string,
  user: string,
  list: CredentialList,
  index: number,
  item: object,
): ScenarioDocument {
  return updateEntry(scenario, userPath(account, user), (entry) => {
    const items = listOf(entry, list);
    if (index < 0 || index >= items.length) return entry;
    return { ...entry, [list]: items.map((x, i) => (i === index ? item : x)) };
  });
}

/**
 * Removes the items of a user's access keys or MFA devices that `drop` picks; an emptied list
 * leaves the user without the field, as a user who never had one.
 */
export function removeCredentials<T>(
  scenario: ScenarioDocument,
  account: string,
  user: string,
  list: CredentialList,
  drop: (item: T) => boolean,
): ScenarioDocument {
  return updateEntry(scenario, userPath(account, user), (entry) =>
    removeWhere(entry, list, (item) => drop(item as T), false),
  );
}

/** Sets (or, with null, removes) the account's password policy. */
export function setPasswordPolicy(
  scenario: ScenarioDocument,
  account: string,
  policy: object | null,
): ScenarioDocument {
  return setField(scenario, ['accounts', account], 'passwordPolicy', policy);
}
