/**
 * Scenario requests signed with GetSessionToken's credentials (`signIn.method: "sessionToken"`):
 * AWS refuses them every AWS STS operation but AssumeRole and GetCallerIdentity, and every IAM
 * operation unless the GetSessionToken call included MFA, whatever the policies say
 * ("GetSessionToken" in the AWS STS API Reference; "Compare AWS STS credentials"). The engine
 * decides it at its caller step, as the console's permission check does.
 */
import { describe, expect, it } from 'vitest';
import { evaluateScenario, loadScenario, type Scenario } from '../../../src/model/index.ts';

const A = '111122223333';
const NOW = new Date('2026-03-01T12:00:00Z');
const alice = `arn:aws:iam::${A}:user/alice`;

function world(requests: unknown[]): Scenario {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: {
      [A]: {
        policies: {
          All: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
          },
        },
        users: {
          alice: {
            policies: ['All'],
            accessKeys: [{ id: 'AKIAIOSFODNN7EXAMPLE', status: 'Active' }],
            mfaDevices: [{ serial: `arn:aws:iam::${A}:mfa/alice` }],
          },
        },
        roles: {
          Admin: {
            trust: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: `arn:aws:iam::${A}:root` },
                  Action: 'sts:AssumeRole',
                },
              ],
            },
          },
        },
      },
    },
    requests: requests as Scenario['requests'],
  } as Scenario;
}

const request = (action: string, signIn: unknown, resource = '*') => ({
  principal: alice,
  action,
  resource,
  signIn,
});

function decide(action: string, signIn: unknown, resource = '*') {
  const loaded = loadScenario(JSON.stringify(world([request(action, signIn, resource)])));
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  const [result] = evaluateScenario(loaded.scenario!, { catalog: new Map(), now: NOW });
  return result!;
}

const token = { method: 'sessionToken' };
const tokenMfa = { method: 'sessionToken', mfa: true };
const key = { method: 'accessKey' };

describe('GetSessionToken credentials in scenario requests', () => {
  it.each(['sts:GetSessionToken', 'sts:GetFederationToken', 'sts:DecodeAuthorizationMessage'])(
    'cannot call %s, with MFA or not, whatever the policies say (the trace says why)',
    (action) => {
      for (const signIn of [token, tokenMfa]) {
        const result = decide(action, signIn);
        expect(result.decision).toBe('implicitDeny');
        expect(result.trace.decidingStep).toBe('caller');
        const caller = result.trace.steps.find((s) => s.id === 'caller');
        expect(caller?.reason).toMatchObject({ code: 'caller-session-token', limit: 'sts' });
        expect(caller?.explanation).toMatch(/GetSessionToken.*no AWS STS operation but AssumeRole/);
        expect(caller?.explanation).toMatch(/"GetSessionToken" \(AWS STS API Reference\)/);
      }
      // The same user with the long-term access key is decided by the policies.
      expect(decide(action, key).decision).toBe('allowed');
    },
  );

  it('may call AssumeRole and GetCallerIdentity', () => {
    expect(decide('sts:AssumeRole', token, `arn:aws:iam::${A}:role/Admin`).decision).toBe(
      'allowed',
    );
    expect(decide('sts:GetCallerIdentity', token).decision).toBe('allowed');
  });

  it('cannot call IAM without MFA; with MFA the policies decide', () => {
    const result = decide('iam:ListUsers', token);
    expect(result.decision).toBe('implicitDeny');
    expect(result.trace.decidingStep).toBe('caller');
    expect(result.trace.steps[0]?.reason).toMatchObject({
      code: 'caller-session-token',
      limit: 'iam',
    });
    expect(result.trace.steps[0]?.explanation).toMatch(/without MFA.*cannot call IAM/);
    expect(result.trace.toAllow.join(' ')).toMatch(/MFA/);
    expect(decide('iam:ListUsers', tokenMfa).decision).toBe('allowed');
    expect(decide('iam:ListUsers', key).decision).toBe('allowed');
  });

  it('a multi-step request from such credentials: a GetFederationToken hop is refused, an AssumeRole hop is not', () => {
    const chained = (hop: Record<string, unknown>) => {
      const scenario = world([{ ...request('s3:ListAllMyBuckets', token), assume: [hop] }]);
      const [result] = evaluateScenario(scenario, { catalog: new Map(), now: NOW });
      return result!;
    };
    const federation = chained({ federatedUser: 'app' });
    expect(federation.decision).toBe('implicitDeny');
    expect(federation.chain?.[0]?.trace.steps[0]?.reason).toMatchObject({
      code: 'caller-session-token',
      limit: 'sts',
    });
    expect(chained({ role: `arn:aws:iam::${A}:role/Admin` }).chain?.[0]?.decision).toBe('allowed');
  });

  it('calls other services as the policies say', () => {
    expect(decide('s3:ListAllMyBuckets', token).decision).toBe('allowed');
  });
});
