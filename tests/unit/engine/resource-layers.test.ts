/**
 * Resource-based policy layers and access point network origin in the engine
 * (src/engine/resource-layers.ts). AWS pages (Amazon S3 User Guide): "Configuring IAM policies
 * for using access points" (the access point policy and the underlying bucket's policy must
 * both permit), "Delegating access control to access points" (s3:DataAccessPointAccount),
 * "Creating access points restricted to a virtual private cloud", "Managing public access to
 * access points".
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/index.ts';
import type { EvaluationInput, Principal, ResourceLayer } from '../../../src/engine/types.ts';
import {
  A,
  B,
  allow,
  anonymous,
  deny,
  doc,
  identity,
  input,
  policy,
  root,
  session,
  user,
} from './helpers.ts';

const AP = `arn:aws:s3:us-east-1:${A}:accesspoint/finance`;
const AP_OBJECT = `${AP}/object/reports/q3.csv`;
const BUCKET = 'arn:aws:s3:::analytics-data';
const OBJECT = `${BUCKET}/reports/q3.csv`;
const AP_CONTEXT = { 's3:DataAccessPointArn': AP, 's3:DataAccessPointAccount': A };

const DELEGATE = allow('*', [BUCKET, `${BUCKET}/*`], {
  Principal: { AWS: '*' },
  Condition: { StringEquals: { 's3:DataAccessPointAccount': A } },
});

const layer = (bucketPolicy?: unknown, account = A): ResourceLayer => ({
  name: 'bucket analytics-data behind access point finance',
  resource: OBJECT,
  account,
  advice: 'or delegate to access points with s3:DataAccessPointAccount',
  ...(bucketPolicy ? { policy: policy('resource', 'of bucket analytics-data', bucketPolicy) } : {}),
});
const apPolicy = (...statements: Record<string, unknown>[]) =>
  policy('resource', 'of access point finance', doc(...statements));

function throughAp(
  caller: Principal,
  rest: Partial<EvaluationInput> & { context?: Record<string, string> } = {},
): EvaluationInput {
  const { context = {}, ...others } = rest;
  return input(caller, 's3:GetObject', AP_OBJECT, {
    resourceAccount: A,
    context: { ...AP_CONTEXT, ...context },
    ...others,
  });
}

/** Decides traced and untraced, checks they agree, returns the traced result. */
function decide(i: EvaluationInput) {
  const traced = evaluate(i);
  const quick = evaluate(i, { trace: false });
  expect(quick.decision).toBe(traced.decision);
  expect(quick.decidingStep).toBe(traced.decidingStep);
  return traced;
}

describe('"Configuring IAM policies for using access points": both policies must permit', () => {
  it('same account: an identity Allow on the access point ARN is enough when the bucket is of the same account (no bucket policy needed)', () => {
    const r = decide(
      throughAp(user('dana'), {
        identityPolicies: [identity(allow('s3:GetObject', `${AP}/object/*`))],
        resourceLayers: [layer()],
      }),
    );
    expect(r.decision).toBe('allowed');
    const step = r.trace?.steps.find((s) => s.id === 'resource-layer');
    expect(step?.outcome).toBe('pass');
    expect(step?.title).toBe('Bucket analytics-data behind access point finance');
    // The layer is drawn before the step that allowed.
    expect(r.trace?.steps.at(-1)?.id).toBe('final');
  });

  it("an identity Allow on the bucket ARN alone does not reach an object through the access point (the caller's policies must allow the access point ARN)", () => {
    const r = decide(
      throughAp(user('dana'), {
        identityPolicies: [identity(allow('s3:GetObject', `${BUCKET}/*`))],
        resourceLayers: [layer(doc(DELEGATE))],
      }),
    );
    expect(r.decision).toBe('implicitDeny');
    expect(r.decidingStep).toBe('identity-policy');
  });

  it('same account: an access point policy naming the user grants on its own, but the bucket must permit too (delegation does)', () => {
    const grant = apPolicy(
      allow('s3:GetObject', `${AP}/object/*`, {
        Principal: { AWS: `arn:aws:iam::${A}:user/dana` },
      }),
    );
    const without = decide(
      throughAp(user('dana'), { resourcePolicy: grant, resourceLayers: [layer()] }),
    );
    expect(without.decision).toBe('implicitDeny');
    expect(without.decidingStep).toBe('resource-layer');
    expect(without.trace?.toAllow.join(' ')).toContain('s3:DataAccessPointAccount');
    // The access point policy's own step only passed: a later layer refused.
    expect(without.trace?.steps.find((s) => s.id === 'resource-policy')?.outcome).toBe('pass');
    const delegated = decide(
      throughAp(user('dana'), { resourcePolicy: grant, resourceLayers: [layer(doc(DELEGATE))] }),
    );
    expect(delegated.decision).toBe('allowed');
    expect(delegated.decidingStep).toBe('resource-policy');
  });

  it('cross account: access point policy, bucket delegation and identity policy must all allow', () => {
    const caller = session('Analyst', 's', B);
    const grant = apPolicy(
      allow('s3:GetObject', `${AP}/object/reports/*`, {
        Principal: { AWS: `arn:aws:iam::${B}:role/Analyst` },
      }),
    );
    const id = identity(allow('s3:GetObject', `${AP}/object/*`));
    expect(
      decide(
        throughAp(caller, {
          resourcePolicy: grant,
          identityPolicies: [id],
          resourceLayers: [layer(doc(DELEGATE))],
        }),
      ).decision,
    ).toBe('allowed');
    // No bucket policy: a caller of another account is not let through by the bucket.
    const r = decide(
      throughAp(caller, {
        resourcePolicy: grant,
        identityPolicies: [id],
        resourceLayers: [layer()],
      }),
    );
    expect(r.decidingStep).toBe('resource-layer');
    expect(r.trace?.steps.find((s) => s.id === 'resource-layer')?.explanation).toContain(
      'not of account',
    );
    // Without the identity Allow, the cross-account rule stops it first.
    expect(
      decide(throughAp(caller, { resourcePolicy: grant, resourceLayers: [layer(doc(DELEGATE))] }))
        .decidingStep,
    ).toBe('identity-policy');
  });

  it('the bucket policy is evaluated against the bucket or object ARN, not the access point ARN', () => {
    const onAp = allow('s3:GetObject', `${AP}/object/*`, {
      Principal: { AWS: `arn:aws:iam::${B}:root` },
    });
    const onObject = allow('s3:GetObject', `${BUCKET}/*`, {
      Principal: { AWS: `arn:aws:iam::${B}:root` },
    });
    const base = {
      resourcePolicy: apPolicy(onAp),
      identityPolicies: [identity(allow('s3:GetObject', '*'))],
    };
    const caller = user('pat', B);
    expect(
      decide(throughAp(caller, { ...base, resourceLayers: [layer(doc(onAp))] })).decision,
    ).toBe('implicitDeny');
    expect(
      decide(throughAp(caller, { ...base, resourceLayers: [layer(doc(onObject))] })).decision,
    ).toBe('allowed');
  });

  it("delegation to another account's access points does not admit this account's: s3:DataAccessPointAccount must match", () => {
    const other = allow('*', `${BUCKET}/*`, {
      Principal: '*',
      Condition: { StringEquals: { 's3:DataAccessPointAccount': B } },
    });
    const r = decide(
      throughAp(user('pat', B), {
        resourcePolicy: apPolicy(
          allow('s3:GetObject', `${AP}/object/*`, { Principal: { AWS: B } }),
        ),
        identityPolicies: [identity(allow('s3:GetObject', '*'))],
        resourceLayers: [layer(doc(other))],
      }),
    );
    expect(r.decidingStep).toBe('resource-layer');
  });

  it('a Deny in the bucket policy is an explicit deny, through the access point too', () => {
    const r = decide(
      throughAp(user('dana'), {
        identityPolicies: [identity(allow('s3:GetObject', '*'))],
        resourceLayers: [
          layer(doc(DELEGATE, deny('s3:GetObject', `${BUCKET}/reports/*`, { Principal: '*' }))),
        ],
      }),
    );
    expect(r.decision).toBe('explicitDeny');
    expect(r.decidingStep).toBe('explicit-deny');
  });

  it('the root user of the bucket account passes the layer without a bucket policy; an anonymous caller needs Principal "*" in both', () => {
    expect(decide(throughAp(root(), { resourceLayers: [layer()] })).decision).toBe('allowed');
    const open = apPolicy(allow('s3:GetObject', `${AP}/object/*`, { Principal: '*' }));
    expect(
      decide(throughAp(anonymous, { resourcePolicy: open, resourceLayers: [layer()] }))
        .decidingStep,
    ).toBe('resource-layer');
    expect(
      decide(throughAp(anonymous, { resourcePolicy: open, resourceLayers: [layer(doc(DELEGATE))] }))
        .decision,
    ).toBe('allowed');
  });
});

describe('"Creating access points restricted to a virtual private cloud": network origin VPC', () => {
  const vpcOnly = { networkOrigin: { accessPoint: 'finance', vpc: 'vpc-0a1b2c3d' } };
  const base = {
    identityPolicies: [identity(allow('s3:GetObject', '*'))],
    resourceLayers: [layer()],
    ...vpcOnly,
  };
  it('refuses a request from the internet or another VPC whatever the policies allow', () => {
    const r = decide(throughAp(user('dana'), base));
    expect(r.decision).toBe('implicitDeny');
    expect(r.decidingStep).toBe('network-origin');
    expect(r.trace?.steps.at(-1)?.explanation).toContain('from the internet');
    expect(
      decide(throughAp(user('dana'), { ...base, context: { 'aws:SourceVpc': 'vpc-99999999' } }))
        .decidingStep,
    ).toBe('network-origin');
  });
  it('admits a request from its VPC, which the policies then decide', () => {
    const r = decide(
      throughAp(user('dana'), { ...base, context: { 'aws:SourceVpc': 'vpc-0a1b2c3d' } }),
    );
    expect(r.decision).toBe('allowed');
    expect(r.trace?.steps.find((s) => s.id === 'network-origin')?.outcome).toBe('pass');
  });
});

describe('"Creating access points restricted to a virtual private cloud": the endpoint policy must allow both', () => {
  const endpoint = (...statements: Record<string, unknown>[]) => ({
    vpcEndpoint: {
      id: 'vpce-0a1b2c3d',
      policy: policy('vpc-endpoint', 'of vpce-0a1b2c3d', doc(...statements)),
    },
    context: { 'aws:SourceVpc': 'vpc-0a1b2c3d', 'aws:SourceVpce': 'vpce-0a1b2c3d' },
    identityPolicies: [identity(allow('s3:GetObject', '*'))],
    resourceLayers: [layer()],
  });
  it('an endpoint policy that allows only the access point ARN refuses the request; allowing the bucket too admits it', () => {
    const onlyAp = decide(
      throughAp(
        user('dana'),
        endpoint(allow('s3:GetObject', `${AP}/object/*`, { Principal: '*' })),
      ),
    );
    expect(onlyAp.decidingStep).toBe('vpc-endpoint');
    expect(onlyAp.trace?.steps.at(-1)?.explanation).toContain(OBJECT);
    const both = decide(
      throughAp(
        user('dana'),
        endpoint(allow('s3:GetObject', [`${AP}/object/*`, `${BUCKET}/*`], { Principal: '*' })),
      ),
    );
    expect(both.decision).toBe('allowed');
  });
});

describe('"Managing public access to access points": Block Public Access looks at the access point policy too', () => {
  it('RestrictPublicBuckets refuses a cross-account caller when the access point policy is public', () => {
    const open = apPolicy(allow('s3:GetObject', `${AP}/object/*`, { Principal: '*' }));
    const r = decide(
      throughAp(user('pat', B), {
        resourcePolicy: open,
        identityPolicies: [identity(allow('s3:GetObject', '*'))],
        resourceLayers: [layer(doc(DELEGATE))],
        s3Bucket: {
          bucket: BUCKET,
          publicAccessBlock: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
          setBy: { RestrictPublicBuckets: ['access point finance'] },
        },
      }),
    );
    expect(r.decidingStep).toBe('s3-public-access');
    expect(r.trace?.steps.at(-1)?.explanation).toContain(
      'The policy of access point finance is public',
    );
  });
});
