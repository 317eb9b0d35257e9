/**
 * Managed session policies (PolicyArns of AssumeRole and GetFederationToken, AWS STS API
 * Reference; IAM User Guide "Session policies"): intersected with the identity side like the
 * inline session policy, at most 10, the plaintext of both at most 2,048 characters.
 */
import { describe, expect, it } from 'vitest';
import {
  evaluateScenario,
  referencedManagedPolicies,
  validateScenario,
  type Scenario,
  type ScenarioRequest,
} from '../../../src/model/index.ts';

const A = '111111111111';
const B = '222222222222';
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource = '*') => ({
  Effect: 'Allow',
  Action,
  Resource,
});
const ROLE = `arn:aws:iam::${B}:role/Reader`;
const ALICE = `arn:aws:iam::${A}:user/alice`;
const BUCKET = 'arn:aws:s3:::data';
const READ_ONLY = `arn:aws:iam::${B}:policy/ReadOnlyS3`;
const LIST_ONLY = `arn:aws:iam::${B}:policy/ListOnly`;
const AWS_MANAGED = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';

function world(requests: ScenarioRequest[]): Scenario {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: {
      [A]: {
        policies: { Elsewhere: doc(allow('s3:*')) },
        users: {
          alice: {
            inline: {
              Sts: doc(
                allow('sts:AssumeRole', ROLE),
                allow('sts:GetFederationToken'),
                allow('s3:*'),
              ),
            },
          },
        },
      },
      [B]: {
        policies: { ReadOnlyS3: doc(allow('s3:GetObject')), ListOnly: doc(allow('s3:ListBucket')) },
        roles: {
          Reader: {
            trust: doc({
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${A}:root` },
              Action: 'sts:AssumeRole',
            }),
            inline: { All: doc(allow(['s3:GetObject', 's3:PutObject', 's3:ListBucket'])) },
          },
        },
      },
    },
    resources: { [BUCKET]: { account: B } },
    requests,
  };
}

const get = { action: 's3:GetObject', resource: `${BUCKET}/a` };
const put = { action: 's3:PutObject', resource: `${BUCKET}/a` };
const list = { action: 's3:ListBucket', resource: BUCKET };

const decide = (w: Scenario) => {
  expect(validateScenario(w).filter((p) => p.severity === 'error')).toEqual([]);
  return Object.fromEntries(
    evaluateScenario(w, {
      catalog: new Map([[AWS_MANAGED, doc(allow(['s3:Get*', 's3:List*']))]]),
    }).map((r) => [r.id, r]),
  );
};

describe('PolicyArns at assume time', () => {
  it('a managed session policy limits the session like an inline one; several together allow what any allows', () => {
    const hop = (policyArns: string[], sessionPolicy?: unknown) => [
      { role: ROLE, policyArns, ...(sessionPolicy ? { sessionPolicy } : {}) },
    ];
    const r = decide(
      world([
        { id: 'get', principal: ALICE, ...get, assume: hop([READ_ONLY]) },
        { id: 'put', principal: ALICE, ...put, assume: hop([READ_ONLY]) },
        { id: 'list-two', principal: ALICE, ...list, assume: hop([READ_ONLY, LIST_ONLY]) },
        {
          id: 'put-inline',
          principal: ALICE,
          ...put,
          assume: hop([READ_ONLY], doc(allow('s3:PutObject'))),
        },
        { id: 'aws-managed', principal: ALICE, ...list, assume: hop([AWS_MANAGED]) },
      ]),
    );
    expect(r['get']?.decision).toBe('allowed');
    expect(r['put']?.decision).toBe('implicitDeny');
    expect(r['put']?.trace.decidingStep).toBe('session-policy');
    expect(r['put']?.trace.steps.at(-1)?.policies.map((p) => p.name)).toEqual([
      `ReadOnlyS3 (managed session policy ${READ_ONLY})`,
    ]);
    expect(r['list-two']?.decision).toBe('allowed');
    expect(r['put-inline']?.decision).toBe('allowed');
    expect(r['aws-managed']?.decision).toBe('allowed');
  });

  it('a role session making the request directly may carry policyArns too', () => {
    const session = `arn:aws:sts::${B}:assumed-role/Reader/s1`;
    const r = decide(
      world([
        { id: 'get', principal: session, ...get, policyArns: [READ_ONLY] },
        { id: 'put', principal: session, ...put, policyArns: [READ_ONLY] },
      ]),
    );
    expect(r['get']?.decision).toBe('allowed');
    expect(r['put']?.decision).toBe('implicitDeny');
  });

  it("GetFederationToken: managed session policies of the calling user's account give the federated user its permissions", () => {
    const w = world([
      {
        id: 'fed',
        principal: ALICE,
        action: 's3:ListBucket',
        resource: BUCKET,
        assume: [{ federatedUser: 'bob', policyArns: [`arn:aws:iam::${A}:policy/Elsewhere`] }],
      },
    ]);
    w.resources = { [BUCKET]: { account: A } };
    expect(decide(w)['fed']?.decision).toBe('allowed');
  });
});

describe('PolicyArns validation, located', () => {
  const problems = (w: Scenario) =>
    validateScenario(w)
      .filter((p) => p.severity === 'error')
      .map((p) => [p.code, p.path.join('.')]);
  it("at most 10 ARNs; inline and ARNs at most 2,048 characters; the role's account; not for users", () => {
    const eleven = Array.from({ length: 11 }, () => READ_ONLY);
    expect(
      problems(world([{ principal: ALICE, ...get, assume: [{ role: ROLE, policyArns: eleven }] }])),
    ).toEqual([['too-many-policy-arns', 'requests.0.assume.0.policyArns']]);
    const big = doc(allow(Array.from({ length: 120 }, (_, i) => `s3:GetObjectVersionTagging${i}`)));
    expect(
      problems(
        world([
          {
            principal: ALICE,
            ...get,
            assume: [{ role: ROLE, policyArns: [READ_ONLY], sessionPolicy: big }],
          },
        ]),
      ),
    ).toContainEqual(['session-policies-too-large', 'requests.0.assume.0.policyArns']);
    expect(
      problems(
        world([
          {
            principal: ALICE,
            ...get,
            assume: [{ role: ROLE, policyArns: [`arn:aws:iam::${A}:policy/Elsewhere`] }],
          },
        ]),
      ),
    ).toEqual([['foreign-policy', 'requests.0.assume.0.policyArns.0']]);
    expect(problems(world([{ principal: ALICE, ...get, policyArns: [READ_ONLY] }]))).toEqual([
      ['session-policy-not-allowed', 'requests.0.policyArns'],
    ]);
  });

  it('AWS managed policies named in policyArns are loaded with the world', () => {
    expect(
      referencedManagedPolicies(
        world([{ principal: ALICE, ...get, assume: [{ role: ROLE, policyArns: [AWS_MANAGED] }] }]),
      ),
    ).toEqual([AWS_MANAGED]);
  });
});
