/**
 * Starting the command line's evaluation thread (decide-worker.ts; its job and time limit are
 * time-limit.ts). Apart from them, and importing nothing of the engine, so that the bin's entry
 * (eval.ts) can start the thread before it loads the rest of the program: the thread's own
 * start-up (a second V8 isolate loading the engine) then overlaps the main thread's.
 */
import { Worker } from 'node:worker_threads';

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

/** Starts the evaluation thread; until it is given a job, it does not hold the process open. */
export function startThread(): Worker {
  const worker = new Worker(bootstrap(), { eval: true });
  worker.unref();
  return worker;
}

/**
 * Whether `eval` with these arguments decides requests (and so needs the thread): not the
 * other commands (diff, redact, export), not --help, not the analyses (--what-can, --who-can,
 * --escalation), which run on the main thread. A guess from the words alone: the program stops
 * a thread it was given and does not need (a wrong argument, say).
 */
export function needsThread(argv: readonly string[]): boolean {
  const words = argv[0] === 'eval' ? argv.slice(1) : argv;
  if (['diff', 'redact', 'export'].includes(words[0] ?? '')) return false;
  const alone = ['--help', '-h', '--what-can', '--who-can', '--escalation'];
  return !words.some((word) => alone.includes(word));
}
