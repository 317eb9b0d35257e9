/**
 * Unique ids of users and roles (AWS page "IAM identifiers", section "Unique identifiers"):
 * `AIDA…` for a user, `AROA…` for a role. A user or role deleted and created again under the
 * same name gets a new id, and a policy that names the old id no longer matches it. The world
 * may give an entity's `id`; otherwise a stable one is derived from its ARN without the path (a
 * path change keeps the id, as in AWS).
 */
import { pseudoUniqueId } from './context.ts';

export type UniqueIdPrefix = 'AIDA' | 'AROA';

/** An id as AWS writes them: the prefix, then upper-case letters and digits. */
const SHAPE = /^[A-Z0-9]{12,128}$/;

/** Whether `value` is the unique id of this kind of entity. */
function isUniqueId(value: unknown, prefix: UniqueIdPrefix): value is string {
  return typeof value === 'string' && value.startsWith(prefix) && SHAPE.test(value.slice(4));
}

/** Why `value` cannot be the unique id of this kind of entity, or null when it can. */
export function uniqueIdProblem(value: unknown, prefix: UniqueIdPrefix): string | null {
  const what = prefix === 'AIDA' ? 'a user' : 'a role';
  if (typeof value !== 'string')
    return `The id of ${what} must be a string such as "${prefix}EXAMPLE1234567890".`;
  if (!isUniqueId(value, prefix))
    return `"${value}" is not the unique id of ${what}: it starts with ${prefix} and goes on with 12 or more upper-case letters and digits, e.g. "${prefix}EXAMPLE1234567890".`;
  return null;
}

/** The entity's own `id` when it has a valid one, else the stable id derived from its ARN. */
export function uniqueIdOf(entity: unknown, prefix: UniqueIdPrefix, arn: string): string {
  const id =
    entity && typeof entity === 'object' ? (entity as Record<string, unknown>)['id'] : undefined;
  return isUniqueId(id, prefix) ? id : pseudoUniqueId(prefix, arn);
}
