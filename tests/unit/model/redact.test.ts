/**
 * Redaction (src/model/redact.ts): names and account ids replaced consistently, and the redacted
 * world deciding every request as the original does — for every example and for random worlds
 * (the analysis's worlds, whose policies hold wildcards, other-case spellings and variables).
 * REDACT_RUNS changes the number of random worlds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadManagedPolicyCatalog } from '../../../src/data/managed-policies.ts';
import {
  evaluateScenario,
  loadScenario,
  redactScenario,
  validateScenario,
  type Scenario,
  type ScenarioDocument,
} from '../../../src/model/index.ts';
import { arbWorld } from '../analysis/worlds.ts';

const NOW = new Date('2026-06-01T12:00:00Z');
const RUNS = Number(process.env['REDACT_RUNS'] ?? 200);
const DERIVED = /^aws:(PrincipalTag\/|PrincipalArn$|PrincipalAccount$|username$|userid$)/i;

function decisions(scenario: ScenarioDocument, catalog: ReadonlyMap<string, unknown>): string[] {
  return evaluateScenario(scenario as unknown as Scenario, { catalog, now: NOW }).map(
    (r) => r.decision,
  );
}

const EXAMPLE_DIR = new URL('../../../src/examples/', import.meta.url);
const examples = readdirSync(EXAMPLE_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({ file, text: readFileSync(new URL(file, EXAMPLE_DIR), 'utf8') }));

describe('redactScenario', () => {
  it('replaces account ids and names everywhere they stand, consistently', () => {
    const world: ScenarioDocument = {
      format: 'iam-playground/scenario',
      version: 1,
      title: 'Alice reads team-reports',
      accounts: {
        '111122223333': {
          name: 'prod',
          policies: { S3Read: { Version: '2012-10-17', Statement: [] } },
          users: {
            alice: {
              groups: ['developers'],
              policies: ['S3Read', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
              tags: { team: 'web' },
            },
          },
          groups: { developers: { inline: { extra: { Version: '2012-10-17', Statement: [] } } } },
          roles: {
            WebRole: {
              trust: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Principal: { Service: 'ec2.amazonaws.com', AWS: '111122223333' },
                    Action: 'sts:AssumeRole',
                  },
                ],
              },
            },
          },
          instanceProfiles: { WebProfile: { role: 'WebRole' } },
        },
      },
      resources: {
        'arn:aws:s3:::team-reports': {
          account: '111122223333',
          policy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: 'arn:aws:iam::111122223333:user/alice' },
                Action: 's3:GetObject',
                Resource: 'arn:aws:s3:::team-reports/home/${aws:username}/*',
                Condition: { StringEquals: { 'aws:username': 'alice' } },
              },
            ],
          },
        },
      },
      requests: [
        {
          id: 'alice-reads',
          principal: 'arn:aws:iam::111122223333:user/alice',
          action: 's3:GetObject',
          resource: 'arn:aws:s3:::team-reports/home/alice/q3.csv',
          expect: 'allowed',
        },
      ],
    };
    const { scenario, replaced, kept } = redactScenario(world);
    const text = JSON.stringify(scenario);
    for (const secret of [
      '111122223333',
      'alice',
      'developers',
      'WebRole',
      'WebProfile',
      'S3Read',
      'team-reports',
      'prod',
      'extra',
    ])
      expect(text, secret).not.toContain(secret);
    expect(kept).toEqual([]);
    expect(replaced.map((r) => r.to)).toEqual([
      '100000000001',
      'account-name-1',
      'user-1',
      'group-1',
      'role-1',
      'policy-1',
      'instance-profile-1',
      'inline-policy-1',
      'bucket-1',
    ]);
    // AWS managed policies, services, actions and tag keys stay.
    expect(text).toContain('arn:aws:iam::aws:policy/ReadOnlyAccess');
    expect(text).toContain('ec2.amazonaws.com');
    expect(text).toContain('"team":"web"');
    const requests = scenario['requests'] as Record<string, unknown>[];
    expect(requests[0]).toMatchObject({
      id: 'user-1-reads',
      principal: 'arn:aws:iam::100000000001:user/user-1',
      resource: 'arn:aws:s3:::bucket-1/home/user-1/q3.csv',
    });
    expect(scenario['title']).toBe('user-1 reads bucket-1');
    // Same input, same output; the input is untouched.
    expect(redactScenario(world).scenario).toEqual(scenario);
    expect(JSON.stringify(world)).toContain('alice');
    expect(validateScenario(scenario).filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('keeps a name a wildcard pattern or another-case spelling reaches, and says why', () => {
    const { scenario, kept } = redactScenario({
      format: 'iam-playground/scenario',
      version: 1,
      accounts: {
        '111122223333': { users: { alice: {}, bob: {} }, roles: { Dev: {} } },
      },
      requests: [
        {
          principal: 'arn:aws:iam::111122223333:user/bob',
          action: 's3:ListBucket',
          resource: '*',
          context: { 'aws:SourceVpc': 'ali*', 'aws:PrincipalTag/x': 'DEV' },
        },
      ],
    });
    expect(kept).toEqual([
      { kind: 'user', name: 'alice', reason: 'the pattern "ali*" matches it' },
      { kind: 'role', name: 'Dev', reason: '"DEV" is the same word in another case' },
    ]);
    expect(JSON.stringify(scenario)).not.toContain('bob');
  });

  it('decides every example exactly as the original', async () => {
    const catalog = await loadManagedPolicyCatalog();
    expect(examples.length).toBeGreaterThanOrEqual(10);
    for (const { file, text } of examples) {
      const original = loadScenario(text).scenario!;
      const { scenario, replaced } = redactScenario(original as unknown as ScenarioDocument);
      expect(replaced.length, file).toBeGreaterThan(0);
      const problems = validateScenario(scenario).filter((p) => p.severity === 'error');
      expect(problems, file).toEqual([]);
      expect(decisions(scenario, catalog), file).toEqual(
        decisions(original as unknown as ScenarioDocument, catalog),
      );
      // Every account id of the example is gone.
      for (const account of Object.keys(original.accounts ?? {}))
        if (
          !redactScenario(original as unknown as ScenarioDocument).kept.some(
            (k) => k.name === account,
          )
        )
          expect(JSON.stringify(scenario), `${file}: ${account}`).not.toContain(account);
    }
  }, 120_000);

  it('decides every request of random worlds exactly as the original (property)', () => {
    const catalog = new Map<string, unknown>();
    let redactedNames = 0;
    fc.assert(
      fc.property(arbWorld, ({ cases, scenario }) => {
        // The cases' request context too (keys the program derives left out).
        const world = {
          ...scenario,
          requests: scenario.requests!.map((r, i) => ({
            ...r,
            context: Object.fromEntries(
              Object.entries(cases[i]!.context).filter(([k]) => !DERIVED.test(k)),
            ),
          })),
        } as unknown as ScenarioDocument;
        const redacted = redactScenario(world);
        redactedNames += redacted.replaced.length;
        expect(decisions(redacted.scenario, catalog)).toEqual(decisions(world, catalog));
      }),
      { numRuns: RUNS },
    );
    // The property is not vacuous: names were replaced.
    expect(redactedNames).toBeGreaterThan(RUNS);
  }, 300_000);
});
