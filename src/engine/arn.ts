/**
 * ARN matching for the Resource element and the Arn* condition operators
 * (AWS pages "IAM JSON policy elements: Resource" and "IAM identifiers").
 *
 * An ARN has six colon-separated parts: arn:partition:service:region:account:resource.
 * The first five are compared part by part (a wildcard stays inside its part) and without
 * regard to case; the resource part is case-sensitive and its `*` spans `/` and `:`.
 * In the Resource element, a pattern with fewer than six parts (e.g. `arn:aws:s3:*` or `*`) is
 * matched as one glob.
 */
import { boundedCache } from './caches.ts';
import { compileGlob, hasWildcard, type StringMatcher } from './wildcard.ts';

/** A request resource split once for matching. */
export interface SplitArn {
  full: string;
  /** `arn:partition:service:region:account`, lowercased; undefined when not a six-part ARN. */
  prefix: string | undefined;
  /** Everything after the fifth colon. */
  rest: string;
}

/** Splits an ARN into its lowercased prefix (five parts) and its resource part. */
export function splitArn(arn: string): SplitArn {
  let idx = -1;
  for (let i = 0; i < 5; i++) {
    idx = arn.indexOf(':', idx + 1);
    if (idx < 0) return { full: arn, prefix: undefined, rest: arn };
  }
  return { full: arn, prefix: arn.slice(0, idx).toLowerCase(), rest: arn.slice(idx + 1) };
}

/** The parts of an ARN, or undefined when it does not have six parts starting with `arn`. */
export function parseArn(
  arn: string,
):
  | { partition: string; service: string; region: string; account: string; resource: string }
  | undefined {
  const s = splitArn(arn);
  if (s.prefix === undefined) return undefined;
  const [a, partition = '', service = '', region = '', account = ''] = arn
    .slice(0, arn.length - s.rest.length - 1)
    .split(':');
  if (a?.toLowerCase() !== 'arn') return undefined;
  return { partition, service, region, account, resource: s.rest };
}

/** A compiled ARN pattern. */
export type ArnMatcher = (arn: SplitArn) => boolean;

const always: ArnMatcher = () => true;

/**
 * Compiles an ARN pattern. `prefixIgnoreCase` is true for the Resource element; Arn* condition
 * operators compare every part case-sensitively.
 */
export function compileArnPattern(pattern: string, prefixIgnoreCase = true): ArnMatcher {
  if (pattern === '*') return always;
  const p = splitArn(pattern);
  if (p.prefix === undefined) {
    // Arn* condition operators check the six parts one by one, so a pattern without six parts
    // matches nothing there; the Resource element matches it as one glob.
    if (!prefixIgnoreCase) return () => false;
    const whole = compileGlob(pattern);
    return (arn) => whole(arn.full);
  }
  const prefixText = prefixIgnoreCase
    ? p.prefix
    : pattern.slice(0, pattern.length - p.rest.length - 1);
  const rest = compileGlob(p.rest);
  if (!hasWildcard(prefixText)) {
    if (prefixIgnoreCase) return (arn) => arn.prefix === prefixText && rest(arn.rest);
    return (arn) =>
      arn.prefix !== undefined && arn.full.startsWith(prefixText + ':') && rest(arn.rest);
  }
  // Within the first five parts a wildcard does not cross a colon: match part by part.
  const parts = prefixText.split(':').map(compileGlob);
  const prefix: StringMatcher = (text) => {
    const got = text.split(':');
    if (got.length !== parts.length) return false;
    for (let i = 0; i < parts.length; i++)
      if (!(parts[i] as StringMatcher)(got[i] as string)) return false;
    return true;
  };
  if (prefixIgnoreCase)
    return (arn) => arn.prefix !== undefined && prefix(arn.prefix) && rest(arn.rest);
  return (arn) =>
    arn.prefix !== undefined &&
    prefix(arn.full.slice(0, arn.full.length - arn.rest.length - 1)) &&
    rest(arn.rest);
}

const cache = boundedCache<string, ArnMatcher>('ARN patterns', 5000);

/** `compileArnPattern` with a bounded cache (patterns built per request after substitution). */
export function cachedArnPattern(pattern: string, prefixIgnoreCase = true): ArnMatcher {
  const key = (prefixIgnoreCase ? 'i' : 's') + pattern;
  return cache.get(key) ?? cache.set(key, compileArnPattern(pattern, prefixIgnoreCase));
}

/** True when the Resource-element pattern matches the ARN (rules above). */
export function matchArnPattern(pattern: string, arn: string): boolean {
  return cachedArnPattern(pattern)(splitArn(arn));
}
