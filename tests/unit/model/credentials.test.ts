/**
 * Credentials in the world: validation of the new optional fields, authentication of a request's
 * sign-in, and the condition keys AWS derives from the kind of credentials.
 *
 * AWS's page "AWS global condition context keys": aws:MultiFactorAuthPresent is absent for
 * long-term access keys and present for temporary credentials (console sign-in,
 * GetSessionToken, AssumeRole), true only when MFA was used; aws:MultiFactorAuthAge is present
 * only when MFA was used; aws:TokenIssueTime only for temporary credentials. AWS's page
 * "Configuring MFA-protected API access" gives the force-MFA pattern tested below.
 */
import { describe, expect, it } from 'vitest';
import {
  evaluateScenario,
  loadScenario,
  resolveRequest,
  type Scenario,
} from '../../../src/model/index.ts';
import { forceMfaPolicy as forceMfa } from '../../fixtures/force-mfa.ts';

const A = '111122223333';
const NOW = new Date('2026-03-01T12:00:00Z');
const KEY1 = 'AKIAIOSFODNN7EXAMPLE';
const KEY2 = 'AKIAI44QH8DHBEXAMPLE';

const recordContext = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

function world(requests: unknown[], user: Record<string, unknown> = {}, extra = {}): Scenario {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: {
      [A]: {
        policies: { ForceMFA: forceMfa, All: recordContext },
        users: {
          alice: {
            policies: ['ForceMFA'],
            loginProfile: { created: '2026-01-01T00:00:00Z' },
            accessKeys: [
              { id: KEY1, status: 'Active', created: '2026-01-01T00:00:00Z' },
              { id: KEY2, status: 'Inactive' },
            ],
            mfaDevices: [{ serial: `arn:aws:iam::${A}:mfa/alice` }],
            ...user,
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
            policies: ['ForceMFA'],
          },
        },
        ...extra,
      },
    },
    requests: requests as Scenario['requests'],
  } as Scenario;
}

const ec2 = (
  signIn?: unknown,
  principal = `arn:aws:iam::${A}:user/alice`,
  action = 'ec2:RunInstances',
) => ({
  principal,
  action,
  resource: '*',
  ...(signIn ? { signIn } : {}),
});

function decide(scenario: Scenario) {
  const loaded = loadScenario(JSON.stringify(scenario));
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return evaluateScenario(loaded.scenario!, { catalog: new Map(), now: NOW });
}

/** The request context the engine gets for the scenario's first request. */
function contextOf(scenario: Scenario) {
  const resolved = resolveRequest(scenario, scenario.requests![0]!, {
    catalog: new Map(),
    now: NOW,
  });
  if (!resolved.ok || !resolved.input) throw new Error('not resolved');
  return resolved.input.request.context ?? {};
}

describe('credential fields: validation', () => {
  it('accepts the fields in a version-1 scenario', () => {
    const loaded = loadScenario(
      JSON.stringify(
        world(
          [ec2({ method: 'sessionToken', mfa: true, at: '2026-03-01T11:00:00Z' })],
          {},
          {
            passwordPolicy: { MinimumPasswordLength: 14, RequireSymbols: true, MaxPasswordAge: 90 },
            rootUser: { accessKeys: false, mfa: true },
          },
        ),
      ),
    );
    expect(loaded.problems).toEqual([]);
  });

  it.each([
    [
      { accessKeys: [{ id: 'AKIA123', status: 'Active' }] },
      'invalid-access-key-id',
      'users/alice/accessKeys/0/id',
    ],
    [
      { accessKeys: [{ id: KEY1, status: 'On' }] },
      'invalid-status',
      'users/alice/accessKeys/0/status',
    ],
    [
      {
        accessKeys: [
          { id: KEY1, status: 'Active' },
          { id: KEY2, status: 'Active' },
          { id: 'AKIAAAAAAAAAAAAAAAAA', status: 'Active' },
        ],
      },
      'too-many-access-keys',
      'users/alice/accessKeys',
    ],
    [
      {
        accessKeys: [
          { id: KEY1, status: 'Active' },
          { id: KEY1, status: 'Active' },
        ],
      },
      'duplicate-access-key',
      'users/alice/accessKeys/1/id',
    ],
    [
      { mfaDevices: [{ serial: 'arn:aws:iam::999999999999:mfa/alice' }] },
      'account-mismatch',
      'users/alice/mfaDevices/0/serial',
    ],
    [
      { mfaDevices: [{ serial: 'GAHT12345678' }] },
      'invalid-mfa-serial',
      'users/alice/mfaDevices/0/serial',
    ],
    [
      { loginProfile: { created: 'yesterday' } },
      'invalid-date',
      'users/alice/loginProfile/created',
    ],
    [{ loginProfile: { password: 'x' } }, 'unknown-property', 'users/alice/loginProfile/password'],
  ])('a user with %j has %s at %s', (user, code, where) => {
    const loaded = loadScenario(JSON.stringify(world([], user)));
    const problem = loaded.problems.find((p) => p.code === code);
    expect(problem?.path.join('/')).toBe(`accounts/${A}/${where}`);
    expect(problem?.line).toBeGreaterThan(0);
  });

  it('checks the password policy ranges and the root user fields', () => {
    const loaded = loadScenario(
      JSON.stringify(
        world(
          [],
          {},
          {
            passwordPolicy: {
              MinimumPasswordLength: 4,
              PasswordReusePrevention: 30,
              RequireSymbols: 'yes',
            },
            rootUser: { mfa: 'on' },
          },
        ),
      ),
    );
    const found = loaded.problems.map((p) => `${p.code} ${p.path.slice(2).join('/')}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'out-of-range passwordPolicy/MinimumPasswordLength',
        'out-of-range passwordPolicy/PasswordReusePrevention',
        'wrong-type passwordPolicy/RequireSymbols',
        'wrong-type rootUser/mfa',
      ]),
    );
  });

  it('checks that the sign-in method fits the principal', () => {
    const loaded = loadScenario(
      JSON.stringify(
        world([
          ec2({ method: 'roleSession' }),
          ec2({ method: 'password' }, `arn:aws:iam::${A}:role/Admin`),
          ec2({ method: 'accessKey', mfa: true }),
          ec2({ method: 'fingerprint' }),
          ec2({ method: 'password', accessKeyId: KEY1 }),
        ]),
      ),
    );
    const found = loaded.problems.map((p) => `${p.code} ${p.path.join('/')}`);
    expect(found).toEqual([
      'sign-in-not-allowed requests/0/signIn/method',
      'sign-in-not-allowed requests/1/signIn/method',
      'sign-in-not-allowed requests/2/signIn/mfa',
      'invalid-sign-in requests/3/signIn/method',
      'sign-in-not-allowed requests/4/signIn/accessKeyId',
    ]);
  });
});

describe('sign-in kinds: MFA and token keys (AWS global condition context keys)', () => {
  const cases: [string, unknown, Record<string, unknown>][] = [
    ['long-term access key', { method: 'accessKey' }, {}],
    [
      'console password without MFA',
      { method: 'password' },
      { 'aws:MultiFactorAuthPresent': false, 'aws:TokenIssueTime': '2026-03-01T12:00:00Z' },
    ],
    [
      'console password with MFA an hour ago',
      { method: 'password', mfa: true, at: '2026-03-01T11:00:00Z' },
      {
        'aws:MultiFactorAuthPresent': true,
        'aws:MultiFactorAuthAge': 3600,
        'aws:TokenIssueTime': '2026-03-01T11:00:00Z',
      },
    ],
    [
      'get-session-token without MFA',
      { method: 'sessionToken' },
      { 'aws:MultiFactorAuthPresent': false, 'aws:TokenIssueTime': '2026-03-01T12:00:00Z' },
    ],
    [
      'get-session-token with MFA',
      { method: 'sessionToken', mfa: true },
      {
        'aws:MultiFactorAuthPresent': true,
        'aws:MultiFactorAuthAge': 0,
        'aws:TokenIssueTime': '2026-03-01T12:00:00Z',
      },
    ],
  ];

  it.each(cases)('%s', (_, signIn, expected) => {
    const context = contextOf(world([ec2(signIn)]));
    for (const key of [
      'aws:MultiFactorAuthPresent',
      'aws:MultiFactorAuthAge',
      'aws:TokenIssueTime',
    ])
      expect([key, context[key]]).toEqual([key, expected[key]]);
  });

  it('a role session assumed with MFA has the keys too', () => {
    const scenario = world([
      ec2(
        { method: 'roleSession', mfa: true, at: '2026-03-01T11:30:00Z' },
        `arn:aws:sts::${A}:assumed-role/Admin/ops`,
      ),
    ]);
    const context = contextOf(scenario);
    expect(context['aws:MultiFactorAuthPresent']).toBe(true);
    expect(context['aws:MultiFactorAuthAge']).toBe(1800);
    expect(decide(scenario)[0]!.decision).toBe('allowed');
  });

  it('a key given in context still overrides the derived one', () => {
    const request = {
      ...ec2({ method: 'accessKey' }),
      context: { 'aws:MultiFactorAuthPresent': true },
    };
    const [result] = decide(world([request]));
    expect(result!.decision).toBe('allowed');
  });
});

describe('the force-MFA pattern decides as in AWS', () => {
  it('denies everything but the MFA self-service actions to access keys and non-MFA sessions', () => {
    const results = decide(
      world([
        ec2({ method: 'accessKey' }),
        ec2({ method: 'password' }),
        ec2({ method: 'sessionToken' }),
        ec2({ method: 'accessKey' }, undefined, 'iam:EnableMFADevice'),
        ec2({ method: 'password', mfa: true }),
        ec2({ method: 'sessionToken', mfa: true }),
      ]),
    );
    expect(results.map((r) => r.decision)).toEqual([
      'explicitDeny',
      'explicitDeny',
      'explicitDeny',
      'allowed',
      'allowed',
      'allowed',
    ]);
  });

  it('with no sign-in given, a user request keeps its old meaning (long-term keys: the key is absent)', () => {
    const scenario = world([ec2()]);
    expect(decide(scenario)[0]!.decision).toBe('explicitDeny');
    expect(contextOf(scenario)['aws:MultiFactorAuthPresent']).toBeUndefined();
  });
});

describe('authentication', () => {
  it.each([
    ['an inactive key', { method: 'accessKey', accessKeyId: KEY2 }, /Inactive/],
    [
      'a key of no one',
      { method: 'accessKey', accessKeyId: 'AKIAZZZZZZZZZZZZZZZZ' },
      /not one of user alice's keys/,
    ],
    ['MFA without a device', { method: 'password', mfa: true }, /no MFA device/],
  ])('%s decides nothing: the request fails authentication', (_, signIn, message) => {
    const [result] = decide(
      world([ec2(signIn)], (signIn as { mfa?: boolean }).mfa ? { mfaDevices: [] } : {}),
    );
    expect(result!.problems?.[0]?.code).toBe('authentication-failed');
    expect(result!.problems?.[0]?.message).toMatch(message);
    expect(result!.pass).toBe(false);
  });

  it('a refused request meets only an expectation of "denied"', () => {
    const signIn = { method: 'accessKey', accessKeyId: KEY2 };
    const results = decide(
      world([
        { ...ec2(signIn), expect: 'denied' },
        { ...ec2(signIn), expect: 'implicitDeny' },
      ]),
    );
    expect(results.map((r) => r.pass)).toEqual([true, false]);
    expect(results[0]!.trace.steps[0]!.title).toBe('Authentication');
  });

  it('a console sign-in needs a login profile; access keys need an active key', () => {
    const results = decide(
      world([ec2({ method: 'password' }), ec2({ method: 'accessKey' })], {
        loginProfile: undefined,
        accessKeys: [{ id: KEY2, status: 'Inactive' }],
      }),
    );
    expect(results.map((r) => r.problems?.[0]?.message)).toEqual([
      expect.stringMatching(/no console password/),
      expect.stringMatching(/no active access key/),
    ]);
  });

  it("the root user's access keys and MFA come from rootUser", () => {
    const root = `arn:aws:iam::${A}:root`;
    const results = decide(
      world(
        [
          ec2({ method: 'accessKey' }, root),
          ec2({ method: 'password', mfa: true }, root),
          ec2({ method: 'password' }, root),
        ],
        {},
        { rootUser: { accessKeys: false, mfa: false } },
      ),
    );
    expect(results.map((r) => r.problems?.[0]?.code ?? r.decision)).toEqual([
      'authentication-failed',
      'authentication-failed',
      'allowed',
    ]);
  });
});
