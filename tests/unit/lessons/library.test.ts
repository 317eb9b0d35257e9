import { describe, expect, it } from 'vitest';
import {
  createLessonLibrary,
  parseFolderName,
  type LessonFiles,
} from '../../../src/lessons/library.ts';
import { diskLessonLibrary, type LessonFileSystem } from '../../../src/lessons/disk.ts';

const LESSON_MD = [
  '---',
  'title: T',
  'summary: S',
  'concepts:',
  '- c',
  'hints:',
  '- h',
  '---',
  'Body',
].join('\n');
const SCENARIO = { format: 'iam-playground/scenario', version: 1 };

/** An in-memory lesson folder; `omit` leaves files out, `override` replaces loaders. */
function folder(
  name: string,
  override: Partial<LessonFiles> = {},
  omit: (keyof LessonFiles)[] = [],
): LessonFiles {
  const files: LessonFiles = {
    folder: name,
    markdown: () => Promise.resolve(LESSON_MD),
    start: () => Promise.resolve(SCENARIO),
    solution: () => Promise.resolve({ ...SCENARIO, title: 'solved' }),
    ...override,
  };
  for (const key of omit) delete files[key];
  return files;
}

describe('parseFolderName', () => {
  it.each([
    ['01-how-a-decision-is-made', { number: 1, slug: 'how-a-decision-is-made' }],
    ['13-github-actions-oidc', { number: 13, slug: 'github-actions-oidc' }],
    ['1-too-short', undefined],
    ['01-Upper-Case', undefined],
    ['01-trailing-', undefined],
    ['01_underscore', undefined],
  ])('reads %s as %j', (name, expected) => {
    expect(parseFolderName(name)).toEqual(expected);
  });
});

describe('createLessonLibrary', () => {
  it('lists lessons by number, whatever order the folders come in', async () => {
    const library = createLessonLibrary([folder('10-ten'), folder('02-two'), folder('01-one')]);
    const { lessons, problems } = await library.listLessons();
    expect(problems).toEqual([]);
    expect(lessons.map((l) => [l.number, l.slug, l.folder])).toEqual([
      [1, 'one', '01-one'],
      [2, 'two', '02-two'],
      [10, 'ten', '10-ten'],
    ]);
    expect(lessons[0]).toMatchObject({ title: 'T', summary: 'S', concepts: ['c'] });
  });

  it('loads a lesson by slug with its hints, body and both scenarios', async () => {
    const result = await createLessonLibrary([folder('01-one')]).loadLesson('one');
    expect(result).toEqual({
      ok: true,
      lesson: {
        slug: 'one',
        number: 1,
        folder: '01-one',
        title: 'T',
        summary: 'S',
        concepts: ['c'],
        hints: ['h'],
        body: 'Body',
        start: SCENARIO,
        solution: { ...SCENARIO, title: 'solved' },
      },
    });
  });

  it.each([
    ['a badly named folder', [folder('one')], 'bad-folder-name'],
    ['two folders with one number', [folder('01-one'), folder('01-again')], 'duplicate-number'],
    ['a folder without lesson.md', [folder('01-one', {}, ['markdown'])], 'missing-file'],
    [
      'unreadable front matter',
      [folder('01-one', { markdown: () => Promise.resolve('no fence') })],
      'missing-front-matter',
    ],
  ])('leaves out and reports %s when listing', async (_, folders, code) => {
    const { lessons, problems } = await createLessonLibrary(folders).listLessons();
    expect(problems.map((p) => p.code)).toContain(code);
    expect(lessons.length).toBeLessThan(folders.length);
  });

  it.each([
    ['an unknown slug', folder('01-one'), 'nothing', 'unknown-lesson'],
    ['a missing start.json', folder('01-one', {}, ['start']), 'one', 'missing-file'],
    ['a missing solution.json', folder('01-one', {}, ['solution']), 'one', 'missing-file'],
    [
      'a scenario that is not an object',
      folder('01-one', { start: () => Promise.resolve([1]) }),
      'one',
      'not-a-scenario',
    ],
    [
      'a file that cannot be read',
      folder('01-one', { solution: () => Promise.reject(new Error('bad JSON')) }),
      'one',
      'unreadable-file',
    ],
  ])('refuses to load a lesson with %s', async (_, files, slug, code) => {
    const result = await createLessonLibrary([files]).loadLesson(slug);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.code)).toContain(code);
  });
});

/** A read-only file system over a map of path → content; directories are implied by the paths. */
function memoryFileSystem(files: Record<string, string>): LessonFileSystem {
  return {
    readdir(path) {
      const prefix = `${path}/`;
      const names = new Set<string>();
      for (const file of Object.keys(files)) {
        if (file.startsWith(prefix)) names.add(file.slice(prefix.length).split('/')[0] ?? '');
      }
      return names.size > 0
        ? Promise.resolve([...names])
        : Promise.reject(new Error(`ENOTDIR ${path}`));
    },
    readFile(path) {
      const text = files[path];
      return text === undefined
        ? Promise.reject(new Error(`ENOENT ${path}`))
        : Promise.resolve(text);
    },
  };
}

describe('diskLessonLibrary', () => {
  const fs = memoryFileSystem({
    'root/README.md': 'not a lesson',
    'root/02-second/lesson.md': LESSON_MD,
    'root/02-second/start.json': JSON.stringify(SCENARIO),
    'root/02-second/solution.json': '{ not json',
    'root/01-first/lesson.md': LESSON_MD,
    'root/01-first/start.json': JSON.stringify(SCENARIO),
    'root/01-first/solution.json': JSON.stringify(SCENARIO),
  });

  it('finds the lesson folders and skips plain files beside them', async () => {
    const { lessons, problems } = await (await diskLessonLibrary('root', fs)).listLessons();
    expect(problems).toEqual([]);
    expect(lessons.map((l) => l.folder)).toEqual(['01-first', '02-second']);
  });

  it('parses the scenario files, and reports one that is not JSON', async () => {
    const library = await diskLessonLibrary('root', fs);
    const first = await library.loadLesson('first');
    expect(first.ok && first.lesson.start).toEqual(SCENARIO);
    const second = await library.loadLesson('second');
    expect(second.ok ? [] : second.problems.map((p) => [p.code, p.file])).toEqual([
      ['unreadable-file', '02-second/solution.json'],
    ]);
  });
});
