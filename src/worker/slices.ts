/**
 * A big JSON value sent across threads in slices (no main-thread task over 200 ms: README, Architecture).
 *
 * The worker parses a big scenario text; posting the parsed value as one message would make the
 * page deserialize megabytes in one task. Instead the worker cuts the value into parts of about
 * `maxBytes` of JSON each, posted as separate messages (each deserialized in its own task), and
 * the page puts them back together in order.
 *
 * A part is a list of entries `[path, value]`: `value` goes at `path` in the value being built.
 * A container too big for one part is sent as an empty object or array first, then its members
 * (recursively); consecutive small entries share a part. Members go in their original order, so
 * keys keep their order, and `__proto__` is stored as the plain data property JSON.parse makes.
 */

/** One assignment: the value at a path (numbers index arrays, strings name object keys). */
export type SliceEntry = [path: (string | number)[], value: unknown];

import { SLICE_BYTES } from '../model/size-limits.ts';

/** The JSON size of every container in `value` (bytes, counted as JSON.stringify would write them, near enough). */
function measure(value: unknown, sizes: Map<object, number>): number {
  if (typeof value === 'string') return value.length + 2;
  if (typeof value !== 'object' || value === null) return String(value).length;
  let size = 2;
  if (Array.isArray(value)) {
    for (const member of value) size += measure(member, sizes) + 1;
  } else {
    for (const [key, member] of Object.entries(value))
      size += key.length + 4 + measure(member, sizes);
  }
  sizes.set(value, size);
  return size;
}

/** Cuts `value` into parts of about `maxBytes` each (one part for a small value). */
export function sliceValue(value: unknown, maxBytes = SLICE_BYTES): SliceEntry[][] {
  const sizes = new Map<object, number>();
  measure(value, sizes);
  const sizeOf = (v: unknown): number =>
    typeof v === 'object' && v !== null ? (sizes.get(v) ?? 0) : measure(v, sizes);
  const parts: SliceEntry[][] = [];
  let part: SliceEntry[] = [];
  let bytes = 0;
  const add = (path: (string | number)[], v: unknown, size: number): void => {
    if (bytes > 0 && bytes + size > maxBytes) {
      parts.push(part);
      part = [];
      bytes = 0;
    }
    part.push([path, v]);
    bytes += size;
  };
  const walk = (path: (string | number)[], v: unknown): void => {
    // The entry carries its key too (in its path).
    const size = sizeOf(v) + (path.length > 0 ? String(path[path.length - 1]).length + 4 : 0);
    if (size <= maxBytes || typeof v !== 'object' || v === null) return add(path, v, size);
    if (Array.isArray(v)) {
      add(path, [], 2);
      v.forEach((member, i) => walk([...path, i], member));
    } else {
      add(path, {}, 2);
      for (const [key, member] of Object.entries(v)) walk([...path, key], member);
    }
  };
  walk([], value);
  parts.push(part);
  return parts;
}

/** Puts parts back together, in the order they were made. */
export class SliceAssembler {
  #root: unknown = undefined;

  /** The value built so far (complete once every part is in). */
  get value(): unknown {
    return this.#root;
  }

  add(part: SliceEntry[]): void {
    for (const [path, value] of part) {
      if (path.length === 0) {
        this.#root = value;
        continue;
      }
      let container = this.#root as Record<string | number, unknown>;
      for (let i = 0; i < path.length - 1; i++)
        container = container[path[i] as string | number] as Record<string | number, unknown>;
      const key = path[path.length - 1] as string | number;
      if (Array.isArray(container)) container[key as number] = value;
      else
        Object.defineProperty(container, key, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
  }
}
