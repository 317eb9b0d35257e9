/**
 * The harness itself: the oracle adapter gives the answers AWS documents for plain cases,
 * and the generators only produce cases the oracle accepts. If these fail, the differential
 * test would be comparing against noise.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbCase, MIXED } from './generators.ts';
import { oracleDecide } from './oracle.ts';
import type { Decision } from '../../../src/engine/types.ts';
import { ACCOUNT_A, ACCOUNT_B, ANONYMOUS, USER_ALICE, policy, type DiffCase } from './world.ts';

const getReport = (account: string): Omit<DiffCase, 'identityPolicies'> => ({
  principal: USER_ALICE,
  action: 's3:GetObject',
  resource: 'arn:aws:s3:::team-reports/2026/q3.csv',
  resourceAccount: account,
  context: { 'aws:username': 'alice' },
});

const allowGet = policy([
  { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::team-reports/*' },
]);
const denyGet = policy([{ Effect: 'Deny', Action: 's3:Get*', Resource: '*' }]);
const bucketAllowsAlice = policy([
  {
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${ACCOUNT_A}:user/alice` },
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::team-reports/*',
  },
]);

const plainCases: [string, DiffCase, Decision][] = [
  [
    'an identity Allow in the same account',
    { ...getReport(ACCOUNT_A), identityPolicies: [allowGet] },
    'allowed',
  ],
  ['no policy at all', { ...getReport(ACCOUNT_A), identityPolicies: [] }, 'implicitDeny'],
  [
    'an Allow and a matching Deny',
    { ...getReport(ACCOUNT_A), identityPolicies: [allowGet, denyGet] },
    'explicitDeny',
  ],
  [
    'an identity Allow alone across accounts',
    { ...getReport(ACCOUNT_B), identityPolicies: [allowGet] },
    'implicitDeny',
  ],
  [
    'both sides allowing across accounts',
    { ...getReport(ACCOUNT_B), identityPolicies: [allowGet], resourcePolicy: bucketAllowsAlice },
    'allowed',
  ],
  [
    'a bucket policy naming the user in the same account',
    { ...getReport(ACCOUNT_A), identityPolicies: [], resourcePolicy: bucketAllowsAlice },
    'allowed',
  ],
  [
    'an SCP level without any Allow',
    { ...getReport(ACCOUNT_A), identityPolicies: [allowGet], scps: [[]] },
    'implicitDeny',
  ],
];

describe('the iam-simulate oracle', () => {
  it.each(plainCases)('decides %s', async (_name, c, expected) => {
    expect(await oracleDecide(c)).toEqual({ ok: true, decision: expected });
  });

  it('lets an anonymous caller in only through a public resource policy', async () => {
    const publicRead = policy([
      {
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::team-reports/*',
      },
    ]);
    const c: DiffCase = {
      ...getReport(ACCOUNT_A),
      principal: ANONYMOUS,
      context: {},
      identityPolicies: [],
    };
    expect(await oracleDecide(c)).toEqual({ ok: true, decision: 'implicitDeny' });
    expect(await oracleDecide({ ...c, resourcePolicy: publicRead })).toEqual({
      ok: true,
      decision: 'allowed',
    });
  });

  it('reports a refused case as a problem, not as a deny', async () => {
    const c: DiffCase = {
      ...getReport(ACCOUNT_A),
      action: 's3:NoSuchAction',
      identityPolicies: [allowGet],
    };
    const answer = await oracleDecide(c);
    expect(answer.ok).toBe(false);
  });

  it('accepts every generated case and sees every decision among them', async () => {
    const cases = fc.sample(arbCase(MIXED), { seed: 7, numRuns: 300 });
    const seen = new Set<string>();
    for (const c of cases) {
      const answer = await oracleDecide(c);
      if (!answer.ok) expect.fail(`${answer.problem}\n${JSON.stringify(c)}`);
      seen.add(answer.decision);
    }
    expect([...seen].sort()).toEqual(['allowed', 'explicitDeny', 'implicitDeny']);
  }, 60_000);
});
