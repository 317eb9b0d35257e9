import { describe, expect, it } from 'vitest';
import type { JsonPath, PolicyKind } from '../../../src/engine/types.ts';
import { loadServiceReference } from '../../../src/data/service-reference.ts';
import { checkPolicy, type Finding, type PolicyContext } from '../../../src/findings/index.ts';

const ref = await loadServiceReference(['s3', 'iam', 'sts', 'ec2', 'sqs', 'kms']);

/** A policy with one statement. */
const policy = (statement: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [statement],
});
const allow = (rest: Record<string, unknown>) => policy({ Effect: 'Allow', ...rest });

interface Case {
  code: string;
  kind: PolicyKind;
  context?: PolicyContext;
  /** A document that triggers the finding. */
  bad: unknown;
  /** A close document that does not. */
  good: unknown;
  /** Where the finding points, relative to the document. */
  path: (string | number)[];
  /** The quick fix's replacement, when the finding has one. */
  fix?: { path: (string | number)[]; replacement: unknown };
}

const ACCOUNT = '111122223333';
const OTHER = '444455556666';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/WebRole`;
const assume = (principal: unknown, extra: Record<string, unknown> = {}) =>
  allow({ Principal: principal, Action: 'sts:AssumeRole', ...extra });

const cases: Case[] = [
  {
    code: 'unknown-service',
    kind: 'identity',
    bad: allow({ Action: 's4:GetObject', Resource: '*' }),
    good: allow({ Action: 's3:GetObject', Resource: '*' }),
    path: ['Statement', 0, 'Action'],
    fix: { path: ['Statement', 0, 'Action'], replacement: 's3:GetObject' },
  },
  {
    code: 'unknown-action',
    kind: 'identity',
    bad: allow({ Action: ['s3:ListBucket', 's3:GetObjekt'], Resource: '*' }),
    good: allow({ Action: ['s3:ListBucket', 's3:getobject'], Resource: '*' }),
    path: ['Statement', 0, 'Action', 1],
    fix: { path: ['Statement', 0, 'Action', 1], replacement: 's3:GetObject' },
  },
  {
    code: 'action-pattern-matches-nothing',
    kind: 'identity',
    bad: allow({ Action: 's3:Frobnicate*', Resource: '*' }),
    good: allow({ Action: 's3:Get*', Resource: '*' }),
    path: ['Statement', 0, 'Action'],
  },
  {
    code: 'resource-matches-no-action',
    kind: 'identity',
    bad: allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports' }),
    good: allow({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }),
    path: ['Statement', 0, 'Resource'],
    fix: { path: ['Statement', 0, 'Resource'], replacement: 'arn:aws:s3:::reports/*' },
  },
  {
    code: 'resource-matches-no-action',
    kind: 'identity',
    bad: allow({ Action: 's3:ListBucket', Resource: ['arn:aws:s3:::reports/*'] }),
    good: allow({ Action: 's3:ListBucket', Resource: ['arn:aws:s3:::reports'] }),
    path: ['Statement', 0, 'Resource', 0],
    fix: { path: ['Statement', 0, 'Resource', 0], replacement: 'arn:aws:s3:::reports' },
  },
  {
    code: 'action-matches-no-resource',
    kind: 'identity',
    bad: allow({ Action: ['s3:GetObject', 's3:ListBucket'], Resource: 'arn:aws:s3:::reports/*' }),
    good: allow({
      Action: ['s3:GetObject', 's3:ListBucket'],
      Resource: ['arn:aws:s3:::reports/*', 'arn:aws:s3:::reports'],
    }),
    path: ['Statement', 0, 'Action', 1],
    fix: {
      path: ['Statement', 0, 'Resource'],
      replacement: ['arn:aws:s3:::reports/*', 'arn:aws:s3:::reports'],
    },
  },
  {
    code: 'action-needs-star-resource',
    kind: 'identity',
    bad: allow({ Action: 's3:ListAllMyBuckets', Resource: 'arn:aws:s3:::reports' }),
    good: allow({ Action: 's3:ListAllMyBuckets', Resource: '*' }),
    path: ['Statement', 0, 'Action'],
    fix: { path: ['Statement', 0, 'Resource'], replacement: '*' },
  },
  {
    code: 'condition-key-not-applicable',
    kind: 'identity',
    bad: allow({
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::reports/*',
      Condition: { StringLike: { 's3:prefix': 'home/' } },
    }),
    good: allow({
      Action: 's3:ListBucket',
      Resource: 'arn:aws:s3:::reports',
      Condition: { StringLike: { 's3:prefix': 'home/' } },
    }),
    path: ['Statement', 0, 'Condition', 'StringLike', 's3:prefix'],
  },
  {
    code: 'unknown-condition-key',
    kind: 'identity',
    bad: policy({
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { StringEquals: { 's3:x-amz-acll': 'private' } },
    }),
    good: policy({
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { StringEquals: { 's3:x-amz-acl': 'private' } },
    }),
    path: ['Statement', 0, 'Condition', 'StringEquals', 's3:x-amz-acll'],
    fix: {
      path: ['Statement', 0, 'Condition', 'StringEquals'],
      replacement: { 's3:x-amz-acl': 'private' },
    },
  },
  {
    code: 'unknown-global-condition-key',
    kind: 'identity',
    bad: allow({
      Action: 's3:*',
      Resource: '*',
      Condition: { IpAddress: { 'aws:SorceIp': '10.0.0.0/8' } },
    }),
    good: allow({
      Action: 's3:*',
      Resource: '*',
      Condition: { IpAddress: { 'aws:sourceip': '10.0.0.0/8' } },
    }),
    path: ['Statement', 0, 'Condition', 'IpAddress', 'aws:SorceIp'],
    fix: {
      path: ['Statement', 0, 'Condition', 'IpAddress'],
      replacement: { 'aws:SourceIp': '10.0.0.0/8' },
    },
  },
  {
    code: 'condition-operator-type-mismatch',
    kind: 'identity',
    bad: allow({
      Action: 's3:*',
      Resource: '*',
      Condition: { Bool: { 'aws:PrincipalType': 'true' } },
    }),
    good: allow({
      Action: 's3:*',
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'true' } },
    }),
    path: ['Statement', 0, 'Condition', 'Bool', 'aws:PrincipalType'],
    fix: {
      path: ['Statement', 0, 'Condition'],
      replacement: { StringEquals: { 'aws:PrincipalType': 'true' } },
    },
  },
  {
    code: 'condition-operator-type-mismatch',
    kind: 'identity',
    bad: allow({
      Action: 's3:*',
      Resource: '*',
      Condition: { DateGreaterThanIfExists: { 'aws:MultiFactorAuthAge': '3600' } },
    }),
    good: allow({
      Action: 's3:*',
      Resource: '*',
      Condition: { NumericGreaterThanIfExists: { 'aws:MultiFactorAuthAge': '3600' } },
    }),
    path: ['Statement', 0, 'Condition', 'DateGreaterThanIfExists', 'aws:MultiFactorAuthAge'],
    fix: {
      path: ['Statement', 0, 'Condition'],
      replacement: { NumericGreaterThanIfExists: { 'aws:MultiFactorAuthAge': '3600' } },
    },
  },
  {
    code: 'allow-all-actions-all-resources',
    kind: 'identity',
    bad: allow({ Action: '*', Resource: '*' }),
    good: allow({ Action: 's3:*', Resource: '*' }),
    path: ['Statement', 0],
  },
  {
    code: 'pass-role-any-role',
    kind: 'identity',
    bad: allow({ Action: ['ec2:RunInstances', 'iam:PassRole'], Resource: '*' }),
    good: allow({ Action: 'iam:PassRole', Resource: ROLE }),
    path: ['Statement', 0, 'Action', 1],
  },
  {
    code: 'allow-with-not-action',
    kind: 'identity',
    bad: allow({ NotAction: 'iam:*', Resource: '*' }),
    good: policy({ Effect: 'Deny', NotAction: 'iam:*', Resource: '*' }),
    path: ['Statement', 0, 'NotAction'],
  },
  {
    code: 'allow-with-not-resource',
    kind: 'identity',
    bad: allow({ Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' }),
    good: policy({ Effect: 'Deny', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::public/*' }),
    path: ['Statement', 0, 'NotResource'],
  },
  {
    code: 'allow-with-not-principal',
    kind: 'resource',
    bad: allow({ NotPrincipal: { AWS: ROLE }, Action: 'sqs:SendMessage', Resource: '*' }),
    good: allow({ Principal: { AWS: ROLE }, Action: 'sqs:SendMessage', Resource: '*' }),
    path: ['Statement', 0, 'NotPrincipal'],
  },
  {
    code: 'trust-policy-admits-anyone',
    kind: 'trust',
    bad: assume({ AWS: '*' }),
    good: assume(
      { AWS: '*' },
      { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
    ),
    path: ['Statement', 0, 'Principal'],
  },
  {
    code: 'trust-policy-admits-account',
    kind: 'trust',
    context: { account: ACCOUNT },
    bad: assume({ AWS: [ROLE, `arn:aws:iam::${OTHER}:root`] }),
    good: assume(
      { AWS: `arn:aws:iam::${OTHER}:root` },
      { Condition: { StringEquals: { 'sts:ExternalId': 'x' } } },
    ),
    path: ['Statement', 0, 'Principal', 'AWS', 1],
  },
  {
    code: 'resource-policy-admits-anyone',
    kind: 'resource',
    bad: allow({
      Principal: '*',
      Action: 'sqs:SendMessage',
      Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
    }),
    good: allow({
      Principal: { AWS: ROLE },
      Action: 'sqs:SendMessage',
      Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
    }),
    path: ['Statement', 0, 'Principal'],
  },
  {
    code: 'resource-policy-admits-account',
    kind: 'resource',
    context: { account: ACCOUNT },
    bad: allow({
      Principal: { AWS: OTHER },
      Action: 'sqs:SendMessage',
      Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
    }),
    good: allow({
      Principal: { AWS: ACCOUNT },
      Action: 'sqs:SendMessage',
      Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs',
    }),
    path: ['Statement', 0, 'Principal', 'AWS'],
  },
  {
    code: 'key-policy-admits-anyone',
    kind: 'kms',
    bad: allow({ Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' }),
    good: allow({
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'kms:*',
      Resource: '*',
    }),
    path: ['Statement', 0, 'Principal'],
  },
  {
    code: 'key-policy-admits-account',
    kind: 'kms',
    context: { account: ACCOUNT },
    bad: allow({
      Principal: { AWS: `arn:aws:iam::${OTHER}:root` },
      Action: 'kms:Decrypt',
      Resource: '*',
    }),
    good: allow({
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'kms:*',
      Resource: '*',
    }),
    path: ['Statement', 0, 'Principal', 'AWS'],
  },
  {
    code: 'bucket-policy-public',
    kind: 'resource',
    bad: allow({ Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' }),
    good: allow({
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::site/*',
      Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
    }),
    path: ['Statement', 0, 'Principal'],
  },
];

const find = (document: unknown, c: Case): Finding[] =>
  checkPolicy(document, c.kind, ref, undefined, c.context).filter((f) => f.code === c.code);

describe.each(cases)('finding $code', (c) => {
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

/** A copy of `document` with the value at `path` replaced. */
function applyFix(document: unknown, path: JsonPath, replacement: unknown): unknown {
  const copy = structuredClone(document) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = replacement;
  return copy;
}

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
