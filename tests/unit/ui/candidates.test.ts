import { describe, expect, it } from 'vitest';
import {
  candidatesMatching,
  firstMatching,
  OPTIONS_LIMIT,
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

  it('are worked out again when the identities or resources change, and only then', () => {
    const before = world();
    const principals = principalCandidates(before);
    const resources = resourceCandidates(before);
    // A keystroke in a policy: the identities and resources are the same objects.
    const typed = addPolicy(before, A, 'Other');
    expect(principalCandidates(typed)).toBe(principals);
    expect(resourceCandidates(typed)).toBe(resources);
    const more = addBucket(addUser(typed, A, 'bob'), 'logs', A);
    expect(principalCandidates(more).map((c) => c.value)).toContain(`arn:aws:iam::${A}:user/bob`);
    expect(resourceCandidates(more).map((c) => c.value)).toContain('arn:aws:s3:::logs');
    // A new account is a change too, even with no identity in it.
    expect(principalCandidates(addAccount(more, '444455556666')).map((c) => c.value)).toContain(
      'arn:aws:iam::444455556666:root',
    );
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

describe('the suggestions a field lists while the user types', () => {
  const many = Array.from({ length: 40_000 }, (_, i) => ({
    value: `arn:aws:s3:::bucket-${i}`,
    label: i % 2 === 0 ? 'resource' : 'object in the bucket',
  }));

  it('offers at most OPTIONS_LIMIT of a world of 40,000 resources, in the world’s order', () => {
    expect(candidatesMatching(many, '')).toEqual(many.slice(0, OPTIONS_LIMIT));
    expect(OPTIONS_LIMIT).toBe(50);
  });

  it('offers those whose value or label contains the typed text, ignoring case and spaces', () => {
    expect(candidatesMatching(many, ' BUCKET-3999 ').map((c) => c.value)).toEqual([
      'arn:aws:s3:::bucket-3999',
      ...Array.from({ length: 10 }, (_, i) => `arn:aws:s3:::bucket-3999${i}`),
    ]);
    expect(candidatesMatching(many, 'object in').every((c) => c.label.startsWith('object'))).toBe(
      true,
    );
    expect(candidatesMatching(many, 'arn:aws:iam::')).toEqual([]);
  });

  it('firstMatching keeps the first `limit` matches of any list', () => {
    expect(firstMatching(['ab', 'b', 'cb', 'db'], 'B', (s) => s, 2)).toEqual(['ab', 'b']);
  });
});
