/**
 * Session tags, transitive tags and source identity: what a session carries from the STS call
 * that made it, and the context keys that call is decided with.
 *
 * AWS pages: "Pass session tags in AWS STS" (and the AssumeRole API Reference's `Tags` and
 * `TransitiveTagKeys`), "Chaining roles with session tags", "Monitor and control actions taken
 * with assumed roles" (source identity).
 * - A session tag overrides a tag of the role (or user) with the same key; tag keys compare
 *   without regard to letter case, so `department` replaces `Department`.
 * - Tags marked transitive pass to every later session of a role chain; a later call that
 *   passes a tag whose key an inherited transitive tag already has fails.
 * - A source identity, once set, is in every request of the session (`aws:SourceIdentity`) and
 *   of every session chained from it; a later call cannot change it.
 */
import type { ContextValue } from '../engine/index.ts';

/** What a session carries into the calls it makes. */
export interface SessionCarry {
  /** Transitive tags inherited by the next session of a role chain. */
  transitive: Record<string, string>;
  /** Set once, never changed along a chain. */
  sourceIdentity?: string;
}

export const NO_CARRY: SessionCarry = { transitive: {} };

/** What one STS call passes: its session tags, which of them are transitive, its source identity. */
export interface PassedSession {
  tags: Record<string, string>;
  transitiveTagKeys: string[];
  sourceIdentity?: string;
}

const lower = (key: string): string => key.toLowerCase();

/**
 * AWS's limits on what one STS call passes (AWS STS API Reference, *Tag* and *AssumeRole*
 * `Tags`/`TransitiveTagKeys`; IAM User Guide, *Pass session tags in AWS STS*): "You can pass up
 * to 50 session tags", keys of 1 to 128 characters, values of 0 to 256; at most 50 transitive
 * keys, each a key's length. The packed size of tags and policies together is left out
 * (docs/engine.md, PackedPolicySize).
 */
export const SESSION_TAG_LIMITS = {
  tags: 50,
  keyLength: 128,
  valueLength: 256,
  transitiveKeys: 50,
} as const;

/**
 * The first limit of SESSION_TAG_LIMITS the call breaks, worded as AWS's STS answers a request
 * that breaks a parameter's constraint (a `ValidationError`: "1 validation error detected: Value
 * … at 'tags.N.member.key' failed to satisfy constraint: …"), or null.
 */
export function sessionTagLimitProblem(passed: PassedSession): string | null {
  const broken = (value: string | null, at: string, constraint: string) =>
    `1 validation error detected: Value ${value === null ? '' : `'${value}' `}at '${at}' failed to satisfy constraint: ${constraint}`;
  const entries = Object.entries(passed.tags);
  if (entries.length > SESSION_TAG_LIMITS.tags)
    return broken(
      null,
      'tags',
      `Member must have length less than or equal to ${SESSION_TAG_LIMITS.tags}`,
    );
  for (const [i, [key, value]] of entries.entries()) {
    if (key.length < 1 || key.length > SESSION_TAG_LIMITS.keyLength)
      return broken(
        key,
        `tags.${i + 1}.member.key`,
        key.length < 1
          ? 'Member must have length greater than or equal to 1'
          : `Member must have length less than or equal to ${SESSION_TAG_LIMITS.keyLength}`,
      );
    if (value.length > SESSION_TAG_LIMITS.valueLength)
      return broken(
        value,
        `tags.${i + 1}.member.value`,
        `Member must have length less than or equal to ${SESSION_TAG_LIMITS.valueLength}`,
      );
  }
  const keys = passed.transitiveTagKeys;
  if (keys.length > SESSION_TAG_LIMITS.transitiveKeys)
    return broken(
      null,
      'transitiveTagKeys',
      `Member must have length less than or equal to ${SESSION_TAG_LIMITS.transitiveKeys}`,
    );
  for (const [i, key] of keys.entries())
    if (key.length < 1 || key.length > SESSION_TAG_LIMITS.keyLength)
      return broken(
        key,
        `transitiveTagKeys.${i + 1}.member`,
        key.length < 1
          ? 'Member must have length greater than or equal to 1'
          : `Member must have length less than or equal to ${SESSION_TAG_LIMITS.keyLength}`,
      );
  return null;
}

/**
 * The session's principal tags (`aws:PrincipalTag/…`): the entity's own tags, then the
 * inherited transitive tags and the session tags over them, a key in any letter case replacing
 * the entity's tag of the same key.
 */
export function principalTagsOf(
  entityTags: Record<string, string>,
  carry: SessionCarry,
  passed: PassedSession,
): Record<string, string> {
  const over = { ...carry.transitive, ...passed.tags };
  const overKeys = new Set(Object.keys(over).map(lower));
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(entityTags))
    if (!overKeys.has(lower(key))) result[key] = value;
  return { ...result, ...over };
}

/**
 * Why the call fails before any policy is read, or null: a passed tag with the key of an
 * inherited transitive tag, a transitive key that names no passed tag, a changed source identity.
 */
export function passedSessionProblem(carry: SessionCarry, passed: PassedSession): string | null {
  const inherited = new Set(Object.keys(carry.transitive).map(lower));
  const clash = Object.keys(passed.tags).find((key) => inherited.has(lower(key)));
  if (clash !== undefined)
    return `The call passes session tag "${clash}", but the calling session already carries a transitive tag with that key; AWS fails the call ("Chaining roles with session tags").`;
  const passedKeys = new Set(Object.keys(passed.tags).map(lower));
  const stray = passed.transitiveTagKeys.find((key) => !passedKeys.has(lower(key)));
  if (stray !== undefined)
    return `Transitive tag key "${stray}" names no session tag passed in the same call; AWS fails the call ("Pass session tags in AWS STS").`;
  if (
    carry.sourceIdentity !== undefined &&
    passed.sourceIdentity !== undefined &&
    passed.sourceIdentity !== carry.sourceIdentity
  )
    return `The calling session's source identity is "${carry.sourceIdentity}" and cannot be changed to "${passed.sourceIdentity}" later in the chain ("Monitor and control actions taken with assumed roles").`;
  return null;
}

/** What the new session carries on: the inherited transitive tags, the passed ones marked transitive, the source identity. */
export function nextCarry(carry: SessionCarry, passed: PassedSession): SessionCarry {
  const keys = new Set(passed.transitiveTagKeys.map(lower));
  const transitive = { ...carry.transitive };
  for (const [key, value] of Object.entries(passed.tags))
    if (keys.has(lower(key))) transitive[key] = value;
  const sourceIdentity = carry.sourceIdentity ?? passed.sourceIdentity;
  return sourceIdentity !== undefined ? { transitive, sourceIdentity } : { transitive };
}

/** The source identity the call sets or keeps: the inherited one wins (it cannot change). */
export function sourceIdentityOf(carry: SessionCarry, passed: PassedSession): string | undefined {
  return carry.sourceIdentity ?? passed.sourceIdentity;
}

/**
 * The keys of the STS call itself ("IAM and AWS STS condition context keys", "Global condition
 * context keys"): `aws:RequestTag/K` and `aws:TagKeys` for the passed tags, `sts:TransitiveTagKeys`,
 * `sts:SourceIdentity` (the value set or carried), and `sts:RoleSessionName` for role sessions.
 */
export function callContext(
  carry: SessionCarry,
  passed: PassedSession,
  sessionName: string | undefined,
): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  const keys = Object.keys(passed.tags);
  for (const key of keys) context[`aws:RequestTag/${key}`] = passed.tags[key] as string;
  if (keys.length > 0) context['aws:TagKeys'] = keys;
  if (passed.transitiveTagKeys.length > 0)
    context['sts:TransitiveTagKeys'] = [...passed.transitiveTagKeys];
  const sourceIdentity = sourceIdentityOf(carry, passed);
  if (sourceIdentity !== undefined) context['sts:SourceIdentity'] = sourceIdentity;
  if (sessionName !== undefined) context['sts:RoleSessionName'] = sessionName;
  return context;
}

/** True when the call passes session tags, so it needs `sts:TagSession` too. */
export function passesTags(passed: PassedSession): boolean {
  return Object.keys(passed.tags).length > 0 || passed.transitiveTagKeys.length > 0;
}

/** True when the call sets or carries a source identity, so it needs `sts:SetSourceIdentity` too. */
export function needsSetSourceIdentity(carry: SessionCarry, passed: PassedSession): boolean {
  return sourceIdentityOf(carry, passed) !== undefined;
}
