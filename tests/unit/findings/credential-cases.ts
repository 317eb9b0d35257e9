/** Scenarios that trigger each credential finding, and close ones that do not. */
import type { JsonPath } from '../../../src/engine/types.ts';
import { RECOMMENDED_PASSWORD_POLICY } from '../../../src/findings/credential-checks.ts';
import { A, doc, scenario } from './scenario-cases.ts';

/** The clock of these cases. */
export const NOW = new Date('2026-06-01T00:00:00Z');
const OLD = '2026-01-01T00:00:00Z'; // 151 days before NOW
const RECENT = '2026-05-20T00:00:00Z';
const K1 = 'AKIAIOSFODNN7EXAMPLE';
const K2 = 'AKIAI44QH8DHBEXAMPLE';
const S3_READ_ONLY = doc({ Effect: 'Allow', Action: ['s3:Get*', 's3:List*'], Resource: '*' });

const account = (rest: Record<string, unknown>) => scenario({ accounts: { [A]: rest } });
const keys = (...list: Record<string, unknown>[]) =>
  account({ users: { bob: { accessKeys: list } } });

export interface CredentialCase {
  code: string;
  bad: unknown;
  good: unknown;
  paths: JsonPath[];
  fixes: boolean;
  /** AWS managed policies the check may compare with. */
  managed?: Map<string, unknown>;
}

export const credentialCases: CredentialCase[] = [
  {
    code: 'root-user-access-keys',
    bad: account({ rootUser: { accessKeys: true, mfa: true } }),
    good: account({ rootUser: { accessKeys: false, mfa: true } }),
    paths: [['accounts', A, 'rootUser', 'accessKeys']],
    fixes: true,
  },
  {
    code: 'root-user-without-mfa',
    bad: account({ rootUser: { mfa: false } }),
    good: account({ rootUser: { mfa: true } }),
    paths: [['accounts', A, 'rootUser', 'mfa']],
    fixes: true,
  },
  {
    code: 'console-user-without-mfa',
    bad: account({
      passwordPolicy: RECOMMENDED_PASSWORD_POLICY,
      users: { bob: { loginProfile: { created: RECENT } } },
    }),
    good: account({
      passwordPolicy: RECOMMENDED_PASSWORD_POLICY,
      users: {
        bob: {
          loginProfile: { created: RECENT },
          mfaDevices: [{ serial: `arn:aws:iam::${A}:mfa/bob` }],
        },
      },
    }),
    paths: [['accounts', A, 'users', 'bob', 'loginProfile']],
    fixes: true,
  },
  {
    code: 'access-key-not-rotated',
    bad: keys({ id: K1, status: 'Active', created: OLD, lastUsed: RECENT }),
    good: keys(
      { id: K1, status: 'Active', created: RECENT },
      { id: K2, status: 'Inactive', created: OLD },
    ),
    paths: [['accounts', A, 'users', 'bob', 'accessKeys', 0, 'created']],
    fixes: false,
  },
  {
    code: 'access-key-unused',
    bad: keys({ id: K1, status: 'Active', created: RECENT, lastUsed: '2026-02-01T00:00:00Z' }),
    good: keys({ id: K1, status: 'Active', created: RECENT, lastUsed: RECENT }),
    paths: [['accounts', A, 'users', 'bob', 'accessKeys', 0]],
    fixes: true,
  },
  {
    code: 'two-active-access-keys',
    bad: keys(
      { id: K1, status: 'Active', created: '2026-05-01T00:00:00Z', lastUsed: RECENT },
      { id: K2, status: 'Active', created: RECENT },
    ),
    good: keys(
      { id: K1, status: 'Inactive', created: '2026-05-01T00:00:00Z' },
      { id: K2, status: 'Active', created: RECENT },
    ),
    paths: [['accounts', A, 'users', 'bob', 'accessKeys']],
    fixes: true,
  },
  {
    code: 'weak-password-policy',
    bad: account({ passwordPolicy: { MinimumPasswordLength: 8, RequireSymbols: true } }),
    good: account({ passwordPolicy: RECOMMENDED_PASSWORD_POLICY }),
    paths: [['accounts', A, 'passwordPolicy']],
    fixes: true,
  },
  {
    code: 'inline-policy-on-users',
    bad: account({
      users: {
        alice: { inline: { read: S3_READ_ONLY } },
        bob: { inline: { reports: S3_READ_ONLY } },
      },
    }),
    good: account({
      policies: { Read: S3_READ_ONLY },
      groups: { readers: { policies: ['Read'] } },
      users: { alice: { groups: ['readers'] }, bob: { groups: ['readers'] } },
    }),
    paths: [
      ['accounts', A, 'users', 'alice', 'inline', 'read'],
      ['accounts', A, 'users', 'bob', 'inline', 'reports'],
    ],
    fixes: false,
  },
  {
    code: 'duplicates-managed-policy',
    bad: account({
      policies: {
        MyS3ReadOnly: doc({
          Sid: 'Mine',
          Effect: 'Allow',
          Action: ['s3:List*', 's3:Get*'],
          Resource: ['*'],
        }),
      },
    }),
    good: account({
      policies: {
        MyS3ReadOnly: doc({
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::reports/*',
        }),
      },
    }),
    paths: [['accounts', A, 'policies', 'MyS3ReadOnly']],
    fixes: false,
    managed: new Map([['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', S3_READ_ONLY]]),
  },
];
