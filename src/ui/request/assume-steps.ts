/**
 * The request builder's text forms of a hop of `assume` (multi-step requests): session tags as
 * `team=blue, cost=c1` and tag keys as `team, cost`. Empty text means "none" (the field is
 * dropped from the hop).
 */

/** `{team: "blue"}` → `team=blue`. */
export function formatTags(tags: unknown): string {
  if (!tags || typeof tags !== 'object' || Array.isArray(tags)) return '';
  return Object.entries(tags as Record<string, unknown>)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : ''}`)
    .join(', ');
}

/**
 * `team=blue, cost=c1` → `{team: "blue", cost: "c1"}`; a part without `=` is a key with an empty
 * value (as AWS allows); undefined when there is no tag at all.
 */
export function parseTags(text: string): Record<string, string> | undefined {
  const tags: Record<string, string> = {};
  for (const part of text.split(',')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const eq = trimmed.indexOf('=');
    const key = (eq < 0 ? trimmed : trimmed.slice(0, eq)).trim();
    if (key === '') continue;
    tags[key] = eq < 0 ? '' : trimmed.slice(eq + 1).trim();
  }
  return Object.keys(tags).length > 0 ? tags : undefined;
}

/** `team, cost` → `["team", "cost"]`; undefined when empty. */
export function parseKeys(text: string): string[] | undefined {
  const keys = text
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  return keys.length > 0 ? keys : undefined;
}

/** A hop with `changes` applied: undefined or empty values remove the field. */
export function withChanges(
  hop: Record<string, unknown>,
  changes: Record<string, unknown>,
): Record<string, unknown> {
  const next: Record<string, unknown> = { ...hop, ...changes };
  for (const [k, v] of Object.entries(next)) if (v === undefined || v === '') delete next[k];
  return next;
}
