import { describe, expect, it } from 'vitest';
import { parseStructure } from '../../../src/console/args';
import { COMMANDS } from '../../../src/console/index';
import { resolveDocumentFile } from '../../../src/console/documents';
import { ACCOUNT, EC2_TRUST, S3_READ, Session, smallWorld } from './helpers';

const BANNER = 'usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]';

describe('usage errors, as the AWS CLI words them', () => {
  it.each([
    [
      'a missing required option',
      'aws iam create-user',
      'aws: error: the following arguments are required: --user-name',
    ],
    [
      'several missing options',
      'aws iam attach-user-policy',
      'aws: error: the following arguments are required: --user-name, --policy-arn',
    ],
    [
      'an unknown option',
      'aws iam list-users --colour red',
      'aws: error: Unknown options: --colour, red',
    ],
    [
      'an option without its value',
      'aws iam get-user --user-name',
      'aws: error: argument --user-name: expected one argument',
    ],
    [
      'an unknown service',
      'aws s4 ls',
      expect.stringContaining('aws: error: argument command: Invalid choice, valid choices are:'),
    ],
    [
      'an unknown command',
      'aws iam create-usr --user-name x',
      expect.stringContaining('aws: error: argument operation: Invalid choice, valid choices are:'),
    ],
    [
      'a non-integer',
      `aws iam create-role --role-name R --assume-role-policy-document file://trust/WebRole --max-session-duration long`,
      "aws: error: argument --max-session-duration: invalid int value: 'long'",
    ],
  ])('%s', async (_, line, message) => {
    const result = await new Session().run(line);
    expect(result.error).toEqual({ code: 'UsageError', message });
    expect(result.output.startsWith(BANNER)).toBe(true);
  });

  it('accepts --option=value', async () => {
    expect(await new Session().json('aws iam get-user --user-name=bob --query=User.UserName')).toBe(
      'bob',
    );
  });

  it('ignores --region and --no-cli-pager, which change nothing here', async () => {
    expect(
      await new Session().json(
        'aws iam get-user --user-name bob --region eu-west-1 --no-cli-pager --query User.UserName',
      ),
    ).toBe('bob');
  });
});

describe('the shell around aws', () => {
  it.each([
    ['an empty line', '', ''],
    ['a comment', '# just a note', ''],
  ])('does nothing for %s', async (_, line, output) => {
    const result = await new Session().run(line);
    expect(result).toMatchObject({ output });
    expect(result.error).toBeUndefined();
  });

  it('refuses other programs', async () => {
    expect((await new Session().run('ls -l')).error).toEqual({
      code: 'ShellError',
      message: 'ls: command not found (try `help`)',
    });
  });

  it('refuses an unterminated quote', async () => {
    expect((await new Session().run(`aws iam get-user --user-name 'bob`)).error).toEqual({
      code: 'ShellError',
      message: 'syntax error: unterminated single quote',
    });
  });

  it('keeps variables, with and without command substitution', async () => {
    const session = await new Session().setup(
      'NAME=bob',
      'ARN=$(aws iam get-user --user-name $NAME --query User.Arn --output text)',
    );
    expect(session.state.variables).toEqual({
      NAME: 'bob',
      ARN: `arn:aws:iam::${ACCOUNT}:user/bob`,
    });
    expect(await session.json('aws iam get-user --user-name "$NAME" --query User.Arn')).toBe(
      session.state.variables['ARN'],
    );
  });

  it('lets a substituted command change the world', async () => {
    const session = await new Session().setup(
      'ID=$(aws iam create-group --group-name ops --query Group.GroupId --output text)',
    );
    expect(session.account.groups?.['ops']).toEqual({});
    expect(session.state.variables['ID']).toMatch(/^AGPA/);
  });

  it('stops an assignment whose command fails', async () => {
    const session = new Session();
    expect((await session.run('X=$(aws iam get-user --user-name nobody)')).error?.code).toBe(
      'NoSuchEntity',
    );
    expect(session.state.variables).toEqual({});
  });
});

describe('file://NAME', () => {
  const world = smallWorld();
  world.accounts![ACCOUNT]!.users!['bob']!.inline = { BobExtra: S3_READ };
  world.organization = {
    id: 'o-abcdefghij',
    managementAccount: ACCOUNT,
    policies: { DenyAll: S3_READ },
    root: {},
  };

  it.each([
    ['a customer managed policy', 'S3Read', S3_READ],
    ['a name with .json', 'S3Read.json', S3_READ],
    ['an SCP or RCP', 'DenyAll', S3_READ],
    ['an inline policy', 'BobExtra', S3_READ],
    ["a role's trust policy", 'trust/WebRole', EC2_TRUST],
  ])('names %s', (_, name, expected) => {
    expect(JSON.parse(resolveDocumentFile(world, ACCOUNT, name)!)).toEqual(expected);
  });

  it('names nothing else', () => {
    expect(resolveDocumentFile(world, ACCOUNT, 'alice')).toBeUndefined();
    expect(resolveDocumentFile(world, '999999999999', 'S3Read')).toBeUndefined();
  });
});

describe('AWS shorthand', () => {
  it.each([
    ['key=value pairs', 'Key=team,Value=web', { Key: 'team', Value: 'web' }],
    [
      'a bracketed list',
      'ContextKeyName=k,ContextKeyValues=[a,b],ContextKeyType=stringList',
      { ContextKeyName: 'k', ContextKeyValues: ['a', 'b'], ContextKeyType: 'stringList' },
    ],
    ['values after a comma continuing a list', 'Values=a,b,c', { Values: ['a', 'b', 'c'] }],
    ['JSON', '{"Key":"a","Value":"b"}', { Key: 'a', Value: 'b' }],
  ])('reads %s', (_, text, value) => {
    expect(parseStructure(text)).toEqual({ value });
  });

  it('reports a word that is not shorthand', () => {
    expect(parseStructure('team')).toEqual({
      error: "Expected: '=', received: 'EOF' for input:\nteam",
    });
  });

  it('reports bad shorthand as a parameter error', async () => {
    expect(
      (await new Session().run('aws iam tag-user --user-name bob --tags team')).error?.code,
    ).toBe('ParamValidation');
  });
});

describe('help', () => {
  it('lists the services and the console words', async () => {
    const output = (await new Session().run('help')).output;
    for (const word of [
      'aws iam',
      'aws sts',
      'aws organizations',
      'exit',
      'AWS_PROFILE',
      'file://NAME',
    ])
      expect(output).toContain(word);
  });

  it.each(['iam', 'sts', 'organizations'])(
    'aws %s help lists every command of the service',
    async (service) => {
      const output = (await new Session().run(`aws ${service} help`)).output;
      for (const command of COMMANDS.filter((c) => c.service === service))
        expect(output).toContain(`o ${command.name}`);
    },
  );

  it('aws iam create-user help shows synopsis and options from the command table', async () => {
    const output = (await new Session().run('aws iam create-user help')).output;
    expect(output).toContain('--user-name <value>');
    expect(output).toContain('[--path <value>]');
    expect(output).toContain('The caller needs iam:CreateUser.');
  });

  it('has every command of the issue', () => {
    const names = new Set(COMMANDS.map((c) => `${c.service} ${c.name}`));
    const wanted = [
      'iam create-user',
      'iam get-user',
      'iam list-users',
      'iam delete-user',
      'iam create-group',
      'iam get-group',
      'iam list-groups',
      'iam delete-group',
      'iam add-user-to-group',
      'iam remove-user-from-group',
      'iam list-groups-for-user',
      'iam create-role',
      'iam get-role',
      'iam list-roles',
      'iam delete-role',
      'iam update-assume-role-policy',
      'iam create-policy',
      'iam get-policy',
      'iam get-policy-version',
      'iam list-policies',
      'iam delete-policy',
      ...['user', 'group', 'role'].flatMap((k) => [
        `iam attach-${k}-policy`,
        `iam detach-${k}-policy`,
        `iam list-attached-${k}-policies`,
        `iam put-${k}-policy`,
        `iam get-${k}-policy`,
        `iam delete-${k}-policy`,
        `iam list-${k}-policies`,
      ]),
      'iam put-user-permissions-boundary',
      'iam delete-user-permissions-boundary',
      'iam put-role-permissions-boundary',
      'iam delete-role-permissions-boundary',
      'iam create-instance-profile',
      'iam add-role-to-instance-profile',
      'iam remove-role-from-instance-profile',
      'iam list-instance-profiles',
      'iam delete-instance-profile',
      'iam tag-user',
      'iam tag-role',
      'iam create-access-key',
      'iam list-access-keys',
      'iam update-access-key',
      'iam delete-access-key',
      'iam simulate-principal-policy',
      'iam simulate-custom-policy',
      'sts get-caller-identity',
      'sts assume-role',
      'organizations create-organizational-unit',
      'organizations create-policy',
      'organizations attach-policy',
      'organizations detach-policy',
      'organizations list-policies-for-target',
    ];
    expect(wanted.filter((w) => !names.has(w))).toEqual([]);
  });

  it('gives every command that a caller may be denied an IAM action', () => {
    const free = COMMANDS.filter((c) => !c.action).map((c) => `${c.service} ${c.name}`);
    // GetSessionToken: "Permissions for GetSessionToken" (no permission needed, policies cannot control it).
    // assume-role and get-federation-token decide their own actions (with sts:TagSession...).
    expect(free).toEqual([
      'sts get-caller-identity',
      'sts assume-role',
      'sts get-session-token',
      'sts get-federation-token',
    ]);
  });
});

describe('a world typed by hand that does not have the format shapes', () => {
  it('fails the command with InvalidScenario instead of breaking the console', async () => {
    const world = smallWorld();
    // A number where the format has a list of group names.
    (world.accounts![ACCOUNT]!.users!['bob'] as unknown as { groups: unknown }).groups = 42;
    const session = new Session(world);
    const result = await session.run(
      'aws iam add-user-to-group --group-name developers --user-name bob',
    );
    expect(result.error?.code).toBe('InvalidScenario');
    expect(result.output).toMatch(
      /^An error occurred \(InvalidScenario\) when calling the AddUserToGroup operation: The world could not be read/,
    );
    expect((await session.run('aws iam list-users')).error).toBeUndefined();
  });
});

describe('--profile, echo and unset', () => {
  it('runs one command as another profile and keeps the console caller', async () => {
    const session = new Session();
    expect(await session.json('aws sts get-caller-identity --profile bob --query Arn')).toBe(
      `arn:aws:iam::${ACCOUNT}:user/bob`,
    );
    expect(await session.json('aws sts get-caller-identity --query Arn')).toBe(
      `arn:aws:iam::${ACCOUNT}:root`,
    );
    expect(
      await session.json('aws --profile=999999999999 sts get-caller-identity --query Account'),
    ).toBe('999999999999');
    expect((await session.run('aws sts get-caller-identity --profile nobody')).error?.code).toBe(
      'ShellError',
    );
    expect((await session.run('aws sts get-caller-identity --profile')).error?.code).toBe(
      'UsageError',
    );
  });

  it('keeps what the command changed', async () => {
    const session = new Session();
    await session.setup('aws iam create-access-key --profile bob');
    expect(session.scenario.accounts?.['111122223333']?.users?.['bob']?.accessKeys).toHaveLength(1);
    expect(session.state.user).toBeUndefined();
  });

  it('unset AWS_PROFILE returns to the root user', async () => {
    const session = await new Session().setup('export AWS_PROFILE=bob', 'unset AWS_PROFILE');
    expect(await session.json('aws sts get-caller-identity --query Arn')).toBe(
      `arn:aws:iam::${ACCOUNT}:root`,
    );
  });

  it('echoes words and unsets variables', async () => {
    const session = await new Session().setup('ROLE=WebRole');
    expect((await session.run('echo role: $ROLE')).output).toBe('role: WebRole');
    await session.setup('unset ROLE');
    expect(session.state.variables).toEqual({});
  });
});
