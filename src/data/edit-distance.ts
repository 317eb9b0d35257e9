/**
 * Edit distance for "did you mean" suggestions, case-insensitive. The one implementation for
 * both the service reference (action and key names, where a swap of neighbours is a common
 * typo) and everything else (managed-policy names, scenario keys: classic Levenshtein).
 */

export interface EditDistanceOptions {
  /**
   * Count a swap of two neighbouring characters as one edit (optimal string alignment), as the
   * service reference's suggestions do; otherwise a swap is two edits (Levenshtein).
   */
  swaps?: boolean;
}

/**
 * Insertions, deletions and substitutions (and, with `swaps`, swaps of neighbours) that turn
 * `a` into `b`, ignoring case. Stops early and returns `limit + 1` once the distance must
 * exceed `limit`.
 */
export function editDistance(
  a: string,
  b: string,
  limit = Infinity,
  options: EditDistanceOptions = {},
): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  // Three reused rows of the classic table (the oldest is needed for swaps): no allocation per cell.
  let before = new Uint32Array(t.length + 1);
  let previous = new Uint32Array(t.length + 1);
  let current = new Uint32Array(t.length + 1);
  for (let j = 0; j <= t.length; j++) previous[j] = j;
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    let rowMin = i;
    const c = s.charCodeAt(i - 1);
    for (let j = 1; j <= t.length; j++) {
      const cost = c === t.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (
        options.swaps &&
        i > 1 &&
        j > 1 &&
        c === t.charCodeAt(j - 2) &&
        s.charCodeAt(i - 2) === t.charCodeAt(j - 1)
      ) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[t.length]!;
}
