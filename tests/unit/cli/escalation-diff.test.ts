/// <reference types="node" />
/**
 * `eval FILE --escalation [--target ARN]` and `eval diff OLD NEW [--json] [--fail-on-new-access]`,
 * run as the npm script runs them: the report, the exit codes, and located messages for bad input.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, run } from './run-eval.ts';
import type { Scenario } from '../../../src/model/index.ts';
import { A, ESCALATION_WORLD } from '../analysis/escalation-world.ts';

const dir = mkdtempSync(join(tmpdir(), 'iam-escalation-'));
const example = `${root}src/examples/cross-account-bucket.json`;

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

/** The second world of a diff: the example scenario changed by `edit`, written to a file. */
function editedExample(name: string, edit: (scenario: Scenario) => void): string {
  const scenario = JSON.parse(readFileSync(example, 'utf8')) as Scenario;
  edit(scenario);
  return file(name, scenario);
}

/** ESCALATION_WORLD with `extra` more roles that trust nobody and may do nothing. */
function withIdleRoles(extra: number): Scenario {
  const scenario = structuredClone(ESCALATION_WORLD);
  const roles = scenario.accounts![A]!.roles!;
  for (let i = 0; i < extra; i++)
    roles[`idle-${i}`] = { trust: { Version: '2012-10-17', Statement: [] } };
  return scenario;
}

describe('npm run eval -- FILE --escalation', () => {
  it('prints each path to admin with the requests of each hop, and refuses an unknown target', () => {
    const world = file('escalation.json', ESCALATION_WORLD);
    const readable = run([world, '--escalation']);
    expect(readable.stderr).toBe('');
    expect(readable.status).toBe(0);
    expect(readable.stdout).toContain(
      'user/alice -(iam:PassRole to lambda.amazonaws.com)-> role/LambdaAdmin -> admin\n  1. iam:PassRole to lambda.amazonaws.com\n',
    );
    expect(readable.stdout).toContain(
      'arn:aws:iam::111111111111:user/alice -> iam:PassRole on arn:aws:iam::111111111111:role/LambdaAdmin with {"iam:PassedToService":"lambda.amazonaws.com"}: allowed',
    );
    expect(readable.stdout).toContain(
      'then, changed: arn:aws:iam::111111111111:user/bob -> iam:CreateUser on arn:aws:iam::111111111111:user/any-other-user: allowed',
    );
    expect(readable.stdout).not.toContain('user/erin -');
    // "Already:" names principals, as the Access drawer does: WebProfile (an instance profile)
    // holds admin through its role, which is listed itself.
    const already = readable.stdout.split('\n').find((line) => line.startsWith('Already: '))!;
    expect(already.slice('Already: '.length).split(', ').sort()).toEqual(
      [
        'arn:aws:iam::111111111111:role/Ec2Admin',
        'arn:aws:iam::111111111111:role/LambdaAdmin',
        'arn:aws:iam::111111111111:user/dave',
      ].sort(),
    );

    const unknown = run([
      world,
      '--escalation',
      '--target',
      'arn:aws:iam::111111111111:user/nobody',
    ]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(
      /^error: --target: arn:aws:iam::111111111111:user\/nobody is not a principal/,
    );
  }, 300_000);

  it('lists paths to admin among the findings of a small world only; a big one gets a note', () => {
    const findings = (stdout: string) =>
      (JSON.parse(stdout) as { findings: { code: string; message: string }[] }).findings.filter(
        (f) => f.code === 'escalation-path',
      );
    const small = run([file('small.json', withIdleRoles(100 - 12)), '--json']);
    expect(small.stderr).toBe('');
    expect(findings(small.stdout).map((f) => f.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('user/alice -(iam:PassRole')]),
    );
    const big = run([file('big.json', withIdleRoles(100 - 11)), '--json']);
    expect(big.stderr).toBe(
      'note: escalation paths not checked: the world has 101 users and roles (more than 100); run with --escalation to list them.\n',
    );
    expect(findings(big.stdout)).toEqual([]);
    // Asked for, the big world's paths are listed all the same.
    const asked = run([file('big.json', withIdleRoles(100 - 11)), '--escalation']);
    expect(asked.status).toBe(0);
    expect(asked.stdout).toContain(
      'user/alice -(iam:PassRole to lambda.amazonaws.com)-> role/LambdaAdmin',
    );
  }, 300_000);
});

describe('npm run eval -- diff OLD NEW', () => {
  it('lists added access with a counterexample and exits 1 with --fail-on-new-access', () => {
    const edited = editedExample('edited.json', (scenario) => {
      const policy = scenario.resources!['arn:aws:s3:::shared-reports']!.policy as {
        Statement: Record<string, unknown>[];
      };
      policy.Statement[0]!['Action'] = ['s3:GetObject', 's3:PutObject'];
      policy.Statement.push({
        Sid: 'Partner',
        Effect: 'Allow',
        Principal: { AWS: '999999999999' },
        Action: 's3:ListBucket',
        Resource: 'arn:aws:s3:::shared-reports',
      });
    });
    const result = run(['diff', example, edited, '--fail-on-new-access']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      'Access added (2 actions in 2 groups):\n  arn:aws:iam::444455556666:root on arn:aws:s3:::shared-reports/any-other-object\n    s3:PutObject: denied (resource policy) -> allowed\n    counterexample: {"principal":"arn:aws:iam::444455556666:root","action":"s3:PutObject","resource":"arn:aws:s3:::shared-reports/any-other-object","expect":"allowed"}',
    );
    expect(result.stdout).toContain(
      'now admitted: account 999999999999 to arn:aws:s3:::shared-reports: s3:ListBucket (resources["arn:aws:s3:::shared-reports"].policy.Statement[1])',
    );
  }, 300_000);

  it('says "no change in access" for equal worlds (exit 0) and exits 2 with a located message on bad input', () => {
    const same = run(['diff', example, example, '--json', '--fail-on-new-access']);
    expect(same.status).toBe(0);
    expect(JSON.parse(same.stdout)).toMatchObject({
      added: [],
      removed: [],
      outside: [],
      changed: 0,
    });

    const broken = file(
      'broken.json',
      '{"format": "iam-playground/scenario", "version": 1, "accounts": {"12": {}}}',
    );
    const bad = run(['diff', example, broken]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/broken\.json is not a valid scenario:\n {2}.*accounts/);
    const one = run(['diff', example]);
    expect(one.status).toBe(2);
    expect(one.stderr).toContain('error: diff needs two scenario files, OLD and NEW (got 1).');
  }, 300_000);
});
