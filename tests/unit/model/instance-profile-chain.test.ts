/**
 * A multi-step request whose first hop is made with EC2's role credentials: the caller is an
 * instance profile (IAM User Guide, "Use an IAM role to grant permissions to applications running
 * on Amazon EC2 instances": EC2 assumes the profile's role, code on the instance acts as that
 * session), which then assumes a role in another account ("Methods to assume a role").
 */
import { describe, expect, it } from 'vitest';
import { evaluateScenario, validateScenario, type Scenario } from '../../../src/model/index.ts';

const A = '111111111111';
const B = '222222222222';
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const PROFILE = `arn:aws:iam::${A}:instance-profile/web`;
const TARGET = `arn:aws:iam::${B}:role/Reader`;
const BUCKET = 'arn:aws:s3:::reports';

function world(over: { ec2Trust?: boolean; targetTrusts?: string } = {}): Scenario {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: {
      [A]: {
        roles: {
          WebRole: {
            trust: doc({
              Effect: 'Allow',
              Principal: {
                Service: over.ec2Trust === false ? 'lambda.amazonaws.com' : 'ec2.amazonaws.com',
              },
              Action: 'sts:AssumeRole',
            }),
            inline: { Hop: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: TARGET }) },
          },
        },
        instanceProfiles: { web: { role: 'WebRole' } },
      },
      [B]: {
        roles: {
          Reader: {
            trust: doc({
              Effect: 'Allow',
              Principal: { AWS: over.targetTrusts ?? `arn:aws:iam::${A}:role/WebRole` },
              Action: 'sts:AssumeRole',
            }),
            inline: {
              Read: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` }),
            },
          },
        },
      },
    },
    resources: { [BUCKET]: { account: B } },
    requests: [
      {
        id: 'read',
        principal: PROFILE,
        action: 's3:GetObject',
        resource: `${BUCKET}/q3.csv`,
        assume: [{ role: TARGET, policyArns: [] }],
      },
    ],
  };
}

const run = (w: Scenario) => {
  expect(validateScenario(w).filter((p) => p.severity === 'error')).toEqual([]);
  const [r] = evaluateScenario(w, { catalog: new Map() });
  return r!;
};

describe('assume from an instance profile', () => {
  it("EC2's role session makes hop 1; its session reads the bucket", () => {
    const r = run(world());
    expect(r.decision).toBe('allowed');
    expect(r.chain?.map((c) => c.title)).toEqual([
      'EC2 assumes role WebRole for instance profile web',
      `Hop 1 of 1: role session arn:aws:sts::${A}:assumed-role/WebRole/i-0123456789abcdef0 calls sts:AssumeRole on ${TARGET}`,
    ]);
    expect(r.trace.summary).toContain('Role Reader (session i-0123456789abcdef0)');
  });

  it('stops at EC2 when the role does not trust EC2, and at hop 1 when the target does not trust the role', () => {
    const noEc2 = run(world({ ec2Trust: false }));
    expect(noEc2.decision).toBe('implicitDeny');
    expect(noEc2.chain).toHaveLength(1);
    const noHop = run(world({ targetTrusts: `arn:aws:iam::${A}:role/Other` }));
    expect(noHop.decision).toBe('implicitDeny');
    expect(noHop.chain?.map((c) => c.decision)).toEqual(['allowed', 'implicitDeny']);
  });
});
