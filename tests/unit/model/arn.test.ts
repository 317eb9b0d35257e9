import { describe, expect, it } from 'vitest';
import {
  bucketOf,
  isArn,
  isBucketArn,
  isBucketOrObjectArn,
  parseArn,
} from '../../../src/model/index.ts';

describe('isArn', () => {
  it.each([
    'arn:aws:iam::111122223333:policy/Read',
    'arn:aws:iam::aws:policy/ReadOnlyAccess',
    'arn:aws:s3:::reports',
    'arn:aws-cn:kms:cn-north-1:111122223333:key/1',
    // Written as an ARN, even if parseArn cannot read it: the caller reports it as a bad ARN.
    'arn:nonsense',
  ])('takes %s as written as an ARN', (text) => {
    expect(isArn(text)).toBe(true);
  });

  it.each([
    'Read',
    'reports',
    '1234abcd-12ab-34cd-56ef-1234567890ab',
    'ec2.amazonaws.com',
    '*',
    'ARN:aws:s3:::x',
    '',
  ])('takes %j as a name, id or principal, not an ARN', (text) => {
    expect(isArn(text)).toBe(false);
  });

  it('says nothing of whether the ARN is well formed: that is parseArn', () => {
    expect(isArn('arn:nonsense')).toBe(true);
    expect(parseArn('arn:nonsense')).toBeUndefined();
  });
});

describe('bucketOf and isBucketArn', () => {
  it.each([
    ['arn:aws:s3:::reports/2026/q1.csv', 'arn:aws:s3:::reports'],
    ['arn:aws-cn:s3:::reports/key', 'arn:aws-cn:s3:::reports'],
    ['arn:aws:s3:::reports', undefined],
    // An access point's object, a directory-less Region/account ARN: not a general purpose bucket.
    ['arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/key', undefined],
    ['arn:aws:iam::111122223333:role/reports/x', undefined],
    ['reports/key', undefined],
  ])('the bucket of %s is %s', (resource, bucket) => {
    expect(bucketOf(resource)).toBe(bucket);
  });

  it.each([
    ['arn:aws:s3:::reports', true],
    ['arn:aws-us-gov:s3:::reports', true],
    ['arn:aws:s3:::reports/key', false],
    ['arn:aws:s3:us-east-1:111122223333:accesspoint/ap', false],
    ['arn:aws:sqs:us-east-1:111122223333:reports', false],
    ['reports', false],
  ])('%s is a bucket ARN: %s', (resource, expected) => {
    expect(isBucketArn(resource)).toBe(expected);
  });

  it.each([
    ['arn:aws:s3:::reports', true],
    ['arn:aws:s3:::reports/key', true],
    ['arn:aws:s3:us-east-1:111122223333:accesspoint/ap', false],
    ['arn:aws:iam::111122223333:role/r', false],
  ])('%s is a bucket or object ARN: %s', (resource, expected) => {
    expect(isBucketOrObjectArn(resource)).toBe(expected);
  });
});
