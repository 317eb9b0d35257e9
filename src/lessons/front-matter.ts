/**
 * A tiny, strict reader for the front matter of `lessons/NN-slug/lesson.md`.
 *
 * It reads only the subset the lessons use, so that no YAML library is needed and nothing
 * surprising (anchors, type coercion, folded strings) can happen:
 *
 * ```text
 * ---
 * title: How a decision is made
 * summary: One sentence.
 * concepts:
 *   - implicit deny
 *   - explicit allow
 * hints:
 *   - Gentle hint.
 *   - Explicit hint.
 * ---
 * Markdown body...
 * ```
 *
 * A scalar is `key: value` on one line; the value is taken literally (quotes are not special).
 * A list is `key:` alone, followed by `- item` lines (indentation optional). Blank lines are
 * allowed. Anything else is a problem, reported with its line number.
 */

/** A problem found in a lesson's files: data with a stable code, never a thrown string. */
export interface LessonProblem {
  /** Stable kebab-case code, e.g. `missing-field`. */
  code: string;
  /** A sentence a lesson author understands. */
  message: string;
  /** The file the problem is in, relative to the lessons folder, e.g. `01-basics/lesson.md`. */
  file: string;
  /** 1-based line in that file, when the problem has one. */
  line?: number;
}

/** The fields every lesson's front matter must have. */
export interface LessonMeta {
  title: string;
  summary: string;
  /** The IAM concepts the lesson teaches, short noun phrases. */
  concepts: string[];
  /** Hints from gentle to explicit. */
  hints: string[];
}

/** The result of reading a lesson.md file: its front matter and its Markdown body, or problems. */
export type FrontMatterResult =
  { ok: true; meta: LessonMeta; body: string } | { ok: false; problems: LessonProblem[] };

const SCALAR_FIELDS = ['title', 'summary'] as const;
const LIST_FIELDS = ['concepts', 'hints'] as const;
type ScalarField = (typeof SCALAR_FIELDS)[number];
type ListField = (typeof LIST_FIELDS)[number];

function isScalarField(key: string): key is ScalarField {
  return (SCALAR_FIELDS as readonly string[]).includes(key);
}
function isListField(key: string): key is ListField {
  return (LIST_FIELDS as readonly string[]).includes(key);
}

const FENCE = '---';
const KEY_LINE = /^([A-Za-z][A-Za-z0-9]*):(?:[ \t]+(.*))?$/;
const ITEM_LINE = /^[ \t]*-[ \t]+(.*)$/;

/**
 * Splits `text` (the whole lesson.md) into front matter and body and checks the front matter.
 * `file` only labels the problems.
 */
export function parseLessonMarkdown(text: string, file: string): FrontMatterResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const problem = (code: string, message: string, line?: number): LessonProblem =>
    line === undefined ? { code, message, file } : { code, message, file, line };

  if (lines[0]?.trim() !== FENCE) {
    return {
      ok: false,
      problems: [problem('missing-front-matter', 'The file must start with a "---" line.', 1)],
    };
  }
  const end = lines.findIndex((line, index) => index > 0 && line.trim() === FENCE);
  if (end < 0) {
    return {
      ok: false,
      problems: [
        problem('unclosed-front-matter', 'The front matter has no closing "---" line.', 1),
      ],
    };
  }

  const problems: LessonProblem[] = [];
  const scalars = new Map<ScalarField, string>();
  const lists = new Map<ListField, string[]>();
  const seen = new Set<string>();
  // The list that `- item` lines currently add to; undefined outside a list.
  let openList: string[] | undefined;

  for (let index = 1; index < end; index++) {
    const raw = lines[index] ?? '';
    const lineNumber = index + 1;
    if (raw.trim() === '') continue;

    const item = ITEM_LINE.exec(raw);
    if (item) {
      const value = (item[1] ?? '').trim();
      if (!openList) {
        problems.push(
          problem(
            'stray-list-item',
            'A "- item" line must follow a list key such as "hints:".',
            lineNumber,
          ),
        );
      } else if (value === '') {
        problems.push(problem('empty-list-item', 'A list item must not be empty.', lineNumber));
      } else {
        openList.push(value);
      }
      continue;
    }

    const keyLine = KEY_LINE.exec(raw);
    if (!keyLine) {
      problems.push(
        problem(
          'unreadable-line',
          `This line is neither "key: value" nor "- item": ${JSON.stringify(raw)}.`,
          lineNumber,
        ),
      );
      openList = undefined;
      continue;
    }
    const key = keyLine[1] ?? '';
    const value = (keyLine[2] ?? '').trim();
    openList = undefined;
    if (seen.has(key)) {
      problems.push(problem('duplicate-field', `The field "${key}" appears twice.`, lineNumber));
      continue;
    }
    seen.add(key);
    if (isScalarField(key)) {
      if (value === '') {
        problems.push(
          problem('empty-field', `The field "${key}" needs a value on the same line.`, lineNumber),
        );
      } else {
        scalars.set(key, value);
      }
    } else if (isListField(key)) {
      if (value !== '') {
        problems.push(
          problem(
            'list-expected',
            `The field "${key}" is a list: put each item on its own "- item" line.`,
            lineNumber,
          ),
        );
      } else {
        openList = [];
        lists.set(key, openList);
      }
    } else {
      problems.push(
        problem(
          'unknown-field',
          `Unknown field "${key}"; the fields are ${[...SCALAR_FIELDS, ...LIST_FIELDS].join(', ')}.`,
          lineNumber,
        ),
      );
    }
  }

  for (const key of SCALAR_FIELDS) {
    if (!seen.has(key)) problems.push(problem('missing-field', `The field "${key}" is missing.`));
  }
  for (const key of LIST_FIELDS) {
    const list = lists.get(key);
    if (!seen.has(key)) problems.push(problem('missing-field', `The field "${key}" is missing.`));
    else if (list && list.length === 0) {
      problems.push(problem('empty-list', `The list "${key}" needs at least one "- item" line.`));
    }
  }

  const title = scalars.get('title');
  const summary = scalars.get('summary');
  const concepts = lists.get('concepts');
  const hints = lists.get('hints');
  if (problems.length > 0 || !title || !summary || !concepts || !hints) {
    return { ok: false, problems };
  }
  const body = lines
    .slice(end + 1)
    .join('\n')
    .replace(/^\n+/, '');
  return { ok: true, meta: { title, summary, concepts, hints }, body };
}
