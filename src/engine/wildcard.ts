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

const REGEX_SPECIAL = /[.+^${}()|[\]\\]/g;

/**
 * Builds the regular-expression source for a glob. `star` is what `*` becomes:
 * `.*` where a wildcard may span anything, `[^:]*` inside one ARN component.
 */
export function globSource(pattern: string, star: string, one: string): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === '*') out += star;
    else if (ch === '?') out += one;
    else if (ch === LITERAL_STAR) out += '\\*';
    else if (ch === LITERAL_QMARK) out += '\\?';
    else out += ch.replace(REGEX_SPECIAL, '\\$&');
  }
  return out;
}

/**
 * Compiles a glob into a matcher with fast paths: `*` alone, no wildcard (plain equality),
 * one trailing `*` (prefix test); otherwise an anchored regular expression.
 * The caller lowercases both sides when matching is case-insensitive.
 */
export function compileGlob(pattern: string, star = '.*', one = '.'): StringMatcher {
  if (pattern === '*' && star === '.*') return matchAll;
  if (!hasWildcard(pattern)) {
    const literal = decodeLiterals(pattern);
    return (value) => value === literal;
  }
  const firstWild = pattern.search(/[*?]/);
  if (star === '.*' && firstWild === pattern.length - 1 && pattern.endsWith('*')) {
    const prefix = decodeLiterals(pattern.slice(0, -1));
    return (value) => value.startsWith(prefix);
  }
  const re = new RegExp('^' + globSource(pattern, star, one) + '$', 's');
  return (value) => re.test(value);
}

const cache = new Map<string, StringMatcher>();

/** `compileGlob` with a bounded cache, for patterns built per request (after variable substitution). */
export function cachedGlob(pattern: string, star = '.*', one = '.'): StringMatcher {
  const key = star + '\u0000' + pattern;
  let m = cache.get(key);
  if (m === undefined) {
    if (cache.size > 5000) cache.clear();
    m = compileGlob(pattern, star, one);
    cache.set(key, m);
  }
  return m;
}
