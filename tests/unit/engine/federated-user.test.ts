/**
 * The federated user a GetFederationToken call makes, as a caller of the engine:
 * "Permissions for GetFederationToken", "Compare AWS STS credentials", "AWS JSON policy
 * elements: Principal" (a federated user session is named by its ARN).
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type Principal } from '../../../src/engine/index.ts';
import { A, allow, doc, identity, input, policy } from './helpers.ts';

const USER = `arn:aws:iam::${A}:user/alice`;
const fed: Principal = {
  type: 'federated-user',
  arn: `arn:aws:sts::${A}:federated-user/app`,
  account: A,
  sessionName: 'app',
  userArn: USER,
};
const BUCKET = 'arn:aws:s3:::b/k';
const session = (...statements: Record<string, unknown>[]) =>
  policy('session', 'Session', doc(...statements));

describe('a federated user (GetFederationToken)', () => {
  it("is allowed only where its user's policies and its session policy both allow", () => {
    const both = input(fed, 's3:GetObject', BUCKET, {
      identityPolicies: [identity(allow('s3:GetObject'))],
      sessionPolicies: [session(allow('s3:*'))],
      resourceAccount: A,
    });
    expect(evaluate(both).decision).toBe('allowed');
    const userOnly = { ...both, sessionPolicies: [session(allow('sqs:*'))] };
    expect(evaluate(userOnly).decision).toBe('implicitDeny');
    expect(evaluate(userOnly).decidingStep).toBe('session-policy');
  });

  it('is granted by a resource-based policy naming its ARN, whatever the session policy says', () => {
    const rp = policy(
      'resource',
      'Bucket',
      doc({
        Effect: 'Allow',
        Principal: { AWS: fed.arn },
        Action: 's3:GetObject',
        Resource: BUCKET,
      }),
    );
    const result = evaluate(
      input(fed, 's3:GetObject', BUCKET, {
        sessionPolicies: [session(allow('sqs:*'))],
        resourcePolicy: rp,
        resourceAccount: A,
      }),
    );
    expect(result.decision).toBe('allowed');
    expect(result.decidingStep).toBe('resource-policy');
  });

  it('counts a resource-based policy naming its IAM user as the user\'s, which the session policy limits ("Policies and permissions in IAM", session policies)', () => {
    const rp = policy(
      'resource',
      'Bucket',
      doc({ Effect: 'Allow', Principal: { AWS: USER }, Action: 's3:GetObject', Resource: BUCKET }),
    );
    const decide = (sessionAction: string) =>
      evaluate(
        input(fed, 's3:GetObject', BUCKET, {
          sessionPolicies: [session(allow(sessionAction))],
          resourcePolicy: rp,
          resourceAccount: A,
        }),
      ).decision;
    expect(decide('s3:GetObject')).toBe('allowed');
    expect(decide('sqs:*')).toBe('implicitDeny');
  });

  it('is matched by its ARN and its account, and exempted by NotPrincipal only with both', () => {
    const denyAllBut = (names: string[]) =>
      policy(
        'resource',
        'Bucket',
        doc(
          { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: BUCKET },
          {
            Effect: 'Deny',
            NotPrincipal: { AWS: names },
            Action: 's3:GetObject',
            Resource: BUCKET,
          },
        ),
      );
    const decide = (names: string[]) =>
      evaluate(
        input(fed, 's3:GetObject', BUCKET, {
          resourcePolicy: denyAllBut(names),
          resourceAccount: A,
        }),
      ).decision;
    expect(decide([fed.arn])).toBe('explicitDeny');
    expect(decide([fed.arn, A])).toBe('allowed');
  });

  it('cannot call IAM operations or STS operations but GetCallerIdentity ("Compare AWS STS credentials")', () => {
    const all = {
      identityPolicies: [identity(allow('*'))],
      sessionPolicies: [session(allow('*'))],
    };
    for (const action of ['iam:CreateUser', 'sts:AssumeRole', 'sts:GetFederationToken']) {
      const result = evaluate(input(fed, action, '*', all));
      expect({ action, decision: result.decision, step: result.decidingStep }).toEqual({
        action,
        decision: 'implicitDeny',
        step: 'caller',
      });
    }
    expect(evaluate(input(fed, 'sts:GetCallerIdentity', '*')).decision).toBe('allowed');
  });
});
