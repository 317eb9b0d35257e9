/**
 * Fixed cases of the access analysis: the keys a conditional cell names, the layer a denied
 * cell names, the resources a row covers, and the callers outside the world a policy admits.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AnalysisInputError,
  changeImpact,
  decideCell,
  forceConditions,
  layerOf,
  requirePrincipal,
  whatCan,
  whoCan,
  worldPrincipals,
  type AnalysisWorld,
  type Cell,
  type WhatCanResult,
} from '../../../src/analysis/index.ts';
import {
  loadServiceReference,
  type ServiceReference,
} from '../../../src/data/service-reference.ts';
import { evaluate, type EvaluationInput } from '../../../src/engine/index.ts';
import { evaluateScenario, type Scenario } from '../../../src/model/index.ts';

const A = '111122223333';
const B = '444455556666';
const NOW = new Date('2026-06-01T12:00:00Z');
const V = '2012-10-17';

const scenario: Scenario = {
  format: 'iam-playground/scenario',
  version: 1,
  organization: {
    id: 'o-a1b2c3d4e5',
    managementAccount: '999988887777',
    policies: {
      NoSns: { Version: V, Statement: [{ Effect: 'Allow', NotAction: 'sns:*', Resource: '*' }] },
      NoSecretsFromOutside: {
        Version: V,
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 'secretsmanager:*',
            Resource: '*',
            Condition: { StringNotEquals: { 'aws:PrincipalAccount': B } },
          },
        ],
      },
    },
    root: { accounts: { [A]: { scps: ['NoSns'] }, [B]: { rcps: ['NoSecretsFromOutside'] } } },
  },
  accounts: {
    [A]: {
      policies: {
        OnlyS3: { Version: V, Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
      },
      users: {
        alice: {
          inline: {
            Work: {
              Version: V,
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 's3:GetObject',
                  Resource: 'arn:aws:s3:::*/*',
                  Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
                },
                {
                  Effect: 'Allow',
                  Action: 'sqs:SendMessage',
                  Resource: '*',
                  Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
                },
                { Effect: 'Allow', Action: ['sns:Publish', 'sts:AssumeRole'], Resource: '*' },
                { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' },
                { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' },
                { Effect: 'Deny', Action: 'dynamodb:DeleteTable', Resource: '*' },
              ],
            },
          },
        },
      },
      roles: {
        Dev: {
          trust: {
            Version: V,
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: `arn:aws:iam::${A}:root` },
                Action: 'sts:AssumeRole',
              },
            ],
          },
          boundary: 'OnlyS3',
          inline: {
            All: {
              Version: V,
              Statement: [
                {
                  Effect: 'Allow',
                  Action: ['s3:GetObject', 'sqs:*'],
                  Resource: '*',
                  Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
                },
              ],
            },
          },
        },
        Locked: {},
      },
    },
    [B]: { users: { bob: {} } },
  },
  resources: {
    'arn:aws:s3:::payroll': {
      account: A,
      policy: {
        Version: V,
        Statement: [
          {
            Sid: 'Everyone',
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::payroll/public/*',
          },
          {
            Sid: 'Partner',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${B}:root` },
            Action: 's3:ListBucket',
            Resource: 'arn:aws:s3:::payroll',
          },
          {
            Sid: 'Org',
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: 'arn:aws:s3:::payroll/*',
            Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
          },
          {
            Sid: 'Logs',
            Effect: 'Allow',
            Principal: { Service: 'logging.s3.amazonaws.com' },
            Action: 's3:PutObject',
            Resource: 'arn:aws:s3:::payroll/*',
          },
        ],
      },
    },
    [`arn:aws:secretsmanager:us-east-1:${B}:secret:db-AbCdEf`]: {
      account: B,
      policy: {
        Version: V,
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${A}:user/alice` },
            Action: 'secretsmanager:GetSecretValue',
            Resource: '*',
          },
        ],
      },
    },
  },
};

const world: AnalysisWorld = { scenario, catalog: new Map(), now: NOW };
const ALICE = `arn:aws:iam::${A}:user/alice`;
const DEV = `arn:aws:iam::${A}:role/Dev`;
let reference: ServiceReference;
let kms: ServiceReference;
let ec2AndSqs: ServiceReference;

beforeAll(async () => {
  reference = await loadServiceReference(['s3', 'sqs', 'sns', 'sts', 'secretsmanager', 'dynamodb']);
  kms = await loadServiceReference(['kms']);
  ec2AndSqs = await loadServiceReference(['ec2', 'sqs']);
});

/** A policy document, and the head of a scenario, for the small worlds of single tests. */
const doc = (Statement: unknown[]) => ({ Version: V, Statement });
const HEADER = { format: 'iam-playground/scenario', version: 1 } as const;

function cell(result: WhatCanResult, action: string, resource: string): Cell {
  for (const s of result.services)
    for (const l of s.levels)
      for (const a of l.actions)
        if (a.action === action) {
          const found = a.cells.find((c) => c.resource === resource);
          if (found) return found;
          throw new Error(
            `${action} has no cell for ${resource}: ${a.cells.map((c) => c.resource).join(', ')}`,
          );
        }
  throw new Error(`no row for ${action}`);
}

describe('what-can', () => {
  it('names the keys a conditional cell turns on, and the layer that stops a denied one', () => {
    const r = whatCan(world, ALICE, reference);
    // MFA for a user: how the user signs in decides it, so the cell is conditional on it.
    expect(cell(r, 's3:GetObject', 'arn:aws:s3:::any-other-bucket/any-other-object')).toMatchObject(
      {
        status: 'conditional',
        decision: 'implicitDeny',
        keys: ['aws:MultiFactorAuthPresent'],
        resourceKind: 'other',
      },
    );
    expect(cell(r, 'sqs:SendMessage', `arn:aws:sqs:us-east-1:${A}:any-other-queue`)).toMatchObject({
      status: 'conditional',
      keys: ['aws:SourceIp'],
    });
    expect(cell(r, 'sns:Publish', `arn:aws:sns:us-east-1:${A}:any-other-topic`)).toMatchObject({
      status: 'denied',
      layer: 'SCP',
    });
    expect(
      cell(r, 'dynamodb:DeleteTable', `arn:aws:dynamodb:us-east-1:${A}:table/any-other-table`),
    ).toMatchObject({
      status: 'denied',
      decision: 'explicitDeny',
      layer: 'explicit deny',
    });
    expect(
      cell(r, 'dynamodb:PutItem', `arn:aws:dynamodb:us-east-1:${A}:table/any-other-table`).status,
    ).toBe('allowed');
    expect(cell(r, 'sts:AssumeRole', `arn:aws:iam::${A}:role/Locked`)).toMatchObject({
      status: 'denied',
      layer: 'missing trust',
    });
    expect(cell(r, 'sts:AssumeRole', DEV).status).toBe('allowed');
    expect(cell(r, 'sqs:DeleteQueue', `arn:aws:sqs:us-east-1:${A}:any-other-queue`)).toMatchObject({
      status: 'denied',
      layer: 'no allow',
    });
    // The RCP on account B lets only B's principals at its secrets, whatever its policy says
    // (RCPs deny explicitly: RCPFullAWSAccess allows the rest on every level).
    expect(
      cell(
        r,
        'secretsmanager:GetSecretValue',
        `arn:aws:secretsmanager:us-east-1:${B}:secret:db-AbCdEf`,
      ),
    ).toMatchObject({
      status: 'denied',
      decision: 'explicitDeny',
      step: 'explicit-deny',
      layer: 'RCP', // the RCP's Deny statement, not an identity or resource policy's
    });
    // Actions without resource types are decided on "*".
    expect(cell(r, 'sqs:ListQueues', '*').resourceKind).toBe('*');
    expect(r.stats.requests).toBeLessThan(r.stats.cells);
  });

  it('does not call a key conditional when the world gives it (a role session has no MFA)', () => {
    const r = whatCan(world, DEV, reference, { services: ['s3', 'sqs'] });
    expect(cell(r, 's3:GetObject', 'arn:aws:s3:::any-other-bucket/any-other-object')).toMatchObject(
      {
        status: 'denied',
        layer: 'no allow',
      },
    );
    // The boundary allows only S3: sqs stops there even with MFA.
    const { verdict } = decideCell(
      { ...world, scenario: withMfaFreeRole() },
      DEV,
      'sqs:SendMessage',
      `arn:aws:sqs:us-east-1:${A}:q`,
    );
    expect(verdict).toMatchObject({ status: 'denied', layer: 'boundary' });
  });

  it('keeps apart objects of buckets whose entries differ, though every pattern matches them alike', () => {
    // Two buckets of account B; only "shared" lets account A in. Their other objects match the
    // same patterns (only `*`) and have the same owner: the bucket's entry must tell them apart.
    const twoBuckets: Scenario = {
      ...HEADER,
      accounts: {
        [A]: {
          users: {
            carol: {
              inline: { Read: doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]) },
            },
          },
        },
        [B]: {},
      },
      resources: {
        'arn:aws:s3:::closed': { account: B },
        'arn:aws:s3:::shared': {
          account: B,
          policy: doc([
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${A}:root` },
              Action: 's3:GetObject',
              Resource: '*',
            },
          ]),
        },
      },
    };
    const w: AnalysisWorld = { scenario: twoBuckets, catalog: new Map(), now: NOW };
    const carol = `arn:aws:iam::${A}:user/carol`;
    const r = whatCan(w, carol, reference, { services: ['s3'] });
    for (const bucket of ['closed', 'shared']) {
      const arn = `arn:aws:s3:::${bucket}/any-other-object`;
      expect(cell(r, 's3:GetObject', arn).status).toBe(
        decideCell(w, carol, 's3:GetObject', arn).verdict.status,
      );
    }
    expect(cell(r, 's3:GetObject', 'arn:aws:s3:::shared/any-other-object').status).toBe('allowed');
    expect(cell(r, 's3:GetObject', 'arn:aws:s3:::closed/any-other-object').status).toBe('denied');
  });

  it('decides each KMS action by itself on a key whose grants name operations', () => {
    // No policy tells kms:Decrypt from kms:Encrypt, but the key's grant does.
    const key = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const granted: Scenario = {
      ...HEADER,
      accounts: { [A]: { users: { dan: {} } } },
      resources: {
        [key]: {
          account: A,
          grants: [{ grantee: `arn:aws:iam::${A}:user/dan`, operations: ['Decrypt'] }],
        },
      },
    };
    const w: AnalysisWorld = { scenario: granted, catalog: new Map(), now: NOW };
    const dan = `arn:aws:iam::${A}:user/dan`;
    const r = whatCan(w, dan, kms, { services: ['kms'] });
    expect(cell(r, 'kms:Decrypt', key).status).toBe('allowed');
    expect(cell(r, 'kms:Encrypt', key).status).toBe('denied');
    // Without grants the key's actions share one decision: the default key policy says kms:*.
    expect(r.stats.requests).toBeLessThan(r.stats.actions);
  });

  it('keeps actions of an RCP service apart from those of a service RCPs do not govern', () => {
    // Only the `*` pattern touches EC2 and SQS, but the RCP (its Deny) governs SQS alone.
    const denyAll: Scenario = {
      ...HEADER,
      organization: {
        id: 'o-a1b2c3d4e5',
        managementAccount: '999988887777',
        policies: {
          DenyAll: doc([{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }]),
        },
        root: { accounts: { [A]: { rcps: ['DenyAll'] } } },
      },
      accounts: {
        [A]: {
          users: {
            erin: { inline: { All: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) } },
          },
        },
      },
    };
    const w: AnalysisWorld = { scenario: denyAll, catalog: new Map(), now: NOW };
    const erin = `arn:aws:iam::${A}:user/erin`;
    const r = whatCan(w, erin, ec2AndSqs);
    expect(
      cell(r, 'ec2:TerminateInstances', `arn:aws:ec2:us-east-1:${A}:instance/any-other-instance`),
    ).toMatchObject({ status: 'allowed' });
    expect(cell(r, 'sqs:DeleteQueue', `arn:aws:sqs:us-east-1:${A}:any-other-queue`)).toMatchObject({
      status: 'denied',
      layer: 'RCP', // the RCP's Deny statement
    });
  });

  it('keeps apart the resources a pattern with a policy variable could tell apart', () => {
    // `${aws:username}-*` matches team-queue for user team, not any-other-queue.
    const own: Scenario = {
      ...HEADER,
      accounts: {
        [A]: {
          users: {
            team: {
              inline: {
                Own: doc([
                  {
                    Effect: 'Allow',
                    Action: 'sqs:SendMessage',
                    Resource: `arn:aws:sqs:us-east-1:${A}:\${aws:username}-*`,
                  },
                ]),
              },
            },
          },
        },
      },
      resources: { [`arn:aws:sqs:us-east-1:${A}:team-queue`]: { account: A } },
    };
    const w: AnalysisWorld = { scenario: own, catalog: new Map(), now: NOW };
    const r = whatCan(w, `arn:aws:iam::${A}:user/team`, reference, { services: ['sqs'] });
    const queue = (name: string) => `arn:aws:sqs:us-east-1:${A}:${name}`;
    expect(cell(r, 'sqs:SendMessage', queue('team-queue')).status).toBe('allowed');
    expect(cell(r, 'sqs:SendMessage', queue('any-other-queue')).status).toBe('denied');
  });

  it('refuses a principal the world does not have, saying so', () => {
    expect(() => whatCan(world, `arn:aws:iam::${A}:user/mallory`, reference)).toThrow(
      AnalysisInputError,
    );
    expect(() => whatCan(world, `arn:aws:iam::${A}:user/mallory`, reference)).toThrow(
      /mallory is not a principal of this world/,
    );
  });

  it('names the principal meant when an ARN leaves out its IAM path', () => {
    const pathed: AnalysisWorld = {
      scenario: {
        format: 'iam-playground/scenario',
        version: 1,
        accounts: { [A]: { roles: { Lambda: { path: '/web/' } } } },
        requests: [],
      } as unknown as Scenario,
      catalog: new Map(),
      now: NOW,
    };
    expect(() => requirePrincipal(pathed, `arn:aws:iam::${A}:role/web/Lambda`)).not.toThrow();
    expect(() => requirePrincipal(pathed, `arn:aws:iam::${A}:role/Lambda`)).toThrow(
      `Did you mean arn:aws:iam::${A}:role/web/Lambda (with its path)?`,
    );
    expect(() => requirePrincipal(pathed, `arn:aws:iam::${A}:role/Other`)).toThrow(
      /not a principal of this world \(its users, roles, instance profiles, root users and the identity providers its trust policies name\)\.$/,
    );
  });

  it('lists the principals of the world', () => {
    expect(worldPrincipals(scenario).sort()).toEqual(
      [
        ALICE,
        DEV,
        `arn:aws:iam::${A}:role/Locked`,
        `arn:aws:iam::${A}:root`,
        `arn:aws:iam::${B}:user/bob`,
        `arn:aws:iam::${B}:root`,
      ].sort(),
    );
  });
});

/** The world with Dev's MFA condition removed, so only its boundary stands in the way. */
function withMfaFreeRole(): Scenario {
  const copy = structuredClone(scenario);
  const dev = copy.accounts![A]!.roles!['Dev']!;
  dev.inline = {
    All: {
      Version: V,
      Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 'sqs:*'], Resource: '*' }],
    },
  };
  return copy;
}

describe('who-can', () => {
  it('decides roles alike once, and apart the one a policy names', () => {
    const reader = {
      inline: { Read: doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]) },
    };
    const alike: Scenario = {
      ...HEADER,
      accounts: {
        [A]: {
          roles: Object.fromEntries(
            ['r1', 'r2', 'r3', 'r4'].map((name) => [name, structuredClone(reader)]),
          ),
        },
      },
      resources: {
        'arn:aws:s3:::box': {
          account: A,
          policy: doc([
            {
              Effect: 'Deny',
              Principal: { AWS: `arn:aws:iam::${A}:role/r2` },
              Action: 's3:GetObject',
              Resource: 'arn:aws:s3:::box/*',
            },
          ]),
        },
      },
    };
    const w: AnalysisWorld = { scenario: alike, catalog: new Map(), now: NOW };
    const r = whoCan(w, 'arn:aws:s3:::box/k', { action: 's3:GetObject' }, reference);
    const status = (role: string) =>
      r.principals.find((p) => p.principal === `arn:aws:iam::${A}:role/${role}`)!.services[0]!
        .levels[0]!.actions[0]!.cells[0]!.status;
    expect(['r1', 'r2', 'r3', 'r4'].map(status)).toEqual([
      'allowed',
      'denied',
      'allowed',
      'allowed',
    ]);
    // r1, r3 and r4 share one decision; r2 (named by the bucket policy) and the root user their own.
    expect(r.stats.requests).toBe(3);
  });

  it('decides every principal of the world and lists the callers outside it with their statements', () => {
    const r = whoCan(
      world,
      'arn:aws:s3:::payroll/public/report.csv',
      { action: 's3:GetObject' },
      reference,
    );
    const byPrincipal = new Map(
      r.principals.map((p) => [p.principal, p.services[0]!.levels[0]!.actions[0]!.cells[0]!]),
    );
    expect(byPrincipal.get(ALICE)?.status).toBe('allowed'); // the bucket policy's public statement
    // Across accounts both sides must allow: bob's own policies allow nothing.
    expect(byPrincipal.get(`arn:aws:iam::${B}:user/bob`)).toMatchObject({
      status: 'denied',
      layer: 'no allow',
    });
    expect(r.outside.map((o) => [o.kind, o.value, o.sid])).toEqual([
      ['public', '*', 'Everyone'],
      ['organization', 'o-a1b2c3d4e5', 'Org'],
    ]);
    expect(r.outside[0]).toMatchObject({
      policy: ['resources', 'arn:aws:s3:::payroll', 'policy'],
      statement: ['Statement', 0],
    });

    const list = whoCan(world, 'arn:aws:s3:::payroll', { accessLevel: 'List' }, reference);
    expect(list.outside.map((o) => [o.kind, o.value])).toEqual([['account', B]]);
    const all = whoCan(world, 'arn:aws:s3:::payroll/x', { all: true }, reference);
    expect(all.outside.map((o) => o.kind)).toEqual(['public', 'organization', 'service']);
  });

  it('refuses a resource or an action the world or the reference does not have', () => {
    expect(() => whoCan(world, 'arn:aws:s3:::nope', { all: true }, reference)).toThrow(
      /not a resource of this world/,
    );
    expect(() => whoCan(world, 'arn:aws:s3:::payroll', { action: 's3:Fly' }, reference)).toThrow(
      /s3:Fly is not an action/,
    );
  });
});

describe('layer names', () => {
  it('names each denying step in the words people use', () => {
    expect(layerOf('session-policy', 's3:GetObject', '*')).toBe('session policy');
    expect(layerOf('boundary', 's3:GetObject', '*')).toBe('boundary');
    expect(layerOf('rcp', 's3:GetObject', '*')).toBe('RCP');
    expect(layerOf('instance-profile', 's3:GetObject', '*')).toBe('missing trust');
    expect(layerOf('resource-policy', 'sts:AssumeRole', `arn:aws:iam::${A}:role/X`)).toBe(
      'missing trust',
    );
    expect(layerOf('resource-policy', 'kms:Decrypt', `arn:aws:kms:us-east-1:${A}:key/k`)).toBe(
      'key policy',
    );
    expect(layerOf('resource-policy', 's3:GetObject', 'arn:aws:s3:::b/k')).toBe('resource policy');
    expect(layerOf('identity-policy', 's3:GetObject', '*')).toBe('no allow');
    expect(layerOf('explicit-deny', 's3:GetObject', '*', 'rcp')).toBe('RCP');
    expect(layerOf('explicit-deny', 's3:GetObject', '*', 'scp')).toBe('SCP');
    expect(layerOf('explicit-deny', 's3:GetObject', '*', 'identity')).toBe('explicit deny');
  });

  it("names an RCP's or an SCP's Deny by its layer, and another policy's Deny as explicit deny", () => {
    // SQS: the RCP denies; SNS: the SCP denies; DynamoDB: the user's own policy denies.
    const layered: Scenario = {
      ...HEADER,
      organization: {
        id: 'o-a1b2c3d4e5',
        managementAccount: '999988887777',
        policies: {
          Full: doc([{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }]),
          NoSqs: doc([{ Effect: 'Deny', Principal: '*', Action: 'sqs:*', Resource: '*' }]),
          ScpFull: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
          NoSns: doc([{ Effect: 'Deny', Action: 'sns:*', Resource: '*' }]),
        },
        root: { accounts: { [A]: { rcps: ['Full', 'NoSqs'], scps: ['ScpFull', 'NoSns'] } } },
      },
      accounts: {
        [A]: {
          users: {
            erin: {
              inline: {
                All: doc([
                  { Effect: 'Allow', Action: '*', Resource: '*' },
                  { Effect: 'Deny', Action: 'dynamodb:*', Resource: '*' },
                ]),
              },
            },
          },
        },
      },
    };
    const w: AnalysisWorld = { scenario: layered, catalog: new Map(), now: NOW };
    const r = whatCan(w, `arn:aws:iam::${A}:user/erin`, reference, {
      services: ['sqs', 'sns', 'dynamodb', 's3'],
    });
    const stopped = (action: string, resource: string) => cell(r, action, resource);
    expect(stopped('sqs:DeleteQueue', `arn:aws:sqs:us-east-1:${A}:any-other-queue`)).toMatchObject({
      status: 'denied',
      step: 'explicit-deny',
      layer: 'RCP',
    });
    expect(stopped('sns:Publish', `arn:aws:sns:us-east-1:${A}:any-other-topic`)).toMatchObject({
      status: 'denied',
      step: 'explicit-deny',
      layer: 'SCP',
    });
    expect(
      stopped('dynamodb:DeleteTable', `arn:aws:dynamodb:us-east-1:${A}:table/any-other-table`),
    ).toMatchObject({ status: 'denied', step: 'explicit-deny', layer: 'explicit deny' });
    expect(stopped('s3:ListBucket', 'arn:aws:s3:::any-other-bucket').status).toBe('allowed');
  });
});

describe('forcing the conditions', () => {
  it('keeps a statement that must fail in place, so another with its Sid stays a skipped duplicate', () => {
    // The second S1 is skipped as a duplicate; dropping the first (whose only condition is on a
    // key the world does not set) would make it apply: a Deny on every action but GetObject.
    const duplicate = doc([
      {
        Sid: 'S1',
        Effect: 'Deny',
        NotAction: '*',
        NotResource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } },
      },
      { Sid: 'S1', Effect: 'Deny', NotAction: 's3:G?tObject', NotResource: 'arn:aws:s3:::*' },
    ]);
    const inputs: EvaluationInput[] = [];
    evaluateScenario(
      {
        ...HEADER,
        accounts: { [A]: { users: { alice: { inline: { d: duplicate } } } } },
        requests: [{ principal: ALICE, action: 's3:CreateJob', resource: '*' }],
      },
      {
        catalog: new Map(),
        now: NOW,
        evaluate: (input, options) => (inputs.push(input), evaluate(input, options)),
      },
    );
    const given = evaluate(inputs[0]!);
    expect(given).toMatchObject({ decision: 'implicitDeny', decidingStep: 'identity-policy' });
    for (const mode of ['optimistic', 'pessimistic'] as const)
      expect(evaluate(forceConditions(inputs[0]!, mode))).toMatchObject({
        decision: given.decision,
        decidingStep: given.decidingStep,
      });
  });
});

describe('forced variants', () => {
  it('give a statement forced the same way as the same object, so it compiles once', () => {
    const policy = doc([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { StringEquals: { 's3:prefix': 'a' } },
      },
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } },
      },
    ]);
    const inputs: EvaluationInput[] = [];
    evaluateScenario(
      {
        ...HEADER,
        accounts: { [A]: { users: { alice: { inline: { p: policy } } } } },
        requests: [
          { principal: ALICE, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k' },
          {
            principal: ALICE,
            action: 's3:GetObject',
            resource: 'arn:aws:s3:::b/k',
            context: { 'aws:SourceVpc': 'vpc-1' },
          },
        ],
      },
      {
        catalog: new Map(),
        now: NOW,
        evaluate: (input, options) => (inputs.push(input), evaluate(input, options)),
      },
    );
    const statements = (input: EvaluationInput) =>
      (
        forceConditions(input, 'optimistic').identityPolicies[0]!.document as {
          Statement: object[];
        }
      ).Statement;
    const [both, onlyPrefix] = inputs.map(statements);
    // Two different variants (both keys open; only s3:prefix open) ...
    expect(both![1]).not.toBe(onlyPrefix![1]);
    // ... force the s3:prefix statement alike: one object.
    expect(both![0]).toBe(onlyPrefix![0]);
    expect(both![0]).not.toHaveProperty('Condition');
  });
});

describe('resources the policies name but the world does not hold', () => {
  // An account imported from get-account-authorization-details has no buckets; its policies
  // still grant on them, and a change to such a grant is a change of access.
  const grant = (resource: string) => ({
    Version: V,
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resource }],
  });
  const withCarol = (inline: Record<string, unknown>): AnalysisWorld => ({
    scenario: { ...HEADER, accounts: { [A]: { users: { carol: { inline } } } } } as Scenario,
    catalog: new Map(),
    now: NOW,
  });
  const CAROL = `arn:aws:iam::${A}:user/carol`;

  it('counts a grant on objects of a bucket only a policy names', () => {
    const after = withCarol({ read: grant('arn:aws:s3:::corp-data/*') });
    const impact = changeImpact(withCarol({}), after, reference);
    expect(
      impact.added.map((g) => [g.principal, g.resource.startsWith('arn:aws:s3:::corp-data/')]),
    ).toEqual([[CAROL, true]]);
    expect(impact.added[0]!.actions.map((a) => a.action)).toEqual(['s3:GetObject']);
    const cells = whatCan(after, CAROL, reference).services.flatMap((g) =>
      g.levels.flatMap((l) => l.actions.flatMap((a) => a.cells)),
    );
    expect(
      cells.some(
        (c) => c.action === 's3:GetObject' && c.resource.startsWith('arn:aws:s3:::corp-data/'),
      ),
    ).toBe(true);
  });

  it('counts an exact ARN as named, and a wildcard bucket name as no bucket', () => {
    const exact = withCarol({ read: grant('arn:aws:s3:::corp-data/report.csv') });
    expect(changeImpact(withCarol({}), exact, reference).added.map((g) => g.resource)).toContain(
      'arn:aws:s3:::corp-data/report.csv',
    );
    const wild = withCarol({ read: grant('arn:aws:s3:::corp-*/x') });
    expect(changeImpact(withCarol({}), wild, reference).added).toEqual([]);
  });
});
