/**
 * One fixed case per documented divergence (docs/engine-divergences.md): what our engine
 * answers, what iam-simulate answers, and that the differential filter recognises the case
 * by the divergence's name. Open bugs in our engine are written as the answer AWS documents,
 * marked `it.fails` until the engine is fixed (then the marker must go).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/index.ts';
import type { Decision } from '../../../src/engine/types.ts';
import { DIVERGENCES, knownDivergence } from './divergences.ts';
import { oracleDecide } from './oracle.ts';
import { toEvaluationInput } from './ours.ts';
import {
  ACCOUNT_A,
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

const documented: [name: string, c: DiffCase, ours: Decision, iamSimulate: Decision][] = [
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

  it('limits a grant to the role ARN by the session policy, as both engines agree', async () => {
    const c = sessionSends({ AWS: `arn:aws:iam::${ACCOUNT_A}:role/Dev` });
    expect(knownDivergence(c)).toBeUndefined();
    expect(ours(c)).toBe('implicitDeny');
    expect(await oracleDecide(c)).toEqual({ ok: true, decision: 'implicitDeny' });
  });
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

const openBugs: [name: string, why: string, c: DiffCase, aws: Decision][] = [
  [
    'unresolved-variable-in-condition',
    'a negated operator matches a variable with no value',
    aliceReads(allowIf({ StringNotEquals: { 'aws:username': '${aws:PrincipalTag/owner}' } })),
    'allowed',
  ],
  [
    'unresolved-variable-in-condition',
    '...IfExists matches when the key is absent, whatever the values',
    aliceReads(
      allowIf({ StringEqualsIfExists: { 'aws:PrincipalTag/team': '${aws:PrincipalTag/owner}' } }),
    ),
    'allowed',
  ],
  [
    'unresolved-variable-in-notresource',
    'a NotResource entry with a variable with no value excludes nothing',
    sessionWithDeny({
      Action: '*',
      NotResource: `arn:aws:sqs:us-east-1:${ACCOUNT_A}:\${aws:username}*`,
    }),
    'explicitDeny',
  ],
  [
    'crash-variable-among-several-condition-values',
    'a condition with a variable among two values is evaluated (no crash)',
    aliceReads(allowIf({ StringEquals: { 'aws:username': ['bob', '${aws:username}'] } })),
    'allowed',
  ],
];

describe('open bugs in our engine (AWS answer expected; it.fails until fixed)', () => {
  it.each(openBugs)('%s: the filter recognises "%s"', (name, _why, c) => {
    expect(knownDivergence(c)).toBe(name);
  });

  it.fails.each(openBugs)('%s: %s', (_name, _why, c, aws) => {
    expect(ours(c)).toBe(aws);
  });
});
