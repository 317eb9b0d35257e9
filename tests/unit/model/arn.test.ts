import { describe, expect, it } from 'vitest';
import { isArn, parseArn } from '../../../src/model/index.ts';

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
