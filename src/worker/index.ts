/**
 * The evaluation worker, as the page sees it: the client that sends it requests (client.ts), the
 * typed protocol of those requests and answers (protocol.ts), the parts a big world is sent in
 * (slices.ts), the access table the analysis answers with (access-table.ts), and the console's
 * dependencies answered by the worker (console-deps.ts). The worker itself (worker.ts, with
 * handlers.ts behind it) is started by the client and never imported by the page.
 */
export * from './protocol.ts';
export {
  createClient,
  tooCostlyMessage,
  type ClientOptions,
  type Port,
  type ResponseFor,
  type Send,
  type WorkerPort,
} from './client.ts';
export { SliceAssembler, sliceValue, type SliceEntry } from './slices.ts';
export {
  ACCESS_COLUMNS,
  TableWriter,
  cellCount,
  cellField,
  readCell,
  type AccessCell,
} from './access-table.ts';
export { workerConsoleDeps } from './console-deps.ts';
