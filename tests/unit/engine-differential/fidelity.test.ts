/**
 * Issue 21's rules where iam-simulate can serve as an oracle: fixed cases both engines must
 * decide as AWS's pages say (docs/engine.md names each page).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/index.ts';
import type { Decision } from '../../../src/engine/types.ts';
import { knownDivergence } from './divergences.ts';
import { oracleDecide } from './oracle.ts';
import { toEvaluationInput } from './ours.ts';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  SERVICE_SNS,
  SESSION_DEV,
  USER_ALICE,
  policy,
  type DiffCase,
} from './world.ts';

const ours = (c: DiffCase): Decision => evaluate(toEvaluationInput(c)).decision;

async function agree(c: DiffCase, aws: Decision): Promise<void> {
  expect(knownDivergence(c)).toBeUndefined();
  expect(ours(c)).toBe(aws);
  expect(evaluate(toEvaluationInput(c), { trace: false }).decision).toBe(aws);
  expect(await oracleDecide(c)).toEqual({ ok: true, decision: aws });
}

/** Alice tags a queue; only the condition on aws:TagKeys and the request's tag keys vary. */
const aliceTags = (operator: string, tagKeys?: string[]): DiffCase => ({
  principal: USER_ALICE,
  action: 'sqs:TagQueue',
  resource: `arn:aws:sqs:us-east-1:${ACCOUNT_A}:jobs`,
  resourceAccount: ACCOUNT_A,
  context: tagKeys ? { 'aws:TagKeys': tagKeys } : {},
  identityPolicies: [
    policy([
      {
        Effect: 'Allow',
        Action: 'sqs:TagQueue',
        Resource: '*',
        Condition: { [operator]: { 'aws:TagKeys': ['team'] } },
      },
    ]),
  ],
});

describe('...IfExists after ForAnyValue:/ForAllValues: ("Condition operators"; "Single-valued vs. multivalued context keys")', () => {
  it.each([
    ['ForAnyValue:StringEqualsIfExists', undefined, 'implicitDeny'],
    ['ForAllValues:StringEqualsIfExists', undefined, 'allowed'],
    ['ForAnyValue:StringEqualsIfExists', ['team', 'cost'], 'allowed'],
    ['ForAllValues:StringEqualsIfExists', ['team', 'cost'], 'implicitDeny'],
    ['ForAnyValue:StringNotEqualsIfExists', undefined, 'implicitDeny'],
  ] as const)('%s with aws:TagKeys %j: %s', async (operator, keys, aws) => {
    await agree(aliceTags(operator, keys ? [...keys] : undefined), aws);
  });
});

describe('a resource-based policy statement without Resource ("Policies and permissions in IAM")', () => {
  const queue = `arn:aws:sqs:us-east-1:${ACCOUNT_A}:jobs`;
  const sends = (principal: DiffCase['principal'], account: string): DiffCase => ({
    principal,
    action: 'sqs:SendMessage',
    resource: queue,
    resourceAccount: ACCOUNT_A,
    context: {},
    identityPolicies: [],
    resourcePolicy: policy([
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:user/alice` },
        Action: 'sqs:SendMessage',
      },
    ]),
  });

  it('applies to the queue it is attached to', async () => {
    await agree(sends(USER_ALICE, ACCOUNT_A), 'allowed');
  });

  it('still names its principals', async () => {
    await agree(sends(USER_ALICE, ACCOUNT_B), 'implicitDeny');
  });
});

describe('who may call sts:AssumeRole ("Compare AWS STS credentials")', () => {
  const assume = (principal: DiffCase['principal'], trusted: unknown): DiffCase => ({
    principal,
    action: 'sts:AssumeRole',
    resource: `arn:aws:iam::${ACCOUNT_A}:role/Target`,
    resourceAccount: ACCOUNT_A,
    context: {},
    identityPolicies: [],
    resourcePolicy: policy([{ Effect: 'Allow', Principal: trusted, Action: 'sts:AssumeRole' }]),
    resourcePolicyKind: 'trust',
  });

  it('a role session may assume a role that trusts it', async () => {
    await agree(
      assume(SESSION_DEV, { AWS: SESSION_DEV.kind === 'role-session' ? SESSION_DEV.roleArn : '' }),
      'allowed',
    );
  });

  it('a service may assume a role that trusts it', async () => {
    await agree(assume(SERVICE_SNS, { Service: 'sns.amazonaws.com' }), 'allowed');
  });
});
