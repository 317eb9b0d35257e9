import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/model/index';
import { ACCOUNT, Session, smallWorld } from './helpers';

/** Freezes every object of a value, so that any write to it throws (ES modules are strict). */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const S3 = `arn:aws:iam::${ACCOUNT}:policy/S3Read`;

describe('commands never change the scenario they are given', () => {
  it.each([
    'aws iam create-user --user-name carol --tags Key=a,Value=b',
    'aws iam delete-user --user-name bob',
    'aws iam tag-user --user-name alice --tags Key=x,Value=y',
    'aws iam untag-user --user-name alice --tag-keys team',
    'aws iam create-group --group-name ops',
    'aws iam add-user-to-group --group-name developers --user-name bob',
    'aws iam remove-user-from-group --group-name developers --user-name alice',
    'aws iam create-role --role-name R2 --assume-role-policy-document file://trust/WebRole',
    `aws iam update-assume-role-policy --role-name WebRole --policy-document '{"Statement":{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}}'`,
    'aws iam tag-role --role-name WebRole --tags Key=a,Value=b',
    'aws iam create-instance-profile --instance-profile-name P2',
    'aws iam remove-role-from-instance-profile --instance-profile-name WebProfile --role-name WebRole',
    'aws iam create-policy --policy-name P2 --policy-document file://S3Read',
    `aws iam attach-user-policy --user-name bob --policy-arn ${S3}`,
    `aws iam detach-role-policy --role-name WebRole --policy-arn ${S3}`,
    'aws iam put-group-policy --group-name developers --policy-name p --policy-document file://S3Read',
    `aws iam put-role-permissions-boundary --role-name WebRole --permissions-boundary ${S3}`,
    'aws iam create-account-alias --account-alias other',
    'aws organizations create-organization',
  ])('%s', async (line) => {
    const world = deepFreeze(smallWorld()) as Scenario;
    const result = await new Session(world).run(line);
    expect(result.error).toBeUndefined();
    expect(result.scenario).toBeDefined();
    expect(result.scenario).not.toEqual(world);
  });
});

describe('a command that leaves the world as it was', () => {
  it('returns no scenario, so it makes no undo step', async () => {
    const result = await new Session().run(
      'aws iam update-assume-role-policy --role-name WebRole --policy-document file://trust/WebRole',
    );
    expect(result.error).toBeUndefined();
    expect(result.scenario).toBeUndefined();
  });
});
