import { describe, expect, it } from 'vitest';
import {
  managedPolicyOptions,
  MANAGED_OPTIONS_LIMIT,
  resolvePolicyRef,
} from '../../../src/ui/explorer/policy-ref.ts';
import { parsePlace, START } from '../../../src/ui/shell/place.ts';

const A = '111122223333';
const MANAGED = [
  'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
  'arn:aws:iam::aws:policy/ReadOnlyAccess',
  'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
  'arn:aws:iam::aws:policy/service-role/Twice',
  'arn:aws:iam::aws:policy/aws-service-role/Twice',
];

describe('attaching a policy by what was typed', () => {
  it('resolves a bare AWS managed name to its ARN, also under a path', () => {
    expect(resolvePolicyRef(' AmazonS3ReadOnlyAccess ', A, [], MANAGED)).toEqual({
      ok: true,
      ref: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
    });
    expect(resolvePolicyRef('ViewOnlyAccess', A, [], MANAGED)).toEqual({
      ok: true,
      ref: 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
    });
  });

  it("prefers the account's own policy of that name, and keeps ARNs as typed", () => {
    expect(resolvePolicyRef('ReadOnlyAccess', A, ['ReadOnlyAccess'], MANAGED)).toEqual({
      ok: true,
      ref: 'ReadOnlyAccess',
    });
    const own = `arn:aws:iam::${A}:policy/Mine`;
    expect(resolvePolicyRef(own, A, [], MANAGED)).toEqual({ ok: true, ref: own });
  });

  it('refuses, saying what and why: unknown names, unknown managed ARNs, ambiguous names', () => {
    const unknown = resolvePolicyRef('AmazonS3ReadOnlyAccesss', A, [], MANAGED);
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.problem).toMatch(
      /Account 111122223333 has no customer managed policy named "AmazonS3ReadOnlyAccesss"/,
    );
    const arn = resolvePolicyRef('arn:aws:iam::aws:policy/Nope', A, [], MANAGED);
    expect(!arn.ok && arn.problem).toBe(
      'No AWS managed policy has the ARN arn:aws:iam::aws:policy/Nope.',
    );
    const twice = resolvePolicyRef('Twice', A, [], MANAGED);
    expect(!twice.ok && twice.problem).toMatch(
      /names 2 AWS managed policies .*service-role\/Twice/,
    );
    expect(resolvePolicyRef('  ', A, [], MANAGED).ok).toBe(false);
  });
});

describe('the stored place', () => {
  it('reads what was saved', () => {
    expect(parsePlace('{"tab":"lessons","lesson":"01-x","request":2}')).toEqual({
      tab: 'lessons',
      lesson: '01-x',
      request: 2,
    });
  });

  it('falls back to the start on anything malformed, field by field', () => {
    for (const text of [null, '', 'not json', '[]', 'null', '7'])
      expect(parsePlace(text)).toEqual(START);
    expect(parsePlace('{"tab":3,"lesson":"","request":-1}')).toEqual(START);
    expect(parsePlace('{"tab":"console","request":1.5}')).toEqual({ ...START, tab: 'console' });
  });
});

describe('what "Attach policy" offers while a name is typed', () => {
  it('offers the AWS managed policies whose ARN contains the text, ignoring case, in order', () => {
    expect(managedPolicyOptions(MANAGED, ' readonly ')).toEqual([
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    ]);
    expect(managedPolicyOptions(MANAGED, 'service-role/')).toEqual([
      'arn:aws:iam::aws:policy/service-role/Twice',
      'arn:aws:iam::aws:policy/aws-service-role/Twice',
    ]);
    expect(managedPolicyOptions(MANAGED, 'NoSuchPolicy')).toEqual([]);
  });

  it('offers at most the first MANAGED_OPTIONS_LIMIT of a catalog of 1,600, not all of them', () => {
    const catalog = Array.from({ length: 1600 }, (_, i) => `arn:aws:iam::aws:policy/Policy${i}`);
    expect(managedPolicyOptions(catalog, '')).toEqual(catalog.slice(0, MANAGED_OPTIONS_LIMIT));
    expect(MANAGED_OPTIONS_LIMIT).toBe(50);
    // Policy1, Policy10…Policy19, Policy100…Policy199, …: the first 50 in catalog order.
    const ones = catalog.filter((arn) => arn.includes('Policy1'));
    expect(managedPolicyOptions(catalog, 'policy1')).toEqual(ones.slice(0, 50));
  });
});
