/// <reference types="node" />
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadManagedPolicyCatalog,
  type ManagedPolicyCatalog,
} from '../../../src/data/managed-policies.ts';
import {
  evaluateScenario,
  loadScenario,
  meetsExpectation,
  type Scenario,
} from '../../../src/model/index.ts';

const examples = fileURLToPath(new URL('../../../src/examples', import.meta.url));
const NOW = new Date('2026-01-01T00:00:00Z');
const A = '111122223333';
const allowAll = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
};

function scenario(extra: Partial<Scenario>): Scenario {
  return { format: 'iam-playground/scenario', version: 1, ...extra };
}

let catalog: ManagedPolicyCatalog;
// The catalog is a few megabytes of JavaScript: loading it through Vitest's transform takes seconds.
beforeAll(async () => {
  catalog = await loadManagedPolicyCatalog();
}, 60_000);

describe('evaluateScenario', () => {
  it.each(readdirSync(examples).filter((f) => f.endsWith('.json')))(
    'every request of example %s meets its expectation',
    (file) => {
      const loaded = loadScenario(readFileSync(join(examples, file), 'utf8'));
      expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const results = evaluateScenario(loaded.scenario!, { catalog, now: NOW });
      expect(results.length).toBeGreaterThan(0);
      for (const result of results) {
        expect(result.expect, `request ${result.id}`).not.toBeNull();
        expect({ id: result.id, pass: result.pass }).toEqual({ id: result.id, pass: true });
      }
    },
  );

  it('uses the request index as id when the request has none, and null when it has no expect', () => {
    const results = evaluateScenario(
      scenario({
        accounts: { [A]: {} },
        requests: [
          { principal: `arn:aws:iam::${A}:root`, action: 's3:ListAllMyBuckets', resource: '*' },
        ],
      }),
      { catalog: new Map(), now: NOW },
    );
    expect(results).toEqual([
      expect.objectContaining({ id: 0, expect: null, pass: true, decision: 'allowed' }),
    ]);
  });

  it('puts the instance-profile chain before the decision, and stops it when EC2 is not trusted', () => {
    const world = scenario({
      accounts: {
        [A]: {
          roles: {
            Trusted: {
              trust: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: { Service: 'ec2.amazonaws.com' },
                    Action: 'sts:AssumeRole',
                  },
                ],
              },
              inline: { all: allowAll },
            },
            Untrusted: { inline: { all: allowAll } },
          },
          instanceProfiles: { Good: { role: 'Trusted' }, Bad: { role: 'Untrusted' } },
        },
      },
      requests: ['Good', 'Bad'].map((p) => ({
        principal: `arn:aws:iam::${A}:instance-profile/${p}`,
        action: 'sqs:SendMessage',
        resource: `arn:aws:sqs:eu-west-1:${A}:q`,
      })),
    });
    const [good, bad] = evaluateScenario(world, { catalog: new Map(), now: NOW });
    expect(good).toMatchObject({
      decision: 'allowed',
      chain: [{ title: 'EC2 assumes role Trusted for instance profile Good', decision: 'allowed' }],
    });
    expect(bad).toMatchObject({ decision: 'implicitDeny', chain: [{ decision: 'implicitDeny' }] });
    expect(bad!.trace.summary).toMatch(/does not let ec2.amazonaws.com perform sts:AssumeRole/);
  });

  it.each([
    ['allowed', 'allowed', true],
    ['explicitDeny', 'denied', true],
    ['implicitDeny', 'denied', true],
    ['allowed', 'denied', false],
    ['implicitDeny', 'explicitDeny', false],
    ['allowed', null, true],
  ] as const)('a decision %s meets expect %s: %s', (decision, expect_, pass) => {
    expect(meetsExpectation(decision, expect_)).toBe(pass);
  });

  it('marks a request it cannot resolve with its problems instead of throwing', () => {
    const world = scenario({
      accounts: { [A]: { users: { u: { policies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } } } },
      requests: [
        {
          principal: `arn:aws:iam::${A}:user/u`,
          action: 's3:GetObject',
          resource: '*',
          expect: 'implicitDeny',
        },
      ],
    });
    const [result] = evaluateScenario(world, { catalog: new Map(), now: NOW });
    expect(result).toMatchObject({
      pass: false,
      problems: [{ code: 'managed-policy-not-loaded' }],
    });
  });

  it.each([
    ['an empty action', '', 'arn:aws:s3:::b/k', 'invalid-action', 'action'],
    ['a wildcard action', 's3:Get*', 'arn:aws:s3:::b/k', 'invalid-action', 'action'],
    ['an empty resource', 's3:GetObject', '', 'invalid-arn', 'resource'],
    ['a resource that is not an ARN', 's3:GetObject', 'my-bucket', 'invalid-arn', 'resource'],
  ])('does not decide a request with %s', (_name, action, resource, code, field) => {
    const world = scenario({
      accounts: { [A]: { users: { u: { inline: { all: allowAll } } } } },
      requests: [{ principal: `arn:aws:iam::${A}:user/u`, action, resource }],
    });
    const [result] = evaluateScenario(world, { catalog, now: NOW });
    expect(result?.problems).toEqual([
      expect.objectContaining({ code, path: ['requests', 0, field] }),
    ]);
  });
});
