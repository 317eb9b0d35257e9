import { describe, expect, it } from 'vitest';
import { arnCouldMatch } from '../../../src/data/arn-match.ts';

const BUCKET = 'arn:${Partition}:s3:::${BucketName}';
const OBJECT = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
const ROLE = 'arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}';
const TABLE = 'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}';
const INDEX =
  'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName}';

describe('a policy resource could match an ARN template', () => {
  it.each([
    ['arn:aws:s3:::bucket', BUCKET, true],
    ['arn:aws:s3:::bucket', OBJECT, false],
    ['arn:aws:s3:::bucket/*', OBJECT, true],
    ['arn:aws:s3:::bucket/*', BUCKET, false],
    ['arn:aws:s3:::bucket/a/b.txt', OBJECT, true],
    ['arn:aws:s3:::bucket*', BUCKET, true],
    ['arn:aws:s3:::bucket*', OBJECT, true],
    ['arn:aws:s3:::*', OBJECT, true],
    ['arn:aws:s3:::*', BUCKET, true],
    ['arn:aws:s3:::${aws:username}', BUCKET, true],
    ['arn:aws:s3:::home/${aws:username}/*', OBJECT, true],
    ['arn:aws-cn:s3:::bucket', BUCKET, true],
    ['arn:aws:s3:us-east-1::bucket', BUCKET, false],
    ['arn:aws:s3:::b?cket', BUCKET, true],
    ['arn:aws:iam::123456789012:role/Web', ROLE, true],
    ['arn:aws:iam::123456789012:role/team/Web', ROLE, true],
    ['arn:aws:iam::*:role/*', ROLE, true],
    ['arn:aws:iam::123456789012:user/alice', ROLE, false],
    ['arn:aws:dynamodb:us-east-1:123456789012:table/Orders', TABLE, true],
    ['arn:aws:dynamodb:us-east-1:123456789012:table/Orders', INDEX, false],
    ['arn:aws:dynamodb:*:*:table/Orders/index/*', INDEX, true],
    ['arn:aws:dynamodb:us-east-1:123456789012:table/Orders', BUCKET, false],
    ['*', OBJECT, true],
    ['arn:*', ROLE, true],
  ])('%s against %s: %s', (arn, template, expected) => {
    expect(arnCouldMatch(arn, template)).toBe(expected);
  });
});
