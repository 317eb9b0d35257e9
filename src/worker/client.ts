/**
 * The UI's side of the worker protocol: one function that sends a request and returns a
 * Promise of its answer.
 *
 * Newest wins, per request type: when a newer `evaluate` (or completion) is sent before an
 * older one is answered, the older promise settles as `{ ok: false, stale: true }` at once and
 * its late answer is dropped, so a slow answer for an old edit can never overwrite a newer one.
 *
 * A time limit (README, "Budget"): while the worker owes answers, the client sends it heartbeats, which
 * it echoes between tasks (heartbeat.ts). A worker that has said it is ready and then stays
 * silent for `WORKER_SILENCE_LIMIT_MS` (10 s) is stuck in one costly task. Given a way to start
 * workers, the client then terminates it and starts a new one: the oldest unanswered
 * request (the one the worker was stuck on) settles with an error that says what was too
 * costly, and the requests sent after it go to the new worker, so the next scenario is decided
 * at once. The new worker holds no scenario: a patch sent to it is answered `out-of-sync`, and
 * the playground then sends the whole scenario.
 */
import { WORKER_SILENCE_LIMIT_MS } from '../engine/index.ts';
import { isHeartbeat, type Heartbeat } from './heartbeat.ts';
import type {
  AccessProgress,
  Answer,
  Envelope,
  Messages,
  ReadTextPart,
  Reply,
  RequestType,
  WorkerError,
  WorkerRequest,
} from './protocol.ts';

/** The part of a Worker (or MessagePort) the client needs; tests pass a fake. */
export interface Port {
  postMessage(message: Envelope | Heartbeat): void;
  addEventListener(
    type: 'message',
    listener: (event: MessageEvent<Reply | Heartbeat>) => void,
  ): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
}

/** A port the client may stop (a Worker). */
export interface WorkerPort extends Port {
  terminate(): void;
}

/**
 * Sends a request and resolves with its answer (never rejects). `onPart` hears the parts a
 * `read-text` answer comes in, before the answer itself; `onProgress` how far an `access`
 * analysis is.
 */
export type Send = <R extends WorkerRequest>(
  request: R,
  onPart?: (part: ReadTextPart) => void,
  onProgress?: (progress: AccessProgress) => void,
) => Promise<Answer<ResponseFor<R>>>;

/** The answer type of a request. */
export type ResponseFor<R extends WorkerRequest> = Messages[R['type']][1];

export interface ClientOptions {
  /** How long a worker that owes answers may stay silent, in milliseconds. */
  timeLimitMs?: number;
}

/** Heartbeats per time limit: the silence is measured to within a fifth of the limit. */
const BEATS = 5;

interface Pending {
  type: RequestType;
  resolve: (answer: Answer<never>) => void;
  onPart: ((part: ReadTextPart) => void) | undefined;
  onProgress: ((progress: AccessProgress) => void) | undefined;
}

/** What was too costly, for the message shown in the results area. */
export function tooCostlyMessage(request: WorkerRequest, limitMs: number): string {
  const limit = `took longer than ${limitMs / 1000} seconds: too costly, so it was stopped and the evaluator restarted.`;
  const advice =
    'Look for very long values or ARNs, keys with many values, or many long wildcard patterns.';
  switch (request.type) {
    case 'evaluate':
      return request.traceFor === null
        ? `Checking this scenario ${limit} ${advice}`
        : `Deciding request ${request.traceFor + 1} of this scenario (with its trace) ${limit} ${advice}`;
    case 'decide':
      return `Deciding the requests of this scenario ${limit} ${advice}`;
    case 'findings':
      return `Checking the policies of this scenario for findings ${limit}`;
    case 'access':
      return `One step of the access analysis ${limit}`;
    case 'escalation':
      return `One step of "Who can become admin?" ${limit}`;
    case 'impact':
      return `One step of "What changed?" ${limit}`;
    default:
      return `The evaluator did not answer within ${limitMs / 1000} seconds, so it was restarted.`;
  }
}

/**
 * Creates the client for a worker. Given a function that starts workers (rather than one
 * port), it applies the time limit and replaces a stuck worker.
 */
export function createClient(source: Port | (() => WorkerPort), options: ClientOptions = {}): Send {
  const limitMs = options.timeLimitMs ?? WORKER_SILENCE_LIMIT_MS;
  const spawn = typeof source === 'function' ? source : undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const newestOfType = new Map<RequestType, number>();
  /** Requests the current worker has not answered yet, in the order they were sent. */
  const unanswered = new Map<number, Envelope>();
  let current: Port;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let lastHeard = 0;
  let beat = 0;
  /** Whether the current worker has said anything yet: loading a worker is not timed. */
  let ready = false;

  const settle = (id: number, answer: Answer<unknown>): void => {
    const entry = pending.get(id);
    if (!entry) return; // already settled as stale: drop the late answer
    pending.delete(id);
    (entry.resolve as (a: Answer<unknown>) => void)(answer);
  };

  /** Beats while the worker owes answers; replaces it once it has been silent for the limit. */
  const tick = (): void => {
    if (unanswered.size === 0) {
      clearInterval(ticker);
      ticker = undefined;
    } else if (ready && Date.now() - lastHeard >= limitMs) replace();
    else current.postMessage({ heartbeat: ++beat });
  };

  /** Starts the heartbeats when the worker comes to owe an answer. */
  const watch = (): void => {
    if (!spawn || ticker !== undefined || unanswered.size === 0) return;
    lastHeard = Date.now();
    ticker = setInterval(tick, limitMs / BEATS);
  };

  const connect = (port: Port): void => {
    current = port;
    ready = false;
    port.addEventListener('message', (event: MessageEvent<Reply | Heartbeat>) => {
      if (port !== current) return; // a replaced worker's last words
      lastHeard = Date.now();
      ready = true;
      const reply = event.data;
      if (isHeartbeat(reply)) return;
      if ('part' in reply) return pending.get(reply.id)?.onPart?.(reply.part);
      if ('progress' in reply) return pending.get(reply.id)?.onProgress?.(reply.progress);
      unanswered.delete(reply.id);
      if (reply.ok) settle(reply.id, { ok: true, value: reply.response });
      else if ('superseded' in reply) settle(reply.id, { ok: false, stale: true });
      else settle(reply.id, { ok: false, error: reply.error });
    });
    // A worker that fails to load or crashes answers nothing: settle everything with the error as data.
    port.addEventListener('error', (event: Event) => {
      if (port !== current) return;
      const detail = (event as Partial<ErrorEvent>).message;
      const message = typeof detail === 'string' && detail !== '' ? detail : 'The worker stopped.';
      const error: WorkerError = { code: 'internal', message };
      for (const id of [...pending.keys()]) settle(id, { ok: false, error });
      unanswered.clear();
    });
  };

  /** The worker stayed silent too long: blame its oldest unanswered request, start a new one. */
  function replace(): void {
    if (!spawn) return;
    const [stuck, ...after] = [...unanswered.values()] as [Envelope, ...Envelope[]];
    (current as WorkerPort).terminate();
    unanswered.clear();
    connect(spawn());
    settle(stuck.id, {
      ok: false,
      error: { code: 'internal', message: tooCostlyMessage(stuck.request, limitMs) },
    });
    // What was sent after it is not to blame: the new worker answers it.
    for (const envelope of after) {
      if (!pending.has(envelope.id)) continue; // settled as stale meanwhile
      unanswered.set(envelope.id, envelope);
      current.postMessage(envelope);
    }
    lastHeard = Date.now();
  }

  connect(spawn ? spawn() : (source as Port));

  return <R extends WorkerRequest>(
    request: R,
    onPart?: (part: ReadTextPart) => void,
    onProgress?: (progress: AccessProgress) => void,
  ): Promise<Answer<ResponseFor<R>>> => {
    const id = nextId++;
    const older = newestOfType.get(request.type);
    if (older !== undefined) settle(older, { ok: false, stale: true });
    newestOfType.set(request.type, id);
    return new Promise((resolve) => {
      pending.set(id, {
        type: request.type,
        resolve: resolve as (a: Answer<never>) => void,
        onPart,
        onProgress,
      });
      const envelope: Envelope = { id, request };
      if (spawn) {
        unanswered.set(id, envelope);
        watch();
      }
      current.postMessage(envelope);
    });
  };
}
