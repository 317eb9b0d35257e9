import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importAwsOutputs, isAwsOutput } from '../../../../src/model/aws-cli/import.ts';
import { isAuthorizationDetails, type DumpFile } from '../../../../src/model/index.ts';
import { file } from './dump-file.ts';
import { loadManagedPolicyCatalog } from '../../../../src/data/managed-policies.ts';
import { evaluateScenario, loadScenario } from '../../../../src/model/index.ts';

// A folder as a user saves it: each command's output in its own file, shaped after the example
// outputs on AWS's CLI reference pages (organizations describe-organization, list-roots,
// list-organizational-units-for-parent (whose example has no Id), list-accounts-for-parent,
// list-policies, describe-policy, list-targets-for-policy; s3api get-bucket-policy; kms
// get-key-policy; sqs get-queue-attributes; sns get-topic-attributes; lambda get-policy;
// secretsmanager get-resource-policy), with the IAM dump of authorization-details.test.ts.
const DIR = 'tests/fixtures/aws-cli/account-folder/';
const names = readdirSync(DIR).sort();

const folder = (): DumpFile[] => names.map((n) => file(n, readFileSync(DIR + n, 'utf8')));

function imported(files: DumpFile[]) {
  const result = importAwsOutputs(files);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result;
}

async function decide(scenario: Record<string, unknown>, requests: unknown[]) {
  const loaded = loadScenario(JSON.stringify({ ...scenario, requests }));
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const catalog = await loadManagedPolicyCatalog();
  return evaluateScenario(loaded.scenario!, { catalog, now: new Date() }).map((r) => r.decision);
}

const A = '123456789012';
const user = (name: string) => `arn:aws:iam::${A}:user/${name}`;

describe('AWS CLI companions of the IAM dump, in one import', () => {
  it('recognises every output by its own shape, and no scenario', () => {
    for (const name of names)
      expect(isAwsOutput(JSON.parse(readFileSync(DIR + name, 'utf8'))), name).toBe(true);
    // list-policies prints a Policies list too; it is not the IAM dump.
    expect(
      isAuthorizationDetails(JSON.parse(readFileSync(DIR + 'list-policies.json', 'utf8'))),
    ).toBe(false);
    expect(isAwsOutput({ format: 'iam-playground/scenario', version: 1, Policy: '{}' })).toBe(
      false,
    );
    expect(isAwsOutput({ Policy: '{}', Extra: 1 })).toBe(false);
  });

  it('builds the organization tree, its SCPs where they are attached, and names its accounts', () => {
    const { scenario } = imported(folder());
    const org = scenario.organization as Record<string, any>;
    expect(org.id).toBe('o-exampleorgid');
    expect(org.managementAccount).toBe('111111111111');
    expect(Object.keys(org.policies)).toEqual(['AllowAllS3Actions', 'DenyIamUserChanges']);
    expect(org.root.id).toBe('r-examplerootid111');
    expect(org.root.scps).toEqual(['FullAWSAccess']);
    const accounting = org.root.ous.AccountingDepartment;
    expect(accounting.id).toBe('ou-examplerootid111-exampleouid111');
    expect(accounting.scps).toEqual(['FullAWSAccess', 'DenyIamUserChanges']);
    // FullAWSAccess's targets are given and do not name the account: only the S3 SCP is there.
    expect(accounting.accounts[A]).toEqual({ scps: ['AllowAllS3Actions'] });
    expect(org.root.ous.ProductionDepartment.scps).toEqual(['FullAWSAccess']);
    const accounts = scenario.accounts as Record<string, any>;
    expect(accounts[A].name).toBe('Developer01');
    expect(accounts['111111111111'].name).toBe('MasterAccount');
  });

  it('keys each resource policy by the ARN its output, statements or file name give', () => {
    const { scenario, notes } = imported(folder());
    expect(Object.keys(scenario.resources as object).sort()).toEqual([
      'arn:aws:kms:us-east-2:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      'arn:aws:lambda:us-west-2:123456789012:function:my-function',
      'arn:aws:s3:::MyBucket',
      'arn:aws:secretsmanager:us-west-2:123456789012:secret:MyTestSecret-a1b2c3',
      'arn:aws:sns:us-west-2:123456789012:my-topic',
      'arn:aws:sqs:us-east-1:123456789012:MyQueue',
    ]);
    // Two accounts (the organization's), but the IAM of one: the bucket policies were read with
    // its credentials, so the bucket is taken to be its own, and the report says so.
    expect((scenario.resources as Record<string, object>)['arn:aws:s3:::MyBucket']).toHaveProperty(
      'account',
      '123456789012',
    );
    expect(notes.join('\n')).toContain(
      'arn:aws:s3:::MyBucket is taken to be owned by 123456789012, the only account whose IAM (`aws iam get-account-authorization-details`) is in the import, whose credentials read the bucket policies.',
    );
    // Without that account's IAM, several accounts leave the owner untold, and the report says
    // what that changes.
    const withoutIam = imported(
      folder().filter((f) => f.name !== 'get-account-authorization-details.json'),
    );
    expect(
      (withoutIam.scenario.resources as Record<string, object>)['arn:aws:s3:::MyBucket'],
    ).not.toHaveProperty('account');
    expect(withoutIam.notes.join('\n')).toContain(
      'the import has several accounts to take it from: 1 bucket has no owner (arn:aws:s3:::MyBucket). Until you add "account": "OWNER-ACCOUNT-ID" to its entry under resources, a request to it is decided as if the caller\'s own account owned the bucket, so a cross-account request is decided as a same-account one',
    );
    expect(String(scenario.description)).toContain('`aws kms get-key-policy`');
  });

  it("takes a bucket to be the only account's and says so, since a bucket policy does not name its owner", () => {
    const dump = folder().find((f) => f.name === 'get-account-authorization-details.json')!;
    const partner = file(
      'bucket-policy.corp-data.json',
      JSON.stringify({
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'Partner',
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::999988887777:root' },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::corp-data/*',
            },
          ],
        }),
      }),
    );
    const { scenario, notes } = imported([dump, partner]);
    expect((scenario.resources as Record<string, object>)['arn:aws:s3:::corp-data']).toEqual({
      account: A,
      policy: expect.objectContaining({ Statement: [expect.objectContaining({ Sid: 'Partner' })] }),
    });
    expect(notes).toContain(
      `A bucket policy does not say which account owns the bucket: arn:aws:s3:::corp-data is taken to be owned by ${A}, the only account in the import. If it belongs to another account, change its "account" under resources.`,
    );
    expect(notes.join('\n')).not.toContain('no owner');
  });

  it('decides requests with the SCPs and resource policies imported', async () => {
    const { scenario } = imported(folder());
    const decisions = await decide(scenario, [
      // Admin, but the OU's SCP denies creating users.
      { principal: user('Alice'), action: 'iam:CreateUser', resource: '*' },
      // The account's only SCP allows S3 alone (FullAWSAccess is not attached to it).
      { principal: user('Alice'), action: 'iam:ListUsers', resource: '*' },
      { principal: user('Alice'), action: 's3:GetObject', resource: 'arn:aws:s3:::MyBucket/a.txt' },
      // The bucket policy's Deny on secret/.
      {
        principal: user('Alice'),
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::MyBucket/secret/a.txt',
      },
      // The management account is not restricted by SCPs; the queue policy lets its root send.
      {
        principal: 'arn:aws:iam::111111111111:root',
        action: 'sqs:SendMessage',
        resource: 'arn:aws:sqs:us-east-1:123456789012:MyQueue',
      },
    ]);
    expect(decisions).toEqual([
      'explicitDeny',
      'implicitDeny',
      'allowed',
      'explicitDeny',
      'allowed',
    ]);
  });

  it('takes FullAWSAccess as attached everywhere when its targets are not given, and says so', () => {
    const { scenario, notes } = imported(
      folder().filter((f) => f.name !== 'list-targets-for-policy.p-FullAWSAccess.json'),
    );
    const org = scenario.organization as Record<string, any>;
    expect(org.root.scps).toBeUndefined();
    expect(org.root.ous.AccountingDepartment.accounts[A].scps).toEqual([
      'FullAWSAccess',
      'AllowAllS3Actions',
    ]);
    expect(notes.join('\n')).toContain('FullAWSAccess is taken to be attached to every root');
  });

  it('names the file, path, line and column of what is malformed, and imports nothing', () => {
    const files = folder();
    const broken = files.map((f) =>
      f.name === 'describe-policy.p-examplepolicyid222.json'
        ? file(f.name, readFileSync(DIR + f.name, 'utf8').replace('\\"Deny\\"', '\\"Deny'))
        : f,
    );
    const result = importAwsOutputs(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem).toMatchObject({
      file: 'describe-policy.p-examplepolicyid222.json',
      path: 'Policy.Content',
      line: 3,
    });
    expect(problem!.message).toMatch(/not valid JSON/);
  });

  it('asks for what an output does not say: the parent, the policy, the resource, a document', () => {
    const problems = (files: DumpFile[]) => {
      const result = importAwsOutputs(files);
      return result.ok ? [] : result.problems.map((p) => `${p.file}: ${p.message}`);
    };
    const source = (n: string) => readFileSync(DIR + n, 'utf8');
    expect(
      problems([file('accounts.json', source('list-accounts-for-parent.r-examplerootid111.json'))]),
    ).toEqual([
      expect.stringContaining(
        'accounts.json: This output does not say which root or OU it lists: name the file after the --parent-id',
      ),
    ]);
    expect(
      problems([
        file('targets.json', source('list-targets-for-policy.p-examplepolicyid111.json')),
      ])[0],
    ).toContain('list-targets-for-policy.p-examplepolicyid111.json');
    expect(
      problems([
        file(
          'policy.json',
          source('key-policy.us-east-2.123456789012.1234abcd-12ab-34cd-56ef-1234567890ab.json'),
        ),
      ])[0],
    ).toContain('name the file key-policy.REGION.ACCOUNT.KEY-ID.json');
    // The SCP's targets without its document.
    const withoutDocument = folder().filter(
      (f) => f.name !== 'describe-policy.p-examplepolicyid222.json',
    );
    expect(problems(withoutDocument)).toEqual([
      'list-targets-for-policy.p-examplepolicyid222.json: The policy p-examplepolicyid222 is attached, but its document is not given: add the output of aws organizations describe-policy --policy-id p-examplepolicyid222.',
    ]);
    // An OU whose own parent is not given.
    const withoutOus = folder().filter(
      (f) => f.name !== 'list-organizational-units-for-parent.r-examplerootid111.json',
    );
    expect(problems(withoutOus).join('\n')).toContain(
      'list-accounts-for-parent.ou-examplerootid111-exampleouid111.json: The OU ou-examplerootid111-exampleouid111 is not in any output of list-organizational-units-for-parent given',
    );
    expect(problems([file('notes.json', '{"Something": []}')])[0]).toContain(
      'This is not an output the import knows',
    );
  });

  it('reads the organization and resource policies without an IAM dump', () => {
    const { scenario, accounts } = imported(
      folder().filter((f) => f.name !== 'get-account-authorization-details.json'),
    );
    expect(accounts).toEqual([]);
    expect(scenario.title).toBe('AWS organization o-exampleorgid');
    expect(
      loadScenario(JSON.stringify(scenario)).problems.filter((p) => p.severity === 'error'),
    ).toEqual([]);
  });
});
