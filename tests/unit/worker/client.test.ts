import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, type Port } from '../../../src/worker/client.ts';
import { isHeartbeat, type Heartbeat } from '../../../src/worker/heartbeat.ts';
import type { Envelope, Reply, WorkerResponse } from '../../../src/worker/protocol.ts';

/** A fake worker: records what the client posts and lets the test answer it. */
function fakePort() {
  const posted: Envelope[] = [];
  const heartbeats: Heartbeat[] = [];
  const listeners: {
    message: ((e: MessageEvent<Reply>) => void)[];
    error: ((e: Event) => void)[];
  } = {
    message: [],
    error: [],
  };
  const port: Port = {
    postMessage: (m) => (isHeartbeat(m) ? heartbeats.push(m) : posted.push(m)),
    addEventListener: ((type: 'message' | 'error', listener: (e: never) => void) => {
      listeners[type].push(listener as never);
    }) as Port['addEventListener'],
  };
  const reply = (r: Reply | Heartbeat) =>
    listeners.message.forEach((l) => l({ data: r } as MessageEvent<Reply>));
  const crash = () => listeners.error.forEach((l) => l(new Event('error')));
  return { port, posted, heartbeats, reply, crash };
}

const evaluation = (revision: number): WorkerResponse => ({
  type: 'evaluate',
  revision,
  issues: [],
  outcome: null,
  trace: null,
  chain: [],
  elapsedMs: 1,
});

const evaluate = (revision: number) => ({
  type: 'evaluate' as const,
  scenario: {},
  traceFor: null,
  revision,
});

describe('the worker client', () => {
  it('resolves a request with the answer that carries its id', async () => {
    const { port, posted, reply } = fakePort();
    const send = createClient(port);
    const answer = send(evaluate(1));
    reply({ id: posted[0]!.id, ok: true, response: evaluation(1) });
    expect(await answer).toEqual({ ok: true, value: evaluation(1) });
  });

  it('settles an older request of the same type as stale when a newer one is sent, and drops its late answer', async () => {
    const { port, posted, reply } = fakePort();
    const send = createClient(port);
    const older = send(evaluate(1));
    const newer = send(evaluate(2));
    expect(await older).toEqual({ ok: false, stale: true });
    reply({ id: posted[0]!.id, ok: true, response: evaluation(1) });
    reply({ id: posted[1]!.id, ok: true, response: evaluation(2) });
    expect(await newer).toEqual({ ok: true, value: evaluation(2) });
  });

  it('keeps requests of different types independent', async () => {
    const { port, posted, reply } = fakePort();
    const send = createClient(port);
    const evaluating = send(evaluate(1));
    const completing = send({ type: 'complete-actions', prefix: 's3:Get' });
    reply({ id: posted[1]!.id, ok: true, response: { type: 'completions', items: [] } });
    reply({ id: posted[0]!.id, ok: true, response: evaluation(1) });
    expect((await completing).ok).toBe(true);
    expect((await evaluating).ok).toBe(true);
  });

  it('passes errors and superseded answers on as data', async () => {
    const { port, posted, reply } = fakePort();
    const send = createClient(port);
    const failing = send({ type: 'action-info', actions: ['s3:GetObject'] });
    reply({ id: posted[0]!.id, ok: false, error: { code: 'internal', message: 'boom' } });
    expect(await failing).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
    const skipped = send(evaluate(3));
    reply({ id: posted[1]!.id, ok: false, superseded: true });
    expect(await skipped).toEqual({ ok: false, stale: true });
  });

  it('settles every pending request with an error when the worker crashes', async () => {
    const { port, crash } = fakePort();
    const send = createClient(port);
    const pending = send(evaluate(1));
    crash();
    const answer = await pending;
    expect(answer.ok).toBe(false);
    expect('error' in answer && answer.error.code).toBe('internal');
  });
});

/** Fake workers started on demand: each records what it is sent, and whether it was terminated. */
function workerFactory() {
  const started: (ReturnType<typeof fakePort> & { terminated: boolean })[] = [];
  const spawn = () => {
    const fake = { ...fakePort(), terminated: false };
    started.push(fake);
    return { ...fake.port, terminate: () => void (fake.terminated = true) };
  };
  return { spawn, started };
}

const decide = (revision: number) => ({ type: 'decide' as const, revision });

describe('the worker client with a time limit (issue 14)', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('replaces a worker stuck in a costly decision: the stuck request fails with what was too costly, and the next is answered by a new worker', async () => {
    const { spawn, started } = workerFactory();
    const send = createClient(spawn, { timeLimitMs: 5000 });
    started[0]!.reply({ heartbeat: 0 }); // ready, as a worker says once it has loaded
    const hostile = send({ type: 'evaluate', scenario: {}, traceFor: 1, revision: 1 });
    // The worker never answers, not even a heartbeat: it is stuck inside one task.
    await vi.advanceTimersByTimeAsync(6000);
    const answer = await hostile;
    expect(answer.ok).toBe(false);
    const message = 'error' in answer ? answer.error.message : '';
    expect(message).toContain('Deciding request 2 of this scenario');
    expect(message).toContain('took longer than 5 seconds');
    expect(started).toHaveLength(2);
    expect(started[0]!.terminated).toBe(true);
    expect(started[1]!.terminated).toBe(false);

    const harmless = send(evaluate(2));
    const fresh = started[1]!;
    expect(fresh.posted.map((e) => e.request)).toEqual([evaluate(2)]);
    fresh.reply({ id: fresh.posted[0]!.id, ok: true, response: evaluation(2) });
    expect(await harmless).toEqual({ ok: true, value: evaluation(2) });
  });

  it('sends what was queued behind the stuck request to the new worker instead of failing it', async () => {
    const { spawn, started } = workerFactory();
    const send = createClient(spawn, { timeLimitMs: 5000 });
    started[0]!.reply({ heartbeat: 0 });
    const stuck = send(decide(1));
    await vi.advanceTimersByTimeAsync(2000);
    const next = send(evaluate(2)); // the user opened another scenario meanwhile
    await vi.advanceTimersByTimeAsync(4000);
    expect(started).toHaveLength(2);
    const blamed = await stuck;
    expect('error' in blamed && blamed.error.message).toContain(
      'Deciding the requests of this scenario',
    );
    const fresh = started[1]!;
    expect(fresh.posted.map((e) => e.request)).toEqual([evaluate(2)]);
    fresh.reply({ id: fresh.posted[0]!.id, ok: true, response: evaluation(2) });
    expect(await next).toEqual({ ok: true, value: evaluation(2) });
  });

  it('keeps a worker that echoes heartbeats while it waits, however long', async () => {
    const { spawn, started } = workerFactory();
    const send = createClient(spawn, { timeLimitMs: 5000 });
    const slow = send(evaluate(1));
    const worker = started[0]!;
    for (let i = 0; i < 30; i++) {
      await vi.advanceTimersByTimeAsync(1000);
      for (const beat of worker.heartbeats.splice(0)) worker.reply(beat);
    }
    expect(started).toHaveLength(1);
    worker.reply({ id: worker.posted[0]!.id, ok: true, response: evaluation(1) });
    expect(await slow).toEqual({ ok: true, value: evaluation(1) });
  });

  it('does not time a worker that is still loading (it has not said it is ready)', async () => {
    const { spawn, started } = workerFactory();
    const send = createClient(spawn, { timeLimitMs: 5000 });
    const first = send(evaluate(1));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(started).toHaveLength(1);
    const worker = started[0]!;
    worker.reply({ heartbeat: 0 });
    worker.reply({ id: worker.posted[0]!.id, ok: true, response: evaluation(1) });
    expect(await first).toEqual({ ok: true, value: evaluation(1) });
  });

  it('sends no heartbeat while nothing is owed', async () => {
    const { spawn, started } = workerFactory();
    const send = createClient(spawn, { timeLimitMs: 5000 });
    const done = send(evaluate(1));
    started[0]!.reply({ id: started[0]!.posted[0]!.id, ok: true, response: evaluation(1) });
    await done;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(started).toHaveLength(1);
    expect(started[0]!.heartbeats.length).toBeLessThanOrEqual(1);
  });
});
