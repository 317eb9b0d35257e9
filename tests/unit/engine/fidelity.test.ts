/**
 * Rules checked against AWS's current pages (issue 21). Each describe block names the page.
 */
import { describe, expect, it } from 'vitest';
import {
  evaluate,
  validatePolicy,
  type ContextValue,
  type EvaluationInput,
  type Principal,
} from '../../../src/engine/index.ts';
import {
  A,
  B,
  allow,
  anonymous,
  deny,
  doc,
  federated,
  identity,
  input,
  policy,
  root,
  service,
  session,
  user,
} from './helpers.ts';

const ROLE = `arn:aws:iam::${A}:role/Deployer`;
const GITHUB = `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`;
const OKTA = `arn:aws:iam::${A}:saml-provider/Okta`;
const trustAll = policy(
  'trust',
  'trust policy of Deployer',
  doc({
    Effect: 'Allow',
    Principal: {
      AWS: [A, `arn:aws:iam::${A}:root`],
      Service: 'ec2.amazonaws.com',
      Federated: [GITHUB, OKTA],
    },
    Action: ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'],
  }),
);
const everything = identity(allow('*'));

/** Decision and deciding step, traced and untraced (they must agree). */
function decide(inp: EvaluationInput): [string, string] {
  const traced = evaluate(inp);
  const untraced = evaluate(inp, { trace: false });
  expect([untraced.decision, untraced.decidingStep]).toEqual([
    traced.decision,
    traced.decidingStep,
  ]);
  return [traced.decision, traced.decidingStep];
}

describe('who may call which STS operation (AWS "Compare AWS STS credentials")', () => {
  const alice = user('alice');
  const web = session('Web', 's1');
  const cases: [string, Principal, string, string, [string, string]][] = [
    [
      'a user may call GetSessionToken, which needs no permission',
      alice,
      'sts:GetSessionToken',
      '*',
      ['allowed', 'caller'],
    ],
    [
      'the root user may call GetSessionToken',
      root(),
      'sts:GetSessionToken',
      '*',
      ['allowed', 'caller'],
    ],
    [
      'a role session may not call GetSessionToken, whatever its policies say',
      web,
      'sts:GetSessionToken',
      '*',
      ['implicitDeny', 'caller'],
    ],
    [
      'a user may call GetFederationToken',
      alice,
      'sts:GetFederationToken',
      `arn:aws:sts::${A}:federated-user/bob`,
      ['allowed', 'final'],
    ],
    [
      'a role session may not call GetFederationToken',
      web,
      'sts:GetFederationToken',
      `arn:aws:sts::${A}:federated-user/bob`,
      ['implicitDeny', 'caller'],
    ],
    [
      'an AWS service may not call GetSessionToken',
      service('ec2.amazonaws.com'),
      'sts:GetSessionToken',
      '*',
      ['implicitDeny', 'caller'],
    ],
    [
      'an anonymous caller may not call GetSessionToken',
      anonymous,
      'sts:GetSessionToken',
      '*',
      ['implicitDeny', 'caller'],
    ],
    ['a user may assume a role', alice, 'sts:AssumeRole', ROLE, ['allowed', 'final']],
    ['a role session may assume a role', web, 'sts:AssumeRole', ROLE, ['allowed', 'final']],
    [
      'a service named in the trust policy may assume the role',
      service('ec2.amazonaws.com'),
      'sts:AssumeRole',
      ROLE,
      ['allowed', 'resource-policy'],
    ],
    [
      'the root user may not assume a role, though the trust policy names its account',
      root(),
      'sts:AssumeRole',
      ROLE,
      ['implicitDeny', 'caller'],
    ],
    [
      'an anonymous caller may not call AssumeRole',
      anonymous,
      'sts:AssumeRole',
      ROLE,
      ['implicitDeny', 'caller'],
    ],
    [
      'an OIDC provider may call AssumeRoleWithWebIdentity',
      federated(GITHUB),
      'sts:AssumeRoleWithWebIdentity',
      ROLE,
      ['allowed', 'resource-policy'],
    ],
    [
      'a SAML provider may call AssumeRoleWithSAML',
      federated(OKTA),
      'sts:AssumeRoleWithSAML',
      ROLE,
      ['allowed', 'resource-policy'],
    ],
    [
      'an OIDC provider may not call AssumeRoleWithSAML',
      federated(GITHUB),
      'sts:AssumeRoleWithSAML',
      ROLE,
      ['implicitDeny', 'caller'],
    ],
    [
      'a user calling AssumeRoleWithWebIdentity is not the caller AWS decides',
      alice,
      'sts:AssumeRoleWithWebIdentity',
      ROLE,
      ['implicitDeny', 'caller'],
    ],
    [
      'a federated provider may not call AssumeRole',
      federated(GITHUB),
      'sts:AssumeRole',
      ROLE,
      ['implicitDeny', 'caller'],
    ],
  ];
  it.each(cases)('%s', (_name, principal, action, resource, expected) => {
    const inp = input(principal, action, resource, {
      identityPolicies: [everything],
      ...(resource === ROLE ? { resourcePolicy: trustAll, resourceAccount: A } : {}),
    });
    expect(decide(inp)).toEqual(expected);
  });

  it('the caller step comes first, says why, names the page and what to do instead', () => {
    const r = evaluate(
      input(session('Web', 's1'), 'sts:GetSessionToken', '*', {
        identityPolicies: [everything],
      }),
    );
    expect(r.trace?.steps.map((s) => s.id)).toEqual(['caller']);
    const step = r.trace?.steps[0];
    expect(step?.outcome).toBe('deny');
    expect(step?.explanation).toContain('Compare AWS STS credentials');
    expect(step?.explanation).toContain('no policy can allow it');
    expect(r.trace?.toAllow.join(' ')).toContain('IAM user or the root user');
    expect(r.trace?.summary).toMatch(/^Denied implicitly \(AWS refuses this kind of caller/);
  });

  it('a caller that may call it gets a passing caller step, then the policies decide', () => {
    const r = evaluate(
      input(user('alice'), 'sts:GetFederationToken', `arn:aws:sts::${A}:federated-user/bob`),
    );
    expect(r.trace?.steps.map((s) => [s.id, s.outcome]).slice(0, 2)).toEqual([
      ['caller', 'pass'],
      ['explicit-deny', 'pass'],
    ]);
    expect([r.decision, r.decidingStep]).toEqual(['implicitDeny', 'identity-policy']);
  });

  it('GetSessionToken needs no permission: no Allow, and a Deny does not count ("Permissions for GetSessionToken")', () => {
    for (const identityPolicies of [[], [identity(allow('*'), deny('sts:GetSessionToken'))]]) {
      const inp = input(user('alice'), 'sts:GetSessionToken', '*', { identityPolicies });
      expect(decide(inp)).toEqual(['allowed', 'caller']);
      expect(evaluate(inp).trace?.steps[0]?.explanation).toContain(
        'Permissions for GetSessionToken',
      );
    }
  });

  it('GetCallerIdentity works even when a policy denies it, but not unsigned (AWS STS API Reference)', () => {
    const denied = [identity(deny('sts:GetCallerIdentity'))];
    expect(
      decide(
        input(session('Web', 's1'), 'sts:GetCallerIdentity', '*', { identityPolicies: denied }),
      ),
    ).toEqual(['allowed', 'caller']);
    expect(decide(input(anonymous, 'sts:GetCallerIdentity', '*'))).toEqual([
      'implicitDeny',
      'caller',
    ]);
  });

  it('a caller AWS refuses is refused even when a policy also denies it explicitly', () => {
    const r = evaluate(
      input(root(), 'sts:AssumeRole', ROLE, {
        resourceAccount: A,
        resourcePolicy: trustAll,
        identityPolicies: [identity(deny('*'))],
      }),
    );
    expect([r.decision, r.decidingStep]).toEqual(['implicitDeny', 'caller']);
  });

  it('other actions get no caller step', () => {
    const r = evaluate(
      input(user('alice'), 's3:GetObject', 'arn:aws:s3:::b/k', { identityPolicies: [everything] }),
    );
    expect(r.trace?.steps.some((s) => s.id === 'caller')).toBe(false);
  });
});

/** Does an Allow with this one condition apply to a request with this context? */
function holds(operator: string, values: unknown, context: Record<string, ContextValue>): boolean {
  const document = doc(
    allow('s3:GetObject', '*', { Condition: { [operator]: { 'aws:TagKeys': values } } }),
  );
  return (
    evaluate(
      input(user('alice'), 's3:GetObject', 'arn:aws:s3:::b/k', {
        identityPolicies: [policy('identity', 'P', document)],
        context,
      }),
    ).decision === 'allowed'
  );
}

describe('...IfExists with ForAnyValue:/ForAllValues: (AWS "Condition operators": IfExists; "Single-valued vs. multivalued context keys")', () => {
  it.each([
    // A missing key: ForAnyValue is false and ForAllValues true (multivalued page); the IfExists
    // suffix does not turn ForAnyValue true (observed AWS behaviour, see docs/engine.md).
    ['ForAnyValue:StringEqualsIfExists', ['team'], {}, false],
    ['ForAnyValue:StringNotEqualsIfExists', ['team'], {}, false],
    ['ForAllValues:StringEqualsIfExists', ['team'], {}, true],
    ['ForAllValues:StringNotEqualsIfExists', ['team'], {}, true],
    // A present key: IfExists changes nothing.
    ['ForAnyValue:StringEqualsIfExists', ['team'], { 'aws:TagKeys': ['team', 'x'] }, true],
    ['ForAnyValue:StringEqualsIfExists', ['team'], { 'aws:TagKeys': ['x'] }, false],
    ['ForAllValues:StringEqualsIfExists', ['team'], { 'aws:TagKeys': ['team', 'x'] }, false],
    ['ForAllValues:StringEqualsIfExists', ['team', 'x'], { 'aws:TagKeys': ['team', 'x'] }, true],
  ] as [string, string[], Record<string, ContextValue>, boolean][])(
    '%s %j with context %j holds: %s',
    (operator, values, context, expected) => {
      expect(holds(operator, values, context)).toBe(expected);
    },
  );

  it('a policy with IfExists after a set qualifier gets a warning that says what it does', () => {
    const problems = validatePolicy(
      doc(
        allow('s3:GetObject', '*', {
          Condition: { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': 'team' } },
        }),
      ),
      'identity',
    );
    expect(problems.map((p) => `${p.severity}:${p.code}`)).toEqual([
      'warning:ifexists-with-qualifier',
    ]);
    expect(problems[0]?.message).toContain('absent');
  });
});

describe('a resource-based policy statement without Resource (AWS "Policies and permissions in IAM": JSON policy document structure)', () => {
  const REPO = `arn:aws:ecr:us-east-1:${A}:repository/app`;
  const repoPolicy = doc({
    Sid: 'PullFromB',
    Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${B}:root` },
    Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
  });

  it('is valid in a resource-based policy', () => {
    expect(validatePolicy(repoPolicy, 'resource')).toEqual([]);
  });

  it('is still an error in identity, boundary, session and key policies and RCPs', () => {
    const noResource = doc({ Effect: 'Allow', Action: 'ecr:BatchGetImage', Principal: '*' });
    expect(
      validatePolicy(doc({ Effect: 'Allow', Action: 's3:*' }), 'identity').map((p) => p.code),
    ).toEqual(['missing-resource']);
    expect(
      validatePolicy(doc({ Effect: 'Allow', Action: 's3:*' }), 'boundary').map((p) => p.code),
    ).toEqual(['missing-resource']);
    expect(
      validatePolicy(doc({ Effect: 'Allow', Action: 's3:*' }), 'session').map((p) => p.code),
    ).toEqual(['missing-resource']);
    expect(validatePolicy(noResource, 'kms').map((p) => p.code)).toEqual(['missing-resource']);
    expect(validatePolicy(noResource, 'rcp').map((p) => p.code)).toContain('missing-resource');
  });

  it('means the resource the policy is attached to', () => {
    const bob = user('bob', B);
    const r = evaluate(
      input(bob, 'ecr:BatchGetImage', REPO, {
        resourceAccount: A,
        identityPolicies: [identity(allow('ecr:*'))],
        resourcePolicy: policy('resource', 'repository policy of app', repoPolicy),
      }),
    );
    expect(r.decision).toBe('allowed');
    const statement = r.trace?.steps.flatMap((s) => s.policies).find((p) => p.kind === 'resource')
      ?.statements[0];
    expect(statement?.resource.detail).toContain('the resource this policy is attached to');
    // The same grant does not cover an action it does not list.
    expect(
      evaluate(
        input(bob, 'ecr:PutImage', REPO, {
          resourceAccount: A,
          identityPolicies: [identity(allow('ecr:*'))],
          resourcePolicy: policy('resource', 'repository policy of app', repoPolicy),
        }),
      ).decision,
    ).toBe('implicitDeny');
  });
});

describe('a Principal given as a unique id (AWS "IAM identifiers": unique identifiers; "AWS JSON policy elements: Principal")', () => {
  const OLD_ROLE_ID = 'AROAOLDROLE1234567890';
  const NEW_ROLE_ID = 'AROANEWROLE1234567890';
  const USER_ID = 'AIDAALICE12345678901';
  const QUEUE = `arn:aws:sqs:us-east-1:${A}:jobs`;
  const queuePolicy = (id: string) =>
    policy(
      'resource',
      'queue policy',
      doc({ Effect: 'Allow', Principal: { AWS: id }, Action: 'sqs:SendMessage' }),
    );
  const withId = (p: Principal, uniqueId: string): Principal => ({ ...p, uniqueId });

  it('is a valid principal; other ids are not', () => {
    expect(validatePolicy(queuePolicy(USER_ID).document, 'resource')).toEqual([]);
    expect(
      validatePolicy(queuePolicy('AKIAIOSFODNN7EXAMPLE').document, 'resource').map((p) => p.code),
    ).toEqual(['invalid-principal']);
  });

  it("matches the session of the role that has the id, as the role's ARN would", () => {
    const inp = input(withId(session('Deployer'), OLD_ROLE_ID), 'sqs:SendMessage', QUEUE, {
      resourceAccount: A,
      resourcePolicy: queuePolicy(OLD_ROLE_ID),
    });
    expect(decide(inp)).toEqual(['allowed', 'resource-policy']);
    expect(evaluate(inp).trace?.steps.at(-1)?.explanation).toContain('the role ARN');
    // The statement's own line says how it named the caller: by the role's unique id.
    const details = JSON.stringify(evaluate(inp).trace);
    expect(details).toContain(`, by the role's unique id (${OLD_ROLE_ID})`);
  });

  it('does not match a role deleted and created again under the same name (a new id)', () => {
    const inp = input(withId(session('Deployer'), NEW_ROLE_ID), 'sqs:SendMessage', QUEUE, {
      resourceAccount: A,
      resourcePolicy: queuePolicy(OLD_ROLE_ID),
    });
    expect(decide(inp)).toEqual(['implicitDeny', 'identity-policy']);
  });

  it('matches the user that has the id, and not another user', () => {
    const alice = withId(user('alice'), USER_ID);
    expect(
      decide(
        input(alice, 'sqs:SendMessage', QUEUE, {
          resourceAccount: A,
          resourcePolicy: queuePolicy(USER_ID),
        }),
      ),
    ).toEqual(['allowed', 'resource-policy']);
    expect(
      decide(
        input(withId(user('bob'), 'AIDABOB1234567890123'), 'sqs:SendMessage', QUEUE, {
          resourceAccount: A,
          resourcePolicy: queuePolicy(USER_ID),
        }),
      ),
    ).toEqual(['implicitDeny', 'identity-policy']);
  });

  it('an id in NotPrincipal spares the caller as its ARN would (with its account)', () => {
    const alice = withId(user('alice'), USER_ID);
    const denyOthers = policy(
      'resource',
      'queue policy',
      doc(
        { Effect: 'Allow', Principal: { AWS: A }, Action: 'sqs:SendMessage' },
        { Effect: 'Deny', NotPrincipal: { AWS: [USER_ID, A] }, Action: 'sqs:SendMessage' },
      ),
    );
    const inp = (who: Principal) =>
      input(who, 'sqs:SendMessage', QUEUE, {
        resourceAccount: A,
        resourcePolicy: denyOthers,
        identityPolicies: [identity(allow('sqs:*'))],
      });
    expect(decide(inp(alice))).toEqual(['allowed', 'final']);
    expect(decide(inp(withId(user('bob'), 'AIDABOB1234567890123')))).toEqual([
      'explicitDeny',
      'explicit-deny',
    ]);
  });
});
