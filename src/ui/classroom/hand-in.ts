/**
 * A hand-in: what a student sends back to the teacher. One JSON document (a file, or the same
 * text in a `#h=1.…` link made like a share link), carrying the student's name as typed, when it
 * was handed in, the exercise's identity (the digest of the exercise as handed out), that
 * exercise itself (so the teacher can check goals and see the diff without looking it up), and
 * the student's world.
 *
 *   { "format": "iam-playground/hand-in", "version": 1, "student": "Ada", "handedInAt": "…Z",
 *     "exercise": { "digest": "<64 hex>", "title": "…" }, "start": {…}, "world": {…} }
 *
 * A hand-in is untrusted input: reading one checks every field and says what is wrong and where.
 * Whether the exercise is the one handed out is decided by `verifyHandIn`: the digest must be the
 * digest of `start`, and (when the teacher has it) of one of the teacher's own exercises.
 */
import { SCENARIO_FORMAT } from '../../model/index.ts';
import { parseJson } from '../../storage/json.ts';
import {
  COMFORTABLE_LINK_LENGTH,
  decodeFragmentText,
  encodeFragment,
  MAX_DECOMPRESSED_BYTES,
  MAX_FRAGMENT_LENGTH,
} from '../../storage/share-link.ts';
import { checkScenarioText } from '../../storage/scenario-check.ts';
import { DIGEST, digestOf } from './digest.ts';
import { isRecord } from '../../model/index.ts';

export const HAND_IN_FORMAT = 'iam-playground/hand-in';
export const HAND_IN_VERSION = 1;
/** Longest student name kept (a name longer than this is refused, not cut). */
export const MAX_NAME_LENGTH = 200;
/** Largest hand-in file read (a link is limited as share links are). */
export const MAX_HAND_IN_BYTES = 5_000_000;

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

/** Builds the hand-in of `world` for the exercise `start` (as handed out). */
export async function makeHandIn(
  student: string,
  start: Record<string, unknown>,
  world: Record<string, unknown>,
  now: Date = new Date(),
): Promise<HandIn> {
  const title = typeof start['title'] === 'string' ? start['title'] : '';
  return {
    format: HAND_IN_FORMAT,
    version: HAND_IN_VERSION,
    student,
    handedInAt: now.toISOString(),
    exercise: { digest: await digestOf(start), title },
    start,
    world,
  };
}

export const handInText = (handIn: HandIn): string => JSON.stringify(handIn, null, 2);

/** A file name for a hand-in: the student's name made safe, and the date. */
export function handInFileName(handIn: HandIn): string {
  const name = handIn.student
    .normalize('NFKD')
    .replace(/[^\w-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `hand-in-${name || 'student'}-${handIn.handedInAt.slice(0, 10)}.json`;
}

/** The hand-in as a link on top of `pageUrl`, or why it cannot be one. */
export async function handInLink(
  handIn: HandIn,
  pageUrl: string,
): Promise<{ ok: true; url: string; comfortable: boolean } | { ok: false; message: string }> {
  const text = JSON.stringify(handIn);
  if (new TextEncoder().encode(text).length > MAX_DECOMPRESSED_BYTES)
    return { ok: false, message: 'This work is too large for a link: hand in the file instead.' };
  const fragment = await encodeFragment('h', text);
  if (fragment.length > MAX_FRAGMENT_LENGTH)
    return { ok: false, message: 'This work is too large for a link: hand in the file instead.' };
  const url = pageUrl.split('#')[0] + fragment;
  return { ok: true, url, comfortable: url.length <= COMFORTABLE_LINK_LENGTH };
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

/** Reads a `#h=1.…` fragment (or a whole URL holding one). */
export async function decodeHandInLink(link: string, where: string): Promise<HandInResult> {
  const hash = link.includes('#') ? link.slice(link.indexOf('#')) : link;
  const read = await decodeFragmentText(hash.trim(), 'h');
  if (!read.ok) return { ok: false, message: `${where}: ${read.message}` };
  return readHandInText(read.text, where);
}

/** An exercise the teacher has (in their library), by digest and title. */
export interface KnownExercise {
  digest: string;
  title: string;
}

/**
 * Whether a hand-in's exercise is the one handed out:
 * `same`: its `start` has the digest it claims, and that is the digest of one of the teacher's
 *   exercises (`title` names it);
 * `changed`: its `start` does not have the digest it claims (the student's copy of the exercise
 *   was changed), or it is intact but differs from the teacher's exercise of the same title;
 * `unverified`: intact, but the teacher has no exercise to compare it with.
 */
export type HandInIdentity =
  | { status: 'same'; title: string }
  | { status: 'changed'; reason: string }
  | { status: 'unverified' };

export async function verifyHandIn(
  handIn: HandIn,
  known: readonly KnownExercise[] = [],
): Promise<HandInIdentity> {
  if ((await digestOf(handIn.start)) !== handIn.exercise.digest)
    return {
      status: 'changed',
      reason: 'built from a changed exercise: its exercise does not match the identity it carries',
    };
  const same = known.find((k) => k.digest === handIn.exercise.digest);
  if (same) return { status: 'same', title: same.title };
  const title = typeof handIn.start['title'] === 'string' ? handIn.start['title'] : '';
  if (title !== '' && known.some((k) => k.title === title))
    return {
      status: 'changed',
      reason: `built from a changed exercise: it differs from your exercise “${title}”`,
    };
  return { status: 'unverified' };
}

/** The exercises among `texts` (e.g. the teacher's library), by digest and title. */
export async function knownExercises(texts: readonly string[]): Promise<KnownExercise[]> {
  const out: KnownExercise[] = [];
  for (const text of texts) {
    if (!text.includes('"exercise"')) continue;
    const parsed = parseJson(text);
    if (!parsed.ok || !isRecord(parsed.value) || !isRecord(parsed.value['exercise'])) continue;
    const title = parsed.value['title'];
    out.push({
      digest: await digestOf(parsed.value),
      title: typeof title === 'string' ? title : 'Untitled scenario',
    });
  }
  return out;
}
