import { describe, expect, it } from 'vitest';
import { complete, completeAt, createConsoleState } from '../../../src/console/index';
import type { ConsoleState } from '../../../src/console/index';
import type { Scenario } from '../../../src/model/index';
import { NOW, Session, smallWorld } from './helpers';

const world = smallWorld();
const state = createConsoleState(world, NOW);
const at = (line: string, scenario: Scenario = world, s: ConsoleState = state) =>
  complete(line, line.length, scenario, s);

describe('tab completion', () => {
  it.each([
    ['the first word', '', ['aws', 'exit', 'help']],
    ['a service', 'aws i', ['iam']],
    [
      'a command',
      'aws iam list-attached-',
      [
        'list-attached-group-policies',
        'list-attached-role-policies',
        'list-attached-user-policies',
      ],
    ],
    ['an option', 'aws iam create-user --pa', ['--path']],
    [
      'options not given yet',
      'aws iam add-user-to-group --group-name developers ',
      ['--output', '--profile', '--query', '--user-name'],
    ],
    ['a user name', 'aws iam get-user --user-name ', ['alice', 'bob']],
    ['a user name by prefix', 'aws iam get-user --user-name a', ['alice']],
    ['a group name', 'aws iam get-group --group-name ', ['developers']],
    ['a role name', 'aws iam get-role --role-name W', ['WebRole']],
    [
      'an instance profile',
      'aws iam get-instance-profile --instance-profile-name ',
      ['WebProfile'],
    ],
    [
      'a policy ARN',
      'aws iam attach-user-policy --user-name bob --policy-arn ',
      ['arn:aws:iam::111122223333:policy/S3Read'],
    ],
    [
      'a role ARN for assume-role',
      'aws sts assume-role --role-arn ',
      ['arn:aws:iam::111122223333:role/WebRole'],
    ],
    [
      'a document of the world',
      'aws iam create-policy --policy-name x --policy-document file://',
      ['file://S3Read', 'file://trust/WebRole'],
    ],
    ['an enum value', 'aws iam list-policies --scope ', ['AWS', 'All', 'Local']],
    ['an output format', 'aws iam list-users --output t', ['table', 'text']],
    [
      'a profile: an account or a user',
      'aws iam list-users --profile ',
      ['111122223333', 'alice', 'bob'],
    ],
    ['nothing after another program', 'ls ', []],
  ])('offers %s', (_, line, expected) => {
    expect(at(line)).toEqual(expected);
  });

  it('offers access keys the console made', async () => {
    const session = await new Session().setup('aws iam create-access-key --user-name bob');
    const id = Object.values(session.scenario.accounts ?? {})[0]!.users!['bob']!.accessKeys![0]!.id;
    expect(
      complete('aws iam delete-access-key --access-key-id ', 42, session.scenario, session.state),
    ).toEqual([id]);
  });

  it('offers OU ids and policy ids of the organization', async () => {
    const session = await new Session().setup(
      'aws organizations create-organization',
      `ROOT=$(aws organizations list-roots --query 'Roots[0].Id' --output text)`,
      'aws organizations create-organizational-unit --parent-id $ROOT --name W',
    );
    const parents = complete(
      'aws organizations create-organizational-unit --parent-id ',
      57,
      session.scenario,
      session.state,
    );
    expect(parents).toHaveLength(2);
    expect(parents).toContain(session.state.variables['ROOT']);
    expect(
      complete('aws organizations attach-policy --policy-id ', 44, session.scenario, session.state),
    ).toEqual(['p-FullAWSAccess', 'p-RCPFullAWSAccess']);
  });

  it('says which part of the line a candidate replaces', () => {
    expect(completeAt('aws iam get-user --user-name al', 31, world, state)).toEqual({
      from: 29,
      to: 31,
      candidates: ['alice'],
    });
    expect(completeAt('aws iam get-user --user-name ', 29, world, state)).toEqual({
      from: 29,
      to: 29,
      candidates: ['alice', 'bob'],
    });
  });

  it('completes at the cursor, not at the end of the line', () => {
    expect(complete('aws iam get-us --user-name bob', 14, world, state)).toEqual([
      'get-user',
      'get-user-policy',
    ]);
  });
});
