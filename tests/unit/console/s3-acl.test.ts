/**
 * aws s3api put/get-bucket-ownership-controls, put/get-bucket-acl, put/get-object-acl, with
 * S3's refusals ("Controlling ownership of objects and disabling ACLs for your bucket",
 * "Access control list (ACL) overview", "Blocking public access to your Amazon S3 storage").
 */
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/model/index';
import { canonicalIdOf } from '../../../src/model/s3-acl';
import { ACCOUNT, Session } from './helpers';

const BUCKET = 'arn:aws:s3:::partner-drop';
const OTHER = '444455556666';
const OTHER_ID = canonicalIdOf(OTHER);
const ALL = 'uri=http://acs.amazonaws.com/groups/global/AllUsers';

function world(): Scenario {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: { [ACCOUNT]: {}, [OTHER]: {} },
    resources: { [BUCKET]: { account: ACCOUNT } },
  };
}

describe('aws s3api: Object Ownership and ACLs', () => {
  it('ACLs are off until ownership controls enable them; then put and get round-trip', async () => {
    const s = new Session(world());
    expect(await s.json('aws s3api get-bucket-ownership-controls --bucket partner-drop')).toEqual({
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(
      (await s.run(`aws s3api put-bucket-acl --bucket partner-drop --grant-write id=${OTHER_ID}`))
        .output,
    ).toContain('AccessControlListNotSupported');
    await s.setup(
      'aws s3api put-bucket-ownership-controls --bucket partner-drop --ownership-controls Rules=[{ObjectOwnership=ObjectWriter}]',
      `aws s3api put-bucket-acl --bucket partner-drop --grant-write id=${OTHER_ID} --grant-read ${ALL}`,
      'aws s3api put-object-acl --bucket partner-drop --key a.txt --acl public-read',
    );
    expect(s.scenario.resources?.[BUCKET]?.objectOwnership).toBe('ObjectWriter');
    expect(s.scenario.resources?.[BUCKET]?.acl).toEqual([
      { grantee: 'AllUsers', permission: 'READ' },
      { grantee: OTHER_ID, permission: 'WRITE' },
    ]);
    expect(s.scenario.resources?.[`${BUCKET}/a.txt`]?.acl).toEqual([
      { grantee: 'AllUsers', permission: 'READ' },
    ]);
    const acl = (await s.json('aws s3api get-bucket-acl --bucket partner-drop')) as {
      Owner: { ID: string };
      Grants: { Grantee: { Type: string }; Permission: string }[];
    };
    expect(acl.Owner.ID).toBe(canonicalIdOf(ACCOUNT));
    expect(acl.Grants.map((g) => [g.Grantee.Type, g.Permission])).toEqual([
      ['CanonicalUser', 'FULL_CONTROL'],
      ['Group', 'READ'],
      ['CanonicalUser', 'WRITE'],
    ]);
    expect(
      (
        await s.run(
          'aws s3api put-bucket-ownership-controls --bucket partner-drop --ownership-controls Rules=[{ObjectOwnership=BucketOwnerEnforced}]',
        )
      ).output,
    ).toContain('InvalidBucketAclWithObjectOwnership');
  });

  it("S3's refusals: canned and explicit together, WRITE on an object, a public ACL under BlockPublicAcls, a bad value", async () => {
    const s = new Session(world());
    await s.setup(
      'aws s3api put-bucket-ownership-controls --bucket partner-drop --ownership-controls {"Rules":[{"ObjectOwnership":"BucketOwnerPreferred"}]}',
    );
    expect(
      (
        await s.run(
          `aws s3api put-bucket-acl --bucket partner-drop --acl private --grant-read ${ALL}`,
        )
      ).output,
    ).toContain('Specifying both Canned ACLs and Header Grants is not allowed');
    expect(
      (
        await s.run(
          `aws s3api put-object-acl --bucket partner-drop --key a --grant-write id=${OTHER_ID}`,
        )
      ).output,
    ).toContain('WRITE is not applicable to objects');
    expect(
      (
        await s.run(
          'aws s3api put-bucket-ownership-controls --bucket partner-drop --ownership-controls Rules=[{ObjectOwnership=Mine}]',
        )
      ).output,
    ).toContain('MalformedXML');
    await s.setup(
      'aws s3api put-public-access-block --bucket partner-drop --public-access-block-configuration BlockPublicAcls=true',
    );
    expect(
      (await s.run('aws s3api put-object-acl --bucket partner-drop --key a --acl public-read'))
        .output,
    ).toContain('AccessDenied');
    expect((await s.run('aws s3api get-bucket-acl --bucket nope')).output).toContain(
      'NoSuchBucket',
    );
  });
});
