/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { costlyScenario, hostileGlobScenario } from '../../fixtures/costly-scenarios.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const example = 'src/examples/ec2-instance-profile-reads-s3.json';

/** Runs the command through tsx, as the npm script does (npm itself adds a second of start-up). */
function run(args: string[], input?: string | Uint8Array) {
  const result = spawnSync(`${root}node_modules/.bin/tsx`, ['src/cli/eval.ts', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const failing = JSON.stringify({
  format: 'iam-playground/scenario',
  version: 1,
  accounts: { '111122223333': { users: { u: {} } } },
  requests: [
    {
      principal: 'arn:aws:iam::111122223333:user/u',
      action: 's3:GetObject',
      resource: '*',
      expect: 'allowed',
    },
    {
      id: 'second',
      principal: 'arn:aws:iam::111122223333:user/u',
      action: 's3:GetObject',
      resource: '*',
    },
  ],
});

// Each test starts Node and tsx (and one npm too): seconds, not milliseconds.
describe('npm run eval', { timeout: 30_000 }, () => {
  it('prints nothing but the report with npm run --silent, even as JSON', () => {
    const result = spawnSync('npm', ['run', '--silent', 'eval', '--', example, '--json'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
  });

  it('prints a readable report and exits 0 when every expect holds', () => {
    const { status, stdout, stderr } = run([example]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('[PASS] web-reads-report: allowed (expected allowed)');
    expect(stdout).toContain(
      'chain: EC2 assumes role WebRole for instance profile WebProfile: allowed',
    );
    expect(stdout).toContain('4 requests, 4 with an expectation: all met.');
  });

  it(
    'prints only JSON with --json: results in request order with id, decision, expect, pass and the deciding step; the trace with --trace',
    { timeout: 90_000 },
    () => {
      const { status, stdout, stderr } = run([example, '--json']);
      expect(stderr).toBe('');
      expect(status).toBe(0);
      const { results } = JSON.parse(stdout) as { results: Record<string, unknown>[] };
      expect(results.map((r) => r.id)).toEqual([
        'web-reads-report',
        'web-cannot-write',
        'role-does-not-trust-ec2',
        'empty-profile-has-no-credentials',
      ]);
      expect(results[0]).toMatchObject({
        decision: 'allowed',
        expect: 'allowed',
        pass: true,
        decidingStep: expect.any(String),
        decidingStatement: { policyId: expect.any(Array), path: expect.any(Array) },
        chain: [expect.objectContaining({ decision: 'allowed' })],
      });
      expect(results[0]).not.toHaveProperty('trace');
      const traced = JSON.parse(run([example, '--json', '--trace']).stdout) as {
        results: Record<string, unknown>[];
      };
      expect(traced.results[0]).toMatchObject({
        trace: { decidingStep: results[0]!.decidingStep },
      });
    },
  );

  it('reads standard input for "-" and exits 1 when an expect fails, with index ids and null expects', () => {
    const { status, stdout } = run(['-', '--json'], failing);
    expect(status).toBe(1);
    const { results } = JSON.parse(stdout) as { results: Record<string, unknown>[] };
    expect(
      results.map(({ id, decision, expect: e, pass }) => ({ id, decision, expect: e, pass })),
    ).toEqual([
      { id: 0, decision: 'implicitDeny', expect: 'allowed', pass: false },
      { id: 'second', decision: 'implicitDeny', expect: null, pass: true },
    ]);
  });

  it('lists findings with code, severity, message, path, line and column under --json and in the report', () => {
    const lesson = 'lessons/04-s3-bucket-and-object-arns/start.json';
    const json = JSON.parse(run([lesson, '--json']).stdout) as { findings: unknown[] };
    // The lesson's mistake: s3:ListBucket allowed only on object ARNs.
    expect(json.findings).toContainEqual(
      expect.objectContaining({
        code: 'action-matches-no-resource',
        severity: 'warning',
        path: expect.arrayContaining(['users', 'alice', 'inline', 'ReadReports']),
        line: expect.any(Number),
        column: expect.any(Number),
      }),
    );
    expect(run([lesson]).stdout).toMatch(
      /Findings \(\d+\):\n {2}warning action-matches-no-resource at line \d+, column \d+/,
    );
    const clean = JSON.parse(run(['-', '--json'], failing).stdout) as { findings: unknown[] };
    expect(clean.findings).toEqual([]);
  });

  it('skips the findings with --no-findings: the decisions only, no "findings" key', () => {
    const lesson = 'lessons/04-s3-bucket-and-object-arns/start.json';
    const bare = JSON.parse(run([lesson, '--json', '--no-findings']).stdout) as {
      results: { decision: string }[];
    };
    expect(Object.keys(bare)).toEqual(['results']);
    expect(bare.results.length).toBeGreaterThan(0);
    expect(bare.results.every((r) => typeof r.decision === 'string')).toBe(true);
  });

  it('finds a customer managed policy that copies an AWS managed one, as the app does', () => {
    const copy = JSON.stringify({
      format: 'iam-playground/scenario',
      version: 1,
      accounts: {
        '111122223333': {
          policies: {
            MyS3ReadOnly: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: ['s3:List*', 's3:Get*'], Resource: ['*'] }],
            },
          },
        },
      },
    });
    const json = JSON.parse(run(['-', '--json'], copy).stdout) as { findings: { code: string }[] };
    expect(json.findings.map((f) => f.code)).toContain('duplicates-managed-policy');
  });

  it('names the failed requests in the report', () => {
    const { status, stdout } = run(['-'], failing);
    expect(status).toBe(1);
    expect(stdout).toContain('[FAIL] request 0: implicitDeny (expected allowed)');
    expect(stdout).toContain('[----] second: implicitDeny (no expectation)');
    expect(stdout).toContain('1 not met (request 0)');
  });

  it.each([
    ['18-role-name-used-twice.json', 'accounts["111122223333"].roles.WebRole (line 8, column 9)'],
    ['02-missing-comma.json', '(line 3, column 3)'],
    ['26-anonymous-unknown-owner.json', 'requests[0].resource (line 5, column 71)'],
  ])('exits 2 for malformed %s, naming the path, line and column', (file, where) => {
    const { status, stdout, stderr } = run([`tests/fixtures/malformed/${file}`]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('is not a valid scenario');
    expect(stderr).toContain(where);
  });

  it('exits 2 with the problems as JSON under --json', () => {
    const text = readFileSync(`${root}tests/fixtures/malformed/11-future-version.json`, 'utf8');
    const { status, stdout } = run(['-', '--json'], text);
    expect(status).toBe(2);
    expect(JSON.parse(stdout)).toEqual({
      problems: [
        expect.objectContaining({ code: 'unsupported-version', path: ['version'], line: 3 }),
      ],
    });
  });

  it.each([
    [
      // Over the 50 M characters the app too opens as one world (MAX_WORLD_TEXT_LENGTH).
      'a 51 MB document',
      `{"format": "iam-playground/scenario", "version": 1, "title": "${'x'.repeat(51_000_000)}"}`,
      /too large/,
    ],
    [
      'a document nested 100,000 deep',
      `{"title": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
      /nested too deeply/,
    ],
    [
      'a document of hostile keys',
      '{"__proto__": {"format": "iam-playground/scenario"}, "constructor": 1, "version": 1}',
      /Unknown property "__proto__"/,
    ],
  ])('exits 2 for %s, with a located message and no crash', (_, text, message) => {
    const { status, stdout, stderr } = run(['-'], text);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/\(line \d+, column \d+\)/);
    expect(stderr).not.toMatch(/Internal error/);
  });

  it.each([
    [
      'UTF-16 with a byte-order mark',
      Buffer.from(`\uFEFF${failing}`, 'utf16le'),
      /encoded as UTF-16 \(little-endian, with a byte-order mark\)/,
    ],
    [
      'UTF-16 without one',
      Buffer.from(failing, 'utf16le'),
      /encoded as UTF-16 \(little-endian, without a byte-order mark\)/,
    ],
    [
      'Latin-1',
      Buffer.from(failing.replace('"second"', '"s\u00e9cond"'), 'latin1'),
      /\(line 1, column \d+\): The input is not valid UTF-8: byte 0xE9/,
    ],
  ])('exits 2 for a file in %s, naming its encoding with a place', (_, bytes, message) => {
    const { status, stdout, stderr } = run(['-'], bytes);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/\(line 1, column \d+\)/);
    expect(stderr).not.toMatch(/\uFFFD/);
  });

  it(
    'prints 10 problems of a kind and counts the rest, and cuts a huge key',
    { timeout: 120_000 },
    () => {
      const requests = Array.from({ length: 20_000 }, () => ({
        id: 'same',
        principal: 'arn:aws:iam::111122223333:user/u',
        action: 's3:GetObject',
        resource: '*',
      }));
      const text = JSON.stringify({
        format: 'iam-playground/scenario',
        version: 1,
        ['k'.repeat(1_000_000)]: 1,
        accounts: { '111122223333': { users: { u: {} } } },
        requests,
      });
      const { status, stderr } = run(['-'], text);
      expect(status).toBe(2);
      expect(stderr).toContain('and 19,989 more duplicate-request-id problems');
      expect(stderr).toContain('… (1,000,000 characters)');
      expect(stderr.length).toBeLessThan(5_000);
      const json = run(['-', '--json'], text);
      expect(JSON.parse(json.stdout)).toMatchObject({
        omitted: [{ code: 'duplicate-request-id', count: 19_989 }],
      });
      expect((JSON.parse(json.stdout) as { problems: unknown[] }).problems).toHaveLength(11);
    },
  );

  it('imports a folder of AWS CLI outputs as its .json files, and refuses a folder without one', () => {
    const folder = 'tests/fixtures/aws-cli/account-folder';
    const request = JSON.stringify([
      {
        id: 'alice-creates-user',
        principal: 'arn:aws:iam::123456789012:user/Alice',
        action: 'iam:CreateUser',
        resource: '*',
        expect: 'explicitDeny',
      },
    ]);
    const files = readdirSync(join(root, folder))
      .sort()
      .map((f) => join(folder, f));
    const one = run(['--import', ...files, '--requests', '-', '--json'], request);
    const whole = run(['--import', folder, '--requests', '-', '--json'], request);
    expect(whole.stderr).toBe(one.stderr);
    expect(whole.status).toBe(0);
    expect(whole.stdout).toBe(one.stdout);
    expect(JSON.parse(whole.stdout).results[0].decision).toBe('explicitDeny');
    const empty = mkdtempSync(join(tmpdir(), 'iam-playground-empty-'));
    try {
      const refused = run(['--import', empty]);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toBe(`${empty}: the folder has no .json file to import.\n`);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('reads names relative to where npm run eval was typed, imports an account bigger than 5 MB, and names 313 files in a line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iam-playground-cwd-'));
    try {
      // The synthetic account of bench:import: 313 files, its IAM dump 11 MB.
      const write = spawnSync(
        `${root}node_modules/.bin/tsx`,
        [join(root, 'tests/bench/aws-dump.ts'), join(dir, 'account')],
        { cwd: root, encoding: 'utf8', timeout: 60_000 },
      );
      expect(write.status).toBe(0);
      const result = spawnSync(
        'npm',
        [
          '--prefix',
          root,
          'run',
          '--silent',
          'eval',
          '--',
          '--import',
          'account',
          '--requests',
          '-',
          '--json',
        ],
        {
          cwd: dir,
          encoding: 'utf8',
          timeout: 120_000,
          input: JSON.stringify([
            {
              principal: 'arn:aws:iam::111122223333:user/user-0',
              action: 'iam:CreateUser',
              resource: '*',
            },
          ]),
        },
      );
      expect(result.stderr).not.toContain('no such file');
      expect(result.stderr).not.toContain('too large');
      expect(result.status).toBe(0);
      expect(JSON.parse(result.stdout).results[0].decision).toBe('implicitDeny');
      // A problem names the files (as a shell's * gives them) as the first three and a count,
      // not 313 paths.
      const files = readdirSync(join(dir, 'account')).map((f) => join('account', f));
      const broken = spawnSync(
        'npm',
        [
          '--prefix',
          root,
          'run',
          '--silent',
          'eval',
          '--',
          '--import',
          ...files,
          '--requests',
          '-',
        ],
        { cwd: dir, encoding: 'utf8', timeout: 120_000, input: '[{"principal": 1}]' },
      );
      expect(broken.status).toBe(2);
      expect(broken.stderr).toContain('and 310 more files is not a valid scenario');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it.each([
    [['missing-file.json'], /Cannot read missing-file.json: no such file/],
    [[], /No scenario file given/],
    [['a.json', '--bogus'], /Unknown option --bogus/],
  ])('exits 2 on bad arguments %j', (args, message) => {
    const { status, stderr } = run(args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });
});

// Issue 14: a hostile file ran for more than 120 s; every one now ends with status 2 and the
// reason. The bound is the spawn's generous timeout (status null if it is reached), not a
// timing assertion: the time limit itself is 5 s per request.
describe('npm run eval on a scenario too costly to decide', { timeout: 150_000 }, () => {
  it("exits 2 at once on the tester's hostile wildcard file, naming the resource beyond AWS's ARN limit", () => {
    const { status, stderr } = run(['-'], JSON.stringify(hostileGlobScenario(), null, 2));
    expect(status).toBe(2);
    expect(stderr).toMatch(
      /requests\[0\]\.resource \(line \d+, column \d+\): The resource has 100,013 characters; an ARN has at most 2,048/,
    );
  });

  it('exits 2 naming the request when one within the limits still runs past the time limit', () => {
    const result = spawnSync(`${root}node_modules/.bin/tsx`, ['src/cli/eval.ts', '-'], {
      cwd: root,
      input: JSON.stringify(costlyScenario()),
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'requests[0]: deciding request costly (arn:aws:iam::111122223333:user/u -> s3:GetObject on arn:aws:s3:::bucket/key) took longer than 5 seconds, so it was stopped.',
    );
    expect(result.stdout).toBe('');
  });
});
