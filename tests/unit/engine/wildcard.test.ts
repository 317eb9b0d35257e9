import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileGlob, encodeLiterals, globMatch } from '../../../src/engine/wildcard.ts';

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

describe('glob matching (IAM wildcards: * any run, ? one character)', () => {
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
