import { describe, expect, it } from 'vitest';
import { createConsoleDeps, decideInWorld } from '../../../src/console/deps';
import { NOW, Session, emptyWorld, smallWorld } from './helpers';

const deps = () => createConsoleDeps({ now: () => NOW });

describe('decisions from the model and the engine', () => {
  it('lets the root user build an empty world, whose account is not listed yet', async () => {
    const session = await new Session(emptyWorld(), deps()).setup(
      'aws iam create-user --user-name first',
      'aws iam list-users',
    );
    expect(session.scenario.accounts).toEqual({ '123456789012': { users: { first: {} } } });
  });

  it.each([
    ['alice reads with S3Read', 'arn:aws:iam::111122223333:user/alice', 's3:GetObject', 'allowed'],
    ['bob has no policy', 'arn:aws:iam::111122223333:user/bob', 's3:GetObject', 'implicitDeny'],
    [
      'the root user in its own account',
      'arn:aws:iam::111122223333:root',
      'iam:CreateUser',
      'allowed',
    ],
  ])('decides: %s', (_, principal, action, decision) => {
    const outcome = decideInWorld(
      smallWorld(),
      { principal, action, resource: '*' },
      new Map(),
      NOW,
    );
    expect(outcome.decision).toBe(decision);
    expect(outcome.reason).not.toBe('');
  });

  it('denies with the reason when the world cannot be evaluated', () => {
    const world = smallWorld();
    world.accounts!['111122223333']!.users!['bob']!.policies = ['NoSuchPolicy'];
    const outcome = decideInWorld(
      world,
      { principal: 'arn:aws:iam::111122223333:user/bob', action: 's3:GetObject', resource: '*' },
      new Map(),
      NOW,
    );
    expect(outcome.decision).toBe('implicitDeny');
    expect(outcome.reason).toMatch(/^The world cannot be evaluated: .*NoSuchPolicy/);
  });

  it('knows the AWS managed policies of the catalog by ARN', () => {
    const managed = deps().managedPolicies!;
    expect(managed.get('arn:aws:iam::aws:policy/ReadOnlyAccess')).toMatchObject({
      name: 'ReadOnlyAccess',
      path: '/',
    });
    expect(
      managed.get('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'),
    ).toMatchObject({
      name: 'AWSLambdaBasicExecutionRole',
      path: '/service-role/',
    });
    expect(managed.get('arn:aws:iam::aws:policy/NoSuchThing')).toBeUndefined();
  });
});
