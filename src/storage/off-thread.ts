/**
 * Reads links (`#s=`, `#h=`, `#c=`: read-link.ts), imported files and hand-in files
 * (hand-in-off-thread.ts) in a worker of their own (storage-worker.ts), so no link or file,
 * however large or hostile, holds the page's main thread: the page only sends the fragment or
 * the files and receives the outcome. The worker starts with the first link or file and stays
 * for the next link.
 *
 * `readLinkOffThread` may be called as the page starts (src/link-start.ts), before the app is
 * drawn: the answer for the same fragment is then already under way when the app asks for it,
 * so a refusal is on screen as soon as the app is.
 *
 * A worker that has read imported files is stopped once nothing else waits for it: reading a
 * real account's files leaves its heap full of them (their texts, parsed values, the converted
 * scenario), which stayed with the tab (about 36 MB of its resident memory after the benchmark's
 * 2,000-role account, even once collected) until the tab closed. The next link or file starts a
 * new worker.
 *
 * Every request has a time limit (`timeLimitMs`): a worker that never answers (a hang, not a
 * crash, which the worker's `error` event reports) is stopped, everything waiting for it is
 * answered with a refusal that says so, and the next request starts a new worker. Reading never
 * changes anything of the user's, so nothing needs undoing.
 *
 * Where there is no Worker (unit tests in Node), the work is done in place, with the same result.
 * For links that branch exists only in tests (the production build drops it).
 */
import type { LinkResults } from './read-link.ts';
import { LINK_NAMES, type FragmentKey } from './link-fragment.ts';
import type { FileImport, ImportProgress } from './files.ts';
import type { HandInResult } from './hand-in-format.ts';

/** What the page sends the storage worker. */
export type StorageRequest =
  | { type: 'link'; id: number; fragment: string; kind: FragmentKey; where?: string }
  | { type: 'import'; id: number; files: (Blob & { name?: string })[] }
  | { type: 'hand-in'; id: number; file: Blob; name: string };
/** What reading one request gives. */
export type StorageResult = LinkResults[FragmentKey] | FileImport[] | HandInResult;
/** What the storage worker answers; an import also reports its progress before the answer. */
export type StorageAnswer =
  { id: number; result: StorageResult } | { id: number; progress: ImportProgress };

/** Why a request got no answer from the worker. */
type Unanswered = 'did not start' | 'too slow';

/**
 * How long the worker may take over `bytes` of input before it is stopped: 15 s, and 10 s more
 * per megabyte (a 5 MB file on a machine many times slower than a quiet one still fits). Reading
 * the largest link takes a fraction of a second on a quiet machine.
 */
export function timeLimitMs(bytes: number): number {
  return 15_000 + Math.ceil(bytes / 100);
}

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<
  number,
  {
    settle: (answer: StorageAnswer) => void;
    unanswered: (why: Unanswered) => void;
    progress?: (progress: ImportProgress) => void;
  }
>();
/** The last link asked for and its answer: asking again for the same link costs nothing. */
let last: { key: string; answer: Promise<unknown> } | undefined;

function storageWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./storage-worker.ts', import.meta.url), {
    type: 'module',
    name: 'storage',
  });
  started.addEventListener('message', (event: MessageEvent<StorageAnswer>) => {
    const answer = event.data;
    if ('progress' in answer) return waiting.get(answer.id)?.progress?.(answer.progress);
    waiting.get(answer.id)?.settle(answer);
    waiting.delete(answer.id);
  });
  // The worker could not start or died: everything waiting for it gets an answer all the same.
  started.addEventListener('error', () => stop(started, 'did not start'));
  worker = started;
  return started;
}

/** Stops `stopped` (if it is still the worker) and answers everything that waits for it. */
function stop(stopped: Worker, why: Unanswered): void {
  if (worker !== stopped) return;
  stopped.terminate();
  worker = undefined;
  last = undefined; // the same link asked for again gets a new worker
  for (const [id, { unanswered }] of waiting) {
    unanswered(why);
    waiting.delete(id);
  }
}

/** A request as its sender gives it (`ask` numbers it). */
type Unnumbered<R = StorageRequest> = R extends unknown ? Omit<R, 'id'> : never;

/**
 * Sends a request to the storage worker (readers of other modules, loaded with their feature, use
 * it too). `unanswered` makes the answer, from the user's word for why (`what` the worker reads),
 * should the worker die or not answer within `timeLimitMs(bytes)`; `progress` hears how far it
 * has come (each report starts the time limit again: a worker that reports is not stuck).
 */
export function ask<T>(
  unnumbered: Unnumbered,
  bytes: number,
  what: 'links' | 'files',
  unanswered: (reason: string) => T,
  progress?: (progress: ImportProgress) => void,
): Promise<T> {
  const request = { ...unnumbered, id: ++nextId } as StorageRequest;
  return new Promise<T>((resolve) => {
    const target = storageWorker();
    const arm = () => setTimeout(() => stop(target, 'too slow'), timeLimitMs(bytes));
    let limit = arm();
    waiting.set(request.id, {
      settle: (answer) => {
        clearTimeout(limit);
        resolve((answer as { result: unknown }).result as T);
      },
      unanswered: (why) => {
        clearTimeout(limit);
        resolve(unanswered(reason(why, what, bytes)));
      },
      progress: (report) => {
        clearTimeout(limit);
        limit = arm();
        progress?.(report);
      },
    });
    target.postMessage(request);
  });
}

/** The user's word for why nothing came back. Reading changes nothing, so nothing was changed. */
function reason(why: Unanswered, what: 'links' | 'files', bytes: number): string {
  return why === 'did not start'
    ? `the page could not start the part that reads ${what}. Reload the page and try again.`
    : `the part that reads ${what} did not answer within ${Math.round(timeLimitMs(bytes) / 1000)} seconds and was stopped. Nothing of yours was changed; reload the page to try again.`;
}

/**
 * Reads `fragment` as a link of `kind` (read-link.ts) in the storage worker. `where` names a
 * hand-in link in its messages. Never throws.
 */
export function readLinkOffThread<K extends FragmentKey>(
  fragment: string,
  kind: K,
  where?: string,
): Promise<LinkResults[K]> {
  const named = kind === 'h' ? (where ?? LINK_NAMES.h) : undefined;
  const key = `${kind}\n${named ?? ''}\n${fragment}`;
  if (last?.key === key) return last.answer as Promise<LinkResults[K]>;
  const answer =
    // Only unit tests run without a Worker; the production build drops this branch, so the page
    // carries no link-reading code at all (it is the storage worker's).
    import.meta.env.MODE === 'test' && typeof Worker === 'undefined'
      ? import('./read-link.ts').then(({ readLink }) => readLink(fragment, kind, named))
      : ask<LinkResults[K]>(
          {
            type: 'link',
            fragment,
            kind,
            ...(named === undefined ? {} : { where: named }),
          },
          fragment.length,
          'links',
          (why) => unreadLink(kind, why, named),
        );
  last = { key, answer };
  return answer;
}

/**
 * The refusal of a link of `kind` that was not read at all (`reason`: the worker did not start
 * or did not answer in time), worded as that kind's other refusals.
 */
function unreadLink<K extends FragmentKey>(
  kind: K,
  reason: string,
  where?: string,
): LinkResults[K] {
  const message = `This link could not be read: ${reason}`;
  const refusal: LinkResults[FragmentKey] =
    kind === 's'
      ? { ok: false, code: 'not-read', message }
      : {
          ok: false,
          message: `${kind === 'h' ? (where ?? LINK_NAMES.h) : LINK_NAMES.c}: ${message}`,
        };
  return refusal as LinkResults[K];
}

/**
 * Reads files to import (as files.ts `readImportFiles`) in the storage worker; `onProgress`
 * hears how far it has come (a big account takes seconds).
 */
export async function readImportFilesOffThread(
  files: readonly (Blob & { name?: string })[],
  onProgress?: (progress: ImportProgress) => void,
): Promise<FileImport[]> {
  if (typeof Worker === 'undefined')
    return (await import('./files.ts')).readImportFiles(files, onProgress);
  const bytes = files.reduce((sum, file) => sum + file.size, 0);
  const read = await ask<FileImport[]>(
    { type: 'import', files: [...files] },
    bytes,
    'files',
    (why) =>
      files.map((file) => ({
        file: file.name ?? 'The file',
        result: { ok: false, problems: [{ message: `It could not be read: ${why}` }] },
      })),
    onProgress,
  );
  if (worker && waiting.size === 0) {
    worker.terminate();
    worker = undefined;
    last = undefined;
  }
  return read;
}
