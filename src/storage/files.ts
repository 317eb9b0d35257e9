/**
 * Scenario and library files: export as JSON, import with messages that say where a problem is.
 *
 * A single scenario exports as its own text, exactly as typed (it is a scenario document), except
 * that a name given in the library (a rename) is written into its `title`, so that importing the
 * file gives the same name back. The
 * whole library exports as
 *   { "format": "iam-playground/library", "version": 1,
 *     "scenarios": [{ "title", "updatedAt" (ISO 8601), "scenario": { … } }] }
 * where a scenario whose text is not valid JSON (a draft) carries `"text": "<as typed>"` instead
 * of `"scenario"`, so an export never loses work. Import accepts either kind of file.
 */
import { decodeText } from './decode-text.ts';
import { parseJson, positionAt, type JsonParseResult, type JsonPathSegments } from './json.ts';
import { importAwsOutputs, isAwsOutput, count, type DumpFile } from '../model/index.ts';
import { capMessages } from './problems.ts';
import { UNTITLED, type QuarantinedRecord } from './layout.ts';
import {
  checkParsedScenario,
  checkScenarioValue,
  formatPath,
  SCENARIO_FORMAT,
} from './scenario-check.ts';

/** `format` of a library export. */
export const LIBRARY_FILE_FORMAT = 'iam-playground/library';
/** Version of the library export this program writes and reads. */
export const LIBRARY_FILE_VERSION = 1;
/** `format` of an export of quarantined (damaged) records. */
export const QUARANTINE_FILE_FORMAT = 'iam-playground/quarantine';
import { MAX_IMPORT_BYTES, MAX_IMPORT_TOTAL_BYTES } from '../model/size-limits.ts';

/** A file ready to download. */
export interface ExportFile {
  filename: string;
  text: string;
  mimeType: 'application/json';
}

/** A scenario as the export functions need it. */
export interface ExportableScenario {
  title: string;
  text: string;
  /** Epoch milliseconds. */
  updatedAt: number;
}

/** Exports one scenario: its text as typed (with the library's name as its title), in a file named after it. */
export function exportScenarioFile(
  scenario: Pick<ExportableScenario, 'title' | 'text'>,
): ExportFile {
  return {
    filename: `${slug(scenario.title)}.json`,
    text: withTitle(scenario.text, scenario.title),
    mimeType: 'application/json',
  };
}

/**
 * `text` with `title` as the scenario's title: unchanged when it already says so (or when it is
 * not a JSON object, a draft, which exports as typed), else re-written with the title after
 * `format` and `version`.
 */
function withTitle(text: string, title: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return text;
  const scenario = value as Record<string, unknown>;
  if (scenario['title'] === title || (scenario['title'] === undefined && title === UNTITLED))
    return text;
  const { format, version, title: _old, ...rest } = scenario;
  return `${JSON.stringify({ format, version, title, ...rest }, null, 2)}\n`;
}

/** Exports several scenarios (the whole library, or what could not be saved) as one library file. */
export function exportLibraryFile(
  scenarios: readonly ExportableScenario[],
  now: number = Date.now(),
  name = 'iam-playground-library',
): ExportFile {
  const entries = scenarios.map(({ title, text, updatedAt }) => {
    const updated = new Date(updatedAt).toISOString();
    try {
      return { title, updatedAt: updated, scenario: JSON.parse(text) as unknown };
    } catch {
      return { title, updatedAt: updated, text };
    }
  });
  const file = { format: LIBRARY_FILE_FORMAT, version: LIBRARY_FILE_VERSION, scenarios: entries };
  return {
    filename: `${name}-${new Date(now).toISOString().slice(0, 10)}.json`,
    text: JSON.stringify(file, null, 2) + '\n',
    mimeType: 'application/json',
  };
}

/** Exports records set aside as unreadable, so the user can rescue their content by hand. */
export function exportQuarantineFile(
  items: readonly QuarantinedRecord[],
  now: number = Date.now(),
): ExportFile {
  const file = {
    format: QUARANTINE_FILE_FORMAT,
    version: 1,
    note: 'Records IAM Playground could not read. "raw" is their stored content; copy what you need into a new scenario.',
    records: items.map(({ key, reason, foundAt, raw }) => ({
      key,
      reason,
      foundAt: new Date(foundAt).toISOString(),
      raw,
    })),
  };
  return {
    filename: `iam-playground-damaged-records-${new Date(now).toISOString().slice(0, 10)}.json`,
    text: JSON.stringify(file, null, 2) + '\n',
    mimeType: 'application/json',
  };
}

/** A problem in an imported file: a message, and where it is when known. */
export interface ImportProblem {
  message: string;
  /** JSON path, e.g. `scenarios[2].scenario.version`. */
  path?: string;
  line?: number;
  column?: number;
}

/** A scenario read from a file, ready for `Library.create`. */
export interface ImportedScenario {
  title: string | undefined;
  text: string;
}

/**
 * Outcome of an import. `ok` with `problems` means some entries of a library file were skipped
 * (each problem says which); `ok: false` means nothing could be imported.
 */
export type ImportResult =
  | {
      ok: true;
      kind: 'scenario' | 'library';
      scenarios: ImportedScenario[];
      problems: ImportProblem[];
      /** The import report of AWS CLI outputs: what the format cannot hold, what was assumed. */
      notes?: string[];
    }
  | { ok: false; problems: ImportProblem[] };

/** One line for a problem: `where: message`. */
export function formatImportProblem(problem: ImportProblem): string {
  const at = [
    problem.path,
    problem.line !== undefined ? `line ${problem.line}, column ${problem.column}` : undefined,
  ].filter(Boolean);
  return at.length > 0 ? `${at.join(', ')}: ${problem.message}` : problem.message;
}

/** The text of a picked or dropped file, or why it cannot be imported. */
async function readText(
  file: Blob & { name?: string },
): Promise<{ ok: true; text: string } | { ok: false; result: ImportResult }> {
  const name = file.name ?? 'The file';
  if (file.size > MAX_IMPORT_BYTES) {
    return {
      ok: false,
      result: refuse(
        `${name} is ${megabytes(file.size)}; files up to ${MAX_IMPORT_BYTES / 1_000_000} MB can be imported.`,
      ),
    };
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { ok: false, result: refuse(`${name} could not be read. Is it still there?`) };
  }
  const decoded = decodeText(bytes, name);
  if (!decoded.ok) {
    const { message, line, column } = decoded;
    return { ok: false, result: { ok: false, problems: [{ message, line, column }] } };
  }
  return { ok: true, text: decoded.text };
}

/** How far an import has come, for a progress bar: `done` of `total` bytes read and parsed. */
export interface ImportProgress {
  /** What is being done, e.g. "Reading get-account-authorization-details.json (11.1 MB)". */
  step: string;
  done: number;
  total: number;
}

/** Size in megabytes with one decimal, as messages say it. */
function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Reads a File (or Blob) picked by the user or dropped, and imports it. Never throws. */
export async function readImportFile(file: Blob & { name?: string }): Promise<ImportResult> {
  const read = await readText(file);
  return read.ok ? importFileText(read.text, file.name) : read.result;
}

/** What one file (or several AWS dumps read together) gave. */
export interface FileImport {
  /** The file's name, or the names of the dumps merged into one scenario. */
  file: string;
  result: ImportResult;
}

/**
 * Reads several picked or dropped files. Each scenario or library file is imported on its own;
 * every output of the AWS CLI among them (pages of one account, several accounts, the
 * organization's and resource policies' outputs) is merged into ONE scenario, and none of it is
 * imported when another file picked with it is not even JSON (it may be one of them). Never throws.
 */
export async function readImportFiles(
  files: readonly (Blob & { name?: string })[],
  onProgress: (progress: ImportProgress) => void = () => {},
): Promise<FileImport[]> {
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (files.length > 1 && total > MAX_IMPORT_TOTAL_BYTES)
    return [
      {
        file: `${files.length} files`,
        result: refuse(
          `Together they are ${megabytes(total)}; up to ${MAX_IMPORT_TOTAL_BYTES / 1_000_000} MB can be imported at once. Nothing was imported.`,
        ),
      },
    ];
  const out: FileImport[] = [];
  const dumps: DumpFile[] = [];
  const unreadable: string[] = [];
  let done = 0;
  // A folder of an account's outputs is hundreds of small files: each one's step is reported
  // only when it, or what was read since the last report, is at least 1% of the whole (the page
  // draws every report; 313 reports of the benchmark's folder were 313 redraws).
  let reported = -Infinity;
  for (const file of files) {
    const name = file.name ?? 'The file';
    if (file.size >= total / 100 || done - reported >= total / 100) {
      onProgress({ step: `Reading ${name} (${megabytes(file.size)})`, done, total });
      reported = done;
    }
    done += file.size;
    const read = await readText(file);
    if (!read.ok) {
      out.push({ file: name, result: read.result });
      unreadable.push(name);
      continue;
    }
    const parsed = parseJson(read.text, { maxLength: MAX_IMPORT_BYTES });
    if (parsed.ok && isAwsOutput(parsed.value))
      dumps.push({ name, value: parsed.value, locate: locator(parsed) });
    else {
      if (!parsed.ok) unreadable.push(name);
      out.push({ file: name, result: importParsed(read.text, parsed, name) });
    }
  }
  const together = namesOf(dumps.map((d) => d.name));
  if (dumps.length > 0 && unreadable.length > 0)
    out.push({
      file: together,
      result: refuse(
        `The AWS CLI outputs were not imported, because ${namesOf(unreadable)} picked with them could not be read as JSON: fix or leave out that file and import them again.`,
      ),
    });
  else if (dumps.length > 0) {
    onProgress({ step: `Converting ${count(dumps.length)} AWS CLI outputs`, done, total });
    out.push({ file: together, result: importAwsDumps(dumps) });
  }
  return out;
}

/** File names for a message: the first few, then how many more (a folder has hundreds). */
function namesOf(names: readonly string[], shown = 5): string {
  if (names.length <= shown + 1) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} and ${names.length - shown} more files`;
}

/** Line and column of a JSON path in parsed text. */
function locator(
  parsed: Extract<JsonParseResult, { ok: true }>,
): (path: JsonPathSegments) => Pick<ImportProblem, 'line' | 'column'> {
  return (path) => {
    const range = parsed.locate(path);
    return range ? { line: range.line, column: range.column } : {};
  };
}

/**
 * Imports the text of a scenario file, a library file, or the output of `aws iam
 * get-account-authorization-details` (read into a new scenario). Never throws.
 */
export function importFileText(text: string, name = 'The file'): ImportResult {
  if (text.length > MAX_IMPORT_BYTES)
    return refuse(`The file is larger than ${MAX_IMPORT_BYTES / 1_000_000} MB.`);
  return importParsed(text, parseJson(text, { maxLength: MAX_IMPORT_BYTES }), name);
}

function importParsed(text: string, parsed: JsonParseResult, name: string): ImportResult {
  if (text.trim() === '') return refuse('The file is empty.');
  if (!parsed.ok) {
    const { message, line, column } = parsed.error;
    return { ok: false, problems: [{ message: `Not valid JSON: ${message}.`, line, column }] };
  }
  const locate = locator(parsed);
  const value = parsed.value;
  const format =
    typeof value === 'object' && value !== null
      ? (value as { format?: unknown }).format
      : undefined;
  if (format === LIBRARY_FILE_FORMAT)
    return importLibrary(value as Record<string, unknown>, locate);
  if (isAwsOutput(value)) return importAwsDumps([{ name, value, locate }]);
  if (format === QUARANTINE_FILE_FORMAT) {
    return refuse(
      'This file holds damaged records exported for rescue, not scenarios. Open it in a text editor and copy what you need into a new scenario.',
    );
  }
  if (format !== SCENARIO_FORMAT) {
    const found =
      format === undefined ? 'no "format"' : `"format": ${JSON.stringify(format)?.slice(0, 60)}`;
    return {
      ok: false,
      problems: [
        {
          message: `This is neither an IAM Playground scenario ("${SCENARIO_FORMAT}") nor a library export ("${LIBRARY_FILE_FORMAT}"): it has ${found}.`,
          path: 'format',
          ...locate(format === undefined ? [] : ['format']),
        },
      ],
    };
  }
  const checked = checkParsedScenario(parsed);
  if (!checked.ok) {
    const { message, path, line, column } = checked.problem;
    const where = line !== undefined ? { line, column } : path ? locateText(text, path) : {};
    return { ok: false, problems: [{ message, ...(path ? { path } : {}), ...where }] };
  }
  return {
    ok: true,
    kind: 'scenario',
    scenarios: [{ title: checked.scenario.title, text }],
    problems: [],
  };
}

/**
 * Outputs of the AWS CLI (`aws iam get-account-authorization-details`, the organization's,
 * resource policies), as one new scenario.
 */
function importAwsDumps(files: DumpFile[]): ImportResult {
  const result = importAwsOutputs(files);
  if (!result.ok)
    return {
      ok: false,
      problems: result.problems.map(({ file, message, path, line, column }) => ({
        message,
        // Several files are read together: each problem names its own before the JSON path.
        path: files.length > 1 ? `${file}: ${path}` : path,
        ...(line !== undefined ? { line, column } : {}),
      })),
    };
  // What the format does not keep is listed in the scenario's description (its import report).
  const title = result.scenario.title as string;
  return {
    ok: true,
    kind: 'scenario',
    scenarios: [{ title, text: `${JSON.stringify(result.scenario, null, 2)}\n` }],
    problems: [],
    notes: result.notes,
  };
}

function importLibrary(
  file: Record<string, unknown>,
  locate: (path: JsonPathSegments) => Pick<ImportProblem, 'line' | 'column'>,
): ImportResult {
  const version = file.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > LIBRARY_FILE_VERSION) {
    return {
      ok: false,
      problems: [
        {
          message: `This library file is version ${version}, written by a newer IAM Playground; this one reads version ${LIBRARY_FILE_VERSION}. Nothing was imported.`,
          path: 'version',
          ...locate(['version']),
        },
      ],
    };
  }
  if (version !== LIBRARY_FILE_VERSION) {
    return {
      ok: false,
      problems: [
        {
          message: `"version" must be ${LIBRARY_FILE_VERSION}, found ${typeof version === 'number' && !Number.isFinite(version) ? 'a number too large to represent' : (JSON.stringify(version)?.slice(0, 60) ?? 'nothing')}.`,
          path: 'version',
          ...locate(['version']),
        },
      ],
    };
  }
  if (!Array.isArray(file.scenarios)) {
    return {
      ok: false,
      problems: [
        { message: '"scenarios" must be a list.', path: 'scenarios', ...locate(['scenarios']) },
      ],
    };
  }
  const scenarios: ImportedScenario[] = [];
  const problems: ImportProblem[] = [];
  file.scenarios.forEach((entry: unknown, index) => {
    const at = ['scenarios', index];
    const skip = (message: string, path: (string | number)[]) =>
      problems.push({
        message: `${message} This entry was skipped.`,
        path: formatPath(path),
        ...locate(path),
      });
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      return skip('Each entry must be an object with "title" and "scenario".', at);
    }
    const e = entry as Record<string, unknown>;
    const title = typeof e.title === 'string' ? e.title : undefined;
    if (e.title !== undefined && title === undefined)
      return skip('"title" must be text.', [...at, 'title']);
    if (typeof e.text === 'string' && e.scenario === undefined) {
      // A draft that was not valid JSON when exported: imported as it was typed.
      scenarios.push({ title, text: e.text });
      return;
    }
    if (e.scenario === undefined) return skip('The entry has no "scenario".', at);
    const checked = checkScenarioValue(e.scenario);
    if (!checked.ok) {
      const path = [...at, 'scenario', ...(checked.problem.segments ?? [])];
      return skip(checked.problem.message, path);
    }
    scenarios.push({
      title: title ?? checked.scenario.title,
      text: JSON.stringify(e.scenario, null, 2) + '\n',
    });
  });
  const capped = capMessages(problems, (n) => ({ message: `and ${n} more entries were skipped.` }));
  if (scenarios.length === 0 && problems.length > 0) return { ok: false, problems: capped };
  return { ok: true, kind: 'library', scenarios, problems: capped };
}

/** Best-effort position of a top-level key in text, for parsers that cannot locate paths. */
function locateText(text: string, path: string): Pick<ImportProblem, 'line' | 'column'> {
  if (!/^[A-Za-z_]\w*$/.test(path)) return {};
  const at = text.indexOf(`"${path}"`);
  if (at < 0) return {};
  const { line, column } = positionAt(text, at);
  return { line, column };
}

function refuse(message: string): ImportResult {
  return { ok: false, problems: [{ message }] };
}

/** A file name from a title: lower case letters, digits and dashes. */
function slug(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return base || 'scenario';
}
