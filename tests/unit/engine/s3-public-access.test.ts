/**
 * S3 Block Public Access in the engine. AWS pages: "Blocking public access to your Amazon S3
 * storage" (its section "The meaning of "public"") and "PublicAccessBlockConfiguration" (API
 * reference: what RestrictPublicBuckets admits).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/engine/index.ts';
import {
  isNarrowCidr,
  publicStatements,
  type S3BucketSettings,
} from '../../../src/engine/s3-public-access.ts';
import type { EvaluationInput, Principal } from '../../../src/engine/types.ts';
import { A, B, allow, anonymous, doc, identity, input, policy, service, user } from './helpers.ts';

const BUCKET = 'arn:aws:s3:::site-assets';
const OBJECT = `${BUCKET}/index.html`;

const restrict = (on = true): S3BucketSettings => ({
  bucket: BUCKET,
  publicAccessBlock: {
    BlockPublicAcls: false,
    IgnorePublicAcls: false,
    BlockPublicPolicy: false,
    RestrictPublicBuckets: on,
  },
  setBy: on ? { RestrictPublicBuckets: ['bucket'] } : {},
});

const bucketPolicy = (...statements: Record<string, unknown>[]) =>
  policy('resource', 'of bucket site-assets', doc(...statements));
const toEveryone = (extra: Record<string, unknown> = {}) =>
  allow('s3:GetObject', `${BUCKET}/*`, { Principal: '*', ...extra });

function request(
  caller: Principal,
  statements: Record<string, unknown>[],
  settings?: S3BucketSettings,
  rest: Partial<EvaluationInput> = {},
): EvaluationInput {
  return input(caller, 's3:GetObject', OBJECT, {
    resourceAccount: A,
    resourcePolicy: bucketPolicy(...statements),
    ...(settings ? { s3Bucket: settings } : {}),
    ...rest,
  });
}

describe('"The meaning of public" (Blocking public access to your Amazon S3 storage)', () => {
  it('Principal "*" without a condition, {"AWS": "*"} and NotPrincipal with Allow are public', () => {
    expect(publicStatements(doc(toEveryone()))).toHaveLength(1);
    expect(publicStatements(doc(toEveryone({ Principal: { AWS: '*' } })))).toHaveLength(1);
    expect(
      publicStatements(doc(toEveryone({ Principal: { AWS: 'arn:aws:iam::*:root' } }))),
    ).toHaveLength(1);
    const notPrincipal = { ...toEveryone(), NotPrincipal: { AWS: `arn:aws:iam::${A}:root` } };
    delete (notPrincipal as Record<string, unknown>)['Principal'];
    expect(publicStatements(doc(notPrincipal))[0]?.why).toMatch(/NotPrincipal/);
  });

  it('a fixed principal, a Deny, or a wildcard principal pinned to a fixed value are not public', () => {
    expect(
      publicStatements(doc(toEveryone({ Principal: { AWS: `arn:aws:iam::${B}:root` } }))),
    ).toEqual([]);
    expect(publicStatements(doc({ ...toEveryone(), Effect: 'Deny' }))).toEqual([]);
    for (const [op, key, value] of [
      ['StringEquals', 'aws:SourceAccount', A],
      ['ArnEquals', 'aws:SourceArn', `arn:aws:cloudfront::${A}:distribution/E1`],
      ['StringEquals', 'aws:SourceVpce', 'vpce-1a2b3c4d'],
      ['StringEquals', 'aws:SourceVpc', 'vpc-111bbb22'],
      ['StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5'],
      ['StringEquals', 's3:DataAccessPointAccount', A],
      ['StringEquals', 'aws:userid', 'AIDAEXAMPLE'],
      ['IpAddress', 'aws:SourceIp', '203.0.113.0/24'],
      ['IpAddress', 'aws:SourceIp', '10.0.0.0/7'],
    ] as const) {
      expect(
        publicStatements(doc(toEveryone({ Condition: { [op]: { [key]: value } } }))),
        `${op} ${key} ${value}`,
      ).toEqual([]);
    }
  });

  it('conditions that do not pin fixed values leave the policy public', () => {
    for (const [op, key, value] of [
      ['StringLike', 'aws:SourceAccount', '1111*'],
      ['StringEquals', 'aws:SourceAccount', '${aws:PrincipalAccount}'],
      ['StringNotEquals', 'aws:SourceVpce', 'vpce-1a2b3c4d'],
      ['IpAddress', 'aws:SourceIp', '0.0.0.0/0'],
      ['IpAddress', 'aws:SourceIp', '64.0.0.0/2'],
      ['StringLike', 'aws:userid', '*:alice'],
      ['StringEquals', 'aws:SecureTransport', 'true'],
      ['Bool', 'aws:SecureTransport', 'true'],
    ] as const) {
      expect(
        publicStatements(doc(toEveryone({ Condition: { [op]: { [key]: value } } }))),
        `${op} ${key} ${value}`,
      ).toHaveLength(1);
    }
  });

  it('CIDR ranges: private ranges and /8 or narrower are not public', () => {
    expect(isNarrowCidr('192.168.0.0/16')).toBe(true);
    expect(isNarrowCidr('172.16.0.0/12')).toBe(true);
    expect(isNarrowCidr('198.51.100.7')).toBe(true);
    expect(isNarrowCidr('12.0.0.0/8')).toBe(true);
    expect(isNarrowCidr('12.0.0.0/7')).toBe(false);
    expect(isNarrowCidr('2001:db8::/32')).toBe(true);
    expect(isNarrowCidr('2001::/16')).toBe(false);
  });
});

describe('RestrictPublicBuckets (PublicAccessBlockConfiguration: only AWS service principals and the owner account)', () => {
  it('refuses an anonymous read that a public policy allows, with a trace step naming the layer', () => {
    const without = evaluate(request(anonymous, [toEveryone()]));
    expect(without.decision).toBe('allowed');
    const r = evaluate(request(anonymous, [toEveryone()], restrict()));
    expect(r.decision).toBe('explicitDeny');
    expect(r.decidingStep).toBe('s3-public-access');
    const step = r.trace?.steps.at(-1);
    expect(step?.title).toBe('S3 Block Public Access');
    expect(step?.explanation).toMatch(/public.*RestrictPublicBuckets.*bucket/);
    expect(r.trace?.steps.find((s) => s.id === 'resource-policy')?.outcome).toBe('pass');
    expect(r.trace?.toAllow.join(' ')).toMatch(/RestrictPublicBuckets off/);
    expect(evaluate(request(anonymous, [toEveryone()], restrict()), { trace: false })).toEqual({
      decision: 'explicitDeny',
      decidingStep: 's3-public-access',
    });
  });

  it('blocks cross-account grants to a named account too, while the policy is public', () => {
    const partner = user('pat', B);
    const grants = [
      toEveryone(),
      allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: `arn:aws:iam::${B}:root` } }),
    ];
    const ids = { identityPolicies: [identity(allow('s3:GetObject', `${BUCKET}/*`))] };
    expect(evaluate(request(partner, grants, undefined, ids)).decision).toBe('allowed');
    expect(evaluate(request(partner, grants, restrict(), ids)).decision).toBe('explicitDeny');
    // Once the policy is not public, the named-account grant works again.
    expect(evaluate(request(partner, grants.slice(1), restrict(), ids)).decision).toBe('allowed');
  });

  it('lets AWS service principals and the owner account through, with a passing step', () => {
    const svc = evaluate(request(service('cloudfront.amazonaws.com'), [toEveryone()], restrict()));
    expect(svc.decision).toBe('allowed');
    expect(svc.trace?.steps.find((s) => s.id === 's3-public-access')?.outcome).toBe('pass');
    expect(evaluate(request(user('alice'), [toEveryone()], restrict())).decision).toBe('allowed');
  });

  it('changes nothing when off, when the policy is not public, or when the policies deny already', () => {
    expect(evaluate(request(anonymous, [toEveryone()], restrict(false))).decision).toBe('allowed');
    const pinned = toEveryone({
      Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
    });
    const viaEndpoint = request(anonymous, [pinned], restrict());
    viaEndpoint.request.context = { 'aws:SourceVpce': 'vpce-1a2b3c4d' };
    const r = evaluate(viaEndpoint);
    expect(r.decision).toBe('allowed');
    expect(r.trace?.steps.some((s) => s.id === 's3-public-access')).toBe(false);
    const noGrant = evaluate(request(user('pat', B), [toEveryone()], restrict()));
    expect(noGrant.decision).toBe('implicitDeny');
    expect(noGrant.trace?.notes.join(' ')).toMatch(/RestrictPublicBuckets.*deny it already/);
  });
});

describe('RestrictPublicBuckets, properties over generated bucket policies and callers', () => {
  const shapes: Record<string, unknown>[] = [
    toEveryone(),
    toEveryone({ Principal: { AWS: '*' } }),
    toEveryone({ Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }),
    toEveryone({ Condition: { StringLike: { 'aws:SourceVpce': 'vpce-*' } } }),
    toEveryone({ Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }),
    allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: `arn:aws:iam::${B}:root` } }),
    allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: `arn:aws:iam::${A}:user/alice` } }),
    allow('s3:GetObject', `${BUCKET}/*`, { Principal: { Service: 'cloudfront.amazonaws.com' } }),
    { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/secret/*` },
  ];
  const callers: Principal[] = [
    anonymous,
    user('alice'),
    user('pat', B),
    service('cloudfront.amazonaws.com'),
  ];
  const arbitrary = fc.record({
    statements: fc.subarray(shapes, { minLength: 1 }),
    caller: fc.constantFrom(...callers),
    withIdentity: fc.boolean(),
    object: fc.constantFrom(OBJECT, `${BUCKET}/secret/a.txt`),
    context: fc.constantFrom<Record<string, string>>(
      {},
      { 'aws:SourceVpce': 'vpce-1a2b3c4d', 'aws:SourceIp': '203.0.113.9' },
    ),
  });

  it('never allows what the policies deny; only refuses other accounts and anonymous callers, and only through a public policy', () => {
    fc.assert(
      fc.property(arbitrary, ({ statements, caller, withIdentity, object, context }) => {
        const make = (settings?: S3BucketSettings): EvaluationInput => {
          const i = request(caller, statements, settings, {
            identityPolicies: withIdentity ? [identity(allow('s3:GetObject', `${BUCKET}/*`))] : [],
          });
          i.request.resource = object;
          i.request.context = { ...context };
          return i;
        };
        const off = evaluate(make()).decision;
        const on = evaluate(make(restrict()));
        if (off !== 'allowed') expect(on.decision).toBe(off);
        if (on.decision !== off) {
          expect(on.decidingStep).toBe('s3-public-access');
          expect(caller.type === 'service' || caller.account === A).toBe(false);
          expect(publicStatements(doc(...statements)).length).toBeGreaterThan(0);
        }
        expect(evaluate(make(restrict()), { trace: false }).decision).toBe(on.decision);
      }),
      { numRuns: 300 },
    );
  });
});
