import { describe, expect, it } from 'vitest';
import { evaluate, type EvaluationInput, type StepId } from '../../../src/engine/index.ts';
import {
  A,
  B,
  FULL_ACCESS,
  allow,
  anonymous,
  deny,
  doc,
  federated,
  identity,
  input,
  level,
  policy,
  root,
  service,
  session,
  user,
} from './helpers.ts';

const BUCKET = 'arn:aws:s3:::team-reports';
const OBJECT = `${BUCKET}/q3.csv`;
const bucketPolicy = (...statements: Record<string, unknown>[]) =>
  policy('resource', 'bucket policy', doc(...statements));
const alice = user('alice');
const web = session('Web', 's1');

type Case = [string, EvaluationInput, string, StepId?];
const decide = (cases: Case[]) =>
  it.each(cases)('%s', (_name, inp, decision, step) => {
    const r = evaluate(inp);
    expect(r.decision).toBe(decision);
    if (step) expect(r.decidingStep).toBe(step);
    // Traced and untraced evaluation agree.
    expect(evaluate(inp, { trace: false }).decision).toBe(decision);
  });

describe('evaluation flow within one account (AWS "Policy evaluation logic")', () => {
  decide([
    [
      'with no policy at all a request is implicitly denied',
      input(alice, 's3:GetObject', OBJECT),
      'implicitDeny',
      'identity-policy',
    ],
    [
      'an identity policy Allow allows',
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('s3:GetObject', OBJECT))],
      }),
      'allowed',
      'final',
    ],
    [
      'an explicit Deny overrides an Allow in the same policy',
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('s3:*'), deny('s3:GetObject'))],
      }),
      'explicitDeny',
      'explicit-deny',
    ],
    [
      'an explicit Deny in a resource policy overrides an identity Allow',
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('s3:*'))],
        resourcePolicy: bucketPolicy(deny('s3:*', `${BUCKET}/*`, { Principal: '*' })),
      }),
      'explicitDeny',
      'explicit-deny',
    ],
    [
      'NotAction allows everything except the listed actions',
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [identity({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })],
      }),
      'allowed',
    ],
    [
      'NotAction does not allow a listed action',
      input(alice, 'iam:CreateUser', '*', {
        identityPolicies: [identity({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })],
      }),
      'implicitDeny',
    ],
    [
      'NotResource denies everywhere except the listed resources',
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [
          identity(allow('s3:*'), {
            Effect: 'Deny',
            Action: 's3:*',
            NotResource: 'arn:aws:s3:::public/*',
          }),
        ],
      }),
      'explicitDeny',
    ],
    [
      'NotResource does not deny a listed resource',
      input(alice, 's3:GetObject', 'arn:aws:s3:::public/x', {
        identityPolicies: [
          identity(allow('s3:*'), {
            Effect: 'Deny',
            Action: 's3:*',
            NotResource: 'arn:aws:s3:::public/*',
          }),
        ],
      }),
      'allowed',
    ],
    [
      'a statement with errors is skipped, the rest still counts',
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [
          identity(
            { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bogus: {} } },
            allow('s3:GetObject'),
          ),
        ],
      }),
      'allowed',
    ],
    [
      'arbitrary JSON as a policy yields an implicit deny, not an exception',
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [policy('identity', 'junk', [1, { a: null }])],
      }),
      'implicitDeny',
    ],
    [
      "a group policy counts as the user's own (the model lists it)",
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [
          identity(),
          policy('identity', 'group developers', doc(allow('s3:GetObject'))),
        ],
      }),
      'allowed',
    ],
  ]);
});

describe('resource-based policies in the same account (AWS "Policy evaluation logic", resource-based policies)', () => {
  decide([
    [
      'a bucket policy naming the user ARN allows without an identity policy',
      input(alice, 's3:GetObject', OBJECT, {
        resourcePolicy: bucketPolicy(
          allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: alice.arn } }),
        ),
      }),
      'allowed',
      'resource-policy',
    ],
    [
      'a bucket policy naming the session ARN allows without an identity policy',
      input(web, 's3:GetObject', OBJECT, {
        resourcePolicy: bucketPolicy(
          allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: web.arn } }),
        ),
      }),
      'allowed',
      'resource-policy',
    ],
    [
      'a bucket policy naming the role ARN allows without an identity policy',
      input(web, 's3:GetObject', OBJECT, {
        resourcePolicy: bucketPolicy(
          allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: web.roleArn } }),
        ),
      }),
      'allowed',
    ],
    [
      'a bucket policy naming only the account delegates to identity policies',
      input(alice, 's3:GetObject', OBJECT, {
        resourcePolicy: bucketPolicy(
          allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: A } }),
        ),
      }),
      'implicitDeny',
      'identity-policy',
    ],
    [
      'account delegation plus an identity Allow allows',
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('s3:GetObject'))],
        resourcePolicy: bucketPolicy(
          allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: `arn:aws:iam::${A}:root` } }),
        ),
      }),
      'allowed',
    ],
    [
      'a bucket policy naming someone else does not help',
      input(alice, 's3:GetObject', OBJECT, {
        resourcePolicy: bucketPolicy(
          allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: user('bob').arn } }),
        ),
      }),
      'implicitDeny',
    ],
  ]);
});

describe('permissions boundaries and session policies (AWS "Policy evaluation logic" and "Session policies")', () => {
  const boundary = (...s: Record<string, unknown>[]) => policy('boundary', 'Boundary', doc(...s));
  const sessionPolicy = (...s: Record<string, unknown>[]) =>
    policy('session', 'session policy', doc(...s));
  const grantTo = (arn: string) =>
    bucketPolicy(allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: arn } }));
  decide([
    [
      'a boundary that does not allow blocks an identity Allow',
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('s3:*'))],
        boundary: boundary(allow('ec2:*')),
      }),
      'implicitDeny',
      'boundary',
    ],
    [
      'a boundary that allows lets an identity Allow through',
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('s3:*'))],
        boundary: boundary(allow('s3:Get*')),
      }),
      'allowed',
    ],
    [
      'a boundary alone grants nothing',
      input(alice, 's3:GetObject', OBJECT, { boundary: boundary(allow('s3:*')) }),
      'implicitDeny',
      'identity-policy',
    ],
    [
      'an implicit deny in the boundary does not limit a grant to the user ARN',
      input(alice, 's3:GetObject', OBJECT, {
        boundary: boundary(allow('ec2:*')),
        resourcePolicy: grantTo(alice.arn),
      }),
      'allowed',
      'resource-policy',
    ],
    [
      'an implicit deny in the boundary limits a grant to the role ARN',
      input(web, 's3:GetObject', OBJECT, {
        boundary: boundary(allow('ec2:*')),
        resourcePolicy: grantTo(web.roleArn as string),
      }),
      'implicitDeny',
      'boundary',
    ],
    [
      'an implicit deny in the boundary does not limit a grant to the session ARN',
      input(web, 's3:GetObject', OBJECT, {
        boundary: boundary(allow('ec2:*')),
        resourcePolicy: grantTo(web.arn),
      }),
      'allowed',
      'resource-policy',
    ],
    [
      'an explicit deny in the boundary always wins',
      input(web, 's3:GetObject', OBJECT, {
        boundary: boundary(allow('*'), deny('s3:*')),
        resourcePolicy: grantTo(web.arn),
      }),
      'explicitDeny',
      'explicit-deny',
    ],
    [
      'a session policy limits an identity Allow',
      input(web, 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('s3:*'))],
        sessionPolicies: [sessionPolicy(allow('ec2:*'))],
      }),
      'implicitDeny',
      'session-policy',
    ],
    [
      'a session policy that allows lets the identity Allow through',
      input(web, 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('s3:*'))],
        sessionPolicies: [sessionPolicy(allow('s3:GetObject'))],
      }),
      'allowed',
    ],
    [
      'a session policy alone grants nothing',
      input(web, 's3:GetObject', OBJECT, { sessionPolicies: [sessionPolicy(allow('s3:*'))] }),
      'implicitDeny',
      'identity-policy',
    ],
    [
      'a session policy limits a grant to the role ARN',
      input(web, 's3:GetObject', OBJECT, {
        sessionPolicies: [sessionPolicy(allow('ec2:*'))],
        resourcePolicy: grantTo(web.roleArn as string),
      }),
      'implicitDeny',
      'session-policy',
    ],
    [
      'a session policy does not limit a grant to the session ARN',
      input(web, 's3:GetObject', OBJECT, {
        sessionPolicies: [sessionPolicy(allow('ec2:*'))],
        resourcePolicy: grantTo(web.arn),
      }),
      'allowed',
      'resource-policy',
    ],
    [
      'a Deny with NotPrincipal always applies to a principal with a boundary (AWS "Permissions boundaries")',
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('s3:*'))],
        boundary: boundary(allow('s3:*')),
        resourcePolicy: bucketPolicy(
          deny('s3:*', `${BUCKET}/*`, { NotPrincipal: { AWS: [alice.arn, A] } }),
        ),
      }),
      'explicitDeny',
    ],
    [
      'without a boundary, NotPrincipal listing the user and its account exempts it',
      input(alice, 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('s3:*'))],
        resourcePolicy: bucketPolicy(
          deny('s3:*', `${BUCKET}/*`, { NotPrincipal: { AWS: [alice.arn, A] } }),
        ),
      }),
      'allowed',
    ],
    [
      'a Deny with NotPrincipal denies everyone not listed',
      input(user('bob'), 's3:GetObject', OBJECT, {
        identityPolicies: [identity(allow('s3:*'))],
        resourcePolicy: bucketPolicy(
          deny('s3:*', `${BUCKET}/*`, { NotPrincipal: { AWS: [alice.arn, A] } }),
        ),
      }),
      'explicitDeny',
    ],
  ]);
});

describe('cross-account requests (AWS "Cross-account policy evaluation logic")', () => {
  const bob = user('bob', B);
  const remote = { resourceAccount: A };
  decide([
    [
      'the resource policy alone is not enough across accounts',
      input(bob, 's3:GetObject', OBJECT, {
        ...remote,
        resourcePolicy: bucketPolicy(
          allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: bob.arn } }),
        ),
      }),
      'implicitDeny',
      'identity-policy',
    ],
    [
      'the identity policy alone is not enough across accounts',
      input(bob, 's3:GetObject', OBJECT, {
        ...remote,
        identityPolicies: [identity(allow('s3:*'))],
      }),
      'implicitDeny',
      'resource-policy',
    ],
    [
      'both sides allowing allows',
      input(bob, 's3:GetObject', OBJECT, {
        ...remote,
        identityPolicies: [identity(allow('s3:*'))],
        resourcePolicy: bucketPolicy(
          allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: B } }),
        ),
      }),
      'allowed',
      'final',
    ],
    [
      'a grant to the other account still needs the identity side',
      input(bob, 's3:GetObject', OBJECT, {
        ...remote,
        resourcePolicy: bucketPolicy(
          allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: B } }),
        ),
      }),
      'implicitDeny',
      'identity-policy',
    ],
    [
      'a boundary of the caller applies across accounts',
      input(bob, 's3:GetObject', OBJECT, {
        ...remote,
        identityPolicies: [identity(allow('s3:*'))],
        boundary: policy('boundary', 'B', doc(allow('ec2:*'))),
        resourcePolicy: bucketPolicy(
          allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: bob.arn } }),
        ),
      }),
      'implicitDeny',
      'boundary',
    ],
  ]);
});

describe('role trust policies (AWS "IAM roles" and "Policy evaluation logic")', () => {
  const role = `arn:aws:iam::${A}:role/Deploy`;
  const trust = (...s: Record<string, unknown>[]) =>
    policy('trust', 'trust policy of Deploy', doc(...s));
  const assume = { Effect: 'Allow', Action: 'sts:AssumeRole' };
  decide([
    [
      'an identity policy alone never lets anyone assume a role',
      input(alice, 'sts:AssumeRole', role, {
        identityPolicies: [identity(allow('sts:AssumeRole', role))],
        resourcePolicy: trust({ ...assume, Principal: { Service: 'ec2.amazonaws.com' } }),
      }),
      'implicitDeny',
      'resource-policy',
    ],
    [
      'a trust policy naming the user allows it in the same account',
      input(alice, 'sts:AssumeRole', role, {
        resourcePolicy: trust({ ...assume, Principal: { AWS: alice.arn } }),
      }),
      'allowed',
      'resource-policy',
    ],
    [
      'a trust policy naming only the account needs the identity policy too',
      input(alice, 'sts:AssumeRole', role, {
        resourcePolicy: trust({ ...assume, Principal: { AWS: A } }),
      }),
      'implicitDeny',
      'identity-policy',
    ],
    [
      'account trust plus an identity Allow allows',
      input(alice, 'sts:AssumeRole', role, {
        identityPolicies: [identity(allow('sts:AssumeRole', role))],
        resourcePolicy: trust({ ...assume, Principal: { AWS: A } }),
      }),
      'allowed',
    ],
    [
      "across accounts the caller's identity policy must allow too",
      input(user('bob', B), 'sts:AssumeRole', role, {
        resourceAccount: A,
        resourcePolicy: trust({ ...assume, Principal: { AWS: user('bob', B).arn } }),
      }),
      'implicitDeny',
      'identity-policy',
    ],
    [
      'across accounts both sides allowing allows',
      input(user('bob', B), 'sts:AssumeRole', role, {
        resourceAccount: A,
        identityPolicies: [identity(allow('sts:AssumeRole', role))],
        resourcePolicy: trust({ ...assume, Principal: { AWS: B } }),
      }),
      'allowed',
    ],
    [
      'the root user cannot assume roles',
      input(root(), 'sts:AssumeRole', role, {
        resourcePolicy: trust({ ...assume, Principal: { AWS: A } }),
      }),
      'implicitDeny',
      'caller',
    ],
    [
      'sts:TagSession also needs the trust policy',
      input(alice, 'sts:TagSession', role, {
        identityPolicies: [identity(allow('sts:*'))],
        resourcePolicy: trust({ ...assume, Principal: { AWS: A } }),
      }),
      'implicitDeny',
      'resource-policy',
    ],
    [
      'an EC2 service principal named by the trust policy may assume the role',
      input(service('ec2.amazonaws.com'), 'sts:AssumeRole', role, {
        resourceAccount: A,
        resourcePolicy: trust({ ...assume, Principal: { Service: 'ec2.amazonaws.com' } }),
      }),
      'allowed',
    ],
  ]);
});

describe('federated identities (AWS "IAM roles": web identity and SAML federation)', () => {
  const role = `arn:aws:iam::${A}:role/GitHubDeploy`;
  const provider = `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`;
  const gh = federated(provider);
  const trust = (principal: unknown, condition?: unknown) =>
    policy(
      'trust',
      'trust',
      doc({
        Effect: 'Allow',
        Action: 'sts:AssumeRoleWithWebIdentity',
        Principal: principal,
        ...(condition ? { Condition: condition } : {}),
      }),
    );
  const repo = { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' } };
  decide([
    [
      'a trust policy naming the provider allows the web identity',
      input(gh, 'sts:AssumeRoleWithWebIdentity', role, {
        resourceAccount: A,
        resourcePolicy: trust({ Federated: provider }),
      }),
      'allowed',
      'resource-policy',
    ],
    [
      'its conditions read the token claims from the context',
      input(gh, 'sts:AssumeRoleWithWebIdentity', role, {
        resourceAccount: A,
        resourcePolicy: trust({ Federated: provider }, repo),
        context: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' },
      }),
      'allowed',
    ],
    [
      'a claim that does not match denies',
      input(gh, 'sts:AssumeRoleWithWebIdentity', role, {
        resourceAccount: A,
        resourcePolicy: trust({ Federated: provider }, repo),
        context: { 'token.actions.githubusercontent.com:sub': 'repo:evil/app:ref:refs/heads/main' },
      }),
      'implicitDeny',
    ],
    [
      'a trust policy naming only the account does not allow a federated identity',
      input(gh, 'sts:AssumeRoleWithWebIdentity', role, {
        resourceAccount: A,
        resourcePolicy: trust({ AWS: A }),
      }),
      'implicitDeny',
      'resource-policy',
    ],
    [
      'a federated identity can do nothing else',
      input(gh, 's3:GetObject', OBJECT, {
        resourcePolicy: bucketPolicy(allow('s3:*', `${BUCKET}/*`, { Principal: '*' })),
      }),
      'implicitDeny',
    ],
  ]);
});

describe('KMS key policies (AWS KMS "Key policies")', () => {
  const key = `arn:aws:kms:us-east-1:${A}:key/1234`;
  const keyPolicy = (...s: Record<string, unknown>[]) => policy('kms', 'key policy', doc(...s));
  decide([
    [
      'an identity Allow does not count when the key policy does not allow',
      input(alice, 'kms:Decrypt', key, {
        identityPolicies: [identity(allow('kms:*'))],
        resourcePolicy: keyPolicy(allow('kms:*', '*', { Principal: { AWS: user('bob').arn } })),
      }),
      'implicitDeny',
      'resource-policy',
    ],
    [
      'a key policy delegating to the account lets identity policies count',
      input(alice, 'kms:Decrypt', key, {
        identityPolicies: [identity(allow('kms:*'))],
        resourcePolicy: keyPolicy(
          allow('kms:*', '*', { Principal: { AWS: `arn:aws:iam::${A}:root` } }),
        ),
      }),
      'allowed',
    ],
    [
      'delegation alone is not enough without an identity Allow',
      input(alice, 'kms:Decrypt', key, {
        resourcePolicy: keyPolicy(allow('kms:*', '*', { Principal: { AWS: A } })),
      }),
      'implicitDeny',
      'identity-policy',
    ],
    [
      'a key policy naming the user allows on its own',
      input(alice, 'kms:Decrypt', key, {
        resourcePolicy: keyPolicy(allow('kms:Decrypt', '*', { Principal: { AWS: alice.arn } })),
      }),
      'allowed',
      'resource-policy',
    ],
    [
      'even the root user needs the key policy',
      input(root(), 'kms:Decrypt', key, {
        resourcePolicy: keyPolicy(allow('kms:*', '*', { Principal: { AWS: alice.arn } })),
      }),
      'implicitDeny',
      'resource-policy',
    ],
    [
      'the root user is allowed when the key policy delegates to the account',
      input(root(), 'kms:Decrypt', key, {
        resourcePolicy: keyPolicy(
          allow('kms:*', '*', { Principal: { AWS: `arn:aws:iam::${A}:root` } }),
        ),
      }),
      'allowed',
      'root-user',
    ],
  ]);
});

describe('the root user (AWS "Policy evaluation logic": the root user has full access)', () => {
  decide([
    [
      'needs no identity policy in its own account',
      input(root(), 's3:GetObject', OBJECT),
      'allowed',
      'root-user',
    ],
    [
      'an explicit deny still applies',
      input(root(), 's3:GetObject', OBJECT, {
        resourcePolicy: bucketPolicy(deny('s3:*', `${BUCKET}/*`, { Principal: '*' })),
      }),
      'explicitDeny',
    ],
    [
      'SCPs still apply in a member account',
      input(root(), 's3:GetObject', OBJECT, { scps: [level('Root', doc(allow('ec2:*')))] }),
      'implicitDeny',
      'scp',
    ],
    [
      'across accounts the resource policy must allow it',
      input(root(B), 's3:GetObject', OBJECT, { resourceAccount: A }),
      'implicitDeny',
      'resource-policy',
    ],
    [
      'across accounts a grant to its account allows it',
      input(root(B), 's3:GetObject', OBJECT, {
        resourceAccount: A,
        resourcePolicy: bucketPolicy(
          allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: B } }),
        ),
      }),
      'allowed',
    ],
  ]);
});

describe('anonymous callers and services (AWS "Principal": everyone and service principals)', () => {
  decide([
    [
      'an anonymous caller is allowed by Principal "*"',
      input(anonymous, 's3:GetObject', OBJECT, {
        resourceAccount: A,
        resourcePolicy: bucketPolicy(allow('s3:GetObject', `${BUCKET}/*`, { Principal: '*' })),
      }),
      'allowed',
      'resource-policy',
    ],
    [
      'an anonymous caller is allowed by {"AWS": "*"}',
      input(anonymous, 's3:GetObject', OBJECT, {
        resourceAccount: A,
        resourcePolicy: bucketPolicy(
          allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: '*' } }),
        ),
      }),
      'allowed',
    ],
    [
      'an anonymous caller is not allowed by a grant to an account',
      input(anonymous, 's3:GetObject', OBJECT, {
        resourceAccount: A,
        resourcePolicy: bucketPolicy(
          allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: A } }),
        ),
      }),
      'implicitDeny',
      'resource-policy',
    ],
    [
      'an anonymous caller is denied without a resource policy',
      input(anonymous, 's3:GetObject', OBJECT, { resourceAccount: A }),
      'implicitDeny',
      'resource-policy',
    ],
    [
      'identity policies given for an anonymous caller are ignored',
      input(anonymous, 's3:GetObject', OBJECT, {
        resourceAccount: A,
        identityPolicies: [identity(allow('*'))],
      }),
      'implicitDeny',
    ],
    [
      'a service named by the resource policy is allowed',
      input(service('cloudtrail.amazonaws.com'), 's3:PutObject', OBJECT, {
        resourceAccount: A,
        resourcePolicy: bucketPolicy(
          allow('s3:PutObject', `${BUCKET}/*`, {
            Principal: { Service: 'cloudtrail.amazonaws.com' },
          }),
        ),
      }),
      'allowed',
      'resource-policy',
    ],
    [
      'another service is not allowed',
      input(service('config.amazonaws.com'), 's3:PutObject', OBJECT, {
        resourceAccount: A,
        resourcePolicy: bucketPolicy(
          allow('s3:PutObject', `${BUCKET}/*`, {
            Principal: { Service: 'cloudtrail.amazonaws.com' },
          }),
        ),
      }),
      'implicitDeny',
    ],
    [
      'SCPs do not apply to a service principal',
      input(service('cloudtrail.amazonaws.com'), 's3:PutObject', OBJECT, {
        resourceAccount: A,
        scps: [level('Root', doc(allow('ec2:*')))],
        resourcePolicy: bucketPolicy(
          allow('s3:PutObject', `${BUCKET}/*`, {
            Principal: { Service: 'cloudtrail.amazonaws.com' },
          }),
        ),
      }),
      'allowed',
    ],
  ]);
});

describe('SCPs and RCPs by level (AWS Organizations "Service control policies" and "Resource control policies")', () => {
  const id = { identityPolicies: [identity(allow('s3:*'))] };
  decide([
    [
      'FullAWSAccess at every level lets identity policies decide',
      input(alice, 's3:GetObject', OBJECT, {
        ...id,
        scps: [
          level('Root', FULL_ACCESS),
          level('OU Workloads', FULL_ACCESS),
          level(`Account ${A}`, FULL_ACCESS),
        ],
      }),
      'allowed',
    ],
    [
      'a level without an allowing SCP denies, even if others allow',
      input(alice, 's3:GetObject', OBJECT, {
        ...id,
        scps: [
          level('Root', FULL_ACCESS),
          level('OU Workloads', doc(allow('ec2:*'))),
          level(`Account ${A}`, FULL_ACCESS),
        ],
      }),
      'implicitDeny',
      'scp',
    ],
    [
      'a level with no SCP at all lets nothing through',
      input(alice, 's3:GetObject', OBJECT, {
        ...id,
        scps: [level('Root', FULL_ACCESS), { name: 'OU Empty', policies: [] }],
      }),
      'implicitDeny',
      'scp',
    ],
    [
      'a Deny in any SCP wins',
      input(alice, 's3:GetObject', OBJECT, {
        ...id,
        scps: [level('Root', FULL_ACCESS, doc(deny('s3:*')))],
      }),
      'explicitDeny',
      'explicit-deny',
    ],
    [
      'an SCP allow does not grant by itself',
      input(alice, 's3:GetObject', OBJECT, { scps: [level('Root', FULL_ACCESS)] }),
      'implicitDeny',
      'identity-policy',
    ],
    [
      'SCPs do not restrict service-linked roles',
      input({ ...web, serviceLinkedRole: true }, 's3:GetObject', OBJECT, {
        ...id,
        scps: [level('Root', doc(allow('ec2:*')))],
      }),
      'allowed',
    ],
    [
      'every RCP level must allow',
      input(alice, 's3:GetObject', OBJECT, {
        ...id,
        rcps: [
          level('rcp Root', doc(allow('*', '*', { Principal: '*' }))),
          level('rcp OU', doc(allow('sqs:*', '*', { Principal: '*' }))),
        ],
      }),
      'implicitDeny',
      'rcp',
    ],
    [
      'an RCP Deny wins over everything',
      input(alice, 's3:GetObject', OBJECT, {
        ...id,
        rcps: [
          level(
            'rcp Root',
            doc(
              allow('*', '*', { Principal: '*' }),
              deny('s3:*', '*', {
                Principal: '*',
                Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-1' } },
              }),
            ),
          ),
        ],
      }),
      'explicitDeny',
    ],
    [
      'an RCP Deny with a condition that holds for the org does not apply',
      input(alice, 's3:GetObject', OBJECT, {
        ...id,
        context: { 'aws:PrincipalOrgID': 'o-1' },
        rcps: [
          level(
            'rcp Root',
            doc(
              allow('*', '*', { Principal: '*' }),
              deny('s3:*', '*', {
                Principal: '*',
                Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-1' } },
              }),
            ),
          ),
        ],
      }),
      'allowed',
    ],
    [
      'RCPs apply to anonymous callers too',
      input(anonymous, 's3:GetObject', OBJECT, {
        resourceAccount: A,
        rcps: [level('rcp Root', doc(allow('sqs:*', '*', { Principal: '*' })))],
        resourcePolicy: bucketPolicy(allow('s3:GetObject', `${BUCKET}/*`, { Principal: '*' })),
      }),
      'implicitDeny',
      'rcp',
    ],
  ]);
});

describe('never throws', () => {
  it.each([
    [
      'a request without principal',
      { request: { action: 's3:GetObject', resource: '*', context: {} }, identityPolicies: [] },
    ],
    [
      'a request with a null context',
      {
        request: { principal: alice, action: 's3:GetObject', resource: '*', context: null },
        identityPolicies: [],
      },
    ],
    [
      'policies that are not objects',
      {
        request: { principal: alice, action: 's3:GetObject', resource: '*', context: {} },
        identityPolicies: [null, 3, 'x'],
      },
    ],
    [
      'a policy level without policies',
      {
        request: { principal: alice, action: 's3:GetObject', resource: '*', context: {} },
        identityPolicies: [],
        scps: [{ name: 'Root' }],
      },
    ],
  ])('%s', (_name, inp) => {
    expect(() => evaluate(inp as unknown as EvaluationInput)).not.toThrow();
    expect(evaluate(inp as unknown as EvaluationInput).decision).toMatch(
      /allowed|explicitDeny|implicitDeny/,
    );
  });
});

describe('a role as an ordinary resource', () => {
  const role = `arn:aws:iam::${A}:role/Deploy`;
  it('an action other than sts:AssumeRole* on a role is decided by identity policies, not the trust policy', () => {
    const r = evaluate(
      input(alice, 'iam:GetRole', role, {
        identityPolicies: [identity(allow('iam:GetRole', role))],
        resourcePolicy: policy(
          'trust',
          'trust',
          doc({
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { Service: 'ec2.amazonaws.com' },
          }),
        ),
      }),
    );
    expect(r.decision).toBe('allowed');
  });
});
