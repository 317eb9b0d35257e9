/**
 * Reading one scenario file for the command line: bytes (or standard input for `-`), text,
 * validation. Problems are written where `eval` writes them (standard error, or standard output
 * as JSON with `--json`); the caller exits 2 when no scenario comes back.
 */
import { readFileSync } from 'node:fs';
import {
  capByKind,
  exerciseProblems,
  omittedLine,
  loadScenario,
  formatProblem,
  MAX_WORLD_TEXT_LENGTH,
  type LoadedScenario,
  type Scenario,
  type ScenarioProblem,
} from '../model/index.ts';
import { decodeText } from '../storage/index.ts';

/** Problems listed at most SAME_KIND_LIMIT of a code each; the rest are counted. */
export function problemLines(problems: readonly ScenarioProblem[]): string[] {
  const { shown, omitted } = capByKind(problems, (p) => p.code);
  return [...shown.map(formatProblem), ...omitted.map((o) => omittedLine(o))];
}

/** The problems for --json: at most SAME_KIND_LIMIT of a code each, with a count of the rest. */
function problemsJson(problems: readonly ScenarioProblem[]): object {
  const { shown, omitted } = capByKind(problems, (p) => p.code);
  return omitted.length === 0
    ? { problems: shown }
    : {
        problems: shown,
        omitted: omitted.map(({ kind, count }) => ({ code: kind, count })),
      };
}

export type ReadScenario =
  { ok: true; scenario: Scenario; loaded: LoadedScenario; source: string } | { ok: false };

/** The bytes of a file (or standard input for "-"), or a message saying why not. */
export function readBytes(file: string): Uint8Array | string {
  try {
    return readFileSync(file === '-' ? 0 : file);
  } catch (error) {
    const reason =
      error instanceof Error && 'code' in error && error.code === 'ENOENT'
        ? 'no such file'
        : String(error);
    return `Cannot read ${file}: ${reason}`;
  }
}

/**
 * Writes what is wrong with a loaded scenario (`source` names it): errors end it, warnings go to
 * standard error beside the report (not with --json); notes of severity info stay quiet.
 */
export function reportLoaded(loaded: LoadedScenario, source: string, json: boolean): ReadScenario {
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (!loaded.scenario || errors.length > 0) {
    if (json) {
      process.stdout.write(`${JSON.stringify(problemsJson(loaded.problems), null, 2)}\n`);
    } else {
      process.stderr.write(`${source} is not a valid scenario:\n`);
      for (const line of problemLines(loaded.problems)) process.stderr.write(`  ${line}\n`);
    }
    return { ok: false };
  }
  if (!json) {
    for (const line of problemLines(loaded.problems.filter((p) => p.severity === 'warning'))) {
      process.stderr.write(`${line}\n`);
    }
  }
  return { ok: true, scenario: loaded.scenario, loaded, source };
}

/** Reads and validates a scenario file, writing what is wrong with it; warnings go to standard error. */
export function readScenario(file: string, json: boolean): ReadScenario {
  const bytes = readBytes(file);
  if (typeof bytes === 'string') {
    process.stderr.write(`${bytes}\n`);
    return { ok: false };
  }
  const source = file === '-' ? 'standard input' : file;
  const decoded = decodeText(bytes, file === '-' ? 'The input' : file);
  const loaded: LoadedScenario = decoded.ok
    ? loadScenario(decoded.text, {
        more: exerciseProblems,
        // As big as the app opens (a world imported from a real account).
        limits: { maxLength: MAX_WORLD_TEXT_LENGTH },
      })
    : {
        scenario: null,
        problems: [
          {
            code: 'encoding',
            severity: 'error',
            message: decoded.message,
            path: [],
            line: decoded.line,
            column: decoded.column,
          },
        ],
      };
  return reportLoaded(loaded, source, json);
}
