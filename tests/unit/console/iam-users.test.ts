import { describe, expect, it } from 'vitest';
import { ACCOUNT, Session, emptyWorld, smallWorld } from './helpers';

describe('aws iam users', () => {
  it('create-user answers with the User shape, a deterministic id and the clock date', async () => {
    const session = new Session();
    const out = await session.json(
      'aws iam create-user --user-name carol --path /eng/ --tags Key=team,Value=data',
    );
    expect(out).toEqual({
      User: {
        Path: '/eng/',
        UserName: 'carol',
        UserId: expect.stringMatching(/^AIDA[A-Z2-7]{17}$/),
        Arn: `arn:aws:iam::${ACCOUNT}:user/eng/carol`,
        CreateDate: '2026-01-02T03:04:05+00:00',
        Tags: [{ Key: 'team', Value: 'data' }],
      },
    });
    expect(session.account.users?.['carol']).toEqual({ path: '/eng/', tags: { team: 'data' } });
  });

  it('gives the same user the same id every time', async () => {
    const a = await new Session().json('aws iam get-user --user-name alice');
    const b = await new Session().json('aws iam get-user --user-name alice');
    expect(a).toEqual(b);
  });

  it('never changes the scenario it was given', async () => {
    const world = smallWorld();
    const before = JSON.stringify(world);
    const session = new Session(world);
    await session.run('aws iam create-user --user-name carol');
    expect(JSON.stringify(world)).toBe(before);
    expect(session.scenario).not.toBe(world);
  });

  it('creates the account in an empty world, as 123456789012', async () => {
    const session = new Session(emptyWorld());
    await session.setup('aws iam create-user --user-name first');
    expect(session.scenario.accounts).toEqual({ '123456789012': { users: { first: {} } } });
  });

  it('get-user shows the boundary and tags', async () => {
    const session = new Session();
    await session.setup(
      `aws iam put-user-permissions-boundary --user-name alice --permissions-boundary arn:aws:iam::${ACCOUNT}:policy/S3Read`,
    );
    expect(await session.json('aws iam get-user --user-name alice')).toMatchObject({
      User: {
        UserName: 'alice',
        PermissionsBoundary: {
          PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
          PermissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/S3Read`,
        },
        Tags: [{ Key: 'team', Value: 'web' }],
      },
    });
  });

  it('list-users lists every user without tags, filtered by --path-prefix', async () => {
    const session = await new Session().setup('aws iam create-user --user-name carol --path /eng/');
    const all = (await session.json('aws iam list-users')) as {
      Users: { UserName: string; Tags?: unknown }[];
    };
    expect(all.Users.map((u) => u.UserName)).toEqual(['alice', 'bob', 'carol']);
    expect(all.Users.every((u) => u.Tags === undefined)).toBe(true);
    const eng = (await session.json('aws iam list-users --path-prefix /eng/')) as {
      Users: { UserName: string }[];
    };
    expect(eng.Users.map((u) => u.UserName)).toEqual(['carol']);
  });

  it('delete-user removes a user with nothing left', async () => {
    const session = new Session();
    const result = await session.run('aws iam delete-user --user-name bob');
    expect(result).toMatchObject({ output: '' });
    expect(result.error).toBeUndefined();
    expect(session.account.users?.['bob']).toBeUndefined();
  });

  it('delete-user after removing everything from alice', async () => {
    const session = await new Session().setup(
      `aws iam detach-user-policy --user-name alice --policy-arn arn:aws:iam::${ACCOUNT}:policy/S3Read`,
      'aws iam remove-user-from-group --user-name alice --group-name developers',
      'aws iam delete-user --user-name alice',
    );
    expect(session.account.users?.['alice']).toBeUndefined();
  });

  it.each([
    [
      'a user that exists',
      [],
      'aws iam create-user --user-name alice',
      'EntityAlreadyExists',
      'User with name alice already exists.',
    ],
    [
      'a user that exists in another case',
      [],
      'aws iam create-user --user-name ALICE',
      'EntityAlreadyExists',
      'User with name alice already exists.',
    ],
    [
      'a name with a blank',
      [],
      `aws iam create-user --user-name 'a b'`,
      'ValidationError',
      expect.stringContaining('regular expression pattern'),
    ],
    [
      'a bad path',
      [],
      'aws iam create-user --user-name c --path eng',
      'ValidationError',
      expect.stringContaining('path is invalid'),
    ],
    [
      'an unknown boundary',
      [],
      `aws iam create-user --user-name c --permissions-boundary arn:aws:iam::${ACCOUNT}:policy/Nope`,
      'NoSuchEntity',
      `Policy arn:aws:iam::${ACCOUNT}:policy/Nope does not exist or is not attachable.`,
    ],
    [
      'an unknown user',
      [],
      'aws iam get-user --user-name nobody',
      'NoSuchEntity',
      'The user with name nobody cannot be found.',
    ],
    [
      'get-user without a name, as root',
      [],
      'aws iam get-user',
      'ValidationError',
      'Must specify userName when calling with non-User credentials',
    ],
    [
      'deleting an unknown user',
      [],
      'aws iam delete-user --user-name nobody',
      'NoSuchEntity',
      'The user with name nobody cannot be found.',
    ],
    [
      'deleting a user with attached policies',
      ['aws iam remove-user-from-group --user-name alice --group-name developers'],
      'aws iam delete-user --user-name alice',
      'DeleteConflict',
      'Cannot delete entity, must detach all policies first.',
    ],
    [
      'deleting a user in a group',
      [
        `aws iam detach-user-policy --user-name alice --policy-arn arn:aws:iam::${ACCOUNT}:policy/S3Read`,
      ],
      'aws iam delete-user --user-name alice',
      'DeleteConflict',
      'Cannot delete entity, must remove users from group first.',
    ],
    [
      'deleting a user with an inline policy',
      [`aws iam put-user-policy --user-name bob --policy-name p --policy-document file://S3Read`],
      'aws iam delete-user --user-name bob',
      'DeleteConflict',
      'Cannot delete entity, must delete policies first.',
    ],
    [
      'deleting a user with access keys',
      ['aws iam create-access-key --user-name bob'],
      'aws iam delete-user --user-name bob',
      'DeleteConflict',
      'Cannot delete entity, must delete access keys first.',
    ],
  ])('refuses %s', async (_, setup, line, code, message) => {
    const session = await new Session().setup(...setup);
    const before = session.scenario;
    const result = await session.run(line);
    expect(result.error).toEqual({ code, message });
    expect(result.scenario).toBeUndefined();
    expect(session.scenario).toBe(before);
  });

  it('prints an AWS error as the AWS CLI does', async () => {
    expect((await new Session().run('aws iam get-user --user-name nobody')).output).toBe(
      'An error occurred (NoSuchEntity) when calling the GetUser operation: The user with name nobody cannot be found.',
    );
  });

  it('tags, lists and untags a user', async () => {
    const session = await new Session().setup(
      `aws iam tag-user --user-name bob --tags Key=team,Value=ops '[{"Key":"cost","Value":"42"}]'`,
    );
    expect(session.account.users?.['bob']?.tags).toEqual({ team: 'ops', cost: '42' });
    expect(await session.json('aws iam list-user-tags --user-name bob')).toEqual({
      Tags: [
        { Key: 'team', Value: 'ops' },
        { Key: 'cost', Value: '42' },
      ],
    });
    await session.setup('aws iam untag-user --user-name bob --tag-keys team cost');
    expect(session.account.users?.['bob']).toEqual({});
  });
});

describe('aws iam groups', () => {
  it('create-group answers with the Group shape', async () => {
    expect(await new Session().json('aws iam create-group --group-name ops')).toEqual({
      Group: {
        Path: '/',
        GroupName: 'ops',
        GroupId: expect.stringMatching(/^AGPA[A-Z2-7]{17}$/),
        Arn: `arn:aws:iam::${ACCOUNT}:group/ops`,
        CreateDate: '2026-01-02T03:04:05+00:00',
      },
    });
  });

  it('add-user-to-group, get-group, list-groups-for-user, remove-user-from-group', async () => {
    const session = await new Session().setup(
      'aws iam create-group --group-name ops',
      'aws iam add-user-to-group --group-name ops --user-name bob',
    );
    expect(session.account.users?.['bob']).toEqual({ groups: ['ops'] });
    const group = (await session.json('aws iam get-group --group-name ops')) as {
      Users: { UserName: string }[];
      Group: { GroupName: string };
    };
    expect(group.Users.map((u) => u.UserName)).toEqual(['bob']);
    expect(group.Group.GroupName).toBe('ops');
    const groups = (await session.json('aws iam list-groups-for-user --user-name bob')) as {
      Groups: { GroupName: string }[];
    };
    expect(groups.Groups.map((g) => g.GroupName)).toEqual(['ops']);
    await session.setup('aws iam remove-user-from-group --group-name ops --user-name bob');
    expect(session.account.users?.['bob']).toEqual({});
  });

  it('adding a member twice changes nothing', async () => {
    const session = new Session();
    const result = await session.run(
      'aws iam add-user-to-group --group-name developers --user-name alice',
    );
    expect(result.error).toBeUndefined();
    expect(result.scenario).toBeUndefined();
  });

  it('list-groups lists the groups', async () => {
    const out = (await (
      await new Session().setup('aws iam create-group --group-name ops')
    ).json('aws iam list-groups')) as { Groups: { GroupName: string }[] };
    expect(out.Groups.map((g) => g.GroupName)).toEqual(['developers', 'ops']);
  });

  it.each([
    [
      'a group that exists',
      [],
      'aws iam create-group --group-name developers',
      'EntityAlreadyExists',
      'Group with name developers already exists.',
    ],
    [
      'an unknown group',
      [],
      'aws iam get-group --group-name nope',
      'NoSuchEntity',
      'The group with name nope cannot be found.',
    ],
    [
      'adding an unknown user',
      [],
      'aws iam add-user-to-group --group-name developers --user-name nope',
      'NoSuchEntity',
      'The user with name nope cannot be found.',
    ],
    [
      'removing a user who is not a member',
      [],
      'aws iam remove-user-from-group --group-name developers --user-name bob',
      'NoSuchEntity',
      'The user with name bob cannot be found in group developers.',
    ],
    [
      'deleting a group with users',
      [],
      'aws iam delete-group --group-name developers',
      'DeleteConflict',
      'Cannot delete entity, must remove users from group first.',
    ],
    [
      'deleting a group with policies',
      [
        'aws iam create-group --group-name ops',
        `aws iam attach-group-policy --group-name ops --policy-arn arn:aws:iam::${ACCOUNT}:policy/S3Read`,
      ],
      'aws iam delete-group --group-name ops',
      'DeleteConflict',
      'Cannot delete entity, must detach all policies first.',
    ],
  ])('refuses %s', async (_, setup, line, code, message) => {
    const result = await (await new Session().setup(...setup)).run(line);
    expect(result.error).toEqual({ code, message });
  });

  it('refuses an eleventh group for one user with LimitExceeded', async () => {
    const session = new Session();
    for (let i = 0; i < 10; i++)
      await session.setup(
        `aws iam create-group --group-name g${i}`,
        `aws iam add-user-to-group --group-name g${i} --user-name bob`,
      );
    await session.setup('aws iam create-group --group-name g10');
    expect(
      (await session.run('aws iam add-user-to-group --group-name g10 --user-name bob')).error,
    ).toEqual({
      code: 'LimitExceeded',
      message: 'Cannot exceed quota for GroupsPerUser: 10',
    });
  });

  it('deletes an empty group', async () => {
    const session = await new Session().setup(
      'aws iam create-group --group-name ops',
      'aws iam delete-group --group-name ops',
    );
    expect(session.account.groups).toEqual({ developers: { policies: [] } });
  });
});

describe('aws iam access keys', () => {
  it('creates key records with no real secret, lists, deactivates and deletes them', async () => {
    const session = new Session();
    const created = (await session.json('aws iam create-access-key --user-name bob')) as {
      AccessKey: Record<string, string>;
    };
    expect(created.AccessKey).toEqual({
      UserName: 'bob',
      AccessKeyId: expect.stringMatching(/^AKIA[A-Z2-7]{16}$/),
      Status: 'Active',
      SecretAccessKey: expect.stringContaining('not-a-secret'),
      CreateDate: '2026-01-02T03:04:05+00:00',
    });
    // Keys are part of the world (src/model/credentials.ts): the command changed it.
    expect(
      session.last.scenario?.accounts?.['111122223333']?.users?.['bob']?.accessKeys,
    ).toHaveLength(1);
    const id = created.AccessKey['AccessKeyId']!;
    await session.setup(
      `aws iam update-access-key --user-name bob --access-key-id ${id} --status Inactive`,
    );
    expect(await session.json('aws iam list-access-keys --user-name bob')).toEqual({
      AccessKeyMetadata: [
        {
          UserName: 'bob',
          AccessKeyId: id,
          Status: 'Inactive',
          CreateDate: '2026-01-02T03:04:05+00:00',
        },
      ],
    });
    await session.setup(`aws iam delete-access-key --user-name bob --access-key-id ${id}`);
    expect(session.scenario.accounts?.['111122223333']?.users?.['bob']?.accessKeys).toBeUndefined();
  });

  it('gives each new key a new id', async () => {
    const session = new Session();
    const a = (await session.json('aws iam create-access-key --user-name bob')) as {
      AccessKey: { AccessKeyId: string };
    };
    const b = (await session.json('aws iam create-access-key --user-name bob')) as {
      AccessKey: { AccessKeyId: string };
    };
    expect(a.AccessKey.AccessKeyId).not.toBe(b.AccessKey.AccessKeyId);
  });

  it.each([
    [
      'a third key',
      ['aws iam create-access-key --user-name bob', 'aws iam create-access-key --user-name bob'],
      'aws iam create-access-key --user-name bob',
      'LimitExceeded',
      'Cannot exceed quota for AccessKeysPerUser: 2',
    ],
    [
      'an unknown key',
      [],
      'aws iam delete-access-key --user-name bob --access-key-id AKIANOPE',
      'NoSuchEntity',
      'The Access Key with id AKIANOPE cannot be found.',
    ],
    [
      'a status that is not Active or Inactive',
      [],
      'aws iam update-access-key --user-name bob --access-key-id AKIANOPE --status Off',
      'ValidationError',
      "1 validation error detected: Value 'Off' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]",
    ],
  ])('refuses %s', async (_, setup, line, code, message) => {
    expect((await (await new Session().setup(...setup)).run(line)).error).toEqual({
      code,
      message,
    });
  });
});

describe('aws iam account alias', () => {
  it('sets the account name and lists it', async () => {
    const session = await new Session().setup(
      'aws iam create-account-alias --account-alias playground',
    );
    expect(session.account.name).toBe('playground');
    expect(await session.json('aws iam list-account-aliases')).toEqual({
      AccountAliases: ['playground'],
    });
  });

  it('refuses an alias AWS would not accept', async () => {
    expect(
      (await new Session().run('aws iam create-account-alias --account-alias Bad_Alias')).error
        ?.code,
    ).toBe('ValidationError');
  });
});
