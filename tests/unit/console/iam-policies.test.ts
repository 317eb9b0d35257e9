import { describe, expect, it } from 'vitest';
import type { ManagedPolicyInfo } from '../../../src/console/index';
import { ACCOUNT, S3_READ, Session, doc } from './helpers';

const S3_READ_ARN = `arn:aws:iam::${ACCOUNT}:policy/S3Read`;
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const EC2_ALL = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }],
};

/** A tiny stand-in for the catalog of AWS managed policies. */
const catalog: ManagedPolicyInfo[] = [
  {
    arn: READ_ONLY,
    name: 'ReadOnlyAccess',
    path: '/',
    defaultVersionId: 'v120',
    document: { Version: '2012-10-17', Statement: [] },
  },
];
const managedPolicies = {
  get: (arn: string) => catalog.find((p) => p.arn === arn),
  list: () => catalog,
};

describe('aws iam managed policies', () => {
  it('create-policy answers with the Policy shape and keeps the document', async () => {
    const session = new Session();
    expect(
      await session.json(
        `aws iam create-policy --policy-name Ec2All --policy-document ${doc(EC2_ALL)}`,
      ),
    ).toEqual({
      Policy: {
        PolicyName: 'Ec2All',
        PolicyId: expect.stringMatching(/^ANPA[A-Z2-7]{17}$/),
        Arn: `arn:aws:iam::${ACCOUNT}:policy/Ec2All`,
        Path: '/',
        DefaultVersionId: 'v1',
        AttachmentCount: 0,
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        CreateDate: '2026-01-02T03:04:05+00:00',
        UpdateDate: '2026-01-02T03:04:05+00:00',
      },
    });
    expect(session.account.policies?.['Ec2All']).toEqual(EC2_ALL);
  });

  it('reads file://NAME.json as the document named NAME', async () => {
    const session = await new Session().setup(
      'aws iam create-policy --policy-name Copy --policy-document file://S3Read.json',
    );
    expect(session.account.policies?.['Copy']).toEqual(S3_READ);
  });

  it('get-policy counts attachments and boundary uses', async () => {
    const session = await new Session().setup(
      `aws iam put-user-permissions-boundary --user-name bob --permissions-boundary ${S3_READ_ARN}`,
    );
    expect(await session.json(`aws iam get-policy --policy-arn ${S3_READ_ARN}`)).toMatchObject({
      Policy: { PolicyName: 'S3Read', AttachmentCount: 2, PermissionsBoundaryUsageCount: 1 },
    });
  });

  it('get-policy-version shows the document as v1', async () => {
    expect(
      await new Session().json(
        `aws iam get-policy-version --policy-arn ${S3_READ_ARN} --version-id v1`,
      ),
    ).toEqual({
      PolicyVersion: {
        Document: S3_READ,
        VersionId: 'v1',
        IsDefaultVersion: true,
        CreateDate: '2026-01-02T03:04:05+00:00',
      },
    });
  });

  it('list-policies --scope Local, AWS and All', async () => {
    const session = new Session(undefined, { managedPolicies });
    const names = async (line: string) =>
      ((await session.json(line)) as { Policies: { PolicyName: string }[] }).Policies.map(
        (p) => p.PolicyName,
      );
    expect(await names('aws iam list-policies --scope Local')).toEqual(['S3Read']);
    expect(await names('aws iam list-policies --scope AWS')).toEqual(['ReadOnlyAccess']);
    expect(await names('aws iam list-policies')).toEqual(['ReadOnlyAccess', 'S3Read']);
    expect(await names('aws iam list-policies --only-attached')).toEqual(['S3Read']);
  });

  it('get-policy of an AWS managed policy comes from the catalog', async () => {
    const session = new Session(undefined, { managedPolicies });
    expect(await session.json(`aws iam get-policy --policy-arn ${READ_ONLY}`)).toMatchObject({
      Policy: { PolicyName: 'ReadOnlyAccess', DefaultVersionId: 'v120', Arn: READ_ONLY },
    });
  });

  it('delete-policy removes a policy nothing uses', async () => {
    const session = await new Session().setup(
      `aws iam create-policy --policy-name Ec2All --policy-document ${doc(EC2_ALL)}`,
    );
    await session.setup(`aws iam delete-policy --policy-arn arn:aws:iam::${ACCOUNT}:policy/Ec2All`);
    expect(Object.keys(session.account.policies ?? {})).toEqual(['S3Read']);
  });

  it.each([
    [
      'a name in use',
      `aws iam create-policy --policy-name S3Read --policy-document ${doc(EC2_ALL)}`,
      'EntityAlreadyExists',
      'A policy called S3Read already exists. Duplicate names are not allowed.',
    ],
    [
      'invalid JSON',
      `aws iam create-policy --policy-name P --policy-document '{"Statement": [}'`,
      'MalformedPolicyDocument',
      'This policy contains invalid Json',
    ],
    [
      'a statement without Effect',
      `aws iam create-policy --policy-name P --policy-document '{"Statement":{"Action":"s3:*","Resource":"*"}}'`,
      'MalformedPolicyDocument',
      'Syntax errors in policy.',
    ],
    [
      'an action without a service',
      `aws iam create-policy --policy-name P --policy-document '{"Statement":{"Effect":"Allow","Action":"GetObject","Resource":"*"}}'`,
      'MalformedPolicyDocument',
      'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
    ],
    [
      'an identity policy with a Principal',
      `aws iam create-policy --policy-name P --policy-document file://trust/WebRole`,
      'MalformedPolicyDocument',
      'Policy document should not specify a principal.',
    ],
    [
      'an unknown Version',
      `aws iam create-policy --policy-name P --policy-document '{"Version":"2020-01-01","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}'`,
      'MalformedPolicyDocument',
      'The policy failed legacy parsing',
    ],
    [
      'a document larger than 6144 characters',
      `aws iam create-policy --policy-name P --policy-document ${doc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: 300 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`) }] })}`,
      'LimitExceeded',
      'Cannot exceed quota for PolicySize: 6144',
    ],
    [
      'a missing file',
      'aws iam create-policy --policy-name P --policy-document file://nope.json',
      'ParamValidation',
      "Error parsing parameter '--policy-document': Unable to load paramfile file://nope.json: [Errno 2] No such file or directory: 'nope.json'",
    ],
    [
      'an unknown policy',
      `aws iam get-policy --policy-arn arn:aws:iam::${ACCOUNT}:policy/Nope`,
      'NoSuchEntity',
      `Policy arn:aws:iam::${ACCOUNT}:policy/Nope was not found.`,
    ],
    [
      'an unknown version',
      `aws iam get-policy-version --policy-arn ${S3_READ_ARN} --version-id v2`,
      'NoSuchEntity',
      `Policy ${S3_READ_ARN} version v2 does not exist or is not attachable.`,
    ],
    [
      'deleting an attached policy',
      `aws iam delete-policy --policy-arn ${S3_READ_ARN}`,
      'DeleteConflict',
      'Cannot delete a policy attached to entities.',
    ],
    [
      'a scope that does not exist',
      'aws iam list-policies --scope Mine',
      'ValidationError',
      "1 validation error detected: Value 'Mine' at 'scope' failed to satisfy constraint: Member must satisfy enum value set: [All, AWS, Local]",
    ],
  ])('refuses %s', async (_, line, code, message) => {
    expect((await new Session().run(line)).error).toEqual({ code, message });
  });
});

describe('aws iam attach and detach', () => {
  it.each([
    ['user', 'bob', 'users'],
    ['group', 'developers', 'groups'],
    ['role', 'WebRole', 'roles'],
  ] as const)(
    'attach-%s-policy stores the name of a policy of the account and the ARN of an AWS managed one',
    async (kind, name, key) => {
      const session = new Session(undefined, { managedPolicies });
      await session.setup(
        `aws iam attach-${kind}-policy --${kind}-name ${name} --policy-arn ${S3_READ_ARN}`,
      );
      await session.setup(
        `aws iam attach-${kind}-policy --${kind}-name ${name} --policy-arn ${READ_ONLY}`,
      );
      const record = (session.account[key] as Record<string, { policies?: string[] }>)[name]!;
      expect(record.policies).toEqual(['S3Read', READ_ONLY]);
      expect(
        await session.json(`aws iam list-attached-${kind}-policies --${kind}-name ${name}`),
      ).toEqual({
        AttachedPolicies: [
          { PolicyName: 'S3Read', PolicyArn: S3_READ_ARN },
          { PolicyName: 'ReadOnlyAccess', PolicyArn: READ_ONLY },
        ],
      });
    },
  );

  it('refuses an eleventh managed policy on a role', async () => {
    const session = new Session();
    for (let i = 0; i < 9; i++) {
      await session.setup(
        `aws iam create-policy --policy-name P${i} --policy-document ${doc(EC2_ALL)}`,
      );
      await session.setup(
        `aws iam attach-role-policy --role-name WebRole --policy-arn arn:aws:iam::${ACCOUNT}:policy/P${i}`,
      );
    }
    expect(session.account.roles?.['WebRole']?.policies).toHaveLength(10);
    await session.setup(
      `aws iam create-policy --policy-name P10 --policy-document ${doc(EC2_ALL)}`,
    );
    expect(
      (
        await session.run(
          `aws iam attach-role-policy --role-name WebRole --policy-arn arn:aws:iam::${ACCOUNT}:policy/P10`,
        )
      ).error,
    ).toEqual({
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for PoliciesPerRole: 10',
    });
  });

  it('attaching a policy twice changes nothing', async () => {
    const result = await new Session().run(
      `aws iam attach-user-policy --user-name alice --policy-arn ${S3_READ_ARN}`,
    );
    expect(result.error).toBeUndefined();
    expect(result.scenario).toBeUndefined();
  });

  it.each([
    [
      'an unknown policy',
      `aws iam attach-user-policy --user-name bob --policy-arn arn:aws:iam::${ACCOUNT}:policy/Nope`,
      'NoSuchEntity',
      `Policy arn:aws:iam::${ACCOUNT}:policy/Nope does not exist or is not attachable.`,
    ],
    [
      'a policy of another account',
      `aws iam attach-user-policy --user-name bob --policy-arn arn:aws:iam::999999999999:policy/S3Read`,
      'NoSuchEntity',
      'Policy arn:aws:iam::999999999999:policy/S3Read does not exist or is not attachable.',
    ],
    [
      'an AWS managed policy the catalog lacks',
      `aws iam attach-user-policy --user-name bob --policy-arn arn:aws:iam::aws:policy/Nope`,
      'NoSuchEntity',
      'Policy arn:aws:iam::aws:policy/Nope does not exist or is not attachable.',
    ],
    [
      'detaching a policy that is not attached',
      `aws iam detach-user-policy --user-name bob --policy-arn ${S3_READ_ARN}`,
      'NoSuchEntity',
      `Policy ${S3_READ_ARN} was not found.`,
    ],
    [
      'an unknown group',
      `aws iam attach-group-policy --group-name nope --policy-arn ${S3_READ_ARN}`,
      'NoSuchEntity',
      'The group with name nope cannot be found.',
    ],
  ])('refuses %s', async (_, line, code, message) => {
    expect((await new Session(undefined, { managedPolicies }).run(line)).error).toEqual({
      code,
      message,
    });
  });
});

describe('aws iam inline policies', () => {
  it.each([
    ['user', 'bob', 'users', 'UserName'],
    ['group', 'developers', 'groups', 'GroupName'],
    ['role', 'WebRole', 'roles', 'RoleName'],
  ] as const)('put, get, list and delete a %s inline policy', async (kind, name, key, nameKey) => {
    const session = await new Session().setup(
      `aws iam put-${kind}-policy --${kind}-name ${name} --policy-name ec2 --policy-document ${doc(EC2_ALL)}`,
    );
    const record = () =>
      (session.account[key] as Record<string, { inline?: Record<string, unknown> }>)[name]!;
    expect(record().inline).toEqual({ ec2: EC2_ALL });
    expect(
      await session.json(`aws iam get-${kind}-policy --${kind}-name ${name} --policy-name ec2`),
    ).toEqual({
      [nameKey]: name,
      PolicyName: 'ec2',
      PolicyDocument: EC2_ALL,
    });
    expect(await session.json(`aws iam list-${kind}-policies --${kind}-name ${name}`)).toEqual({
      PolicyNames: ['ec2'],
    });
    await session.setup(`aws iam delete-${kind}-policy --${kind}-name ${name} --policy-name ec2`);
    expect(record().inline).toEqual({});
  });

  it.each([
    [
      'getting an unknown inline policy',
      'aws iam get-role-policy --role-name WebRole --policy-name nope',
      'NoSuchEntity',
      'The role policy with name nope cannot be found.',
    ],
    [
      'deleting an unknown inline policy',
      'aws iam delete-user-policy --user-name bob --policy-name nope',
      'NoSuchEntity',
      'The user policy with name nope cannot be found.',
    ],
    [
      'an inline policy over 2048 characters on a user',
      `aws iam put-user-policy --user-name bob --policy-name big --policy-document ${doc({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: 80 }, (_, i) => `arn:aws:s3:::bucket-${i}/*`) }] })}`,
      'LimitExceeded',
      'Cannot exceed quota for UserPolicySize: 2048',
    ],
  ])('refuses %s', async (_, line, code, message) => {
    expect((await new Session().run(line)).error).toEqual({ code, message });
  });
});

describe('aws iam permissions boundaries', () => {
  it.each([
    ['user', 'bob', 'users'],
    ['role', 'WebRole', 'roles'],
  ] as const)('puts and deletes the boundary of a %s', async (kind, name, key) => {
    const session = await new Session().setup(
      `aws iam put-${kind}-permissions-boundary --${kind}-name ${name} --permissions-boundary ${S3_READ_ARN}`,
    );
    const record = () =>
      (session.account[key] as Record<string, { boundary?: string | null }>)[name]!;
    expect(record().boundary).toBe('S3Read');
    await session.setup(`aws iam delete-${kind}-permissions-boundary --${kind}-name ${name}`);
    expect(record().boundary).toBeUndefined();
  });

  it('refuses a boundary that names no policy', async () => {
    expect(
      (
        await new Session().run(
          `aws iam put-role-permissions-boundary --role-name WebRole --permissions-boundary arn:aws:iam::${ACCOUNT}:policy/Nope`,
        )
      ).error,
    ).toEqual({
      code: 'NoSuchEntity',
      message: `Policy arn:aws:iam::${ACCOUNT}:policy/Nope does not exist or is not attachable.`,
    });
  });

  it('refuses to delete a policy used as a boundary', async () => {
    const session = await new Session().setup(
      `aws iam create-policy --policy-name B --policy-document ${doc(EC2_ALL)}`,
      `aws iam put-user-permissions-boundary --user-name bob --permissions-boundary arn:aws:iam::${ACCOUNT}:policy/B`,
    );
    expect(
      (await session.run(`aws iam delete-policy --policy-arn arn:aws:iam::${ACCOUNT}:policy/B`))
        .error?.code,
    ).toBe('DeleteConflict');
  });
});
