/**
 * Lessons as data: one folder per lesson, `lessons/NN-slug/` with `lesson.md` (front matter +
 * Markdown), `start.json` and `solution.json` (scenario format v1; their requests are the goals).
 *
 * This module turns such folders into `Lesson` values. It does not know where the files come
 * from: the Vite build (src/lessons/index.ts) and Node (src/lessons/disk.ts) each provide a
 * `LessonFiles` per folder, and share everything else.
 */
import type { Json } from '../engine/index.ts';
import { parseLessonMarkdown, type LessonMeta, type LessonProblem } from './front-matter.ts';

export type { LessonMeta, LessonProblem } from './front-matter.ts';

/** A scenario document as parsed JSON (validated by src/model, not here). */
export type ScenarioJson = { [key: string]: Json };

/** What a lesson list shows: everything but the body and the scenarios. */
export interface LessonSummary {
  /** The folder name without its number, e.g. `how-a-decision-is-made`. Stable across renumbering. */
  slug: string;
  /** The lesson's position, from the folder's `NN-` prefix (1-based). */
  number: number;
  /** The folder name, e.g. `01-how-a-decision-is-made`. */
  folder: string;
  title: string;
  summary: string;
  concepts: string[];
}

/** A whole lesson. */
export interface Lesson extends LessonSummary {
  /** Hints from gentle to explicit. */
  hints: string[];
  /** The lesson's prose: plain Markdown (headings, paragraphs, lists, inline code, code blocks, links). */
  body: string;
  /** The world the learner starts from. At least one goal fails in it. */
  start: ScenarioJson;
  /** A world in which every goal is met. */
  solution: ScenarioJson;
}

/** The lessons found, in order, and any problems with them (a lesson with problems is left out). */
export interface LessonList {
  lessons: LessonSummary[];
  problems: LessonProblem[];
}

/** A lesson, or why it cannot be loaded. */
export type LessonResult = { ok: true; lesson: Lesson } | { ok: false; problems: LessonProblem[] };

/**
 * The files of one lesson folder, as loaders. A loader is absent when the file does not exist.
 * JSON loaders return the parsed value; a loader may throw when the file cannot be read or parsed.
 */
export interface LessonFiles {
  folder: string;
  markdown?: () => Promise<string>;
  start?: () => Promise<unknown>;
  solution?: () => Promise<unknown>;
}

/** The operations a lesson source offers; see `createLessonLibrary`. */
export interface LessonLibrary {
  /** Every lesson's summary, ordered by number. Reads only the lesson.md files. */
  listLessons(): Promise<LessonList>;
  /** One lesson by slug (e.g. `how-a-decision-is-made`), with its body and both scenarios. */
  loadLesson(slug: string): Promise<LessonResult>;
}

const FOLDER_NAME = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** Splits a folder name `NN-slug` into number and slug, or returns undefined if it is not one. */
export function parseFolderName(folder: string): { number: number; slug: string } | undefined {
  const match = FOLDER_NAME.exec(folder);
  if (!match) return undefined;
  return { number: Number(match[1]), slug: match[2] ?? '' };
}

function isScenarioObject(value: unknown): value is ScenarioJson {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Builds the list/load operations over the given folders. */
export function createLessonLibrary(folders: readonly LessonFiles[]): LessonLibrary {
  const named = folders.map((files) => ({ files, name: parseFolderName(files.folder) }));

  async function readMeta(
    files: LessonFiles,
  ): Promise<
    { ok: true; meta: LessonMeta; body: string } | { ok: false; problems: LessonProblem[] }
  > {
    const file = `${files.folder}/lesson.md`;
    if (!files.markdown) {
      return {
        ok: false,
        problems: [{ code: 'missing-file', message: 'The lesson has no lesson.md.', file }],
      };
    }
    let text: string;
    try {
      text = await files.markdown();
    } catch (error) {
      return { ok: false, problems: [{ code: 'unreadable-file', message: message(error), file }] };
    }
    return parseLessonMarkdown(text, file);
  }

  async function readScenario(
    files: LessonFiles,
    which: 'start' | 'solution',
    problems: LessonProblem[],
  ): Promise<ScenarioJson | undefined> {
    const file = `${files.folder}/${which}.json`;
    const load = files[which];
    if (!load) {
      problems.push({ code: 'missing-file', message: `The lesson has no ${which}.json.`, file });
      return undefined;
    }
    try {
      const value = await load();
      if (isScenarioObject(value)) return value;
      problems.push({
        code: 'not-a-scenario',
        message: 'The file must hold one JSON object.',
        file,
      });
    } catch (error) {
      problems.push({ code: 'unreadable-file', message: message(error), file });
    }
    return undefined;
  }

  return {
    async listLessons() {
      const lessons: LessonSummary[] = [];
      const problems: LessonProblem[] = [];
      const numbers = new Map<number, string>();
      for (const { files, name } of named) {
        if (!name) {
          problems.push({
            code: 'bad-folder-name',
            message:
              'A lesson folder is named NN-slug: two digits, a dash, lowercase words joined by dashes.',
            file: files.folder,
          });
          continue;
        }
        const other = numbers.get(name.number);
        if (other !== undefined) {
          problems.push({
            code: 'duplicate-number',
            message: `Lesson number ${name.number} is also used by ${other}.`,
            file: files.folder,
          });
          continue;
        }
        numbers.set(name.number, files.folder);
        const read = await readMeta(files);
        if (!read.ok) {
          problems.push(...read.problems);
          continue;
        }
        const { title, summary, concepts } = read.meta;
        lessons.push({
          slug: name.slug,
          number: name.number,
          folder: files.folder,
          title,
          summary,
          concepts,
        });
      }
      lessons.sort((a, b) => a.number - b.number);
      return { lessons, problems };
    },

    async loadLesson(slug) {
      const entry = named.find(({ name }) => name?.slug === slug);
      if (!entry?.name) {
        return {
          ok: false,
          problems: [
            { code: 'unknown-lesson', message: `There is no lesson "${slug}".`, file: slug },
          ],
        };
      }
      const { files, name } = entry;
      const problems: LessonProblem[] = [];
      const read = await readMeta(files);
      if (!read.ok) problems.push(...read.problems);
      const start = await readScenario(files, 'start', problems);
      const solution = await readScenario(files, 'solution', problems);
      if (!read.ok || !start || !solution || problems.length > 0) return { ok: false, problems };
      return {
        ok: true,
        lesson: {
          slug: name.slug,
          number: name.number,
          folder: files.folder,
          ...read.meta,
          body: read.body,
          start,
          solution,
        },
      };
    },
  };
}
