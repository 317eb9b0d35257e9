/**
 * AWS's rules for a tag, checked before the explorer adds one: a key of 1–128 characters, a value
 * of 0–256, only Unicode letters, digits, white space and `_ . : / = + - @`, no `aws:` prefix
 * (reserved for AWS, in any case), keys unique regardless of case (as the scenario's validation
 * holds them), and at most 50 tags on one entity.
 */

/** Most tags one user, role or resource may carry. */
export const MAX_TAGS = 50;

const ALLOWED = /^[\p{L}\p{N}\s_.:/=+\-@]*$/u;

/** Why this tag cannot be set, or null when it can (`keys`: the entity's tags now). */
export function tagProblem(key: string, value: string, keys: readonly string[]): string | null {
  const k = key.trim();
  if (k === '') return 'The tag key is empty.';
  if ([...k].length > 128) return 'A tag key has at most 128 characters.';
  if ([...value].length > 256) return 'A tag value has at most 256 characters.';
  if (!ALLOWED.test(k) || !ALLOWED.test(value))
    return 'Tags may hold letters, digits, spaces and _ . : / = + - @ only.';
  if (/^aws:/i.test(k) || /^aws:/i.test(value)) return 'The prefix aws: is reserved for AWS.';
  const twin = keys.find(
    (existing) => existing !== k && existing.toLowerCase() === k.toLowerCase(),
  );
  if (twin !== undefined)
    return `There is a tag "${twin}" already: tag keys are unique regardless of case.`;
  if (!keys.includes(k) && keys.length >= MAX_TAGS)
    return `An entity has at most ${MAX_TAGS} tags.`;
  return null;
}
