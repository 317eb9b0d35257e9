/**
 * The command line's time limit (README, "Budget"): the requests are decided in a worker thread, which
 * says as each request starts; one still running after `DECISION_TIME_LIMIT_MS` is stopped (the
 * thread is terminated) and named, instead of holding the command for minutes.
 */
import { Worker } from 'node:worker_threads';
import { DECISION_TIME_LIMIT_MS } from '../engine/index.ts';
import type { RequestResult, Scenario } from '../model/index.ts';
import type { LeanResult } from './formats.ts';

/** What the thread is given. */
export interface DecideJob {
  scenario: Scenario;
  /** The clock (milliseconds since the epoch), when --now sets it. */
  now?: number;
  /** Send each result without its trace (see formats.ts): the trace is most of a result's size. */
  lean?: boolean;
}

/** What the thread says: a request starts, or every result. */
export type DecideMessage = { started: number } | { results: RequestResult[] | LeanResult[] };

export type Decided =
  | { ok: true; results: RequestResult[] | LeanResult[] }
  /** Request `index` ran past the limit and was stopped. */
  | { ok: false; index: number; limitMs: number };

/**
 * The thread's code: the entry module, through tsx's loader when this program runs as
 * TypeScript (`npm run eval` runs it with tsx, whose loader threads do not inherit).
 */
function bootstrap(): string {
  const typescript = import.meta.url.endsWith('.ts');
  const entry = new URL(`./decide-worker.${typescript ? 'ts' : 'js'}`, import.meta.url).href;
  if (!typescript) return `import(${JSON.stringify(entry)});`;
  const api = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
}

/** Decides every request of the scenario, each within `limitMs` (5 s by default). */
export function decideWithTimeLimit(
  scenario: Scenario,
  now: Date | undefined,
  { lean = false, limitMs = DECISION_TIME_LIMIT_MS }: { lean?: boolean; limitMs?: number } = {},
): Promise<Decided> {
  const job: DecideJob = { scenario, now: now?.getTime(), lean };
  const worker = new Worker(bootstrap(), { eval: true, workerData: job });
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const finish = (outcome: Decided | Error): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void worker.terminate();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    worker.on('message', (message: DecideMessage) => {
      if ('results' in message) return finish({ ok: true, results: message.results });
      // The clock runs per request, from when it starts: starting the thread does not count.
      clearTimeout(timer);
      timer = setTimeout(() => finish({ ok: false, index: message.started, limitMs }), limitMs);
    });
    worker.on('error', (error) => finish(error));
    worker.on('exit', (code) => finish(new Error(`The evaluation thread stopped (exit ${code}).`)));
  });
}
