import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EditorView } from '@codemirror/view';
import type { JsonPath } from '../../../src/engine/types.ts';
import { checkScenario, type Finding } from '../../../src/findings/index.ts';
import { loadReferenceFor } from '../../../src/data/service-reference.ts';
import { parseJsonText } from '../../../src/model/json-text.ts';
import {
  findingDiagnostics,
  findingMessage,
} from '../../../src/ui/findings/findings-diagnostics.ts';
import { getIn } from '../../../src/model/json-path.ts';

const lesson4 = JSON.parse(
  readFileSync(
    new URL('../../../lessons/04-s3-bucket-and-object-arns/start.json', import.meta.url),
    'utf8',
  ),
) as Record<string, unknown>;
const POLICY = ['accounts', '111122223333', 'users', 'alice', 'inline', 'ReadReports'];
const BUCKET_POLICY = ['resources', 'arn:aws:s3:::example-reports', 'policy'];

function finding(path: JsonPath, extra: Partial<Finding> = {}): Finding {
  return {
    code: 'action-matches-no-resource',
    severity: 'warning',
    message: 'Something looks wrong.',
    path,
    docs: { title: 'Policy evaluation logic', url: 'https://docs.aws.amazon.com/x.html' },
    ...extra,
  };
}

/** The diagnostics for the document at `document`, shown as the editor would show its text. */
function diagnose(
  document: JsonPath,
  findings: Finding[],
  onfix: (f: Finding) => void = () => {},
  text = JSON.stringify(document.length ? getIn(lesson4, document) : lesson4, null, 2),
) {
  const diagnostics = findingDiagnostics(
    parseJsonText(text),
    document,
    findings,
    text.length,
    onfix,
  );
  return diagnostics.map((d) => ({ ...d, text: text.slice(d.from, d.to) }));
}

describe('findingDiagnostics', () => {
  it("underlines lesson 4's s3:ListBucket and offers its fix, which hands the finding back", async () => {
    const findings = checkScenario(lesson4, await loadReferenceFor(lesson4));
    const listBucket = findings.find((f) => f.code === 'action-matches-no-resource');
    expect(listBucket?.fix).toBeDefined();
    const fixed: Finding[] = [];
    const [diagnostic, ...others] = diagnose(POLICY, findings, (f) => fixed.push(f));
    expect(others).toEqual([]);
    expect(diagnostic).toMatchObject({
      text: '"s3:ListBucket"',
      severity: 'warning',
      source: 'action-matches-no-resource',
      message: expect.stringContaining(
        'AWS docs: Actions, resources, and condition keys for Amazon S3',
      ),
    });
    const [action, ...moreActions] = diagnostic!.actions ?? [];
    expect(moreActions).toEqual([]);
    expect(action?.name).toBe('Fix: Add arn:aws:s3:::example-reports');
    action!.apply({} as EditorView, diagnostic!.from, diagnostic!.to);
    expect(fixed).toEqual([listBucket]);
  });

  it('places the same finding in the whole-scenario editor, whatever the formatting', () => {
    const path = [...POLICY, 'Statement', 0, 'Action', 0];
    for (const text of [JSON.stringify(lesson4), JSON.stringify(lesson4, null, 4)]) {
      expect(diagnose([], [finding(path)], undefined, text).map((d) => d.text)).toEqual([
        '"s3:ListBucket"',
      ]);
    }
  });

  it('shows only the findings inside the open document, a property from its key', () => {
    const inPolicy = finding([...POLICY, 'Statement', 0, 'Resource']);
    const inBucket = finding([...BUCKET_POLICY, 'Statement', 0, 'Action']);
    const aboutTheWorld = finding(['requests', 0, 'action']);
    const all = [inPolicy, inBucket, aboutTheWorld];
    expect(diagnose(POLICY, all).map((d) => d.text)).toEqual([
      '"Resource": "arn:aws:s3:::example-reports/*"',
    ]);
    expect(diagnose(BUCKET_POLICY, all).map((d) => d.text)).toEqual(['"Action": "s3:GetObject"']);
    expect(diagnose([], all)).toHaveLength(3);
  });

  it('points a finding about a missing element at the nearest element that is there', () => {
    const [d] = diagnose(POLICY, [finding([...POLICY, 'Statement', 0, 'Condition', 'x'])]);
    // The statement object, from its start, underlined to its end (it is small).
    expect(d?.text).toMatch(/^\{\s+"Effect": "Allow"[\s\S]*\}$/);
  });

  it('underlines only the key of a big value', () => {
    const [d] = diagnose([], [finding(['accounts'])]);
    expect(d?.text).toBe('"accounts"');
  });

  it.each([
    ['error', 'error'],
    ['warning', 'warning'],
    ['info', 'info'],
  ] as const)('shows a finding of severity %s as a CodeMirror %s', (severity, expected) => {
    const [d] = diagnose(POLICY, [finding([...POLICY, 'Statement'], { severity })]);
    expect(d?.severity).toBe(expected);
  });

  it('offers no action for a finding without a fix', () => {
    const [d] = diagnose(POLICY, [finding([...POLICY, 'Statement'])]);
    expect(d?.actions).toBeUndefined();
  });

  it('shows nothing while the text does not parse (its syntax error is what matters)', () => {
    const path = [...POLICY, 'Statement', 0];
    expect(diagnose(POLICY, [finding(path)], undefined, '{ "Statement": [')).toEqual([]);
  });

  it('puts the docs title in the message', () => {
    expect(findingMessage(finding([]))).toBe(
      'Something looks wrong.\nAWS docs: Policy evaluation logic',
    );
  });
});
