import { describe, expect, it } from 'vitest';
import { INLINE_SIZE_LIMITS, validatePolicy, type PolicyKind } from '../../../src/engine/index.ts';
import { doc } from './helpers.ts';

const codes = (document: unknown, kind: PolicyKind = 'identity') =>
  validatePolicy(document, kind).map((p) => `${p.severity}:${p.code}`);

const S3 = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };

describe('policy grammar (AWS "IAM JSON policy element reference")', () => {
  it.each([
    ['a valid identity policy has no problems', doc(S3), 'identity', []],
    ['Statement may be a single object', { Version: '2012-10-17', Statement: S3 }, 'identity', []],
    ['a document must be an object', 'Allow everything', 'identity', ['error:not-an-object']],
    ['Statement is required', { Version: '2012-10-17' }, 'identity', ['error:missing-statement']],
    [
      'an unknown top-level element is an error',
      { Version: '2012-10-17', Statement: [S3], Foo: 1 },
      'identity',
      ['error:unknown-element'],
    ],
    [
      'no Version is a warning (variables become literal text)',
      { Statement: [S3] },
      'identity',
      ['warning:missing-version'],
    ],
    [
      'an unknown Version is an error',
      { Version: '2020-01-01', Statement: [S3] },
      'identity',
      ['error:invalid-version'],
    ],
    [
      'Effect is required',
      doc({ Action: 's3:*', Resource: '*' }),
      'identity',
      ['error:missing-effect'],
    ],
    [
      'Effect is case-sensitive',
      doc({ ...S3, Effect: 'allow' }),
      'identity',
      ['error:invalid-effect'],
    ],
    [
      'Action and NotAction together are an error',
      doc({ ...S3, NotAction: 'iam:*' }),
      'identity',
      ['error:action-and-notaction'],
    ],
    [
      'Action or NotAction is required',
      doc({ Effect: 'Allow', Resource: '*' }),
      'identity',
      ['error:missing-action'],
    ],
    [
      'an action needs a service prefix',
      doc({ ...S3, Action: 'GetObject' }),
      'identity',
      ['error:invalid-action'],
    ],
    [
      'Resource and NotResource together are an error',
      doc({ ...S3, NotResource: '*' }),
      'identity',
      ['error:resource-and-notresource'],
    ],
    [
      'an identity policy needs a Resource',
      doc({ Effect: 'Allow', Action: 's3:*' }),
      'identity',
      ['error:missing-resource'],
    ],
    [
      'a malformed ARN is an error',
      doc({ ...S3, Resource: 'my-bucket' }),
      'identity',
      ['error:malformed-arn'],
    ],
    [
      'Principal is not allowed in an identity policy',
      doc({ ...S3, Principal: '*' }),
      'identity',
      ['error:principal-not-allowed'],
    ],
    [
      'Principal is not allowed in an SCP',
      doc({ ...S3, Principal: '*' }),
      'scp',
      ['error:principal-not-allowed'],
    ],
    ['a resource-based policy needs a Principal', doc(S3), 'resource', ['error:missing-principal']],
    ['a key policy needs a Principal', doc(S3), 'kms', ['error:missing-principal']],
    [
      'a trust policy has no Resource',
      doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: '*', Resource: '*' }),
      'trust',
      ['error:resource-in-trust-policy'],
    ],
    [
      'a trust policy without Resource is fine',
      doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: '111122223333' } }),
      'trust',
      [],
    ],
    [
      'an RCP principal must be "*"',
      doc({ ...S3, Principal: { AWS: '111122223333' } }),
      'rcp',
      ['error:rcp-principal'],
    ],
    [
      'wildcards inside a principal ARN are an error',
      doc({ ...S3, Principal: { AWS: 'arn:aws:iam::111122223333:user/*' } }),
      'resource',
      ['error:principal-wildcard'],
    ],
    [
      'an unknown principal type is an error',
      doc({ ...S3, Principal: { Person: 'alice' } }),
      'resource',
      ['error:invalid-principal-type'],
    ],
    [
      'NotPrincipal with Allow is a warning',
      doc({ ...S3, NotPrincipal: { AWS: '111122223333' } }),
      'resource',
      ['warning:notprincipal-with-allow'],
    ],
    [
      'an unknown condition operator is an error',
      doc({ ...S3, Condition: { StringEqualz: { 'aws:username': 'a' } } }),
      'identity',
      ['error:unknown-condition-operator'],
    ],
    [
      'an operator in the wrong case is a warning',
      doc({ ...S3, Condition: { stringequals: { 'aws:username': 'a' } } }),
      'identity',
      ['warning:condition-operator-case'],
    ],
    [
      'a non-numeric value for a Numeric operator is an error',
      doc({ ...S3, Condition: { NumericLessThan: { 's3:max-keys': 'ten' } } }),
      'identity',
      ['error:invalid-condition-value'],
    ],
    [
      'a malformed date is an error',
      doc({ ...S3, Condition: { DateLessThan: { 'aws:CurrentTime': 'tomorrow' } } }),
      'identity',
      ['error:invalid-condition-value'],
    ],
    [
      'a malformed CIDR is an error',
      doc({ ...S3, Condition: { IpAddress: { 'aws:SourceIp': '300.1.2.3/8' } } }),
      'identity',
      ['error:invalid-condition-value'],
    ],
    [
      'NullIfExists does not exist',
      doc({ ...S3, Condition: { NullIfExists: { 'aws:TokenIssueTime': 'true' } } }),
      'identity',
      ['error:unknown-condition-operator'],
    ],
    [
      'duplicate Sids are an error',
      doc({ ...S3, Sid: 'A' }, { ...S3, Sid: 'A' }),
      'identity',
      ['error:duplicate-sid'],
    ],
    [
      'an unknown statement element is an error',
      doc({ ...S3, Actions: 's3:*' }),
      'identity',
      ['error:unknown-statement-element'],
    ],
    ['an empty Statement list is a warning', doc(), 'identity', ['warning:empty-statement']],
  ] as [string, unknown, PolicyKind, string[]][])('%s', (_name, document, kind, expected) => {
    expect(codes(document, kind)).toEqual(expected);
  });

  it('gives each problem a learner-readable message and the JSON path of the element', () => {
    const [p] = validatePolicy(doc({ Action: 's3:*', Resource: '*' }), 'identity');
    expect(p?.path).toEqual(['Statement', 0]);
    expect(p?.message).toMatch(/Effect/);
  });

  it('asks the locator for line and column', () => {
    const problems = validatePolicy(doc({ ...S3, Effect: 'Permit' }), 'identity', (path) =>
      path.join('/') === 'Statement/0/Effect'
        ? { line: 3, column: 7, from: 40, to: 48 }
        : undefined,
    );
    expect(problems[0]?.range).toEqual({ line: 3, column: 7, from: 40, to: 48 });
  });

  it('warns that variables are literal text without Version 2012-10-17', () => {
    const [p] = validatePolicy(
      { Statement: [{ ...S3, Resource: 'arn:aws:s3:::b/${aws:username}/*' }] },
      'identity',
    );
    expect(p?.code).toBe('missing-version');
    expect(p?.message).toMatch(/plain text/);
  });

  describe('size limits (AWS "IAM and AWS STS quotas"; white space not counted)', () => {
    const big = (chars: number) => doc({ ...S3, Sid: 'x'.repeat(chars) });
    it.each([
      ['identity', 6144],
      ['trust', 2048],
      ['scp', 5120],
      ['rcp', 5120],
      ['resource', 20480],
      ['session', 2048],
    ] as [PolicyKind, number][])('a %s policy over %i characters is an error', (kind, limit) => {
      const statement =
        kind === 'trust'
          ? { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: '*' }
          : kind === 'resource' || kind === 'rcp'
            ? { ...S3, Principal: '*' }
            : S3;
      const size = JSON.stringify(doc({ ...statement, Sid: '' })).length;
      const over = doc({ ...statement, Sid: 'x'.repeat(limit - size + 1) });
      const under = doc({ ...statement, Sid: 'x'.repeat(limit - size) });
      expect(codes(over, kind)).toContain('error:policy-too-large');
      expect(codes(under, kind)).not.toContain('error:policy-too-large');
    });

    it("takes a tighter limit for a user's inline policies as a hint", () => {
      const problems = validatePolicy(big(2100), 'identity', undefined, {
        sizeLimit: INLINE_SIZE_LIMITS.user,
      });
      expect(problems.map((p) => p.code)).toContain('policy-too-large');
      expect(codes(big(2100), 'identity')).not.toContain('error:policy-too-large');
    });
  });
});
