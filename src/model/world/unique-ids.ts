/**
 * Unique ids of users and roles through world edits, as AWS keeps them (the ids themselves:
 * `../unique-id.ts`):
 * - a rename keeps the id ("Rename an IAM user": the unique ID remains the same; roles cannot be
 *   renamed in AWS, and here follow the user's rule), so the renamed entity gets its old id
 *   written as `id` once its new ARN would derive another;
 * - a deleted entity's id is what policies naming it hold ("AWS JSON policy elements: Principal":
 *   AWS stores a user or role ARN in a `Principal` as its unique id, and once the entity is
 *   deleted the policy shows that id and no longer matches a new entity of the same name);
 * - a new entity never gets an id the world already names.
 */
import { iamArn } from '../arn.ts';
import { pseudoUniqueId } from '../context.ts';
import { getIn, isObject, setIn } from '../json-path.ts';
import type { ScenarioDocument } from '../scenario-types.ts';
import { uniqueIdOf, type UniqueIdPrefix } from '../unique-id.ts';

/** The kinds of entity that have unique ids here. */
export type IdKind = 'users' | 'roles';

const PREFIX: Record<IdKind, UniqueIdPrefix> = { users: 'AIDA', roles: 'AROA' };

function entryPath(account: string, kind: IdKind, name: string): string[] {
  return ['accounts', account, kind, name];
}

/** The ARN of the entity `entry` would be under `name` (its own path; the partition `aws`). */
function arnOf(account: string, kind: IdKind, name: string, entry: unknown): string {
  const path = isObject(entry) && typeof entry['path'] === 'string' ? entry['path'] : undefined;
  return iamArn('aws', account, kind === 'users' ? 'user' : 'role', path, name);
}

/** The unique id of a user or role of the world: its `id`, else the one derived from its ARN. */
export function identityUniqueId(
  scenario: object,
  account: string,
  kind: IdKind,
  name: string,
): string {
  const entry = getIn(scenario, entryPath(account, kind, name));
  return uniqueIdOf(entry, PREFIX[kind], arnOf(account, kind, name, entry));
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
  const arn = arnOf(account, kind, name, entry);
  const derived = uniqueIdOf(entry, PREFIX[kind], arn);
  const text = JSON.stringify(scenario);
  if (!text.includes(derived)) return entry;
  let id = derived;
  for (let n = 2; text.includes(id); n++) id = pseudoUniqueId(PREFIX[kind], `${arn}#${n}`);
  return { ...entry, id };
}
