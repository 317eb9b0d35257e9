/**
 * JSON parsing for storage, with positions for messages.
 *
 * This is the seam to the scenario model's `parseJsonText` (src/model/json-text.ts): it gives the
 * same shape, so storage can switch to the model's parser, which also locates paths, without
 * changing its callers. Until then, positions come from the JSON.parse error where the engine
 * reports one, and `locate` knows no paths.
 */

/** A 1-based line and column and a 0-based offset in a text. */
export interface TextPosition {
  line: number;
  column: number;
  offset: number;
}

/** A JSON path: object keys and array indexes, outermost first. */
export type JsonPathSegments = readonly (string | number)[];

/** Result of parsing JSON text: the value and a path locator, or a positioned error. */
export type JsonParseResult =
  | {
      ok: true;
      value: unknown;
      locate: (
        path: JsonPathSegments,
      ) => { line: number; column: number; from: number; to: number } | undefined;
    }
  | { ok: false; error: { message: string } & TextPosition };

/** Parses JSON text; never throws. */
export function parseJson(text: string): JsonParseResult {
  try {
    const value: unknown = JSON.parse(text);
    return { ok: true, value, locate: () => undefined };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const offset = errorOffset(raw, text);
    return { ok: false, error: { message: cleanMessage(raw), ...positionAt(text, offset) } };
  }
}

/** The line and column (1-based) of a 0-based offset. */
export function positionAt(text: string, offset: number): TextPosition {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < clamped; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: clamped - lineStart + 1, offset: clamped };
}

/** V8 says "at position N" (sometimes with "(line L column C)"); an unexpected end points past the text. */
function errorOffset(message: string, text: string): number {
  const at = /position (\d+)/.exec(message);
  if (at?.[1] !== undefined) return Number(at[1]);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn?.[1] !== undefined && lineColumn[2] !== undefined) {
    const lines = text.split('\n').slice(0, Number(lineColumn[1]) - 1);
    return lines.reduce((sum, l) => sum + l.length + 1, 0) + Number(lineColumn[2]) - 1;
  }
  return text.length;
}

/** Keeps the engine's wording but drops the echo of the input V8 appends, which may be long. */
function cleanMessage(message: string): string {
  const withoutEcho = message.replace(/, ".*" is not valid JSON$/s, ' (not valid JSON)');
  return withoutEcho.replace(/ in JSON at position \d+.*$/s, '').trim() || 'Not valid JSON';
}
