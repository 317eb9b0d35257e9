/**
 * Unique ids of users and roles through world edits, as AWS keeps them (the ids themselves:
 * `../unique-id.ts`):
 * - a rename keeps the id ("Rename an IAM user": the unique ID remains the same; roles cannot be
 *   renamed in AWS, and here follow the user's rule), so the renamed entity gets its old id
 *   written as `id` once its new ARN would derive another;
 * - a new path keeps the id without writing it: the derived id leaves the path out
 *   (`pseudoUniqueId`), so a path changed by `update-user --new-path` or by hand in the JSON keeps
 *   it alike;
 * - a deleted entity's id is what policies naming it hold ("AWS JSON policy elements: Principal":
 *   AWS stores a user or role ARN in a `Principal` as its unique id, and once the entity is
 *   deleted the policy shows that id and no longer matches a new entity of the same name);
 * - a new entity never gets an id the world already names;
 * - one id whatever partition names the entity: the world has no partition of its own, and a
 *   request may name its principal `arn:aws-cn:…` or `arn:aws-us-gov:…`, so the id is derived
 *   from the entity's `aws` ARN (`entityUniqueId`), which the engine's requests (resolve.ts), the
 *   console and the explorer all ask.
 * Adding is here (identities.ts uses it); renaming and deleting are in identity-changes.ts.
 */
import { iamArn } from '../arn.ts';
import { pseudoUniqueId } from '../context.ts';
import { isObject } from '../json-path.ts';
import type { ScenarioDocument } from '../scenario-types.ts';
import { uniqueIdOf, type UniqueIdPrefix } from '../unique-id.ts';

/** The kinds of entity that have unique ids here. */
export type IdKind = 'users' | 'roles';

export const PREFIX: Record<IdKind, UniqueIdPrefix> = { users: 'AIDA', roles: 'AROA' };

/**
 * The unique id of the user or role `name` of `account` whose world entry is `entry`: its own
 * `id`, else the one derived from its ARN in the partition `aws` (`arnOf`; the derivation leaves
 * the path out). The one derivation: a request in another partition gets the same id.
 */
export function entityUniqueId(
  entry: unknown,
  kind: IdKind,
  account: string,
  name: string,
): string {
  return uniqueIdOf(entry, PREFIX[kind], arnOf(account, kind, name, entry));
}

/** The ARN of the entity `entry` would be under `name` (its own path; the partition `aws`). */
export function arnOf(account: string, kind: IdKind, name: string, entry: unknown): string {
  const path = isObject(entry) && typeof entry['path'] === 'string' ? entry['path'] : undefined;
  return iamArn('aws', account, kind === 'users' ? 'user' : 'role', path, name);
}

/**
 * `entry`, about to be added under `name`, with an `id` of its own when the id its ARN derives is
 * already named in the world (a deleted entity's id in a policy, or another entity's `id`).
 */
export function withFreshUniqueId(
  scenario: ScenarioDocument,
  account: string,
  kind: IdKind,
  name: string,
  entry: Record<string, unknown>,
): Record<string, unknown> {
  // An entry that brings its own id keeps it (validation reports a clash).
  if (entry['id'] !== undefined) return entry;
  const arn = arnOf(account, kind, name, entry);
  const text = JSON.stringify(scenario);
  // Another id when the derived one is named: seeded by the world's size, stable for one world.
  return text.includes(pseudoUniqueId(PREFIX[kind], arn))
    ? { ...entry, id: pseudoUniqueId(PREFIX[kind], `${arn}#${text.length}`) }
    : entry;
}
