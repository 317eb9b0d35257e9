/**
 * The one test for "a JSON object": every layer reads parsed JSON of any shape (policies,
 * scenarios, imports), and this is the bottom layer, so they all share it from here.
 */

/** A plain JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
