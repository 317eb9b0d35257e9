/**
 * The console's dependencies in the app: its decisions (permission checks, assume-role,
 * simulate-*), explicit evaluations and policy checks run in the worker, like every other
 * evaluation, with the worker's catalog of AWS managed policies (protocol.ts, the console's
 * block). The page keeps only the list of AWS managed policy ARNs the console completes and
 * attaches; a policy's document is asked for when a command shows it.
 */
import { knownManagedPolicies, type ConsoleDeps } from '../console/index.ts';
import type { Json } from '../engine/index.ts';
import type { Send, ResponseFor } from './client.ts';
import type { WorkerRequest } from './protocol.ts';

/** The answer to `request`, or an Error that says why there is none (the console shows it). */
async function ask<R extends WorkerRequest>(send: Send, request: R): Promise<ResponseFor<R>> {
  const answer = await send(request);
  if (answer.ok) return answer.value;
  throw new Error(
    'stale' in answer
      ? 'The worker dropped this question for a newer one of the same kind.'
      : `The worker could not answer: ${answer.error.message}`,
  );
}

export function workerConsoleDeps(send: Send, now: () => Date = () => new Date()): ConsoleDeps {
  const managed = knownManagedPolicies(() => undefined);
  return {
    now,
    decide: async (scenario, request) =>
      (await ask(send, { type: 'console-decide', scenario, request })).outcome,
    evaluate: async (input) => (await ask(send, { type: 'console-evaluate', input })).result,
    checkPolicy: async (document, kind) =>
      (await ask(send, { type: 'console-check-policy', document, kind })).findings,
    managedPolicies: {
      ...managed,
      document: async (arn) => {
        const { document } = await ask(send, { type: 'managed-policy', arn });
        return document === null ? undefined : (document as Json);
      },
    },
  };
}
