import { describe, expect, it } from 'vitest';
import { ACCOUNT, EC2_TRUST, Session, doc } from './helpers';

const LAMBDA_TRUST = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
};

describe('aws iam roles', () => {
  it('create-role answers with the Role shape and keeps the trust policy', async () => {
    const session = new Session();
    const out = await session.json(
      `aws iam create-role --role-name FnRole --path /service-role/ --assume-role-policy-document ${doc(LAMBDA_TRUST)}`,
    );
    expect(out).toEqual({
      Role: {
        Path: '/service-role/',
        RoleName: 'FnRole',
        RoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}$/),
        Arn: `arn:aws:iam::${ACCOUNT}:role/service-role/FnRole`,
        CreateDate: '2026-01-02T03:04:05+00:00',
        AssumeRolePolicyDocument: LAMBDA_TRUST,
      },
    });
    expect(session.account.roles?.['FnRole']).toEqual({
      path: '/service-role/',
      trust: LAMBDA_TRUST,
    });
  });

  it('takes the trust policy from a document of the world with file://trust/ROLE', async () => {
    const session = await new Session().setup(
      'aws iam create-role --role-name Copy --assume-role-policy-document file://trust/WebRole',
    );
    expect(session.account.roles?.['Copy']?.trust).toEqual(EC2_TRUST);
  });

  it('get-role shows the trust policy, MaxSessionDuration and tags', async () => {
    const session = await new Session().setup(
      'aws iam tag-role --role-name WebRole --tags Key=env,Value=prod',
    );
    expect(await session.json('aws iam get-role --role-name WebRole')).toMatchObject({
      Role: {
        RoleName: 'WebRole',
        AssumeRolePolicyDocument: EC2_TRUST,
        MaxSessionDuration: 3600,
        Tags: [{ Key: 'env', Value: 'prod' }],
        RoleLastUsed: {},
      },
    });
    expect(await session.json('aws iam list-role-tags --role-name WebRole')).toEqual({
      Tags: [{ Key: 'env', Value: 'prod' }],
    });
    await session.setup('aws iam untag-role --role-name WebRole --tag-keys env');
    expect(session.account.roles?.['WebRole']?.tags).toBeUndefined();
  });

  it('list-roles lists the roles', async () => {
    const out = (await new Session().json('aws iam list-roles')) as {
      Roles: { RoleName: string }[];
    };
    expect(out.Roles.map((r) => r.RoleName)).toEqual(['WebRole']);
  });

  it('update-assume-role-policy replaces the trust policy', async () => {
    const session = await new Session().setup(
      `aws iam update-assume-role-policy --role-name WebRole --policy-document ${doc(LAMBDA_TRUST)}`,
    );
    expect(session.account.roles?.['WebRole']?.trust).toEqual(LAMBDA_TRUST);
  });

  it('deletes a role once it is out of its instance profile and has no policies', async () => {
    const session = await new Session().setup(
      'aws iam remove-role-from-instance-profile --instance-profile-name WebProfile --role-name WebRole',
      `aws iam detach-role-policy --role-name WebRole --policy-arn arn:aws:iam::${ACCOUNT}:policy/S3Read`,
      'aws iam delete-role --role-name WebRole',
    );
    expect(session.account.roles).toEqual({});
  });

  it.each([
    [
      'a role that exists',
      [],
      `aws iam create-role --role-name WebRole --assume-role-policy-document ${doc(EC2_TRUST)}`,
      'EntityAlreadyExists',
      'Role with name WebRole already exists.',
    ],
    [
      'a trust policy that is not JSON',
      [],
      `aws iam create-role --role-name R --assume-role-policy-document '{nope'`,
      'MalformedPolicyDocument',
      'This policy contains invalid Json',
    ],
    [
      'a trust policy without a principal',
      [],
      `aws iam create-role --role-name R --assume-role-policy-document file://S3Read`,
      'MalformedPolicyDocument',
      'Missing required field Principal',
    ],
    [
      'an unknown role',
      [],
      'aws iam get-role --role-name Nope',
      'NoSuchEntity',
      'The role with name Nope cannot be found.',
    ],
    [
      'deleting a role in an instance profile',
      [],
      'aws iam delete-role --role-name WebRole',
      'DeleteConflict',
      'Cannot delete entity, must remove roles from instance profile first.',
    ],
    [
      'deleting a role with attached policies',
      [
        'aws iam remove-role-from-instance-profile --instance-profile-name WebProfile --role-name WebRole',
      ],
      'aws iam delete-role --role-name WebRole',
      'DeleteConflict',
      'Cannot delete entity, must detach all policies first.',
    ],
    [
      'deleting a role with inline policies',
      [
        'aws iam remove-role-from-instance-profile --instance-profile-name WebProfile --role-name WebRole',
        `aws iam put-role-policy --role-name WebRole --policy-name p --policy-document file://S3Read`,
      ],
      'aws iam delete-role --role-name WebRole',
      'DeleteConflict',
      'Cannot delete entity, must delete policies first.',
    ],
  ])('refuses %s', async (_, setup, line, code, message) => {
    expect((await (await new Session().setup(...setup)).run(line)).error).toEqual({
      code,
      message,
    });
  });
});

describe('aws iam instance profiles', () => {
  it('creates a profile, puts a role in it and lists it with the role', async () => {
    const session = new Session();
    expect(
      await session.json('aws iam create-instance-profile --instance-profile-name Batch'),
    ).toEqual({
      InstanceProfile: {
        Path: '/',
        InstanceProfileName: 'Batch',
        InstanceProfileId: expect.stringMatching(/^AIPA[A-Z2-7]{17}$/),
        Arn: `arn:aws:iam::${ACCOUNT}:instance-profile/Batch`,
        CreateDate: '2026-01-02T03:04:05+00:00',
        Roles: [],
      },
    });
    await session.setup(
      `aws iam create-role --role-name BatchRole --assume-role-policy-document file://trust/WebRole`,
    );
    await session.setup(
      'aws iam add-role-to-instance-profile --instance-profile-name Batch --role-name BatchRole',
    );
    expect(session.account.instanceProfiles?.['Batch']).toEqual({ role: 'BatchRole' });
    const listed = (await session.json('aws iam list-instance-profiles')) as {
      InstanceProfiles: { InstanceProfileName: string; Roles: { RoleName: string }[] }[];
    };
    expect(
      listed.InstanceProfiles.map((p) => [p.InstanceProfileName, p.Roles.map((r) => r.RoleName)]),
    ).toEqual([
      ['WebProfile', ['WebRole']],
      ['Batch', ['BatchRole']],
    ]);
    const forRole = (await session.json(
      'aws iam list-instance-profiles-for-role --role-name BatchRole',
    )) as { InstanceProfiles: { InstanceProfileName: string }[] };
    expect(forRole.InstanceProfiles.map((p) => p.InstanceProfileName)).toEqual(['Batch']);
  });

  it('removes the role and deletes the empty profile', async () => {
    const session = await new Session().setup(
      'aws iam remove-role-from-instance-profile --instance-profile-name WebProfile --role-name WebRole',
      'aws iam delete-instance-profile --instance-profile-name WebProfile',
    );
    expect(session.account.instanceProfiles).toEqual({});
  });

  it.each([
    [
      'a profile that exists',
      [],
      'aws iam create-instance-profile --instance-profile-name WebProfile',
      'EntityAlreadyExists',
      'Instance Profile WebProfile already exists.',
    ],
    [
      'a second role in one profile',
      [`aws iam create-role --role-name Other --assume-role-policy-document file://trust/WebRole`],
      'aws iam add-role-to-instance-profile --instance-profile-name WebProfile --role-name Other',
      'LimitExceeded',
      'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
    ],
    [
      'an unknown profile',
      [],
      'aws iam get-instance-profile --instance-profile-name Nope',
      'NoSuchEntity',
      'Instance Profile Nope cannot be found.',
    ],
    [
      'removing a role the profile does not hold',
      [`aws iam create-role --role-name Other --assume-role-policy-document file://trust/WebRole`],
      'aws iam remove-role-from-instance-profile --instance-profile-name WebProfile --role-name Other',
      'NoSuchEntity',
      'The role with name Other cannot be found.',
    ],
    [
      'deleting a profile that holds a role',
      [],
      'aws iam delete-instance-profile --instance-profile-name WebProfile',
      'DeleteConflict',
      'Cannot delete entity, must remove roles from instance profile first.',
    ],
  ])('refuses %s', async (_, setup, line, code, message) => {
    expect((await (await new Session().setup(...setup)).run(line)).error).toEqual({
      code,
      message,
    });
  });
});
