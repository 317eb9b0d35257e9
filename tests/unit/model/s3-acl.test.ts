/**
 * Issue 21 item 4: S3 Object Ownership and ACLs, end to end through the scenario model. Each
 * describe names the Amazon S3 User Guide page of its rule (src/engine/s3-acl.ts).
 */
import { describe, expect, it } from 'vitest';
import { evaluateScenario, validateScenario, type Scenario } from '../../../src/model/index.ts';
import type { ScenarioRequest } from '../../../src/model/index.ts';
import { canonicalIdOf } from '../../../src/model/s3-acl.ts';

const A = '111122223333'; // owns the bucket
const B = '444455556666'; // another account
const BUCKET = 'arn:aws:s3:::shared-data';
const OBJ = `${BUCKET}/report.csv`;
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const allowAll = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
const catalog = new Map<string, unknown>();
const alice = `arn:aws:iam::${A}:user/alice`;
const bob = `arn:aws:iam::${B}:user/bob`;
const carol = `arn:aws:iam::${B}:user/carol`; // no policies

function world(
  resources: Scenario['resources'],
  requests: ScenarioRequest[],
  extra = {},
): Scenario {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: {
      [A]: { users: { alice: { inline: { all: allowAll } } } },
      [B]: { users: { bob: { inline: { all: allowAll } }, carol: {} } },
    },
    resources,
    requests,
    ...extra,
  };
}

const run = (w: Scenario) => {
  expect(validateScenario(w).filter((p) => p.severity === 'error')).toEqual([]);
  return Object.fromEntries(
    evaluateScenario(w, { catalog }).map((r) => [r.id, { d: r.decision, trace: r.trace }]),
  );
};
const req = (id: string, principal: string, action: string, resource = OBJ): ScenarioRequest => ({
  id,
  principal,
  action,
  resource,
});

describe('ACL grants ("Access control list (ACL) overview")', () => {
  const requests = [
    req('bob-get', bob, 's3:GetObject'),
    req('carol-get', carol, 's3:GetObject'),
    req('anon-get', 'anonymous', 's3:GetObject'),
    req('bob-list', bob, 's3:ListBucket', BUCKET),
    req('bob-put', bob, 's3:PutObject'),
    req('bob-getacl', bob, 's3:GetObjectAcl'),
  ];
  it('a grant to an account is a resource-side Allow: across accounts the identity side must allow too', () => {
    const r = run(
      world(
        {
          [BUCKET]: {
            account: A,
            objectOwnership: 'ObjectWriter',
            acl: [{ grantee: canonicalIdOf(B), permission: 'READ' }],
          },
          [OBJ]: { acl: [{ grantee: B, permission: 'READ' }] },
        },
        requests,
      ),
    );
    expect(r['bob-get']?.d).toBe('allowed');
    expect(r['bob-get']?.trace.steps.find((s) => s.id === 's3-acl')?.explanation).toContain(
      `The ACL of object ${OBJ} grants READ to account ${B}`,
    );
    expect(r['carol-get']?.d).toBe('implicitDeny'); // her identity policies allow nothing
    expect(r['carol-get']?.trace.decidingStep).toBe('identity-policy');
    expect(r['anon-get']?.d).toBe('implicitDeny'); // a grant to an account is not public
    expect(r['bob-list']?.d).toBe('allowed'); // bucket READ (canonical id) covers ListBucket
    expect(r['bob-put']?.d).toBe('implicitDeny'); // READ does not cover PutObject
    expect(r['bob-getacl']?.d).toBe('implicitDeny'); // nor GetObjectAcl (READ_ACP)
  });

  it('FULL_CONTROL covers every permission; WRITE on the bucket covers PutObject', () => {
    const r = run(
      world(
        {
          [BUCKET]: {
            account: A,
            objectOwnership: 'BucketOwnerPreferred',
            acl: [{ grantee: B, permission: 'WRITE' }],
          },
          [OBJ]: { acl: [{ grantee: B, permission: 'FULL_CONTROL' }] },
        },
        requests,
      ),
    );
    expect(r['bob-put']?.d).toBe('allowed');
    expect(r['bob-getacl']?.d).toBe('allowed');
    expect(r['bob-get']?.d).toBe('allowed');
    expect(r['bob-list']?.d).toBe('implicitDeny'); // WRITE does not cover ListBucket
  });

  it('AllUsers lets anonymous callers in; AuthenticatedUsers only signed ones', () => {
    const all = run(
      world(
        {
          [BUCKET]: { account: A, objectOwnership: 'ObjectWriter' },
          [OBJ]: { acl: [{ grantee: 'AllUsers', permission: 'READ' }] },
        },
        requests,
      ),
    );
    expect(all['anon-get']?.d).toBe('allowed');
    expect(all['bob-get']?.d).toBe('allowed');
    const signed = run(
      world(
        {
          [BUCKET]: { account: A, objectOwnership: 'ObjectWriter' },
          [OBJ]: { acl: [{ grantee: 'AuthenticatedUsers', permission: 'READ' }] },
        },
        requests,
      ),
    );
    expect(signed['anon-get']?.d).toBe('implicitDeny');
    expect(signed['bob-get']?.d).toBe('allowed');
  });
});

describe('Object Ownership ("Controlling ownership of objects and disabling ACLs for your bucket")', () => {
  const grants = {
    [OBJ]: { acl: [{ grantee: 'AllUsers', permission: 'READ' as const }] },
  };
  const requests = [
    req('anon-get', 'anonymous', 's3:GetObject'),
    req('bob-get', bob, 's3:GetObject'),
  ];
  it('BucketOwnerEnforced disables ACLs; absent means BucketOwnerEnforced, as before', () => {
    for (const ownership of ['BucketOwnerEnforced' as const, undefined]) {
      const w = world(
        {
          [BUCKET]: { account: A, ...(ownership ? { objectOwnership: ownership } : {}) },
          ...grants,
        },
        requests,
      );
      expect(validateScenario(w).map((p) => p.code)).toContain('acl-disabled');
      const r = run(w);
      expect(r['anon-get']?.d).toBe('implicitDeny');
      expect(r['bob-get']?.d).toBe('implicitDeny');
      expect(r['anon-get']?.trace.steps.find((s) => s.id === 's3-acl')?.outcome).toBe(
        'not-applicable',
      );
    }
  });

  it('a v1 bucket without ownership or ACLs has no ACL step at all', () => {
    const r = run(world({ [BUCKET]: { account: A } }, requests));
    expect(r['bob-get']?.trace.steps.some((s) => s.id === 's3-acl')).toBe(false);
  });
});

describe('Objects of another account ("How Amazon S3 authorizes a request for an object operation")', () => {
  const bucketPolicy = doc({
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${A}:root` },
    Action: 's3:GetObject',
    Resource: `${BUCKET}/*`,
  });
  const requests = [req('alice-get', alice, 's3:GetObject'), req('bob-get', bob, 's3:GetObject')];
  it("the object owner's ACL governs: the bucket owner needs a grant, the object owner's account needs none", () => {
    const r = run(
      world(
        {
          [BUCKET]: { account: A, objectOwnership: 'ObjectWriter', policy: bucketPolicy },
          [OBJ]: { account: B },
        },
        requests,
      ),
    );
    expect(r['alice-get']?.d).toBe('implicitDeny'); // bucket policy Allow grants nothing here
    expect(r['alice-get']?.trace.decidingStep).toBe('resource-policy');
    expect(r['alice-get']?.trace.steps.find((s) => s.id === 's3-acl')?.explanation).toContain(
      `belongs to account ${B}`,
    );
    expect(r['bob-get']?.d).toBe('allowed'); // same account as the object
    const granted = run(
      world(
        {
          [BUCKET]: { account: A, objectOwnership: 'ObjectWriter', policy: bucketPolicy },
          [OBJ]: { account: B, acl: [{ grantee: A, permission: 'READ' }] },
        },
        requests,
      ),
    );
    expect(granted['alice-get']?.d).toBe('allowed');
  });

  it('the bucket policy can still deny an object of another account', () => {
    const r = run(
      world(
        {
          [BUCKET]: {
            account: A,
            objectOwnership: 'ObjectWriter',
            policy: doc({
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: `${BUCKET}/*`,
            }),
          },
          [OBJ]: { account: B },
        },
        requests,
      ),
    );
    expect(r['bob-get']?.d).toBe('explicitDeny');
  });
});

describe('IgnorePublicAcls ("Blocking public access to your Amazon S3 storage")', () => {
  it('public grants are ignored; grants to accounts still count', () => {
    const r = run(
      world(
        {
          [BUCKET]: {
            account: A,
            objectOwnership: 'ObjectWriter',
            publicAccessBlock: { IgnorePublicAcls: true },
          },
          [OBJ]: {
            acl: [
              { grantee: 'AllUsers', permission: 'READ' },
              { grantee: B, permission: 'READ_ACP' },
            ],
          },
        },
        [req('anon-get', 'anonymous', 's3:GetObject'), req('bob-getacl', bob, 's3:GetObjectAcl')],
      ),
    );
    expect(r['anon-get']?.d).toBe('implicitDeny');
    expect(r['anon-get']?.trace.steps.find((s) => s.id === 's3-acl')?.explanation).toContain(
      'IgnorePublicAcls is on (bucket)',
    );
    expect(r['bob-getacl']?.d).toBe('allowed');
  });
});

describe('validation of ownership and ACLs, located', () => {
  it('names each wrong value and where it is', () => {
    // Wrong on purpose: the types would refuse it.
    const resources: Record<string, unknown> = {
      [BUCKET]: {
        account: A,
        objectOwnership: 'Owner',
        acl: [{ grantee: 'everyone', permission: 'READ' }],
      },
      [OBJ]: { acl: [{ grantee: B, permission: 'WRITE', extra: 1 }, 'x'] },
      'arn:aws:sqs:us-east-1:111122223333:q': { acl: [] },
    };
    const problems = validateScenario(world(resources as Scenario['resources'], [])).filter(
      (p) => p.severity === 'error',
    );
    expect(problems.map((p) => [p.code, p.path.join('.')])).toEqual([
      ['invalid-object-ownership', `resources.${BUCKET}.objectOwnership`],
      ['invalid-grantee', `resources.${BUCKET}.acl.0.grantee`],
      ['unknown-property', `resources.${OBJ}.acl.0.extra`],
      ['invalid-permission', `resources.${OBJ}.acl.0.permission`],
      ['wrong-type', `resources.${OBJ}.acl.1`],
      ['setting-not-supported', 'resources.arn:aws:sqs:us-east-1:111122223333:q.acl'],
    ]);
  });
});
