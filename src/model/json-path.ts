/**
 * Immutable reads and writes at a JSON path, the primitives every scenario edit is made of, and
 * the scenario's text written out again where an edit changed it (`formatJson`).
 *
 * The scenario the user edits may have any shape (they can type anything into the scenario
 * editor), so these functions never throw on a surprising shape: a read through a non-object
 * is `undefined`, and a write replaces what stands in its way with an object.
 */
import { type JsonPath, isRecord } from '../engine/index.ts';

/** A plain JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>;

/** True for plain objects: what JSON calls an object (the engine's `isRecord`, under the name the edits use). */
export const isObject: (value: unknown) => value is JsonObject = isRecord;

/** The value at `path`, or `undefined` when the path does not exist. */
export function getIn(root: unknown, path: JsonPath): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isObject(current) && typeof segment === 'string' && Object.hasOwn(current, segment))
      current = current[segment];
    else return undefined;
  }
  return current;
}

/**
 * Copies an object with `key` set, as an own data property (a `__proto__` key stays plain data:
 * spreading defines properties, it does not assign them). Spread, not a loop of
 * `defineProperty`: twice as fast on an account's 5,000 policies, copied on each keystroke.
 */
function withKey(target: JsonObject, key: string, value: unknown): JsonObject {
  const copy: JsonObject = { ...target };
  define(copy, key, value);
  return copy;
}

function define(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** A copy of `root` with `value` at `path`; containers on the way are copied, never mutated. */
export function setIn(root: unknown, path: JsonPath, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (typeof head === 'number' && Array.isArray(root)) {
    const copy = root.slice();
    copy[head] = setIn(root[head], rest, value);
    return copy;
  }
  const base = isObject(root) ? root : {};
  const key = String(head);
  return withKey(base, key, setIn(Object.hasOwn(base, key) ? base[key] : undefined, rest, value));
}

/** A copy of `root` without the value at `path` (array items are spliced out). */
export function deleteIn(root: unknown, path: JsonPath): unknown {
  if (path.length === 0) return undefined;
  const parentPath = path.slice(0, -1);
  const last = path[path.length - 1];
  const parent = getIn(root, parentPath);
  if (Array.isArray(parent) && typeof last === 'number') {
    if (last < 0 || last >= parent.length) return root;
    return setIn(
      root,
      parentPath,
      parent.filter((_, i) => i !== last),
    );
  }
  if (!isObject(parent) || typeof last !== 'string' || !Object.hasOwn(parent, last)) return root;
  const copy: JsonObject = {};
  for (const k of Object.keys(parent)) if (k !== last) define(copy, k, parent[k]);
  return setIn(root, parentPath, copy);
}

/** A copy of `root` where the object at `path` has `oldKey` renamed to `newKey`, keeping key order. */
export function renameKey(root: unknown, path: JsonPath, oldKey: string, newKey: string): unknown {
  const parent = getIn(root, path);
  if (!isObject(parent) || !Object.hasOwn(parent, oldKey) || oldKey === newKey) return root;
  const copy: JsonObject = {};
  for (const k of Object.keys(parent)) {
    if (k === newKey) continue;
    define(copy, k === oldKey ? newKey : k, parent[k]);
  }
  return setIn(root, path, copy);
}

/** Deep structural equality of two JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** Whether `path` starts with `prefix`. */
export function startsWith(path: JsonPath, prefix: JsonPath): boolean {
  return prefix.length <= path.length && prefix.every((s, i) => path[i] === s);
}

/** A stable string key for a path, for maps and Svelte keyed blocks. */
export function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

// ---- Writing a value out as JSON text ----
/*
 * `JSON.stringify(value, null, 2)`, the same text, worked out again only where the value changed.
 *
 * The scenario is replaced, never mutated, by each edit (world edits and `setDocument` copy the
 * objects on the path they change and share the rest), and a world of megabytes is written out
 * as text on every keystroke (the library's copy of the open scenario). So the text of every
 * object and array is kept, by identity and at the depth it was formatted at, and reused when it
 * is met again: after a keystroke in one policy only the objects on that policy's path are
 * formatted again (a fraction of a millisecond, not the ~100 ms of a 3 MB `JSON.stringify`).
 *
 * Below `NATIVE_DEPTH` a value's text is built from its children's texts; at that depth (a user,
 * a role, a policy document of an account) the engine's own `JSON.stringify` formats the whole
 * value, indented to its place. A big container (an account's 5,000 policies) is written in
 * chunks of CHUNK entries, each kept while it holds the same keys and children, so the one
 * policy edited costs its own chunk, not a copy of all 5,000 texts. A chunk of small entries is
 * joined into one flat string; chunks, and entries that are big themselves (an account), are
 * concatenated (V8 keeps that as a rope over them, no copy). What is kept costs about the text
 * once more.
 *
 * For plain JSON data (what `JSON.parse`, the scenario parser and the world edits make): a value
 * with a `toJSON` method is handed to `JSON.stringify` whole.
 */

/** accounts → account → users/roles/policies → one entry: the entries are formatted natively. */
const NATIVE_DEPTH = 4;
/** Entries per chunk of a big container; containers up to this size are one piece. */
const CHUNK = 64;
/** A chunk this long or shorter is copied into one flat string; a longer one is a rope. */
const FLAT_CHUNK_CHARS = 256 * 1024;

const texts = new WeakMap<object, { depth: number; text: string }>();
/** A chunk's text, kept under its first child: valid while its keys and children are the same. */
const chunks = new WeakMap<
  object,
  {
    depth: number;
    keys: readonly (string | undefined)[];
    children: readonly unknown[];
    text: string;
  }
>();
const pads: string[] = [''];

function pad(depth: number): string {
  return (pads[depth] ??= '  '.repeat(depth));
}

/** `JSON.stringify(value, null, 2)`, reusing the text of every part of `value` met before. */
export function formatJson(value: unknown): string | undefined {
  return format(value, 0);
}

function format(value: unknown, depth: number): string | undefined {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const kept = texts.get(value);
  if (kept !== undefined && kept.depth === depth) return kept.text;
  let text: string;
  if (depth >= NATIVE_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    text = JSON.stringify(value, null, 2);
    // Split and joined, not `replaceAll`: V8 builds a replacement as a rope of its pieces, which
    // every later join of this text would walk again.
    if (depth > 0) text = text.split('\n').join(`\n${pad(depth)}`);
  } else {
    const array = Array.isArray(value);
    const children: readonly unknown[] = array ? value : Object.values(value);
    const keys: readonly (string | undefined)[] = array
      ? new Array<undefined>(value.length)
      : Object.keys(value);
    let body = '';
    for (let start = 0; start < children.length; start += CHUNK) {
      const part = chunk(keys, children, start, Math.min(children.length, start + CHUNK), depth);
      if (part !== '') body = body === '' ? part : `${body},\n${part}`;
    }
    const [open, close] = array ? ['[', ']'] : ['{', '}'];
    text = body === '' ? open + close : `${open}\n${body}\n${pad(depth)}${close}`;
  }
  texts.set(value, { depth, text });
  return text;
}

/** The lines of entries `start` to `end` (exclusive) of a container at `depth`, joined. */
function chunk(
  keys: readonly (string | undefined)[],
  children: readonly unknown[],
  start: number,
  end: number,
  depth: number,
): string {
  const first = children[start];
  const keyed = end - start === CHUNK && typeof first === 'object' && first !== null;
  if (keyed) {
    const kept = chunks.get(first);
    if (
      kept !== undefined &&
      kept.depth === depth &&
      kept.children.every((child, i) => child === children[start + i]) &&
      kept.keys.every((key, i) => key === keys[start + i])
    )
      return kept.text;
  }
  const lines: string[] = [];
  let length = 0;
  for (let i = start; i < end; i++) {
    const key = keys[i];
    const inner = format(children[i], depth + 1) ?? (key === undefined ? 'null' : undefined);
    if (inner === undefined) continue; // JSON leaves such a property out
    const line = `${pad(depth + 1)}${key === undefined ? '' : `${JSON.stringify(key)}: `}${inner}`;
    lines.push(line);
    length += line.length;
  }
  // Small lines are joined into one flat string, so that the whole text stays a rope of a few
  // pieces per chunk and writing it out (storage flattens it) is a copy, not a walk over every
  // line; big ones (an account, all its policies) are concatenated, not copied again.
  let text = '';
  if (length <= FLAT_CHUNK_CHARS) text = lines.join(',\n');
  else for (const line of lines) text = text === '' ? line : `${text},\n${line}`;
  if (keyed)
    chunks.set(first, {
      depth,
      keys: keys.slice(start, end),
      children: children.slice(start, end),
      text,
    });
  return text;
}
