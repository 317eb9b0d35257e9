/// <reference types="node" />
/** `eval FILE --what-can ARN` and `--who-can ARN [--action A]`, run as the npm script runs them. */
import { describe, expect, it } from 'vitest';
import { run } from './run-eval.ts';

const example = 'src/examples/cross-account-bucket.json';
const CAROL = 'arn:aws:iam::444455556666:user/carol';
const OBJECT = 'arn:aws:s3:::shared-reports/weekly.csv';

describe('npm run eval -- FILE --what-can / --who-can', () => {
  it('says who can act on an object, inside the world and outside it, readable and as JSON', () => {
    const readable = run([example, '--who-can', OBJECT, '--action', 's3:GetObject']);
    expect(readable.stderr).toBe('');
    expect(readable.status).toBe(0);
    expect(readable.stdout).toContain(
      `${CAROL}\n    s3\n      Read:\n        s3:GetObject on ${OBJECT}: allowed`,
    );
    expect(readable.stdout).toContain(
      'arn:aws:iam::444455556666:user/dave: nothing\n    denied: 1 by no allow',
    );
    expect(readable.stdout).toContain(
      'account 444455556666: s3:GetObject (resources["arn:aws:s3:::shared-reports"].policy.Statement[0], "AnalyticsMayRead")',
    );

    const json = run([example, '--who-can', OBJECT, '--action', 's3:GetObject', '--json']);
    expect(json.status).toBe(0);
    const result = JSON.parse(json.stdout) as {
      principals: { principal: string }[];
      outside: { kind: string; value: string }[];
    };
    expect(result.principals.map((p) => p.principal)).toContain(CAROL);
    expect(result.outside).toMatchObject([
      { kind: 'account', value: '444455556666', sid: 'AnalyticsMayRead' },
    ]);
  }, 150_000);

  it("on a bucket's ARN, says its objects' actions are asked of an object, as the app does", () => {
    const bucket = 'arn:aws:s3:::shared-reports';
    const readable = run([example, '--who-can', bucket, '--action', 's3:GetObject']);
    expect(readable.status).toBe(0);
    expect(readable.stdout).toContain(
      `(the bucket's own actions: reading and writing its objects, s3:GetObject, s3:PutObject…, is asked of an object: --who-can ${bucket}/any-other-object)`,
    );
    const object = run([example, '--who-can', OBJECT, '--action', 's3:GetObject']);
    expect(object.stdout).not.toContain("the bucket's own actions");
  }, 150_000);

  it('says what a principal can do across every service', () => {
    const readable = run([example, '--what-can', CAROL]);
    expect(readable.status).toBe(0);
    expect(readable.stdout).toMatch(
      /^What arn:aws:iam::444455556666:user\/carol can do\n\([\d,]+ actions in [\d,]+ classes/,
    );
    expect(readable.stdout).toContain(`s3:GetObject on ${OBJECT}: allowed`);
    expect(readable.stdout).toContain('sts:GetCallerIdentity on *: allowed');
    expect(readable.stdout).toMatch(/denied: [\d,]+ by no allow/);
  }, 150_000);

  it('exits 2 naming the option and what the world lacks', () => {
    const principal = run([example, '--what-can', 'arn:aws:iam::444455556666:user/mallory']);
    expect(principal.status).toBe(2);
    expect(principal.stderr).toMatch(
      /^error: --what-can: arn:aws:iam::444455556666:user\/mallory is not a principal of this world/,
    );
    const resource = run([example, '--who-can', 'arn:aws:s3:::elsewhere']);
    expect(resource.status).toBe(2);
    expect(resource.stderr).toMatch(
      /^error: --who-can: arn:aws:s3:::elsewhere is not a resource of this world/,
    );
    const both = run([example, '--what-can', CAROL, '--who-can', OBJECT]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('Give --what-can or --who-can, not both.');
  }, 150_000);
});
