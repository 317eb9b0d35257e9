import { describe, expect, it } from 'vitest';
import { FRESH, applyCompletion, recall, remember } from '../../../src/ui/console/line-editing';

describe('history recall', () => {
  const history = ['aws iam list-users', 'aws iam list-roles'];

  it('goes back from the newest line, keeping what was typed', () => {
    const up = recall(history, FRESH, 'aws sts', -1);
    expect(up).toEqual({ line: 'aws iam list-roles', cursor: { index: 1, draft: 'aws sts' } });
    const upAgain = recall(history, up.cursor, up.line, -1);
    expect(upAgain.line).toBe('aws iam list-users');
    expect(recall(history, upAgain.cursor, upAgain.line, -1).line).toBe('aws iam list-users');
  });

  it('comes forward to the typed line', () => {
    const up = recall(history, FRESH, 'aws sts', -1);
    const down = recall(history, up.cursor, up.line, 1);
    expect(down).toEqual({ line: 'aws sts', cursor: FRESH });
    expect(recall(history, FRESH, 'x', 1)).toEqual({ line: 'x', cursor: FRESH });
  });

  it('does nothing without history', () => {
    expect(recall([], FRESH, 'x', -1)).toEqual({ line: 'x', cursor: FRESH });
  });

  it.each([
    ['a new line', ['a'], 'b', ['a', 'b']],
    ['not a blank line', ['a'], '  ', ['a']],
    ['not the same line twice in a row', ['a'], 'a', ['a']],
  ])('remembers %s', (_, before, line, after) => {
    expect(remember(before, line)).toEqual(after);
  });
});

describe('applying a completion', () => {
  it.each([
    [
      'one candidate replaces the word and adds a blank',
      'aws iam get-us',
      { from: 8, to: 14, candidates: ['get-user'] },
      { line: 'aws iam get-user ', cursor: 17, shown: [] },
    ],
    [
      'several extend the word to their common prefix and are shown',
      'aws iam list-att',
      {
        from: 8,
        to: 16,
        candidates: ['list-attached-role-policies', 'list-attached-user-policies'],
      },
      {
        line: 'aws iam list-attached-',
        cursor: 22,
        shown: ['list-attached-role-policies', 'list-attached-user-policies'],
      },
    ],
    [
      'none change nothing',
      'aws iam zz',
      { from: 8, to: 10, candidates: [] },
      { line: 'aws iam zz', cursor: 10, shown: [] },
    ],
    [
      'a candidate with a blank is quoted',
      'x ',
      { from: 2, to: 2, candidates: ['a b'] },
      { line: "x 'a b' ", cursor: 8, shown: [] },
    ],
    [
      'a word in the middle keeps the rest of the line',
      'aws iam get-us --user-name bob',
      { from: 8, to: 14, candidates: ['get-user'] },
      { line: 'aws iam get-user --user-name bob', cursor: 17, shown: [] },
    ],
  ])('%s', (_, line, completion, expected) => {
    expect(applyCompletion(line, completion)).toEqual(expected);
  });
});
