/**
 * Caps on what a message repeats of its input, so a hostile or mistaken document cannot blow up
 * the output: a 1,000,000-character key is quoted by its first characters and its length, and
 * 20,000 problems of one kind show the first few and "and 19,990 more".
 */

/** Characters of a text quoted in a message before it is cut. */
export const QUOTE_LIMIT = 80;
/** Longest message kept whole; longer ones are cut (a backstop for any message). */
export const MESSAGE_LIMIT = 1_000;
/** Problems of one kind (code) listed before the rest are counted instead. */
export const SAME_KIND_LIMIT = 10;

/** `1,000,000` */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * A text in double quotes as written, cut after `limit` characters:
 * `"aaaa"… (1,000,000 characters)`.
 */
export function quote(text: string, limit = QUOTE_LIMIT): string {
  if (text.length <= limit) return `"${text}"`;
  return `"${text.slice(0, limit)}"… (${count(text.length)} characters)`;
}

/** A text cut after `limit` characters, saying how long it was. */
export function shorten(text: string, limit = MESSAGE_LIMIT): string {
  if (text.length <= limit) return text;
  return `${text.slice(0, limit)}… (${count(text.length)} characters)`;
}

/** The items of each kind beyond `limit`, counted: what `capByKind` left out. */
export interface Omitted {
  kind: string;
  count: number;
}

/**
 * Keeps the first `limit` items of each kind (in order) and counts the rest per kind.
 * Nothing is lost silently: each omitted kind is reported with its count.
 */
export function capByKind<T>(
  items: readonly T[],
  kindOf: (item: T) => string,
  limit = SAME_KIND_LIMIT,
): { shown: T[]; omitted: Omitted[] } {
  const seen = new Map<string, number>();
  const shown: T[] = [];
  for (const item of items) {
    const kind = kindOf(item);
    const n = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, n);
    if (n <= limit) shown.push(item);
  }
  const omitted: Omitted[] = [];
  for (const [kind, n] of seen) if (n > limit) omitted.push({ kind, count: n - limit });
  return { shown, omitted };
}

/** `and 19,990 more duplicate-request-id problems` */
export function omittedLine(o: Omitted, noun = 'problems'): string {
  return `and ${count(o.count)} more ${o.kind} ${o.count === 1 ? noun.replace(/s$/, '') : noun}`;
}
