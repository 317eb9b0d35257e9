/**
 * Fixed cases for S3 access points and S3 ACLs, which iam-simulate does not model (its source
 * in node_modules/@cloud-copilot/iam-simulate has no access points, bucket delegation or ACLs),
 * so it cannot serve as an oracle. Each case is decided with the full trace and without it, and
 * both must give AWS's answer (Amazon S3 User Guide pages named in each describe).
 */
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  type Decision,
  type EvaluationInput,
  type S3AclInput,
} from '../../../src/engine/index.ts';
import {
  A,
  B,
  allow,
  anonymous,
  deny,
  doc,
  identity,
  input,
  policy,
  user,
} from '../engine/helpers.ts';

const AP = `arn:aws:s3:us-east-1:${A}:accesspoint/finance`;
const AP_OBJECT = `${AP}/object/q3.csv`;
const BUCKET = 'arn:aws:s3:::reports';
const OBJECT = `${BUCKET}/q3.csv`;

function decided(i: EvaluationInput, aws: Decision): void {
  expect(evaluate(i).decision).toBe(aws);
  expect(evaluate(i, { trace: false }).decision).toBe(aws);
}

const delegating = doc(
  allow('s3:*', [BUCKET, `${BUCKET}/*`], {
    Principal: '*',
    Condition: { StringEquals: { 's3:DataAccessPointAccount': A } },
  }),
);
const layer = (bucketPolicy?: unknown, account = A) => ({
  name: `bucket ${BUCKET} behind access point finance`,
  resource: OBJECT,
  account,
  ...(bucketPolicy ? { policy: policy('resource', 'of bucket reports', bucketPolicy) } : {}),
});
const ctx = { 's3:DataAccessPointAccount': A, 's3:DataAccessPointArn': AP };

describe('access points ("Configuring IAM policies for using access points", "Delegating access control to access points")', () => {
  it.each<[string, EvaluationInput, Decision]>([
    [
      'same account, identity allows the access point ARN, bucket delegates',
      input(user('alice'), 's3:GetObject', AP_OBJECT, {
        identityPolicies: [identity(allow('s3:GetObject', `${AP}/object/*`))],
        resourceAccount: A,
        resourceLayers: [layer(delegating)],
        context: ctx,
      }),
      'allowed',
    ],
    [
      'identity allows only the bucket ARN, not the access point',
      input(user('alice'), 's3:GetObject', AP_OBJECT, {
        identityPolicies: [identity(allow('s3:GetObject', `${BUCKET}/*`))],
        resourceAccount: A,
        resourceLayers: [layer(delegating)],
        context: ctx,
      }),
      'implicitDeny',
    ],
    [
      'bucket of another account that does not delegate',
      input(user('alice'), 's3:GetObject', AP_OBJECT, {
        identityPolicies: [identity(allow('s3:GetObject', '*'))],
        resourceAccount: A,
        resourceLayers: [layer(undefined, B)],
        context: ctx,
      }),
      'implicitDeny',
    ],
    [
      'access point policy denies though the bucket delegates',
      input(user('alice'), 's3:GetObject', AP_OBJECT, {
        identityPolicies: [identity(allow('s3:GetObject', '*'))],
        resourcePolicy: policy(
          'resource',
          'of access point finance',
          doc(deny('s3:GetObject', `${AP}/object/*`, { Principal: '*' })),
        ),
        resourceAccount: A,
        resourceLayers: [layer(delegating)],
        context: ctx,
      }),
      'explicitDeny',
    ],
    [
      'cross-account caller allowed by the access point policy and the delegating bucket',
      input(user('bob', B), 's3:GetObject', AP_OBJECT, {
        identityPolicies: [identity(allow('s3:GetObject', '*'))],
        resourcePolicy: policy(
          'resource',
          'of access point finance',
          doc(
            allow('s3:GetObject', `${AP}/object/*`, {
              Principal: { AWS: `arn:aws:iam::${B}:user/bob` },
            }),
          ),
        ),
        resourceAccount: A,
        resourceLayers: [layer(delegating)],
        context: ctx,
      }),
      'allowed', // the bucket delegates (Principal "*" for account A's access points), so the access point policy decides
    ],
  ])('%s', (_, i, aws) => decided(i, aws));
});

const acl = (over: Partial<S3AclInput> = {}): S3AclInput => ({
  ownership: 'ObjectWriter',
  bucket: BUCKET,
  bucketOwner: A,
  bucketAcl: [],
  object: { arn: OBJECT, owner: A, acl: [] },
  ...over,
});

describe('ACLs ("Access control list (ACL) overview", "How Amazon S3 authorizes a request for an object operation")', () => {
  it.each<[string, EvaluationInput, Decision]>([
    [
      'object ACL READ to the caller account, identity allows',
      input(user('bob', B), 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('s3:GetObject'))],
        resourceAccount: A,
        s3Acl: acl({
          object: { arn: OBJECT, owner: A, acl: [{ grantee: B, permission: 'READ' }] },
        }),
      }),
      'allowed',
    ],
    [
      'object ACL READ, but an identity Deny',
      input(user('bob', B), 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('s3:GetObject'), deny('s3:GetObject'))],
        resourceAccount: A,
        s3Acl: acl({
          object: { arn: OBJECT, owner: A, acl: [{ grantee: B, permission: 'READ' }] },
        }),
      }),
      'explicitDeny',
    ],
    [
      'AllUsers READ under BucketOwnerEnforced',
      input(anonymous, 's3:GetObject', OBJECT, {
        resourceAccount: A,
        s3Acl: acl({
          ownership: 'BucketOwnerEnforced',
          object: { arn: OBJECT, owner: A, acl: [{ grantee: 'AllUsers', permission: 'READ' }] },
        }),
      }),
      'implicitDeny',
    ],
    [
      'AllUsers READ with IgnorePublicAcls',
      input(anonymous, 's3:GetObject', OBJECT, {
        resourceAccount: A,
        s3Acl: acl({
          ignorePublicAcls: ['bucket'],
          object: { arn: OBJECT, owner: A, acl: [{ grantee: 'AllUsers', permission: 'READ' }] },
        }),
      }),
      'implicitDeny',
    ],
  ])('%s', (_, i, aws) => decided(i, aws));
});
