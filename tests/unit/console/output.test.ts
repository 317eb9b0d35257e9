import { describe, expect, it } from 'vitest';
import {
  applyQuery,
  formatTable,
  formatText,
  quoteLegacyLiterals,
} from '../../../src/console/output';
import { Session } from './helpers';

describe('--query', () => {
  it.each([
    ['picks a list of names', 'aws iam list-users --query Users[].UserName', ['alice', 'bob']],
    [
      'filters with a JMESPath expression',
      `aws iam list-users --query "Users[?UserName=='bob'].Arn | [0]"`,
      'arn:aws:iam::111122223333:user/bob',
    ],
    [
      'projects into new objects',
      `aws iam list-roles --query 'Roles[].{name: RoleName, trusts: AssumeRolePolicyDocument.Statement[0].Principal.Service}'`,
      [{ name: 'WebRole', trusts: 'ec2.amazonaws.com' }],
    ],
    ['counts with a function', 'aws iam list-users --query length(Users)', 2],
    ['stands anywhere on the line', 'aws iam --query Users[0].UserName list-users', 'alice'],
  ])('%s', async (_, line, expected) => {
    expect(await new Session().json(line)).toEqual(expected);
  });

  it('reports a bad expression', async () => {
    const result = await new Session().run(`aws iam list-users --query 'Users[?'`);
    expect(result.output).toMatch(/^Bad value for --query Users\[\?: /);
  });
});

describe('--output text', () => {
  it.each([
    [
      'a list of users: one line per user, scalars sorted by key, named by the list',
      'aws iam list-users --output text',
      [
        'USERS\tarn:aws:iam::111122223333:user/alice\t2026-01-02T03:04:05+00:00\t/\tAIDA',
        'USERS\tarn:aws:iam::111122223333:user/bob\t2026-01-02T03:04:05+00:00\t/\tAIDA',
      ],
    ],
    [
      'a queried list of strings: tab-separated',
      'aws iam list-users --query Users[].UserName --output text',
      ['alice\tbob'],
    ],
    [
      'a queried string: the bare value',
      'aws iam get-user --user-name bob --query User.Arn --output text',
      ['arn:aws:iam::111122223333:user/bob'],
    ],
  ])('prints %s', async (_, line, starts) => {
    const lines = (await new Session().run(line)).output.split('\n');
    expect(lines).toHaveLength(starts.length);
    lines.forEach((l, i) => expect(l.startsWith(starts[i]!)).toBe(true));
  });

  it('follows the AWS CLI for nested objects and lists', () => {
    expect(formatText({ Tags: [{ Key: 'a', Value: 'b' }], Ok: true, N: 2, Nothing: null })).toBe(
      '2\tNone\tTrue\nTAGS\ta\tb\n',
    );
    expect(formatText({ PolicyNames: ['p1', 'p2'] })).toBe('POLICYNAMES\tp1\nPOLICYNAMES\tp2\n');
    expect(formatText([])).toBe('');
  });
});

describe('--output table', () => {
  it('draws the response in boxes titled by the operation and the keys', () => {
    expect(
      formatTable({ Account: '123456789012', UserId: 'AIDAEXAMPLE' }, 'GetCallerIdentity').split(
        '\n',
      ),
    ).toEqual([
      '----------------------------------',
      '|       GetCallerIdentity        |',
      '+----------------+---------------+',
      '|    Account     |    UserId     |',
      '+----------------+---------------+',
      '|  123456789012  |  AIDAEXAMPLE  |',
      '+----------------+---------------+',
    ]);
  });

  it('nests a list of objects inside its parent box', async () => {
    const lines = (await new Session().run('aws iam list-groups --output table')).output.split(
      '\n',
    );
    expect(lines[1]).toMatch(/^\|\s+ListGroups\s+\|$/);
    expect(lines[3]).toMatch(/^\|\|\s+Groups\s+\|\|$/);
    expect(lines.some((l) => /^\|\|.*GroupName.*\|\|$/.test(l))).toBe(true);
    expect(lines.some((l) => /^\|\|.*developers.*\|\|$/.test(l))).toBe(true);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  it('refuses an unknown output format', async () => {
    expect((await new Session().run('aws iam list-users --output yaml')).error?.code).toBe(
      'UsageError',
    );
  });
});

describe('json output', () => {
  it('indents by four spaces as the AWS CLI does, and prints nothing for an empty response', async () => {
    const session = new Session();
    expect((await session.run('aws iam list-account-aliases')).output).toBe(
      '{\n    "AccountAliases": [\n        "dev"\n    ]\n}',
    );
    expect(
      (await session.run('aws iam create-group --group-name g1 --query Group.GroupName')).output,
    ).toBe('"g1"');
    expect((await session.run('aws iam delete-group --group-name g1')).output).toBe('');
  });
});

describe('legacy JMESPath literals, as the AWS CLI accepts them', () => {
  it.each([
    [
      'Policies[?PolicyName==`ReadOnlyAccess`].Arn',
      'Policies[?PolicyName==`"ReadOnlyAccess"`].Arn',
    ],
    ['Users[?UserName==`"alice"`]', 'Users[?UserName==`"alice"`]'],
    ['Roles[?MaxSessionDuration>`3600`]', 'Roles[?MaxSessionDuration>`3600`]'],
    ['[`true`, `[1,2]`]', '[`true`, `[1,2]`]'],
  ])('quotes %s as %s', (query, quoted) => {
    expect(quoteLegacyLiterals(query)).toBe(quoted);
  });

  it('answers a query written as in AWS documentation', () => {
    const response = {
      Policies: [{ PolicyName: 'ReadOnlyAccess', Arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
    };
    expect(applyQuery(response, 'Policies[?PolicyName==`ReadOnlyAccess`].Arn')).toEqual({
      value: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    });
  });
});
