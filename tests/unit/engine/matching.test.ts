import { describe, expect, it } from 'vitest';
import {
  evaluate,
  matchAction,
  matchArnPattern,
  substituteVariables,
} from '../../../src/engine/index.ts';
import {
  compilePrincipal,
  matchPrincipal,
  notPrincipalExempts,
} from '../../../src/engine/principals.ts';
import {
  A,
  B,
  allow,
  anonymous,
  doc,
  federated,
  identity,
  input,
  root,
  service,
  session,
  user,
} from './helpers.ts';

describe('actions (AWS "IAM JSON policy elements: Action")', () => {
  it.each([
    ['s3:GetObject', 's3:GetObject', true, 'an exact name matches'],
    ['s3:getobject', 'S3:GETOBJECT', true, 'action names are case-insensitive'],
    ['s3:Get*', 's3:GetObjectAcl', true, '* matches any run of characters'],
    ['s3:Get?bject', 's3:GetObject', true, '? matches one character'],
    ['s3:Get?', 's3:GetObject', false, '? matches exactly one character'],
    ['*', 'iam:CreateUser', true, '* alone matches every action'],
    ['s3:*', 's3express:CreateSession', false, 'the service prefix must match as a whole'],
    ['*:Get*', 'ec2:GetConsoleOutput', true, 'a wildcard may stand for the service'],
    ['s3:Put*', 's3:GetObject', false, 'a different action does not match'],
  ])('%s vs %s → %s (%s)', (pattern, action, expected) => {
    expect(matchAction(pattern, action)).toBe(expected);
  });
});

describe('resource ARNs (AWS "IAM JSON policy elements: Resource")', () => {
  it.each([
    ['arn:aws:s3:::bucket/key', 'arn:aws:s3:::bucket/key', true, 'an exact ARN matches'],
    [
      'arn:aws:s3:::bucket/*',
      'arn:aws:s3:::bucket/a/b/c.txt',
      true,
      '* in the resource part spans /',
    ],
    [
      'arn:aws:s3:::bucket/*',
      'arn:aws:s3:::bucket',
      false,
      'bucket/* does not match the bucket itself',
    ],
    [
      'arn:aws:s3:::Bucket/*',
      'arn:aws:s3:::bucket/x',
      false,
      'the resource part is case-sensitive',
    ],
    [
      'arn:AWS:S3:::bucket/x',
      'arn:aws:s3:::bucket/x',
      true,
      'partition and service compare without case',
    ],
    [
      'arn:aws:ec2:*:*:instance/*',
      'arn:aws:ec2:us-east-1:111122223333:instance/i-1',
      true,
      'wildcards in region and account',
    ],
    [
      'arn:aws:ec2:us-*:111122223333:instance/*',
      'arn:aws:ec2:eu-west-1:111122223333:instance/i-1',
      false,
      'a region pattern must match the region',
    ],
    [
      'arn:aws:logs:*:*:log-group:app:*',
      'arn:aws:logs:us-east-1:1:log-group:app:log-stream:x',
      true,
      '* in the resource part spans :',
    ],
    [
      'arn:aws:iam::*:role/*',
      'arn:aws:iam::111122223333:user/alice',
      false,
      'role/* does not match a user',
    ],
    ['*', 'arn:aws:s3:::anything', true, '* matches every resource'],
    ['arn:aws:s3:::b?cket', 'arn:aws:s3:::bucket', true, '? matches one character'],
    ['arn:aws:s3:*', 'arn:aws:s3:::bucket/key', true, 'a short pattern is matched as one glob'],
    ['arn:aws:s3:::bucket', '*', false, 'a specific ARN does not match a request on "*"'],
  ])('%s vs %s → %s (%s)', (pattern, arn, expected) => {
    expect(matchArnPattern(pattern, arn)).toBe(expected);
  });
});

describe('principals (AWS "AWS JSON policy elements: Principal")', () => {
  const alice = user('alice');
  const web = session('Web', 's1');
  const cases: [string, unknown, Parameters<typeof matchPrincipal>[1], string | undefined][] = [
    ['"*" names everyone, including anonymous callers', '*', anonymous, 'wildcard'],
    ['{"AWS": "*"} names everyone', { AWS: '*' }, alice, 'wildcard'],
    ['an account id names the account, not its people', { AWS: A }, alice, 'account'],
    [
      'the account root ARN names the account too',
      { AWS: `arn:aws:iam::${A}:root` },
      web,
      'account',
    ],
    ['another account does not match', { AWS: B }, alice, undefined],
    ['a user ARN names the user', { AWS: alice.arn }, alice, 'user'],
    ['a role ARN names the role of a session', { AWS: web.roleArn }, web, 'role'],
    ['an assumed-role ARN names the session', { AWS: web.arn }, web, 'session'],
    [
      'another session of the same role is not named by a session ARN',
      { AWS: web.arn },
      session('Web', 's2'),
      undefined,
    ],
    ['the root user is named by its account', { AWS: A }, root(), 'account'],
    [
      'a service principal names the service',
      { Service: 'ec2.amazonaws.com' },
      service('ec2.amazonaws.com'),
      'service',
    ],
    [
      'a service principal does not name another service',
      { Service: 'lambda.amazonaws.com' },
      service('ec2.amazonaws.com'),
      undefined,
    ],
    [
      'a federated provider ARN names that provider',
      { Federated: `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com` },
      federated(`arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`),
      'federated',
    ],
    [
      'a canonical user id names the canonical user',
      { CanonicalUser: 'abc123' },
      { ...alice, canonicalUser: 'abc123' },
      'canonical',
    ],
    ['an account id does not name an anonymous caller', { AWS: A }, anonymous, undefined],
  ];
  it.each(cases)('%s', (_name, element, caller, expected) => {
    expect(matchPrincipal(compilePrincipal(element), caller)).toBe(expected);
  });

  it.each([
    [
      'NotPrincipal exempts a user only when it lists the user ARN and its account',
      { AWS: [user('alice').arn, A] },
      user('alice'),
      true,
    ],
    [
      'naming only the user ARN does not exempt it',
      { AWS: user('alice').arn },
      user('alice'),
      false,
    ],
    [
      'a session is exempted by its session ARN, its role ARN and its account',
      { AWS: [web.arn, web.roleArn as string, `arn:aws:iam::${A}:root`] },
      web,
      true,
    ],
    [
      'the session ARN and account without the role ARN do not exempt a session',
      { AWS: [web.arn, `arn:aws:iam::${A}:root`] },
      web,
      false,
    ],
    [
      'a role ARN alone does not exempt its sessions',
      { AWS: [web.roleArn as string, A] },
      web,
      false,
    ],
    ['the root user is exempted by its account', { AWS: A }, root(), true],
    ['nothing exempts an anonymous caller but "*"', { AWS: A }, anonymous, false],
  ] as [string, unknown, Parameters<typeof matchPrincipal>[1], boolean][])(
    '%s',
    (_name, element, caller, expected) => {
      expect(notPrincipalExempts(compilePrincipal(element), caller)).toBe(expected);
    },
  );
});

describe('policy variables (AWS "IAM policy elements: Variables and tags")', () => {
  const ctx = { 'aws:username': 'alice', 'aws:PrincipalTag/team': 'web' };
  it.each([
    ['home/${aws:username}/*', 'home/alice/*', undefined, 'a key is replaced by its value'],
    ['home/${AWS:UserName}', 'home/alice', undefined, 'variable keys are case-insensitive'],
    ['team/${aws:PrincipalTag/team}', 'team/web', undefined, 'tag keys work as variables'],
    ["x/${aws:userid, 'anon'}", 'x/anon', undefined, 'an absent key takes its default'],
    [
      'x/${aws:userid}',
      'x/${aws:userid}',
      'aws:userid',
      'an absent key without default is reported missing',
    ],
    ['a${*}b${?}c${$}', 'a*b?c$', undefined, '${*}, ${?} and ${$} stand for the characters'],
  ] as [string, string, string | undefined, string][])('%s → %s (%s)', (text, value, missing) => {
    const r = substituteVariables(text, ctx);
    expect(r.value).toBe(value);
    expect(r.missing).toBe(missing);
  });

  it('leaves variables as text when the Version is not 2012-10-17', () => {
    expect(substituteVariables('home/${aws:username}', ctx, '2008-10-17').value).toBe(
      'home/${aws:username}',
    );
  });

  const request = (document: unknown, resource: string, context: Record<string, string> = ctx) =>
    evaluate(
      input(user('alice'), 's3:GetObject', resource, {
        identityPolicies: [{ id: ['p'], name: 'P', kind: 'identity', document }],
        context,
      }),
    ).decision;

  it.each([
    [
      'a variable in Resource matches the value',
      doc(allow('s3:GetObject', 'arn:aws:s3:::b/${aws:username}/*')),
      'arn:aws:s3:::b/alice/f',
      ctx,
      'allowed',
    ],
    [
      'a variable in Resource does not match another user',
      doc(allow('s3:GetObject', 'arn:aws:s3:::b/${aws:username}/*')),
      'arn:aws:s3:::b/bob/f',
      ctx,
      'implicitDeny',
    ],
    [
      'without Version the variable is literal text',
      { Statement: [allow('s3:GetObject', 'arn:aws:s3:::b/${aws:username}/*')] },
      'arn:aws:s3:::b/alice/f',
      ctx,
      'implicitDeny',
    ],
    [
      'without Version the literal text itself matches',
      { Statement: [allow('s3:GetObject', 'arn:aws:s3:::b/${aws:username}/*')] },
      'arn:aws:s3:::b/${aws:username}/f',
      ctx,
      'allowed',
    ],
    [
      'an absent key makes the comparison fail',
      doc(allow('s3:GetObject', 'arn:aws:s3:::b/${aws:userid}/*')),
      'arn:aws:s3:::b/alice/f',
      ctx,
      'implicitDeny',
    ],
    [
      '${*} is a literal asterisk, not a wildcard',
      doc(allow('s3:GetObject', 'arn:aws:s3:::b/${*}')),
      'arn:aws:s3:::b/anything',
      ctx,
      'implicitDeny',
    ],
    [
      '${*} matches a literal asterisk',
      doc(allow('s3:GetObject', 'arn:aws:s3:::b/${*}')),
      'arn:aws:s3:::b/*',
      ctx,
      'allowed',
    ],
    [
      'a variable in a condition value',
      doc(
        allow('s3:GetObject', '*', {
          Condition: { StringEquals: { 's3:prefix': '${aws:username}/' } },
        }),
      ),
      'arn:aws:s3:::b',
      { ...ctx, 's3:prefix': 'alice/' },
      'allowed',
    ],
    [
      'a condition value whose variable has no value is left out: StringEquals fails',
      doc(
        allow('s3:GetObject', '*', {
          Condition: { StringEquals: { 's3:prefix': '${aws:userid}' } },
        }),
      ),
      'arn:aws:s3:::b',
      { ...ctx, 's3:prefix': 'x' },
      'implicitDeny',
    ],
    [
      'a condition value whose variable has no value is left out: StringNotEquals holds',
      doc(
        allow('s3:GetObject', '*', {
          Condition: { StringNotEquals: { 's3:prefix': '${aws:userid}' } },
        }),
      ),
      'arn:aws:s3:::b',
      { ...ctx, 's3:prefix': 'x' },
      'allowed',
    ],
    [
      'a variable among several condition values is ORed with them',
      doc(
        allow('s3:GetObject', '*', {
          Condition: { StringEquals: { 'aws:username': ['bob', '${aws:username}'] } },
        }),
      ),
      'arn:aws:s3:::b',
      ctx,
      'allowed',
    ],
    [
      "IfExists on an absent key holds even when the value's variable has no value",
      doc(
        allow('s3:GetObject', '*', {
          Condition: {
            StringEqualsIfExists: { 'aws:PrincipalTag/dept': '${aws:PrincipalTag/owner}' },
          },
        }),
      ),
      'arn:aws:s3:::b',
      ctx,
      'allowed',
    ],
    [
      'a NotResource entry whose variable has no value excludes nothing',
      doc(allow('s3:*'), {
        Effect: 'Deny',
        Action: '*',
        NotResource: 'arn:aws:s3:::b/${aws:userid}/*',
      }),
      'arn:aws:s3:::b/alice/f',
      ctx,
      'explicitDeny',
    ],
  ] as [string, unknown, string, Record<string, string>, string][])(
    '%s',
    (_name, document, resource, context, expected) => {
      expect(request(document, resource, context)).toBe(expected);
    },
  );
});

// A keep-alive use of identity() so helpers stay exercised even when tables change.
it('an identity policy built by the helper allows what it says', () => {
  expect(
    evaluate(
      input(user('alice'), 's3:ListBucket', 'arn:aws:s3:::b', {
        identityPolicies: [identity(allow('s3:ListBucket', 'arn:aws:s3:::b'))],
      }),
    ).decision,
  ).toBe('allowed');
});
