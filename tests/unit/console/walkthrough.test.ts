import { describe, expect, it } from 'vitest';
import { createConsoleDeps } from '../../../src/console/deps';
import { NOW, Session, emptyWorld } from './helpers';

/**
 * A tutorial followed command by command, as a learner would in the console panel: build a
 * user and a role from nothing, assume the role, and see what each step changes and decides.
 */
describe('a tutorial, command by command', () => {
  it('builds a world, assumes a role, and is stopped where the role has no permission', async () => {
    const s = new Session(emptyWorld(), createConsoleDeps({ now: () => NOW }));
    const A = '123456789012';
    await s.setup(
      'aws iam create-user --user-name alice',
      `aws iam put-user-policy --user-name alice --policy-name assume --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::${A}:role/*"}]}'`,
      `aws iam create-role --role-name Reader --assume-role-policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${A}:user/alice"},"Action":"sts:AssumeRole"}]}'`,
      `aws iam create-policy --policy-name ListUsers --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}]}'`,
      `aws iam attach-role-policy --role-name Reader --policy-arn arn:aws:iam::${A}:policy/ListUsers`,
    );
    // Each step above was one change of the world, visible in the editors.
    expect(s.scenario.accounts?.[A]).toMatchObject({
      users: { alice: { inline: { assume: expect.any(Object) } } },
      roles: { Reader: { policies: ['ListUsers'] } },
      policies: { ListUsers: expect.any(Object) },
    });

    // The simulator answers before anything is tried.
    const simulated = await s.json(
      `aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::${A}:role/Reader --action-names iam:ListUsers iam:DeleteUser --query 'EvaluationResults[].[EvalActionName,EvalDecision]'`,
    );
    expect(simulated).toEqual([
      ['iam:ListUsers', 'allowed'],
      ['iam:DeleteUser', 'implicitDeny'],
    ]);

    await s.setup('export AWS_PROFILE=alice');
    expect((await s.run('aws iam list-users')).error?.code).toBe('AccessDenied'); // alice herself may not
    await s.setup(
      `aws sts assume-role --role-arn arn:aws:iam::${A}:role/Reader --role-session-name learn`,
    );
    expect(await s.json('aws sts get-caller-identity --query Arn')).toBe(
      `arn:aws:sts::${A}:assumed-role/Reader/learn`,
    );
    expect(await s.json('aws iam list-users --query Users[].UserName')).toEqual(['alice']);
    const denied = await s.run('aws iam delete-user --user-name alice');
    expect(denied.error?.code).toBe('AccessDenied');
    expect(denied.scenario).toBeUndefined();
    await s.setup('exit', `export AWS_PROFILE=${A}`);
    expect(await s.json('aws sts get-caller-identity --query Arn')).toBe(`arn:aws:iam::${A}:root`);
  });
});
