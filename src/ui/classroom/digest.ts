/**
 * The identity of an exercise: a SHA-256 digest of the scenario as handed out, over a canonical
 * JSON text (object keys sorted, no white space), so the same exercise has the same digest
 * whatever its layout, and any change to it (a goal's expectation, a hint) gives another.
 */

/** JSON text with object keys sorted at every level and no white space. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The lowercase hex SHA-256 digest of `value`'s canonical JSON. */
export async function digestOf(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(value));
  const hash = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A digest as people can compare it at a glance: its first 12 hex digits. */
export const shortDigest = (digest: string): string => digest.slice(0, 12);
