/**
 * aws sts assume-role --policy-arns (PolicyArns of AssumeRole, AWS STS API Reference): managed
 * session policies limit the session like --policy; at most 10, in the role's account or AWS
 * managed.
 */
import { describe, expect, it } from 'vitest';
import { createConsoleDeps } from '../../../src/console/deps';
import type { Scenario } from '../../../src/model/index';
import { NOW, Session } from './helpers';

const A = '111122223333';
const doc = (Action: string | string[]) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action, Resource: '*' }],
});

function world(): Scenario {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: {
      [A]: {
        policies: { ListOnly: doc('iam:List*'), AssumeAny: doc('sts:AssumeRole') },
        users: { alice: { policies: ['AssumeAny'] } },
        roles: {
          Admin: {
            trust: {
              Version: '2012-10-17',
              Statement: [
                {
                  Effect: 'Allow',
                  Principal: { AWS: `arn:aws:iam::${A}:user/alice` },
                  Action: 'sts:AssumeRole',
                },
              ],
            },
            inline: { all: doc('iam:*') },
          },
        },
      },
    },
  };
}

const ROLE = `arn:aws:iam::${A}:role/Admin`;
const session = async () =>
  await new Session(world(), createConsoleDeps({ now: () => NOW })).setup(
    'export AWS_PROFILE=alice',
  );

describe('aws sts assume-role --policy-arns', () => {
  it('limits the session to what the managed session policy allows', async () => {
    const s = await (
      await session()
    ).setup(
      `aws sts assume-role --role-arn ${ROLE} --role-session-name s1 --policy-arns arn=arn:aws:iam::${A}:policy/ListOnly`,
    );
    expect((await s.run('aws iam list-users')).error).toBeUndefined();
    expect((await s.run('aws iam create-user --user-name eve')).error?.code).toBe('AccessDenied');
  });

  it("refuses more than 10, another account's policy, and one the world lacks", async () => {
    const eleven = Array.from({ length: 11 }, () => `arn=arn:aws:iam::${A}:policy/ListOnly`).join(
      ' ',
    );
    const run = async (arns: string) => {
      const s = await session();
      return (
        await s.run(
          `aws sts assume-role --role-arn ${ROLE} --role-session-name s1 --policy-arns ${arns}`,
        )
      ).error;
    };
    expect((await run(eleven))?.code).toBe('ValidationError');
    expect((await run('arn=arn:aws:iam::999999999999:policy/ListOnly'))?.code).toBe(
      'InvalidParameterValue',
    );
    expect((await run(`arn=arn:aws:iam::${A}:policy/Missing`))?.message).toContain(
      'does not exist',
    );
  });
});
