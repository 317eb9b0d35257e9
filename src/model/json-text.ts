/**
 * A strict JSON parser that remembers where every value stands in the source text.
 *
 * `JSON.parse` says neither where a value came from nor where a duplicate key hides, and its
 * error messages differ between engines. The scenario editor, the command line and the policy
 * validator all need "line 4, column 3", so this parser records a range for every value and
 * every property key, reported through a `Locator`.
 *
 * Safety: keys such as `__proto__` become plain own data properties (never prototype changes),
 * nesting and size are limited, and the parser never recurses into the host stack without a
 * bound, so hostile input ends in a clear error rather than a crash or a hang.
 */
import type { JsonPath, Locator, SourceRange } from '../engine/index.ts';
import { quote, QUOTE_LIMIT, shorten } from './text-caps.ts';

/** Limits that keep hostile documents from exhausting memory or the call stack. */
export interface JsonTextLimits {
  /** Maximum length of the text in UTF-16 code units (default 5,000,000). */
  maxLength?: number;
  /** Maximum nesting of arrays and objects (default 100). */
  maxDepth?: number;
}

import { DEFAULT_MAX_LENGTH } from './size-limits.ts';
// The limits themselves live with the program's other size limits.
export const DEFAULT_MAX_DEPTH = 100;

/** A syntax error: where parsing stopped and why. Lines and columns are 1-based, offset 0-based. */
export interface JsonTextError {
  message: string;
  line: number;
  column: number;
  offset: number;
}

/** A key that occurs twice in one object. The later value wins, as with `JSON.parse`. */
export interface DuplicateKey {
  /** Path of the property (the object's path plus the key). */
  path: JsonPath;
  /** Where the second occurrence of the key stands. */
  range: SourceRange;
  /** Where the first occurrence of the key stands. */
  firstRange: SourceRange;
}

export type JsonTextResult =
  | {
      ok: true;
      value: unknown;
      /** Range of the value at a path (objects and arrays span their brackets). */
      locate: Locator;
      /** Range of the property key at a path (falls back to the value's range for array items and the root). */
      locateKey: Locator;
      duplicateKeys: DuplicateKey[];
    }
  | { ok: false; error: JsonTextError };

/** Turns 0-based offsets into 1-based lines and columns. */
export class LineMap {
  readonly #starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.#starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.#starts.push(i + 1);
    }
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.#starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.#starts[lo] ?? 0) + 1 };
  }

  range(from: number, to: number): SourceRange {
    return { ...this.position(from), from, to };
  }
}

/** The map key of a path: unambiguous for any key text. */
export function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

/** Where one value stands in the text, and its property key (-1: an array item or the root). */
interface SpanNode {
  from: number;
  to: number;
  keyFrom: number;
  keyTo: number;
  /** A container's children, by property name or array index. */
  children?: Map<string | number, SpanNode>;
  /** For a key that occurs more than once: where its first occurrence stands. */
  firstKey?: [number, number];
}

/** Sets an own, enumerable data property, so `__proto__` and friends are stored as plain data. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the text';
  const c = text[offset] ?? '';
  const code = c.charCodeAt(0);
  if (code < 0x20) return `control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
  return `'${c}'`;
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Parses strict JSON (RFC 8259; a leading byte-order mark is skipped) and records positions.
 * Never throws: a syntax error or an exceeded limit comes back as `{ ok: false, error }`.
 *
 * Speed: the value comes from the engine's own `JSON.parse` (strict RFC 8259 too, and `__proto__`
 * becomes an own data property there as well), after a scan of the nesting depth; positions and
 * duplicate keys are worked out by this module's parser only when first asked for, and a text
 * that does not parse goes through it at once for its located message. A keystroke in a big
 * document thus costs a native parse, not a hand-written one (seconds for a few megabytes).
 */
export function parseJsonText(text: string, limits: JsonTextLimits = {}): JsonTextResult {
  const maxLength = limits.maxLength ?? DEFAULT_MAX_LENGTH;
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.length > maxLength || deeperThan(text, start, maxDepth))
    return parseSlowly(text, limits);
  let value: unknown;
  try {
    value = JSON.parse(start === 1 ? text.slice(1) : text);
  } catch {
    return parseSlowly(text, limits); // for its message, with line and column
  }
  let located: JsonTextResult | undefined;
  const positions = (): Extract<JsonTextResult, { ok: true }> | undefined => {
    located ??= parseSlowly(text, limits);
    return located.ok ? located : undefined;
  };
  return {
    ok: true,
    value,
    locate: (p) => positions()?.locate(p),
    locateKey: (p) => positions()?.locateKey(p),
    get duplicateKeys() {
      return positions()?.duplicateKeys ?? [];
    },
  };
}

/** Whether arrays and objects nest deeper than `max` (strings skipped); malformed text is not judged. */
function deeperThan(text: string, from: number, max: number): boolean {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * The positional parser alone: every value's and key's range and the duplicate keys, at once.
 * For callers that read them all anyway (loading a scenario file checks its duplicate keys).
 */
export function parseJsonTextWithPositions(
  text: string,
  limits: JsonTextLimits = {},
): JsonTextResult {
  return parseSlowly(text, limits);
}

/** The positional parser: every value's and key's range, duplicate keys, located errors. */
function parseSlowly(text: string, limits: JsonTextLimits): JsonTextResult {
  const maxLength = limits.maxLength ?? DEFAULT_MAX_LENGTH;
  const maxDepth = limits.maxDepth ?? DEFAULT_MAX_DEPTH;
  // Measure before scanning: an oversized text is refused without reading it. Lines are counted
  // only when a position is asked for (an error, a located value), not on every parse.
  let lineMap: LineMap | undefined;
  const lines = (): LineMap => (lineMap ??= new LineMap(text.length > maxLength ? '' : text));
  const fail = (message: string, offset: number): JsonTextResult => {
    const { line, column } = lines().position(offset);
    return {
      ok: false,
      error: { message: `${message} at line ${line}, column ${column}`, line, column, offset },
    };
  };
  if (text.length > maxLength) {
    return fail(
      `The document is too large: ${text.length.toLocaleString('en-US')} characters, the limit is ${maxLength.toLocaleString('en-US')}`,
      0,
    );
  }

  // Where each value (and each property's key) stands, as a tree shaped like the value: a
  // container's node maps each key or index to its child's node. (Building a string key per path
  // instead made a 3 MB document take seconds.)
  const root: SpanNode = { from: 0, to: 0, keyFrom: -1, keyTo: -1 };
  /** The path being parsed, kept as one stack: copied only for a duplicate key. */
  const path: (string | number)[] = [];
  const duplicateKeys: {
    key: string;
    path: (string | number)[];
    at: [number, number];
    first: [number, number];
  }[] = [];
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const skipWhitespace = (): void => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else return;
    }
  };

  const parseString = (): string => {
    const start = pos;
    pos++; // opening quote
    let out = '';
    let chunkStart = pos;
    for (;;) {
      if (pos >= text.length)
        throw new JsonSyntaxError("Unterminated string (missing closing '\"')", start);
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(chunkStart, pos);
        pos++;
        return out;
      }
      if (c === 0x0a || c === 0x0d) {
        throw new JsonSyntaxError(
          "Unterminated string: a line break before its closing '\"' (write \\n for a line break inside a string)",
          start,
        );
      }
      if (c < 0x20) {
        throw new JsonSyntaxError(
          `Unescaped ${describeChar(text, pos)} in a string (write it as an escape such as \\n)`,
          pos,
        );
      }
      if (c === 0x5c) {
        out += text.slice(chunkStart, pos);
        const e = text[pos + 1];
        if (e === 'u') {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            throw new JsonSyntaxError('Invalid \\u escape: expected four hexadecimal digits', pos);
          }
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 6;
        } else if (e !== undefined && Object.hasOwn(ESCAPES, e)) {
          out += ESCAPES[e];
          pos += 2;
        } else {
          throw new JsonSyntaxError(`Invalid escape '\\${e ?? ''}' in a string`, pos);
        }
        chunkStart = pos;
        continue;
      }
      pos++;
    }
  };

  const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

  const parseNumber = (): number => {
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (!m || m[0] === '-' || m[0].length === 0) throw new JsonSyntaxError(`Invalid number`, pos);
    const end = pos + m[0].length;
    const next = text[end];
    if (next !== undefined && /[0-9.eE+\-a-zA-Z_]/.test(next)) {
      throw new JsonSyntaxError(
        `Invalid number '${shorten(text.slice(pos, end + 1), QUOTE_LIMIT)}'`,
        pos,
      );
    }
    pos = end;
    return Number(m[0]);
  };

  const literal = (word: string, value: unknown): unknown => {
    if (text.startsWith(word, pos)) {
      const after = text[pos + word.length];
      if (after === undefined || !/[A-Za-z0-9_]/.test(after)) {
        pos += word.length;
        return value;
      }
    }
    throw unexpected('a value');
  };

  const unexpected = (expected: string): JsonSyntaxError => {
    if (pos >= text.length)
      return new JsonSyntaxError(`Expected ${expected} but the text ended`, pos);
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(pos, pos + 40));
    const found = word ? `'${word[0]}'` : describeChar(text, pos);
    let hint = '';
    if (text[pos] === "'") hint = ' (JSON strings use double quotes)';
    else if (text[pos] === '\uFFFD')
      hint =
        ' (U+FFFD, the replacement character: the text was read from bytes that were not UTF-8, such as a UTF-16 file; save it as UTF-8)';
    else if (text[pos] === '\u0000')
      hint = ' (a NUL character, as a UTF-16 file read as UTF-8 shows: save it as UTF-8)';
    else if (text.startsWith('//', pos) || text.startsWith('/*', pos))
      hint = ' (JSON has no comments)';
    else if (
      word &&
      (word[0] === 'True' || word[0] === 'False' || word[0] === 'None' || word[0] === 'undefined')
    ) {
      hint = ' (JSON literals are true, false and null)';
    }
    return new JsonSyntaxError(`Expected ${expected} but found ${found}${hint}`, pos);
  };

  // Iterative descent would be harder to read; recursion is bounded by maxDepth instead.
  // `node` receives the value's range (and, for a container, its children's nodes).
  const parseValue = (node: SpanNode, depth: number): unknown => {
    skipWhitespace();
    const start = pos;
    const c = text[pos];
    let value: unknown;
    if (c === '{' || c === '[') {
      if (depth >= maxDepth) {
        throw new JsonSyntaxError(
          `The document is nested too deeply: more than ${maxDepth} levels of objects and arrays`,
          pos,
        );
      }
      node.children = new Map();
      value =
        c === '{' ? parseObject(node.children, depth + 1) : parseArray(node.children, depth + 1);
    } else if (c === '"') value = parseString();
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) value = parseNumber();
    else if (c === 't') value = literal('true', true);
    else if (c === 'f') value = literal('false', false);
    else if (c === 'n') value = literal('null', null);
    else throw unexpected('a value');
    node.from = start;
    node.to = pos;
    return value;
  };

  const parseObject = (
    children: Map<string | number, SpanNode>,
    depth: number,
  ): Record<string, unknown> => {
    const result: Record<string, unknown> = {};
    pos++; // {
    skipWhitespace();
    if (text[pos] === '}') {
      pos++;
      return result;
    }
    for (;;) {
      skipWhitespace();
      if (text[pos] !== '"') {
        if (text[pos] === '}')
          throw new JsonSyntaxError("Trailing comma before '}' (JSON allows none)", pos);
        throw unexpected('a property name in double quotes');
      }
      const keyStart = pos;
      const name = parseString();
      const keyRange: [number, number] = [keyStart, pos];
      const earlier = children.get(name);
      const first = earlier ? (earlier.firstKey ?? [earlier.keyFrom, earlier.keyTo]) : undefined;
      if (first) duplicateKeys.push({ key: name, path: [...path, name], at: keyRange, first });
      const child: SpanNode = { from: 0, to: 0, keyFrom: keyStart, keyTo: pos };
      if (first) child.firstKey = first;
      children.set(name, child); // a later duplicate replaces the earlier, as its value does
      skipWhitespace();
      if (text[pos] !== ':') throw unexpected(`':' after property name ${quote(name)}`);
      pos++;
      path.push(name);
      const value = parseValue(child, depth);
      // A plain assignment is fast; `__proto__` alone would change the prototype that way.
      if (name === '__proto__') setOwn(result, name, value);
      else result[name] = value;
      path.pop();
      skipWhitespace();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === '}') {
        pos++;
        return result;
      }
      throw unexpected("',' or '}' after property value");
    }
  };

  const parseArray = (children: Map<string | number, SpanNode>, depth: number): unknown[] => {
    const result: unknown[] = [];
    pos++; // [
    skipWhitespace();
    if (text[pos] === ']') {
      pos++;
      return result;
    }
    for (;;) {
      skipWhitespace();
      if (text[pos] === ']')
        throw new JsonSyntaxError("Trailing comma before ']' (JSON allows none)", pos);
      const index = result.length;
      const child: SpanNode = { from: 0, to: 0, keyFrom: -1, keyTo: -1 };
      children.set(index, child);
      path.push(index);
      result.push(parseValue(child, depth));
      path.pop();
      skipWhitespace();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === ']') {
        pos++;
        return result;
      }
      throw unexpected("',' or ']' after array element");
    }
  };

  let value: unknown;
  try {
    skipWhitespace();
    if (pos >= text.length) return fail('The document is empty: expected a JSON value', pos);
    value = parseValue(root, 0);
    skipWhitespace();
    if (pos < text.length) throw unexpected('the end of the document after the top-level value');
  } catch (e) {
    if (e instanceof JsonSyntaxError) return fail(e.message, e.offset);
    if (e instanceof RangeError) return fail('The document is nested too deeply to read', pos);
    throw e;
  }

  const toRange = (r: [number, number]): SourceRange => lines().range(r[0], r[1]);
  const find = (p: JsonPath): SpanNode | undefined => {
    let node: SpanNode | undefined = root;
    for (const segment of p) node = node?.children?.get(segment);
    return node;
  };
  const locate: Locator = (p) => {
    const node = find(p);
    return node ? lines().range(node.from, node.to) : undefined;
  };
  const locateKey: Locator = (p) => {
    const node = find(p);
    if (!node) return undefined;
    return node.keyFrom >= 0
      ? lines().range(node.keyFrom, node.keyTo)
      : lines().range(node.from, node.to);
  };
  return {
    ok: true,
    value,
    locate,
    locateKey,
    duplicateKeys: duplicateKeys.map((d) => ({
      path: d.path,
      range: toRange(d.at),
      firstRange: toRange(d.first),
    })),
  };
}

/** A locator for a document nested at `prefix` inside a larger one (e.g. a policy inside a scenario). */
export function prefixLocator(locate: Locator | undefined, prefix: JsonPath): Locator | undefined {
  if (!locate) return undefined;
  return (path) => locate([...prefix, ...path]);
}
