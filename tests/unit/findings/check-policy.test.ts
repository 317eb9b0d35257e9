import { describe, expect, it } from 'vitest';
import type { PolicyKind } from '../../../src/engine/types.ts';
import { loadServiceReference } from '../../../src/data/service-reference.ts';
import { checkPolicy, type Finding } from '../../../src/findings/index.ts';
import { applyFix } from './apply-fix.ts';
import {
  ACCOUNT,
  ROLE,
  allow,
  assume,
  policy,
  policyCases,
  type PolicyCase,
} from './policy-cases.ts';

const ref = await loadServiceReference(['s3', 'iam', 'sts', 'ec2', 'sqs', 'kms']);

const find = (document: unknown, c: PolicyCase): Finding[] =>
  checkPolicy(document, c.kind, ref, undefined, c.context).filter((f) => f.code === c.code);

describe.each(policyCases)('finding $code', (c) => {
  it('fires on a document that has the problem, where the problem is', () => {
    const found = find(c.bad, c);
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toEqual(c.path);
    expect(found[0]?.docs.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    expect(found[0]?.message.length).toBeGreaterThan(20);
  });

  it('stays silent on a close document without the problem', () => {
    expect(checkPolicy(c.good, c.kind, ref, undefined, c.context)).toEqual([]);
  });

  it(c.fix ? 'offers a quick fix that removes the finding' : 'offers no quick fix', () => {
    const [finding] = find(c.bad, c);
    if (!c.fix) {
      expect(finding?.fix).toBeUndefined();
      return;
    }
    expect(finding?.fix).toMatchObject(c.fix);
    const fixed = applyFix(c.bad, finding!.fix!.path, finding!.fix!.replacement);
    expect(find(fixed, c)).toEqual([]);
  });
});

describe('what the checks leave alone', () => {
  it.each<[string, PolicyKind, unknown]>([
    ['SCPs allowing everything (FullAWSAccess)', 'scp', allow({ Action: '*', Resource: '*' })],
    ['a boundary allowing all but IAM', 'boundary', allow({ NotAction: 'iam:*', Resource: '*' })],
    [
      'actions of services that are not loaded',
      'identity',
      allow({ Action: 'lambda:NoSuchThing', Resource: 'arn:aws:lambda:*:*:nope' }),
    ],
    [
      'keys of identity providers',
      'trust',
      allow({
        Principal: { Federated: 'x' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:*' } },
      }),
    ],
    [
      'condition keys when Action is *',
      'identity',
      allow({
        Action: '*',
        Resource: 'arn:aws:s3:::b/*',
        Condition: { StringLike: { 's3:prefix': 'x' } },
      }),
    ],
    [
      'resources with wildcards that could fit',
      'identity',
      allow({ Action: ['s3:GetObject', 's3:ListBucket'], Resource: 'arn:aws:s3:::reports*' }),
    ],
    [
      'resources given as policy variables',
      'identity',
      allow({ Action: 's3:ListBucket', Resource: 'arn:aws:s3:::${aws:username}' }),
    ],
    [
      'ListAllMyBuckets on arn:aws:s3:::*',
      'identity',
      allow({ Action: 's3:ListAllMyBuckets', Resource: 'arn:aws:s3:::*' }),
    ],
    [
      'date operators on service keys typed String',
      'identity',
      allow({
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::b/*',
        Condition: { DateLessThan: { 's3:x-amz-acl': '2030-01-01T00:00:00Z' } },
      }),
    ],
    [
      'numeric operators on aws:EpochTime',
      'identity',
      allow({
        Action: 's3:*',
        Resource: '*',
        Condition: { NumericLessThan: { 'aws:EpochTime': 2000000000 } },
      }),
    ],
    [
      'NotResource with Deny',
      'identity',
      policy({ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::b' }),
    ],
    ['malformed documents', 'identity', { Statement: 'nope' }],
    ['non-objects', 'identity', 42],
    ['a role principal in the same account', 'trust', assume({ AWS: ROLE })],
  ])('%s', (_name, kind, document) => {
    expect(checkPolicy(document, kind, ref, undefined, { account: ACCOUNT })).toEqual([]);
  });

  it('suggests nothing for a name far from every action, and offers no fix', () => {
    const [finding] = checkPolicy(
      allow({ Action: 's3:Frobnicate', Resource: '*' }),
      'identity',
      ref,
    );
    expect(finding?.code).toBe('unknown-action');
    expect(finding?.fix).toBeUndefined();
    expect(finding?.message).not.toContain('Did you mean');
  });

  it('reads a statement given as a single object, and adds ranges from the locator', () => {
    const document = {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 's3:GetObjekt', Resource: '*' },
    };
    const range = { line: 3, column: 5, from: 40, to: 52 };
    const [finding] = checkPolicy(document, 'identity', ref, (path) =>
      path.join('/') === 'Statement/Action' ? range : undefined,
    );
    expect(finding).toMatchObject({ code: 'unknown-action', path: ['Statement', 'Action'], range });
  });
});
