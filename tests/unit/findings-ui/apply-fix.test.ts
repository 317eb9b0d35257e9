import { describe, expect, it } from 'vitest';
import { applyFix } from '../../../src/ui/findings/apply-fix.ts';
import type { ScenarioDocument as Scenario } from '../../../src/model/world/index.ts';
import { getIn } from '../../../src/model/json-path.ts';

const A = '111122223333';
const statement = ['accounts', A, 'users', 'alice', 'inline', 'ReadReports', 'Statement', 0];

function lessonScenario(): Scenario {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: {
      [A]: {
        users: {
          alice: {
            inline: {
              ReadReports: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: ['s3:ListBucket', 's3:GetObject'],
                    Resource: 'arn:aws:s3:::example-reports/*',
                  },
                ],
              },
            },
          },
        },
        roles: { WebRole: { policies: [] } },
      },
    },
    organization: { root: { scps: ['DenyAll'] } },
  };
}

describe('applyFix', () => {
  it('replaces the value at the path in a copy, leaving the original untouched', () => {
    const before = lessonScenario();
    const frozen = JSON.stringify(before);
    const replacement = ['arn:aws:s3:::example-reports/*', 'arn:aws:s3:::example-reports'];
    const result = applyFix(before, { path: [...statement, 'Resource'], replacement });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(getIn(result.value, [...statement, 'Resource'])).toEqual(replacement);
    expect(JSON.stringify(before)).toBe(frozen);
    // Only the containers on the path are copied; the rest is shared.
    expect(result.value['organization']).toBe(before['organization']);
    expect(result.value['accounts']).not.toBe(before['accounts']);
  });

  it.each([
    ['a new last key in an existing object', ['accounts', A, 'roles', 'WebRole', 'trust'], {}],
    ['an existing list item', ['organization', 'root', 'scps', 0], 'FullAWSAccess'],
    ['an item right after the end of a list', ['organization', 'root', 'scps', 1], 'FullAWSAccess'],
    ['a top-level key', ['description'], 'Fixed'],
  ])('writes %s', (_, path, replacement) => {
    const result = applyFix(lessonScenario(), { path, replacement });
    expect(result.ok && getIn(result.value, path)).toEqual(replacement);
  });

  it.each([
    ['a missing container on the way', ['accounts', A, 'roles', 'Gone', 'trust'], /changed/],
    ['a missing account', ['accounts', '999999999999', 'policies', 'P'], /changed/],
    ['a path through a string', [...statement, 'Resource', 'x'], /changed/],
    ['an index past the end of a list', ['organization', 'root', 'scps', 5], /no place 5/],
    ['a negative index', ['organization', 'root', 'scps', -1], /no place -1/],
    ['a key into a list', ['organization', 'root', 'scps', 'first'], /no place first/],
    ['an index into an object', ['organization', 'root', 0], /is an object/],
    ['the whole scenario', [], /whole scenario/],
  ])('refuses %s, with a reason', (_, path, reason) => {
    const before = lessonScenario();
    const result = applyFix(before, { path, replacement: 'x' });
    expect(result).toEqual({ ok: false, problem: expect.stringMatching(reason) });
  });

  it('returns the same scenario when the fix is already in place', () => {
    const before = lessonScenario();
    const result = applyFix(before, {
      path: ['organization', 'root', 'scps'],
      replacement: ['DenyAll'],
    });
    expect(result.ok && result.value).toBe(before);
  });

  it('applies a fix made for an older scenario when the value at its path is unchanged', () => {
    const basis = lessonScenario();
    const later = { ...basis, description: 'edited elsewhere' };
    const path = ['organization', 'root', 'scps'];
    const result = applyFix(later, { path, replacement: ['FullAWSAccess', 'DenyAll'] }, basis);
    expect(result.ok && result.value['description']).toBe('edited elsewhere');
    expect(result.ok && getIn(result.value, path)).toEqual(['FullAWSAccess', 'DenyAll']);
  });

  it('refuses a fix made for an older value at its path, keeping the newer edit', () => {
    const basis = lessonScenario();
    const path = ['organization', 'root', 'scps'];
    const later = applyFix(basis, { path, replacement: ['DenyAll', 'Other'] });
    expect(later.ok).toBe(true);
    if (!later.ok) return;
    const result = applyFix(
      later.value,
      { path, replacement: ['FullAWSAccess', 'DenyAll'] },
      basis,
    );
    expect(result).toEqual({ ok: false, problem: expect.stringMatching(/changed since/) });
  });

  it('keeps a hostile key as plain data', () => {
    const before = lessonScenario();
    const result = applyFix(before, { path: ['__proto__'], replacement: { polluted: true } });
    expect(result.ok).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(result.ok && Object.hasOwn(result.value, '__proto__')).toBe(true);
  });
});
