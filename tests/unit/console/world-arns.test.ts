import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePolicyArn, parsePrincipalArn } from '../../../src/console/world.ts';

// The console's ARN readers now sit on the model's parseArn (src/model/arn.ts); these are the
// rules they had as regular expressions, kept as the reference they must agree with.
function policyByRegex(arn: string) {
  const m = /^arn:aws:iam::(\d{12}|aws):policy\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m ? { account: m[1], name: m[2] } : undefined;
}
function principalByRegex(arn: string) {
  let m = /^arn:aws:iam::(\d{12}):(user|role|group)\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (m) return { kind: m[2], account: m[1], name: m[3] };
  m = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(arn);
  if (m) return { kind: 'assumed-role', account: m[1], name: m[2], session: m[3] };
  m = /^arn:aws:iam::(\d{12}):root$/.exec(arn);
  return m ? { kind: 'root', account: m[1], name: 'root' } : undefined;
}

const pieces = fc.constantFrom(
  'arn',
  'aws',
  'aws-cn',
  'iam',
  'sts',
  's3',
  'us-east-1',
  '111122223333',
  '12345',
  ':',
  '/',
  'user',
  'role',
  'group',
  'root',
  'policy',
  'assumed-role',
  'alice',
  'team',
  's1',
  '',
  'x:y',
);
const arnLike = fc.array(pieces, { maxLength: 12 }).map((p) => p.join(''));
const shaped = fc
  .tuple(
    fc.constantFrom('aws', 'aws-cn', 'AWS'),
    fc.constantFrom('iam', 'sts', 's3'),
    fc.constantFrom('', 'us-east-1'),
    fc.constantFrom('111122223333', 'aws', '12'),
    fc.array(
      fc.constantFrom('user', 'role', 'group', 'root', 'policy', 'assumed-role', 'a', '', 'b:c'),
      { maxLength: 4 },
    ),
  )
  .map(
    ([partition, service, region, account, rest]) =>
      `arn:${partition}:${service}:${region}:${account}:${rest.join('/')}`,
  );

describe('console ARN readers', () => {
  it('read principal and policy ARNs as before', () => {
    expect(parsePrincipalArn('arn:aws:iam::111122223333:user/team/alice')).toEqual({
      kind: 'user',
      account: '111122223333',
      name: 'alice',
    });
    expect(parsePrincipalArn('arn:aws:sts::111122223333:assumed-role/R/s/1')).toEqual({
      kind: 'assumed-role',
      account: '111122223333',
      name: 'R',
      session: 's/1',
    });
    expect(parsePrincipalArn('arn:aws:iam::111122223333:userX')).toBeUndefined();
    expect(parsePrincipalArn('arn:aws-cn:iam::111122223333:user/alice')).toBeUndefined();
    expect(parsePolicyArn('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess')).toEqual({
      account: 'aws',
      name: 'ViewOnlyAccess',
    });
    fc.assert(
      fc.property(fc.oneof(arnLike, shaped), (arn) => {
        expect(parsePrincipalArn(arn)).toEqual(principalByRegex(arn));
        expect(parsePolicyArn(arn)).toEqual(policyByRegex(arn));
      }),
      { numRuns: 2000 },
    );
  });
});
