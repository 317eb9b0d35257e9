/**
 * A realistic synthetic AWS account export, seeded: what `aws iam get-account-authorization-details`
 * prints for an account of 2,000 roles, 500 users, 100 groups and 5,000 customer managed policies,
 * beside 300 buckets' `aws s3api get-bucket-policy` outputs and an organization of 50 accounts
 * (`aws organizations …` outputs, one SCP), as files in a folder named as
 * docs/scenario-format-notes.md ("Import from the AWS CLI") says. Used by bench:import;
 * `npx tsx tests/bench/aws-dump.ts DIR [SEED]` writes one.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DUMP_ACCOUNT = '111122223333';
const ORG = 'o-a1b2c3d4e5';
const ROOT = 'r-a1b2';

/** mulberry32: a small seeded generator, so the same seed writes the same files. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTIONS = [
  ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:DeleteObject'],
  ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
  ['sqs:SendMessage', 'sqs:ReceiveMessage'],
  ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
  ['logs:CreateLogStream', 'logs:PutLogEvents'],
  ['ec2:DescribeInstances', 'ec2:StartInstances', 'ec2:StopInstances'],
  ['lambda:InvokeFunction'],
  ['secretsmanager:GetSecretValue'],
];
const TEAMS = ['web', 'data', 'payments', 'platform', 'search', 'mobile'];

export interface DumpSize {
  roles: number;
  users: number;
  groups: number;
  policies: number;
  buckets: number;
  accounts: number;
}
export const FULL_SIZE: DumpSize = {
  roles: 2_000,
  users: 500,
  groups: 100,
  policies: 5_000,
  buckets: 300,
  accounts: 50,
};

/** Writes the folder; returns its file names. */
export function writeSyntheticDump(dir: string, seed = 2026, size: DumpSize = FULL_SIZE): string[] {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const some = <T>(list: readonly T[], min: number, max: number): T[] => {
    const n = min + Math.floor(rnd() * (max - min + 1));
    return [...new Set(Array.from({ length: n }, () => pick(list)))];
  };
  const bucket = (i: number) => `acme-${TEAMS[i % TEAMS.length]}-${i}`;
  const statement = () => {
    const family = pick(ACTIONS);
    const service = family[0]!.split(':')[0]!;
    const resource =
      service === 's3'
        ? `arn:aws:s3:::${bucket(Math.floor(rnd() * size.buckets))}/*`
        : service === 'ec2' || service === 'logs'
          ? '*'
          : `arn:aws:${service}:us-east-1:${DUMP_ACCOUNT}:*`;
    return {
      Effect: rnd() < 0.05 ? 'Deny' : 'Allow',
      Action: some(family, 1, family.length),
      Resource: resource,
      ...(rnd() < 0.2
        ? { Condition: { StringEquals: { 'aws:PrincipalTag/team': pick(TEAMS) } } }
        : {}),
    };
  };
  const document = (min: number, max: number) => ({
    Version: '2012-10-17',
    Statement: Array.from({ length: min + Math.floor(rnd() * (max - min + 1)) }, statement),
  });
  const policyNames = Array.from({ length: size.policies }, (_, i) => `${pick(TEAMS)}-policy-${i}`);
  const attached = (min: number, max: number) =>
    some(policyNames, min, max).map((name) => ({
      PolicyName: name,
      PolicyArn: `arn:aws:iam::${DUMP_ACCOUNT}:policy/${name}`,
    }));
  const tags = () => [
    { Key: 'team', Value: pick(TEAMS) },
    { Key: 'env', Value: pick(['prod', 'staging', 'dev']) },
  ];
  const date = '2025-06-01T12:00:00Z';
  const groupNames = Array.from({ length: size.groups }, (_, i) => `${pick(TEAMS)}-group-${i}`);
  const dump = {
    UserDetailList: Array.from({ length: size.users }, (_, i) => ({
      Path: '/',
      UserName: `user-${i}`,
      UserId: `AIDA${String(i).padStart(16, '0')}`,
      Arn: `arn:aws:iam::${DUMP_ACCOUNT}:user/user-${i}`,
      CreateDate: date,
      GroupList: some(groupNames, 1, 2),
      AttachedManagedPolicies: attached(0, 2),
      Tags: tags(),
    })),
    GroupDetailList: groupNames.map((name, i) => ({
      Path: '/',
      GroupName: name,
      GroupId: `AGPA${String(i).padStart(16, '0')}`,
      Arn: `arn:aws:iam::${DUMP_ACCOUNT}:group/${name}`,
      CreateDate: date,
      GroupPolicyList: [],
      AttachedManagedPolicies: attached(1, 3),
    })),
    RoleDetailList: Array.from({ length: size.roles }, (_, i) => {
      const service = pick(['ec2', 'lambda', 'ecs-tasks', 'account']);
      const name = `${pick(TEAMS)}-${service}-role-${i}`;
      return {
        Path: rnd() < 0.3 ? `/${pick(TEAMS)}/` : '/',
        RoleName: name,
        RoleId: `AROA${String(i).padStart(16, '0')}`,
        Arn: `arn:aws:iam::${DUMP_ACCOUNT}:role/${name}`,
        CreateDate: date,
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal:
                service === 'account'
                  ? { AWS: `arn:aws:iam::${String(222200000000 + (i % size.accounts))}:root` }
                  : { Service: `${service}.amazonaws.com` },
              Action: 'sts:AssumeRole',
            },
          ],
        },
        InstanceProfileList:
          service === 'ec2'
            ? [{ Path: '/', InstanceProfileName: name, InstanceProfileId: `AIPA${i}`, Roles: [] }]
            : [],
        RolePolicyList:
          rnd() < 0.25 ? [{ PolicyName: 'inline', PolicyDocument: document(1, 3) }] : [],
        AttachedManagedPolicies: attached(1, 4),
        Tags: tags(),
        RoleLastUsed: { LastUsedDate: date, Region: 'us-east-1' },
      };
    }),
    Policies: policyNames.map((name, i) => ({
      PolicyName: name,
      PolicyId: `ANPA${String(i).padStart(16, '0')}`,
      Arn: `arn:aws:iam::${DUMP_ACCOUNT}:policy/${name}`,
      Path: '/',
      DefaultVersionId: 'v1',
      AttachmentCount: 1,
      IsAttachable: true,
      CreateDate: date,
      UpdateDate: date,
      PolicyVersionList: [
        { Document: document(1, 6), VersionId: 'v1', IsDefaultVersion: true, CreateDate: date },
      ],
    })),
  };
  mkdirSync(dir, { recursive: true });
  const files: Record<string, unknown> = { 'get-account-authorization-details.json': dump };
  for (let i = 0; i < size.buckets; i++)
    files[`bucket-policy.${bucket(i)}.json`] = {
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'TeamRead',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${DUMP_ACCOUNT}:root` },
            Action: ['s3:GetObject', 's3:ListBucket'],
            Resource: [`arn:aws:s3:::${bucket(i)}`, `arn:aws:s3:::${bucket(i)}/*`],
          },
          {
            Sid: 'TlsOnly',
            Effect: 'Deny',
            Principal: '*',
            Action: 's3:*',
            Resource: `arn:aws:s3:::${bucket(i)}/*`,
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          },
        ],
      }),
    };
  const ous = TEAMS.map((team, i) => ({ Id: `ou-a1b2-${String(i).padStart(8, 'x')}`, Name: team }));
  const accounts = Array.from({ length: size.accounts }, (_, i) =>
    i === 0 ? DUMP_ACCOUNT : String(222200000000 + i),
  );
  files['describe-organization.json'] = {
    Organization: {
      Id: ORG,
      Arn: `arn:aws:organizations::${accounts[1]}:organization/${ORG}`,
      FeatureSet: 'ALL',
      MasterAccountId: accounts[1],
      MasterAccountArn: `arn:aws:organizations::${accounts[1]}:account/${ORG}/${accounts[1]}`,
      MasterAccountEmail: 'root@example.com',
    },
  };
  files['list-roots.json'] = { Roots: [{ Id: ROOT, Name: 'Root', PolicyTypes: [] }] };
  files[`list-organizational-units-for-parent.${ROOT}.json`] = { OrganizationalUnits: ous };
  const byParent = new Map<string, string[]>();
  accounts.forEach((account, i) => {
    const parent = i < 2 ? ROOT : ous[i % ous.length]!.Id;
    byParent.set(parent, [...(byParent.get(parent) ?? []), account]);
  });
  for (const [parent, list] of byParent)
    files[`list-accounts-for-parent.${parent}.json`] = {
      Accounts: list.map((Id) => ({ Id, Name: `account-${Id}`, Status: 'ACTIVE' })),
    };
  files['describe-policy.p-denyleave1.json'] = {
    Policy: {
      PolicySummary: { Id: 'p-denyleave1', Name: 'DenyLeaveOrg', Type: 'SERVICE_CONTROL_POLICY' },
      Content: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
      }),
    },
  };
  files['list-targets-for-policy.p-denyleave1.json'] = {
    Targets: [{ TargetId: ROOT, Type: 'ROOT', Name: 'Root' }],
  };
  for (const [name, value] of Object.entries(files))
    writeFileSync(join(dir, name), JSON.stringify(value, null, 2));
  return Object.keys(files);
}

if (process.argv[1]?.endsWith('aws-dump.ts')) {
  const dir = process.argv[2];
  if (!dir) throw new Error('Usage: npx tsx tests/bench/aws-dump.ts DIR [SEED]');
  const names = writeSyntheticDump(dir, Number(process.argv[3] ?? 2026));
  console.log(`${names.length} files written to ${dir}`);
}
