/**
 * aws s3api / s3control: bucket and account Block Public Access settings, and put-bucket-policy
 * refused under BlockPublicPolicy ("PublicAccessBlockConfiguration": S3 rejects PutBucketPolicy
 * when the policy is public; "Blocking public access to your Amazon S3 storage").
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/model/index';
import { ACCOUNT, Session, doc } from './helpers';

const BUCKET = 'arn:aws:s3:::site-assets';
const PUBLIC = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${BUCKET}/*` }],
};
const PINNED = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `${BUCKET}/*`,
      Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
    },
  ],
};

function world(): Scenario {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: { [ACCOUNT]: {} },
    resources: { [BUCKET]: { account: ACCOUNT } },
  };
}

describe('aws s3api and s3control: Block Public Access', () => {
  it('put-public-access-block writes the bucket settings; get shows all four', async () => {
    const s = new Session(world());
    expect(
      (await s.run('aws s3api get-public-access-block --bucket site-assets')).output,
    ).toContain('NoSuchPublicAccessBlockConfiguration');
    await s.setup(
      'aws s3api put-public-access-block --bucket site-assets --public-access-block-configuration BlockPublicPolicy=true,RestrictPublicBuckets=true',
    );
    expect(s.scenario.resources?.[BUCKET]?.publicAccessBlock).toEqual({
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    expect(await s.json('aws s3api get-public-access-block --bucket site-assets')).toEqual({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: false,
        IgnorePublicAcls: false,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    });
    const bad = await s.run(
      'aws s3api put-public-access-block --bucket site-assets --public-access-block-configuration RestrictPublicBucket=true',
    );
    expect(bad.error).toBeTruthy();
    expect(bad.output).toMatch(/Unknown parameter.*RestrictPublicBucket/);
    expect((await s.run('aws s3api get-public-access-block --bucket nope')).output).toContain(
      'NoSuchBucket',
    );
  });

  it('put-bucket-policy: AccessDenied for a public policy under the account BlockPublicPolicy, accepted when not public', async () => {
    const s = await new Session(world()).setup(
      `aws s3control put-public-access-block --account-id ${ACCOUNT} --public-access-block-configuration '{"BlockPublicPolicy": true}'`,
    );
    expect(s.scenario.accounts?.[ACCOUNT]?.publicAccessBlock).toEqual({ BlockPublicPolicy: true });
    const refused = await s.run(
      `aws s3api put-bucket-policy --bucket site-assets --policy ${doc(PUBLIC)}`,
    );
    expect(refused.error).toBeTruthy();
    expect(refused.output).toMatch(
      /AccessDenied.*PutBucketPolicy.*public policies are blocked by the BlockPublicPolicy block public access setting/,
    );
    expect(s.scenario.resources?.[BUCKET]?.policy).toBeUndefined();
    await s.setup(`aws s3api put-bucket-policy --bucket site-assets --policy ${doc(PINNED)}`);
    expect(s.scenario.resources?.[BUCKET]?.policy).toEqual(PINNED);
    expect(
      JSON.parse(
        ((await s.json('aws s3api get-bucket-policy --bucket site-assets')) as { Policy: string })
          .Policy,
      ),
    ).toEqual(PINNED);
    // With the setting off, the public policy is accepted.
    await s.setup(
      `aws s3control put-public-access-block --account-id ${ACCOUNT} --public-access-block-configuration BlockPublicPolicy=false`,
    );
    expect(s.scenario.accounts?.[ACCOUNT]?.publicAccessBlock).toBeUndefined();
    await s.setup(`aws s3api put-bucket-policy --bucket site-assets --policy ${doc(PUBLIC)}`);
    expect(s.scenario.resources?.[BUCKET]?.policy).toEqual(PUBLIC);
  });
});
