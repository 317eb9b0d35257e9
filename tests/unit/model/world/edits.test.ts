import { describe, expect, it } from 'vitest';
import {
  addAccount,
  addBucket,
  addGroup,
  addInlinePolicy,
  addInstanceProfile,
  addOrganization,
  addOrgPolicy,
  addOu,
  addPolicy,
  addRequest,
  addResourcePolicy,
  addRole,
  addUser,
  attachedOrgPolicies,
  attachOrgPolicy,
  attachPolicy,
  deleteIdentity,
  deleteOrgPolicy,
  deleteOu,
  deletePolicy,
  deleteRequest,
  detachOrgPolicy,
  detachPolicy,
  emptyScenario,
  iamNameProblem,
  moveAccount,
  ORG_ROOT,
  renameIdentity,
  renameInstanceProfile,
  renameOrgPolicy,
  renamePolicy,
  renameResource,
  requestName,
  setBoundary,
  setDocument,
  setGroupMembership,
  updateRequest,
  type ScenarioDocument as Scenario,
} from '../../../../src/model/world/index.ts';
import { deleteIn, getIn } from '../../../../src/model/json-path.ts';

const A = '111122223333';

/** A small world: one account with alice in developers, a policy attached to both, a role in a profile. */
function world(): Scenario {
  let s = addAccount(emptyScenario(), A, 'dev');
  s = addUser(s, A, 'alice');
  s = addGroup(s, A, 'developers');
  s = addRole(s, A, 'WebRole');
  s = addInstanceProfile(s, A, 'WebProfile', 'WebRole');
  s = addPolicy(s, A, 'S3Read');
  s = setGroupMembership(s, A, 'alice', 'developers', true);
  s = attachPolicy(s, A, 'users', 'alice', 'S3Read');
  s = attachPolicy(s, A, 'groups', 'developers', `arn:aws:iam::${A}:policy/S3Read`);
  s = setBoundary(s, A, 'users', 'alice', 'S3Read');
  s = addRequest(s, {
    principal: `arn:aws:iam::${A}:user/alice`,
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::reports/x',
  });
  s = addRequest(s, {
    principal: `arn:aws:iam::${A}:role/WebRole`,
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::reports',
  });
  s = addRequest(s, {
    principal: `arn:aws:iam::${A}:instance-profile/WebProfile`,
    action: 's3:GetObject',
    resource: '*',
  });
  return s;
}

describe('scenario edits', () => {
  it('build a world without changing the scenario they were given', () => {
    const empty = emptyScenario();
    const frozen = JSON.stringify(empty);
    const s = addUser(addAccount(empty, A), A, 'alice');
    expect(JSON.stringify(empty)).toBe(frozen);
    expect(getIn(s, ['accounts', A, 'users', 'alice'])).toEqual({
      groups: [],
      policies: [],
      inline: {},
    });
  });

  it('give a new role a trust policy that trusts its own account', () => {
    const trust = getIn(world(), ['accounts', A, 'roles', 'WebRole', 'trust']);
    expect(trust).toMatchObject({
      Statement: [{ Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' }],
    });
  });

  it.each([
    ['an unknown account', (s: Scenario) => addUser(s, '999999999999', 'bob')],
    ['a name already taken', (s: Scenario) => addUser(s, A, 'alice')],
    ['an account id that is not 12 digits', (s: Scenario) => addAccount(s, '12')],
    ['attaching a policy twice', (s: Scenario) => attachPolicy(s, A, 'users', 'alice', 'S3Read')],
    ['renaming to a taken name', (s: Scenario) => renameIdentity(s, A, 'users', 'alice', 'alice')],
  ])('leave the scenario unchanged for %s', (_, edit) => {
    const s = world();
    expect(edit(s)).toBe(s);
  });

  it('rename a policy everywhere it is referenced, by name or by ARN, boundaries included', () => {
    const s = renamePolicy(world(), A, 'S3Read', 'ReadReports');
    expect(getIn(s, ['accounts', A, 'policies', 'ReadReports'])).toBeDefined();
    expect(getIn(s, ['accounts', A, 'policies', 'S3Read'])).toBeUndefined();
    expect(getIn(s, ['accounts', A, 'users', 'alice', 'policies'])).toEqual(['ReadReports']);
    expect(getIn(s, ['accounts', A, 'users', 'alice', 'boundary'])).toBe('ReadReports');
    expect(getIn(s, ['accounts', A, 'groups', 'developers', 'policies'])).toEqual([
      `arn:aws:iam::${A}:policy/ReadReports`,
    ]);
  });

  it('delete a policy and detach it everywhere, removing the boundary it was', () => {
    const s = deletePolicy(world(), A, 'S3Read');
    expect(getIn(s, ['accounts', A, 'users', 'alice', 'policies'])).toEqual([]);
    expect(getIn(s, ['accounts', A, 'users', 'alice', 'boundary'])).toBeUndefined();
    expect(getIn(s, ['accounts', A, 'groups', 'developers', 'policies'])).toEqual([]);
  });

  it('detach one policy and keep the rest', () => {
    let s = attachPolicy(world(), A, 'users', 'alice', 'arn:aws:iam::aws:policy/ReadOnlyAccess');
    s = detachPolicy(s, A, 'users', 'alice', 'S3Read');
    expect(getIn(s, ['accounts', A, 'users', 'alice', 'policies'])).toEqual([
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    ]);
  });

  it('rename a group in its members, and a user or role in the requests that name it', () => {
    let s = renameIdentity(world(), A, 'groups', 'developers', 'devs');
    expect(getIn(s, ['accounts', A, 'users', 'alice', 'groups'])).toEqual(['devs']);
    s = renameIdentity(s, A, 'users', 'alice', 'alicia');
    expect(getIn(s, ['requests', 0, 'principal'])).toBe(`arn:aws:iam::${A}:user/alicia`);
    s = renameIdentity(s, A, 'roles', 'WebRole', 'AppRole');
    expect(getIn(s, ['requests', 1, 'principal'])).toBe(`arn:aws:iam::${A}:role/AppRole`);
    expect(getIn(s, ['accounts', A, 'instanceProfiles', 'WebProfile', 'role'])).toBe('AppRole');
    s = renameInstanceProfile(s, A, 'WebProfile', 'AppProfile');
    expect(getIn(s, ['requests', 2, 'principal'])).toBe(
      `arn:aws:iam::${A}:instance-profile/AppProfile`,
    );
  });

  it('delete a group from its members and a role from its instance profile', () => {
    let s = deleteIdentity(world(), A, 'groups', 'developers');
    expect(getIn(s, ['accounts', A, 'users', 'alice', 'groups'])).toEqual([]);
    s = deleteIdentity(s, A, 'roles', 'WebRole');
    expect(getIn(s, ['accounts', A, 'instanceProfiles', 'WebProfile'])).toEqual({});
  });

  it('add a bucket with an empty bucket policy and rename it in the requests on it and its objects', () => {
    let s = addBucket(world(), 'reports', A);
    expect(getIn(s, ['resources', 'arn:aws:s3:::reports'])).toEqual({
      account: A,
      policy: { Version: '2012-10-17', Statement: [] },
    });
    s = renameResource(s, 'arn:aws:s3:::reports', 'arn:aws:s3:::team-reports');
    expect(getIn(s, ['requests', 0, 'resource'])).toBe('arn:aws:s3:::team-reports/x');
    expect(getIn(s, ['requests', 1, 'resource'])).toBe('arn:aws:s3:::team-reports');
  });

  it('add inline policies with a starter statement', () => {
    const s = addInlinePolicy(world(), A, 'roles', 'WebRole', 'extra');
    expect(
      getIn(s, ['accounts', A, 'roles', 'WebRole', 'inline', 'extra', 'Statement', 0, 'Effect']),
    ).toBe('Allow');
  });

  it('number requests, change their fields, drop a field set to undefined, and delete them', () => {
    let s = world();
    expect((s['requests'] as { id: string }[]).map((r) => r.id)).toEqual([
      'request-1',
      'request-2',
      'request-3',
    ]);
    s = updateRequest(s, 0, { expect: 'allowed', action: 's3:PutObject' });
    expect(getIn(s, ['requests', 0])).toMatchObject({ expect: 'allowed', action: 's3:PutObject' });
    s = updateRequest(s, 0, { expect: undefined });
    expect(getIn(s, ['requests', 0, 'expect'])).toBeUndefined();
    s = deleteRequest(s, 1);
    s = addRequest(s);
    expect((s['requests'] as { id: string }[]).map((r) => r.id)).toEqual([
      'request-1',
      'request-3',
      'request-2',
    ]);
  });

  it('name a request without an id by its place, and give a new request a name no other shows', () => {
    const bare = {
      principal: `arn:aws:iam::${A}:user/alice`,
      action: 's3:GetObject',
      resource: '*',
    };
    let s: Scenario = { ...emptyScenario(), requests: [bare] };
    expect(requestName(bare, 0)).toBe('request-1');
    expect(requestName({ ...bare, id: '' }, 2)).toBe('request-3');
    expect(requestName({ ...bare, id: 'read' }, 0)).toBe('read');
    expect(requestName('not a request', 0)).toBe('request-1');
    s = addRequest(s, { ...bare, action: 's3:DeleteObject' });
    const names = (s['requests'] as unknown[]).map(requestName);
    expect(names).toEqual(['request-1', 'request-2']);
    // An id asked for that another request shows as its name is not given twice either.
    s = addRequest(s, { ...bare, id: 'request-1' });
    expect((s['requests'] as unknown[]).map(requestName)).toEqual([
      'request-1',
      'request-2',
      'request-3',
    ]);
  });

  it('replace a document, or the whole scenario with the empty path', () => {
    const doc = { Version: '2012-10-17', Statement: [] };
    const s = setDocument(world(), ['accounts', A, 'policies', 'S3Read'], doc);
    expect(getIn(s, ['accounts', A, 'policies', 'S3Read'])).toBe(doc);
    const replaced = emptyScenario('other');
    expect(setDocument(s, [], replaced)).toBe(replaced);
  });
});

describe('resource policy edits', () => {
  it('give a bucket without a policy an empty one, and leave a written policy or a missing entry alone', () => {
    const bucket = 'arn:aws:s3:::reports';
    const s = addBucket(world(), 'reports', A);
    const bare = deleteIn(s, ['resources', bucket, 'policy']) as Scenario;
    expect(getIn(bare, ['resources', bucket, 'policy'])).toBeUndefined();
    const added = addResourcePolicy(bare, bucket);
    expect(getIn(added, ['resources', bucket])).toEqual({
      account: A,
      policy: { Version: '2012-10-17', Statement: [] },
    });
    expect(getIn(bare, ['resources', bucket, 'policy'])).toBeUndefined();
    const written = setDocument(added, ['resources', bucket, 'policy'], {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }],
    });
    expect(addResourcePolicy(written, bucket)).toBe(written);
    expect(addResourcePolicy(bare, 'arn:aws:s3:::nowhere')).toBe(bare);
  });
});

describe('organization edits', () => {
  const org = () => addOu(addOrganization(world()), ORG_ROOT, 'Workloads');
  const ou = [...ORG_ROOT, 'ous', 'Workloads'];

  it('put every account under the root, the first one managing', () => {
    const s = addOrganization(world());
    expect(getIn(s, ['organization', 'managementAccount'])).toBe(A);
    expect(getIn(s, ['organization', 'root', 'accounts', A])).toEqual({});
  });

  it('add a new account to the organization root', () => {
    const s = addAccount(org(), '444455556666');
    expect(getIn(s, ['organization', 'root', 'accounts', '444455556666'])).toEqual({});
  });

  it('make FullAWSAccess explicit when attaching another SCP, and allow detaching it', () => {
    let s = addOrgPolicy(org(), 'DenyLeave');
    s = attachOrgPolicy(s, ou, 'scps', 'DenyLeave');
    expect(attachedOrgPolicies(s, ou, 'scps')).toEqual(['FullAWSAccess', 'DenyLeave']);
    s = detachOrgPolicy(s, ou, 'scps', 'FullAWSAccess');
    expect(getIn(s, [...ou, 'scps'])).toEqual(['DenyLeave']);
  });

  it('rename and delete an organization policy on every node it is attached to', () => {
    let s = addOrgPolicy(org(), 'DenyLeave');
    s = attachOrgPolicy(s, ou, 'rcps', 'DenyLeave');
    s = attachOrgPolicy(s, ORG_ROOT, 'scps', 'DenyLeave');
    s = renameOrgPolicy(s, 'DenyLeave', 'Guard');
    expect(getIn(s, [...ou, 'rcps'])).toEqual(['Guard']);
    expect(getIn(s, [...ORG_ROOT, 'scps'])).toEqual(['FullAWSAccess', 'Guard']);
    s = deleteOrgPolicy(s, 'Guard');
    expect(getIn(s, [...ou, 'rcps'])).toEqual([]);
  });

  it('move an account into an OU, and back up when the OU is deleted', () => {
    let s = moveAccount(org(), A, ou);
    expect(getIn(s, [...ou, 'accounts', A])).toEqual({});
    expect(getIn(s, ['organization', 'root', 'accounts', A])).toBeUndefined();
    s = deleteOu(s, ou);
    expect(getIn(s, ['organization', 'root', 'accounts', A])).toEqual({});
  });
});

describe('names', () => {
  it.each([
    ['', 'The name is empty.'],
    [' bob', 'The name has spaces at its start or end.'],
    ['alice', 'There is already one named alice.'],
    ['bob smith', 'IAM names use only letters, digits and + = , . @ _ -'],
    ['bob+ops@example.com', null],
  ])('%j → %s', (name, problem) => {
    expect(iamNameProblem(name, ['alice'])).toBe(problem);
  });
});
