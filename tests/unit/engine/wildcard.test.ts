import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileGlob,
  encodeLiterals,
  globMatch,
  LITERAL_QMARK,
  LITERAL_STAR,
} from '../../../src/engine/wildcard.ts';

/** The textbook meaning of a glob, as a regular expression (fine for short test strings). */
const reference = (pattern: string, text: string): boolean =>
  new RegExp(
    '^' +
      [...pattern]
        .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
        .join('') +
      '$',
    's',
  ).test(text);

/**
 * The matcher this project used before issue 14: a two-pointer scan that backtracks to the last
 * `*` (correct, but O(pattern × text): minutes on `a*aaaa…b` against a long resource).
 */
function backtrackingGlobMatch(pattern: string, text: string): boolean {
  let i = 0;
  let j = 0;
  let star = -1;
  let resume = 0;
  const pl = pattern.length;
  const tl = text.length;
  while (i < tl) {
    const pc = j < pl ? pattern.charCodeAt(j) : -1;
    const tc = text.charCodeAt(i);
    if (pc === 42) {
      star = ++j;
      resume = i;
    } else if (
      pc === 63 ||
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

describe('glob matching (IAM wildcards: * any run, ? one character)', () => {
  it('answers as the former backtracking matcher did, literal markers included', () => {
    const patternChars = fc.constantFrom('a', 'b', '/', '*', '?', LITERAL_STAR, LITERAL_QMARK);
    const textChars = fc.constantFrom('a', 'b', '/', '*', '?', LITERAL_STAR);
    fc.assert(
      fc.property(
        fc.string({ unit: patternChars, maxLength: 10 }),
        fc.string({ unit: textChars, maxLength: 12 }),
        (p, t) => {
          const expected = backtrackingGlobMatch(p, t);
          expect(globMatch(p, t)).toBe(expected);
          // compileGlob's fast paths (prefix, suffix, equality) compare decoded text, so a marker
          // inside the text itself (which requests never hold) is only compared by globMatch.
          if (!t.includes(LITERAL_STAR)) expect(compileGlob(p)(t)).toBe(expected);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('decides a hostile resource pattern at once (a*, 5,900 × a, b against 100,000 characters)', () => {
    // Found by a tester: the backtracking scan ran for minutes on this, and the worker with it.
    const pattern = 'a*' + 'a'.repeat(5900) + 'b';
    const text = 'a'.repeat(100_000);
    expect(globMatch(pattern, text)).toBe(false);
    expect(compileGlob(pattern)(text)).toBe(false);
    expect(globMatch(pattern, text + 'b')).toBe(true);
    // Many pieces between stars: each is found once, left to right.
    const pieces = '*' + Array.from({ length: 300 }, (_, i) => `x${i}`).join('*') + '*z';
    expect(compileGlob(pieces)('y'.repeat(100_000))).toBe(false);
  });

  it('agrees with the textbook meaning on random patterns and texts', () => {
    const chars = fc.constantFrom('a', 'b', ':', '/', '*', '?');
    fc.assert(
      fc.property(
        fc.string({ unit: chars, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b', ':', '/'), maxLength: 10 }),
        (p, t) => {
          expect(globMatch(p, t)).toBe(reference(p, t));
          expect(compileGlob(p)(t)).toBe(reference(p, t));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['a*', 'abc', true],
    ['*c', 'abc', true],
    ['*b*', 'abc', true],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['**', '', true],
  ])('%s vs %s → %s', (p, t, expected) => {
    expect(compileGlob(p)(t)).toBe(expected);
  });

  it('treats an encoded literal * or ? as that character only', () => {
    const p = 'a' + encodeLiterals('*') + 'b';
    expect(globMatch(p, 'a*b')).toBe(true);
    expect(globMatch(p, 'axb')).toBe(false);
  });

  it('finishes quickly on a pattern that makes backtracking regular expressions explode', () => {
    const pattern = '*a'.repeat(30) + '*b';
    expect(globMatch(pattern, 'a'.repeat(2000))).toBe(false);
  });
});
