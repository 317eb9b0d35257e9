/**
 * S3 Block Public Access in the scenario format: account and bucket settings, their located
 * validation errors, how they combine ("Blocking public access to your Amazon S3 storage": the
 * most restrictive combination of account and bucket settings applies), and BlockPublicPolicy
 * ("PublicAccessBlockConfiguration": refuses a new public policy, keeps a stored one).
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/model/index.ts';
import { resolveRequest } from '../../../src/model/resolve.ts';
import { bucketSettings } from '../../../src/model/s3-settings.ts';
import type { Scenario } from '../../../src/model/scenario-types.ts';
import type { ManagedPolicyCatalog } from '../../../src/data/managed-policies.ts';

const A = '111122223333';
const BUCKET = 'arn:aws:s3:::site-assets';
const PUBLIC = {
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'PublicRead',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
    },
  ],
};

function world(account: object, bucket: object): Scenario {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: { [A]: { ...account } },
    resources: { [BUCKET]: { account: A, policy: PUBLIC, ...bucket } },
  };
}

const text = (s: unknown) => JSON.stringify(s, null, 2);

describe('publicAccessBlock in the format', () => {
  it('a version-1 file without the settings stays valid and the engine gets none', () => {
    const s = world({}, {});
    expect(loadScenario(text(s)).problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(bucketSettings(s, BUCKET, A)).toBeUndefined();
    const r = resolveRequest(
      s,
      { principal: 'anonymous', action: 's3:GetObject', resource: `${BUCKET}/a` },
      { catalog: new Map() as unknown as ManagedPolicyCatalog },
    );
    expect(r.ok && r.input?.s3Bucket).toBe(undefined);
  });

  it('account and bucket settings combine: a setting is on when either turns it on', () => {
    const s = world(
      { publicAccessBlock: { RestrictPublicBuckets: true, BlockPublicAcls: false } },
      { publicAccessBlock: { BlockPublicPolicy: true, RestrictPublicBuckets: true } },
    );
    const settings = bucketSettings(s, BUCKET, A);
    expect(settings?.publicAccessBlock).toEqual({
      BlockPublicAcls: false,
      IgnorePublicAcls: false,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    expect(settings?.setBy.RestrictPublicBuckets).toEqual([`account ${A}`, 'bucket']);
    const r = resolveRequest(
      s,
      { principal: 'anonymous', action: 's3:GetObject', resource: `${BUCKET}/index.html` },
      { catalog: new Map() as unknown as ManagedPolicyCatalog },
    );
    expect(r.ok && r.input?.s3Bucket?.bucket).toBe(BUCKET);
  });

  it('bad settings get located errors that say what and where', () => {
    const loaded = loadScenario(
      text(
        world(
          { publicAccessBlock: { RestrictPublicBucket: true } },
          { publicAccessBlock: { BlockPublicPolicy: 'yes' } },
        ),
      ),
    );
    const errors = loaded.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => [p.code, p.path.join('.')])).toEqual(
      expect.arrayContaining([
        ['unknown-property', `accounts.${A}.publicAccessBlock.RestrictPublicBucket`],
        ['wrong-type', `resources.${BUCKET}.publicAccessBlock.BlockPublicPolicy`],
      ]),
    );
    expect(errors.find((p) => p.code === 'unknown-property')?.message).toMatch(
      /Did you mean "RestrictPublicBuckets"/,
    );
    expect(errors.every((p) => typeof p.line === 'number')).toBe(true);

    const onObject = loadScenario(
      text({
        ...world({}, {}),
        resources: { [`${BUCKET}/a.txt`]: { publicAccessBlock: { BlockPublicAcls: true } } },
      }),
    );
    expect(onObject.problems.map((p) => p.code)).toContain('setting-not-supported');
  });

  it('BlockPublicPolicy with a stored public policy is a located warning, not an error', () => {
    const loaded = loadScenario(
      text(world({ publicAccessBlock: { BlockPublicPolicy: true } }, {})),
    );
    expect(loaded.scenario).not.toBeNull();
    const warning = loaded.problems.find((p) => p.code === 'public-policy-blocked');
    expect(warning?.severity).toBe('warning');
    expect(warning?.path).toEqual(['resources', BUCKET, 'policy', 'Statement', 0, 'Principal']);
    expect(warning?.message).toMatch(/PublicRead.*BlockPublicPolicy.*still grants/);
  });
});
