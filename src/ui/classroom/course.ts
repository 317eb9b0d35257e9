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
import { parseJson } from '../../storage/json.ts';
import {
  decodeFragmentText,
  encodeFragment,
  MAX_DECOMPRESSED_BYTES,
  MAX_FRAGMENT_LENGTH,
} from '../../storage/share-link.ts';
import { checkScenarioText } from '../../storage/scenario-check.ts';
import { isRecord } from '../../model/index.ts';

export const COURSE_FORMAT = 'iam-playground/course';
export const MAX_COURSE_ITEMS = 50;

export type CourseItem = { exercise: Record<string, unknown> } | { lesson: string };

export interface Course {
  format: typeof COURSE_FORMAT;
  version: 1;
  title: string;
  items: CourseItem[];
}

export type CourseResult = { ok: true; course: Course } | { ok: false; message: string };

/**
 * What a course item is called in lists. A lesson is called by its title when `lessons` (the
 * lesson list, slug → title) has it, else by its slug.
 */
export function itemTitle(item: CourseItem, lessons?: ReadonlyMap<string, string>): string {
  if ('lesson' in item) return `Lesson: ${lessons?.get(item.lesson) ?? item.lesson}`;
  const title = item.exercise['title'];
  return typeof title === 'string' && title.trim() !== '' ? title : 'Untitled exercise';
}

/** Reads a course's text; `where` names its source in messages. Never throws. */
export function readCourseText(text: string, where: string): CourseResult {
  const refuse = (message: string): CourseResult => ({
    ok: false,
    message: `${where}: ${message}`,
  });
  const parsed = parseJson(text);
  if (!parsed.ok)
    return refuse(
      `not valid JSON (line ${parsed.error.line}, column ${parsed.error.column}): ${parsed.error.message}.`,
    );
  const value = parsed.value;
  if (!isRecord(value) || value['format'] !== COURSE_FORMAT)
    return refuse(`"format" must be "${COURSE_FORMAT}": this is not a course.`);
  if (value['version'] !== 1) return refuse('"version" must be 1.');
  const title = value['title'];
  if (typeof title !== 'string' || title.length > 200)
    return refuse('"title" must be text of at most 200 characters.');
  const items = value['items'];
  if (!Array.isArray(items) || items.length === 0)
    return refuse('"items" must be a non-empty array of exercises and lessons.');
  if (items.length > MAX_COURSE_ITEMS)
    return refuse(`a course has at most ${MAX_COURSE_ITEMS} items; this one has ${items.length}.`);
  const out: CourseItem[] = [];
  for (const [i, item] of items.entries()) {
    const at = `items[${i}]`;
    if (!isRecord(item) || Object.keys(item).length !== 1)
      return refuse(`${at} must be {"exercise": {…}} or {"lesson": "slug"}.`);
    if ('lesson' in item) {
      if (typeof item['lesson'] !== 'string' || !/^[a-z0-9][a-z0-9-]{0,79}$/.test(item['lesson']))
        return refuse(
          `${at}.lesson must be a lesson's slug such as "how-a-decision-is-made" (its folder name without the number).`,
        );
      out.push({ lesson: item['lesson'] });
    } else if ('exercise' in item) {
      const checked = isRecord(item['exercise'])
        ? checkScenarioText(JSON.stringify(item['exercise']))
        : null;
      if (!checked?.ok)
        return refuse(
          `${at}.exercise is not a scenario${checked && !checked.ok ? `: ${checked.problem.message}` : '.'}`,
        );
      out.push({ exercise: item['exercise'] as Record<string, unknown> });
    } else {
      return refuse(`${at} must be {"exercise": {…}} or {"lesson": "slug"}.`);
    }
  }
  return { ok: true, course: { format: COURSE_FORMAT, version: 1, title, items: out } };
}

export async function decodeCourseLink(link: string): Promise<CourseResult> {
  const hash = link.includes('#') ? link.slice(link.indexOf('#')) : link;
  const read = await decodeFragmentText(hash, 'c');
  if (!read.ok) return { ok: false, message: `This course link: ${read.message}` };
  return readCourseText(read.text, 'This course link');
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
