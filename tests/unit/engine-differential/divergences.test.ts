/**
 * One fixed case per documented divergence (docs/engine-divergences.md): what our engine
 * answers, what iam-simulate answers, and that the differential filter recognises the case
 * by the divergence's name. An open bug in our engine would be written as the answer AWS
 * documents, marked `it.fails` until fixed; there is none open now.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/index.ts';
import type { Decision } from '../../../src/engine/types.ts';
import { DIVERGENCES, knownDivergence } from './divergences.ts';
import { oracleDecide } from './oracle.ts';
import { toEvaluationInput } from './ours.ts';
import {
  ACCOUNT_A,
  ANONYMOUS,
  SESSION_DEV,
  USER_ALICE,
  policy,
  type DiffCase,
  type PolicyDoc,
} from './world.ts';

const ours = (c: DiffCase): Decision => evaluate(toEvaluationInput(c)).decision;

/** Alice reads her own object in her account's bucket; only `extra` varies. */
function aliceReads(identity: PolicyDoc, extra: Partial<DiffCase> = {}): DiffCase {
  return {
    principal: USER_ALICE,
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::team-reports/alice/notes.txt',
    resourceAccount: ACCOUNT_A,
    context: { 'aws:username': 'alice', 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
    identityPolicies: [identity],
    ...extra,
  };
}

const allowIf = (condition: Record<string, unknown>): PolicyDoc =>
  policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition }]);

/** A Dev session sends to a queue in its own account; the session policy allows only S3. */
const sessionSends = (principal: unknown): DiffCase => ({
  principal: SESSION_DEV,
  action: 'sqs:SendMessage',
  resource: `arn:aws:sqs:us-east-1:${ACCOUNT_A}:jobs`,
  resourceAccount: ACCOUNT_A,
  context: {},
  identityPolicies: [],
  sessionPolicy: policy([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]),
  resourcePolicy: policy([
    { Effect: 'Allow', Principal: principal, Action: 'sqs:SendMessage', Resource: '*' },
  ]),
});

/** A session (no aws:username) whose identity policy allows everything, with one extra Deny. */
const sessionWithDeny = (deny: Record<string, unknown>): DiffCase => ({
  principal: SESSION_DEV,
  action: 'sqs:SendMessage',
  resource: `arn:aws:sqs:us-east-1:${ACCOUNT_A}:jobs`,
  resourceAccount: ACCOUNT_A,
  context: {},
  identityPolicies: [
    policy([
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', ...deny },
    ]),
  ],
});

const documented: [name: string, c: DiffCase, ours: Decision, iamSimulate: Decision][] = [
  [
    'sts-operation-this-caller-cannot-call',
    {
      principal: ANONYMOUS,
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${ACCOUNT_A}:role/Target`,
      resourceAccount: ACCOUNT_A,
      context: {},
      identityPolicies: [],
      resourcePolicy: {
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }],
      },
      resourcePolicyKind: 'trust',
    },
    'implicitDeny',
    'allowed',
  ],
  [
    'date-epoch-against-iso',
    // 1800000000 is 2027-01-15: the request's 2026-01-01 is before it.
    aliceReads(allowIf({ DateLessThan: { 'aws:CurrentTime': '1800000000' } })),
    'allowed',
    'implicitDeny',
  ],
  [
    'variables-need-version-2012-10-17',
    aliceReads({
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::team-reports/${aws:username}/*',
        },
      ],
    }),
    'implicitDeny',
    'allowed',
  ],
  [
    'statement-aws-would-refuse',
    aliceReads(
      policy([
        { Sid: 'Read', Effect: 'Allow', Action: 's3:PutObject', Resource: '*' },
        { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
      ]),
    ),
    'implicitDeny',
    'allowed',
  ],
  [
    'session-policy-and-resource-policy-naming-the-session',
    sessionSends({ AWS: `arn:aws:sts::${ACCOUNT_A}:assumed-role/Dev/build-42` }),
    'allowed',
    'implicitDeny',
  ],
  [
    'unresolved-variable-with-negated-operator',
    aliceReads(allowIf({ StringNotEquals: { 'aws:username': '${aws:PrincipalTag/owner}' } })),
    'allowed',
    'implicitDeny',
  ],
  [
    'unresolved-variable-in-notresource',
    {
      ...sessionWithDeny({ Action: '*', NotResource: 'arn:aws:s3:::*${aws:username}*' }),
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::team-reports/2026/q3.csv',
    },
    'explicitDeny',
    'allowed',
  ],
  [
    'notprincipal-naming-part-of-the-caller',
    // Deny everyone but alice, naming her user ARN without her account.
    aliceReads(policy([{ Effect: 'Allow', Action: '*', Resource: '*' }]), {
      resourcePolicy: policy([
        {
          Effect: 'Deny',
          NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT_A}:user/alice` },
          Action: '*',
          Resource: '*',
        },
      ]),
    }),
    'explicitDeny',
    'allowed',
  ],
  [
    'null-on-empty-list',
    aliceReads(allowIf({ Null: { 'aws:TagKeys': 'true' } }), {
      context: { 'aws:username': 'alice', 'aws:TagKeys': [] },
    }),
    'allowed',
    'implicitDeny',
  ],
];

describe('documented divergences from iam-simulate', () => {
  it('has a fixed case for every divergence that is not an open bug', () => {
    const covered = new Set(documented.map(([name]) => name));
    const expected = DIVERGENCES.filter((d) => !d.openBug).map((d) => d.name);
    expect([...covered].sort()).toEqual([...expected].sort());
  });

  it.each(documented)(
    '%s: ours %s… (fixed case)',
    async (name, c, oursExpected, theirsExpected) => {
      expect(knownDivergence(c)).toBe(name);
      expect(ours(c)).toBe(oursExpected);
      expect(await oracleDecide(c)).toEqual({ ok: true, decision: theirsExpected });
    },
  );

  it('spares the caller named with its account in NotPrincipal, as both engines agree', async () => {
    const c = aliceReads(policy([{ Effect: 'Allow', Action: '*', Resource: '*' }]), {
      resourcePolicy: policy([
        {
          Effect: 'Deny',
          NotPrincipal: { AWS: [`arn:aws:iam::${ACCOUNT_A}:user/alice`, ACCOUNT_A] },
          Action: '*',
          Resource: '*',
        },
      ]),
    });
    expect(knownDivergence(c)).toBeUndefined();
    expect(ours(c)).toBe('allowed');
    expect(await oracleDecide(c)).toEqual({ ok: true, decision: 'allowed' });
  });

  it('limits a grant to the role ARN by the session policy, as both engines agree', async () => {
    const c = sessionSends({ AWS: `arn:aws:iam::${ACCOUNT_A}:role/Dev` });
    expect(knownDivergence(c)).toBeUndefined();
    expect(ours(c)).toBe('implicitDeny');
    expect(await oracleDecide(c)).toEqual({ ok: true, decision: 'implicitDeny' });
  });
});

/**
 * Former open bugs in our engine, found by the differential test and fixed in the engine
 * (commit 714edfe). Both engines now give AWS's answer; these cases keep it that way.
 */
const formerBugs: [why: string, c: DiffCase, aws: Decision][] = [
  [
    '...IfExists matches when the key is absent, whatever variables its values hold',
    aliceReads(
      allowIf({ StringEqualsIfExists: { 'aws:PrincipalTag/team': '${aws:PrincipalTag/owner}' } }),
    ),
    'allowed',
  ],
  [
    'a condition with a variable among several values is evaluated value by value',
    aliceReads(allowIf({ StringEquals: { 'aws:username': ['bob', '${aws:username}'] } })),
    'allowed',
  ],
  [
    'a value whose variable has no value is left out, and the other values still count',
    aliceReads(
      allowIf({ StringEquals: { 'aws:username': ['${aws:PrincipalTag/owner}', 'alice'] } }),
    ),
    'allowed',
  ],
];

describe('policy variables with no value (AWS page "IAM policy elements: Variables and tags")', () => {
  it.each(formerBugs)('%s', async (_why, c, aws) => {
    expect(knownDivergence(c)).toBeUndefined();
    expect(ours(c)).toBe(aws);
    expect(await oracleDecide(c)).toEqual({ ok: true, decision: aws });
  });
});
