/**
 * The checks storage makes before it accepts a scenario text from outside (a link or a file).
 *
 * Storage only guards its own door: the text is JSON, has no key that could reach an object's
 * prototype, is not absurdly nested, and says it is a scenario of a version this program knows.
 * Whether the world it describes is valid is the scenario model's business: `modelProblems` is
 * the seam where the model's validation plugs in (src/model), so there is one validator.
 */
import { count, QUOTE_LIMIT, SCENARIO_FORMAT, SCENARIO_VERSION } from '../model/index.ts';
import { parseJson, type JsonParseResult, type JsonPathSegments } from './json.ts';

/** The `format` every scenario document carries, and the newest version this program reads. */
export { SCENARIO_FORMAT, SCENARIO_VERSION };
/** Deeper nesting than this is no hand-written scenario; refusing it keeps walkers off the stack limit. */
export const MAX_JSON_DEPTH = 64;

/** Why a scenario text was refused. */
export type ScenarioProblemCode =
  | 'not-json'
  | 'too-deep'
  | 'forbidden-key'
  | 'not-object'
  | 'wrong-format'
  | 'version-too-new'
  | 'bad-version'
  | 'invalid-scenario';

/** A refused scenario: a code, a readable message and, where known, where the problem stands. */
export interface ScenarioProblem {
  code: ScenarioProblemCode;
  message: string;
  /** JSON path of the offending value, as `accounts["1111"].users` style text. */
  path?: string;
  line?: number;
  column?: number;
}

/** An accepted scenario: the parsed value and its title (if it has a string one). */
export interface CheckedScenario {
  value: Record<string, unknown>;
  title: string | undefined;
  /** Things worth telling the user that do not stop the scenario from opening. */
  notices: string[];
}

/** Parses and checks a scenario text. Never throws. */
export function checkScenarioText(
  text: string,
): { ok: true; scenario: CheckedScenario } | { ok: false; problem: ScenarioProblem } {
  return checkParsedScenario(parseJson(text));
}

/** Checks a scenario already parsed (a file to import, up to its own size limit). Never throws. */
export function checkParsedScenario(
  parsed: JsonParseResult,
): { ok: true; scenario: CheckedScenario } | { ok: false; problem: ScenarioProblem } {
  if (!parsed.ok) {
    const { message, line, column } = parsed.error;
    return {
      ok: false,
      problem: {
        // The parser bounds nesting itself; its message says so, and the code lets callers tell.
        code: /nested too deeply/i.test(message) ? 'too-deep' : 'not-json',
        message: `This is not valid JSON (line ${line}, column ${column}): ${message}.`,
        line,
        column,
      },
    };
  }
  const result = checkScenarioValue(parsed.value);
  if (result.ok) return result;
  const range = result.problem.segments ? parsed.locate(result.problem.segments) : undefined;
  const { segments: _segments, ...problem } = result.problem;
  return {
    ok: false,
    problem: range ? { ...problem, line: range.line, column: range.column } : problem,
  };
}

/** Checks an already parsed value (e.g. one entry of a library file). Never throws. */
export function checkScenarioValue(
  value: unknown,
):
  | { ok: true; scenario: CheckedScenario }
  | { ok: false; problem: ScenarioProblem & { segments?: JsonPathSegments } } {
  const shape = checkShape(value);
  if (shape) return { ok: false, problem: shape };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      problem: { code: 'not-object', message: 'A scenario must be a JSON object ({ … }).' },
    };
  }
  const record = value as Record<string, unknown>;
  if (record.format !== SCENARIO_FORMAT) {
    const found = describe(record.format);
    return {
      ok: false,
      problem: {
        code: 'wrong-format',
        message: `This is not an IAM Playground scenario: "format" must be "${SCENARIO_FORMAT}", found ${found}.`,
        path: 'format',
        segments: ['format'],
      },
    };
  }
  const version = record.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return {
      ok: false,
      problem: {
        code: 'bad-version',
        message: `"version" must be a whole number from 1, found ${describe(version)}.`,
        path: 'version',
        segments: ['version'],
      },
    };
  }
  if (version > SCENARIO_VERSION) {
    return {
      ok: false,
      problem: {
        code: 'version-too-new',
        message: `This scenario is format version ${version}, made by a newer IAM Playground; this one reads version ${SCENARIO_VERSION}. Nothing was read from it.`,
        path: 'version',
        segments: ['version'],
      },
    };
  }
  for (const key of ['title', 'description'] as const) {
    if (key in record && typeof record[key] !== 'string') {
      return {
        ok: false,
        problem: {
          code: 'invalid-scenario',
          message: `"${key}" must be text, found ${describe(record[key])}.`,
          path: key,
          segments: [key],
        },
      };
    }
  }
  const fromModel = modelProblems(record);
  if (fromModel) return { ok: false, problem: fromModel };
  const title = typeof record.title === 'string' ? record.title : undefined;
  return { ok: true, scenario: { value: record, title, notices: markupNotices(record) } };
}

/**
 * Seam for the scenario model's validation: returns the first problem the model finds, or
 * undefined. Storage refuses only what it cannot store or open safely; a scenario whose world has
 * errors (unknown policy reference, bad ARN) is still opened, so the editor can show and fix them.
 * So this deliberately stays empty unless the model reports a problem that makes a document
 * unreadable as a scenario.
 */
function modelProblems(
  _scenario: Record<string, unknown>,
): (ScenarioProblem & { segments?: JsonPathSegments }) | undefined {
  return undefined;
}

/**
 * Walks the value without recursion (a hostile text may nest thousands deep) and finds the first
 * `__proto__` key or nesting beyond MAX_JSON_DEPTH.
 */
function checkShape(
  value: unknown,
): (ScenarioProblem & { segments: JsonPathSegments }) | undefined {
  // Each entry links to its parent, so a path is built only for the one value that fails.
  interface Entry {
    value: unknown;
    depth: number;
    key: string | number | undefined;
    parent: Entry | undefined;
  }
  const pathOf = (entry: Entry | undefined): (string | number)[] => {
    const path: (string | number)[] = [];
    for (let e = entry; e?.key !== undefined; e = e.parent) path.unshift(e.key);
    return path;
  };
  const stack: Entry[] = [{ value, depth: 0, key: undefined, parent: undefined }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const current = entry.value;
    if (typeof current !== 'object' || current === null) continue;
    if (entry.depth >= MAX_JSON_DEPTH) {
      const path = pathOf(entry);
      return {
        code: 'too-deep',
        message: `The JSON nests deeper than ${MAX_JSON_DEPTH} levels, which no scenario needs; it was not read.`,
        path: formatPath(path),
        segments: path,
      };
    }
    const depth = entry.depth + 1;
    if (Array.isArray(current)) {
      current.forEach((item, index) =>
        stack.push({ value: item, depth, key: index, parent: entry }),
      );
      continue;
    }
    for (const key of Object.keys(current)) {
      if (key === '__proto__') {
        const path = pathOf(entry);
        return {
          code: 'forbidden-key',
          message: `The key "__proto__" at ${formatPath(path) || 'the top level'} is not allowed in a scenario (it could tamper with the program's objects); nothing was read.`,
          path: formatPath([...path, key]),
          segments: [...path, key],
        };
      }
      stack.push({ value: (current as Record<string, unknown>)[key], depth, key, parent: entry });
    }
  }
  return undefined;
}

/** Notices for titles or descriptions that look like HTML: they are shown as text, which may surprise. */
function markupNotices(record: Record<string, unknown>): string[] {
  const notices: string[] = [];
  for (const key of ['title', 'description'] as const) {
    const text = record[key];
    if (typeof text === 'string' && /<\s*\/?\s*[a-z!]/i.test(text)) {
      notices.push(`The ${key} contains HTML-like text. It is shown as plain text and never run.`);
    }
  }
  return notices;
}

/** `accounts["111122223333"].users[0]` style path text. */
export function formatPath(path: JsonPathSegments): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (segment.length > QUOTE_LIMIT)
      text += `[${JSON.stringify(segment.slice(0, QUOTE_LIMIT))}… (${count(segment.length)} characters)]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** A short, safe description of a found value for messages. */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value))
    return 'a number too large to represent (it reads as Infinity)';
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}
