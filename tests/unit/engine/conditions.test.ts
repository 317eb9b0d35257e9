import { describe, expect, it } from 'vitest';
import { evaluate, type ContextValue } from '../../../src/engine/index.ts';
import { allow, doc, input, user } from './helpers.ts';

/** Does an Allow with this single condition apply to a request with this context? */
function holds(
  operator: string,
  key: string,
  values: unknown,
  context: Record<string, ContextValue>,
): boolean {
  const document = doc(
    allow('s3:GetObject', '*', { Condition: { [operator]: { [key]: values } } }),
  );
  const r = evaluate(
    input(user('alice'), 's3:GetObject', 'arn:aws:s3:::b/k', {
      identityPolicies: [{ id: ['p'], name: 'P', kind: 'identity', document }],
      context,
    }),
  );
  return r.decision === 'allowed';
}

type Row = [string, string, string, unknown, Record<string, ContextValue>, boolean];
const run = (rows: Row[]) =>
  it.each(rows)('%s', (_name, operator, key, values, context, expected) => {
    expect(holds(operator, key, values, context)).toBe(expected);
  });

describe('string operators (AWS "Condition operators": string)', () => {
  run([
    [
      'StringEquals matches the same text',
      'StringEquals',
      'aws:username',
      'alice',
      { 'aws:username': 'alice' },
      true,
    ],
    [
      'StringEquals is case-sensitive',
      'StringEquals',
      'aws:username',
      'Alice',
      { 'aws:username': 'alice' },
      false,
    ],
    [
      'condition key names are case-insensitive',
      'StringEquals',
      'AWS:USERNAME',
      'alice',
      { 'aws:username': 'alice' },
      true,
    ],
    [
      'several values are ORed',
      'StringEquals',
      'aws:username',
      ['bob', 'alice'],
      { 'aws:username': 'alice' },
      true,
    ],
    ['StringEquals on an absent key is false', 'StringEquals', 'aws:username', 'alice', {}, false],
    [
      'StringNotEquals is the NOT of the OR',
      'StringNotEquals',
      'aws:username',
      ['bob', 'alice'],
      { 'aws:username': 'alice' },
      false,
    ],
    [
      'StringNotEquals holds for another value',
      'StringNotEquals',
      'aws:username',
      'bob',
      { 'aws:username': 'alice' },
      true,
    ],
    [
      'a negated operator on an absent key is true',
      'StringNotEquals',
      'aws:username',
      'bob',
      {},
      true,
    ],
    [
      'StringEqualsIgnoreCase ignores case',
      'StringEqualsIgnoreCase',
      'aws:username',
      'ALICE',
      { 'aws:username': 'alice' },
      true,
    ],
    [
      'StringNotEqualsIgnoreCase ignores case',
      'StringNotEqualsIgnoreCase',
      'aws:username',
      'ALICE',
      { 'aws:username': 'alice' },
      false,
    ],
    [
      'StringLike matches * across /',
      'StringLike',
      's3:prefix',
      'home/*',
      { 's3:prefix': 'home/alice/docs' },
      true,
    ],
    ['StringLike matches ? once', 'StringLike', 's3:prefix', 'h?me', { 's3:prefix': 'home' }, true],
    [
      'StringLike is case-sensitive',
      'StringLike',
      's3:prefix',
      'HOME/*',
      { 's3:prefix': 'home/x' },
      false,
    ],
    [
      'StringNotLike holds when no pattern matches',
      'StringNotLike',
      's3:prefix',
      ['a/*', 'b/*'],
      { 's3:prefix': 'c/x' },
      true,
    ],
    [
      'StringEqualsIfExists holds on an absent key',
      'StringEqualsIfExists',
      'aws:username',
      'alice',
      {},
      true,
    ],
    [
      'StringEqualsIfExists still compares a present key',
      'StringEqualsIfExists',
      'aws:username',
      'bob',
      { 'aws:username': 'alice' },
      false,
    ],
  ]);
});

describe('numeric operators (AWS "Condition operators": numeric)', () => {
  run([
    ['NumericEquals', 'NumericEquals', 's3:max-keys', '10', { 's3:max-keys': 10 }, true],
    [
      'NumericEquals compares numbers, not text',
      'NumericEquals',
      's3:max-keys',
      '10',
      { 's3:max-keys': '10.0' },
      true,
    ],
    ['NumericNotEquals', 'NumericNotEquals', 's3:max-keys', '10', { 's3:max-keys': 11 }, true],
    ['NumericLessThan', 'NumericLessThan', 's3:max-keys', '10', { 's3:max-keys': 9 }, true],
    [
      'NumericLessThan is strict',
      'NumericLessThan',
      's3:max-keys',
      '10',
      { 's3:max-keys': 10 },
      false,
    ],
    [
      'NumericLessThanEquals',
      'NumericLessThanEquals',
      's3:max-keys',
      '10',
      { 's3:max-keys': 10 },
      true,
    ],
    ['NumericGreaterThan', 'NumericGreaterThan', 's3:max-keys', 10, { 's3:max-keys': 11 }, true],
    [
      'NumericGreaterThanEquals',
      'NumericGreaterThanEquals',
      's3:max-keys',
      '10',
      { 's3:max-keys': 9 },
      false,
    ],
    [
      'a request value that is not a number does not match',
      'NumericLessThan',
      's3:max-keys',
      '10',
      { 's3:max-keys': 'many' },
      false,
    ],
  ]);
});

describe('date operators (AWS "Condition operators": date; ISO 8601 or epoch seconds)', () => {
  run([
    [
      'DateLessThan with ISO dates',
      'DateLessThan',
      'aws:CurrentTime',
      '2026-06-01T00:00:00Z',
      { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
      true,
    ],
    [
      'DateGreaterThan with ISO dates',
      'DateGreaterThan',
      'aws:CurrentTime',
      '2026-06-01T00:00:00Z',
      { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
      false,
    ],
    [
      'a policy date may be epoch seconds',
      'DateGreaterThanEquals',
      'aws:CurrentTime',
      '1767225600',
      { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
      true,
    ],
    [
      'a request date may be epoch seconds',
      'DateEquals',
      'aws:EpochTime',
      '2026-01-01T00:00:00Z',
      { 'aws:EpochTime': 1767225600 },
      true,
    ],
    [
      'a date without time is midnight UTC',
      'DateEquals',
      'aws:CurrentTime',
      '2026-01-01',
      { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
      true,
    ],
    [
      'DateNotEquals',
      'DateNotEquals',
      'aws:CurrentTime',
      '2026-01-01T00:00:00Z',
      { 'aws:CurrentTime': '2026-01-02T00:00:00Z' },
      true,
    ],
    [
      'DateLessThanEquals at the same instant',
      'DateLessThanEquals',
      'aws:CurrentTime',
      '2026-01-01T01:00:00+01:00',
      { 'aws:CurrentTime': '2026-01-01T00:00:00Z' },
      true,
    ],
  ]);
});

describe('Bool, Binary and Null (AWS "Condition operators")', () => {
  run([
    [
      'Bool true matches a boolean true',
      'Bool',
      'aws:SecureTransport',
      'true',
      { 'aws:SecureTransport': true },
      true,
    ],
    [
      'Bool accepts a JSON boolean in the policy',
      'Bool',
      'aws:SecureTransport',
      false,
      { 'aws:SecureTransport': false },
      true,
    ],
    [
      'Bool false does not match true',
      'Bool',
      'aws:SecureTransport',
      'false',
      { 'aws:SecureTransport': true },
      false,
    ],
    ['Bool on an absent key is false', 'Bool', 'aws:MultiFactorAuthPresent', 'true', {}, false],
    [
      'BoolIfExists on an absent key is true',
      'BoolIfExists',
      'aws:MultiFactorAuthPresent',
      'false',
      {},
      true,
    ],
    [
      'BinaryEquals compares base64 text',
      'BinaryEquals',
      'custom:blob',
      'QmluYXJ5',
      { 'custom:blob': 'QmluYXJ5' },
      true,
    ],
    ['Null true: the key is absent', 'Null', 'aws:TokenIssueTime', 'true', {}, true],
    [
      'Null true fails when the key is present',
      'Null',
      'aws:TokenIssueTime',
      'true',
      { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' },
      false,
    ],
    [
      'Null false: the key is present',
      'Null',
      'aws:TokenIssueTime',
      'false',
      { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' },
      true,
    ],
  ]);
});

describe('IP address operators (AWS "Condition operators": IP address)', () => {
  run([
    [
      'IpAddress: an IPv4 address inside the block',
      'IpAddress',
      'aws:SourceIp',
      '203.0.113.0/24',
      { 'aws:SourceIp': '203.0.113.9' },
      true,
    ],
    [
      'IpAddress: outside the block',
      'IpAddress',
      'aws:SourceIp',
      '203.0.113.0/24',
      { 'aws:SourceIp': '198.51.100.7' },
      false,
    ],
    [
      'IpAddress: a bare address is a /32',
      'IpAddress',
      'aws:SourceIp',
      '203.0.113.9',
      { 'aws:SourceIp': '203.0.113.9' },
      true,
    ],
    [
      'IpAddress: IPv6 inside the block',
      'IpAddress',
      'aws:SourceIp',
      '2001:db8::/32',
      { 'aws:SourceIp': '2001:db8:1234::1' },
      true,
    ],
    [
      'IpAddress: IPv6 outside the block',
      'IpAddress',
      'aws:SourceIp',
      '2001:db8::/32',
      { 'aws:SourceIp': '2001:db9::1' },
      false,
    ],
    [
      'IpAddress: IPv4 never lies in an IPv6 block',
      'IpAddress',
      'aws:SourceIp',
      '::/0',
      { 'aws:SourceIp': '10.0.0.1' },
      false,
    ],
    [
      'IpAddress: /0 holds every IPv4 address',
      'IpAddress',
      'aws:SourceIp',
      '0.0.0.0/0',
      { 'aws:SourceIp': '10.0.0.1' },
      true,
    ],
    [
      'NotIpAddress holds outside every block',
      'NotIpAddress',
      'aws:SourceIp',
      ['10.0.0.0/8', '192.168.0.0/16'],
      { 'aws:SourceIp': '203.0.113.9' },
      true,
    ],
    [
      'NotIpAddress fails inside a block',
      'NotIpAddress',
      'aws:SourceIp',
      ['10.0.0.0/8'],
      { 'aws:SourceIp': '10.1.2.3' },
      false,
    ],
    [
      'NotIpAddress on an absent key is true',
      'NotIpAddress',
      'aws:SourceIp',
      '10.0.0.0/8',
      {},
      true,
    ],
  ]);
});

describe('ARN operators (AWS "Condition operators": ARN)', () => {
  const src = 'arn:aws:sns:us-east-1:111122223333:topic';
  run([
    [
      'ArnEquals with the same ARN',
      'ArnEquals',
      'aws:SourceArn',
      src,
      { 'aws:SourceArn': src },
      true,
    ],
    [
      'ArnLike with wildcards per part',
      'ArnLike',
      'aws:SourceArn',
      'arn:aws:sns:*:111122223333:*',
      { 'aws:SourceArn': src },
      true,
    ],
    [
      'ArnLike: a wildcard stays inside its part',
      'ArnLike',
      'aws:SourceArn',
      'arn:aws:sns:*:topic',
      { 'aws:SourceArn': src },
      false,
    ],
    [
      'ArnLike is case-sensitive',
      'ArnLike',
      'aws:SourceArn',
      'arn:aws:SNS:*:*:*',
      { 'aws:SourceArn': src },
      false,
    ],
    [
      'ArnNotEquals holds for another ARN',
      'ArnNotEquals',
      'aws:SourceArn',
      'arn:aws:sns:us-east-1:111122223333:other',
      { 'aws:SourceArn': src },
      true,
    ],
    [
      'ArnNotLike fails when the pattern matches',
      'ArnNotLike',
      'aws:PrincipalArn',
      'arn:aws:iam::*:role/Admin*',
      { 'aws:PrincipalArn': 'arn:aws:iam::1:role/AdminX' },
      false,
    ],
  ]);
});

describe('multivalued keys (AWS "Single-valued vs. multivalued context keys")', () => {
  run([
    [
      'ForAnyValue: one request value in the list is enough',
      'ForAnyValue:StringEquals',
      'aws:TagKeys',
      ['a', 'b'],
      { 'aws:TagKeys': ['c', 'a'] },
      true,
    ],
    [
      'ForAnyValue: no value in the list fails',
      'ForAnyValue:StringEquals',
      'aws:TagKeys',
      ['a'],
      { 'aws:TagKeys': ['c'] },
      false,
    ],
    [
      'ForAnyValue on an absent key is false',
      'ForAnyValue:StringEquals',
      'aws:TagKeys',
      ['a'],
      {},
      false,
    ],
    [
      'ForAnyValue on an empty list is false',
      'ForAnyValue:StringEquals',
      'aws:TagKeys',
      ['a'],
      { 'aws:TagKeys': [] },
      false,
    ],
    [
      'ForAllValues: every request value must be in the list',
      'ForAllValues:StringEquals',
      'aws:TagKeys',
      ['a', 'b'],
      { 'aws:TagKeys': ['a', 'b'] },
      true,
    ],
    [
      'ForAllValues: one value outside the list fails',
      'ForAllValues:StringEquals',
      'aws:TagKeys',
      ['a', 'b'],
      { 'aws:TagKeys': ['a', 'c'] },
      false,
    ],
    [
      'ForAllValues on an absent key is true',
      'ForAllValues:StringEquals',
      'aws:TagKeys',
      ['a'],
      {},
      true,
    ],
    [
      'ForAllValues:StringNotEquals: no request value may be listed',
      'ForAllValues:StringNotEquals',
      'aws:TagKeys',
      ['a'],
      { 'aws:TagKeys': ['b', 'c'] },
      true,
    ],
    [
      'ForAllValues:StringNotEquals fails when one is listed',
      'ForAllValues:StringNotEquals',
      'aws:TagKeys',
      ['a'],
      { 'aws:TagKeys': ['b', 'a'] },
      false,
    ],
    [
      'ForAnyValue:StringNotEquals: some request value is not listed',
      'ForAnyValue:StringNotEquals',
      'aws:TagKeys',
      ['a'],
      { 'aws:TagKeys': ['a', 'b'] },
      true,
    ],
    [
      'ForAnyValue:StringNotEquals on an absent key is false',
      'ForAnyValue:StringNotEquals',
      'aws:TagKeys',
      ['a'],
      {},
      false,
    ],
    [
      'ForAnyValue:StringLike with patterns',
      'ForAnyValue:StringLike',
      'aws:TagKeys',
      ['env*'],
      { 'aws:TagKeys': ['owner', 'environment'] },
      true,
    ],
    [
      'without a qualifier a multivalued key matches when any value does',
      'StringEquals',
      'aws:TagKeys',
      'a',
      { 'aws:TagKeys': ['b', 'a'] },
      true,
    ],
  ]);
});

describe('several conditions (AWS "Condition operators": evaluation logic)', () => {
  const both = (context: Record<string, ContextValue>) => {
    const document = doc(
      allow('s3:GetObject', '*', {
        Condition: {
          StringEquals: { 'aws:username': 'alice', 'aws:PrincipalTag/team': 'web' },
          Bool: { 'aws:SecureTransport': 'true' },
        },
      }),
    );
    return evaluate(
      input(user('alice'), 's3:GetObject', 'arn:aws:s3:::b', {
        identityPolicies: [{ id: ['p'], name: 'P', kind: 'identity', document }],
        context,
      }),
    ).decision;
  };
  it('keys and operators are ANDed: all hold', () => {
    expect(
      both({
        'aws:username': 'alice',
        'aws:PrincipalTag/team': 'web',
        'aws:SecureTransport': true,
      }),
    ).toBe('allowed');
  });
  it('keys and operators are ANDed: one failing key is enough to fail', () => {
    expect(
      both({ 'aws:username': 'alice', 'aws:PrincipalTag/team': 'db', 'aws:SecureTransport': true }),
    ).toBe('implicitDeny');
  });
  it('keys and operators are ANDed: one failing operator is enough to fail', () => {
    expect(
      both({
        'aws:username': 'alice',
        'aws:PrincipalTag/team': 'web',
        'aws:SecureTransport': false,
      }),
    ).toBe('implicitDeny');
  });
});
