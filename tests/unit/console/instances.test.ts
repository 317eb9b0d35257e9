/**
 * The instance's view: a shell on an EC2 instance launched with an instance profile, its
 * metadata service, and the CLI's credentials there ("Use instance profiles").
 */
import { describe, expect, it } from 'vitest';
import { createConsoleDeps } from '../../../src/console/deps';
import { ACCOUNT, NOW, Session } from './helpers';

const IMDS = 'curl http://169.254.169.254/latest/meta-data/iam/security-credentials/';
const session = () => new Session(undefined, createConsoleDeps({ now: () => NOW }));

async function launch(s: Session, profile?: string): Promise<string> {
  const out = (await s.json(
    `aws ec2 run-instances --image-id ami-0abcdef1234567890 --instance-type t3.micro${profile ? ` --iam-instance-profile Name=${profile}` : ''}`,
  )) as { Instances: { InstanceId: string; IamInstanceProfile?: { Arn: string } }[] };
  return out.Instances[0]!.InstanceId;
}

describe('an instance launched with an instance profile', () => {
  it('lists the role in its metadata and runs aws as the assumed-role session', async () => {
    const s = session();
    const id = await launch(s, 'WebProfile');
    expect(id).toMatch(/^i-0[0-9a-f]{16}$/);
    expect((await s.run(`ssh ec2-user@${id}`)).error).toBeUndefined();
    expect((await s.run(IMDS)).output).toBe('WebRole');
    const creds = JSON.parse((await s.run(`${IMDS}WebRole`)).output) as Record<string, string>;
    expect(creds).toMatchObject({
      Code: 'Success',
      Type: 'AWS-HMAC',
      AccessKeyId: expect.stringMatching(/^ASIA/),
    });
    expect(await s.json('aws sts get-caller-identity')).toEqual({
      UserId: expect.stringMatching(new RegExp(`^AROA[A-Z2-7]{17}:${id}$`)),
      Account: ACCOUNT,
      Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/WebRole/${id}`,
    });
    // WebRole may read S3 but not list users.
    expect((await s.run('aws iam list-users')).output).toMatch(
      new RegExp(
        `AccessDenied.*assumed-role/WebRole/${id} is not authorized to perform: iam:ListUsers`,
      ),
    );
    await s.setup('exit');
    expect(await s.json('aws sts get-caller-identity')).toMatchObject({
      Arn: `arn:aws:iam::${ACCOUNT}:root`,
    });
  });

  it('an empty profile: the metadata answers 404 and aws finds no credentials until a role is added', async () => {
    const s = await session().setup(
      'aws iam create-instance-profile --instance-profile-name Empty',
    );
    const id = await launch(s, 'Empty');
    await s.setup(`ssh ${id}`);
    expect((await s.run(IMDS)).output).toMatch(/<title>404 - Not Found<\/title>/);
    const result = await s.run('aws sts get-caller-identity');
    expect(result.output).toBe(
      'Unable to locate credentials. You can configure credentials by running "aws configure".',
    );
    expect(result.error).toBeDefined();
    await s.setup(
      'exit',
      'aws iam add-role-to-instance-profile --instance-profile-name Empty --role-name WebRole',
      `ssh ${id}`,
    );
    expect((await s.run(IMDS)).output).toBe('WebRole');
    expect(await s.json('aws sts get-caller-identity --query Arn')).toBe(
      `arn:aws:sts::${ACCOUNT}:assumed-role/WebRole/${id}`,
    );
  });

  it('with no profile at all, aws says Unable to locate credentials', async () => {
    const s = session();
    const id = await launch(s);
    await s.setup(`ssh ${id}`);
    expect((await s.run('aws iam list-roles')).output).toBe(
      'Unable to locate credentials. You can configure credentials by running "aws configure".',
    );
  });

  it('a role whose trust policy does not let EC2 in gives no credentials', async () => {
    const s = await session().setup(
      `aws iam update-assume-role-policy --role-name WebRole --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'`,
    );
    const id = await launch(s, 'WebProfile');
    await s.setup(`ssh ${id}`);
    expect(JSON.parse((await s.run(`${IMDS}WebRole`)).output)).toMatchObject({
      Code: 'AssumeRoleUnauthorizedAccess',
    });
    expect((await s.run('aws sts get-caller-identity')).output).toMatch(
      /^Unable to locate credentials/,
    );
  });

  it('errors: unknown profile, unknown host, metadata off the instance, PassRole', async () => {
    const s = session();
    expect(
      (await s.run('aws ec2 run-instances --image-id ami-1 --iam-instance-profile Name=Nope'))
        .output,
    ).toBe(
      'An error occurred (InvalidParameterValue) when calling the RunInstances operation: Value (Nope) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name',
    );
    expect((await s.run('ssh i-0123')).output).toMatch(/^ssh: Could not resolve hostname i-0123/);
    expect((await s.run(IMDS)).output).toMatch(
      /^curl: \(28\) Failed to connect to 169\.254\.169\.254/,
    );
    // bob has no policy: launching with a role needs iam:PassRole (and ec2:RunInstances).
    await s.setup(
      `aws iam put-user-policy --user-name bob --policy-name ec2 --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}]}'`,
      'export AWS_PROFILE=bob',
    );
    expect(
      (await s.run('aws ec2 run-instances --image-id ami-1 --iam-instance-profile Name=WebProfile'))
        .output,
    ).toMatch(
      /\(UnauthorizedOperation\).*iam:PassRole on resource: arn:aws:iam::111122223333:role\/WebRole/,
    );
  });

  it("decides iam:PassRole with the caller's session policy", async () => {
    const s = session();
    const all = `'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:RunInstances","iam:PassRole","sts:AssumeRole"],"Resource":"*"}]}'`;
    const trust = `'{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:user/bob"},"Action":"sts:AssumeRole"}]}'`;
    await s.setup(
      `aws iam put-user-policy --user-name bob --policy-name all --policy-document ${all}`,
      `aws iam create-role --role-name Launcher --assume-role-policy-document ${trust}`,
      `aws iam put-role-policy --role-name Launcher --policy-name all --policy-document ${all}`,
      'export AWS_PROFILE=bob',
      `aws sts assume-role --role-arn arn:aws:iam::${ACCOUNT}:role/Launcher --role-session-name launch --policy '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}]}'`,
    );
    expect(
      (await s.run('aws ec2 run-instances --image-id ami-1 --iam-instance-profile Name=WebProfile'))
        .output,
    ).toMatch(/\(UnauthorizedOperation\).*iam:PassRole/);
  });
});
