/**
 * A line diff for "show solution": what the learner's document has, what the solution has, and
 * what they share, in order. Documents in lessons are small (tens of lines), so the classic
 * longest-common-subsequence table is simple and fast enough.
 */
export type DiffLine = { kind: 'same' | 'added' | 'removed'; text: string };

/** Lines of `before` and `after`, marked as kept, removed (only in before) or added (only in after). */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] =
        a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) {
      out.push({ kind: 'removed', text: a[i++]! });
    } else {
      out.push({ kind: 'added', text: b[j++]! });
    }
  }
  while (i < a.length) out.push({ kind: 'removed', text: a[i++]! });
  while (j < b.length) out.push({ kind: 'added', text: b[j++]! });
  return out;
}

/** True when the diff has any change. */
export function hasChanges(diff: DiffLine[]): boolean {
  return diff.some((line) => line.kind !== 'same');
}

/** A diff line, or a fold standing for a run of unchanged lines. */
export type DiffRow = DiffLine | { kind: 'fold'; count: number };

/** Keeps `context` unchanged lines around each change and folds longer unchanged runs. */
export function foldUnchanged(diff: DiffLine[], context = 2): DiffRow[] {
  const out: DiffRow[] = [];
  let i = 0;
  while (i < diff.length) {
    if (diff[i]!.kind !== 'same') {
      out.push(diff[i++]!);
      continue;
    }
    let end = i;
    while (end < diff.length && diff[end]!.kind === 'same') end++;
    const keepBefore = i === 0 ? 0 : context; // lines after the previous change
    const keepAfter = end === diff.length ? 0 : context; // lines before the next change
    if (end - i > keepBefore + keepAfter + 1) {
      out.push(...diff.slice(i, i + keepBefore));
      out.push({ kind: 'fold', count: end - i - keepBefore - keepAfter });
      out.push(...diff.slice(end - keepAfter, end));
    } else {
      out.push(...diff.slice(i, end));
    }
    i = end;
  }
  return out;
}
