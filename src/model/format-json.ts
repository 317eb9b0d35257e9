/**
 * `JSON.stringify(value, null, 2)`, the same text, worked out again only where the value changed.
 *
 * The scenario is replaced, never mutated, by each edit (world edits and `setDocument` copy the
 * objects on the path they change and share the rest), and a world of megabytes is written out
 * as text on every keystroke (the library's copy of the open scenario). So the text of every
 * object and array is kept, by identity and at the depth it was formatted at, and reused when it
 * is met again: after a keystroke in one policy only the objects on that policy's path are
 * formatted again (ms, not the ~100 ms of a 3 MB `JSON.stringify`).
 *
 * Below `NATIVE_DEPTH` a value's text is built from its children's texts; at that depth (a user,
 * a role, a policy document of an account) the engine's own `JSON.stringify` formats the whole
 * value, indented to its place. What is kept costs about the text once more: big containers
 * (5,000 policies) hold a flat copy of their entries' texts, small ones a rope over them.
 *
 * For plain JSON data (what `JSON.parse`, the scenario parser and the world edits make): a value
 * with a `toJSON` method is handed to `JSON.stringify` whole.
 */

/** accounts → account → users/roles/policies → one entry: the entries are formatted natively. */
const NATIVE_DEPTH = 4;
/** Containers of more entries than this are joined into a flat string rather than concatenated. */
const ROPE_MAX_LINES = 16;

const texts = new WeakMap<object, { depth: number; text: string }>();
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
    const lines: string[] = [];
    const inner = pad(depth + 1);
    if (array) for (const item of value) lines.push(`${inner}${format(item, depth + 1) ?? 'null'}`);
    else
      for (const key of Object.keys(value)) {
        const text = format((value as Record<string, unknown>)[key], depth + 1);
        if (text !== undefined) lines.push(`${inner}${JSON.stringify(key)}: ${text}`);
      }
    const [open, close] = array ? ['[', ']'] : ['{', '}'];
    text = lines.length === 0 ? open + close : joined(open, lines, `\n${pad(depth)}${close}`);
  }
  texts.set(value, { depth, text });
  return text;
}

/**
 * `open`, the lines one per line, `close`. A few lines are concatenated (a rope over the
 * children's texts, no copy); many are joined into one flat string, so that the rope of the
 * whole text stays shallow and writing it out (storage flattens it) is a copy, not a slow walk
 * over thousands of pieces.
 */
function joined(open: string, lines: string[], close: string): string {
  if (lines.length > ROPE_MAX_LINES) return `${open}\n${lines.join(',\n')}${close}`;
  let text = open;
  for (let i = 0; i < lines.length; i++) text += (i === 0 ? '\n' : ',\n') + lines[i];
  return text + close;
}
