import { describe, expect, it } from 'vitest';
import { diffLines, foldUnchanged, hasChanges } from '../../../src/ui/lessons/diff.ts';

describe('diffLines', () => {
  it('marks every line the same when the documents are equal', () => {
    const diff = diffLines('a\nb', 'a\nb');
    expect(diff).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'same', text: 'b' },
    ]);
    expect(hasChanges(diff)).toBe(false);
  });

  it('shows a changed line as removed then added, keeping the lines around it', () => {
    const before = '{\n  "Effect": "Deny",\n  "Action": "s3:*"\n}';
    const after = '{\n  "Effect": "Allow",\n  "Action": "s3:*"\n}';
    expect(diffLines(before, after)).toEqual([
      { kind: 'same', text: '{' },
      { kind: 'removed', text: '  "Effect": "Deny",' },
      { kind: 'added', text: '  "Effect": "Allow",' },
      { kind: 'same', text: '  "Action": "s3:*"' },
      { kind: 'same', text: '}' },
    ]);
  });

  it.each([
    ['lines added at the end', 'a', 'a\nb\nc', ['same', 'added', 'added']],
    ['lines removed at the start', 'x\ny\na', 'a', ['removed', 'removed', 'same']],
    ['an empty document', '', 'a', ['removed', 'added']],
  ])('handles %s', (_name, before, after, kinds) => {
    expect(diffLines(before, after).map((l) => l.kind)).toEqual(kinds);
  });

  it('rebuilds both documents from its lines', () => {
    const before = 'one\ntwo\nthree\nfour';
    const after = 'zero\ntwo\nthree and a half\nfour\nfive';
    const diff = diffLines(before, after);
    const side = (skip: string) =>
      diff
        .filter((l) => l.kind !== skip)
        .map((l) => l.text)
        .join('\n');
    expect(side('added')).toBe(before);
    expect(side('removed')).toBe(after);
  });
});

describe('foldUnchanged', () => {
  const lines = (n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) => `${prefix}${i}`).join('\n');

  it('folds long unchanged runs, keeping two lines of context around a change', () => {
    const before = `${lines(10, 'a')}\nold\n${lines(10, 'b')}`;
    const after = `${lines(10, 'a')}\nnew\n${lines(10, 'b')}`;
    const rows = foldUnchanged(diffLines(before, after));
    expect(rows.map((r) => (r.kind === 'fold' ? `fold ${r.count}` : r.kind))).toEqual([
      'fold 8',
      'same',
      'same',
      'removed',
      'added',
      'same',
      'same',
      'fold 8',
    ]);
  });

  it('does not fold a run that is barely longer than its context', () => {
    const rows = foldUnchanged(diffLines('x\na\nb\nc\ny', 'X\na\nb\nc\nY'));
    expect(rows.some((r) => r.kind === 'fold')).toBe(false);
  });
});
