import { describe, expect, it } from 'vitest';
import { editDistance } from '../../../src/data/edit-distance.ts';
import {
  loadReferenceFor,
  loadService,
  loadServiceIndex,
  loadServiceReference,
  servicePrefixesIn,
  suggest,
  matchesWildcard,
} from '../../../src/data/service-reference.ts';

describe('the generated service reference', () => {
  it('lists every AWS service with its name, and the global condition keys', async () => {
    const index = await loadServiceIndex();
    expect(index.services.length).toBeGreaterThan(400);
    expect(index.services).toContainEqual(['s3', 'Amazon S3']);
    expect(index.globalConditionKeys).toContainEqual(['aws:SourceIp', 'IPAddress']);
  });

  it('loads one service by prefix, in any case, and nothing for an unknown prefix', async () => {
    expect((await loadService('S3'))?.prefix).toBe('s3');
    expect(await loadService('not-a-service')).toBeUndefined();
  });
});

describe('ServiceReference', async () => {
  const ref = await loadServiceReference(['s3', 'iam', 'ec2', 'sts', 'secretsmanager']);

  it('finds actions by name in any case, with their access level', () => {
    expect(ref.action('S3:getobject')).toMatchObject({ name: 'GetObject', access: 'Read' });
    expect(ref.action('s3:GetObjekt')).toBeUndefined();
  });

  it.each([
    ['s3:GetObject', ['GetObject']],
    ['s3:getobjectversion', ['GetObjectVersion']],
    ['iam:PassRol?', ['PassRole']],
    ['s3:NoSuch*', []],
  ])('matches the pattern %s to %j', (pattern, names) => {
    expect(ref.actionsMatching(pattern)?.map((a) => a.name)).toEqual(names);
  });

  it('cannot answer for patterns that reach services that are not loaded', () => {
    expect(ref.actionsMatching('dynamodb:Get*')).toBeUndefined();
    expect(ref.actionsMatching('*')).toBeUndefined();
  });

  it('knows the ARN templates an action accepts', () => {
    expect(ref.arnTemplatesForAction('s3:GetObject')).toContain(
      'arn:${Partition}:s3:::${BucketName}/${ObjectName}',
    );
    expect(ref.arnTemplatesForAction('s3:ListBucket')).toContain(
      'arn:${Partition}:s3:::${BucketName}',
    );
    expect(ref.arnTemplatesForAction('s3:ListAllMyBuckets')).toEqual([]);
    expect(ref.resourceTypesForAction('iam:PassRole')?.map((t) => t.name)).toEqual(['role']);
  });

  it('gives the condition keys of an action, its resource types and the global keys', () => {
    const keys = ref.conditionKeysForAction('s3:ListBucket')?.map((k) => k.key) ?? [];
    expect(keys).toContain('s3:prefix');
    expect(keys).toContain('aws:SourceIp');
    expect(keys).not.toContain('iam:PassedToService');
    const passRole = ref.conditionKeysForAction('iam:PassRole')?.map((k) => k.key) ?? [];
    expect(passRole).toContain('iam:PassedToService');
  });

  it.each([
    ['aws:SourceIp', 'IPAddress'],
    ['AWS:MultiFactorAuthPresent', 'Bool'],
    ['aws:PrincipalTag/team', 'String'],
    ['s3:max-keys', 'Numeric'],
    ['s3:ExistingObjectTag/owner', 'String'],
    ['ec2:ResourceTag/env', 'String'],
    ['saml:aud', 'String'],
    ['secretsmanager:ResourceTag/owner', 'String'],
    ['aws:PrincipalOrgMasterAccountId', 'String'],
    ['s3:nope', undefined],
  ])('types the condition key %s as %s', (key, type) => {
    expect(ref.conditionKeyType(key)).toBe(type);
  });
});

describe('suggestions', () => {
  it.each([
    ['GetObjekt', ['GetObject', 'PutObject'], 'GetObject'],
    ['ListBukcet', ['ListBucket', 'ListAllMyBuckets'], 'ListBucket'],
    ['s4', ['s3', 'sqs'], 's3'],
    ['Frobnicate', ['GetObject', 'PutObject'], undefined],
  ])('suggests for %s among %j: %s', (name, candidates, expected) => {
    expect(suggest(name, candidates)).toBe(expected);
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('ab', 'ba', Infinity, { swaps: true })).toBe(1);
    expect(editDistance('kitten', 'sitting', Infinity, { swaps: true })).toBe(3);
    // suggest() relies on swaps: one swap in a short name is within its limit of one edit.
    expect(suggest('ba', ['ab'])).toBe('ab');
  });

  it('counts a swap as two edits without swaps (Levenshtein, the other callers)', () => {
    expect(editDistance('ab', 'ba')).toBe(2);
    expect(editDistance('AB', 'ba', 1)).toBe(2);
  });
});

describe('what to load for a document', () => {
  const policy = {
    Statement: [
      { Action: ['s3:GetObject', 'EC2:Describe*'], Resource: '*' },
      { NotAction: 'kms:*', Condition: { StringEquals: { 'dynamodb:LeadingKeys': 'x' } } },
    ],
  };

  it('finds the service prefixes of actions and condition keys', () => {
    expect(servicePrefixesIn(policy).sort()).toEqual(['dynamodb', 'ec2', 'kms', 's3']);
  });

  it('counts the actions of requests too', () => {
    expect(servicePrefixesIn({ requests: [{ action: 'sqs:SendMessage' }] })).toEqual(['sqs']);
  });

  it('loads those services and iam and sts', async () => {
    const ref = await loadReferenceFor(policy);
    for (const p of ['s3', 'ec2', 'kms', 'dynamodb', 'iam', 'sts'])
      expect(ref.isLoaded(p)).toBe(true);
    expect(ref.isLoaded('lambda')).toBe(false);
    expect(ref.isKnownService('lambda')).toBe(true);
  });
});

describe('wildcard patterns', () => {
  it.each([
    ['s3:Get*', 's3:GetObject', true],
    ['S3:GETOBJECT', 's3:GetObject', true],
    ['s3:Get?bject', 's3:GetObject', true],
    ['s3:*Object*', 's3:GetObjectAcl', true],
    ['*', '', true],
    ['s3:Get*', 's3:PutObject', false],
    ['s3:Get?', 's3:GetObject', false],
    ['a*b*c', 'aXXbYYc', true],
    ['a*b*c', 'aXXbYY', false],
    ['', 'x', false],
  ])('%s against %s: %s', (pattern, text, expected) => {
    expect(matchesWildcard(pattern, text)).toBe(expected);
  });

  it('stay fast on patterns that backtrack a lot and almost match', () => {
    const started = performance.now();
    expect(matchesWildcard(`s3:${'*a'.repeat(30)}x`, `s3:${'a'.repeat(200)}`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(100);
  });
});
