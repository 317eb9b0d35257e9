/**
 * Wildcard (glob) matching as IAM uses it: `*` matches any run of characters, `?` exactly one.
 *
 * Policy variables like `${*}` stand for a literal `*`; after substitution such literal
 * characters are carried as private-use code points (see LITERAL_STAR / LITERAL_QMARK) so a
 * resolved pattern stays one string and the glob compiler can still tell them apart.
 */
import { boundedCache } from './caches.ts';

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
 * A glob cut at its `*`s: `head` must start the text, `tail` must end it, and the `middle`
 * pieces must appear in order between them. A piece is fixed-length (`?` is one character), so
 * placing each middle piece at its leftmost place leaves the most room for the rest: one pass
 * over the text, with no backtracking.
 */
interface Segments {
  head: Piece;
  middle: Piece[];
  tail: Piece;
  /** False for a pattern without `*` (then `head` is the whole pattern). */
  star: boolean;
}

/** One run of the pattern between `*`s. */
interface Piece {
  text: string;
  /** True when the piece has only plain characters: compared with startsWith/indexOf/endsWith. */
  plain: boolean;
}

function piece(text: string): Piece {
  let plain = true;
  for (let k = 0; k < text.length && plain; k++) {
    const c = text.charCodeAt(k);
    if (c === 63 /* ? */ || c === 0xe000 || c === 0xe001) plain = false;
  }
  return { text, plain };
}

function segments(pattern: string): Segments {
  const parts = pattern.split('*');
  if (parts.length === 1) return { head: piece(pattern), middle: [], tail: piece(''), star: false };
  const middle: Piece[] = [];
  for (let k = 1; k < parts.length - 1; k++) {
    if ((parts[k] as string).length > 0) middle.push(piece(parts[k] as string));
  }
  return {
    head: piece(parts[0] as string),
    middle,
    tail: piece(parts[parts.length - 1] as string),
    star: true,
  };
}

/** True when the piece matches the text at `at` (`?` any character, literal markers their character). */
function pieceAt(p: string, text: string, at: number): boolean {
  for (let k = 0; k < p.length; k++) {
    const pc = p.charCodeAt(k);
    const tc = text.charCodeAt(at + k);
    if (pc === tc || pc === 63 || (pc === 0xe000 && tc === 42) || (pc === 0xe001 && tc === 63))
      continue;
    return false;
  }
  return true;
}

/** The first position at or after `from` where the piece matches, or -1. */
function find(p: Piece, text: string, from: number): number {
  if (p.plain) return text.indexOf(p.text, from);
  for (let at = from; at + p.text.length <= text.length; at++)
    if (pieceAt(p.text, text, at)) return at;
  return -1;
}

function matchSegments(s: Segments, text: string): boolean {
  const head = s.head.text;
  if (!s.star) return text.length === head.length && pieceAt(head, text, 0);
  const tail = s.tail.text;
  if (head.length + tail.length > text.length) return false;
  if (!(s.head.plain ? text.startsWith(head) : pieceAt(head, text, 0))) return false;
  const end = text.length - tail.length;
  if (!(s.tail.plain ? text.endsWith(tail) : pieceAt(tail, text, end))) return false;
  let at = head.length;
  for (const p of s.middle) {
    const found = find(p, text, at);
    if (found < 0 || found + p.text.length > end) return false;
    at = found + p.text.length;
  }
  return true;
}

/**
 * True when `text` matches the glob `pattern` (`*` any run of characters, `?` exactly one;
 * literal markers match the character they stand for). The pattern is cut at its `*`s and the
 * pieces are found in order with `indexOf`-style searches, so the time stays about linear in
 * the text whatever the pattern (a backtracking scan took minutes on `a*aaaa…b` against a long
 * resource; a regular expression of many `.*` can take exponential time).
 */
export function globMatch(pattern: string, text: string): boolean {
  return matchSegments(segments(pattern), text);
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
  const compiled = segments(pattern);
  return (value) => matchSegments(compiled, value);
}

const cache = boundedCache<string, StringMatcher>('glob patterns', 5000);

/** `compileGlob` with a bounded cache, for patterns built per request (after variable substitution). */
export function cachedGlob(pattern: string): StringMatcher {
  return cache.get(pattern) ?? cache.set(pattern, compileGlob(pattern));
}
