/**
 * A course: several exercises (whole scenarios) or lessons (by their slug), in order, in one
 * file or one `#c=1.…` link made like a share link.
 *
 *   { "format": "iam-playground/course", "version": 1, "title": "IAM basics",
 *     "items": [{ "lesson": "how-a-decision-is-made" }, { "exercise": { "format": "iam-playground/scenario", … } }] }
 *
 * Progress is not in the course: an exercise counts as done once every goal held (kept by the
 * exercise's digest, so the same exercise in two courses is done in both), a lesson once the
 * lesson was completed.
 */
import { encodeFragment } from '../../storage/index.ts';
import { MAX_DECOMPRESSED_BYTES, MAX_FRAGMENT_LENGTH } from '../../model/size-limits.ts';
import type { Course, CourseItem, CourseResult } from '../../storage/index.ts';
import { readLinkOffThread } from '../../storage/index.ts';

// Reading a course's text lives in storage, so its links are read in the storage worker.
// Only the names the classroom's other modules take from here.
export {
  COURSE_FORMAT,
  readCourseText,
  type Course,
  type CourseItem,
} from '../../storage/index.ts';

/**
 * What a course item is called in lists. A lesson is called by its title when `lessons` (the
 * lesson list, slug → title) has it, else by its slug.
 */
export function itemTitle(item: CourseItem, lessons?: ReadonlyMap<string, string>): string {
  if ('lesson' in item) return `Lesson: ${lessons?.get(item.lesson) ?? item.lesson}`;
  const title = item.exercise['title'];
  return typeof title === 'string' && title.trim() !== '' ? title : 'Untitled exercise';
}

/** Reads a `#c=1.…` fragment (or a whole URL holding one) in the storage worker. */
export function decodeCourseLink(link: string): Promise<CourseResult> {
  const hash = link.includes('#') ? link.slice(link.indexOf('#')) : link;
  return readLinkOffThread(hash, 'c');
}

export async function courseLink(
  course: Course,
  pageUrl: string,
): Promise<{ ok: true; url: string } | { ok: false; message: string }> {
  const text = JSON.stringify(course);
  const tooBig = {
    ok: false as const,
    message: 'This course is too large for a link: export it as a file.',
  };
  if (new TextEncoder().encode(text).length > MAX_DECOMPRESSED_BYTES) return tooBig;
  const fragment = await encodeFragment('c', text);
  if (fragment.length > MAX_FRAGMENT_LENGTH) return tooBig;
  return { ok: true, url: pageUrl.split('#')[0] + fragment };
}
