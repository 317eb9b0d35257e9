import { EditorState } from '@codemirror/state';
import { json } from '@codemirror/lang-json';
import { ensureSyntaxTree } from '@codemirror/language';
import { describe, expect, it } from 'vitest';
import { completionSlot } from '../../../src/ui/editor/completion.ts';
import {
  capDiagnostics,
  documentDiagnostics,
  UNDERLINE_LIMIT,
} from '../../../src/ui/editor/diagnostics.ts';
import { minimalChange } from '../../../src/ui/editor/text-change.ts';
import { parseJsonText } from '../../../src/model/json-text.ts';

/** A JSON editor state with the cursor where `|` stands. */
function stateAt(text: string): { state: EditorState; pos: number } {
  const pos = text.indexOf('|');
  const created = EditorState.create({ doc: text.replace('|', ''), extensions: [json()] });
  // A state's syntaxTree() is the tree parsed when the state was made (20 ms of work: on a loaded
  // machine, not all of it). Finish the parse, then take a state that carries the whole tree.
  ensureSyntaxTree(created, created.doc.length, 5000);
  const state = created.update({}).state;
  return { state, pos };
}

describe('editor autocomplete finds what the cursor is in', () => {
  it.each([
    ['{"Action": "s3:Get|"}', { kind: 'action', typed: 's3:Get' }],
    ['{"NotAction": ["ec2:Run|"]}', { kind: 'action', typed: 'ec2:Run' }],
    [
      '{"Action": "s3:GetObject", "Resource": "arn:|"}',
      { kind: 'resource', typed: 'arn:', actions: ['s3:GetObject'] },
    ],
    [
      '{"Action": ["sqs:SendMessage"], "Condition": {"StringEquals": {"aws:Sou|": "x"}}}',
      { kind: 'condition-key', typed: 'aws:Sou', actions: ['sqs:SendMessage'] },
    ],
    ['{"Effect": "Al|"}', null],
  ])('%s', (text, expected) => {
    const { state, pos } = stateAt(text);
    const slot = completionSlot(state, pos);
    if (expected === null) expect(slot).toBeNull();
    else expect(slot).toMatchObject(expected);
  });
});

describe('editor diagnostics', () => {
  const text = '{\n  "Statement": [{"Effect": "Allo", "Action": "s3:GetObject"}]\n}';

  it('place a worker issue on the element its path names, inside the open document', () => {
    const issues = [
      {
        code: 'bad-effect',
        severity: 'error' as const,
        message: 'Effect must be Allow or Deny',
        path: ['accounts', 'A', 'policies', 'P', 'Statement', 0, 'Effect'],
      },
      {
        code: 'elsewhere',
        severity: 'error' as const,
        message: 'not here',
        path: ['accounts', 'A', 'policies', 'Q'],
      },
    ];
    const diagnostics = documentDiagnostics(
      parseJsonText(text),
      ['accounts', 'A', 'policies', 'P'],
      issues,
      text.length,
    );
    expect(diagnostics).toHaveLength(1);
    expect(text.slice(diagnostics[0]!.from, diagnostics[0]!.to)).toBe('"Effect": "Allo"');
  });

  it('fall back to the nearest existing parent for a missing element', () => {
    const issues = [
      {
        code: 'missing-resource',
        severity: 'error' as const,
        message: 'no Resource',
        path: ['Statement', 0, 'Resource'],
      },
    ];
    const [d] = documentDiagnostics(parseJsonText(text), [], issues, text.length);
    expect(text.slice(d!.from, d!.to)).toBe('{"Effect": "Allo", "Action": "s3:GetObject"}');
  });

  it('underline at most UNDERLINE_LIMIT problems and say how many more there are', () => {
    // 20,000 duplicate ids: each one an issue in the same document.
    const many = Array.from({ length: 20_000 }, (_, i) => ({
      code: 'duplicate-unique-id',
      severity: 'error' as const,
      message: `duplicate ${i}`,
      path: ['Statement', 0, 'Effect'],
    }));
    const all = documentDiagnostics(parseJsonText(text), [], many, text.length);
    const shown = capDiagnostics(all);
    expect(shown).toHaveLength(UNDERLINE_LIMIT + 1);
    expect(shown.slice(0, UNDERLINE_LIMIT)).toEqual(all.slice(0, UNDERLINE_LIMIT));
    expect(shown.at(-1)).toMatchObject({ from: 0, to: 0, severity: 'info' });
    expect(shown.at(-1)!.message).toContain('19,500 more');
    // A short list is kept as it is.
    expect(capDiagnostics(all.slice(0, 3))).toEqual(all.slice(0, 3));
  });

  it('show a syntax error where parsing stopped', () => {
    const broken = '{"a": }';
    const [d] = documentDiagnostics(parseJsonText(broken), [], [], broken.length);
    expect(d).toMatchObject({ from: 6, severity: 'error' });
  });
});

describe('the smallest text change', () => {
  it.each([
    ['abc', 'abc', { from: 3, to: 3, insert: '' }],
    ['"Allow"', '"Deny"', { from: 1, to: 6, insert: 'Deny' }],
    ['aaa', 'aaaa', { from: 3, to: 3, insert: 'a' }],
    ['abcd', 'ad', { from: 1, to: 3, insert: '' }],
    ['', 'new', { from: 0, to: 0, insert: 'new' }],
  ])('turns %j into %j', (before, after, change) => {
    const result = minimalChange(before, after);
    expect(result).toEqual(change);
    expect(before.slice(0, result.from) + result.insert + before.slice(result.to)).toBe(after);
  });
});
