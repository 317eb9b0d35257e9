/**
 * What the worker's analysis tests share (access.test.ts, escalation-jobs.test.ts): the
 * worker's handlers holding a world, an analysis run step by step as the worker runs it, and
 * an identity policy that allows one action.
 */
import { createHandlers } from '../../../src/worker/handlers.ts';
import type { AccessProgress, WorkerError } from '../../../src/worker/protocol.ts';

const now = () => new Date('2026-06-01T12:00:00Z');

/** The worker's handlers with `scenario` as their copy of the world at `revision`. */
export async function ready(scenario: unknown, revision = 1) {
  const h = createHandlers({ now });
  await h.handle({ type: 'evaluate', scenario, traceFor: null, revision });
  return h;
}

export type Handlers = Awaited<ReturnType<typeof ready>>;

/** An analysis as the worker runs it (an access, escalation or impact job). */
interface Job<R> {
  prepare(): Promise<void>;
  step(): boolean;
  progress(): AccessProgress | null;
  response(): R;
}

/** Runs a job as the worker does: prepare, then one step per task, collecting the progress. */
export async function runSteps<R>(
  job: Job<R> | WorkerError,
): Promise<{ response: R; steps: number; progress: AccessProgress[] }> {
  if ('code' in job) throw new Error(job.message);
  await job.prepare();
  const progress: AccessProgress[] = [];
  let steps = 1;
  while (!job.step()) {
    steps++;
    progress.push(job.progress()!);
  }
  return { response: job.response(), steps, progress };
}

/** An identity policy allowing `action` on `resource`. */
export const allows = (action: string, resource: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: resource }],
});
