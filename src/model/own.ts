/**
 * Safe reads from parsed JSON. Scenario text decides the keys, so a lookup like
 * `users["constructor"]` must never reach `Object.prototype`: every read goes through `getOwn`.
 */

import { isRecord } from '../engine/index.ts';

export { isRecord };

/** The value of an own property, or undefined; never an inherited one. */
export function getOwn(value: unknown, key: string): unknown {
  return isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}

/** The entries of an object-valued property, or none. */
export function ownEntries(value: unknown): [string, unknown][] {
  return isRecord(value) ? Object.entries(value) : [];
}
