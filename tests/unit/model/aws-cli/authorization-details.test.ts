import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  importAuthorizationDetails,
  isAuthorizationDetails,
  type DumpFile,
} from '../../../../src/model/aws-cli/authorization-details.ts';
import { file } from './dump-file.ts';
import { loadManagedPolicyCatalog } from '../../../../src/data/managed-policies.ts';
import { evaluateScenario, loadScenario, validateScenario } from '../../../../src/model/index.ts';

// Shaped after the example output on AWS's page for `aws iam get-account-authorization-details`
// (IAM API reference: GetAccountAuthorizationDetails), with its quirks kept: one group's
// AttachedManagedPolicies is a single object, and the page says IsTruncated.
const FIXTURE = 'tests/fixtures/aws-cli/authorization-details.json';
const text = readFileSync(FIXTURE, 'utf8');

/** The decisions of `requests` in an imported world, with AWS's managed policies from the catalog. */
async function decisions(scenario: Record<string, unknown>, requests: unknown[]) {
  const loaded = loadScenario(JSON.stringify({ ...scenario, requests }));
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const catalog = await loadManagedPolicyCatalog();
  return evaluateScenario(loaded.scenario!, { catalog, now: new Date() }).map((r) => r.decision);
}

function imported(files: DumpFile[]) {
  const result = importAuthorizationDetails(files);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result;
}

const A = '123456789012';

describe('aws iam get-account-authorization-details into a scenario', () => {
  it('recognises the output by its lists, and never a scenario', () => {
    expect(isAuthorizationDetails(JSON.parse(text))).toBe(true);
    expect(isAuthorizationDetails({ RoleDetailList: [] })).toBe(true);
    expect(isAuthorizationDetails({ format: 'iam-playground/scenario', RoleDetailList: [] })).toBe(
      false,
    );
    expect(isAuthorizationDetails({ Roles: [] })).toBe(false);
    expect(isAuthorizationDetails([])).toBe(false);
  });

  it('reads users, groups, roles, instance profiles and the default versions of customer managed policies into a valid scenario', () => {
    const { scenario, accounts, notes } = imported([file('auth.json', text)]);
    expect(accounts).toEqual([A]);
    expect(validateScenario(scenario).filter((p) => p.severity === 'error')).toEqual([]);
    const account = (scenario.accounts as Record<string, Record<string, Record<string, unknown>>>)[
      A
    ]!;
    expect(Object.keys(account.users!)).toEqual(['Alice', 'Bob', 'Charlie']);
    expect(account.users!.Bob).toMatchObject({
      id: 'AIDA2222222222EXAMPLE',
      groups: ['Admins'],
      inline: { DenyBillingAndIAMPolicy: { Statement: { Effect: 'Deny' } } },
    });
    expect(account.users!.Charlie).toMatchObject({ groups: ['Dev'], tags: { team: 'data' } });
    // The single-object AttachedManagedPolicies of the example is read as a list of one.
    expect(account.groups!.Admins).toEqual({
      policies: ['arn:aws:iam::aws:policy/AdministratorAccess'],
    });
    // A customer managed policy of the same account is referred to by its name.
    expect(account.groups!.Dev).toEqual({ policies: ['S3-read-only-specific-bucket'] });
    expect(account.roles!.EC2role).toMatchObject({
      id: 'AROA1234567890EXAMPLE',
      trust: { Statement: [{ Principal: { Service: 'ec2.amazonaws.com' } }] },
      policies: [
        'arn:aws:iam::aws:policy/AmazonS3FullAccess',
        'arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess',
      ],
    });
    expect(account.instanceProfiles).toEqual({ EC2role: { role: 'EC2role' } });
    expect(Object.keys(account.policies!)).toEqual([
      'create-update-delete-set-managed-policies',
      'S3-read-only-specific-bucket',
    ]);
    // Nothing dropped silently: last-used dates, the AWS managed policy's document, the missing last page.
    expect(notes.join('\n')).toMatch(/1 role's last-used date is not kept/);
    expect(notes.join('\n')).toMatch(
      /1 AWS managed policy listed in the file is read from the catalog/,
    );
    expect(notes.join('\n')).toMatch(/The last page is missing/);
  });

  it('says last-used dates are lost only when the dump has them (the CLI prints {} for a role never used)', () => {
    const unused = text.replace(
      '"RoleLastUsed": { "Region": "us-west-2", "LastUsedDate": "2019-11-13T17:30:00Z" }',
      '"RoleLastUsed": {}',
    );
    expect(unused).not.toBe(text);
    expect(imported([file('auth.json', unused)]).notes.join('\n')).not.toContain('last-used');
    expect(imported([file('auth.json', text)]).notes.join('\n')).toContain('last-used');
  });

  it('decides requests in the imported world as AWS would', async () => {
    const { scenario } = imported([file('auth.json', text)]);
    const requests = [
      // Charlie reads the bucket through the Dev group's customer managed policy.
      {
        principal: `arn:aws:iam::${A}:user/Charlie`,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::amzn-s3-demo-bucket/a.txt',
      },
      {
        principal: `arn:aws:iam::${A}:user/Charlie`,
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::amzn-s3-demo-bucket/a.txt',
      },
      // Bob is an admin by group, but his inline policy denies IAM.
      {
        principal: `arn:aws:iam::${A}:user/Bob`,
        action: 'iam:CreateUser',
        resource: `arn:aws:iam::${A}:user/eve`,
      },
      {
        principal: `arn:aws:iam::${A}:user/Alice`,
        action: 'iam:CreateUser',
        resource: `arn:aws:iam::${A}:user/eve`,
      },
      // Code on an instance with the EC2role profile.
      {
        principal: `arn:aws:iam::${A}:instance-profile/EC2role`,
        action: 'dynamodb:GetItem',
        resource: `arn:aws:dynamodb:us-east-1:${A}:table/t`,
      },
    ];
    expect(await decisions(scenario, requests)).toEqual([
      'allowed',
      'implicitDeny',
      'explicitDeny',
      'allowed',
      'allowed',
    ]);
  });

  it('reads policy documents URL-encoded, as the API (not the CLI) returns them', () => {
    const raw = JSON.parse(text);
    const doc = raw.Policies[1].PolicyVersionList[0].Document;
    raw.Policies[1].PolicyVersionList[0].Document = encodeURIComponent(JSON.stringify(doc));
    raw.RoleDetailList[0].AssumeRolePolicyDocument = encodeURIComponent(
      JSON.stringify(raw.RoleDetailList[0].AssumeRolePolicyDocument),
    );
    const { scenario } = imported([file('raw.json', JSON.stringify(raw))]);
    const account = (scenario.accounts as Record<string, Record<string, Record<string, unknown>>>)[
      A
    ]!;
    expect(account.policies!['S3-read-only-specific-bucket']).toEqual(doc);
    expect(account.roles!.EC2role).toMatchObject({ trust: { Version: '2012-10-17' } });
  });

  it('merges pages of one account and dumps of several accounts into one world', async () => {
    const raw = JSON.parse(text);
    const page1 = { UserDetailList: raw.UserDetailList, IsTruncated: true, Marker: 'm1' };
    const page2 = {
      GroupDetailList: raw.GroupDetailList,
      RoleDetailList: raw.RoleDetailList,
      Policies: raw.Policies,
      IsTruncated: false,
    };
    const B = '444455556666';
    const other = {
      RoleDetailList: [
        {
          RoleName: 'Auditor',
          RoleId: 'AROAAUDITOR123456789',
          Path: '/',
          Arn: `arn:aws:iam::${B}:role/Auditor`,
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${A}:user/Alice` },
                Action: 'sts:AssumeRole',
              },
            ],
          },
        },
      ],
    };
    const result = imported([
      file('page2.json', JSON.stringify(page2)),
      file('page1.json', JSON.stringify(page1)),
      file('other.json', JSON.stringify(other)),
    ]);
    expect(result.accounts).toEqual([A, B]);
    // Two pages in any order, one of them the last: no "missing page" note.
    expect(result.notes.join('\n')).not.toMatch(/last page is missing/);
    const requests = [
      {
        principal: `arn:aws:iam::${A}:user/Alice`,
        action: 'sts:AssumeRole',
        resource: `arn:aws:iam::${B}:role/Auditor`,
      },
      {
        principal: `arn:aws:iam::${A}:user/Charlie`,
        action: 'sts:AssumeRole',
        resource: `arn:aws:iam::${B}:role/Auditor`,
      },
    ];
    expect(await decisions(result.scenario, requests)).toEqual(['allowed', 'implicitDeny']);
  });

  it('says which copy it kept when two files hold the same entity', () => {
    const result = imported([file('a.json', text), file('b.json', text)]);
    expect(result.notes).toContain(
      `The user Alice of account ${A} is in a.json and in b.json; the copy in b.json is kept.`,
    );
  });

  it('names the file, the JSON path, the line and the column of what is malformed, and imports nothing', () => {
    const raw = JSON.parse(text);
    raw.RoleDetailList[0].AssumeRolePolicyDocument = '%7B%22Version%22%3A';
    raw.UserDetailList[1].Arn = 'arn:aws:iam::12345:user/Bob';
    delete raw.Policies[0].PolicyVersionList[0].IsDefaultVersion;
    raw.Policies[0].DefaultVersionId = 'v9';
    const source = JSON.stringify(raw, null, 2);
    const result = importAuthorizationDetails([file('broken.json', source)]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.file, p.path])).toEqual([
      ['broken.json', 'UserDetailList[1].Arn'],
      ['broken.json', 'RoleDetailList[0].AssumeRolePolicyDocument'],
      ['broken.json', 'Policies[0].PolicyVersionList'],
    ]);
    const arnProblem = result.problems[0]!;
    expect(arnProblem.message).toContain('"12345" is not a 12-digit account id');
    // The line is where the value stands in the file's text.
    expect(source.split('\n')[arnProblem.line! - 1]).toContain('arn:aws:iam::12345:user/Bob');
    expect(result.problems[2]!.message).toContain('no default version (v9)');
  });

  it('refuses a file that is not such output, and keeps hostile names as plain keys', () => {
    const refused = importAuthorizationDetails([file('x.json', '{"Users": []}')]);
    expect(refused).toMatchObject({ ok: false, problems: [{ file: 'x.json' }] });
    const hostile = {
      UserDetailList: [
        { UserName: '__proto__', Arn: `arn:aws:iam::${A}:user/__proto__`, GroupList: [] },
      ],
    };
    const { scenario } = imported([file('h.json', JSON.stringify(hostile))]);
    const users = (scenario.accounts as Record<string, Record<string, object>>)[A]!.users!;
    expect(Object.hasOwn(users, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(users)).toBe(Object.prototype);
  });
});
