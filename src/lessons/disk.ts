/**
 * The lessons read from a folder on disk, for Node code (the command line, scripts). Same
 * library and same results as the Vite build's src/lessons/index.ts; only the file access differs.
 *
 * The file system is passed in rather than imported, so this module stays free of Node types
 * (it is type-checked with the browser code). In Node:
 *
 * ```ts
 * import * as fs from 'node:fs/promises';
 * const library = await diskLessonLibrary('lessons', fs);
 * ```
 */
import { createLessonLibrary, type LessonFiles, type LessonLibrary } from './library.ts';

/** The two file operations the reader needs; `node:fs/promises` provides both. */
export interface LessonFileSystem {
  /** Names in a directory; rejects when `path` is not a directory. */
  readdir(path: string): Promise<string[]>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
}

const LESSON_FILES = ['lesson.md', 'start.json', 'solution.json'] as const;

/** The `LessonFiles` of every folder directly inside `dir`, in name order. */
export async function lessonFoldersOnDisk(
  dir: string,
  fs: LessonFileSystem,
): Promise<LessonFiles[]> {
  const folders: LessonFiles[] = [];
  for (const folder of (await fs.readdir(dir)).sort()) {
    const base = `${dir}/${folder}`;
    let names: string[];
    try {
      names = await fs.readdir(base);
    } catch {
      continue; // a file beside the lesson folders (a README, say), not a lesson
    }
    const present = new Set(
      names.filter((name) => (LESSON_FILES as readonly string[]).includes(name)),
    );
    const files: LessonFiles = { folder };
    if (present.has('lesson.md')) files.markdown = () => fs.readFile(`${base}/lesson.md`, 'utf8');
    // A JSON syntax error is thrown here and becomes an `unreadable-file` problem in the library.
    if (present.has('start.json')) {
      files.start = async () =>
        JSON.parse(await fs.readFile(`${base}/start.json`, 'utf8')) as unknown;
    }
    if (present.has('solution.json')) {
      files.solution = async () =>
        JSON.parse(await fs.readFile(`${base}/solution.json`, 'utf8')) as unknown;
    }
    folders.push(files);
  }
  return folders;
}

/** A lesson library over the lesson folders inside `dir`. */
export async function diskLessonLibrary(dir: string, fs: LessonFileSystem): Promise<LessonLibrary> {
  return createLessonLibrary(await lessonFoldersOnDisk(dir, fs));
}
