/**
 * Wildcard (glob) matching as IAM uses it: `*` matches any run of characters, `?` exactly one.
 *
 * Policy variables like `${*}` stand for a literal `*`; after substitution such literal
 * characters are carried as private-use code points (see LITERAL_STAR / LITERAL_QMARK) so a
 * resolved pattern stays one string and the glob compiler can still tell them apart.
 */

/** Stands for a literal `*` inside a resolved pattern (from `${*}` or from a variable's value). */
export const LITERAL_STAR = '\uE000';
/** Stands for a literal `?` inside a resolved pattern. */
export const LITERAL_QMARK = '\uE001';

/** A compiled string test. */
export type StringMatcher = (value: string) => boolean;

const matchAll: StringMatcher = () => true;

/** True when the pattern has a `*` or `?` that acts as a wildcard. */
export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** Turns literal markers back into the characters they stand for. */
export function decodeLiterals(pattern: string): string {
  if (!pattern.includes(LITERAL_STAR) && !pattern.includes(LITERAL_QMARK)) return pattern;
  return pattern.replaceAll(LITERAL_STAR, '*').replaceAll(LITERAL_QMARK, '?');
}

/** Encodes `*` and `?` as literal markers (used for substituted variable values). */
export function encodeLiterals(text: string): string {
  if (!hasWildcard(text)) return text;
  return text.replaceAll('*', LITERAL_STAR).replaceAll('?', LITERAL_QMARK);
}

/**
 * True when `text` matches the glob `pattern` (`*` any run of characters, `?` exactly one;
 * literal markers match the character they stand for). A two-pointer scan that backtracks only
 * to the last `*`: time stays proportional to the product of the lengths whatever the pattern,
 * where a regular expression of many `.*` could take exponential time on a near miss (and
 * patterns come from what people type).
 */
export function globMatch(pattern: string, text: string): boolean {
  let i = 0; // position in text
  let j = 0; // position in pattern
  let star = -1; // pattern position after the last `*`
  let resume = 0; // text position to retry from when backtracking to that `*`
  const pl = pattern.length;
  const tl = text.length;
  while (i < tl) {
    const pc = j < pl ? pattern.charCodeAt(j) : -1;
    const tc = text.charCodeAt(i);
    if (pc === 42 /* * */) {
      star = ++j;
      resume = i;
    } else if (
      pc === 63 /* ? */ ||
      (pc >= 0 && (pc === tc || (pc === 0xe000 && tc === 42) || (pc === 0xe001 && tc === 63)))
    ) {
      i++;
      j++;
    } else if (star >= 0) {
      j = star;
      i = ++resume;
    } else {
      return false;
    }
  }
  while (j < pl && pattern.charCodeAt(j) === 42) j++;
  return j === pl;
}

/**
 * Compiles a glob into a matcher with fast paths: `*` alone, no wildcard (plain equality), one
 * trailing `*` (prefix test), one leading `*` (suffix test); otherwise `globMatch`.
 * The caller lowercases both sides when matching is case-insensitive.
 */
export function compileGlob(pattern: string): StringMatcher {
  if (pattern === '*') return matchAll;
  if (!hasWildcard(pattern)) {
    const literal = decodeLiterals(pattern);
    return (value) => value === literal;
  }
  const inner = pattern.slice(1, -1);
  if (pattern.endsWith('*') && !hasWildcard(pattern.slice(0, -1))) {
    const prefix = decodeLiterals(pattern.slice(0, -1));
    return (value) => value.startsWith(prefix);
  }
  if (pattern.startsWith('*') && !hasWildcard(pattern.slice(1))) {
    const suffix = decodeLiterals(pattern.slice(1));
    return (value) => value.endsWith(suffix);
  }
  if (pattern.startsWith('*') && pattern.endsWith('*') && !hasWildcard(inner)) {
    const middle = decodeLiterals(inner);
    return (value) => value.includes(middle);
  }
  return (value) => globMatch(pattern, value);
}

const cache = new Map<string, StringMatcher>();

/** `compileGlob` with a bounded cache, for patterns built per request (after variable substitution). */
export function cachedGlob(pattern: string): StringMatcher {
  let m = cache.get(pattern);
  if (m === undefined) {
    if (cache.size > 5000) cache.clear();
    m = compileGlob(pattern);
    cache.set(pattern, m);
  }
  return m;
}
