/**
 * Locked documents: parts of the scenario the student of an exercise must not change (the
 * exercise's `locked` paths, docs/scenario-format-notes.md, "Exercises"). The playground refuses
 * any edit that changes one (from the editor, the explorer or the console alike), and the editor
 * opens a locked document read-only. A change that puts a locked document back as the exercise
 * handed it out is always taken, so work saved before the lock held can be mended.
 */
import type { JsonPath } from '../../engine/index.ts';
import { getIn, jsonEqual, startsWith } from '../../model/index.ts';

export interface Lock {
  /** Where the locked document is (a document path, as the editor names it). */
  path: JsonPath;
  /** Its title, for messages ("Trust policy of role Admin"). */
  title: string;
  /** Its content as handed out (undefined: it was not there). */
  value: unknown;
}

/** The first lock that turning `before` into `after` would break, if any. */
export function brokenLock(
  locks: readonly Lock[],
  before: unknown,
  after: unknown,
): Lock | undefined {
  return locks.find((lock) => {
    const next = getIn(after, lock.path);
    return !jsonEqual(getIn(before, lock.path), next) && !jsonEqual(next, lock.value);
  });
}

/** The lock that holds the document at `path` (the locked document itself or a part of it). */
export function lockOver(locks: readonly Lock[], path: JsonPath): Lock | undefined {
  return locks.find((lock) => startsWith(path, lock.path));
}

/** The locks on documents inside the one at `path` (the whole scenario holds every one). */
export function locksInside(locks: readonly Lock[], path: JsonPath): Lock[] {
  return locks.filter((lock) => lock.path.length > path.length && startsWith(lock.path, path));
}

/** Why an edit that would change `lock` was not made. */
export function lockRefusal(lock: Lock): string {
  return `Not changed: “${lock.title}” is locked by the exercise (the teacher locked it), and this change would alter it.`;
}
