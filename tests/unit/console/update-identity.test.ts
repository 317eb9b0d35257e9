/**
 * aws iam update-user and update-role (AWS CLI reference; IAM User Guide "Rename an IAM user";
 * IAM API Reference, UpdateRole): a rename or a new path keeps the user's unique id, groups,
 * policies and credentials, principals naming it follow and `Resource` elements do not; each
 * command is one step (one new world).
 */
import { describe, expect, it } from 'vitest';
import { createConsoleDeps } from '../../../src/console/deps';
import { runCommand } from '../../../src/console/index';
import type { Scenario } from '../../../src/model/index';
import { ACCOUNT, NOW, Session, doc, smallWorld } from './helpers';

const userArn = (rest: string) => `arn:aws:iam::${ACCOUNT}:user/${rest}`;

/** smallWorld with WebRole trusting alice, and alice's inline policy naming her own ARN as resource. */
function world(): Scenario {
  const w = smallWorld();
  const account = w.accounts![ACCOUNT]!;
  account.roles!['WebRole']!.trust = {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: userArn('alice') }, Action: 'sts:AssumeRole' },
    ],
  };
  account.users!['alice']!.inline = {
    self: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: userArn('alice') }],
    },
  };
  return w;
}

const userOf = async (s: Session, name: string) =>
  ((await s.json(`aws iam get-user --user-name ${name}`)) as { User: Record<string, unknown> })
    .User;

describe('aws iam update-user', () => {
  it('renames a user: same unique id, groups and policies stay, trust principals follow, Resource elements do not', async () => {
    const s = new Session(world());
    const before = await userOf(s, 'alice');
    await s.setup('aws iam update-user --user-name alice --new-user-name alicia');
    const after = await userOf(s, 'alicia');
    expect(after['UserId']).toBe(before['UserId']);
    expect(after['Arn']).toBe(userArn('alicia'));
    expect(s.account.users?.['alice']).toBeUndefined();
    expect(s.account.users?.['alicia']).toMatchObject({
      groups: ['developers'],
      policies: ['S3Read'],
    });
    const trust = s.account.roles?.['WebRole']?.trust as { Statement: { Principal: unknown }[] };
    expect(trust.Statement[0]?.Principal).toEqual({ AWS: userArn('alicia') });
    const inline = s.account.users?.['alicia']?.inline?.['self'] as {
      Statement: { Resource: unknown }[];
    };
    expect(inline.Statement[0]?.Resource).toBe(userArn('alice'));
    expect((await s.run('aws iam get-user --user-name alice')).output).toMatch(/NoSuchEntity/);
  });

  it('moves a user to a new path with the same unique id; the principals naming it follow', async () => {
    const s = new Session(world());
    const before = await userOf(s, 'alice');
    await s.setup('aws iam update-user --user-name alice --new-path /eng/');
    const after = await userOf(s, 'alice');
    expect(after).toMatchObject({ Path: '/eng/', Arn: userArn('eng/alice') });
    expect(after['UserId']).toBe(before['UserId']);
    const trust = s.account.roles?.['WebRole']?.trust as { Statement: { Principal: unknown }[] };
    expect(trust.Statement[0]?.Principal).toEqual({ AWS: userArn('eng/alice') });
    await s.setup('aws iam update-user --user-name alice --new-path /');
    expect(s.account.users?.['alice']?.path).toBeUndefined();
    expect((await userOf(s, 'alice'))['UserId']).toBe(before['UserId']);
  });

  it('a new name and a new path together are one new world (one undo step)', async () => {
    const w = world();
    const state = new Session(w).state;
    const result = await runCommand(
      'aws iam update-user --user-name alice --new-user-name alicia --new-path /eng/',
      w,
      state,
      { now: () => NOW },
    );
    expect(result.error).toBeUndefined();
    expect(result.scenario?.accounts?.[ACCOUNT]?.users?.['alicia']?.path).toBe('/eng/');
    expect(w.accounts?.[ACCOUNT]?.users?.['alice']).toBeDefined();
  });

  it('fails as AWS does: NoSuchEntity, EntityAlreadyExists (any case), ValidationError', async () => {
    const s = new Session(world());
    expect((await s.run('aws iam update-user --user-name carol --new-user-name c')).output).toMatch(
      /NoSuchEntity.*The user with name carol cannot be found/,
    );
    expect(
      (await s.run('aws iam update-user --user-name alice --new-user-name BOB')).output,
    ).toMatch(/EntityAlreadyExists.*User with name bob already exists/);
    expect((await s.run('aws iam update-user --user-name alice --new-path eng')).output).toMatch(
      /ValidationError.*path is invalid/,
    );
    expect(
      (await s.run("aws iam update-user --user-name alice --new-user-name 'a b'")).output,
    ).toMatch(/ValidationError.*newUserName/);
    expect(s.account.users?.['alice']).toBeDefined();
  });

  it("keeps the console's profile and the user's creation date with the renamed user", async () => {
    const s = new Session(world());
    await s.setup('aws iam create-user --user-name carol', 'export AWS_PROFILE=carol');
    await s.setup('aws iam update-user --user-name carol --new-user-name caroline');
    expect(await s.json('aws sts get-caller-identity')).toMatchObject({
      Arn: userArn('caroline'),
    });
    expect(s.state.created[userArn('caroline')]).toBe('2026-01-02T03:04:05+00:00');
    expect(s.state.created[userArn('carol')]).toBeUndefined();
  });

  it('needs iam:UpdateUser on the user as it is and as it will be', async () => {
    const w = world();
    w.accounts![ACCOUNT]!.users!['bob'] = {
      inline: {
        rename: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'iam:UpdateUser', Resource: userArn('alice') }],
        },
      },
    };
    const s = new Session(w, createConsoleDeps({ now: () => NOW }));
    await s.setup('export AWS_PROFILE=bob');
    const denied = await s.run('aws iam update-user --user-name alice --new-user-name alicia');
    expect(denied.output).toMatch(
      new RegExp(`AccessDenied.*iam:UpdateUser on resource: ${userArn('alicia')}`),
    );
    expect(s.account.users?.['alice']).toBeDefined();
  });
});

describe('aws iam update-role', () => {
  it('sets the role\'s maxSessionDuration (get-role shows it); left out, one hour is applied (IAM API Reference, UpdateRole: "If you do not specify a value for this setting, the default value of one hour is applied")', async () => {
    const s = new Session(world());
    await s.setup('aws iam update-role --role-name WebRole --max-session-duration 7200');
    expect(s.account.roles?.['WebRole']?.maxSessionDuration).toBe(7200);
    expect(await s.json('aws iam get-role --role-name WebRole')).toMatchObject({
      Role: { MaxSessionDuration: 7200 },
    });
    const result = await s.run("aws iam update-role --role-name WebRole --description 'web tier'");
    expect(result.error).toBeUndefined();
    expect(s.account.roles?.['WebRole']).not.toHaveProperty('maxSessionDuration');
    expect(await s.json('aws iam get-role --role-name WebRole')).toMatchObject({
      Role: { MaxSessionDuration: 3600 },
    });
    await s.setup('aws iam update-role --role-name WebRole --max-session-duration 7200');
    await s.setup('aws iam update-role --role-name WebRole --max-session-duration 3600');
    expect(s.account.roles?.['WebRole']).not.toHaveProperty('maxSessionDuration');
    // A role already at one hour: nothing to change, no undo step.
    expect(
      (await s.run("aws iam update-role --role-name WebRole --description 'web tier'")).scenario,
    ).toBeUndefined();
  });

  it('fails as AWS does: NoSuchEntity, ValidationError outside 3600–43200, UnmodifiableEntity', async () => {
    const s = new Session(world());
    expect(
      (await s.run('aws iam update-role --role-name Nope --max-session-duration 7200')).output,
    ).toMatch(/NoSuchEntity.*The role with name Nope cannot be found/);
    expect(
      (await s.run('aws iam update-role --role-name WebRole --max-session-duration 3599')).output,
    ).toMatch(/ValidationError.*greater than or equal to 3600/);
    expect(
      (await s.run('aws iam update-role --role-name WebRole --max-session-duration 43201')).output,
    ).toMatch(/ValidationError.*less than or equal to 43200/);
    expect(s.account.roles?.['WebRole']).not.toHaveProperty('maxSessionDuration');
    const w = world();
    w.accounts![ACCOUNT]!.roles!['AWSServiceRoleForSupport'] = {
      path: '/aws-service-role/support.amazonaws.com/',
      trust: {},
    };
    const t = new Session(w);
    expect(
      (
        await t.run(
          'aws iam update-role --role-name AWSServiceRoleForSupport --max-session-duration 7200',
        )
      ).output,
    ).toMatch(/UnmodifiableEntity/);
  });

  it('takes a description of up to 1000 characters', async () => {
    const s = new Session(world());
    const long = 'x'.repeat(1001);
    expect(
      (await s.run(`aws iam update-role --role-name WebRole --description ${long}`)).output,
    ).toMatch(/ValidationError.*description/);
  });
});
