/** Scenarios that trigger each scenario-level finding, and close ones that do not. */
import type { JsonPath } from '../../../src/engine/types.ts';

export const A = '111122223333';
export const B = '444455556666';
export const doc = (...Statement: Record<string, unknown>[]) => ({
  Version: '2012-10-17',
  Statement,
});
const trustFor = (service: string) =>
  doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' });

export const scenario = (rest: Record<string, unknown>) => ({
  format: 'iam-playground/scenario',
  version: 1,
  ...rest,
});

const withProfile = (trust: unknown) =>
  scenario({
    accounts: {
      [A]: {
        roles: { WebRole: { trust } },
        instanceProfiles: { WebProfile: { role: 'WebRole' } },
      },
    },
  });

const DENY_LEAVE = doc({
  Effect: 'Deny',
  Action: 'organizations:LeaveOrganization',
  Resource: '*',
});
const withScps = (scps: string[]) =>
  scenario({
    organization: {
      id: 'o-a1b2c3d4e5',
      managementAccount: '999999999999',
      policies: { DenyLeaveOrg: DENY_LEAVE },
      root: {
        accounts: { '999999999999': { scps: [] } },
        ous: { Workloads: { scps, accounts: { [A]: {} } } },
      },
    },
  });

const withUsers = (users: Record<string, unknown>, groups: Record<string, unknown> = {}) =>
  scenario({
    accounts: {
      [A]: {
        policies: { S3Read: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }) },
        users,
        groups,
      },
    },
  });

const withBucketPolicy = (statement: Record<string, unknown>) =>
  scenario({
    organization: { id: 'o-a1b2c3d4e5', root: { accounts: { [A]: {} } } },
    accounts: { [A]: {} },
    resources: {
      'arn:aws:s3:::reports': {
        account: A,
        policy: doc({
          Effect: 'Allow',
          ...statement,
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::reports/*',
        }),
      },
    },
  });

/** A role another account's auditors assume, with an external id as AWS recommends. */
const withTrust = (principal: Record<string, unknown>) =>
  scenario({
    accounts: {
      [A]: {
        roles: {
          Auditor: {
            trust: doc({
              Effect: 'Allow',
              Principal: principal,
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'sts:ExternalId': 'audit-2026' } },
            }),
          },
        },
      },
    },
  });

export interface ScenarioCase {
  code: string;
  bad: unknown;
  good: unknown;
  paths: JsonPath[];
  fixes: boolean;
}

export const scenarioCases: ScenarioCase[] = [
  {
    code: 'instance-profile-role-not-trusted-by-ec2',
    bad: withProfile(trustFor('lambda.amazonaws.com')),
    good: withProfile(trustFor('ec2.amazonaws.com')),
    paths: [['accounts', A, 'instanceProfiles', 'WebProfile', 'role']],
    fixes: true,
  },
  {
    code: 'instance-profile-role-not-trusted-by-ec2',
    bad: withProfile(undefined),
    good: withProfile(
      doc({ Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com'] }, Action: 'sts:*' }),
    ),
    paths: [['accounts', A, 'instanceProfiles', 'WebProfile', 'role']],
    fixes: true,
  },
  {
    code: 'scp-denies-everything',
    bad: withScps(['DenyLeaveOrg']),
    good: withScps(['FullAWSAccess', 'DenyLeaveOrg']),
    paths: [['organization', 'root', 'ous', 'Workloads', 'scps']],
    fixes: true,
  },
  {
    code: 'scp-denies-everything',
    bad: withScps([]),
    good: withScps(['FullAWSAccess']),
    paths: [['organization', 'root', 'ous', 'Workloads', 'scps']],
    fixes: true,
  },
  {
    code: 'policy-attached-to-users',
    bad: withUsers({
      alice: { policies: ['S3Read'] },
      bob: { policies: [`arn:aws:iam::${A}:policy/S3Read`] },
    }),
    good: withUsers(
      { alice: { groups: ['readers'] }, bob: { groups: ['readers'] } },
      { readers: { policies: ['S3Read'] } },
    ),
    paths: [
      ['accounts', A, 'users', 'alice', 'policies', 0],
      ['accounts', A, 'users', 'bob', 'policies', 0],
    ],
    fixes: false,
  },
  {
    code: 'public-access',
    bad: withBucketPolicy({ Principal: '*' }),
    good: withBucketPolicy({ Principal: { AWS: `arn:aws:iam::${A}:root` } }),
    paths: [['resources', 'arn:aws:s3:::reports', 'policy', 'Statement', 0]],
    // The world has an organization: pinning the statement to it ends the public access.
    fixes: true,
  },
  {
    code: 'external-access',
    bad: withTrust({ AWS: `arn:aws:iam::${B}:root` }),
    good: withTrust({ AWS: `arn:aws:iam::${A}:root` }),
    paths: [['accounts', A, 'roles', 'Auditor', 'trust', 'Statement', 0]],
    fixes: false,
  },
];
