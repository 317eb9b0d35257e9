/**
 * `eval redact FILE` and `eval export --format cloudformation|terraform FILE` as the npm script
 * runs them: output, messages and exit status. The documents themselves are compared with the
 * world's in tests/unit/iac/ and tests/unit/model/redact.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { root, run } from './run-eval.ts';

const example = `${root}src/examples/assume-role-across-accounts.json`;

describe('eval redact and eval export', { timeout: 120_000 }, () => {
  it('prints the redacted scenario, with what it kept on standard error', () => {
    const { status, stdout, stderr } = run(['redact', example]);
    expect(status).toBe(0);
    const scenario = JSON.parse(stdout);
    expect(Object.keys(scenario.accounts)).toEqual(['100000000001', '100000000002']);
    expect(stderr).toMatch(/^Redacted \d+ names and account ids\.\n/);
  });

  it('exports one account as a CloudFormation template, or says which accounts there are', () => {
    const many = run(['export', '--format', 'cloudformation', example]);
    expect(many.status).toBe(2);
    expect(many.stderr).toContain(
      "has 2 accounts (111122223333, 444455556666): a template is one account's, so give --account ID.",
    );
    const one = run([
      'export',
      '--format',
      'cloudformation',
      '--account',
      '444455556666',
      '--redact',
      example,
    ]);
    expect(one.status).toBe(0);
    const template = JSON.parse(one.stdout);
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(template.Metadata.IamPlayground.Account).toBe('100000000002');
    expect(one.stdout).not.toContain('444455556666');
    const wrong = run(['export', '--format', 'pulumi', example]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('Unknown format pulumi: cloudformation or terraform.');
  });
});
