/**
 * The UI's side of the worker protocol: one function that sends a request and returns a
 * Promise of its answer.
 *
 * Newest wins, per request type: when a newer `evaluate` (or completion) is sent before an
 * older one is answered, the older promise settles as `{ ok: false, stale: true }` at once and
 * its late answer is dropped, so a slow answer for an old edit can never overwrite a newer one.
 */
import type {
  Answer,
  Envelope,
  Messages,
  Reply,
  RequestType,
  WorkerError,
  WorkerRequest,
} from './protocol.ts';

/** The part of a Worker (or MessagePort) the client needs; tests pass a fake. */
export interface Port {
  postMessage(message: Envelope): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<Reply>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
}

/** Sends a request and resolves with its answer (never rejects). */
export type Send = <R extends WorkerRequest>(request: R) => Promise<Answer<ResponseFor<R>>>;

/** The answer type of a request. */
export type ResponseFor<R extends WorkerRequest> = Messages[R['type']][1];

interface Pending {
  type: RequestType;
  resolve: (answer: Answer<never>) => void;
}

/** Creates the client for a worker. */
export function createClient(port: Port): Send {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const newestOfType = new Map<RequestType, number>();

  const settle = (id: number, answer: Answer<unknown>): void => {
    const entry = pending.get(id);
    if (!entry) return; // already settled as stale: drop the late answer
    pending.delete(id);
    (entry.resolve as (a: Answer<unknown>) => void)(answer);
  };

  port.addEventListener('message', (event: MessageEvent<Reply>) => {
    const reply = event.data;
    if (reply.ok) settle(reply.id, { ok: true, value: reply.response });
    else if ('superseded' in reply) settle(reply.id, { ok: false, stale: true });
    else settle(reply.id, { ok: false, error: reply.error });
  });

  // A worker that fails to load or crashes answers nothing: settle everything with the error as data.
  port.addEventListener('error', (event: Event) => {
    const detail = (event as Partial<ErrorEvent>).message;
    const message = typeof detail === 'string' && detail !== '' ? detail : 'The worker stopped.';
    const error: WorkerError = { code: 'internal', message };
    for (const id of [...pending.keys()]) settle(id, { ok: false, error });
  });

  return <R extends WorkerRequest>(request: R): Promise<Answer<ResponseFor<R>>> => {
    const id = nextId++;
    const older = newestOfType.get(request.type);
    if (older !== undefined) settle(older, { ok: false, stale: true });
    newestOfType.set(request.type, id);
    return new Promise((resolve) => {
      pending.set(id, { type: request.type, resolve: resolve as (a: Answer<never>) => void });
      port.postMessage({ id, request });
    });
  };
}
