/**
 * Fixed cases for the data-perimeter rules, where iam-simulate models neither VPC endpoint
 * policies nor KMS grants and cannot serve as an oracle. Each case is decided with the full trace
 * and without it (the fast path stops at the first Deny), and both must give AWS's answer.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type Decision, type EvaluationInput } from '../../../src/engine/index.ts';
import {
  A,
  B,
  allow,
  deny,
  doc,
  identity,
  input,
  policy,
  session,
  user,
} from '../engine/helpers.ts';

const BUCKET_OBJECT = 'arn:aws:s3:::reports/q3.csv';
const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const endpoint = (...statements: Record<string, unknown>[]) => ({
  id: 'vpce-0a1b2c3d',
  policy: policy('vpc-endpoint', 'of vpce-0a1b2c3d', doc(...statements)),
});
const everyone = { Principal: '*' };

function decided(i: EvaluationInput, aws: Decision): void {
  expect(evaluate(i).decision).toBe(aws);
  expect(evaluate(i, { trace: false }).decision).toBe(aws);
}

describe('VPC endpoint policies (Amazon VPC "Control access to VPC endpoints using endpoint policies")', () => {
  const base = { identityPolicies: [identity(allow('s3:*'))], resourceAccount: A };
  it.each<[string, EvaluationInput, Decision]>([
    [
      'endpoint allows, identity allows',
      input(user('alice'), 's3:GetObject', BUCKET_OBJECT, {
        ...base,
        vpcEndpoint: endpoint(allow('s3:GetObject', '*', everyone)),
      }),
      'allowed',
    ],
    [
      'endpoint silent',
      input(user('alice'), 's3:PutObject', BUCKET_OBJECT, {
        ...base,
        vpcEndpoint: endpoint(allow('s3:GetObject', '*', everyone)),
      }),
      'implicitDeny',
    ],
    [
      'endpoint denies',
      input(user('alice'), 's3:GetObject', BUCKET_OBJECT, {
        ...base,
        vpcEndpoint: endpoint(allow('*', '*', everyone), deny('s3:GetObject', '*', everyone)),
      }),
      'explicitDeny',
    ],
    [
      'endpoint allows, nothing else does',
      input(user('alice'), 's3:GetObject', BUCKET_OBJECT, {
        resourceAccount: A,
        vpcEndpoint: endpoint(allow('s3:*', '*', everyone)),
      }),
      'implicitDeny',
    ],
    [
      'endpoint names another principal',
      input(user('bob', B), 's3:GetObject', BUCKET_OBJECT, {
        ...base,
        resourcePolicy: policy(
          'resource',
          'bucket',
          doc(allow('s3:*', '*', { Principal: { AWS: B } })),
        ),
        vpcEndpoint: endpoint(
          allow('s3:*', '*', { Principal: { AWS: `arn:aws:iam::${A}:user/alice` } }),
        ),
      }),
      'implicitDeny',
    ],
    [
      'anonymous through an endpoint that allows "*"',
      input({ type: 'anonymous', arn: 'anonymous' }, 's3:GetObject', BUCKET_OBJECT, {
        resourceAccount: A,
        resourcePolicy: policy('resource', 'bucket', doc(allow('s3:GetObject', '*', everyone))),
        vpcEndpoint: endpoint(allow('s3:GetObject', '*', everyone)),
      }),
      'allowed',
    ],
  ])('%s', (_, i, aws) => decided(i, aws));
});

describe('KMS grants (AWS KMS "Grants in AWS KMS")', () => {
  const keyPolicy = policy(
    'kms',
    'key',
    doc(allow('kms:*', '*', { Principal: { AWS: `arn:aws:iam::${A}:user/admin` } })),
  );
  const grant = (grantee: string, operations: string[], extra = {}) => ({
    id: ['g'],
    name: '1',
    grantee,
    operations,
    ...extra,
  });
  it.each<[string, EvaluationInput, Decision]>([
    [
      'grant to the role allows its session',
      input(session('App'), 'kms:Decrypt', KEY, {
        resourceAccount: A,
        resourcePolicy: keyPolicy,
        kmsGrants: [grant(`arn:aws:iam::${A}:role/App`, ['Decrypt'])],
      }),
      'allowed',
    ],
    [
      'grant to one session does not allow another',
      input(session('App', 'other'), 'kms:Decrypt', KEY, {
        resourceAccount: A,
        resourcePolicy: keyPolicy,
        kmsGrants: [grant(`arn:aws:sts::${A}:assumed-role/App/session`, ['Decrypt'])],
      }),
      'implicitDeny',
    ],
    [
      'grant across accounts needs no key policy statement',
      input(user('bob', B), 'kms:Encrypt', KEY, {
        resourceAccount: A,
        resourcePolicy: keyPolicy,
        kmsGrants: [grant(`arn:aws:iam::${B}:user/bob`, ['Encrypt'])],
      }),
      'allowed',
    ],
    [
      'grant to the account needs an identity Allow',
      input(user('bob', B), 'kms:Encrypt', KEY, {
        resourceAccount: A,
        resourcePolicy: keyPolicy,
        kmsGrants: [grant(`arn:aws:iam::${B}:root`, ['Encrypt'])],
      }),
      'implicitDeny',
    ],
    [
      'grant to the account with an identity Allow',
      input(user('bob', B), 'kms:Encrypt', KEY, {
        resourceAccount: A,
        resourcePolicy: keyPolicy,
        identityPolicies: [identity(allow('kms:Encrypt'))],
        kmsGrants: [grant(`arn:aws:iam::${B}:root`, ['Encrypt'])],
      }),
      'allowed',
    ],
    [
      'explicit deny beats a grant',
      input(session('App'), 'kms:Decrypt', KEY, {
        resourceAccount: A,
        resourcePolicy: keyPolicy,
        identityPolicies: [identity(deny('kms:Decrypt'))],
        kmsGrants: [grant(`arn:aws:iam::${A}:role/App`, ['Decrypt'])],
      }),
      'explicitDeny',
    ],
    [
      'the endpoint policy still limits a grant',
      input(session('App'), 'kms:Decrypt', KEY, {
        resourceAccount: A,
        resourcePolicy: keyPolicy,
        vpcEndpoint: endpoint(allow('kms:Encrypt', '*', everyone)),
        kmsGrants: [grant(`arn:aws:iam::${A}:role/App`, ['Decrypt'])],
      }),
      'implicitDeny',
    ],
    [
      'constraint on a context operation, not met',
      input(session('App'), 'kms:Decrypt', KEY, {
        resourceAccount: A,
        resourcePolicy: keyPolicy,
        kmsGrants: [
          grant(`arn:aws:iam::${A}:role/App`, ['Decrypt'], {
            constraints: { encryptionContextEquals: { a: '1' } },
          }),
        ],
      }),
      'implicitDeny',
    ],
  ])('%s', (_, i, aws) => decided(i, aws));
});
