import { describe, expect, it } from 'vitest';
import { evaluateScenario, type Scenario, type ScenarioRequest } from '../../../src/model/index.ts';

/**
 * End to end through the engine: one world, a request per principal form and organization rule,
 * each with the decision AWS makes.
 */
const ORG = 'o-a1b2c3d4e5';
const MGMT = '111111111111';
const A = '111122223333';
const B = '444455556666';
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const allowAll = doc({ Effect: 'Allow', Action: '*', Resource: '*' });

const world: Scenario = {
  format: 'iam-playground/scenario',
  version: 1,
  organization: {
    id: ORG,
    managementAccount: MGMT,
    policies: {
      DenyDeletes: doc({ Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }),
      OnlyOrgMayUseS3: doc({
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: {
          StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        },
      }),
    },
    root: {
      scps: ['FullAWSAccess', 'DenyDeletes'],
      rcps: ['OnlyOrgMayUseS3'],
      accounts: { [MGMT]: {} },
      ous: { Workloads: { accounts: { [A]: {} } } },
    },
  },
  accounts: {
    [MGMT]: { users: { boss: { inline: { all: allowAll } } } },
    [A]: {
      users: { alice: { inline: { all: allowAll } } },
      roles: {
        Deployer: {
          trust: doc({
            Effect: 'Allow',
            Principal: { AWS: [`arn:aws:iam::${B}:root`, `arn:aws:iam::${A}:user/alice`] },
            Action: 'sts:AssumeRole',
          }),
          inline: { s3: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) },
        },
        GitHubDeploy: {
          trust: doc({
            Effect: 'Allow',
            Principal: {
              Federated: `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`,
            },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/*' } },
          }),
        },
        AWSServiceRoleForBackup: {
          path: '/aws-service-role/backup.amazonaws.com/',
          inline: { s3: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) },
        },
      },
    },
    [B]: { users: { bob: { inline: { all: allowAll } } } },
  },
  resources: {
    'arn:aws:s3:::a-bucket': {
      account: A,
      policy: doc(
        {
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: 'arn:aws:s3:::a-bucket/AWSLogs/*',
        },
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::a-bucket/public/*',
        },
      ),
    },
    'arn:aws:s3:::mgmt-site': {
      account: MGMT,
      policy: doc({
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::mgmt-site/*',
      }),
    },
  },
};

const alice = `arn:aws:iam::${A}:user/alice`;
const deployer = `arn:aws:iam::${A}:role/Deployer`;
const github = `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`;
const readOnlySession = doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });

const CASES: [string, Omit<ScenarioRequest, 'expect'>, string][] = [
  [
    'a user allowed by its identity policy',
    { principal: alice, action: 's3:GetObject', resource: 'arn:aws:s3:::a-bucket/x' },
    'allowed',
  ],
  [
    'an SCP deny binds a member user',
    { principal: alice, action: 's3:DeleteObject', resource: 'arn:aws:s3:::a-bucket/x' },
    'explicitDeny',
  ],
  [
    'an SCP deny binds a member root user',
    {
      principal: `arn:aws:iam::${A}:root`,
      action: 's3:DeleteObject',
      resource: 'arn:aws:s3:::a-bucket/x',
    },
    'explicitDeny',
  ],
  [
    'SCPs never bind the management account',
    {
      principal: `arn:aws:iam::${MGMT}:user/boss`,
      action: 's3:DeleteObject',
      resource: 'arn:aws:s3:::mgmt-site/x',
    },
    'allowed',
  ],
  [
    'SCPs never bind service-linked roles',
    {
      principal: `arn:aws:iam::${A}:role/aws-service-role/backup.amazonaws.com/AWSServiceRoleForBackup`,
      action: 's3:DeleteObject',
      resource: 'arn:aws:s3:::a-bucket/x',
    },
    'allowed',
  ],
  [
    'a role ARN acts as a session of the role',
    { principal: deployer, action: 's3:PutObject', resource: 'arn:aws:s3:::a-bucket/x' },
    'allowed',
  ],
  [
    'a session policy limits a role session',
    {
      principal: `arn:aws:sts::${A}:assumed-role/Deployer/ci`,
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::a-bucket/x',
      sessionPolicy: readOnlySession,
    },
    'implicitDeny',
  ],
  [
    'a session policy lets through what it allows',
    {
      principal: `arn:aws:sts::${A}:assumed-role/Deployer/ci`,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::a-bucket/x',
      sessionPolicy: readOnlySession,
    },
    'allowed',
  ],
  [
    'the trust policy lets a same-account user assume the role',
    { principal: alice, action: 'sts:AssumeRole', resource: deployer },
    'allowed',
  ],
  [
    'a trusted account outside the organization may assume the role',
    { principal: `arn:aws:iam::${B}:user/bob`, action: 'sts:AssumeRole', resource: deployer },
    'allowed',
  ],
  [
    'the account root user cannot assume roles',
    { principal: `arn:aws:iam::${B}:root`, action: 'sts:AssumeRole', resource: deployer },
    'implicitDeny',
  ],
  [
    'an RCP denies an outside caller on a member account bucket',
    {
      principal: `arn:aws:iam::${B}:user/bob`,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::a-bucket/public/x',
    },
    'explicitDeny',
  ],
  [
    'an RCP binds anonymous callers too',
    { principal: 'anonymous', action: 's3:GetObject', resource: 'arn:aws:s3:::a-bucket/public/x' },
    'explicitDeny',
  ],
  [
    'RCPs never bind management account resources',
    {
      principal: 'anonymous',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::mgmt-site/index.html',
    },
    'allowed',
  ],
  [
    'anonymous callers get only what principal * grants',
    {
      principal: 'anonymous',
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::mgmt-site/index.html',
    },
    'implicitDeny',
  ],
  [
    'a service principal allowed by the bucket policy',
    {
      principal: 'cloudtrail.amazonaws.com',
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::a-bucket/AWSLogs/1.json',
    },
    'allowed',
  ],
  [
    'a service principal has no identity policy to fall back on',
    {
      principal: 'cloudtrail.amazonaws.com',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::a-bucket/AWSLogs/1.json',
    },
    'implicitDeny',
  ],
  [
    'a federated identity whose claim matches the trust policy',
    {
      principal: github,
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: `arn:aws:iam::${A}:role/GitHubDeploy`,
      context: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:ref:refs/heads/main' },
    },
    'allowed',
  ],
  [
    'a federated identity whose claim does not match',
    {
      principal: github,
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: `arn:aws:iam::${A}:role/GitHubDeploy`,
      context: { 'token.actions.githubusercontent.com:sub': 'repo:evil/app:ref:refs/heads/main' },
    },
    'implicitDeny',
  ],
];

describe('decisions in one world', () => {
  const results = evaluateScenario(
    { ...world, requests: CASES.map(([, request]) => request) },
    { catalog: new Map(), now: new Date('2026-01-01T00:00:00Z') },
  );
  it.each(CASES.map(([title, , decision], i) => [title, decision, i] as const))(
    '%s: %s',
    (_, decision, i) => {
      expect(results[i]!.decision, results[i]!.trace.summary).toBe(decision);
    },
  );
});
