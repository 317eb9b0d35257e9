/// <reference types="node" />
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario, validateScenario } from '../../../src/model/index.ts';

const fixtures = fileURLToPath(new URL('../../fixtures/malformed', import.meta.url));
const examples = fileURLToPath(new URL('../../../src/examples', import.meta.url));

/** file → the first problem's code and line. */
const MALFORMED: [file: string, code: string, line: number][] = [
  ['01-trailing-comma.json', 'json-syntax', 4],
  ['02-missing-comma.json', 'json-syntax', 3],
  ['03-single-quotes.json', 'json-syntax', 2],
  ['04-comment.json', 'json-syntax', 2],
  ['05-unterminated-string.json', 'json-syntax', 2],
  ['06-empty.json', 'json-syntax', 1],
  ['07-not-an-object.json', 'wrong-type', 1],
  ['08-missing-format.json', 'missing-property', 1],
  ['09-wrong-format.json', 'wrong-format', 2],
  ['10-version-as-string.json', 'wrong-version', 3],
  ['11-future-version.json', 'unsupported-version', 3],
  ['12-unknown-top-level-property.json', 'unknown-property', 4],
  ['13-bad-account-id.json', 'invalid-account-id', 4],
  ['14-users-not-object.json', 'wrong-type', 4],
  ['15-unknown-customer-policy.json', 'unknown-policy', 7],
  ['16-unknown-managed-policy.json', 'unknown-managed-policy', 6],
  ['17-unknown-boundary.json', 'unknown-policy', 5],
  ['18-role-name-used-twice.json', 'duplicate-key', 8],
  ['19-role-name-differs-only-in-case.json', 'duplicate-name', 8],
  ['20-instance-profile-missing-role.json', 'unknown-role', 7],
  ['21-principal-in-missing-account.json', 'unknown-account', 7],
  ['22-missing-user.json', 'unknown-user', 7],
  ['23-unknown-group.json', 'unknown-group', 5],
  ['24-bad-principal.json', 'invalid-principal', 5],
  ['25-wildcard-action.json', 'invalid-action', 5],
  ['26-anonymous-unknown-owner.json', 'unknown-resource-owner', 5],
  ['27-service-unknown-owner.json', 'unknown-resource-owner', 5],
  ['28-bad-expect.json', 'invalid-expect', 10],
  ['29-context-object-value.json', 'wrong-type', 10],
  ['30-proto-key-as-account.json', 'invalid-account-id', 4],
  ['31-proto-key-in-user.json', 'unknown-property', 6],
  ['32-constructor-user-principal.json', 'unknown-user', 7],
  ['33-unknown-scp.json', 'unknown-policy', 7],
  ['34-account-twice-in-organization.json', 'duplicate-account', 7],
  ['35-policy-not-a-document.json', 'wrong-type', 5],
  ['36-policy-missing-effect.json', 'missing-effect', 9],
  ['37-assume-missing-role.json', 'unknown-role', 9],
  ['38-session-policy-on-user.json', 'session-policy-not-allowed', 10],
  ['39-invalid-escape.json', 'json-syntax', 4],
  ['40-missing-request-fields.json', 'missing-property', 4],
  ['41-assume-step-role-and-federated-user.json', 'invalid-assume-step', 9],
];

function load(text: string) {
  return loadScenario(text);
}

describe('malformed scenarios', () => {
  it('has a row in the table for every fixture file', () => {
    expect(readdirSync(fixtures).sort()).toEqual(MALFORMED.map(([file]) => file));
  });

  it.each(MALFORMED)('%s is refused with %s at line %i', (file, code, line) => {
    const result = load(readFileSync(join(fixtures, file), 'utf8'));
    expect(result.scenario).toBeNull();
    const first = result.problems[0]!;
    expect(first).toMatchObject({ code, severity: 'error', line });
    expect(first.column).toBeGreaterThan(0);
    expect(first.message.length).toBeGreaterThan(20);
  });

  it('never changes Object.prototype, whatever the keys', () => {
    for (const [file] of MALFORMED) load(readFileSync(join(fixtures, file), 'utf8'));
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('users');
    expect(({} as Record<string, unknown>).policies).toBeUndefined();
  });

  it('refuses a newer version with one problem, without reading the rest', () => {
    const result = load(readFileSync(join(fixtures, '11-future-version.json'), 'utf8'));
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.message).toMatch(/version 2, but this program reads version 1 only/);
  });

  it('reports every problem of a document, not just the first', () => {
    const text = JSON.stringify({
      format: 'iam-playground/scenario',
      version: 1,
      accounts: {
        '111122223333': { users: { alice: { groups: ['nope'], policies: ['Missing'] } } },
      },
      requests: [
        {
          principal: 'anonymous',
          action: 's3:GetObject',
          resource: 'arn:aws:s3:::b/k',
          expect: 'maybe',
        },
      ],
    });
    const codes = load(text).problems.map((p) => p.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'unknown-group',
        'unknown-policy',
        'unknown-resource-owner',
        'invalid-expect',
      ]),
    );
  });
});

describe('huge and hostile documents', () => {
  it('refuses a document over the size limit quickly', () => {
    const big = `{"format": "iam-playground/scenario", "version": 1, "title": "${'x'.repeat(6_000_000)}"}`;
    const started = Date.now();
    const result = load(big);
    expect(result.problems[0]).toMatchObject({ code: 'json-syntax', line: 1, column: 1 });
    expect(result.problems[0]!.message).toMatch(/too large/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses deep nesting with a located message instead of overflowing the stack', () => {
    const deep = `{"format": "iam-playground/scenario", "version": 1, "title": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    const result = load(deep);
    expect(result.problems[0]).toMatchObject({ code: 'json-syntax', line: 1 });
    expect(result.problems[0]!.message).toMatch(/nested too deeply/);
  });

  it('validates a world of 5,000 users in reasonable time', () => {
    const users = Object.fromEntries(
      Array.from({ length: 5000 }, (_, i) => [`user${i}`, { groups: ['g'], policies: ['P'] }]),
    );
    const scenario = {
      format: 'iam-playground/scenario',
      version: 1,
      accounts: {
        '111122223333': {
          policies: {
            P: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
            },
          },
          groups: { g: {} },
          users,
        },
      },
    };
    const started = Date.now();
    const result = load(JSON.stringify(scenario, null, 1));
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('reports 2,000 wrong references each at its own line', () => {
    const users = Object.fromEntries(
      Array.from({ length: 2000 }, (_, i) => [`u${i}`, { policies: [`Nope${i}`] }]),
    );
    const text = JSON.stringify(
      { format: 'iam-playground/scenario', version: 1, accounts: { '111122223333': { users } } },
      null,
      2,
    );
    const problems = load(text).problems.filter((p) => p.code === 'unknown-policy');
    expect(problems).toHaveLength(2000);
    expect(new Set(problems.map((p) => p.line)).size).toBe(2000);
  });
});

describe('valid scenarios', () => {
  it('accepts an empty world', () => {
    expect(load('{"format": "iam-playground/scenario", "version": 1}')).toMatchObject({
      problems: [],
      scenario: { version: 1 },
    });
  });

  it.each(readdirSync(examples).filter((f) => f.endsWith('.json')))(
    'example %s has no problems',
    (file) => {
      const result = load(readFileSync(join(examples, file), 'utf8'));
      expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(result.scenario).not.toBeNull();
    },
  );

  it('validates a parsed value without positions too', () => {
    const problems = validateScenario({
      format: 'iam-playground/scenario',
      version: 1,
      accounts: { x: {} },
    });
    expect(problems).toEqual([
      expect.objectContaining({ code: 'invalid-account-id', path: ['accounts', 'x'] }),
    ]);
    expect(problems[0]!.line).toBeUndefined();
  });

  it('accepts every principal form of the format', () => {
    const scenario = {
      format: 'iam-playground/scenario',
      version: 1,
      accounts: {
        '111122223333': {
          users: { alice: { path: '/eng/' } },
          roles: { R: {} },
          instanceProfiles: { P: { role: 'R' } },
        },
      },
      resources: { 'arn:aws:s3:::b': { account: '111122223333' } },
      requests: [
        'arn:aws:iam::111122223333:user/eng/alice',
        'arn:aws:iam::111122223333:role/R',
        'arn:aws:sts::111122223333:assumed-role/R/my-session',
        'arn:aws:iam::111122223333:root',
        'arn:aws:iam::111122223333:instance-profile/P',
        'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
        'arn:aws:iam::111122223333:saml-provider/Okta',
        'ec2.amazonaws.com',
        'anonymous',
      ].map((principal) => ({ principal, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' })),
    };
    expect(validateScenario(scenario)).toEqual([]);
  });

  it('says when a role ARN to assume misses the path the role has', () => {
    const problems = validateScenario({
      format: 'iam-playground/scenario',
      version: 1,
      accounts: { '111122223333': { roles: { R: { path: '/app/' } } } },
      requests: [
        {
          principal: 'arn:aws:iam::111122223333:root',
          action: 'sts:AssumeRole',
          resource: 'arn:aws:iam::111122223333:role/R',
        },
      ],
    });
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'wrong-path',
        path: ['requests', 0, 'resource'],
        message: expect.stringContaining('arn:aws:iam::111122223333:role/app/R'),
      }),
    ]);
  });

  it.each([
    ['user', 'users', 2048],
    ['group', 'groups', 5120],
    ['role', 'roles', 10240],
  ])("limits a %s's inline policies together to %i characters", (_, key, limit) => {
    const statement = (n: number) => ({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${'b'.repeat(n)}/*`,
    });
    const half = (limit - 200) / 2;
    const inline = {
      one: { Version: '2012-10-17', Statement: [statement(half)] },
      two: { Version: '2012-10-17', Statement: [statement(half)] },
    };
    const world = (docs: object) => ({
      format: 'iam-playground/scenario',
      version: 1,
      accounts: { '111122223333': { [key]: { x: { inline: docs } } } },
    });
    expect(validateScenario(world({ one: inline.one }), { validatePolicy: false })).toEqual([]);
    expect(validateScenario(world(inline), { validatePolicy: false })).toEqual([
      expect.objectContaining({
        code: 'inline-size',
        path: ['accounts', '111122223333', key, 'x', 'inline'],
      }),
    ]);
  });

  it('refuses OUs nested deeper than the five levels AWS Organizations allows', () => {
    let node: Record<string, unknown> = {};
    for (let i = 6; i >= 1; i--) node = { ous: { [`L${i}`]: node } };
    const problems = validateScenario({
      format: 'iam-playground/scenario',
      version: 1,
      organization: { root: node },
    });
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'too-deep',
        message: expect.stringContaining('OU L6 is nested 6 levels'),
      }),
    ]);
  });

  it('says when a user ARN misses the path the user has', () => {
    const problems = validateScenario({
      format: 'iam-playground/scenario',
      version: 1,
      accounts: { '111122223333': { users: { alice: { path: '/eng/' } } } },
      requests: [
        {
          principal: 'arn:aws:iam::111122223333:user/alice',
          action: 's3:GetObject',
          resource: '*',
        },
      ],
    });
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'wrong-path',
        message: expect.stringContaining('arn:aws:iam::111122223333:user/eng/alice'),
      }),
    ]);
  });
});
