import { describe, expect, it } from 'vitest';
import type { EvaluationInput } from '../../../src/engine/types.ts';
import { resolveRequest, referencedManagedPolicies } from '../../../src/model/resolve.ts';
import type { Scenario, ScenarioRequest } from '../../../src/model/scenario-types.ts';

const NOW = new Date('2026-03-04T05:06:07.890Z');
const A = '111122223333';
const B = '444455556666';
const MGMT = '111111111111';
const allow = (action: string, resource = '*') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
});
const trust = (principal: unknown, action = 'sts:AssumeRole') => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: principal, Action: action }],
});
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const catalog = new Map<string, unknown>([[READ_ONLY, allow('s3:Get*')]]);

/** A world used by most tests: two accounts in an organization, a bucket, a key, users and roles. */
function world(extra: Partial<Scenario> = {}): Scenario {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    organization: {
      id: 'o-a1b2c3d4e5',
      managementAccount: MGMT,
      policies: {
        DenyOutsideEU: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }],
        },
        OrgOnly: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }],
        },
      },
      root: {
        accounts: { [MGMT]: {} },
        ous: {
          Workloads: {
            scps: ['FullAWSAccess', 'DenyOutsideEU'],
            rcps: ['OrgOnly'],
            accounts: { [A]: {} },
          },
        },
      },
    },
    accounts: {
      [MGMT]: { roles: { Admin: { trust: trust({ AWS: MGMT }) } } },
      [A]: {
        policies: { S3Read: allow('s3:GetObject'), Boundary: allow('s3:*') },
        groups: {
          developers: { policies: ['S3Read', READ_ONLY], inline: { GroupInline: allow('sqs:*') } },
        },
        users: {
          alice: {
            path: '/eng/',
            groups: ['developers'],
            policies: ['S3Read'],
            inline: { Own: allow('ec2:*') },
            boundary: 'Boundary',
            tags: { team: 'web' },
          },
        },
        roles: {
          WebRole: {
            path: '/app/',
            trust: trust({ Service: 'ec2.amazonaws.com' }),
            policies: [READ_ONLY],
            tags: { env: 'prod' },
          },
          NoTrust: {},
          AWSServiceRoleForSupport: { path: '/aws-service-role/support.amazonaws.com/' },
        },
        instanceProfiles: { Web: { role: 'WebRole' }, Empty: {} },
      },
      [B]: { users: { bob: {} } },
    },
    resources: {
      'arn:aws:s3:::team-reports': {
        account: A,
        policy: allow('s3:GetObject', 'arn:aws:s3:::team-reports/*'),
        tags: { data: 'internal' },
      },
      'arn:aws:kms:eu-west-1:111122223333:key/with-policy': {
        policy: trust({ AWS: B }, 'kms:Decrypt'),
      },
      'arn:aws:s3:::mgmt-bucket': { account: MGMT },
    },
    ...extra,
  };
}

function resolve(request: Partial<ScenarioRequest>, scenario = world()) {
  const full: ScenarioRequest = {
    principal: 'anonymous',
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::team-reports/k',
    ...request,
  };
  return resolveRequest({ ...scenario, requests: [full] }, full, { catalog, now: NOW, index: 0 });
}

function input(request: Partial<ScenarioRequest>, scenario = world()): EvaluationInput {
  const result = resolve(request, scenario);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('; '));
  if (!result.input) throw new Error('no input');
  return result.input;
}

const names = (i: EvaluationInput) => i.identityPolicies.map((p) => p.name);

describe('principal forms', () => {
  it("a user has its own and its groups' inline, customer managed and AWS managed policies, and its boundary", () => {
    const i = input({ principal: `arn:aws:iam::${A}:user/eng/alice` });
    expect(i.request.principal).toEqual({
      type: 'user',
      arn: `arn:aws:iam::${A}:user/eng/alice`,
      account: A,
      uniqueId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/),
    });
    expect(names(i)).toEqual([
      'Own (inline, user alice)',
      'S3Read (customer managed, attached to user alice; also attached to group developers)',
      'GroupInline (inline, group developers)',
      'ReadOnlyAccess (AWS managed, attached to group developers)',
    ]);
    expect(i.identityPolicies.map((p) => p.id)).toEqual([
      ['accounts', A, 'users', 'alice', 'inline', 'Own'],
      ['accounts', A, 'policies', 'S3Read'],
      ['accounts', A, 'groups', 'developers', 'inline', 'GroupInline'],
      ['accounts', A, 'groups', 'developers', 'policies', 1],
    ]);
    expect(i.identityPolicies[3]!.document).toEqual(allow('s3:Get*'));
    expect(i.boundary).toMatchObject({
      kind: 'boundary',
      id: ['accounts', A, 'policies', 'Boundary'],
    });
  });

  it('a role ARN is a session named "session" with the role path in its role ARN', () => {
    const i = input({ principal: `arn:aws:iam::${A}:role/WebRole` });
    expect(i.request.principal).toEqual({
      type: 'role-session',
      arn: `arn:aws:sts::${A}:assumed-role/WebRole/session`,
      account: A,
      roleArn: `arn:aws:iam::${A}:role/app/WebRole`,
      sessionName: 'session',
      uniqueId: expect.stringMatching(/^AROA[A-Z2-7]{17}$/),
      serviceLinkedRole: false,
    });
    expect(names(i)).toEqual(['ReadOnlyAccess (AWS managed, attached to role WebRole)']);
  });

  it('an assumed-role ARN keeps its session name and carries its session policy', () => {
    const sessionPolicy = allow('s3:GetObject');
    const i = input({ principal: `arn:aws:sts::${A}:assumed-role/WebRole/ci-run`, sessionPolicy });
    expect(i.request.principal).toMatchObject({
      arn: `arn:aws:sts::${A}:assumed-role/WebRole/ci-run`,
      sessionName: 'ci-run',
    });
    expect(i.sessionPolicies).toEqual([
      {
        id: ['requests', 0, 'sessionPolicy'],
        name: 'of this request',
        kind: 'session',
        document: sessionPolicy,
      },
    ]);
  });

  it('the account root has no identity policies', () => {
    const i = input({ principal: `arn:aws:iam::${A}:root` });
    expect(i.request.principal).toEqual({
      type: 'root',
      arn: `arn:aws:iam::${A}:root`,
      account: A,
    });
    expect(i.identityPolicies).toEqual([]);
  });

  it('a federated provider is a federated principal of its account', () => {
    const arn = `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`;
    const i = input({
      principal: arn,
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: `arn:aws:iam::${A}:role/app/WebRole`,
    });
    expect(i.request.principal).toEqual({ type: 'federated', arn, account: A });
    expect(i.resourcePolicy?.kind).toBe('trust');
  });

  it('a service principal has a service name and no account', () => {
    const i = input({ principal: 'cloudtrail.amazonaws.com' });
    expect(i.request.principal).toEqual({
      type: 'service',
      arn: 'cloudtrail.amazonaws.com',
      serviceName: 'cloudtrail.amazonaws.com',
    });
    expect(i.identityPolicies).toEqual([]);
  });

  it('an anonymous caller is anonymous', () => {
    expect(input({ principal: 'anonymous' }).request.principal).toEqual({
      type: 'anonymous',
      arn: 'anonymous',
    });
  });

  it('an instance profile is a chain: EC2 assumes the role, then the instance session acts', () => {
    const result = resolve({ principal: `arn:aws:iam::${A}:instance-profile/Web` });
    if (!result.ok) throw new Error('not ok');
    expect(result.chain).toHaveLength(1);
    const step = result.chain[0]!;
    expect(step.title).toBe('EC2 assumes role WebRole for instance profile Web');
    expect(step.input.request).toMatchObject({
      principal: { type: 'service', serviceName: 'ec2.amazonaws.com' },
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${A}:role/app/WebRole`,
      resourceAccount: A,
    });
    expect(step.input.resourcePolicy).toMatchObject({
      kind: 'trust',
      id: ['accounts', A, 'roles', 'WebRole', 'trust'],
    });
    expect(result.input?.request.principal).toMatchObject({
      type: 'role-session',
      arn: `arn:aws:sts::${A}:assumed-role/WebRole/i-0123456789abcdef0`,
      sessionName: 'i-0123456789abcdef0',
    });
  });

  it('an empty instance profile stops the chain with its reason', () => {
    const result = resolve({ principal: `arn:aws:iam::${A}:instance-profile/Empty` });
    expect(result).toMatchObject({
      ok: true,
      chain: [],
      stop: { reason: expect.stringContaining('holds no role') },
    });
  });
});

describe('resource-based policies', () => {
  it.each([
    'sts:AssumeRole',
    'sts:AssumeRoleWithWebIdentity',
    'sts:AssumeRoleWithSAML',
    'sts:TagSession',
    'sts:SetSourceIdentity',
  ])('%s on a role ARN is decided with the role trust policy', (action) => {
    const i = input({
      principal: `arn:aws:iam::${B}:user/bob`,
      action,
      resource: `arn:aws:iam::${A}:role/app/WebRole`,
    });
    expect(i.resourcePolicy).toEqual({
      id: ['accounts', A, 'roles', 'WebRole', 'trust'],
      name: 'of role WebRole',
      kind: 'trust',
      document: trust({ Service: 'ec2.amazonaws.com' }),
    });
    expect(i.request.resourceAccount).toBe(A);
    expect(i.request.context['aws:ResourceTag/env']).toBe('prod');
  });

  it('a role without a trust policy trusts nobody', () => {
    const i = input({
      principal: `arn:aws:iam::${A}:root`,
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${A}:role/NoTrust`,
    });
    expect(i.resourcePolicy).toMatchObject({ kind: 'trust', document: { Statement: [] } });
  });

  it('other actions on a role have no resource-based policy', () => {
    const i = input({
      principal: `arn:aws:iam::${A}:root`,
      action: 'iam:GetRole',
      resource: `arn:aws:iam::${A}:role/app/WebRole`,
    });
    expect(i.resourcePolicy).toBeUndefined();
  });

  it.each(['arn:aws:s3:::team-reports', 'arn:aws:s3:::team-reports/2026/q3.csv'])(
    'the bucket policy governs %s',
    (resource) => {
      const i = input({ resource });
      expect(i.resourcePolicy).toMatchObject({
        id: ['resources', 'arn:aws:s3:::team-reports', 'policy'],
        kind: 'resource',
      });
    },
  );

  it('a KMS key policy has kind kms', () => {
    const i = input({
      principal: `arn:aws:iam::${B}:user/bob`,
      action: 'kms:Decrypt',
      resource: 'arn:aws:kms:eu-west-1:111122223333:key/with-policy',
    });
    expect(i.resourcePolicy).toMatchObject({
      kind: 'kms',
      id: ['resources', 'arn:aws:kms:eu-west-1:111122223333:key/with-policy', 'policy'],
    });
  });

  it("a KMS key without a policy has AWS's default key policy, which delegates to its account", () => {
    const i = input({
      principal: `arn:aws:iam::${A}:root`,
      action: 'kms:Decrypt',
      resource: `arn:aws:kms:eu-west-1:${A}:key/plain`,
    });
    expect(i.resourcePolicy).toMatchObject({
      kind: 'kms',
      document: {
        Statement: [
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'kms:*' },
        ],
      },
    });
    expect(i.notes).toEqual([expect.stringContaining('default key policy')]);
  });
});

describe('organization rules', () => {
  const bob = `arn:aws:iam::${B}:user/bob`;
  const alice = `arn:aws:iam::${A}:user/eng/alice`;

  it('without an organization no SCP or RCP applies', () => {
    const i = input({ principal: alice }, world({ organization: undefined }));
    expect(i.scps).toBeUndefined();
    expect(i.rcps).toBeUndefined();
    expect(i.scpExemption).toBeUndefined();
  });

  it('a node without an scps key has FullAWSAccess; an explicit list replaces it', () => {
    const i = input({ principal: alice });
    expect(i.scps?.map((l) => [l.name, l.policies.map((p) => p.name)])).toEqual([
      ['Root', ['FullAWSAccess (AWS managed)']],
      ['OU Workloads', ['FullAWSAccess (AWS managed)', 'DenyOutsideEU']],
      [`Account ${A}`, ['FullAWSAccess (AWS managed)']],
    ]);
    expect(i.scps?.[0]?.policies[0]?.document).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
  });

  it('"scps": [] leaves a level with no SCP at all', () => {
    const scenario = world();
    scenario.organization!.root!.scps = [];
    expect(input({ principal: alice }, scenario).scps?.[0]).toEqual({ name: 'Root', policies: [] });
  });

  it('RCPFullAWSAccess is on every level, with listed RCPs beside it, on the resource account path', () => {
    const i = input({ principal: bob });
    expect(i.rcps?.map((l) => [l.name, l.policies.map((p) => p.name)])).toEqual([
      ['Root', ['RCPFullAWSAccess (AWS managed)']],
      ['OU Workloads', ['RCPFullAWSAccess (AWS managed)', 'OrgOnly']],
      [`Account ${A}`, ['RCPFullAWSAccess (AWS managed)']],
    ]);
    expect(i.rcps?.[0]?.policies[0]?.document).toMatchObject({ Statement: [{ Principal: '*' }] });
  });

  it('SCPs follow the principal account: a caller outside the organization has none', () => {
    expect(input({ principal: bob }).scpExemption).toMatch(/not in the organization/);
  });

  it.each([
    ['the management account', `arn:aws:iam::${MGMT}:role/Admin`, /management account/],
    ['a service principal', 'cloudtrail.amazonaws.com', /service principals/],
    ['an anonymous caller', 'anonymous', /anonymous/],
    [
      'a service-linked role',
      `arn:aws:iam::${A}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport`,
      /service-linked/,
    ],
  ])('SCPs never restrict %s', (_, principal, reason) => {
    const i = input({ principal });
    expect(i.scps).toBeUndefined();
    expect(i.scpExemption).toMatch(reason);
  });

  it('RCPs never restrict resources of the management account', () => {
    const i = input({ principal: alice, resource: 'arn:aws:s3:::mgmt-bucket' });
    expect(i.rcps).toBeUndefined();
    expect(i.rcpExemption).toMatch(/management account/);
  });

  it('RCPs never restrict requests by service-linked roles', () => {
    const i = input({
      principal: `arn:aws:iam::${A}:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport`,
    });
    expect(i.rcps).toBeUndefined();
    expect(i.rcpExemption).toMatch(/service-linked/);
  });

  it('RCPs do restrict service principals and anonymous callers', () => {
    expect(input({ principal: 'cloudtrail.amazonaws.com' }).rcps).toHaveLength(3);
    expect(input({ principal: 'anonymous' }).rcps).toHaveLength(3);
  });

  it('RCPs apply only to the services that support them', () => {
    const i = input({ principal: alice, action: 'ec2:DescribeInstances', resource: '*' });
    expect(i.rcps).toBeUndefined();
    expect(i.rcpExemption).toMatch(/do not apply to ec2/);
  });

  it('the management account is in the organization under the root even when the tree omits it', () => {
    const scenario = world();
    scenario.organization!.root = {};
    const i = input({ principal: alice, resource: 'arn:aws:s3:::mgmt-bucket' }, scenario);
    expect(i.rcpExemption).toMatch(/management account/);
    expect(i.request.context['aws:ResourceOrgID']).toBe('o-a1b2c3d4e5');
  });
});

describe('owner of the resource', () => {
  const alice = `arn:aws:iam::${A}:user/eng/alice`;
  it.each([
    ['the resource entry account', 'arn:aws:s3:::mgmt-bucket', MGMT, undefined],
    [
      "the bucket entry's account, for an object",
      'arn:aws:s3:::team-reports/x',
      A,
      /object in bucket/,
    ],
    ['the account in the ARN', `arn:aws:sqs:eu-west-1:${B}:queue`, B, undefined],
    ["a role's account", `arn:aws:iam::${B}:role/Other`, B, undefined],
    [
      "the principal's own account, assumed",
      'arn:aws:s3:::unknown-bucket/x',
      A,
      /assumed to be the principal's account/,
    ],
    ["the principal's own account for *", '*', A, /assumed/],
  ])('is %s', (_, resource, account, note) => {
    const i = input({ principal: alice, action: 's3:GetObject', resource });
    expect(i.request.resourceAccount).toBe(account);
    expect(i.request.context['aws:ResourceAccount']).toBe(account);
    if (note) expect(i.notes?.join(' ')).toMatch(note);
    else expect(i.notes).toBeUndefined();
  });
});

describe('derived context keys (AWS "AWS global condition context keys": each key\'s Availability)', () => {
  const ctx = (request: Partial<ScenarioRequest>, scenario?: Scenario) =>
    input(request, scenario).request.context;
  // "Always included": the time keys, aws:SecureTransport and aws:ViaAWSService.
  // aws:PrincipalOrgPaths / aws:ResourceOrgPaths: the organization's entity path (org-paths.ts).
  const ORG_PATHS = [
    expect.stringMatching(/^o-a1b2c3d4e5\/r-[0-9a-z]{4}\/(ou-[0-9a-z]{4}-[0-9a-z]{8}\/)*$/),
  ];
  const time = {
    'aws:CurrentTime': '2026-03-04T05:06:07Z',
    'aws:EpochTime': 1772600767,
    'aws:SecureTransport': true,
    'aws:ViaAWSService': false,
  };

  it('an IAM user: ARN, account, type, username, userid, tags, org id; no MFA or token keys', () => {
    expect(
      ctx({ principal: `arn:aws:iam::${A}:user/eng/alice`, resource: 'arn:aws:s3:::team-reports' }),
    ).toEqual({
      ...time,
      'aws:PrincipalArn': `arn:aws:iam::${A}:user/eng/alice`,
      'aws:PrincipalAccount': A,
      'aws:PrincipalIsAWSService': false,
      'aws:PrincipalOrgID': 'o-a1b2c3d4e5',
      'aws:PrincipalOrgPaths': ORG_PATHS,
      'aws:PrincipalTag/team': 'web',
      'aws:PrincipalType': 'User',
      'aws:username': 'alice',
      'aws:userid': expect.stringMatching(/^AIDA[A-Z2-7]{17}$/),
      'aws:ResourceAccount': A,
      'aws:ResourceOrgID': 'o-a1b2c3d4e5',
      'aws:ResourceOrgPaths': ORG_PATHS,
      'aws:ResourceTag/data': 'internal',
    });
  });

  it('a role session: the role ARN as aws:PrincipalArn, role id with session, token time, MFA false', () => {
    const c = ctx({ principal: `arn:aws:sts::${A}:assumed-role/WebRole/ci` });
    expect(c).toMatchObject({
      'aws:PrincipalArn': `arn:aws:iam::${A}:role/app/WebRole`,
      'aws:PrincipalType': 'AssumedRole',
      'aws:userid': expect.stringMatching(/^AROA[A-Z2-7]{17}:ci$/),
      'aws:TokenIssueTime': '2026-03-04T05:06:07Z',
      'aws:MultiFactorAuthPresent': false,
      'aws:PrincipalTag/env': 'prod',
    });
    expect(c).not.toHaveProperty('aws:username');
  });

  it('the root user: type Account and the account id as userid', () => {
    const c = ctx({
      principal: `arn:aws:iam::${B}:root`,
      resource: `arn:aws:sqs:eu-west-1:${B}:q`,
    });
    expect(c).toEqual({
      ...time,
      'aws:PrincipalArn': `arn:aws:iam::${B}:root`,
      'aws:PrincipalAccount': B,
      'aws:PrincipalIsAWSService': false,
      'aws:PrincipalType': 'Account',
      'aws:userid': B,
      'aws:ResourceAccount': B,
    });
  });

  it('a service principal: service keys, no principal ARN or account', () => {
    expect(
      ctx({
        principal: 'cloudtrail.amazonaws.com',
        action: 's3:ListBucket',
        resource: 'arn:aws:s3:::team-reports',
      }),
    ).toEqual({
      ...time,
      'aws:PrincipalIsAWSService': true,
      'aws:PrincipalServiceName': 'cloudtrail.amazonaws.com',
      'aws:PrincipalServiceNamesList': ['cloudtrail.amazonaws.com'],
      'aws:ResourceAccount': A,
      'aws:ResourceOrgID': 'o-a1b2c3d4e5',
      'aws:ResourceOrgPaths': ORG_PATHS,
      'aws:ResourceTag/data': 'internal',
    });
  });

  it('an anonymous caller: account, type and userid (in every request), no signed-request keys', () => {
    const c = ctx({ principal: 'anonymous', resource: 'arn:aws:s3:::team-reports' });
    expect(c).toEqual({
      ...time,
      'aws:PrincipalAccount': 'anonymous',
      'aws:PrincipalType': 'Anonymous',
      'aws:userid': 'anonymous',
      'aws:ResourceAccount': A,
      'aws:ResourceOrgID': 'o-a1b2c3d4e5',
      'aws:ResourceOrgPaths': ORG_PATHS,
      'aws:ResourceTag/data': 'internal',
    });
    // Signed requests only: aws:PrincipalArn, aws:PrincipalIsAWSService; members only: org id.
    expect(c).not.toHaveProperty('aws:PrincipalArn');
    expect(c).not.toHaveProperty('aws:PrincipalIsAWSService');
    expect(c).not.toHaveProperty('aws:PrincipalOrgID');
  });

  it('an OIDC provider calling AssumeRoleWithWebIdentity: aws:FederatedProvider is its ARN', () => {
    const github = `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`;
    const c = ctx({
      principal: github,
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: `arn:aws:iam::${A}:role/app/WebRole`,
    });
    expect(c['aws:FederatedProvider']).toBe(github);
    expect(c).not.toHaveProperty('aws:PrincipalIsAWSService');
    const cognito = ctx({
      principal: `arn:aws:iam::${A}:oidc-provider/cognito-identity.amazonaws.com`,
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: `arn:aws:iam::${A}:role/app/WebRole`,
    });
    expect(cognito['aws:FederatedProvider']).toBe('cognito-identity.amazonaws.com');
  });

  it('a federated caller: only the request keys; claims come from context', () => {
    const c = ctx({
      principal: `arn:aws:iam::${A}:saml-provider/Okta`,
      action: 'sts:AssumeRoleWithSAML',
      resource: `arn:aws:iam::${A}:role/app/WebRole`,
      context: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' },
    });
    expect(Object.keys(c).sort()).toEqual(
      [
        'SAML:aud',
        'aws:CurrentTime',
        'aws:EpochTime',
        'aws:ResourceAccount',
        'aws:ResourceOrgID',
        'aws:ResourceOrgPaths',
        'aws:ResourceTag/env',
        'aws:SecureTransport',
        'aws:ViaAWSService',
      ].sort(),
    );
  });

  it("gives an S3 object's own tags as s3:ExistingObjectTag, as S3 does", () => {
    const scenario = world();
    scenario.resources!['arn:aws:s3:::team-reports/secret.csv'] = {
      tags: { classification: 'secret' },
    };
    const c = ctx(
      { principal: 'anonymous', resource: 'arn:aws:s3:::team-reports/secret.csv' },
      scenario,
    );
    expect(c['s3:ExistingObjectTag/classification']).toBe('secret');
    expect(Object.keys(c).filter((k) => k.startsWith('aws:ResourceTag/'))).toEqual([]);
  });

  it('never derives aws:SourceIp or aws:RequestedRegion, but passes them when given', () => {
    expect(ctx({ principal: 'anonymous' })).not.toHaveProperty('aws:SourceIp');
    expect(ctx({ principal: 'anonymous' })).not.toHaveProperty('aws:RequestedRegion');
    expect(
      ctx({ principal: 'anonymous', context: { 'aws:SourceIp': '203.0.113.9' } })['aws:SourceIp'],
    ).toBe('203.0.113.9');
  });

  it("the scenario's context overrides a derived key in any letter case, keeping its spelling", () => {
    const c = ctx({
      principal: `arn:aws:iam::${A}:user/eng/alice`,
      context: { 'AWS:SECURETRANSPORT': false, 'aws:principaltag/team': 'ops' },
    });
    expect(c).not.toHaveProperty('aws:SecureTransport');
    expect(c).not.toHaveProperty('aws:PrincipalTag/team');
    expect(c).toMatchObject({ 'AWS:SECURETRANSPORT': false, 'aws:principaltag/team': 'ops' });
  });

  it('reads the clock from options', () => {
    const later = resolveRequest(
      world(),
      { principal: 'anonymous', action: 's3:GetObject', resource: 'arn:aws:s3:::team-reports/k' },
      { catalog, now: new Date(0) },
    );
    expect(later.ok && later.input?.request.context['aws:EpochTime']).toBe(0);
  });
});

describe('catalog', () => {
  it('lists the AWS managed policies a scenario references', () => {
    expect(referencedManagedPolicies(world())).toEqual([READ_ONLY]);
  });

  it('reports an AWS managed policy missing from the loaded catalog as a problem', () => {
    const result = resolveRequest(
      world(),
      { principal: `arn:aws:iam::${A}:role/WebRole`, action: 's3:GetObject', resource: '*' },
      { catalog: new Map(), now: NOW },
    );
    expect(result).toMatchObject({
      ok: false,
      problems: [
        {
          code: 'managed-policy-not-loaded',
          path: ['accounts', A, 'roles', 'WebRole', 'policies', 0],
        },
      ],
    });
  });
});
