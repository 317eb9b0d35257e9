import { describe, expect, it } from 'vitest';
import { createConsoleDeps } from '../../../src/console/deps';
import type { Scenario } from '../../../src/model/index';
import { NOW, Session, emptyWorld } from './helpers';

const A = '111122223333';
const B = '444455556666';

const IAM_ADMIN = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }],
};
const ASSUME_ANY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }],
};
const trustUser = (user: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${A}:user/${user}` },
      Action: 'sts:AssumeRole',
    },
  ],
});

/** alice may assume Admin (which may do iam:*) and ReadOnly (which may only read users). */
function world(): Scenario {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: {
      [A]: {
        policies: { AssumeAny: ASSUME_ANY, IamAdmin: IAM_ADMIN },
        users: { alice: { policies: ['AssumeAny'] }, bob: {} },
        roles: {
          Admin: { trust: trustUser('alice'), policies: ['IamAdmin'] },
          ReadOnly: {
            trust: trustUser('alice'),
            inline: {
              read: {
                Version: '2012-10-17',
                Statement: [
                  { Effect: 'Allow', Action: ['iam:GetUser', 'iam:ListUsers'], Resource: '*' },
                ],
              },
            },
          },
          Locked: { trust: trustUser('bob') },
        },
      },
      [B]: { users: { carol: {} } },
    },
  };
}

const session = () => new Session(world(), createConsoleDeps({ now: () => NOW }));

describe('aws sts get-caller-identity', () => {
  it.each([
    [
      'the root user of the first account by default',
      [],
      { UserId: A, Account: A, Arn: `arn:aws:iam::${A}:root` },
    ],
    [
      'an IAM user after export AWS_PROFILE=NAME',
      ['export AWS_PROFILE=alice'],
      { UserId: expect.stringMatching(/^AIDA/), Account: A, Arn: `arn:aws:iam::${A}:user/alice` },
    ],
    [
      'the root user of another account after export AWS_PROFILE=ACCOUNT',
      [`export AWS_PROFILE=${B}`],
      { UserId: B, Account: B, Arn: `arn:aws:iam::${B}:root` },
    ],
    [
      'the role session after assume-role',
      [
        'export AWS_PROFILE=alice',
        `aws sts assume-role --role-arn arn:aws:iam::${A}:role/Admin --role-session-name learn`,
      ],
      {
        UserId: expect.stringMatching(/^AROA[A-Z2-7]{17}:learn$/),
        Account: A,
        Arn: `arn:aws:sts::${A}:assumed-role/Admin/learn`,
      },
    ],
  ])('shows %s', async (_, setup, expected) => {
    expect(await (await session().setup(...setup)).json('aws sts get-caller-identity')).toEqual(
      expected,
    );
  });

  it('uses 123456789012 in a world without accounts', async () => {
    expect(await new Session(emptyWorld()).json('aws sts get-caller-identity')).toEqual({
      UserId: '123456789012',
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:root',
    });
  });
});

describe('aws sts assume-role', () => {
  it('answers with AWS shape and no real secret, and the console continues as the session', async () => {
    const s = await session().setup('export AWS_PROFILE=alice');
    const out = await s.json(
      `aws sts assume-role --role-arn arn:aws:iam::${A}:role/Admin --role-session-name learn`,
    );
    expect(out).toEqual({
      Credentials: {
        AccessKeyId: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/),
        SecretAccessKey: expect.stringContaining('not-a-secret'),
        SessionToken: expect.stringContaining('not-a-secret'),
        Expiration: '2026-01-02T04:04:05+00:00',
      },
      AssumedRoleUser: {
        AssumedRoleId: expect.stringMatching(/:learn$/),
        Arn: `arn:aws:sts::${A}:assumed-role/Admin/learn`,
      },
    });
    expect(s.last.scenario).toBeUndefined();
    expect(s.state.sessions.map((x) => x.arn)).toEqual([
      `arn:aws:sts::${A}:assumed-role/Admin/learn`,
    ]);
    await s.setup('aws iam create-user --user-name dave'); // Admin may
    expect(s.account.users?.['dave']).toEqual({});
  });

  it('exit leaves the session and the next command runs as the caller before it', async () => {
    const s = await session().setup(
      'export AWS_PROFILE=alice',
      `aws sts assume-role --role-arn arn:aws:iam::${A}:role/Admin --role-session-name learn`,
    );
    expect((await s.run('exit')).output).toBe(
      `Left the session arn:aws:sts::${A}:assumed-role/Admin/learn; now arn:aws:iam::${A}:user/alice.`,
    );
    expect((await s.run('aws iam create-user --user-name dave')).error?.code).toBe('AccessDenied');
  });

  it.each([
    ['the root user', [], 'Admin', 'Roles may not be assumed by root accounts.'],
    [
      'a user the trust policy does not name',
      ['export AWS_PROFILE=bob'],
      'Admin',
      expect.stringMatching(
        new RegExp(
          `^User: arn:aws:iam::${A}:user/bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${A}:role/Admin\\. .+`,
        ),
      ),
    ],
    [
      'a role that does not exist',
      ['export AWS_PROFILE=alice'],
      'Nope',
      `User: arn:aws:iam::${A}:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${A}:role/Nope. No role with this ARN exists in the world.`,
    ],
  ])('denies %s with AccessDenied', async (_, setup, role, message) => {
    const s = await session().setup(...setup);
    const result = await s.run(
      `aws sts assume-role --role-arn arn:aws:iam::${A}:role/${role} --role-session-name x1`,
    );
    expect(result.error).toEqual({ code: 'AccessDenied', message });
    expect(s.state.sessions).toEqual([]);
  });
});

describe('assume-role across accounts', () => {
  it('needs both the trust policy and the caller identity policy, then acts in the role account', async () => {
    const w = world();
    w.accounts![B]!.policies = { IamAdmin: IAM_ADMIN };
    // The trust policy trusts account A as a whole: A's identity policies must allow too.
    const trustA = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' },
      ],
    };
    w.accounts![B]!.roles = { Deployer: { trust: trustA, policies: ['IamAdmin'] } };
    const s = new Session(w, createConsoleDeps({ now: () => NOW }));
    // bob's identity policies allow nothing, so bob may not; alice's AssumeAny lets her.
    await s.setup('export AWS_PROFILE=bob');
    expect(
      (
        await s.run(
          `aws sts assume-role --role-arn arn:aws:iam::${B}:role/Deployer --role-session-name x1`,
        )
      ).error?.code,
    ).toBe('AccessDenied');
    await s.setup('export AWS_PROFILE=alice');
    await s.setup(
      `aws sts assume-role --role-arn arn:aws:iam::${B}:role/Deployer --role-session-name x1`,
    );
    expect(await s.json('aws sts get-caller-identity')).toMatchObject({ Account: B });
    await s.setup('aws iam create-user --user-name dave');
    expect(s.scenario.accounts?.[B]?.users?.['dave']).toEqual({});
    expect(s.scenario.accounts?.[A]?.users?.['dave']).toBeUndefined();
  });
});

describe('permission checks after assume-role', () => {
  it('denies a command the session may not run, with the action, resource and the engine reason', async () => {
    const s = await session().setup(
      'export AWS_PROFILE=alice',
      `aws sts assume-role --role-arn arn:aws:iam::${A}:role/ReadOnly --role-session-name ro`,
    );
    expect((await s.run('aws iam list-users')).error).toBeUndefined();
    const result = await s.run('aws iam create-user --user-name eve');
    expect(result.error?.code).toBe('AccessDenied');
    expect(result.error?.message).toMatch(
      new RegExp(
        `^User: arn:aws:sts::${A}:assumed-role/ReadOnly/ro is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${A}:user/eve because no policy allows the iam:CreateUser action\\. .+`,
      ),
    );
    expect(result.scenario).toBeUndefined();
    expect(result.output).toMatch(
      /^An error occurred \(AccessDenied\) when calling the CreateUser operation: User: /,
    );
  });

  it('reports an explicit deny as such', async () => {
    const w = world();
    w.accounts![A]!.roles!['Admin']!.inline = {
      noDelete: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*' }],
      },
    };
    const s = await new Session(w, createConsoleDeps({ now: () => NOW })).setup(
      'export AWS_PROFILE=alice',
      `aws sts assume-role --role-arn arn:aws:iam::${A}:role/Admin --role-session-name s1`,
    );
    expect((await s.run('aws iam delete-user --user-name bob')).error?.message).toContain(
      'with an explicit deny in a policy',
    );
  });

  it('limits a session by the session policy passed with --policy', async () => {
    const readOnly = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:List*', Resource: '*' }],
    });
    const s = await session().setup(
      'export AWS_PROFILE=alice',
      `aws sts assume-role --role-arn arn:aws:iam::${A}:role/Admin --role-session-name s1 --policy '${readOnly}'`,
    );
    expect((await s.run('aws iam list-users')).error).toBeUndefined();
    expect((await s.run('aws iam create-user --user-name eve')).error?.code).toBe('AccessDenied');
  });

  it.each([
    ['a one-letter session name', 'x', 'Member must have length greater than or equal to 2'],
    [
      'a session name with a blank',
      "'a b'",
      'Member must satisfy regular expression pattern: [\\w+=,.@-]*',
    ],
  ])('refuses %s', async (_, name, detail) => {
    const result = await (
      await session().setup('export AWS_PROFILE=alice')
    ).run(
      `aws sts assume-role --role-arn arn:aws:iam::${A}:role/Admin --role-session-name ${name}`,
    );
    expect(result.error?.code).toBe('ValidationError');
    expect(result.error?.message).toContain(detail);
  });

  it('lets get-caller-identity through whatever the policies say', async () => {
    const s = await session().setup('export AWS_PROFILE=bob');
    expect((await s.run('aws sts get-caller-identity')).error).toBeUndefined();
  });

  it('refuses to switch profiles inside a session, and unknown profiles', async () => {
    const s = await session().setup(
      'export AWS_PROFILE=alice',
      `aws sts assume-role --role-arn arn:aws:iam::${A}:role/Admin --role-session-name s1`,
    );
    expect((await s.run(`export AWS_PROFILE=${B}`)).error?.code).toBe('ShellError');
    expect((await session().run('export AWS_PROFILE=nobody')).error).toEqual({
      code: 'ShellError',
      message: `The config profile (nobody) could not be found: a profile is an account id or a user of ${A}.`,
    });
  });
});

describe('assume-role with session tags and a source identity ("Pass session tags in AWS STS")', () => {
  /** alice may assume Tagged (trust: TagSession only for team=blue) which may create users only when its session says team=blue; Tagged may assume Next. */
  function tagWorld(): Scenario {
    const w = world();
    const a = w.accounts![A]!;
    a.users!['alice'] = {
      tags: { team: 'blue' },
      inline: {
        sts: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
              Resource: '*',
            },
          ],
        },
      },
    };
    const trust = (principal: string) => ({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: principal },
          Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'],
        },
        {
          Effect: 'Allow',
          Principal: { AWS: principal },
          Action: 'sts:TagSession',
          Condition: { StringEquals: { 'aws:RequestTag/team': 'blue' } },
        },
      ],
    });
    const byTeam = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['iam:CreateUser', 'sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:TagSession'],
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
        },
      ],
    };
    a.roles!['Tagged'] = {
      tags: { team: 'none' },
      trust: trust(`arn:aws:iam::${A}:user/alice`),
      inline: { byTeam },
    };
    a.roles!['Next'] = { trust: trust(`arn:aws:iam::${A}:role/Tagged`), inline: { byTeam } };
    return w;
  }
  const assume = (role: string, extra = '') =>
    `aws sts assume-role --role-arn arn:aws:iam::${A}:role/${role} --role-session-name s1 ${extra}`;

  it('a session tag overrides the role tag; passing one needs sts:TagSession, decided with aws:RequestTag', async () => {
    const s = new Session(tagWorld(), createConsoleDeps({ now: () => NOW }));
    await s.setup('export AWS_PROFILE=alice');
    const red = await s.run(assume('Tagged', '--tags Key=team,Value=red'));
    expect(red.error?.code).toBe('AccessDenied');
    expect(red.error?.message).toContain('sts:TagSession');
    await s.setup(assume('Tagged'));
    expect((await s.run('aws iam create-user --user-name u1')).error?.code).toBe('AccessDenied');
    await s.setup('exit', assume('Tagged', '--tags Key=team,Value=blue'));
    await s.setup('aws iam create-user --user-name u2');
    expect(s.account.users?.['u2']).toEqual({});
  });

  it('refuses more than 50 session tags and over-long keys or values as AWS STS does (AWS STS API Reference, Tag: up to 50 session tags, keys 1 to 128 characters, values at most 256)', async () => {
    const s = new Session(tagWorld(), createConsoleDeps({ now: () => NOW }));
    await s.setup('export AWS_PROFILE=alice');
    const tags = (n: number) =>
      '--tags ' + Array.from({ length: n }, (_, i) => `Key=k${i},Value=v`).join(' ');
    expect((await s.run(assume('Tagged', tags(51)))).error).toEqual({
      code: 'ValidationError',
      message:
        "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
    });
    const long = 'k'.repeat(129);
    expect(
      (await s.run(assume('Tagged', `--tags Key=team,Value=blue Key=${long},Value=v`))).error,
    ).toEqual({
      code: 'ValidationError',
      message: `1 validation error detected: Value '${long}' at 'tags.2.member.key' failed to satisfy constraint: Member must have length less than or equal to 128`,
    });
    const value = 'v'.repeat(257);
    expect(
      (await s.run(assume('Tagged', `--tags Key=team,Value=${value}`))).error?.message,
    ).toContain(
      "at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256",
    );
    expect((await s.run(`aws sts get-federation-token --name fed ${tags(51)}`)).error?.code).toBe(
      'ValidationError',
    );
    // 50 is allowed: the call goes on to the policies (the trust policy's TagSession condition).
    expect((await s.run(assume('Tagged', tags(50)))).error?.code).toBe('AccessDenied');
  });

  it('transitive tags and the source identity carry through role chaining, which allows one hour', async () => {
    const s = new Session(tagWorld(), createConsoleDeps({ now: () => NOW }));
    await s.setup(
      'export AWS_PROFILE=alice',
      assume(
        'Tagged',
        '--tags Key=team,Value=blue --transitive-tag-keys team --source-identity alice',
      ),
    );
    expect((await s.run(assume('Next', '--duration-seconds 7200'))).error?.message).toMatch(
      /1 hour session limit/,
    );
    expect((await s.run(assume('Next', '--tags Key=Team,Value=blue'))).error?.code).toBe(
      'InvalidParameterValue',
    );
    expect((await s.run(assume('Next', '--source-identity bob'))).error?.message).toMatch(
      /cannot be changed/,
    );
    await s.setup(assume('Next', '--duration-seconds 3600'));
    expect(s.state.sessions.at(-1)).toMatchObject({
      tags: { team: 'blue' },
      sourceIdentity: 'alice',
    });
    await s.setup('aws iam create-user --user-name u3');
    expect(s.account.users?.['u3']).toEqual({});
  });
});
