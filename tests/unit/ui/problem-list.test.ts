import { describe, expect, it } from 'vitest';
import { problemList } from '../../../src/ui/results/problem-list.ts';
import { BIG_TEXT } from '../../../src/ui/state/playground.svelte.ts';
import type { ScenarioIssue } from '../../../src/worker/protocol.ts';

const issue = (code: string, path: ScenarioIssue['path'], message = 'bad'): ScenarioIssue => ({
  code,
  severity: 'error',
  message,
  path,
});

describe('the problems list', () => {
  const text = '{\n  "requests": [\n    {"id": "a"},\n    {"id": "a"}\n  ]\n}';

  it('gives each problem its path, line and column in the scenario text', () => {
    const { items } = problemList([issue('duplicate-request-id', ['requests', 1, 'id'])], text);
    expect(items).toEqual([{ where: 'requests[1].id (line 4, column 6)', message: 'bad' }]);
  });

  it('gives only the path in a text too big to locate on the page (issue 14)', () => {
    const big = text.replace('{', `{${'\n '.repeat(BIG_TEXT)}`);
    const { items } = problemList([issue('duplicate-request-id', ['requests', 1, 'id'])], big);
    expect(items).toEqual([{ where: 'requests[1].id', message: 'bad' }]);
  });

  it('lists 10 of a kind and counts the rest; cuts a huge key and message', () => {
    const many = Array.from({ length: 20_000 }, () =>
      issue('duplicate-request-id', ['requests', 1, 'id']),
    );
    const key = 'k'.repeat(1_000_000);
    const { items, more } = problemList(
      [...many, issue('unknown-property', [key], 'm'.repeat(1_000_000))],
      text,
    );
    expect(items).toHaveLength(11);
    expect(more).toEqual(['and 19,990 more duplicate-request-id problems']);
    expect(items[10]?.where).toContain('… (1,000,000 characters)');
    expect(items[10]!.where.length + items[10]!.message.length).toBeLessThan(1_500);
  });

  it('lists 20 at most in all', () => {
    const issues = Array.from({ length: 30 }, (_, i) => issue(`code-${i}`, []));
    const { items, more } = problemList(issues, '{}');
    expect(items).toHaveLength(20);
    expect(more).toEqual(['and 10 more problems']);
  });
});
