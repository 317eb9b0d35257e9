/**
 * The ids the console prints for users and roles are the ids the engine decides with ("IAM
 * identifiers": unique identifiers): the world's `id` when it gives one, else the model's derived
 * id, so a policy written with the printed id (aws:userid, a Principal) matches.
 */
import { describe, expect, it } from 'vitest';
import { createConsoleDeps } from '../../../src/console/deps';
import { identityUniqueId, resolveRequest } from '../../../src/model/index';
import { ACCOUNT, NOW, Session, doc, smallWorld } from './helpers';

const onlyWithId = (id: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 'iam:ListUsers',
      Resource: '*',
      Condition: { StringEquals: { 'aws:userid': id } },
    },
  ],
});

const session = () => new Session(smallWorld(), createConsoleDeps({ now: () => NOW }));

describe('user and role ids in the console', () => {
  it('get-user prints the id aws:userid carries for that user', async () => {
    const s = session();
    const { User } = (await s.json('aws iam get-user --user-name bob')) as {
      User: { UserId: string };
    };
    await s.setup(
      `aws iam put-user-policy --user-name bob --policy-name by-id --policy-document ${doc(onlyWithId(User.UserId))}`,
      'export AWS_PROFILE=bob',
    );
    expect((await s.run('aws iam list-users')).error).toBeUndefined();
    expect(await s.json('aws sts get-caller-identity')).toMatchObject({ UserId: User.UserId });
  });

  it("prints the world's own id of a user and of a role's session", async () => {
    const world = smallWorld();
    const account = world.accounts![ACCOUNT]!;
    account.users!['bob'] = { id: 'AIDABOB1234567890123' };
    account.roles!['WebRole'] = { ...account.roles!['WebRole']!, id: 'AROAWEB1234567890123' };
    const s = new Session(world, createConsoleDeps({ now: () => NOW }));
    expect(await s.json('aws iam get-user --user-name bob')).toMatchObject({
      User: { UserId: 'AIDABOB1234567890123' },
    });
    expect(await s.json('aws iam get-role --role-name WebRole')).toMatchObject({
      Role: { RoleId: 'AROAWEB1234567890123' },
    });
  });

  it('a user deleted and created again gets another id', async () => {
    const s = session();
    const before = (await s.json('aws iam get-user --user-name bob')) as {
      User: { UserId: string };
    };
    await s.setup(
      `aws iam update-assume-role-policy --role-name WebRole --policy-document ${doc({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/bob` },
            Action: 'sts:AssumeRole',
          },
        ],
      })}`,
      'aws iam delete-user --user-name bob',
      'aws iam create-user --user-name bob',
    );
    const after = (await s.json('aws iam get-user --user-name bob')) as {
      User: { UserId: string };
    };
    expect(after.User.UserId).not.toBe(before.User.UserId);
    // The trust policy now names the deleted bob's id ("AWS JSON policy elements: Principal").
    expect(
      (s.account.roles?.['WebRole']?.trust as { Statement: { Principal: unknown }[] }).Statement[0]
        ?.Principal,
    ).toEqual({ AWS: before.User.UserId });
  });
});

describe('one derivation of the ids for every partition (src/model/world/unique-ids.ts, entityUniqueId)', () => {
  it("an aws-cn request's user and role session carry the ids the console prints (aws:userid)", async () => {
    const s = session();
    const { User } = (await s.json('aws iam get-user --user-name bob')) as {
      User: { UserId: string };
    };
    const { Role } = (await s.json('aws iam get-role --role-name WebRole')) as {
      Role: { RoleId: string };
    };
    const world = s.scenario;
    const requests = [
      {
        principal: `arn:aws-cn:iam::${ACCOUNT}:user/bob`,
        action: 'iam:ListUsers',
        resource: '*',
      },
      {
        principal: `arn:aws-cn:sts::${ACCOUNT}:assumed-role/WebRole/s1`,
        action: 'iam:ListUsers',
        resource: '*',
      },
    ];
    const contexts = requests.map((r) => {
      const resolved = resolveRequest({ ...world, requests: [r] }, r, {
        catalog: new Map(),
        now: NOW,
      });
      if (!resolved.ok || !resolved.input) throw new Error('not resolved');
      return resolved.input.request.context ?? {};
    });
    expect(contexts[0]!['aws:userid']).toBe(User.UserId);
    expect(contexts[1]!['aws:userid']).toBe(`${Role.RoleId}:s1`);
    expect(identityUniqueId(world, ACCOUNT, 'roles', 'WebRole')).toBe(Role.RoleId);
  });
});
