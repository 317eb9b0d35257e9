/**
 * The worker's escalation and impact messages (issue 18) over the worker's copy of the
 * scenario: run step by step as the worker runs them, with progress; the graph kept for the
 * next target; a target the world does not have, or an invalid version to compare with,
 * refused with a message that says what and where.
 */
import { describe, expect, it } from 'vitest';
import type {
  EscalationRequest,
  EscalationResponse,
  ImpactRequest,
  ImpactResponse,
} from '../../../src/worker/protocol.ts';
import { ESCALATION_WORLD, arn } from '../analysis/escalation-world.ts';
import { allows, ready as readyWith, runSteps, type Handlers } from './analysis-runs.ts';

const ready = (scenario: unknown = ESCALATION_WORLD) => readyWith(scenario);

/** Runs an escalation or impact analysis step by step as the worker does. */
const run = async <R extends EscalationResponse | ImpactResponse>(
  h: Handlers,
  request: EscalationRequest | ImpactRequest,
) => {
  const { response, ...rest } = await runSteps(h.analysis(request));
  return { response: response as R, ...rest };
};

const escalation = (target: EscalationRequest['target']): EscalationRequest => ({
  type: 'escalation',
  revision: 1,
  target,
});

describe('escalation in the worker', () => {
  it('finds the paths to admin, shortest first, with the requests of each hop; the graph is kept for the next target', async () => {
    const h = await ready();
    const first = await run<EscalationResponse>(h, escalation({ kind: 'admin' }));
    expect(first.steps).toBe(2);
    expect(first.progress).toEqual([{ done: 1, total: 2, unit: 'steps' }]);
    const { report, graph } = first.response;
    expect(report.holders.map((x) => x.principal)).toContain(arn('user', 'dave'));
    const alice = report.paths.find((p) => p.from === arn('user', 'alice'))!;
    expect(alice.hops.map((hop) => hop.kind === 'edge' && hop.to)).toEqual([
      arn('role', 'LambdaAdmin'),
    ]);
    const pass = alice.hops[0]!.kind === 'edge' ? alice.hops[0]!.requests : [];
    expect(pass.map((r) => r.request.action)).toContain('iam:PassRole');
    expect(pass.find((r) => r.request.action === 'iam:PassRole')?.request.context).toEqual({
      'iam:PassedToService': 'lambda.amazonaws.com',
    });
    // erin may pass the role only to EC2: no path.
    expect(report.paths.some((p) => p.from === arn('user', 'erin'))).toBe(false);
    const lengths = report.paths.map((p) => p.hops.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(graph.edges.length).toBeGreaterThan(0);

    // Another target over the same copy: no graph step.
    const second = await run<EscalationResponse>(
      h,
      escalation({ kind: 'principal', principal: arn('role', 'LambdaAdmin') }),
    );
    expect(second.steps).toBe(1);
    expect(second.response.report.paths.map((p) => p.from)).toContain(arn('user', 'alice'));
    expect(second.response.graph).toBe(graph);
  });

  it('refuses a target principal the world does not have, naming it', async () => {
    const h = await ready();
    const missing = arn('role', 'Nobody');
    await expect(
      h.handle(escalation({ kind: 'principal', principal: missing })),
    ).rejects.toMatchObject({
      failure: { code: 'bad-request', message: expect.stringContaining(missing) },
    });
  });

  it('refuses an invalid world with the first error and answers out-of-sync for another revision', async () => {
    const h = await ready({ format: 'iam-playground/scenario', version: 1, accounts: 3 });
    await expect(h.handle(escalation({ kind: 'admin' }))).rejects.toMatchObject({
      failure: { code: 'bad-request', message: expect.stringContaining("Fix the scenario's") },
    });
    expect(h.analysis({ ...escalation({ kind: 'admin' }), revision: 2 })).toMatchObject({
      code: 'out-of-sync',
    });
  });
});

describe('change impact in the worker', () => {
  const A = '111122223333';
  const before = {
    format: 'iam-playground/scenario',
    version: 1,
    accounts: {
      [A]: {
        users: {
          alice: { inline: { Read: allows('s3:GetObject', '*') } },
        },
      },
    },
    resources: { 'arn:aws:s3:::payroll': { account: A } },
    requests: [],
  };
  const after = structuredClone(before);
  after.accounts[A].users.alice.inline.Read.Statement[0]!.Action = 's3:*';

  it('lists the access an edit adds with a counterexample that expects the new decision', async () => {
    const h = await ready(after);
    const { response } = await run<ImpactResponse>(h, { type: 'impact', revision: 1, before });
    expect(response.result.removed).toEqual([]);
    const added = response.result.added.find((g) => g.resource === 'arn:aws:s3:::payroll')!;
    expect(added.principal).toBe(`arn:aws:iam::${A}:user/alice`);
    expect(added.actions.map((a) => a.action)).toContain('s3:DeleteBucket');
    expect(added.counterexample).toMatchObject({
      principal: `arn:aws:iam::${A}:user/alice`,
      resource: 'arn:aws:s3:::payroll',
      expect: 'allowed',
    });
  });

  it('finds no change between equal worlds, and compares two given worlds in either direction', async () => {
    const h = await ready(after);
    const same = await run<ImpactResponse>(h, { type: 'impact', revision: 1, before: after });
    expect(same.response.result).toMatchObject({ added: [], removed: [], outside: [], changed: 0 });
    const back = await run<ImpactResponse>(h, {
      type: 'impact',
      revision: 1,
      before: after,
      after: before,
    });
    expect(back.response.result.added).toEqual([]);
    expect(back.response.result.removed.length).toBeGreaterThan(0);
  });

  it('refuses an invalid version to compare with, saying which', async () => {
    const h = await ready(after);
    await expect(
      h.handle({ type: 'impact', revision: 1, before: { ...before, accounts: 3 } }),
    ).rejects.toMatchObject({
      failure: {
        code: 'bad-request',
        message: expect.stringContaining("Fix the version compared with's errors first"),
      },
    });
  });
});
