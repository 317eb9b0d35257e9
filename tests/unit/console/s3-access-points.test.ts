/**
 * aws s3control access point commands (src/console/commands/s3-access-points.ts): the world
 * they write is the one the engine decides with. Amazon S3 User Guide: "Managing public access
 * to access points" (all four settings on unless turned off at creation; BlockPublicPolicy
 * refuses a public access point policy), "Creating access points restricted to a virtual
 * private cloud" (network origin VPC); S3 Control API error codes (NoSuchAccessPoint,
 * AccessPointAlreadyOwnedByYou, NoSuchAccessPointPolicy, InvalidAccessPointName).
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/model/index';
import { evaluateScenario } from '../../../src/model/index.ts';
import type { ManagedPolicyCatalog } from '../../../src/data/managed-policies.ts';
import { ACCOUNT, Session, doc } from './helpers';

const BUCKET = 'arn:aws:s3:::analytics-data';
const AP = `arn:aws:s3:us-east-1:${ACCOUNT}:accesspoint/finance`;

function world(): Scenario {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: { [ACCOUNT]: {} },
    resources: { [BUCKET]: { account: ACCOUNT } },
  };
}

describe('aws s3control: access points', () => {
  it('create-access-point writes the access point; get and list show it; errors are AWS codes', async () => {
    const s = new Session(world());
    expect(
      await s.json(
        `aws s3control create-access-point --account-id ${ACCOUNT} --name finance --bucket analytics-data --vpc-configuration VpcId=vpc-0a1b2c3d`,
      ),
    ).toEqual({ AccessPointArn: AP });
    expect(s.scenario.accounts?.[ACCOUNT]?.accessPoints?.['finance']).toEqual({
      bucket: 'analytics-data',
      region: 'us-east-1',
      vpc: 'vpc-0a1b2c3d',
    });
    expect(
      await s.json(`aws s3control get-access-point --account-id ${ACCOUNT} --name finance`),
    ).toEqual({
      Name: 'finance',
      Bucket: 'analytics-data',
      NetworkOrigin: 'VPC',
      VpcConfiguration: { VpcId: 'vpc-0a1b2c3d' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
      AccessPointArn: AP,
      BucketAccountId: ACCOUNT,
    });
    expect(
      (
        (await s.json(`aws s3control list-access-points --account-id ${ACCOUNT}`)) as {
          AccessPointList: unknown[];
        }
      ).AccessPointList,
    ).toHaveLength(1);
    expect(
      (
        await s.run(
          `aws s3control create-access-point --account-id ${ACCOUNT} --name finance --bucket analytics-data`,
        )
      ).output,
    ).toContain('AccessPointAlreadyOwnedByYou');
    expect(
      (
        await s.run(
          `aws s3control create-access-point --account-id ${ACCOUNT} --name Bad_Name --bucket analytics-data`,
        )
      ).output,
    ).toContain('InvalidAccessPointName');
    expect(
      (
        await s.run(
          `aws s3control create-access-point --account-id ${ACCOUNT} --name other --bucket missing-bucket`,
        )
      ).output,
    ).toContain('NoSuchBucket');
    expect(
      (await s.run(`aws s3control get-access-point --account-id ${ACCOUNT} --name nope`)).output,
    ).toContain('NoSuchAccessPoint');
    await s.setup(`aws s3control delete-access-point --account-id ${ACCOUNT} --name finance`);
    expect(s.scenario.accounts?.[ACCOUNT]?.accessPoints).toBeUndefined();
  });

  it('put-access-point-policy: AccessDenied for a public policy under the default BlockPublicPolicy; accepted when the access point was created with it off', async () => {
    const open = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${AP}/object/*` },
      ],
    };
    const s = await new Session(world()).setup(
      `aws s3control create-access-point --account-id ${ACCOUNT} --name finance --bucket analytics-data`,
    );
    expect(
      (await s.run(`aws s3control get-access-point-policy --account-id ${ACCOUNT} --name finance`))
        .output,
    ).toContain('NoSuchAccessPointPolicy');
    const refused = await s.run(
      `aws s3control put-access-point-policy --account-id ${ACCOUNT} --name finance --policy ${doc(open)}`,
    );
    expect(refused.output).toMatch(
      /AccessDenied.*PutAccessPointPolicy.*BlockPublicPolicy.*access point finance/,
    );
    await s.setup(
      `aws s3control create-access-point --account-id ${ACCOUNT} --name public-ap --bucket analytics-data --public-access-block-configuration BlockPublicPolicy=false,RestrictPublicBuckets=false`,
      `aws s3control put-access-point-policy --account-id ${ACCOUNT} --name public-ap --policy ${doc(open)}`,
    );
    const written = s.scenario.accounts?.[ACCOUNT]?.accessPoints?.['public-ap'];
    expect(written?.publicAccessBlock).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    });
    expect(written?.policy).toEqual(open);
    expect(
      JSON.parse(
        (
          (await s.json(
            `aws s3control get-access-point-policy --account-id ${ACCOUNT} --name public-ap`,
          )) as {
            Policy: string;
          }
        ).Policy,
      ),
    ).toEqual(open);
    await s.setup(
      `aws s3control delete-access-point-policy --account-id ${ACCOUNT} --name public-ap`,
    );
    expect(s.scenario.accounts?.[ACCOUNT]?.accessPoints?.['public-ap']?.policy).toBeUndefined();
  });

  it('the world the commands write is decided by the engine: network origin VPC refuses a request from the internet', async () => {
    const s = await new Session(world()).setup(
      `aws s3control create-access-point --account-id ${ACCOUNT} --name finance --bucket analytics-data --vpc-configuration VpcId=vpc-0a1b2c3d`,
    );
    const results = evaluateScenario(
      {
        ...s.scenario,
        requests: [
          {
            principal: `arn:aws:iam::${ACCOUNT}:root`,
            action: 's3:GetObject',
            resource: `${AP}/object/a`,
          },
        ],
      },
      { catalog: new Map() as unknown as ManagedPolicyCatalog },
    );
    expect(results[0]?.trace.decidingStep).toBe('network-origin');
  });
});
