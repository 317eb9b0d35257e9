/**
 * The world edits the console's AWS calls are made of (beside those the explorer uses too, in
 * edits.test.ts): each changes one thing, leaves its input untouched, and writes the shapes the
 * console's tests read back.
 */
import { describe, expect, it } from 'vitest';
import {
  addAccessPoint,
  addCredential,
  addIdentity,
  addKmsGrant,
  addOrganization,
  addOu,
  addVpcEndpoint,
  attachOrgPolicy,
  deleteAccessPoint,
  detachOrgPolicy,
  detachPolicy,
  ensureAccount,
  moveAccount,
  ORG_ROOT,
  orgNodePath,
  policyUses,
  putInlinePolicy,
  referenceToArn,
  removeCredentials,
  replaceCredential,
  setAccessPointPolicy,
  setGroupMembership,
  setLoginProfile,
  setPasswordPolicy,
  setPublicAccessBlock,
  setResourcePolicy,
  setTags,
  setTrustPolicy,
  type ScenarioDocument as Scenario,
} from '../../../../src/model/world/index.ts';
import { getIn } from '../../../../src/model/json-path.ts';

const A = '111122223333';
const B = '444455556666';
const frozen = (s: Scenario): Scenario => JSON.parse(JSON.stringify(s)) as Scenario;

describe('world edits behind the console', () => {
  it('ensureAccount adds an empty account only when it is missing', () => {
    const s: Scenario = { format: 'iam-playground/scenario', version: 1 };
    const next = ensureAccount(s, A);
    expect(next['accounts']).toEqual({ [A]: {} });
    expect(s['accounts']).toBeUndefined();
    expect(ensureAccount(next, A)).toBe(next);
  });

  it('adds identities as given, and keeps or drops an emptied group list', () => {
    let s = addIdentity(ensureAccount({}, A), A, 'users', 'alice', { path: '/ops/' });
    expect(getIn(s, ['accounts', A, 'users', 'alice'])).toEqual({ path: '/ops/' });
    s = setGroupMembership(s, A, 'alice', 'devs', true);
    expect(getIn(s, ['accounts', A, 'users', 'alice', 'groups'])).toEqual(['devs']);
    const kept = setGroupMembership(s, A, 'alice', 'devs', false);
    expect(getIn(kept, ['accounts', A, 'users', 'alice', 'groups'])).toEqual([]);
    const dropped = setGroupMembership(s, A, 'alice', 'devs', false, false);
    expect(getIn(dropped, ['accounts', A, 'users', 'alice'])).toEqual({ path: '/ops/' });
  });

  it('sets tags (an empty map removes them), trust policies and inline policies', () => {
    const before = addIdentity(ensureAccount({}, A), A, 'roles', 'Web', {});
    const copy = frozen(before);
    let s = setTags(before, A, 'roles', 'Web', { team: 'web' });
    expect(getIn(s, ['accounts', A, 'roles', 'Web', 'tags'])).toEqual({ team: 'web' });
    s = setTags(s, A, 'roles', 'Web', {});
    expect(getIn(s, ['accounts', A, 'roles', 'Web'])).toEqual({});
    s = setTrustPolicy(s, A, 'Web', { Statement: [] });
    expect(getIn(s, ['accounts', A, 'roles', 'Web', 'trust'])).toEqual({ Statement: [] });
    s = putInlinePolicy(s, A, 'roles', 'Web', 'P', { v: 1 });
    s = putInlinePolicy(s, A, 'roles', 'Web', 'P', { v: 2 });
    expect(getIn(s, ['accounts', A, 'roles', 'Web', 'inline'])).toEqual({ P: { v: 2 } });
    expect(putInlinePolicy(s, A, 'roles', 'Nobody', 'P', {})).toBe(s);
    expect(before).toEqual(copy);
  });

  it('builds an organization as given, places accounts and drops an emptied RCP list on request', () => {
    let s = addOrganization(ensureAccount({}, A), {
      id: 'o-1',
      managementAccount: A,
      root: { accounts: { [A]: {} } },
    });
    s = addOu(s, ORG_ROOT, 'Work', {});
    s = moveAccount(s, B, ORG_ROOT);
    s = moveAccount(s, B, orgNodePath(['Work']));
    expect(getIn(s, ORG_ROOT)).toEqual({
      accounts: { [A]: {} },
      ous: { Work: { accounts: { [B]: {} } } },
    });
    const node = orgNodePath(['Work'], B);
    expect(node).toEqual([...ORG_ROOT, 'ous', 'Work', 'accounts', B]);
    s = attachOrgPolicy(s, node, 'rcps', 'Fence');
    expect(getIn(s, [...node, 'rcps'])).toEqual(['Fence']);
    expect(getIn(detachOrgPolicy(s, node, 'rcps', 'Fence'), node)).toEqual({ rcps: [] });
    expect(getIn(detachOrgPolicy(s, node, 'rcps', 'Fence', false), node)).toEqual({});
    // An emptied SCP list denies everything: it is kept whatever the caller asks.
    expect(getIn(detachOrgPolicy(s, node, 'scps', 'FullAWSAccess', false), node)).toEqual({
      rcps: ['Fence'],
      scps: [],
    });
  });

  it('changes credentials and the password policy; an emptied credential list leaves no field', () => {
    let s = addIdentity(ensureAccount({}, A), A, 'users', 'bob', {});
    s = setLoginProfile(s, A, 'bob', { created: 'T' });
    s = addCredential(s, A, 'bob', 'accessKeys', { id: 'K1', status: 'Active' });
    s = addCredential(s, A, 'bob', 'accessKeys', { id: 'K2', status: 'Active' });
    s = replaceCredential(s, A, 'bob', 'accessKeys', 1, { id: 'K2', status: 'Inactive' });
    expect(getIn(s, ['accounts', A, 'users', 'bob', 'accessKeys'])).toEqual([
      { id: 'K1', status: 'Active' },
      { id: 'K2', status: 'Inactive' },
    ]);
    s = removeCredentials<{ id: string }>(s, A, 'bob', 'accessKeys', () => true);
    s = setLoginProfile(s, A, 'bob', null);
    expect(getIn(s, ['accounts', A, 'users', 'bob'])).toEqual({});
    s = setPasswordPolicy(s, A, { MinimumPasswordLength: 6 });
    expect(getIn(s, ['accounts', A, 'passwordPolicy'])).toEqual({ MinimumPasswordLength: 6 });
    expect(getIn(setPasswordPolicy(s, A, null), ['accounts', A, 'passwordPolicy'])).toBeUndefined();
  });

  it('sets S3 settings, access points, VPC endpoints and KMS grants', () => {
    const bucket = 'arn:aws:s3:::reports';
    let s: Scenario = { resources: { [bucket]: {} }, accounts: { [A]: {} } };
    s = setResourcePolicy(s, bucket, { Statement: [] });
    s = setPublicAccessBlock(s, ['resources', bucket], { BlockPublicPolicy: true });
    s = setPublicAccessBlock(s, ['accounts', A], { BlockPublicAcls: false });
    expect(getIn(s, ['resources', bucket])).toEqual({
      policy: { Statement: [] },
      publicAccessBlock: { BlockPublicPolicy: true },
    });
    expect(getIn(setPublicAccessBlock(s, ['accounts', A], {}), ['accounts', A])).toEqual({});
    s = addAccessPoint(s, A, 'ap', { bucket: 'reports' });
    s = setAccessPointPolicy(s, A, 'ap', { Statement: [] });
    expect(getIn(s, ['accounts', A, 'accessPoints', 'ap', 'policy'])).toEqual({ Statement: [] });
    expect(getIn(deleteAccessPoint(s, A, 'ap'), ['accounts', A, 'accessPoints'])).toBeUndefined();
    s = addVpcEndpoint(s, A, 'vpce-1', { vpc: 'vpc-1', service: 's3' });
    expect(addVpcEndpoint(s, A, 'vpce-1', {})).toBe(s);
    const key = `arn:aws:kms:us-east-1:${A}:key/k`;
    s = addKmsGrant(addKmsGrant(s, key, { grantee: 'g1' }), key, { grantee: 'g2' });
    expect(getIn(s, ['resources', key, 'grants'])).toEqual([{ grantee: 'g1' }, { grantee: 'g2' }]);
  });

  it('finds the uses of a managed policy by name or by ARN, in every account', () => {
    const arn = referenceToArn(A, 'Read');
    expect(arn).toBe(`arn:aws:iam::${A}:policy/Read`);
    expect(referenceToArn(A, 'arn:aws:iam::aws:policy/X')).toBe('arn:aws:iam::aws:policy/X');
    const s: Scenario = {
      accounts: {
        [A]: { users: { alice: { policies: ['Read'], boundary: arn } }, groups: { g: {} } },
        [B]: { roles: { Web: { policies: [arn] } }, users: { eve: { policies: ['Read'] } } },
      },
    };
    expect(policyUses(s, arn)).toEqual([
      { account: A, kind: 'users', name: 'alice', as: 'policies' },
      { account: A, kind: 'users', name: 'alice', as: 'boundary' },
      { account: B, kind: 'roles', name: 'Web', as: 'policies' },
    ]);
    // Asked again after an edit: the new attachment is found, a policy's own edit changes nothing.
    const typed: Scenario = { ...s, title: 'typed' };
    expect(policyUses(typed, arn)).toBe(policyUses(s, arn));
    const detached = detachPolicy(s, A, 'users', 'alice', 'Read');
    expect(policyUses(detached, arn)).toEqual([
      { account: A, kind: 'users', name: 'alice', as: 'boundary' },
      { account: B, kind: 'roles', name: 'Web', as: 'policies' },
    ]);
    expect(policyUses(s, referenceToArn(B, 'Read'))).toEqual([
      { account: B, kind: 'users', name: 'eve', as: 'policies' },
    ]);
  });
});
