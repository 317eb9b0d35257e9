/**
 * Answers about the world that are asked again after every edit, worked out again only when the
 * parts of the world they read have changed.
 *
 * The world is replaced, never mutated, by each edit: an edit copies the objects on the path it
 * changes and shares the rest. So a keystroke in one policy of an imported account leaves every
 * account's `users` and `roles` the same objects, and an answer read from them alone (the
 * request builder's principals, where a policy is attached) still holds.
 */
import type { ScenarioDocument } from '../scenario-types.ts';
import { getIn, isObject } from '../json-path.ts';
import type { AccountCollection } from './document.ts';

/**
 * `compute`, whose last answer is given again while `partsOf` lists the same values (compared
 * with `===`): `partsOf` must name every part of the world `compute` reads.
 */
export function reusingLast<A extends unknown[], T>(
  partsOf: (...args: A) => readonly unknown[],
  compute: (...args: A) => T,
): (...args: A) => T {
  let last: { parts: readonly unknown[]; value: T } | undefined;
  return (...args: A): T => {
    const parts = partsOf(...args);
    if (last && last.parts.length === parts.length && last.parts.every((p, i) => p === parts[i]))
      return last.value;
    const value = compute(...args);
    last = { parts, value };
    return value;
  };
}

/** Each account's id and its `collections` (the objects themselves), in account order. */
export function accountParts(
  scenario: ScenarioDocument,
  collections: readonly AccountCollection[],
): unknown[] {
  const accounts = scenario['accounts'];
  return (isObject(accounts) ? Object.keys(accounts) : []).flatMap((account) => [
    account,
    ...collections.map((c) => getIn(scenario, ['accounts', account, c])),
  ]);
}
