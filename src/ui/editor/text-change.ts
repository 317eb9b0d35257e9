/**
 * The smallest single replacement that turns one text into another: the common start and end
 * stay, the middle is replaced. Applying a change from the explorer this way keeps the cursor
 * where it was and keeps the undo history small.
 */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/** The replacement of `before`'s middle that yields `after` (an empty insert at 0 when they are equal). */
export function minimalChange(before: string, after: string): TextChange {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < max - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  ) {
    end++;
  }
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}
