import { describe, expect, it } from 'vitest';
import { createHandlers, WorkerFailure } from '../../../src/worker/handlers.ts';
import { ScenarioMirror } from '../../../src/worker/mirror.ts';
import type { DecideResponse, EvaluateResponse } from '../../../src/worker/protocol.ts';

const A = '111122223333';
const allowRead = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
};

function scenario(policy: unknown = allowRead): Record<string, unknown> {
  return {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: { [A]: { policies: { Read: policy }, users: { alice: { policies: ['Read'] } } } },
    requests: [
      {
        id: 'reads',
        principal: `arn:aws:iam::${A}:user/alice`,
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::b/k',
        expect: 'allowed',
      },
      {
        id: 'writes',
        principal: `arn:aws:iam::${A}:user/alice`,
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::b/k',
        expect: 'allowed',
      },
      { id: 'broken', principal: 'not a principal', action: 's3:GetObject', resource: '*' },
    ],
  };
}

const now = () => new Date('2026-01-01T00:00:00Z');

describe('the worker handlers', () => {
  it('evaluate the request on screen with its trace, and decide the others without', async () => {
    const h = createHandlers({ now });
    const evaluation = (await h.handle({
      type: 'evaluate',
      scenario: scenario(),
      traceFor: 0,
      revision: 1,
    })) as EvaluateResponse;
    expect(evaluation.outcome).toMatchObject({
      index: 0,
      id: 'reads',
      decision: 'allowed',
      expect: 'allowed',
      pass: true,
    });
    expect(evaluation.trace?.decidingStep).toBeDefined();
    const decisions = (await h.handle({ type: 'decide', revision: 1 })) as DecideResponse;
    expect(decisions.outcomes.map((o) => [o.id, o.decision, o.pass])).toEqual([
      ['reads', 'allowed', true],
      ['writes', 'implicitDeny', false],
      ['broken', null, undefined],
    ]);
    expect(decisions.outcomes[2]?.problem).toBeTruthy();
  });

  it('apply a patch to the copy they hold, so a keystroke sends one document', async () => {
    const h = createHandlers({ now });
    await h.handle({ type: 'evaluate', scenario: scenario(), traceFor: 0, revision: 1 });
    const deny = { ...allowRead, Statement: [{ ...allowRead.Statement[0], Effect: 'Deny' }] };
    const patched = (await h.handle({
      type: 'evaluate',
      patch: { baseRevision: 1, path: ['accounts', A, 'policies', 'Read'], value: deny },
      traceFor: 0,
      revision: 2,
    })) as EvaluateResponse;
    expect(patched.outcome?.decision).toBe('explicitDeny');
  });

  it('refuse a patch or a decide for a revision they do not hold, as data', async () => {
    const h = createHandlers({ now });
    await h.handle({ type: 'evaluate', scenario: scenario(), traceFor: 0, revision: 1 });
    const patch = { baseRevision: 7, path: ['title'], value: 'x' };
    await expect(
      h.handle({ type: 'evaluate', patch, traceFor: 0, revision: 8 }),
    ).rejects.toBeInstanceOf(WorkerFailure);
    expect(h.decide({ type: 'decide', revision: 3 })).toMatchObject({ code: 'out-of-sync' });
  });

  it('report validation problems by JSON path, and read nothing of a newer format version', async () => {
    const h = createHandlers({ now });
    const bad = scenario({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allo', Action: 's3:GetObject', Resource: '*' }],
    });
    const answer = (await h.handle({
      type: 'evaluate',
      scenario: bad,
      traceFor: 0,
      revision: 1,
    })) as EvaluateResponse;
    expect(
      answer.issues.some(
        (i) => i.severity === 'error' && i.path.join('/').startsWith(`accounts/${A}/policies/Read`),
      ),
    ).toBe(true);
    const newer = (await h.handle({
      type: 'evaluate',
      scenario: { ...scenario(), version: 2 },
      traceFor: 0,
      revision: 2,
    })) as EvaluateResponse;
    expect(newer.outcome).toBeNull();
    expect(newer.issues.map((i) => i.code)).toEqual(['unsupported-version']);
  });

  it('decide one request per step', async () => {
    const h = createHandlers({ now });
    await h.handle({ type: 'evaluate', scenario: scenario(), traceFor: null, revision: 1 });
    const job = h.decide({ type: 'decide', revision: 1 });
    if ('code' in job) throw new Error(job.message);
    const steps: boolean[] = [];
    for (let i = 0; i < 3; i++) steps.push(await job.step());
    expect(steps).toEqual([false, false, true]);
    expect(job.response().outcomes).toHaveLength(3);
  });

  it('complete service prefixes before the colon and actions after it, from the service reference', async () => {
    const h = createHandlers();
    const services = await h.handle({ type: 'complete-actions', prefix: 'dynamo' });
    expect(services).toMatchObject({
      items: expect.arrayContaining([expect.objectContaining({ label: 'dynamodb:' })]),
    });
    const actions = await h.handle({ type: 'complete-actions', prefix: 's3:GetObjectT' });
    expect(actions).toMatchObject({
      items: [{ label: 's3:GetObjectTagging' }, { label: 's3:GetObjectTorrent' }],
    });
  });

  it('describe an action: its ARN templates and condition keys, and the global keys', async () => {
    const h = createHandlers();
    const info = await h.handle({ type: 'action-info', actions: ['sqs:SendMessage', 'sqs:Nope'] });
    if (info.type !== 'action-info') throw new Error('wrong answer');
    expect(info.actions[0]).toMatchObject({
      action: 'sqs:SendMessage',
      known: true,
      arnTemplates: ['arn:${Partition}:sqs:${Region}:${Account}:${QueueName}'],
    });
    expect(info.actions[1]).toMatchObject({ known: false, arnTemplates: [] });
    expect(info.globalKeys.map((k) => k.label)).toContain('aws:SourceIp');
  });
});

describe('the worker copy of the scenario', () => {
  it('puts a patch in place without touching the copy before it, a __proto__ key as plain data', () => {
    const mirror = new ScenarioMirror();
    const original = { a: { b: [1, 2] }, c: { d: 1 } };
    mirror.apply({ type: 'evaluate', scenario: original, traceFor: null, revision: 1 });
    mirror.apply({
      type: 'evaluate',
      patch: { baseRevision: 1, path: ['a', 'b', 1], value: 3 },
      traceFor: null,
      revision: 2,
    });
    const next = mirror.scenario as typeof original;
    expect(next).toEqual({ a: { b: [1, 3] }, c: { d: 1 } });
    expect(original.a.b).toEqual([1, 2]);
    expect(next.c).toBe(original.c);
    mirror.apply({
      type: 'evaluate',
      patch: { baseRevision: 2, path: ['__proto__'], value: { polluted: true } },
      traceFor: null,
      revision: 3,
    });
    expect(Object.keys(mirror.scenario as object)).toEqual(['a', 'c', '__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('follows whole scenarios and patches in order, and refuses a patch from another base', () => {
    const mirror = new ScenarioMirror();
    expect(
      mirror.apply({ type: 'evaluate', scenario: { n: 1 }, traceFor: null, revision: 4 }),
    ).toBeNull();
    expect(
      mirror.apply({
        type: 'evaluate',
        patch: { baseRevision: 4, path: ['n'], value: 2 },
        traceFor: null,
        revision: 5,
      }),
    ).toBeNull();
    expect(mirror.scenario).toEqual({ n: 2 });
    expect(
      mirror.apply({
        type: 'evaluate',
        patch: { baseRevision: 4, path: ['n'], value: 3 },
        traceFor: null,
        revision: 6,
      }),
    ).toMatchObject({
      code: 'out-of-sync',
    });
    expect(mirror.revision).toBe(5);
  });
});

describe("the worker's findings on a big world", () => {
  it('list no escalation paths (the graph is its own view): a 2,000-role world with one still answers', async () => {
    const allow = (Action: string, Resource: string) => ({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action, Resource }],
    });
    const trust = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
        },
      ],
    };
    const roles: Record<string, unknown> = {};
    for (let i = 0; i < 2000; i++)
      roles[`app-${i}`] = { trust, inline: { Main: allow(i % 5 ? 'sqs:*' : '*', '*') } };
    const world = {
      format: 'iam-playground/scenario',
      version: 1,
      accounts: {
        [A]: {
          users: {
            // A path to admin: pass any role to Lambda, and run it.
            dina: {
              inline: {
                Deploy: allow('lambda:*', '*'),
                Pass: allow('iam:PassRole', '*'),
              },
            },
          },
          roles,
        },
      },
    };
    const h = createHandlers({ now });
    await h.handle({ type: 'evaluate', scenario: world, traceFor: null, revision: 1 });
    const answer = (await h.handle({ type: 'findings', revision: 1 })) as {
      findings: { code: string }[];
    };
    expect(answer.findings.some((f) => f.code === 'pass-role-any-role')).toBe(true);
    expect(answer.findings.some((f) => f.code === 'escalation-path')).toBe(false);
  }, 120_000);
});
