import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/model/index';
import { Session, doc } from './helpers';

const MGMT = '111111111111';
const MEMBER = '222222222222';
const DENY_LEAVE = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
};
const RCP = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ],
};

function world(): Scenario {
  return { format: 'iam-playground/scenario', version: 1, accounts: { [MGMT]: {}, [MEMBER]: {} } };
}

/** An organization with the member account invited, and ROOT set to the root id. */
async function withOrg(): Promise<Session> {
  return await new Session(world()).setup(
    'aws organizations create-organization',
    `ROOT=$(aws organizations list-roots --query 'Roots[0].Id' --output text)`,
    `aws organizations invite-account-to-organization --target Id=${MEMBER},Type=ACCOUNT`,
  );
}

describe('aws organizations', () => {
  it('create-organization makes the current account the management account, in the root', async () => {
    const s = new Session(world());
    expect(await s.json('aws organizations create-organization')).toMatchObject({
      Organization: {
        Id: expect.stringMatching(/^o-[a-z0-9]{10}$/),
        MasterAccountId: MGMT,
        FeatureSet: 'ALL',
      },
    });
    expect(s.scenario.organization).toEqual({
      id: expect.stringMatching(/^o-/),
      managementAccount: MGMT,
      root: { accounts: { [MGMT]: {} } },
    });
  });

  it('creates OUs under the root and under OUs, with ids to use in later commands', async () => {
    const s = await withOrg();
    const ou = (await s.json(
      'aws organizations create-organizational-unit --parent-id $ROOT --name Workloads',
    )) as { OrganizationalUnit: { Id: string; Name: string; Arn: string } };
    expect(ou.OrganizationalUnit).toEqual({
      Id: expect.stringMatching(/^ou-[a-z0-9]{4}-[a-z0-9]{8}$/),
      Name: 'Workloads',
      Arn: expect.stringContaining(':ou/o-'),
    });
    await s.setup(
      `aws organizations create-organizational-unit --parent-id ${ou.OrganizationalUnit.Id} --name Prod`,
    );
    expect(s.scenario.organization?.root?.ous).toEqual({ Workloads: { ous: { Prod: {} } } });
    const children = (await s.json(
      `aws organizations list-organizational-units-for-parent --parent-id $ROOT`,
    )) as { OrganizationalUnits: { Name: string }[] };
    expect(children.OrganizationalUnits.map((o) => o.Name)).toEqual(['Workloads']);
  });

  it('invites an account to the root and moves it into an OU', async () => {
    const s = await (
      await withOrg()
    ).setup(
      'OU=$(aws organizations create-organizational-unit --parent-id $ROOT --name Workloads --query OrganizationalUnit.Id --output text)',
    );
    await s.setup(
      `aws organizations move-account --account-id ${MEMBER} --source-parent-id $ROOT --destination-parent-id $OU`,
    );
    expect(s.scenario.organization?.root).toEqual({
      accounts: { [MGMT]: {} },
      ous: { Workloads: { accounts: { [MEMBER]: {} } } },
    });
  });

  it('creates an SCP, attaches it to an OU next to FullAWSAccess, lists and detaches it', async () => {
    const s = await (
      await withOrg()
    ).setup(
      'OU=$(aws organizations create-organizational-unit --parent-id $ROOT --name Workloads --query OrganizationalUnit.Id --output text)',
    );
    const created = (await s.json(
      `aws organizations create-policy --name DenyLeave --type SERVICE_CONTROL_POLICY --content ${doc(DENY_LEAVE)}`,
    )) as {
      Policy: {
        PolicySummary: { Id: string; Type: string; Name: string; AwsManaged: boolean };
        Content: string;
      };
    };
    expect(created.Policy.PolicySummary).toMatchObject({
      Id: expect.stringMatching(/^p-[a-z0-9]{8}$/),
      Type: 'SERVICE_CONTROL_POLICY',
      Name: 'DenyLeave',
      AwsManaged: false,
    });
    expect(JSON.parse(created.Policy.Content)).toEqual(DENY_LEAVE);
    expect(s.scenario.organization?.policies).toEqual({ DenyLeave: DENY_LEAVE });
    const id = created.Policy.PolicySummary.Id;
    await s.setup(`aws organizations attach-policy --policy-id ${id} --target-id $OU`);
    expect(s.scenario.organization?.root?.ous?.['Workloads']?.scps).toEqual([
      'FullAWSAccess',
      'DenyLeave',
    ]);
    const attached = (await s.json(
      'aws organizations list-policies-for-target --target-id $OU --filter SERVICE_CONTROL_POLICY',
    )) as { Policies: { Name: string; Id: string }[] };
    expect(attached.Policies.map((p) => [p.Name, p.Id])).toEqual([
      ['FullAWSAccess', 'p-FullAWSAccess'],
      ['DenyLeave', id],
    ]);
    await s.setup('aws organizations detach-policy --policy-id p-FullAWSAccess --target-id $OU');
    expect(s.scenario.organization?.root?.ous?.['Workloads']?.scps).toEqual(['DenyLeave']);
  });

  it('creates an RCP and attaches it beside RCPFullAWSAccess', async () => {
    const s = await withOrg();
    const created = (await s.json(
      `aws organizations create-policy --name HttpsOnly --type RESOURCE_CONTROL_POLICY --content ${doc(RCP)}`,
    )) as { Policy: { PolicySummary: { Id: string } } };
    await s.setup(
      `aws organizations attach-policy --policy-id ${created.Policy.PolicySummary.Id} --target-id ${MEMBER}`,
    );
    expect(s.scenario.organization?.root?.accounts?.[MEMBER]).toEqual({ rcps: ['HttpsOnly'] });
    const listed = (await s.json(
      `aws organizations list-policies-for-target --target-id ${MEMBER} --filter RESOURCE_CONTROL_POLICY`,
    )) as { Policies: { Name: string }[] };
    expect(listed.Policies.map((p) => p.Name)).toEqual(['RCPFullAWSAccess', 'HttpsOnly']);
    const all = (await s.json(
      'aws organizations list-policies --filter RESOURCE_CONTROL_POLICY',
    )) as {
      Policies: { Name: string }[];
    };
    expect(all.Policies.map((p) => p.Name)).toEqual(['RCPFullAWSAccess', 'HttpsOnly']);
  });

  it.each([
    [
      'any command without an organization',
      [],
      'aws organizations list-roots',
      'AWSOrganizationsNotInUseException',
      'Your account is not a member of an organization.',
    ],
    [
      'a second organization',
      ['aws organizations create-organization'],
      'aws organizations create-organization',
      'AlreadyInOrganizationException',
      'The AWS account is already a member of an organization.',
    ],
    [
      'a member account managing the organization',
      ['aws organizations create-organization', `export AWS_PROFILE=${MEMBER}`],
      'aws organizations list-roots',
      'AccessDeniedException',
      "You don't have permissions to access this resource.",
    ],
    [
      'an unknown parent',
      ['aws organizations create-organization'],
      'aws organizations create-organizational-unit --parent-id ou-nope-nope --name X',
      'ParentNotFoundException',
      "We can't find a root or OU with the ParentId that you specified.",
    ],
    [
      'an account as a parent',
      ['aws organizations create-organization'],
      `aws organizations list-organizational-units-for-parent --parent-id ${MGMT}`,
      'ParentNotFoundException',
      "We can't find a root or OU with the ParentId that you specified.",
    ],
    [
      'moving an account to an unknown parent',
      [
        'aws organizations create-organization',
        `ROOT=$(aws organizations list-roots --query 'Roots[0].Id' --output text)`,
      ],
      `aws organizations move-account --account-id ${MGMT} --source-parent-id $ROOT --destination-parent-id ou-nope-nope`,
      'ParentNotFoundException',
      "We can't find a root or OU with the ParentId that you specified.",
    ],
    [
      'an OU name in use',
      [
        'aws organizations create-organization',
        `ROOT=$(aws organizations list-roots --query 'Roots[0].Id' --output text)`,
        'aws organizations create-organizational-unit --parent-id $ROOT --name X',
      ],
      'aws organizations create-organizational-unit --parent-id $ROOT --name X',
      'DuplicateOrganizationalUnitException',
      'An OU with the same name already exists.',
    ],
    [
      'an SCP with a Principal',
      ['aws organizations create-organization'],
      `aws organizations create-policy --name P --type SERVICE_CONTROL_POLICY --content ${doc(RCP)}`,
      'MalformedPolicyDocumentException',
      "The provided policy document doesn't meet the requirements of the specified policy type.",
    ],
    [
      'an RCP without a Principal',
      ['aws organizations create-organization'],
      `aws organizations create-policy --name P --type RESOURCE_CONTROL_POLICY --content ${doc(DENY_LEAVE)}`,
      'MalformedPolicyDocumentException',
      "The provided policy document doesn't meet the requirements of the specified policy type.",
    ],
    [
      'a policy name in use',
      ['aws organizations create-organization'],
      `aws organizations create-policy --name FullAWSAccess --type SERVICE_CONTROL_POLICY --content ${doc(DENY_LEAVE)}`,
      'DuplicatePolicyException',
      'A policy with the same name already exists.',
    ],
    [
      'an unknown policy id',
      ['aws organizations create-organization'],
      `aws organizations attach-policy --policy-id p-nope --target-id ${MGMT}`,
      'PolicyNotFoundException',
      "We can't find a policy with the PolicyId that you specified.",
    ],
    [
      'an unknown target',
      ['aws organizations create-organization'],
      'aws organizations attach-policy --policy-id p-FullAWSAccess --target-id 999999999999',
      'TargetNotFoundException',
      "We can't find a root, OU, account, or email that you specified.",
    ],
    [
      'listing the policies of an unknown target',
      ['aws organizations create-organization'],
      'aws organizations list-policies-for-target --target-id 999999999999 --filter SERVICE_CONTROL_POLICY',
      'TargetNotFoundException',
      "We can't find a root, OU, account, or email that you specified.",
    ],
    [
      'attaching a policy twice',
      ['aws organizations create-organization'],
      `aws organizations attach-policy --policy-id p-FullAWSAccess --target-id ${MGMT}`,
      'DuplicatePolicyAttachmentException',
      'A policy with the same name is already attached.',
    ],
    [
      'detaching the last SCP',
      ['aws organizations create-organization'],
      `aws organizations detach-policy --policy-id p-FullAWSAccess --target-id ${MGMT}`,
      'ConstraintViolationException',
      expect.stringContaining('MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED'),
    ],
    [
      'detaching RCPFullAWSAccess',
      ['aws organizations create-organization'],
      `aws organizations detach-policy --policy-id p-RCPFullAWSAccess --target-id ${MGMT}`,
      'ConstraintViolationException',
      expect.stringContaining('RCPFullAWSAccess'),
    ],
    [
      'a policy type that does not exist',
      ['aws organizations create-organization'],
      `aws organizations create-policy --name P --type TAG_POLICY --content ${doc(DENY_LEAVE)}`,
      'ValidationError',
      expect.stringContaining('[SERVICE_CONTROL_POLICY, RESOURCE_CONTROL_POLICY]'),
    ],
  ])('refuses %s', async (_, setup, line, code, message) => {
    expect((await (await new Session(world()).setup(...setup)).run(line)).error).toEqual({
      code,
      message,
    });
  });
});
