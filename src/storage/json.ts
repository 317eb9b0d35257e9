/**
 * JSON parsing for storage, with positions for messages.
 *
 * A thin seam over the scenario model's strict parser (src/model/json-text.ts), so storage reports
 * "line 4, column 3" exactly as the editor and the command line do, and locates JSON paths.
 */
import { parseJsonText, type JsonTextLimits } from '../model/index.ts';

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

/** Parses JSON text; never throws. The error message leaves the position out (it is in the fields). */
export function parseJson(text: string, limits?: JsonTextLimits): JsonParseResult {
  const parsed = parseJsonText(text, limits);
  if (parsed.ok) return { ok: true, value: parsed.value, locate: parsed.locate };
  const { message, line, column, offset } = parsed.error;
  return {
    ok: false,
    error: { message: message.replace(/ at line \d+, column \d+$/, ''), line, column, offset },
  };
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
