/**
 * Issue 21, the data perimeter: VPC endpoint policies, organization paths, KMS grants and key
 * kinds, end to end through the scenario model. Each describe names the AWS page of its rule.
 */
import { describe, expect, it } from 'vitest';
import {
  evaluateScenario,
  loadScenario,
  resolveRequest,
  type Scenario,
  type ScenarioRequest,
} from '../../../src/model/index.ts';

const A = '111122223333';
const B = '444455556666';
const ORG = 'o-a1b2c3d4e5';
const BUCKET = 'arn:aws:s3:::reports';
const VPCE = 'vpce-0a1b2c3d4e5f67890';
const VPC = 'vpc-0123456789abcdef0';
const KEY = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const S3_KEY = `arn:aws:kms:us-east-1:${A}:key/0000abcd-12ab-34cd-56ef-1234567890ab`;
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const allowAll = doc({ Effect: 'Allow', Action: '*', Resource: '*' });
const catalog = new Map<string, unknown>();
const now = new Date('2026-01-01T00:00:00Z');

function world(extra: Partial<Scenario> = {}, requests: ScenarioRequest[] = []): Scenario {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    organization: {
      id: ORG,
      managementAccount: '999999999999',
      root: {
        accounts: { '999999999999': {} },
        ous: {
          Workloads: {
            id: 'ou-ab12-11111111',
            ous: { Prod: { accounts: { [A]: {} } } },
          },
        },
      },
    },
    accounts: {
      [A]: {
        users: { alice: { inline: { all: allowAll } } },
        roles: { App: { inline: { all: allowAll } } },
        vpcEndpoints: {
          [VPCE]: {
            vpc: VPC,
            service: 's3',
            policy: doc({
              Effect: 'Allow',
              Principal: '*',
              Action: 's3:GetObject',
              Resource: `${BUCKET}/*`,
              Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
            }),
          },
        },
      },
      [B]: { users: { bob: { inline: { all: allowAll } } } },
    },
    resources: { [BUCKET]: { account: A } },
    ...extra,
    requests,
  };
}

const decide = (w: Scenario) =>
  evaluateScenario(w, { catalog, now }).map((r) => [r.id, r.decision]);

describe('VPC endpoint policies (Amazon VPC "Control access to VPC endpoints using endpoint policies")', () => {
  const alice = `arn:aws:iam::${A}:user/alice`;
  const bob = `arn:aws:iam::${B}:user/bob`;
  it('a request through an endpoint must be allowed by its policy too; the policy grants nothing alone', () => {
    const w = world(
      {
        resources: {
          [BUCKET]: {
            account: A,
            policy: doc({
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${B}:root` },
              Action: 's3:*',
              Resource: `${BUCKET}/*`,
            }),
          },
        },
      },
      [
        {
          id: 'get',
          principal: alice,
          action: 's3:GetObject',
          resource: `${BUCKET}/a`,
          vpcEndpoint: VPCE,
        },
        {
          id: 'put',
          principal: alice,
          action: 's3:PutObject',
          resource: `${BUCKET}/a`,
          vpcEndpoint: VPCE,
        },
        { id: 'put-direct', principal: alice, action: 's3:PutObject', resource: `${BUCKET}/a` },
        {
          id: 'outsider',
          principal: bob,
          action: 's3:GetObject',
          resource: `${BUCKET}/a`,
          vpcEndpoint: VPCE,
        },
        { id: 'outsider-direct', principal: bob, action: 's3:GetObject', resource: `${BUCKET}/a` },
      ],
    );
    expect(decide(w)).toEqual([
      ['get', 'allowed'],
      ['put', 'implicitDeny'],
      ['put-direct', 'allowed'],
      ['outsider', 'implicitDeny'],
      ['outsider-direct', 'allowed'],
    ]);
    const trace = evaluateScenario(w, { catalog, now })[1]?.trace;
    expect(trace?.decidingStep).toBe('vpc-endpoint');
    const step = trace?.steps.find((s) => s.id === 'vpc-endpoint');
    expect(step?.title).toBe('VPC endpoint policy');
    expect(step?.explanation).toContain(VPCE);
    expect(step?.policies[0]?.kind).toBe('vpc-endpoint');
  });

  it('a Deny in the endpoint policy is an explicit deny; no written policy means full access', () => {
    const w = world({}, [
      {
        id: 'via-default',
        principal: alice,
        action: 's3:PutObject',
        resource: `${BUCKET}/a`,
        vpcEndpoint: 'vpce-11111111',
      },
      {
        id: 'denied',
        principal: alice,
        action: 's3:DeleteObject',
        resource: `${BUCKET}/a`,
        vpcEndpoint: 'vpce-22222222',
      },
    ]);
    w.accounts![A]!.vpcEndpoints = {
      'vpce-11111111': { vpc: VPC },
      'vpce-22222222': {
        policy: doc(
          { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
          { Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: '*' },
        ),
      },
    };
    expect(decide(w)).toEqual([
      ['via-default', 'allowed'],
      ['denied', 'explicitDeny'],
    ]);
  });

  it('derives aws:SourceVpce and aws:SourceVpc only for a request through an endpoint ("AWS global condition context keys")', () => {
    const w = world({}, [
      { principal: alice, action: 's3:GetObject', resource: `${BUCKET}/a`, vpcEndpoint: VPCE },
      { principal: alice, action: 's3:GetObject', resource: `${BUCKET}/a` },
    ]);
    const [through, direct] = w.requests!.map((r) => resolveRequest(w, r, { catalog, now }));
    const ctx = (r: typeof through) => (r?.ok ? (r.input?.request.context ?? {}) : {});
    expect(ctx(through)['aws:SourceVpce']).toBe(VPCE);
    expect(ctx(through)['aws:SourceVpc']).toBe(VPC);
    expect(ctx(direct)).not.toHaveProperty('aws:SourceVpce');
    expect(ctx(direct)).not.toHaveProperty('aws:SourceVpc');
  });

  it('refuses, with located messages, an unknown endpoint, an endpoint of another service and bad ids', () => {
    const w = world({}, [
      {
        principal: alice,
        action: 's3:GetObject',
        resource: `${BUCKET}/a`,
        vpcEndpoint: 'vpce-0a1b2c3d4e5f67891',
      },
      {
        principal: alice,
        action: 'sqs:SendMessage',
        resource: `arn:aws:sqs:us-east-1:${A}:q`,
        vpcEndpoint: VPCE,
      },
    ]);
    w.accounts![A]!.vpcEndpoints!['vpce-x'] = { vpc: 'vpc-1' };
    const loaded = loadScenario(JSON.stringify(w, null, 2));
    expect(loaded.scenario).toBeNull();
    const problems = loaded.problems.map((p) => [p.code, p.path.join('.')]);
    expect(problems).toEqual(
      expect.arrayContaining([
        ['unknown-vpc-endpoint', 'requests.0.vpcEndpoint'],
        ['vpc-endpoint-service', 'requests.1.vpcEndpoint'],
        ['invalid-vpc-endpoint-id', `accounts.${A}.vpcEndpoints.vpce-x`],
        ['invalid-vpc-id', `accounts.${A}.vpcEndpoints.vpce-x.vpc`],
      ]),
    );
    const unknown = loaded.problems.find((p) => p.code === 'unknown-vpc-endpoint');
    expect(unknown?.message).toContain(`Did you mean "${VPCE}"`);
    expect(unknown?.line).toBeGreaterThan(0);
  });

  it('an endpoint policy without Principal is an error (it must contain a Principal element)', () => {
    const w = world();
    w.accounts![A]!.vpcEndpoints![VPCE]!.policy = doc({
      Effect: 'Allow',
      Action: '*',
      Resource: '*',
    });
    const loaded = loadScenario(JSON.stringify(w));
    expect(
      loaded.problems.some(
        (p) =>
          p.path.join('.').startsWith(`accounts.${A}.vpcEndpoints.${VPCE}.policy`) &&
          p.severity === 'error',
      ),
    ).toBe(true);
  });
});

describe('organization paths (IAM "AWS global condition context keys": aws:PrincipalOrgPaths, aws:ResourceOrgPaths)', () => {
  const alice = `arn:aws:iam::${A}:user/alice`;
  it('are o-ORG/r-ROOT/ou-…/ down to the account’s parent, given ids kept and missing ones derived stably', () => {
    const w = world({}, [{ principal: alice, action: 's3:GetObject', resource: `${BUCKET}/a` }]);
    const r = resolveRequest(w, w.requests![0]!, { catalog, now });
    const ctx = r.ok ? r.input!.request.context : {};
    const paths = ctx['aws:PrincipalOrgPaths'] as string[];
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatch(
      /^o-a1b2c3d4e5\/r-[0-9a-z]{4}\/ou-ab12-11111111\/ou-[0-9a-z]{4}-[0-9a-z]{8}\/$/,
    );
    expect(ctx['aws:ResourceOrgPaths']).toEqual(paths);
    // The same world gives the same ids; a root id of its own is used as given.
    const again = resolveRequest(w, w.requests![0]!, { catalog, now });
    expect(again.ok && again.input!.request.context['aws:PrincipalOrgPaths']).toEqual(paths);
    w.organization!.root!.id = 'r-zz99';
    const given = resolveRequest(w, w.requests![0]!, { catalog, now });
    expect(
      given.ok && (given.input!.request.context['aws:PrincipalOrgPaths'] as string[])[0],
    ).toMatch(/^o-a1b2c3d4e5\/r-zz99\/ou-ab12-11111111\/ou-zz99-[0-9a-z]{8}\/$/);
  });

  it('decide a ForAnyValue:StringLike condition; absent for principals outside the organization', () => {
    const bob = `arn:aws:iam::${B}:user/bob`;
    const w = world(
      {
        resources: {
          [BUCKET]: {
            account: A,
            policy: doc({
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: `${BUCKET}/*`,
              Condition: {
                'ForAllValues:StringNotLike': {
                  'aws:PrincipalOrgPaths': [`${ORG}/*/ou-ab12-11111111/*`],
                },
              },
            }),
          },
        },
      },
      [
        { id: 'inside', principal: alice, action: 's3:GetObject', resource: `${BUCKET}/a` },
        { id: 'outside', principal: bob, action: 's3:GetObject', resource: `${BUCKET}/a` },
      ],
    );
    // Alice's path is under OU ou-ab12-11111111, so the Deny does not apply to her. Bob's
    // account is outside the organization: the key is absent, and ForAllValues on an absent key
    // is true, so the Deny applies to him.
    expect(decide(w)).toEqual([
      ['inside', 'allowed'],
      ['outside', 'explicitDeny'],
    ]);
  });

  it('refuses malformed root and OU ids and an OU id used twice', () => {
    const w = world();
    w.organization!.root!.id = 'root-1';
    w.organization!.root!.ous!.Other = { id: 'ou-ab12-11111111' };
    const loaded = loadScenario(JSON.stringify(w));
    expect(loaded.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining(['invalid-root-id', 'duplicate-ou-id']),
    );
  });
});

describe('KMS grants (AWS KMS "Grants in AWS KMS", GrantConstraints)', () => {
  const app = `arn:aws:sts::${A}:assumed-role/App/run`;
  const bob = `arn:aws:iam::${B}:user/bob`;
  const keyWorld = (grants: unknown[], requests: ScenarioRequest[]) =>
    world(
      {
        resources: {
          [KEY]: {
            // The key policy lets nobody but the account's administrators in.
            policy: doc({
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${A}:user/alice` },
              Action: 'kms:*',
              Resource: '*',
            }),
            grants: grants as never,
          },
        },
      },
      requests,
    );
  const ec = (pairs: Record<string, string>) =>
    Object.fromEntries(Object.entries(pairs).map(([k, v]) => [`kms:EncryptionContext:${k}`, v]));

  it('a grant allows its grantee the operations it lists, and nothing else', () => {
    const w = keyWorld(
      [{ name: 'app-decrypt', grantee: `arn:aws:iam::${A}:role/App`, operations: ['Decrypt'] }],
      [
        { id: 'decrypt', principal: app, action: 'kms:Decrypt', resource: KEY },
        { id: 'encrypt', principal: app, action: 'kms:Encrypt', resource: KEY },
        {
          id: 'other',
          principal: `arn:aws:iam::${A}:user/carol`,
          action: 'kms:Decrypt',
          resource: KEY,
        },
      ],
    );
    w.accounts![A]!.users!.carol = {};
    const results = evaluateScenario(w, { catalog, now });
    expect(results.map((r) => [r.id, r.decision])).toEqual([
      ['decrypt', 'allowed'],
      ['encrypt', 'implicitDeny'],
      ['other', 'implicitDeny'],
    ]);
    expect(results[0]?.trace?.decidingStep).toBe('kms-grant');
    expect(results[0]?.trace?.steps.at(-1)?.explanation).toContain('"app-decrypt"');
    expect(results[1]?.trace?.steps.at(-1)?.id).toBe('kms-grant');
  });

  it('EncryptionContextEquals and EncryptionContextSubset: keys without case, values with it; not applied to DescribeKey', () => {
    const w = keyWorld(
      [
        {
          name: 'eq',
          grantee: `arn:aws:iam::${A}:role/App`,
          operations: ['Decrypt', 'DescribeKey'],
          constraints: { encryptionContextEquals: { Department: 'IT' } },
        },
        {
          name: 'sub',
          grantee: `arn:aws:iam::${B}:user/bob`,
          operations: ['Encrypt'],
          constraints: { encryptionContextSubset: { Project: 'X' } },
        },
      ],
      [
        {
          id: 'eq-exact',
          principal: app,
          action: 'kms:Decrypt',
          resource: KEY,
          context: ec({ department: 'IT' }),
        },
        {
          id: 'eq-extra',
          principal: app,
          action: 'kms:Decrypt',
          resource: KEY,
          context: ec({ Department: 'IT', Team: 'a' }),
        },
        {
          id: 'eq-value-case',
          principal: app,
          action: 'kms:Decrypt',
          resource: KEY,
          context: ec({ Department: 'it' }),
        },
        { id: 'describe', principal: app, action: 'kms:DescribeKey', resource: KEY },
        {
          id: 'sub-superset',
          principal: bob,
          action: 'kms:Encrypt',
          resource: KEY,
          context: ec({ Project: 'X', Team: 'a' }),
        },
        {
          id: 'sub-missing',
          principal: bob,
          action: 'kms:Encrypt',
          resource: KEY,
          context: ec({ Team: 'a' }),
        },
      ],
    );
    expect(decide(w)).toEqual([
      ['eq-exact', 'allowed'],
      ['eq-extra', 'implicitDeny'],
      ['eq-value-case', 'implicitDeny'],
      ['describe', 'allowed'],
      ['sub-superset', 'allowed'],
      ['sub-missing', 'implicitDeny'],
    ]);
  });

  it('cannot override an explicit Deny or an SCP; the retiring principal may retire the grant', () => {
    const w = keyWorld(
      [
        {
          grantee: `arn:aws:iam::${A}:role/App`,
          operations: ['Decrypt'],
          retiringPrincipal: `arn:aws:iam::${B}:user/bob`,
        },
      ],
      [
        { id: 'denied', principal: app, action: 'kms:Decrypt', resource: KEY },
        { id: 'retire', principal: bob, action: 'kms:RetireGrant', resource: KEY },
        { id: 'bob-decrypt', principal: bob, action: 'kms:Decrypt', resource: KEY },
      ],
    );
    w.accounts![A]!.roles!.App!.inline = {
      all: allowAll,
      no: doc({ Effect: 'Deny', Action: 'kms:Decrypt', Resource: '*' }),
    };
    expect(decide(w)).toEqual([
      ['denied', 'explicitDeny'],
      ['retire', 'allowed'],
      ['bob-decrypt', 'implicitDeny'],
    ]);
  });

  it('refuses malformed grants with located messages', () => {
    const w = keyWorld(
      [
        { grantee: 'alice', operations: ['kms:Decrypt'] },
        {
          grantee: `arn:aws:iam::${A}:role/App`,
          operations: [],
          constraints: { encryptionContextEquals: { a: 'b' }, encryptionContextSubset: { a: 'b' } },
        },
      ],
      [],
    );
    const loaded = loadScenario(JSON.stringify(w, null, 2));
    const problems = loaded.problems.map((p) => [p.code, p.path.slice(2).join('.')]);
    expect(problems).toEqual(
      expect.arrayContaining([
        ['invalid-grant-principal', 'grants.0.grantee'],
        ['invalid-grant-operation', 'grants.0.operations.0'],
        ['wrong-type', 'grants.1.operations'],
        ['grant-constraints', 'grants.1.constraints'],
      ]),
    );
    expect(loaded.problems.find((p) => p.code === 'invalid-grant-operation')?.message).toContain(
      'Did you mean "Decrypt"',
    );
  });
});

describe('AWS managed keys (AWS KMS "AWS KMS keys"; "Resource control policies in AWS KMS")', () => {
  const alice = `arn:aws:iam::${A}:user/alice`;
  const managed = (requests: ScenarioRequest[]) => {
    const w = world(
      {
        resources: {
          [S3_KEY]: { keyManager: 'AWS', alias: 'aws/s3' },
          [KEY]: {},
        },
      },
      requests,
    );
    // An RCP that denies every KMS request: it governs customer managed keys only.
    w.organization!.policies = {
      NoKms: doc({ Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*' }),
    };
    w.organization!.root!.rcps = ['NoKms'];
    return w;
  };

  it("are used through their service only (AWS's key policy), and RCPs do not apply to them", () => {
    const w = managed([
      {
        id: 'via-s3',
        principal: alice,
        action: 'kms:Decrypt',
        resource: S3_KEY,
        context: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
      },
      { id: 'direct', principal: alice, action: 'kms:Decrypt', resource: S3_KEY },
      { id: 'customer-key', principal: alice, action: 'kms:Decrypt', resource: KEY },
    ]);
    const results = evaluateScenario(w, { catalog, now });
    expect(results.map((r) => [r.id, r.decision])).toEqual([
      ['via-s3', 'allowed'],
      ['direct', 'implicitDeny'],
      ['customer-key', 'explicitDeny'],
    ]);
    const rcp = results[0]?.trace?.steps.find((s) => s.id === 'rcp');
    expect(rcp?.outcome).toBe('not-applicable');
    expect(rcp?.explanation).toContain('AWS managed keys');
  });

  it('refuses a written key policy or a missing aws/ alias on an AWS managed key, and aws/ on a customer key', () => {
    const w = managed([]);
    w.resources![S3_KEY] = { keyManager: 'AWS', policy: doc() };
    w.resources![KEY] = { alias: 'aws/s3' };
    w.resources![BUCKET] = { account: A, keyManager: 'CUSTOMER' };
    const loaded = loadScenario(JSON.stringify(w));
    expect(loaded.problems.map((p) => p.code)).toEqual(
      expect.arrayContaining([
        'aws-managed-key-policy',
        'aws-managed-key-alias',
        'reserved-alias',
        'kms-only-property',
      ]),
    );
  });
});

describe('a version-1 file without the extensions', () => {
  it('means the same: no endpoint step, no grant step, no endpoint keys', () => {
    const w = world({}, [
      {
        principal: `arn:aws:iam::${A}:user/alice`,
        action: 's3:GetObject',
        resource: `${BUCKET}/a`,
      },
    ]);
    delete w.accounts![A]!.vpcEndpoints;
    const [r] = evaluateScenario(w, { catalog, now });
    expect(r?.decision).toBe('allowed');
    expect(r?.trace?.steps.map((s) => s.id)).not.toContain('vpc-endpoint');
    expect(r?.trace?.steps.map((s) => s.id)).not.toContain('kms-grant');
  });
});
