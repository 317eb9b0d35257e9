import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PolicyKind } from '../../../src/engine/types.ts';
import { loadServiceReference } from '../../../src/data/service-reference.ts';
import { checkPolicy, checkScenario } from '../../../src/findings/index.ts';

/** Small JSON values: shape matters here, not size. */
const json = fc.jsonValue({ maxDepth: 2 });

const ref = await loadServiceReference(['s3', 'iam', 'sts', 'ec2']);
const KINDS: PolicyKind[] = [
  'identity',
  'resource',
  'trust',
  'kms',
  'boundary',
  'session',
  'scp',
  'rcp',
];

/** Policy-shaped values: the right element names with values of any shape. */
const element = fc.oneof(
  json,
  fc.constantFrom(
    '*',
    's3:GetObject',
    's3:Get*',
    'arn:aws:s3:::b',
    'arn:aws:s3:::b/*',
    'iam:PassRole',
  ),
  fc.array(fc.constantFrom('*', 's3:ListBucket', 'arn:aws:s3:::b/*', 42, null)),
);
const statement = fc.record(
  {
    Effect: fc.constantFrom('Allow', 'Deny', 'allow', 3),
    Action: element,
    NotAction: element,
    Resource: element,
    NotResource: element,
    Principal: fc.oneof(fc.constant('*'), fc.record({ AWS: element, Service: element }), json),
    Condition: fc.oneof(
      json,
      fc.dictionary(
        fc.constantFrom('Bool', 'StringEquals', 'DateLessThan', 'ForAnyValue:StringLike', 'Nope'),
        fc.dictionary(fc.constantFrom('aws:SourceIp', 's3:prefix', 'aws:Nope', 'x'), json),
      ),
    ),
  },
  { requiredKeys: [] },
);
const policy = fc.oneof(
  json,
  fc.record({
    Version: fc.constant('2012-10-17'),
    Statement: fc.oneof(statement, fc.array(statement)),
  }),
);

describe('findings never throw', () => {
  it('on any policy-shaped value, of any kind', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(policy, fc.constantFrom(...KINDS), (document, kind) => {
        expect(
          Array.isArray(checkPolicy(document, kind, ref, undefined, { account: '111122223333' })),
        ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('on any scenario-shaped value', { timeout: 60_000 }, () => {
    const scenario = fc.record(
      {
        organization: fc.oneof(
          json,
          fc.record({ policies: fc.dictionary(fc.string(), policy, { maxKeys: 3 }), root: json }),
        ),
        accounts: fc.oneof(
          json,
          fc.dictionary(
            fc.constantFrom('111122223333', 'x'),
            fc.record(
              {
                policies: fc.dictionary(fc.string(), policy, { maxKeys: 3 }),
                users: json,
                roles: fc.dictionary(
                  fc.string(),
                  fc.record({ trust: policy, inline: json }, { requiredKeys: [] }),
                ),
                instanceProfiles: json,
              },
              { requiredKeys: [] },
            ),
          ),
        ),
        resources: fc.oneof(json, fc.dictionary(fc.string(), fc.record({ policy, account: json }))),
        requests: fc.oneof(json, fc.array(fc.record({ action: element, sessionPolicy: policy }))),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(scenario, (value) => {
        expect(Array.isArray(checkScenario(value, ref))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
