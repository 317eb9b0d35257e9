/** Policy documents that trigger each policy-level finding, and close ones that do not. */
import type { JsonPath, PolicyKind } from '../../../src/engine/types.ts';
import type { PolicyContext } from '../../../src/findings/index.ts';

/** A policy with one statement. */
export const policy = (statement: Record<string, unknown>) => ({
  Version: '2012-10-17',
  Statement: [statement],
});
export const allow = (rest: Record<string, unknown>) => policy({ Effect: 'Allow', ...rest });

export interface PolicyCase {
  code: string;
  kind: PolicyKind;
  context?: PolicyContext;
  /** A document that triggers the finding. */
  bad: unknown;
  /** A close document that does not. */
  good: unknown;
  /** Where the finding points, relative to the document. */
  path: JsonPath;
  /** The quick fix's replacement, when the finding has one. */
  fix?: { path: JsonPath; replacement: unknown };
}

export const ACCOUNT = '111122223333';
export const OTHER = '444455556666';
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/WebRole`;
export const assume = (principal: unknown, extra: Record<string, unknown> = {}) =>
  allow({ Principal: principal, Action: 'sts:AssumeRole', ...extra });

export const policyCases: PolicyCase[] = [
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
