/**
 * S3 Block Public Access against iam-simulate, which models RestrictPublicBuckets ("Blocking
 * public access to your Amazon S3 storage": "The meaning of public"; "PublicAccessBlockConfiguration").
 * Every combination of caller, bucket-policy shape, identity policy and setting below must get
 * the same decision from both engines.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/index.ts';
import { oracleDecide } from './oracle.ts';
import { toEvaluationInput } from './ours.ts';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  ANONYMOUS,
  SERVICE_SNS,
  USER_ALICE,
  policy,
  type DiffCase,
  type DiffPrincipal,
  type StatementDoc,
} from './world.ts';

const BUCKET = 'arn:aws:s3:::team-reports';
const OBJECT = `${BUCKET}/2026/q3.csv`;
const USER_PAT: DiffPrincipal = {
  kind: 'user',
  arn: `arn:aws:iam::${ACCOUNT_B}:user/pat`,
  account: ACCOUNT_B,
  name: 'pat',
};

const read = (extra: StatementDoc): StatementDoc => ({
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: `${BUCKET}/*`,
  ...extra,
});

/** Bucket-policy shapes: public ones and non-public ones, each named for the failure message. */
const SHAPES: Record<string, StatementDoc[]> = {
  'public: Principal "*"': [read({ Principal: '*' })],
  'public: {"AWS": "*"} beside a grant to account B': [
    read({ Principal: { AWS: '*' } }),
    read({ Principal: { AWS: `arn:aws:iam::${ACCOUNT_B}:root` } }),
  ],
  'not public: "*" pinned to a narrow aws:SourceIp': [
    read({ Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }),
  ],
  'not public: grant to account B': [
    read({ Principal: { AWS: `arn:aws:iam::${ACCOUNT_B}:root` } }),
  ],
  'not public: grant to the service': [read({ Principal: { Service: 'sns.amazonaws.com' } })],
};

const CALLERS: DiffPrincipal[] = [USER_ALICE, USER_PAT, ANONYMOUS, SERVICE_SNS];

function cases(): [string, DiffCase][] {
  const out: [string, DiffCase][] = [];
  for (const [shape, statements] of Object.entries(SHAPES))
    for (const principal of CALLERS)
      for (const restrict of [false, true])
        for (const withIdentity of [false, true]) {
          if (withIdentity && (principal.kind === 'anonymous' || principal.kind === 'service'))
            continue;
          const name = `${shape}; ${principal.kind === 'user' ? principal.name : principal.kind}; RestrictPublicBuckets ${restrict ? 'on' : 'off'}; ${withIdentity ? 'with' : 'without'} identity policy`;
          out.push([
            name,
            {
              principal,
              action: 's3:GetObject',
              resource: OBJECT,
              resourceAccount: ACCOUNT_A,
              context: { 'aws:SourceIp': '203.0.113.9' },
              identityPolicies: withIdentity ? [policy([read({})])] : [],
              resourcePolicy: policy(statements),
              ...(restrict ? { restrictPublicBuckets: true } : {}),
            },
          ]);
        }
  return out;
}

describe('RestrictPublicBuckets agrees with iam-simulate', () => {
  it('on every combination of caller, bucket policy, identity policy and setting', async () => {
    const all = cases();
    const disagreements: string[] = [];
    const seen = new Set<string>();
    for (const [name, c] of all) {
      const ours = evaluate(toEvaluationInput(c)).decision;
      const untraced = evaluate(toEvaluationInput(c), { trace: false }).decision;
      const oracle = await oracleDecide(c);
      if (!oracle.ok) throw new Error(`${name}: ${oracle.problem}`);
      seen.add(`${c.restrictPublicBuckets ? 'on' : 'off'}:${ours}`);
      if (ours !== oracle.decision || untraced !== ours)
        disagreements.push(
          `${name}: ours ${ours} (untraced ${untraced}), iam-simulate ${oracle.decision}`,
        );
    }
    expect(disagreements).toEqual([]);
    // The setting must make a difference somewhere, or the comparison proves nothing.
    expect(seen).toContain('on:explicitDeny');
    expect(seen).toContain('off:allowed');
    expect(all.length).toBeGreaterThan(50);
  });
});
