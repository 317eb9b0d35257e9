import { describe, expect, it } from 'vitest';
import { parseLessonMarkdown } from '../../../src/lessons/front-matter.ts';

/** A lesson.md made of the given front matter lines and a short body. */
function markdown(...frontMatter: string[]): string {
  return ['---', ...frontMatter, '---', '', '# Body', ''].join('\n');
}

const complete = [
  'title: How a decision is made',
  'summary: Requests start denied.',
  'concepts:',
  '  - implicit deny',
  '  - explicit deny wins',
  'hints:',
  '  - Look at the trace.',
  '- Add `s3:PutObject`: it is missing.',
];

describe('parseLessonMarkdown', () => {
  it('reads scalar fields, lists (indented or not) and the body', () => {
    const result = parseLessonMarkdown(markdown(...complete), 'x/lesson.md');
    expect(result).toEqual({
      ok: true,
      meta: {
        title: 'How a decision is made',
        summary: 'Requests start denied.',
        concepts: ['implicit deny', 'explicit deny wins'],
        hints: ['Look at the trace.', 'Add `s3:PutObject`: it is missing.'],
      },
      body: '# Body\n',
    });
  });

  it('takes values literally: quotes, colons and hashes are plain text', () => {
    const result = parseLessonMarkdown(
      markdown('title: "Quoted": yes # not a comment', ...complete.slice(1)),
      'x/lesson.md',
    );
    expect(result.ok && result.meta.title).toBe('"Quoted": yes # not a comment');
  });

  it('accepts Windows line ends, blank lines and a byte order mark', () => {
    const text =
      '\uFEFF' + markdown(complete[0] ?? '', '', ...complete.slice(1)).replace(/\n/g, '\r\n');
    expect(parseLessonMarkdown(text, 'x/lesson.md').ok).toBe(true);
  });

  it.each([
    ['no opening fence', '# Just a body\n', 'missing-front-matter', 1],
    ['no closing fence', '---\ntitle: x\n', 'unclosed-front-matter', 1],
    ['an unknown field', markdown(...complete, 'author: me'), 'unknown-field', 10],
    ['a field given twice', markdown(...complete, 'title: again'), 'duplicate-field', 10],
    ['a scalar field without a value', markdown('title:', ...complete.slice(1)), 'empty-field', 2],
    [
      'a list field with an inline value',
      markdown(...complete.slice(0, 2), 'concepts: a, b', ...complete.slice(5)),
      'list-expected',
      4,
    ],
    ['a list item outside any list', markdown('- stray', ...complete), 'stray-list-item', 2],
    ['an empty list item', markdown(...complete, '  - '), 'empty-list-item', 10],
    ['a line of another shape', markdown(...complete, 'just words'), 'unreadable-line', 10],
    ['a missing field', markdown(...complete.slice(1)), 'missing-field', undefined],
    ['an empty list', markdown(...complete.slice(0, 5), 'hints:'), 'empty-list', undefined],
  ])('reports %s', (_, text, code, line) => {
    const result = parseLessonMarkdown(text, 'x/lesson.md');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.code === code);
    expect(problem, JSON.stringify(result.problems)).toBeDefined();
    expect(problem?.file).toBe('x/lesson.md');
    if (line !== undefined) expect(problem?.line).toBe(line);
  });
});
