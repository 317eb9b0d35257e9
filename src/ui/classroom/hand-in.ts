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
 * A hand-in is untrusted input: reading one (src/storage/hand-in-format.ts) checks every field
 * and says what is wrong and where. Whether the exercise is the one handed out is decided by `verifyHandIn`: the digest must be the
 * digest of `start`, and (when the teacher has it) of one of the teacher's own exercises.
 */
import { encodeFragment } from '../../storage/index.ts';
import {
  COMFORTABLE_LINK_LENGTH,
  MAX_DECOMPRESSED_BYTES,
  MAX_FRAGMENT_LENGTH,
} from '../../model/size-limits.ts';
import {
  HAND_IN_FORMAT,
  HAND_IN_VERSION,
  type HandIn,
  type HandInResult,
} from '../../storage/index.ts';
import { readLinkOffThread } from '../../storage/index.ts';
import { readHandInFileOffThread } from '../../storage/index.ts';
import { digestOf } from './digest.ts';
import { isRecord } from '../../model/index.ts';
import { parseJson } from '../../storage/index.ts';

// Reading a hand-in's text lives in storage, so its links are read in the storage worker.
// Only the names the classroom's other modules take from here.
export { nameProblem, readHandInText, type HandIn } from '../../storage/index.ts';

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

/**
 * Reads a `#h=1.…` fragment (or a whole URL holding one) in the storage worker: a big or hostile
 * link never holds the page (src/storage/off-thread.ts).
 */
export function decodeHandInLink(link: string, where: string): Promise<HandInResult> {
  const hash = link.includes('#') ? link.slice(link.indexOf('#')) : link;
  return readLinkOffThread(hash.trim(), 'h', where);
}

/**
 * Reads a hand-in file (picked or dropped on the class sheet) in the storage worker, as its links
 * are: a file of up to 5 MB is never decoded, parsed or checked on the page.
 */
export function decodeHandInFile(file: File): Promise<HandInResult> {
  return readHandInFileOffThread(file, file.name);
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
