/**
 * The lessons, as the app sees them: bundled by Vite from `lessons/NN-slug/`, each file its own
 * lazily loaded chunk, so the lesson list costs only the small lesson.md files and a lesson's
 * scenarios load when it is opened.
 *
 * Node code (the CLI, tests outside Vite) uses src/lessons/disk.ts instead, which reads the same
 * folders from disk through the same library.
 */
import {
  createLessonLibrary,
  type LessonFiles,
  type LessonList,
  type LessonResult,
} from './library.ts';

export type {
  Lesson,
  LessonFiles,
  LessonLibrary,
  LessonList,
  LessonMeta,
  LessonProblem,
  LessonResult,
  LessonSummary,
  ScenarioJson,
} from './library.ts';
export { createLessonLibrary, parseFolderName } from './library.ts';
export { parseLessonMarkdown } from './front-matter.ts';

const markdownFiles = import.meta.glob<string>('/lessons/*/lesson.md', {
  query: '?raw',
  import: 'default',
});
const jsonFiles = import.meta.glob<unknown>('/lessons/*/*.json', { import: 'default' });

/** `/lessons/01-x/start.json` → [`01-x`, `start.json`]. */
function splitKey(key: string): [string, string] | undefined {
  const match = /^\/lessons\/([^/]+)\/([^/]+)$/.exec(key);
  return match ? [match[1] ?? '', match[2] ?? ''] : undefined;
}

function bundledFolders(): LessonFiles[] {
  const folders = new Map<string, LessonFiles>();
  const folderOf = (name: string): LessonFiles => {
    let files = folders.get(name);
    if (!files) {
      files = { folder: name };
      folders.set(name, files);
    }
    return files;
  };
  for (const [key, load] of Object.entries(markdownFiles)) {
    const parts = splitKey(key);
    if (parts) folderOf(parts[0]).markdown = load;
  }
  for (const [key, load] of Object.entries(jsonFiles)) {
    const parts = splitKey(key);
    if (parts?.[1] === 'start.json') folderOf(parts[0]).start = load;
    if (parts?.[1] === 'solution.json') folderOf(parts[0]).solution = load;
  }
  return [...folders.values()];
}

const library = createLessonLibrary(bundledFolders());

/** Every bundled lesson's summary, ordered by number, and any problems found. */
export function listLessons(): Promise<LessonList> {
  return library.listLessons();
}

/** One bundled lesson by slug (e.g. `how-a-decision-is-made`), with its body and both scenarios. */
export function loadLesson(slug: string): Promise<LessonResult> {
  return library.loadLesson(slug);
}
