import type { JsonPath } from '../../../src/engine/types.ts';

/** A copy of `value` with the JSON value at `path` replaced, as an editor applies a quick fix. */
export function applyFix(value: unknown, path: JsonPath, replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = replacement;
  return copy;
}
