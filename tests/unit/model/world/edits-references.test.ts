/**
 * Renames and deletions keep references consistent: every place an entity is named follows a
 * rename or lets go on a delete, and nothing else changes (same names in other accounts, other
 * kinds, longer names, unrelated policies). Also the edits that set, clear or toggle one field.
 */
import { describe, expect, it } from 'vitest';
import {
  addAccount,
  addGroup,
  addInstanceProfile,
  addOrganization,
  addOrgPolicy,
  addOu,
  addPolicy,
  addRequest,
  addResource,
  addRole,
  addUser,
  attachOrgPolicy,
  attachPolicy,
  deleteIdentity,
  deleteInstanceProfile,
  deleteOrgPolicy,
  deletePolicy,
  detachPolicy,
  emptyScenario,
  moveAccount,
  ORG_ROOT,
  renameAccount,
  renameIdentity,
  renameInstanceProfile,
  renameOrgPolicy,
  renamePolicy,
  renameResource,
  setBoundary,
  setGroupMembership,
  setProfileRole,
  type ScenarioDocument as Scenario,
} from '../../../../src/model/world/index.ts';
import { getIn, setIn } from '../../../../src/model/json-path.ts';
import { identityUniqueId } from '../../../../src/model/world/index.ts';

const A = '111122223333';
const B = '444455556666';

/** Requests made by each principal, in order, so a test can read back what became of each. */
function withPrincipals(s: Scenario, principals: readonly string[]): Scenario {
  for (const principal of principals) s = addRequest(s, { principal, action: 's3:GetObject' });
  return s;
}

const principals = (s: Scenario): unknown[] =>
  (s['requests'] as { principal: unknown }[]).map((r) => r.principal);

/**
 * Two accounts using the same names. In A: alice (in developers and admins), WebRole in WebProfile,
 * policies S3Read and Other. In B: its own alice in its own developers, its own WebRole in a profile,
 * and its own S3Read; B's bob uses A's S3Read by ARN.
 */
function world(): Scenario {
  let s = addAccount(addAccount(emptyScenario(), A, 'dev'), B, 'prod');
  for (const account of [A, B]) {
    s = addUser(s, account, 'alice');
    s = addGroup(s, account, 'developers');
    s = addRole(s, account, 'WebRole');
    s = addInstanceProfile(s, account, 'WebProfile', 'WebRole');
    s = addPolicy(s, account, 'S3Read');
    s = setGroupMembership(s, account, 'alice', 'developers', true);
  }
  s = addGroup(s, A, 'admins');
  s = setGroupMembership(s, A, 'alice', 'admins', true);
  s = addRole(s, A, 'OtherRole');
  s = addInstanceProfile(s, A, 'OtherProfile', 'OtherRole');
  s = addPolicy(s, A, 'Other');
  s = addUser(s, B, 'bob');
  return s;
}

describe('renaming an identity', () => {
  it('renames a user in request principals, with or without a path, and nowhere else', () => {
    const before = [
      `arn:aws:iam::${A}:user/alice`,
      `arn:aws:iam::${A}:user/team/alice`,
      `arn:aws:iam::${B}:user/alice`,
      `arn:aws:iam::${A}:user/alice2`,
      `arn:aws:iam::${A}:role/alice`,
      `arn:aws:sts::${A}:assumed-role/alice/s`,
      'alice',
    ];
    const s = renameIdentity(withPrincipals(world(), before), A, 'users', 'alice', 'alicia');
    expect(principals(s)).toEqual([
      `arn:aws:iam::${A}:user/alicia`,
      `arn:aws:iam::${A}:user/team/alicia`,
      ...before.slice(2),
    ]);
    expect(getIn(s, ['accounts', A, 'users', 'alicia', 'groups'])).toEqual([
      'developers',
      'admins',
    ]);
    expect(getIn(s, ['accounts', B, 'users', 'alice'])).toBeDefined();
  });

  it('renames a role in its ARNs, its sessions and the instance profiles of its account', () => {
    const before = [
      `arn:aws:iam::${A}:role/WebRole`,
      `arn:aws:iam::${A}:role/service/WebRole`,
      `arn:aws:sts::${A}:assumed-role/WebRole/my-session`,
      `arn:aws:sts::${B}:assumed-role/WebRole/my-session`,
      `arn:aws:sts::${A}:assumed-role/WebRoleX/my-session`,
      `arn:aws:iam::${B}:role/WebRole`,
      `arn:aws:iam::${A}:user/WebRole`,
      `arn:aws:iam::${A}:instance-profile/WebRole`,
    ];
    const s = renameIdentity(withPrincipals(world(), before), A, 'roles', 'WebRole', 'AppRole');
    expect(principals(s)).toEqual([
      `arn:aws:iam::${A}:role/AppRole`,
      `arn:aws:iam::${A}:role/service/AppRole`,
      `arn:aws:sts::${A}:assumed-role/AppRole/my-session`,
      ...before.slice(3),
    ]);
    expect(getIn(s, ['accounts', A, 'instanceProfiles'])).toEqual({
      WebProfile: { role: 'AppRole' },
      OtherProfile: { role: 'OtherRole' },
    });
    expect(getIn(s, ['accounts', B, 'instanceProfiles', 'WebProfile'])).toEqual({
      role: 'WebRole',
    });
  });

  it('renames a group in the memberships of its own account only, keeping their order', () => {
    let s = attachPolicy(world(), A, 'users', 'alice', 'developers');
    s = withPrincipals(s, [`arn:aws:iam::${A}:group/developers`]);
    s = renameIdentity(s, A, 'groups', 'developers', 'devs');
    expect(getIn(s, ['accounts', A, 'users', 'alice', 'groups'])).toEqual(['devs', 'admins']);
    expect(getIn(s, ['accounts', A, 'users', 'alice', 'policies'])).toEqual(['developers']);
    expect(getIn(s, ['accounts', B, 'users', 'alice', 'groups'])).toEqual(['developers']);
    expect(principals(s)).toEqual([`arn:aws:iam::${A}:group/developers`]);
  });

  it('keeps the renamed entry where it stood among the others', () => {
    const s = renameIdentity(world(), A, 'groups', 'developers', 'devs');
    expect(Object.keys(getIn(s, ['accounts', A, 'groups']) as object)).toEqual(['devs', 'admins']);
  });

  it('renames an instance profile in the requests made through it, and nowhere else', () => {
    const before = [
      `arn:aws:iam::${A}:instance-profile/WebProfile`,
      `arn:aws:iam::${A}:instance-profile/web/WebProfile`,
      `arn:aws:iam::${B}:instance-profile/WebProfile`,
      `arn:aws:iam::${A}:role/WebProfile`,
    ];
    const s = renameInstanceProfile(withPrincipals(world(), before), A, 'WebProfile', 'AppProfile');
    expect(principals(s)).toEqual([
      `arn:aws:iam::${A}:instance-profile/AppProfile`,
      `arn:aws:iam::${A}:instance-profile/web/AppProfile`,
      ...before.slice(2),
    ]);
    expect(getIn(s, ['accounts', A, 'instanceProfiles', 'AppProfile'])).toEqual({
      role: 'WebRole',
    });
  });

  it.each([
    ['an unknown user', (s: Scenario) => renameIdentity(s, A, 'users', 'nobody', 'x')],
    ['an empty new name', (s: Scenario) => renameIdentity(s, A, 'groups', 'developers', '')],
    ['a taken role name', (s: Scenario) => renameIdentity(s, A, 'roles', 'WebRole', 'OtherRole')],
    [
      'an unknown account',
      (s: Scenario) => renameIdentity(s, '999999999999', 'users', 'alice', 'x'),
    ],
    ['an unknown profile', (s: Scenario) => renameInstanceProfile(s, A, 'nobody', 'x')],
    ['an empty profile name', (s: Scenario) => renameInstanceProfile(s, A, 'WebProfile', '')],
    [
      'a taken profile name',
      (s: Scenario) => renameInstanceProfile(s, A, 'WebProfile', 'OtherProfile'),
    ],
    ['an unknown policy', (s: Scenario) => renamePolicy(s, A, 'nobody', 'x')],
    ['an empty policy name', (s: Scenario) => renamePolicy(s, A, 'S3Read', '')],
    ['a taken policy name', (s: Scenario) => renamePolicy(s, A, 'S3Read', 'Other')],
  ])('refuses %s, returning the scenario itself', (_, edit) => {
    const s = withPrincipals(world(), [`arn:aws:iam::${A}:user/alice`]);
    expect(edit(s)).toBe(s);
  });
});

describe('deleting an identity or an instance profile', () => {
  it('deletes a group from the memberships of its own account only', () => {
    const s = deleteIdentity(world(), A, 'groups', 'developers');
    expect(getIn(s, ['accounts', A, 'groups', 'developers'])).toBeUndefined();
    expect(getIn(s, ['accounts', A, 'users', 'alice', 'groups'])).toEqual(['admins']);
    expect(getIn(s, ['accounts', B, 'users', 'alice', 'groups'])).toEqual(['developers']);
  });

  it('empties the instance profiles of its account that held a deleted role, keeping their other fields', () => {
    let s = setIn(world(), ['accounts', A, 'instanceProfiles', 'WebProfile', 'path'], '/web/');
    s = deleteIdentity(s as Scenario, A, 'roles', 'WebRole');
    expect(getIn(s, ['accounts', A, 'instanceProfiles'])).toEqual({
      WebProfile: { path: '/web/' },
      OtherProfile: { role: 'OtherRole' },
    });
    expect(getIn(s, ['accounts', B, 'instanceProfiles', 'WebProfile'])).toEqual({
      role: 'WebRole',
    });
  });

  it('keeps the requests of a deleted user, role or instance profile', () => {
    const before = [
      `arn:aws:iam::${A}:user/alice`,
      `arn:aws:iam::${A}:role/WebRole`,
      `arn:aws:iam::${A}:instance-profile/WebProfile`,
    ];
    let s = withPrincipals(world(), before);
    s = deleteIdentity(s, A, 'users', 'alice');
    s = deleteIdentity(s, A, 'roles', 'WebRole');
    s = deleteInstanceProfile(s, A, 'WebProfile');
    expect(getIn(s, ['accounts', A, 'users', 'alice'])).toBeUndefined();
    expect(getIn(s, ['accounts', A, 'instanceProfiles'])).toEqual({
      OtherProfile: { role: 'OtherRole' },
    });
    expect(principals(s)).toEqual(before);
  });

  it.each([
    ['user', (s: Scenario) => deleteIdentity(s, A, 'users', 'nobody')],
    ['group', (s: Scenario) => deleteIdentity(s, A, 'groups', 'nobody')],
    ['role', (s: Scenario) => deleteIdentity(s, A, 'roles', 'nobody')],
    ['instance profile', (s: Scenario) => deleteInstanceProfile(s, A, 'nobody')],
    ['policy', (s: Scenario) => deletePolicy(s, A, 'nobody')],
  ])('returns the scenario itself for an unknown, unreferenced %s', (_, edit) => {
    const s = world();
    expect(edit(s)).toBe(s);
  });
});

describe('renaming a user or role named as a principal in policies', () => {
  const bucket = 'arn:aws:s3:::reports';
  const key = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const alice = `arn:aws:iam::${A}:user/alice`;
  const aliceInDivision = `arn:aws:iam::${A}:user/division/alice`;
  const otherAlice = `arn:aws:iam::${B}:user/alice`;
  const webRole = `arn:aws:iam::${A}:role/WebRole`;
  const webSession = `arn:aws:sts::${A}:assumed-role/WebRole/my-session`;

  const allow = (principal: unknown, extra: object = {}): object => ({
    Effect: 'Allow',
    Principal: principal,
    Action: 'sts:AssumeRole',
    ...extra,
  });
  const trust = (...statements: object[]): object => ({
    Version: '2012-10-17',
    Statement: statements,
  });
  const withTrust = (s: Scenario, account: string, role: string, doc: object): Scenario =>
    setIn(s, ['accounts', account, 'roles', role, 'trust'], doc) as Scenario;
  const requestResources = (s: Scenario): unknown[] =>
    (s['requests'] as { resource: unknown }[]).map((r) => r.resource);

  /**
   * alice and WebRole of A named as principals: in A's OtherRole trust (string and array, with a
   * path, beside lookalikes), in B's WebRole trust (across accounts), in a bucket policy (also
   * NotPrincipal, a Resource element and a Condition value naming her) and in a KMS key policy
   * whose Statement is a single object; requests on their ARNs.
   */
  function named(): Scenario {
    let s = withTrust(
      world(),
      A,
      'OtherRole',
      trust(
        allow({ AWS: alice }),
        allow({
          AWS: [aliceInDivision, otherAlice, `${alice}2`, `arn:aws:iam::${A}:root`, webRole],
          Service: 'ec2.amazonaws.com',
        }),
        allow({ AWS: `arn:aws:iam::${A}:role/service/WebRole` }),
        allow('*'),
      ),
    );
    s = withTrust(s, B, 'WebRole', trust(allow({ AWS: [alice, otherAlice] })));
    s = addResource(s, bucket, A, {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: [alice, otherAlice, webSession] },
          Action: 's3:GetObject',
          Resource: [`${bucket}/*`, alice],
        },
        {
          Effect: 'Deny',
          NotPrincipal: { AWS: aliceInDivision },
          Action: 's3:*',
          Resource: `${bucket}/*`,
          Condition: { ArnNotEquals: { 'aws:PrincipalArn': [alice, webRole] } },
        },
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:sts::${B}:assumed-role/WebRole/my-session` },
          Action: 's3:ListBucket',
          Resource: bucket,
        },
      ],
    });
    s = addResource(s, key, A, {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { AWS: alice },
        Action: 'kms:Decrypt',
        Resource: '*',
      },
    });
    s = addRequest(s, { principal: alice, action: 'iam:CreateAccessKey', resource: alice });
    s = addRequest(s, { principal: alice, action: 'iam:GetUser', resource: otherAlice });
    s = addRequest(s, { principal: alice, action: 'sts:AssumeRole', resource: webRole });
    s = addRequest(s, { principal: alice, action: 'iam:PassRole', resource: `${webRole}2` });
    s = addRequest(s, { principal: alice, action: 's3:GetObject', resource: `${bucket}/alice` });
    return s;
  }

  it('renames a user in the principals of trust and resource policies, not in Resource or Condition', () => {
    const s = renameIdentity(named(), A, 'users', 'alice', 'alicia');
    const alicia = `arn:aws:iam::${A}:user/alicia`;
    const aliciaInDivision = `arn:aws:iam::${A}:user/division/alicia`;
    expect(getIn(s, ['accounts', A, 'roles', 'OtherRole', 'trust'])).toEqual(
      trust(
        allow({ AWS: alicia }),
        allow({
          AWS: [aliciaInDivision, otherAlice, `${alice}2`, `arn:aws:iam::${A}:root`, webRole],
          Service: 'ec2.amazonaws.com',
        }),
        allow({ AWS: `arn:aws:iam::${A}:role/service/WebRole` }),
        allow('*'),
      ),
    );
    expect(getIn(s, ['accounts', B, 'roles', 'WebRole', 'trust'])).toEqual(
      trust(allow({ AWS: [alicia, otherAlice] })),
    );
    expect(getIn(s, ['resources', bucket, 'policy', 'Statement'])).toEqual([
      expect.objectContaining({
        Principal: { AWS: [alicia, otherAlice, webSession] },
        Resource: [`${bucket}/*`, alice],
      }),
      expect.objectContaining({
        NotPrincipal: { AWS: aliciaInDivision },
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': [alice, webRole] } },
      }),
      expect.objectContaining({
        Principal: { AWS: `arn:aws:sts::${B}:assumed-role/WebRole/my-session` },
      }),
    ]);
    expect(getIn(s, ['resources', key, 'policy', 'Statement'])).toEqual({
      Effect: 'Allow',
      Principal: { AWS: alicia },
      Action: 'kms:Decrypt',
      Resource: '*',
    });
    expect(requestResources(s)).toEqual([
      alicia,
      otherAlice,
      webRole,
      `${webRole}2`,
      `${bucket}/alice`,
    ]);
  });

  it('keeps the order of the fields of a statement whose principal it renames', () => {
    const before = getIn(named(), ['resources', bucket, 'policy', 'Statement', 1]) as object;
    const s = renameIdentity(named(), A, 'users', 'alice', 'alicia');
    const after = getIn(s, ['resources', bucket, 'policy', 'Statement', 1]) as object;
    expect(Object.keys(after)).toEqual(Object.keys(before));
  });

  it('renames a role in trust policy principals, session principals and request resources', () => {
    const s = renameIdentity(named(), A, 'roles', 'WebRole', 'AppRole');
    const appRole = `arn:aws:iam::${A}:role/AppRole`;
    expect(getIn(s, ['accounts', A, 'roles', 'OtherRole', 'trust'])).toEqual(
      trust(
        allow({ AWS: alice }),
        allow({
          AWS: [aliceInDivision, otherAlice, `${alice}2`, `arn:aws:iam::${A}:root`, appRole],
          Service: 'ec2.amazonaws.com',
        }),
        allow({ AWS: `arn:aws:iam::${A}:role/service/AppRole` }),
        allow('*'),
      ),
    );
    expect(getIn(s, ['resources', bucket, 'policy', 'Statement'])).toEqual([
      expect.objectContaining({
        Principal: {
          AWS: [alice, otherAlice, `arn:aws:sts::${A}:assumed-role/AppRole/my-session`],
        },
      }),
      expect.objectContaining({
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': [alice, webRole] } },
      }),
      expect.objectContaining({
        Principal: { AWS: `arn:aws:sts::${B}:assumed-role/WebRole/my-session` },
      }),
    ]);
    expect(requestResources(s)).toEqual([
      alice,
      otherAlice,
      appRole,
      `${webRole}2`,
      `${bucket}/alice`,
    ]);
  });

  it("renames a role in its own trust policy, and leaves B's WebRole and its trust alone", () => {
    let s = withTrust(named(), A, 'WebRole', trust(allow({ AWS: webRole })));
    s = renameIdentity(s, A, 'roles', 'WebRole', 'AppRole');
    expect(getIn(s, ['accounts', A, 'roles', 'AppRole', 'trust'])).toEqual(
      trust(allow({ AWS: `arn:aws:iam::${A}:role/AppRole` })),
    );
    expect(getIn(s, ['accounts', B, 'roles', 'WebRole', 'trust'])).toEqual(
      getIn(named(), ['accounts', B, 'roles', 'WebRole', 'trust']),
    );
  });

  it('leaves policies that do not name it, and odd shapes, as they were', () => {
    let s = setIn(named(), ['resources', 'arn:aws:s3:::odd'], { policy: { Statement: 'x' } });
    s = setIn(s, ['resources', 'arn:aws:s3:::odder'], {
      policy: { Statement: [7, { Principal: { AWS: [null, 7] } }] },
    });
    s = setIn(s, ['accounts', A, 'roles', 'WebRole', 'trust'], 'not a policy');
    const before = s as Scenario;
    const after = renameIdentity(before, A, 'users', 'alice', 'alicia');
    for (const arn of ['arn:aws:s3:::odd', 'arn:aws:s3:::odder'])
      expect(getIn(after, ['resources', arn])).toBe(getIn(before, ['resources', arn]));
    expect(getIn(after, ['accounts', A, 'roles', 'WebRole', 'trust'])).toBe('not a policy');
    const plain = world();
    const renamed = renameIdentity(plain, A, 'users', 'alice', 'alicia');
    expect(getIn(renamed, ['accounts', A, 'roles'])).toBe(getIn(plain, ['accounts', A, 'roles']));
    expect(getIn(renamed, ['accounts', B])).toBe(getIn(plain, ['accounts', B]));
    expect(renamed['resources']).toBe(plain['resources']);
  });

  it('leaves a deleted user or role in policies as its unique id, and in request resources, as AWS does', () => {
    const aliceId = identityUniqueId(named(), A, 'users', 'alice');
    const webRoleId = identityUniqueId(named(), A, 'roles', 'WebRole');
    let s = deleteIdentity(named(), A, 'users', 'alice');
    s = deleteIdentity(s, A, 'roles', 'WebRole');
    // "AWS JSON policy elements: Principal": the policy holds the deleted entity's unique id.
    expect(getIn(s, ['accounts', A, 'roles', 'OtherRole', 'trust'])).toEqual(
      trust(
        allow({ AWS: aliceId }),
        allow({
          AWS: [aliceId, otherAlice, `${alice}2`, `arn:aws:iam::${A}:root`, webRoleId],
          Service: 'ec2.amazonaws.com',
        }),
        allow({ AWS: webRoleId }),
        allow('*'),
      ),
    );
    expect(getIn(s, ['accounts', B, 'roles', 'WebRole', 'trust'])).toEqual(
      trust(allow({ AWS: [aliceId, otherAlice] })),
    );
    expect(getIn(s, ['resources', bucket, 'policy', 'Statement'])).toEqual([
      expect.objectContaining({
        Principal: { AWS: [aliceId, otherAlice, webSession] },
        Resource: [`${bucket}/*`, alice],
      }),
      expect.objectContaining({
        NotPrincipal: { AWS: aliceId },
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': [alice, webRole] } },
      }),
      expect.objectContaining({
        Principal: { AWS: `arn:aws:sts::${B}:assumed-role/WebRole/my-session` },
      }),
    ]);
    expect(s['requests']).toEqual(named()['requests']);
  });
});

describe('renaming and deleting a managed policy', () => {
  /** A's S3Read attached by name, by ARN and by ARN with a path, as boundary too; lookalikes beside it. */
  function attached(): Scenario {
    let s = world();
    s = attachPolicy(s, A, 'users', 'alice', 'S3Read');
    s = attachPolicy(s, A, 'users', 'alice', 'Other');
    s = setBoundary(s, A, 'users', 'alice', 'Other');
    s = attachPolicy(s, A, 'roles', 'WebRole', `arn:aws:iam::${A}:policy/team/S3Read`);
    s = attachPolicy(s, A, 'roles', 'WebRole', `arn:aws:iam::${A}:policy/S3ReadAll`);
    s = attachPolicy(s, A, 'roles', 'WebRole', 'arn:aws:iam::aws:policy/S3Read');
    s = setBoundary(s, A, 'roles', 'WebRole', `arn:aws:iam::${A}:policy/S3Read`);
    s = attachPolicy(s, A, 'groups', 'admins', `arn:aws:iam::${B}:policy/S3Read`);
    s = attachPolicy(s, B, 'users', 'bob', `arn:aws:iam::${A}:policy/S3Read`);
    s = attachPolicy(s, B, 'users', 'bob', `arn:aws:iam::${B}:policy/S3Read`);
    s = setBoundary(s, B, 'users', 'bob', `arn:aws:iam::${A}:policy/S3Read`);
    return s;
  }

  it('renames every attachment and boundary, by name or ARN, in every account, leaving lookalikes', () => {
    const s = renamePolicy(attached(), A, 'S3Read', 'ReadReports');
    expect(Object.keys(getIn(s, ['accounts', A, 'policies']) as object)).toEqual([
      'ReadReports',
      'Other',
    ]);
    expect(getIn(s, ['accounts', A, 'users', 'alice'])).toMatchObject({
      policies: ['ReadReports', 'Other'],
      boundary: 'Other',
    });
    expect(getIn(s, ['accounts', A, 'roles', 'WebRole'])).toMatchObject({
      policies: [
        `arn:aws:iam::${A}:policy/team/ReadReports`,
        `arn:aws:iam::${A}:policy/S3ReadAll`,
        'arn:aws:iam::aws:policy/S3Read',
      ],
      boundary: `arn:aws:iam::${A}:policy/ReadReports`,
    });
    expect(getIn(s, ['accounts', A, 'groups', 'admins', 'policies'])).toEqual([
      `arn:aws:iam::${B}:policy/S3Read`,
    ]);
    expect(getIn(s, ['accounts', B, 'users', 'bob'])).toMatchObject({
      policies: [`arn:aws:iam::${A}:policy/ReadReports`, `arn:aws:iam::${B}:policy/S3Read`],
      boundary: `arn:aws:iam::${A}:policy/ReadReports`,
    });
    expect(getIn(s, ['accounts', B, 'policies', 'S3Read'])).toBeDefined();
  });

  it('keeps the fields of a renamed boundary in their order', () => {
    const s = renamePolicy(attached(), A, 'S3Read', 'ReadReports');
    const before = getIn(attached(), ['accounts', A, 'roles', 'WebRole']) as object;
    const after = getIn(s, ['accounts', A, 'roles', 'WebRole']) as object;
    expect(Object.keys(after)).toEqual(Object.keys(before));
  });

  it('detaches it everywhere, removing the boundaries it was, leaving lookalikes', () => {
    const s = deletePolicy(attached(), A, 'S3Read');
    expect(getIn(s, ['accounts', A, 'policies', 'S3Read'])).toBeUndefined();
    expect(getIn(s, ['accounts', A, 'users', 'alice'])).toMatchObject({
      policies: ['Other'],
      boundary: 'Other',
    });
    const role = getIn(s, ['accounts', A, 'roles', 'WebRole']) as object;
    expect(role).toMatchObject({
      policies: [`arn:aws:iam::${A}:policy/S3ReadAll`, 'arn:aws:iam::aws:policy/S3Read'],
    });
    expect(Object.keys(role)).toEqual(['trust', 'policies', 'inline']);
    expect(getIn(s, ['accounts', A, 'groups', 'admins', 'policies'])).toEqual([
      `arn:aws:iam::${B}:policy/S3Read`,
    ]);
    expect(getIn(s, ['accounts', B, 'users', 'bob'])).toEqual({
      groups: [],
      policies: [`arn:aws:iam::${B}:policy/S3Read`],
      inline: {},
    });
  });

  it("leaves another account's bare name alone: it means that account's own policy", () => {
    let s = attachPolicy(world(), B, 'users', 'bob', 'S3Read');
    s = setBoundary(s, B, 'users', 'bob', 'S3Read');
    for (const edited of [
      renamePolicy(s, A, 'S3Read', 'ReadReports'),
      deletePolicy(s, A, 'S3Read'),
    ])
      expect(getIn(edited, ['accounts', B, 'users', 'bob'])).toMatchObject({
        policies: ['S3Read'],
        boundary: 'S3Read',
      });
  });

  it('leaves a reference that is not a string or not a list alone', () => {
    let s = setIn(world(), ['accounts', A, 'users', 'alice', 'policies'], 'S3Read') as Scenario;
    s = setIn(s, ['accounts', A, 'roles', 'WebRole', 'boundary'], ['S3Read']) as Scenario;
    s = setIn(s, ['accounts', A, 'groups', 'admins', 'policies'], [7, null, 'S3Read']) as Scenario;
    const deleted = deletePolicy(s, A, 'S3Read');
    expect(getIn(deleted, ['accounts', A, 'users', 'alice', 'policies'])).toBe('S3Read');
    expect(getIn(deleted, ['accounts', A, 'roles', 'WebRole', 'boundary'])).toEqual(['S3Read']);
    expect(getIn(deleted, ['accounts', A, 'groups', 'admins', 'policies'])).toEqual([7, null]);
  });
});

describe('renaming and deleting an organization policy', () => {
  const ou = [...ORG_ROOT, 'ous', 'Workloads'];
  const inOu = [...ou, 'accounts', A];

  /** Guard and Other on the root and on A (inside the OU); the OU itself has no lists. */
  function org(): Scenario {
    let s = addOu(addOrganization(world()), ORG_ROOT, 'Workloads');
    s = moveAccount(s, A, ou);
    s = addOrgPolicy(addOrgPolicy(s, 'Guard'), 'Other');
    for (const node of [ORG_ROOT, inOu]) {
      s = attachOrgPolicy(s, node, 'scps', 'Guard');
      s = attachOrgPolicy(s, node, 'scps', 'Other');
      s = attachOrgPolicy(s, node, 'rcps', 'Guard');
    }
    return s;
  }

  it('renames it in both lists of every node, keeping order, and leaves a node without lists alone', () => {
    const s = renameOrgPolicy(org(), 'Guard', 'Fence');
    expect(Object.keys(getIn(s, ['organization', 'policies']) as object)).toEqual([
      'Fence',
      'Other',
    ]);
    for (const node of [ORG_ROOT, inOu]) {
      expect(getIn(s, [...node, 'scps'])).toEqual(['FullAWSAccess', 'Fence', 'Other']);
      expect(getIn(s, [...node, 'rcps'])).toEqual(['Fence']);
    }
    expect(getIn(s, ou)).toEqual({ accounts: { [A]: expect.any(Object) }, ous: {} });
    expect(getIn(s, [...ORG_ROOT, 'accounts', B])).toEqual({});
  });

  it('detaches it from both lists of every node, and leaves a node without lists alone', () => {
    const s = deleteOrgPolicy(org(), 'Guard');
    expect(getIn(s, ['organization', 'policies'])).toEqual({ Other: expect.any(Object) });
    for (const node of [ORG_ROOT, inOu]) {
      expect(getIn(s, [...node, 'scps'])).toEqual(['FullAWSAccess', 'Other']);
      expect(getIn(s, [...node, 'rcps'])).toEqual([]);
    }
    expect(getIn(s, ou)).toEqual({ accounts: { [A]: expect.any(Object) }, ous: {} });
  });

  it.each([
    ['renaming an unknown policy', org, (s: Scenario) => renameOrgPolicy(s, 'nobody', 'x')],
    ['renaming to a taken name', org, (s: Scenario) => renameOrgPolicy(s, 'Guard', 'Other')],
    ['renaming to an empty name', org, (s: Scenario) => renameOrgPolicy(s, 'Guard', '')],
    ['renaming without an organization', world, (s: Scenario) => renameOrgPolicy(s, 'Guard', 'x')],
    ['deleting an unknown, unattached policy', org, (s: Scenario) => deleteOrgPolicy(s, 'nobody')],
  ])('returns the scenario itself for %s', (_, base, edit) => {
    const s = base();
    expect(edit(s)).toBe(s);
  });
});

describe('renaming a resource', () => {
  const queue = `arn:aws:sqs:us-east-1:${A}:jobs`;

  it('renames requests on a non-bucket resource exactly, not on longer ARNs', () => {
    let s = addResource(world(), queue);
    s = addRequest(s, { resource: queue });
    s = addRequest(s, { resource: `${queue}/x` });
    s = addRequest(s, { resource: 'arn:aws:s3:::reports/x' });
    s = renameResource(s, queue, `${queue}-2`);
    expect(getIn(s, ['resources', `${queue}-2`])).toBeDefined();
    expect((s['requests'] as { resource: string }[]).map((r) => r.resource)).toEqual([
      `${queue}-2`,
      `${queue}/x`,
      'arn:aws:s3:::reports/x',
    ]);
  });

  it('renames a bucket in requests on its objects, not on a bucket whose name it starts', () => {
    let s = addResource(world(), 'arn:aws:s3:::reports');
    s = addRequest(s, { resource: 'arn:aws:s3:::reports/a/b' });
    s = addRequest(s, { resource: 'arn:aws:s3:::reports-old/a' });
    s = renameResource(s, 'arn:aws:s3:::reports', 'arn:aws:s3:::archive');
    expect((s['requests'] as { resource: string }[]).map((r) => r.resource)).toEqual([
      'arn:aws:s3:::archive/a/b',
      'arn:aws:s3:::reports-old/a',
    ]);
  });

  it.each([
    ['an unknown ARN', 'arn:aws:s3:::nothing', 'arn:aws:s3:::x'],
    ['an empty ARN', 'arn:aws:s3:::reports', ''],
    ['a taken ARN', 'arn:aws:s3:::reports', queue],
  ])('refuses %s, returning the scenario itself', (_, from, to) => {
    const s = addResource(addResource(world(), 'arn:aws:s3:::reports'), queue);
    expect(renameResource(s, from, to)).toBe(s);
  });
});

describe('setting, clearing and toggling one field', () => {
  it('names an account, and clears the name with an empty one', () => {
    let s = renameAccount(world(), B, 'production');
    expect(getIn(s, ['accounts', B, 'name'])).toBe('production');
    s = renameAccount(s, B, '');
    expect(getIn(s, ['accounts', B])).not.toHaveProperty('name');
  });

  it('puts a role into an instance profile, and empties it with null', () => {
    let s = setProfileRole(world(), A, 'WebProfile', 'OtherRole');
    expect(getIn(s, ['accounts', A, 'instanceProfiles', 'WebProfile'])).toEqual({
      role: 'OtherRole',
    });
    s = setProfileRole(s, A, 'WebProfile', null);
    expect(getIn(s, ['accounts', A, 'instanceProfiles', 'WebProfile'])).toEqual({});
  });

  it('sets a boundary, and removes it with null', () => {
    let s = setBoundary(world(), A, 'roles', 'WebRole', 'S3Read');
    expect(getIn(s, ['accounts', A, 'roles', 'WebRole', 'boundary'])).toBe('S3Read');
    s = setBoundary(s, A, 'roles', 'WebRole', null);
    expect(getIn(s, ['accounts', A, 'roles', 'WebRole'])).not.toHaveProperty('boundary');
  });

  it('takes a user out of a group, keeping its other groups', () => {
    const s = setGroupMembership(world(), A, 'alice', 'developers', false);
    expect(getIn(s, ['accounts', A, 'users', 'alice', 'groups'])).toEqual(['admins']);
  });

  it.each([
    ['naming an unknown account', (s: Scenario) => renameAccount(s, '999999999999', 'x')],
    ['filling an unknown profile', (s: Scenario) => setProfileRole(s, A, 'nobody', 'WebRole')],
    ['emptying an unknown profile', (s: Scenario) => setProfileRole(s, A, 'nobody', null)],
    ['a boundary on an unknown user', (s: Scenario) => setBoundary(s, A, 'users', 'nobody', 'x')],
    ['joining a group twice', (s: Scenario) => setGroupMembership(s, A, 'alice', 'admins', true)],
    [
      'leaving a group not joined',
      (s: Scenario) => setGroupMembership(s, B, 'alice', 'admins', false),
    ],
    [
      'an unknown user joining',
      (s: Scenario) => setGroupMembership(s, A, 'nobody', 'admins', true),
    ],
    ['attaching an empty reference', (s: Scenario) => attachPolicy(s, A, 'users', 'alice', '')],
    ['attaching to an unknown role', (s: Scenario) => attachPolicy(s, A, 'roles', 'nobody', 'x')],
    ['detaching what is not attached', (s: Scenario) => detachPolicy(s, A, 'users', 'alice', 'x')],
    ['detaching from an unknown group', (s: Scenario) => detachPolicy(s, A, 'groups', 'x', 'x')],
  ])('returns the scenario itself for %s', (_, edit) => {
    const s = world();
    expect(edit(s)).toBe(s);
  });
});
