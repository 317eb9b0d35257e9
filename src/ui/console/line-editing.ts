/**
 * The console input's editing helpers, kept apart from the component so they can be tested:
 * history recall (up/down, as a shell does) and applying a tab completion.
 */
import type { Completion } from '../../console/index';

/** Where the user is in the history: -1 while editing a new line (kept in `draft`). */
export interface HistoryCursor {
  index: number;
  draft: string;
}

export const FRESH: HistoryCursor = { index: -1, draft: '' };

/** The line and cursor after pressing up (`-1`) or down (`+1`) with `line` in the input. */
export function recall(
  history: readonly string[],
  cursor: HistoryCursor,
  line: string,
  direction: -1 | 1,
): { line: string; cursor: HistoryCursor } {
  if (history.length === 0) return { line, cursor };
  if (direction === -1) {
    if (cursor.index === -1)
      return {
        line: history[history.length - 1]!,
        cursor: { index: history.length - 1, draft: line },
      };
    const index = Math.max(cursor.index - 1, 0);
    return { line: history[index]!, cursor: { ...cursor, index } };
  }
  if (cursor.index === -1) return { line, cursor };
  const index = cursor.index + 1;
  if (index >= history.length) return { line: cursor.draft, cursor: FRESH };
  return { line: history[index]!, cursor: { ...cursor, index } };
}

/** The history after running `line`: blank lines and repeats of the last line are not kept. */
export function remember(history: readonly string[], line: string, limit = 500): string[] {
  if (line.trim() === '' || history[history.length - 1] === line) return [...history];
  return [...history, line].slice(-limit);
}

function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0]!;
  for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** Quotes a candidate that would not stay one word in the shell. */
function asWord(candidate: string): string {
  return /^[A-Za-z0-9_@%+=:,./$-]*$/.test(candidate)
    ? candidate
    : `'${candidate.replace(/'/g, `'\\''`)}'`;
}

/**
 * Applies a completion: one candidate replaces the word and adds a blank; several extend the
 * word to their common prefix and are shown. Returns the new line, the new cursor position,
 * and the candidates to show (empty when the word was completed).
 */
export function applyCompletion(
  line: string,
  completion: Completion,
): { line: string; cursor: number; shown: string[] } {
  const { from, to, candidates } = completion;
  if (candidates.length === 0) return { line, cursor: to, shown: [] };
  if (candidates.length === 1) {
    const word = `${asWord(candidates[0]!)} `;
    const rest = line.slice(to).replace(/^ /, '');
    return { line: line.slice(0, from) + word + rest, cursor: from + word.length, shown: [] };
  }
  const prefix = commonPrefix(candidates);
  const current = line.slice(from, to);
  const word = prefix.length > current.length ? prefix : current;
  return {
    line: line.slice(0, from) + word + line.slice(to),
    cursor: from + word.length,
    shown: candidates,
  };
}
