import { describe, expect, it } from 'vitest';
import { createClient, type Port } from '../../../src/worker/client.ts';
import type { Envelope, Reply, WorkerResponse } from '../../../src/worker/protocol.ts';

/** A fake worker: records what the client posts and lets the test answer it. */
function fakePort() {
  const posted: Envelope[] = [];
  const listeners: {
    message: ((e: MessageEvent<Reply>) => void)[];
    error: ((e: Event) => void)[];
  } = {
    message: [],
    error: [],
  };
  const port: Port = {
    postMessage: (m) => posted.push(m),
    addEventListener: ((type: 'message' | 'error', listener: (e: never) => void) => {
      listeners[type].push(listener as never);
    }) as Port['addEventListener'],
  };
  const reply = (r: Reply) =>
    listeners.message.forEach((l) => l({ data: r } as MessageEvent<Reply>));
  const crash = () => listeners.error.forEach((l) => l(new Event('error')));
  return { port, posted, reply, crash };
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
