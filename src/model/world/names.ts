/**
 * Names in a world: what is there, what is free, and why a new name cannot be used.
 */
import { getIn, isObject } from '../json-path.ts';
import type { ScenarioDocument } from '../scenario-types.ts';
import type { AccountCollection } from './document.ts';

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
export function accountIds(scenario: ScenarioDocument): string[] {
  const accounts = scenario['accounts'];
  return isObject(accounts) ? Object.keys(accounts) : [];
}

/** Names in one of an account's collections. */
export function namesIn(
  scenario: ScenarioDocument,
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
export function freshAccountId(scenario: ScenarioDocument): string {
  const taken = accountIds(scenario);
  const example = EXAMPLE_ACCOUNTS.find((id) => !taken.includes(id));
  if (example) return example;
  for (let n = 100000000000; ; n++) if (!taken.includes(String(n))) return String(n);
}
