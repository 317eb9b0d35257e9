/**
 * The worker's access messages (issue 17): what-can, who-can and the whole world over the
 * worker's copy of the scenario, run a slice at a time with progress, their tables read back
 * cell by cell, and one cell decided with its trace.
 */
import { describe, expect, it } from 'vitest';
import { WorkerFailure } from '../../../src/worker/handlers.ts';
import { cellCount, readCell, type AccessCell } from '../../../src/worker/access-table.ts';
import type {
  AccessProgress,
  AccessRequest,
  AccessResponse,
  AccessTraceResponse,
} from '../../../src/worker/protocol.ts';
import { allows, ready as readyWith, runSteps, type Handlers } from './analysis-runs.ts';

const A = '111122223333';
const B = '444455556666';
const V = '2012-10-17';
const alice = `arn:aws:iam::${A}:user/alice`;
const bucket = 'arn:aws:s3:::payroll';

const scenario = {
  format: 'iam-playground/scenario',
  version: 1,
  accounts: {
    [A]: {
      users: {
        alice: {
          inline: { Read: allows('s3:GetObject', `${bucket}/*`) },
        },
        bob: {},
      },
    },
  },
  resources: {
    [bucket]: {
      account: A,
      policy: {
        Version: V,
        Statement: [
          {
            Sid: 'PartnerReads',
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${B}:root` },
            Action: 's3:GetObject',
            Resource: `${bucket}/*`,
          },
        ],
      },
    },
  },
  requests: [],
};

const ready = (revision = 1) => readyWith(scenario, revision);

/** Runs an access analysis step by step as the worker does, collecting its progress. */
const run = (h: Handlers, request: AccessRequest) => runSteps(h.access(request));

function cells(response: AccessResponse): AccessCell[] {
  const { result } = response;
  if (result.kind === 'world') return [];
  return Array.from({ length: cellCount(result.table) }, (_, i) => readCell(result.table, i));
}

// Loading every service of AWS's reference takes seconds in Node on a busy machine.
describe('the access messages', { timeout: 120_000 }, () => {
  it('what-can: every service in slices with rising progress, the cells read back as the analysis gave them', async () => {
    const h = await ready();
    const { response, progress } = await run(h, {
      type: 'access',
      revision: 1,
      query: { kind: 'what-can', principal: alice },
    });
    expect(response.result.kind).toBe('what-can');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((p, i) => i === 0 || p.done > progress[i - 1]!.done)).toBe(true);
    expect(progress.at(-1)!.total).toBeGreaterThan(400); // every service AWS defines
    const all = cells(response);
    const get = all.find(
      (c) => c.action === 's3:GetObject' && c.resource === `${bucket}/any-other-object`,
    );
    expect(get).toMatchObject({
      principal: alice,
      service: 's3',
      access: 'Read',
      status: 'allowed',
    });
    const put = all.find(
      (c) => c.action === 's3:PutObject' && c.resource === `${bucket}/any-other-object`,
    );
    expect(put).toMatchObject({ status: 'denied', detail: 'no allow' });
    // What AWS lets any caller do without a policy (sts:GetCallerIdentity…) aside.
    const allowed = all.filter((c) => c.status === 'allowed' && c.service !== 'sts');
    expect(allowed.map((c) => c.action)).toEqual(['s3:GetObject']);
  });

  it('who-can: the world principals on a bucket object and the outside account its policy admits', async () => {
    const h = await ready();
    const { response } = await run(h, {
      type: 'access',
      revision: 1,
      query: { kind: 'who-can', resource: `${bucket}/report.csv` },
    });
    if (response.result.kind !== 'who-can') throw new Error('not who-can');
    // The account's root user may do everything; of its users, alice reads and bob does not.
    const allowed = cells(response).filter(
      (c) => c.status === 'allowed' && !c.principal.endsWith(':root'),
    );
    expect(allowed.map((c) => [c.principal, c.action])).toEqual([[alice, 's3:GetObject']]);
    expect(new Set(cells(response).map((c) => c.principal)).size).toBe(3);
    expect(response.result.outside).toMatchObject([
      { kind: 'account', value: B, sid: 'PartnerReads', actions: ['s3:GetObject'] },
    ]);
  });

  it('world: a summary per principal, progress counted in principals', async () => {
    const h = await ready();
    const { response, progress } = await run(h, {
      type: 'access',
      revision: 1,
      query: { kind: 'world' },
    });
    if (response.result.kind !== 'world') throw new Error('not world');
    const byPrincipal = new Map(response.result.principals.map((p) => [p.principal, p]));
    expect(byPrincipal.get(alice)).toMatchObject({ conditional: 0, services: ['s3', 'sts'] });
    expect(byPrincipal.get(`arn:aws:iam::${A}:user/bob`)).toMatchObject({ services: ['sts'] });
    expect(progress.at(-1)).toMatchObject({ unit: 'principals', total: byPrincipal.size });
  });

  it('refuse a principal the world lacks, an invalid world and another revision, saying why', async () => {
    const h = await ready();
    const missing = h.access({
      type: 'access',
      revision: 1,
      query: { kind: 'what-can', principal: `arn:aws:iam::${A}:user/nobody` },
    });
    if ('code' in missing) throw new Error('expected a job');
    await expect(missing.prepare()).rejects.toThrow(
      /user\/nobody is not a principal of this world/,
    );
    expect(h.access({ type: 'access', revision: 2, query: { kind: 'world' } })).toMatchObject({
      code: 'out-of-sync',
    });
    const broken = await readyWith({ ...scenario, accounts: { nope: {} } });
    await expect(
      broken.handle({ type: 'access', revision: 1, query: { kind: 'world' } }),
    ).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof WorkerFailure &&
        e.failure.code === 'bad-request' &&
        /Fix the scenario's errors first/.test(e.failure.message),
    );
  });

  it('access-trace: one cell decided as a request of its own, with the trace of the statement that allows it', async () => {
    const h = await ready();
    const answer = (await h.handle({
      type: 'access-trace',
      revision: 1,
      principal: alice,
      action: 's3:GetObject',
      resource: `${bucket}/report.csv`,
    })) as AccessTraceResponse;
    expect(answer.outcome.decision).toBe('allowed');
    expect(answer.trace?.decidingStatement?.path).toBeDefined();
    const denied = (await h.handle({
      type: 'access-trace',
      revision: 1,
      principal: `arn:aws:iam::${A}:user/bob`,
      action: 's3:GetObject',
      resource: `${bucket}/report.csv`,
    })) as AccessTraceResponse;
    expect(denied.outcome.decision).toBe('implicitDeny');
  });
});
