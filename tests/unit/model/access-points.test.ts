/**
 * S3 access points in the scenario model (src/model/access-points.ts): the format, its located
 * validation, and what a request through an access point resolves to. AWS pages (Amazon S3 User
 * Guide): "Configuring IAM policies for using access points" (both policies permit; condition
 * keys s3:DataAccessPointArn, s3:DataAccessPointAccount, s3:AccessPointNetworkOrigin),
 * "Delegating access control to access points", "Creating access points restricted to a
 * virtual private cloud", "Managing public access to access points" (the access point's own
 * settings, all on by default, combine with the bucket's and the account's).
 */
/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  evaluateScenario,
  loadScenario,
  resolveRequest,
  type Scenario,
  type ScenarioRequest,
} from '../../../src/model/index.ts';
import type { ManagedPolicyCatalog } from '../../../src/data/managed-policies.ts';
import { parseAccessPointArn } from '../../../src/model/access-points.ts';

const A = '111122223333';
const B = '444455556666';
const AP = `arn:aws:s3:us-east-1:${A}:accesspoint/finance`;
const BUCKET = 'arn:aws:s3:::analytics-data';
const doc = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });
const catalog = new Map() as unknown as ManagedPolicyCatalog;
const now = new Date('2026-01-01T00:00:00Z');
const text = (s: unknown) => JSON.stringify(s, null, 2);

function world(accessPoint: object, extra: Partial<Scenario> = {}): Scenario {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: {
      [A]: {
        users: {
          dana: {
            inline: {
              read: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${AP}/object/*` }),
            },
          },
        },
        accessPoints: { finance: { bucket: 'analytics-data', ...accessPoint } },
      },
      [B]: {},
    },
    resources: { [BUCKET]: { account: A } },
    ...extra,
  };
}

const dana = (resource = `${AP}/object/reports/q3.csv`): ScenarioRequest => ({
  principal: `arn:aws:iam::${A}:user/dana`,
  action: 's3:GetObject',
  resource,
});

describe('access point ARNs', () => {
  it('reads the access point and the object key, and nothing else', () => {
    expect(parseAccessPointArn(`${AP}/object/a/b.csv`)).toEqual({
      partition: 'aws',
      region: 'us-east-1',
      account: A,
      name: 'finance',
      key: 'a/b.csv',
    });
    expect(parseAccessPointArn(AP)?.key).toBeUndefined();
    expect(parseAccessPointArn(`${BUCKET}/accesspoint/x`)).toBeUndefined();
    expect(parseAccessPointArn(`${AP}/other/x`)).toBeUndefined();
  });
});

describe('accessPoints in the format', () => {
  it('a version-1 file without access points stays valid, and an access point loads without errors', () => {
    const s = world({ region: 'us-east-1', vpc: 'vpc-0a1b2c3d' });
    expect(loadScenario(text(s)).problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('bad input gets a message that says what and where', () => {
    const s = world({ bucket: 'arn:aws:s3:::analytics-data', vpc: 'vpc-nope', colour: 'red' });
    (s.accounts![A] as { accessPoints: Record<string, unknown> }).accessPoints['Bad_Name'] = {};
    const problems = loadScenario(text(s)).problems.filter((p) => p.severity === 'error');
    const by = (code: string) => problems.find((p) => p.code === code);
    expect(by('invalid-bucket-name')?.path).toEqual([
      'accounts',
      A,
      'accessPoints',
      'finance',
      'bucket',
    ]);
    expect(by('invalid-bucket-name')?.message).toContain('not an ARN');
    expect(by('invalid-vpc-id')?.path).toEqual(['accounts', A, 'accessPoints', 'finance', 'vpc']);
    expect(by('unknown-property')?.message).toContain('"colour"');
    expect(by('invalid-access-point-name')?.message).toContain('"Bad_Name"');
    expect(by('missing-bucket')?.path).toEqual(['accounts', A, 'accessPoints', 'Bad_Name']);
    for (const p of problems) expect(p.line).toBeGreaterThan(0);
  });

  it('the access point policy is checked as a resource-based policy (it must name Principal)', () => {
    const s = world({
      policy: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${AP}/object/*` }),
    });
    const problem = loadScenario(text(s)).problems.find((p) => p.code === 'missing-principal');
    expect(problem?.path.slice(0, 5)).toEqual(['accounts', A, 'accessPoints', 'finance', 'policy']);
  });

  it('a request for an access point the world does not have is not decided, and says so at its resource', () => {
    const r = resolveRequest(
      world({}),
      dana(`arn:aws:s3:us-east-1:${A}:accesspoint/payroll/object/x`),
      {
        catalog,
      },
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems[0]?.code).toBe('unknown-access-point');
      expect(r.problems[0]?.path).toEqual(['requests', 0, 'resource']);
      expect(r.problems[0]?.message).toContain('"payroll"');
    }
    // A Region that is not the access point's names no access point either.
    expect(resolveRequest(world({ region: 'eu-west-1' }), dana(), { catalog }).ok).toBe(false);
  });
});

describe('a request through an access point resolves to both policies', () => {
  it('carries the access point condition keys and the bucket behind it as a layer evaluated on the object ARN', () => {
    const bucketPolicy = doc({
      Effect: 'Allow',
      Principal: '*',
      Action: '*',
      Resource: `${BUCKET}/*`,
      Condition: { StringEquals: { 's3:DataAccessPointAccount': A } },
    });
    const s = world({}, { resources: { [BUCKET]: { account: A, policy: bucketPolicy } } });
    const r = resolveRequest(s, dana(), { catalog, now });
    const input = r.ok ? r.input : undefined;
    expect(input?.request.context['s3:DataAccessPointArn']).toBe(AP);
    expect(input?.request.context['s3:DataAccessPointAccount']).toBe(A);
    expect(input?.request.context['s3:AccessPointNetworkOrigin']).toBe('Internet');
    expect(input?.resourceLayers?.[0]?.resource).toBe(`${BUCKET}/reports/q3.csv`);
    expect(input?.resourceLayers?.[0]?.account).toBe(A);
    expect(input?.resourceLayers?.[0]?.policy?.document).toBe(bucketPolicy);
    expect(input?.networkOrigin).toBeUndefined();
  });

  it('network origin VPC: the key says VPC and the engine gets the VPC to check', () => {
    const r = resolveRequest(world({ vpc: 'vpc-0a1b2c3d' }), dana(), { catalog, now });
    const input = r.ok ? r.input : undefined;
    expect(input?.request.context['s3:AccessPointNetworkOrigin']).toBe('VPC');
    expect(input?.networkOrigin).toEqual({ accessPoint: 'finance', vpc: 'vpc-0a1b2c3d' });
  });

  it("Block Public Access: an access point without settings has all four on (AWS's default), combined with the bucket's", () => {
    const r = resolveRequest(world({}), dana(), { catalog, now });
    const settings = r.ok ? r.input?.s3Bucket : undefined;
    expect(settings?.publicAccessBlock.RestrictPublicBuckets).toBe(true);
    expect(settings?.setBy.RestrictPublicBuckets?.[0]).toContain("AWS's default");
    const off = resolveRequest(
      world({ publicAccessBlock: { RestrictPublicBuckets: false } }),
      dana(),
      { catalog, now },
    );
    expect(off.ok && off.input?.s3Bucket).toBeFalsy();
  });

  it('a cross-account caller needs the access point policy, the bucket and its own identity policy', () => {
    const apPolicy = doc({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${B}:user/pat` },
      Action: 's3:GetObject',
      Resource: `${AP}/object/*`,
    });
    const delegate = doc({
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: '*',
      Resource: [BUCKET, `${BUCKET}/*`],
      Condition: { StringEquals: { 's3:DataAccessPointAccount': A } },
    });
    const pat = (inline: Record<string, unknown>): Scenario['accounts'] => ({
      [B]: { users: { pat: { inline } } },
    });
    const request = { ...dana(), principal: `arn:aws:iam::${B}:user/pat`, id: 'pat' };
    const read = {
      read: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${AP}/object/*` }),
    };
    const base = world({ policy: apPolicy });
    const decide = (accounts: Scenario['accounts'], bucketPolicy?: object) =>
      evaluateScenario(
        {
          ...base,
          accounts: { ...base.accounts, ...accounts },
          resources: {
            [BUCKET]: { account: A, ...(bucketPolicy ? { policy: bucketPolicy } : {}) },
          },
          requests: [request],
        },
        { catalog, now },
      )[0];
    expect(decide(pat(read), delegate)?.decision).toBe('allowed');
    expect(decide(pat(read))?.trace.decidingStep).toBe('resource-layer');
    expect(decide(pat({}), delegate)?.trace.decidingStep).toBe('identity-policy');
  });

  it('the example src/examples/s3-access-points.json meets every expectation', () => {
    const loaded = loadScenario(
      readFileSync(new URL('../../../src/examples/s3-access-points.json', import.meta.url), 'utf8'),
    );
    expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const results = evaluateScenario(loaded.scenario as Scenario, { catalog, now });
    expect(results.map((r) => [r.id, r.pass])).toEqual([
      ['analyst-reads-through-access-point', true],
      ['analyst-reads-bucket-directly', true],
      ['analyst-outside-reports', true],
      ['internal-from-the-internet', true],
      ['internal-through-the-vpc', true],
    ]);
  });
});
