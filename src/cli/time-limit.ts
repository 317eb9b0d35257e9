/**
 * The command line's time limit (README, "Budget"): the requests are decided in a worker thread, which
 * says as each request starts; one still running after `DECISION_TIME_LIMIT_MS` is stopped (the
 * thread is terminated) and named, instead of holding the command for minutes.
 *
 * The thread starts before the scenario is read (thread.ts: the bin's entry starts it before it
 * even loads the program), so its start-up overlaps the reading; it is given the job when the
 * scenario is ready. After the decisions it lists the paths to admin when asked (the escalation
 * findings), on the policies it has compiled already, while the main thread runs the checks.
 */
import type { Worker } from 'node:worker_threads';
import { DECISION_TIME_LIMIT_MS } from '../engine/index.ts';
import type { EscalationPathInfo } from '../findings/index.ts';
import type { RequestResult, Scenario } from '../model/index.ts';
import type { LeanResult } from './formats.ts';
import { startThread } from './thread.ts';

/** What the thread is given. */
export interface DecideJob {
  scenario: Scenario;
  /** The clock (milliseconds since the epoch), when --now sets it. */
  now?: number;
  /** Send each result without its trace (see formats.ts): the trace is most of a result's size. */
  lean?: boolean;
  /** After the results, list the paths to admin (escalation.ts, `adminPaths`). */
  escalation?: boolean;
}

/** What the thread says: a request starts, every result, then the paths to admin when asked. */
export type DecideMessage =
  | { started: number }
  | { results: RequestResult[] | LeanResult[] }
  | { paths: EscalationPathInfo[] };

export type Decided =
  | { ok: true; results: RequestResult[] | LeanResult[] }
  /** Request `index` ran past the limit and was stopped. */
  | { ok: false; index: number; limitMs: number };

export interface Decider {
  /**
   * Decides every request of the scenario, each within `limitMs` (5 s by default); with
   * `escalation`, `paths` then brings the paths to admin (no time limit, as for the findings).
   */
  decide(
    scenario: Scenario,
    now: Date | undefined,
    options?: { lean?: boolean; limitMs?: number; escalation?: boolean },
  ): { decided: Promise<Decided>; paths?: Promise<EscalationPathInfo[]> };
  /** Stops the thread when no job is given after all. */
  stop(): void;
}

/** The evaluation thread, started now unless `worker` is it already; the job follows (`decide`). */
export function startDecider(worker: Worker = startThread()): Decider {
  return {
    stop: () => void worker.terminate(),
    decide(
      scenario,
      now,
      { lean = false, limitMs = DECISION_TIME_LIMIT_MS, escalation = false } = {},
    ) {
      worker.ref();
      const job: DecideJob = { scenario, now: now?.getTime(), lean, escalation };
      worker.postMessage(job);
      let settlePaths: { resolve(paths: EscalationPathInfo[]): void; reject(e: Error): void };
      const paths = escalation
        ? new Promise<EscalationPathInfo[]>(
            (resolve, reject) => (settlePaths = { resolve, reject }),
          )
        : undefined;
      paths?.catch(() => undefined); // awaited by the caller when the decisions succeed
      const decided = new Promise<Decided>((resolve, reject) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        let done = false;
        const end = (): void => void worker.terminate();
        const finish = (outcome: Decided | Error): void => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          if (outcome instanceof Error) {
            end();
            settlePaths?.reject(outcome);
            reject(outcome);
            return;
          }
          if (!outcome.ok || !escalation) {
            end();
            settlePaths?.reject(new Error('No paths: the decisions did not end.'));
          }
          resolve(outcome);
        };
        worker.on('message', (message: DecideMessage) => {
          if ('paths' in message) {
            end();
            settlePaths?.resolve(message.paths);
            return;
          }
          if ('results' in message) return finish({ ok: true, results: message.results });
          // The clock runs per request, from when it starts: starting the thread does not count.
          clearTimeout(timer);
          timer = setTimeout(() => finish({ ok: false, index: message.started, limitMs }), limitMs);
        });
        const failed = (error: Error): void => {
          if (done) settlePaths?.reject(error);
          else finish(error);
        };
        worker.on('error', failed);
        worker.on('exit', (code) => {
          const error = new Error(`The evaluation thread stopped (exit ${code}).`);
          if (!done) finish(error);
          else settlePaths?.reject(error); // no effect once the paths came
        });
      });
      return paths ? { decided, paths } : { decided };
    },
  };
}
