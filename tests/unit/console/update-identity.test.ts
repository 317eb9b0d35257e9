/**
 * aws iam update-user (IAM API Reference, UpdateUser: NewUserName, NewPath) and update-role
 * (UpdateRole: MaxSessionDuration, Description). A user renamed or moved keeps its unique id
 * ("IAM identifiers"); its group memberships and the principals that named it follow.
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNT, Session, doc } from './helpers';

const userId = async (s: Session, name: string) =>
  ((await s.json(`aws iam get-user --user-name ${name}`)) as { User: { UserId: string } }).User
    .UserId;

describe('aws iam update-user', () => {
  it('renames a user: same unique id, the group and a trust policy follow, one world edit', async () => {
    const s = new Session();
    await s.setup(
      `aws iam create-role --role-name Deploy --assume-role-policy-document ${doc({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/alice` },
            Action: 'sts:AssumeRole',
          },
        ],
      })}`,
    );
    const id = await userId(s, 'alice');
    await s.setup('aws iam update-user --user-name alice --new-user-name alicia');
    expect(s.account.users?.['alice']).toBeUndefined();
    expect(await userId(s, 'alicia')).toBe(id);
    const group = (await s.json('aws iam get-group --group-name developers')) as {
      Users: { UserName: string }[];
    };
    expect(group.Users.map((u) => u.UserName)).toEqual(['alicia']);
    expect(JSON.stringify(s.account.roles?.['Deploy']?.trust)).toContain(
      `arn:aws:iam::${ACCOUNT}:user/alicia`,
    );
  });

  it('moves a user to a new path: same id, its ARN has the path', async () => {
    const s = new Session();
    const id = await userId(s, 'bob');
    await s.setup('aws iam update-user --user-name bob --new-path /engineering/');
    const user = (
      (await s.json('aws iam get-user --user-name bob')) as {
        User: { UserId: string; Path: string; Arn: string };
      }
    ).User;
    expect(user).toMatchObject({
      UserId: id,
      Path: '/engineering/',
      Arn: `arn:aws:iam::${ACCOUNT}:user/engineering/bob`,
    });
    await s.setup('aws iam update-user --user-name bob --new-path /');
    expect(s.account.users?.['bob']?.path).toBeUndefined();
  });

  it('refuses as AWS does: unknown user, name taken (ignoring case), bad name or path', async () => {
    const s = new Session();
    const output = async (line: string) => (await s.run(line)).output;
    expect(await output('aws iam update-user --user-name nobody --new-user-name x')).toMatch(
      /NoSuchEntity/,
    );
    expect(await output('aws iam update-user --user-name alice --new-user-name BOB')).toMatch(
      /EntityAlreadyExists.*User with name BOB already exists/,
    );
    expect(await output("aws iam update-user --user-name alice --new-user-name 'a b'")).toMatch(
      /ValidationError.*newUserName/,
    );
    expect(await output('aws iam update-user --user-name alice --new-path engineering')).toMatch(
      /ValidationError.*path/,
    );
    expect(s.account.users?.['alice']).toBeDefined();
  });

  it('renaming only the case of the name is allowed', async () => {
    const s = new Session();
    await s.setup('aws iam update-user --user-name alice --new-user-name Alice');
    expect(Object.keys(s.account.users ?? {})).toContain('Alice');
  });
});

describe('aws iam update-role', () => {
  it("sets the role's maximum session duration, accepts a description, refuses 60 s", async () => {
    const s = new Session();
    await s.setup(
      "aws iam update-role --role-name WebRole --max-session-duration 7200 --description 'web tier'",
    );
    expect(s.account.roles?.['WebRole']?.maxSessionDuration).toBe(7200);
    expect(
      (await s.run('aws iam update-role --role-name WebRole --max-session-duration 60')).output,
    ).toMatch(/ValidationError.*greater than or equal to 3600/);
    expect((await s.run('aws iam update-role --role-name Nope --description x')).output).toMatch(
      /NoSuchEntity/,
    );
  });
});
