/// <reference types="node" />
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const example = `${root}src/examples/cross-account-bucket.json`;
const folder = `${root}tests/fixtures/aws-cli/account-folder`;
let dir = '';
let bin = '';

const run = (args: string[], input?: string) => {
  const result = spawnSync(bin, args, { cwd: dir, input, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
};

// `npm pack` (its prepack builds dist-cli/ with esbuild), then an offline install of the tarball
// into an empty project: what `npx iam-playground` gets after a publish. Minutes under load.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iam-playground-bin-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: root });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  writeFileSync(join(dir, 'package.json'), '{"name": "t", "version": "1.0.0", "private": true}');
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', `./${tarball}`], {
    cwd: dir,
    stdio: 'ignore',
  });
  bin = join(dir, 'node_modules/.bin/iam-playground');
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the iam-playground bin, packed and installed', { timeout: 60_000 }, () => {
  it('ships compiled JavaScript only and decides a scenario file', () => {
    const shipped = readdirSync(join(dir, 'node_modules/iam-playground/dist-cli'));
    expect(shipped).toContain('eval.js');
    expect(shipped.filter((f) => f.endsWith('.ts'))).toEqual([]);
    const { status, stdout, stderr } = run(['eval', example]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('3 requests, 3 with an expectation: all met.');
  });

  it("runs from a clone as the package's own bin: npx iam-playground, nothing fetched", () => {
    // npm pack (above) built dist-cli/ in the clone; --no refuses to install anything.
    const result = spawnSync('npx', ['--no', '--offline', 'iam-playground', 'eval', example], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('3 requests, 3 with an expectation: all met.');
  });

  it('prints lean JSON by default and the traces only with --trace', () => {
    const lean = JSON.parse(run(['eval', example, '--json']).stdout);
    expect(lean.results[0]).toEqual({
      id: 'carol-reads-across-accounts',
      decision: 'allowed',
      expect: 'allowed',
      pass: true,
      decidingStep: 'final',
      decidingStatement: {
        policyId: ['accounts', '444455556666', 'policies', 'ReadSharedReports'],
        path: ['Statement', 0],
      },
    });
    const full = JSON.parse(run(['eval', example, '--json', '--trace']).stdout);
    expect(full.results[0].trace.decidingStatement).toEqual(lean.results[0].decidingStatement);
    expect(run(['eval', example, '--trace']).stderr).toContain('--trace goes with --json.');
  });

  it('writes JUnit XML with one test case per request that has an expect, failures explained', () => {
    const requests = [
      {
        id: 'alice-creates-user',
        principal: 'arn:aws:iam::123456789012:user/Alice',
        action: 'iam:CreateUser',
        resource: '*',
        expect: 'allowed',
      },
      {
        id: 'odd <name> & "quotes"',
        principal: 'arn:aws:iam::123456789012:user/Alice',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::MyBucket/a.txt',
        expect: 'allowed',
      },
      {
        principal: 'arn:aws:iam::123456789012:user/Alice',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::MyBucket/b.txt',
      },
    ];
    const files = readdirSync(folder).map((f) => join(folder, f));
    const { status } = run(
      ['eval', '--import', ...files, '--requests', '-', '--junit', 'out.xml'],
      JSON.stringify(requests),
    );
    expect(status).toBe(1);
    const xml = readFileSync(join(dir, 'out.xml'), 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const suite = parsed.testsuites.testsuite;
    expect([parsed.testsuites.tests, parsed.testsuites.failures]).toEqual(['2', '1']);
    expect(suite.name).toBe('AWS account 123456789012 in organization o-exampleorgid');
    expect(suite.testcase).toHaveLength(2);
    expect(suite.testcase[0].failure.message).toBe('expected allowed, got explicitDeny');
    expect(suite.testcase[0].failure['#text']).toContain(
      'decided by organization.policies.DenyIamUserChanges Statement[0]',
    );
    expect(suite.testcase[1].name).toContain('odd <name> & "quotes"');
    expect(suite.testcase[1].failure).toBeUndefined();
  });

  it('names the file, path, line and column of a malformed output under --import', () => {
    const bad = join(dir, 'list-accounts-for-parent.r-examplerootid111.json');
    writeFileSync(bad, '{\n  "Accounts": [\n    { "Id": "12345" }\n  ]\n}\n');
    const { status, stderr } = run(['eval', '--import', bad]);
    expect(status).toBe(2);
    expect(stderr).toBe(
      `${bad}: Accounts[0].Id, line 3, column 13: Expected a 12-digit account id.\n`,
    );
  });

  it('redacts a scenario and exports it as CloudFormation YAML and Terraform', () => {
    const redacted = run(['redact', example]);
    expect(redacted.status).toBe(0);
    expect(redacted.stdout).not.toContain('444455556666');
    expect(JSON.parse(redacted.stdout).format).toBe('iam-playground/scenario');
    const yaml = run([
      'export',
      '--format',
      'cloudformation',
      '--yaml',
      '--account',
      '444455556666',
      example,
    ]);
    expect(yaml.stderr).toBe('');
    expect(yaml.stdout).toContain('Type: AWS::IAM::ManagedPolicy');
    const hcl = run(['export', '--format', 'terraform', example]);
    expect(hcl.status).toBe(0);
    expect(hcl.stdout).toContain('resource "aws_iam_policy"');
  });
});
