/// <reference lib="webworker" />
/**
 * The playground's Web Worker: validates and evaluates scenarios and answers autocomplete
 * questions from AWS's service reference, off the main thread.
 *
 * Scheduling, so the trace on screen follows each keystroke even in a big world:
 * - every `evaluate` updates the worker's copy of the scenario as it arrives (patches must
 *   apply in order), but only the newest one is evaluated: older queued ones are answered
 *   `superseded`;
 * - `evaluate` (validation + the request on screen, with its trace) always goes first;
 * - `decide` (every request's decision) runs one request per task, so a newer `evaluate`
 *   waits for at most one request's evaluation, never for a whole world, and a newer `decide`
 *   replaces it.
 * - `access` (an access analysis), `escalation` and `impact` run last, one slice per task
 *   (access.ts, escalation-jobs.ts), posting progress after each; each has a slot of its own,
 *   where a newer request of its type replaces it and `access-cancel` (naming it) stops it.
 * Errors are answered as data.
 */
import { createHandlers, WorkerFailure, type DecideJob } from './handlers.ts';
import { isHeartbeat } from './heartbeat.ts';
import type { AnalysisJob } from './access.ts';
import type {
  AnalysisType,
  Envelope,
  EvaluateRequest,
  Reply,
  WorkerError,
  WorkerResponse,
} from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const handlers = createHandlers();
let evaluation: { id: number; request: EvaluateRequest } | null = null;
let decision: { id: number; job: DecideJob } | null = null;
/** The running analyses by type; `ready` once its data is loaded (loading does not hold the worker). */
type Analysis = { id: number; job: AnalysisJob<WorkerResponse>; ready: boolean };
const analyses = new Map<AnalysisType, Analysis>();
const readyAnalysis = (): [AnalysisType, Analysis] | undefined =>
  [...analyses].find(([, a]) => a.ready);
let scheduled = false;
let busy = false;

// A message to ourselves yields to the event loop (so newer requests arrive) without a timer's delay.
const tickChannel = new MessageChannel();
tickChannel.port1.onmessage = () => {
  scheduled = false;
  void tick();
};

function schedule(): void {
  if (scheduled || busy) return;
  scheduled = true;
  tickChannel.port2.postMessage(null);
}

function post(reply: Reply): void {
  self.postMessage(reply);
}

function failure(error: unknown): WorkerError {
  if (error instanceof WorkerFailure) return error.failure;
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

async function answer(envelope: Envelope): Promise<void> {
  try {
    post({ id: envelope.id, ok: true, response: await handlers.handle(envelope.request) });
  } catch (error) {
    post({ id: envelope.id, ok: false, error: failure(error) });
  }
}

async function tick(): Promise<void> {
  busy = true;
  try {
    if (evaluation) {
      const { id, request } = evaluation;
      evaluation = null;
      try {
        post({ id, ok: true, response: await handlers.evaluate(request) });
      } catch (error) {
        post({ id, ok: false, error: failure(error) });
      }
    } else if (decision) {
      const current = decision;
      try {
        const done = await current.job.step();
        if (done && decision === current) {
          decision = null;
          post({ id: current.id, ok: true, response: current.job.response() });
        }
      } catch (error) {
        if (decision === current) decision = null;
        post({ id: current.id, ok: false, error: failure(error) });
      }
    } else if (readyAnalysis()) {
      const [type, current] = readyAnalysis()!;
      try {
        const done = current.job.step();
        // Cancelled or replaced while this step ran: its answer is already settled.
        if (analyses.get(type) === current) {
          if (done) {
            analyses.delete(type);
            post({ id: current.id, ok: true, response: current.job.response() });
          } else {
            const progress = current.job.progress();
            if (progress) post({ id: current.id, progress });
          }
        }
      } catch (error) {
        if (analyses.get(type) === current) {
          analyses.delete(type);
          post({ id: current.id, ok: false, error: failure(error) });
        }
      }
    }
  } finally {
    busy = false;
    if (evaluation || decision || readyAnalysis()) schedule();
  }
}

// Ready: the client starts timing this worker's silences from here (its loading does not count).
self.postMessage({ heartbeat: 0 });

self.addEventListener('message', (event: MessageEvent<Envelope>) => {
  if (isHeartbeat(event.data)) return self.postMessage(event.data); // alive: see heartbeat.ts
  const { id, request } = event.data;
  if (request.type === 'evaluate') {
    const problem = handlers.accept(request);
    if (evaluation) post({ id: evaluation.id, ok: false, superseded: true });
    evaluation = null;
    if (problem) {
      post({ id, ok: false, error: problem });
      return;
    }
    evaluation = { id, request };
    // An idle worker starts at once; a busy one picks the newest evaluation when it is free.
    if (!busy && !scheduled) void tick();
    else schedule();
  } else if (request.type === 'decide') {
    if (decision) post({ id: decision.id, ok: false, superseded: true });
    decision = null;
    const job = handlers.decide(request);
    if ('code' in job) {
      post({ id, ok: false, error: job });
      return;
    }
    decision = { id, job };
    schedule();
  } else if (
    request.type === 'access' ||
    request.type === 'escalation' ||
    request.type === 'impact'
  ) {
    const type = request.type;
    const older = analyses.get(type);
    if (older) post({ id: older.id, ok: false, superseded: true });
    analyses.delete(type);
    const job = type === 'access' ? handlers.access(request) : handlers.analysis(request);
    if ('code' in job) {
      post({ id, ok: false, error: job });
      return;
    }
    const started: Analysis = { id, job, ready: false };
    analyses.set(type, started);
    job.prepare().then(
      () => {
        started.ready = true;
        if (analyses.get(type) === started) schedule();
      },
      (error: unknown) => {
        if (analyses.get(type) !== started) return;
        analyses.delete(type);
        post({ id, ok: false, error: failure(error) });
      },
    );
  } else if (request.type === 'access-cancel') {
    const running = analyses.get(request.analysis ?? 'access');
    if (running) post({ id: running.id, ok: false, superseded: true });
    analyses.delete(request.analysis ?? 'access');
    post({ id, ok: true, response: { type: 'access-cancel', cancelled: !!running } });
  } else if (request.type === 'read-text') {
    // At once, in order with the evaluate that will take the value: parts first, then the answer.
    try {
      const response = handlers.readText(request, (part) => self.postMessage({ id, part }));
      post({ id, ok: true, response });
    } catch (error) {
      post({ id, ok: false, error: failure(error) });
    }
  } else {
    void answer({ id, request });
  }
});
