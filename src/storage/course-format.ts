/**
 * Reading a course's text (src/ui/classroom/course.ts says what a course is). Here in storage,
 * beside the share link's checks, so a course link is read in the storage worker like every other
 * link (read-link.ts, off-thread.ts).
 */
import { isRecord } from '../model/index.ts';
import { parseJson } from './json.ts';
import { checkScenarioText } from './scenario-check.ts';

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
