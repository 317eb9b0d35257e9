/**
 * Storage problems as data: a code the UI can branch on and a message it can show as is.
 */
import { count, SAME_KIND_LIMIT, shorten } from '../model/index.ts';

/** What went wrong with storage. */
export type StorageProblemCode =
  /** The browser's storage is full; the text stays in memory and can be exported. */
  | 'quota'
  /** A stored record could not be read; it was set aside in the quarantine. */
  | 'corrupt'
  /** The browser gives no usable IndexedDB (private mode, disabled storage). */
  | 'unavailable'
  /** The library's stored data was removed (site data cleared) and its store created again. */
  | 'lost'
  /** The library was written by a newer version of the app; this one only reads what it knows. */
  | 'too-new'
  /** The scenario asked for is not in the library. */
  | 'not-found'
  /** The input was refused (empty title, oversized text). */
  | 'invalid'
  /** Anything else the browser reported. */
  | 'unknown';

/** A storage problem, ready to show. */
export interface StorageProblem {
  code: StorageProblemCode;
  message: string;
}

/** Result of a library operation: a value, or a problem. Nothing is thrown across the boundary. */
export type StorageResult<T> = { ok: true; value: T } | { ok: false; problem: StorageProblem };

/**
 * True for the browser's "storage is full" error. Browsers name it QuotaExceededError (legacy code
 * 22); old Firefox used NS_ERROR_DOM_QUOTA_REACHED (code 1014). IndexedDB may wrap it in an
 * AbortError whose transaction error is the quota error, hence the look at `cause`/`error`.
 */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 3; depth++) {
    const { name, code } = e as { name?: unknown; code?: unknown };
    if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
    if (code === 22 || code === 1014) return true;
    e = (e as { cause?: unknown; error?: unknown }).cause ?? (e as { error?: unknown }).error;
  }
  return false;
}

/** Turns whatever a store threw into a problem; `doing` says what was being done, for the message. */
export function problemFromError(error: unknown, doing: string): StorageProblem {
  if (isQuotaError(error)) {
    return {
      code: 'quota',
      message: `The browser's storage is full, so ${doing} failed. Your text is kept in this tab: export it to keep a copy, or delete scenarios you no longer need to free space.`,
    };
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: 'unknown', message: `Storage failed while ${doing} (${detail}).` };
}

/**
 * A list of messages for the user, capped: each message is cut if huge, and after `limit` of them
 * the rest are counted in one last entry made by `more` (e.g. "and 19,990 more entries were
 * skipped"), so a file with 20,000 bad entries does not produce megabytes of text.
 */
export function capMessages<T extends { message: string }>(
  items: readonly T[],
  more: (count: string) => T,
  limit = SAME_KIND_LIMIT,
): T[] {
  const shown = items.slice(0, limit).map((item) => ({ ...item, message: shorten(item.message) }));
  return items.length > limit ? [...shown, more(count(items.length - limit))] : shown;
}
