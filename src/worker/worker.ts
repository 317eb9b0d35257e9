/// <reference lib="webworker" />
/**
 * The playground's Web Worker: validates and evaluates scenarios and answers autocomplete
 * questions from AWS's service reference, off the main thread.
 *
 * Newest wins here too: evaluations wait one task before they start, and one that a newer
 * evaluation overtook in that time is answered `superseded` without being run. Errors are
 * answered as data.
 */
import { createHandler } from './handlers.ts';
import type { Envelope, Reply, WorkerError } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const handle = createHandler();
let queuedEvaluation: Envelope | null = null;

function post(reply: Reply): void {
  self.postMessage(reply);
}

async function answer(envelope: Envelope): Promise<void> {
  try {
    post({ id: envelope.id, ok: true, response: await handle(envelope.request) });
  } catch (error) {
    const failure: WorkerError = {
      code: 'internal',
      message: error instanceof Error ? error.message : String(error),
    };
    post({ id: envelope.id, ok: false, error: failure });
  }
}

function runQueuedEvaluation(): void {
  const envelope = queuedEvaluation;
  queuedEvaluation = null;
  if (envelope) void answer(envelope);
}

self.addEventListener('message', (event: MessageEvent<Envelope>) => {
  const envelope = event.data;
  if (envelope.request.type !== 'evaluate') {
    void answer(envelope);
    return;
  }
  if (queuedEvaluation) post({ id: queuedEvaluation.id, ok: false, superseded: true });
  else setTimeout(runQueuedEvaluation, 0);
  queuedEvaluation = envelope;
});
