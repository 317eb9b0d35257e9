import { describe, expect, it } from 'vitest';
import {
  policyRefLabel,
  principalAccount,
  principalCandidates,
  resourceCandidates,
} from '../../../src/ui/state/candidates.ts';
import {
  addAccount,
  addBucket,
  addInstanceProfile,
  addPolicy,
  addRole,
  addUser,
  attachPolicy,
  emptyScenario,
  setBoundary,
} from '../../../src/model/world/index.ts';
import {
  fillArnTemplate,
  formatContextValue,
  parseContextValue,
} from '../../../src/ui/request/context-values.ts';

const A = '111122223333';
const world = () => {
  let s = addInstanceProfile(
    addRole(addUser(addAccount(emptyScenario(), A), A, 'alice'), A, 'Web'),
    A,
    'WebProfile',
    'Web',
  );
  s = addBucket(s, 'reports', A);
  s = addPolicy(s, A, 'Read');
  s = attachPolicy(s, A, 'users', 'alice', `arn:aws:iam::${A}:policy/Read`);
  return setBoundary(s, A, 'roles', 'Web', 'Read');
};

describe('request builder suggestions', () => {
  it('offer every principal of the world, then services and anonymous', () => {
    expect(principalCandidates(world()).map((c) => c.value)).toEqual([
      `arn:aws:iam::${A}:user/alice`,
      `arn:aws:iam::${A}:role/Web`,
      `arn:aws:iam::${A}:instance-profile/WebProfile`,
      `arn:aws:iam::${A}:root`,
      'ec2.amazonaws.com',
      'lambda.amazonaws.com',
      's3.amazonaws.com',
      'cloudtrail.amazonaws.com',
      'sns.amazonaws.com',
      'anonymous',
    ]);
  });

  it('offer the resources, an object in each bucket, and the roles', () => {
    expect(resourceCandidates(world()).map((c) => c.value)).toEqual([
      'arn:aws:s3:::reports',
      'arn:aws:s3:::reports/example.txt',
      `arn:aws:iam::${A}:role/Web`,
    ]);
  });

  it.each([
    [`arn:aws:iam::${A}:user/alice`, A],
    [`arn:aws:sts::${A}:assumed-role/Web/s`, A],
    ['ec2.amazonaws.com', undefined],
  ])('find the account of %s', (principal, account) => {
    expect(principalAccount(principal)).toBe(account);
  });

  it('label AWS managed policies by name', () => {
    expect(policyRefLabel('arn:aws:iam::aws:policy/ReadOnlyAccess')).toBe(
      'ReadOnlyAccess (AWS managed)',
    );
    expect(policyRefLabel('Read')).toBe('Read');
  });
});

describe('context values typed as text', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['true', true],
    ['false', false],
    ['["a","b"]', ['a', 'b']],
    ['["a",', '["a",'],
    ['42', '42'],
  ])('read %j as %j, and write it back as the same text', (text, value) => {
    expect(parseContextValue(text)).toEqual(value);
    expect(formatContextValue(parseContextValue(text))).toBe(text);
  });

  it('fill an ARN template with the partition, a region and the principal account', () => {
    expect(fillArnTemplate('arn:${Partition}:sqs:${Region}:${Account}:${QueueName}', A)).toBe(
      `arn:aws:sqs:us-east-1:${A}:\${QueueName}`,
    );
  });
});
