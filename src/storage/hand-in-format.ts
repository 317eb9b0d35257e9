/**
 * Reading a hand-in's text: what a student sends back to the teacher (src/ui/classroom/hand-in.ts
 * makes one and says what it holds). Here in storage, beside the share link's checks, so a hand-in
 * link or file is read in the storage worker like every other link and imported file
 * (read-link.ts, off-thread.ts); files and links are read by the same function.
 *
 * A hand-in is untrusted input: reading one checks every field and says what is wrong and where.
 */
import { isRecord, SCENARIO_FORMAT } from '../model/index.ts';
import { decodeText } from './decode-text.ts';
import { parseJson } from './json.ts';
import { checkScenarioText } from './scenario-check.ts';

/** A SHA-256 digest as a hand-in carries it (the exercise's identity, src/ui/classroom/digest.ts). */
export const DIGEST = /^[0-9a-f]{64}$/;

export const HAND_IN_FORMAT = 'iam-playground/hand-in';
export const HAND_IN_VERSION = 1;
/** Longest student name kept (a name longer than this is refused, not cut). */
export const MAX_NAME_LENGTH = 200;
import { MAX_HAND_IN_BYTES } from '../model/size-limits.ts';

export interface HandIn {
  format: typeof HAND_IN_FORMAT;
  version: typeof HAND_IN_VERSION;
  student: string;
  handedInAt: string;
  exercise: { digest: string; title: string };
  start: Record<string, unknown>;
  world: Record<string, unknown>;
}

export type HandInResult = { ok: true; handIn: HandIn } | { ok: false; message: string };

/** Why a name cannot be handed in, or null when it can. */
export function nameProblem(name: string): string | null {
  if (name.trim() === '') return 'Type your name first: the teacher sees it beside your work.';
  if (name.length > MAX_NAME_LENGTH)
    return `A name is at most ${MAX_NAME_LENGTH} characters; this one has ${name.length.toLocaleString('en')}.`;
  return null;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const KEYS = ['format', 'version', 'student', 'handedInAt', 'exercise', 'start', 'world'];

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Reads a hand-in's text. `where` names its source in messages ("hand-in.json", "link 3").
 * Never throws; a refusal says what is wrong and where.
 */
export function readHandInText(text: string, where: string): HandInResult {
  const refuse = (message: string): HandInResult => ({
    ok: false,
    message: `${where}: ${message}`,
  });
  if (text.length > MAX_HAND_IN_BYTES)
    return refuse(
      `${text.length.toLocaleString('en')} characters, more than a hand-in may be (${MAX_HAND_IN_BYTES.toLocaleString('en')}). It was not read.`,
    );
  const parsed = parseJson(text);
  if (!parsed.ok)
    return refuse(
      `not valid JSON (line ${parsed.error.line}, column ${parsed.error.column}): ${parsed.error.message}.`,
    );
  const value = parsed.value;
  if (!isRecord(value)) return refuse(`a hand-in is a JSON object, not ${kind(value)}.`);
  if (value['format'] !== HAND_IN_FORMAT)
    return refuse(
      value['format'] === SCENARIO_FORMAT
        ? 'this is a scenario, not a hand-in. Open it with Import instead.'
        : `"format" must be "${HAND_IN_FORMAT}": this is not a hand-in.`,
    );
  if (typeof value['version'] === 'number' && value['version'] > HAND_IN_VERSION)
    return refuse(
      `made by a newer IAM Playground (hand-in version ${value['version']}); reload the page to get the newest version.`,
    );
  if (value['version'] !== HAND_IN_VERSION)
    return refuse(`"version" must be ${HAND_IN_VERSION}, not ${kind(value['version'])}.`);
  const unknown = Object.keys(value).find((k) => !KEYS.includes(k));
  if (unknown !== undefined)
    return refuse(`unknown property ${JSON.stringify(unknown.slice(0, 40))} at the top level.`);
  const student = value['student'];
  if (typeof student !== 'string') return refuse(`"student" must be text, not ${kind(student)}.`);
  const badName = nameProblem(student);
  if (badName) return refuse(`"student": ${badName}`);
  const at = value['handedInAt'];
  if (typeof at !== 'string' || !ISO.test(at) || Number.isNaN(Date.parse(at)))
    return refuse(`"handedInAt" must be a date and time such as "2026-12-02T09:30:00Z".`);
  const exercise = value['exercise'];
  if (!isRecord(exercise)) return refuse(`"exercise" must be an object, not ${kind(exercise)}.`);
  if (typeof exercise['digest'] !== 'string' || !DIGEST.test(exercise['digest']))
    return refuse(`"exercise.digest" must be 64 lowercase hex digits (a SHA-256 digest).`);
  if (typeof exercise['title'] !== 'string')
    return refuse(`"exercise.title" must be text, not ${kind(exercise['title'])}.`);
  for (const key of ['start', 'world'] as const) {
    const scenario = value[key];
    if (!isRecord(scenario)) return refuse(`"${key}" must be a scenario, not ${kind(scenario)}.`);
    const checked = checkScenarioText(JSON.stringify(scenario));
    if (!checked.ok) return refuse(`"${key}" is not a scenario: ${checked.problem.message}`);
  }
  return {
    ok: true,
    handIn: {
      format: HAND_IN_FORMAT,
      version: HAND_IN_VERSION,
      student,
      handedInAt: at,
      exercise: { digest: exercise['digest'], title: exercise['title'] },
      start: value['start'] as Record<string, unknown>,
      world: value['world'] as Record<string, unknown>,
    },
  };
}

/**
 * Reads a hand-in file (picked or dropped on the class sheet): at most MAX_HAND_IN_BYTES, UTF-8
 * (another encoding is named, a bad byte located: decode-text.ts), then as `readHandInText`.
 * The storage worker runs this (off-thread.ts), so a 5 MB file is never parsed on the page.
 * Never throws.
 */
export async function readHandInFile(file: Blob, name: string): Promise<HandInResult> {
  if (file.size > MAX_HAND_IN_BYTES)
    return {
      ok: false,
      message: `${name}: ${file.size.toLocaleString('en')} bytes, more than a hand-in may be (${MAX_HAND_IN_BYTES.toLocaleString('en')}). It was not read.`,
    };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return { ok: false, message: `${name} could not be read. Is it still there?` };
  }
  const decoded = decodeText(bytes, name, 'hand-in');
  if (!decoded.ok)
    return {
      ok: false,
      message: `${decoded.message} (line ${decoded.line}, column ${decoded.column})`,
    };
  return readHandInText(decoded.text, name);
}
