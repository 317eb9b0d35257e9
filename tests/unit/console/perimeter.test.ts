/**
 * The data-perimeter commands: `aws ec2 create-vpc-endpoint --policy-document` and
 * `aws kms create-grant` / `list-grants` write the world the engine decides with.
 */
import { describe, expect, it } from 'vitest';
import { evaluateScenario, loadScenario } from '../../../src/model/index';
import { ACCOUNT, Session, doc } from './helpers';

const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

describe('aws ec2 create-vpc-endpoint (Amazon VPC "Control access to VPC endpoints using endpoint policies")', () => {
  it('keeps the endpoint with its policy; a request through it is then limited by the policy', async () => {
    const s = new Session();
    const policy = {
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }],
    };
    const out = (await s.json(
      `aws ec2 create-vpc-endpoint --vpc-id vpc-0123abcd --service-name com.amazonaws.us-east-1.s3 --policy-document ${doc(policy)}`,
    )) as { VpcEndpoint: { VpcEndpointId: string; PolicyDocument: string } };
    const id = out.VpcEndpoint.VpcEndpointId;
    expect(id).toMatch(/^vpce-[0-9a-f]{17}$/);
    expect(JSON.parse(out.VpcEndpoint.PolicyDocument)).toEqual(policy);
    expect(s.account.vpcEndpoints?.[id]).toEqual({ vpc: 'vpc-0123abcd', service: 's3', policy });
    const world = {
      ...s.scenario,
      requests: [
        {
          principal: `arn:aws:sts::${ACCOUNT}:assumed-role/WebRole/xy`,
          action: 's3:PutObject',
          resource: 'arn:aws:s3:::b/k',
          vpcEndpoint: id,
        },
      ],
    };
    world.accounts![ACCOUNT]!.roles!.WebRole!.inline = {
      all: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    };
    expect(
      loadScenario(JSON.stringify(world)).problems.filter((p) => p.severity === 'error'),
    ).toEqual([]);
    const [r] = evaluateScenario(world, { catalog: new Map(), now: new Date(0) });
    expect([r?.decision, r?.trace?.decidingStep]).toEqual(['implicitDeny', 'vpc-endpoint']);
  });

  it('refuses a policy without Principal and a malformed VPC id, as AWS does', async () => {
    const s = new Session();
    const bad = { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    expect(
      (
        await s.run(
          `aws ec2 create-vpc-endpoint --vpc-id vpc-0123abcd --service-name com.amazonaws.us-east-1.s3 --policy-document ${doc(bad)}`,
        )
      ).output,
    ).toContain('Principal');
    expect(
      (
        await s.run(
          'aws ec2 create-vpc-endpoint --vpc-id vpc-x --service-name com.amazonaws.us-east-1.s3',
        )
      ).output,
    ).toContain('InvalidVpcId.Malformed');
  });
});

describe('aws kms create-grant / list-grants (AWS KMS "Grants in AWS KMS")', () => {
  it('adds a grant with a constraint and a retiring principal, and lists it back', async () => {
    const s = new Session();
    await s.json(
      `aws kms create-grant --key-id ${KEY} --grantee-principal arn:aws:iam::${ACCOUNT}:role/WebRole --operations Decrypt DescribeKey --retiring-principal arn:aws:iam::${ACCOUNT}:user/alice --constraints '{"EncryptionContextSubset":{"Department":"IT"}}' --name web`,
    );
    expect(s.scenario.resources?.[KEY]?.grants).toEqual([
      {
        name: 'web',
        grantee: `arn:aws:iam::${ACCOUNT}:role/WebRole`,
        operations: ['Decrypt', 'DescribeKey'],
        retiringPrincipal: `arn:aws:iam::${ACCOUNT}:user/alice`,
        constraints: { encryptionContextSubset: { Department: 'IT' } },
      },
    ]);
    const listed = (await s.json(
      `aws kms list-grants --key-id 1234abcd-12ab-34cd-56ef-1234567890ab`,
    )) as {
      Grants: Record<string, unknown>[];
    };
    expect(listed.Grants).toHaveLength(1);
    expect(listed.Grants[0]).toMatchObject({
      KeyId: KEY,
      Operations: ['Decrypt', 'DescribeKey'],
      Constraints: { EncryptionContextSubset: { Department: 'IT' } },
    });
    expect(loadScenario(JSON.stringify(s.scenario)).problems).toEqual([]);
  });

  it("refuses an unknown operation, naming AWS's list", async () => {
    const s = new Session();
    const r = await s.run(
      `aws kms create-grant --key-id ${KEY} --grantee-principal arn:aws:iam::${ACCOUNT}:role/WebRole --operations Decrypt Destroy`,
    );
    expect(r.error).toBeDefined();
    expect(r.output).toMatch(/Destroy|operations/);
  });
});
