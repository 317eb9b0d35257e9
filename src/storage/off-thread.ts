/**
 * Reads share links and imported files in a worker of their own (storage-worker.ts), so no link
 * or file, however large or hostile, holds the page's main thread: the page only sends the
 * fragment or the files and receives the outcome. The worker starts with the first link or file
 * and stays for the next.
 *
 * `decodeShareLinkOffThread` may be called as the page starts (src/main.ts), before the app is
 * drawn: the answer for the same fragment is then already under way when the app asks for it,
 * so a refusal is on screen as soon as the app is.
 *
 * Where there is no Worker (unit tests in Node), the work is done in place, with the same result.
 */
import { decodeShareLink, type DecodedShareLink } from './share-link.ts';
import type { FileImport, ImportProgress } from './files.ts';

/** What the page sends the storage worker. */
export type StorageRequest =
  | { type: 'link'; id: number; fragment: string }
  | { type: 'import'; id: number; files: (Blob & { name?: string })[] };
/** What the storage worker answers; an import also reports its progress before the answer. */
export type StorageAnswer =
  | { id: number; result: DecodedShareLink }
  | { id: number; result: FileImport[] }
  | { id: number; progress: ImportProgress };

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<
  number,
  {
    settle: (answer: StorageAnswer) => void;
    failed: () => void;
    progress?: (progress: ImportProgress) => void;
  }
>();
/** The last fragment asked for and its answer: asking again for the same link costs nothing. */
let last: { fragment: string; answer: Promise<DecodedShareLink> } | undefined;

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
  started.addEventListener('error', () => {
    // The worker could not start or died: everything waiting for it gets an answer all the same.
    worker = undefined;
    for (const [id, { failed }] of waiting) {
      failed();
      waiting.delete(id);
    }
  });
  worker = started;
  return started;
}

/** Sends a request to the storage worker; `failed` is the answer should the worker die. */
function ask<T>(
  request: StorageRequest,
  failed: T,
  progress?: (progress: ImportProgress) => void,
): Promise<T> {
  return new Promise<T>((resolve) => {
    waiting.set(request.id, {
      settle: (answer) => resolve((answer as { result: unknown }).result as T),
      failed: () => resolve(failed),
      ...(progress ? { progress } : {}),
    });
    storageWorker().postMessage(request);
  });
}

/** Decodes a share-link fragment in the storage worker. Never throws (as decodeShareLink). */
export function decodeShareLinkOffThread(fragment: string): Promise<DecodedShareLink> {
  if (last?.fragment === fragment) return last.answer;
  const answer =
    typeof Worker === 'undefined'
      ? decodeShareLink(fragment)
      : ask<DecodedShareLink>(
          { type: 'link', id: ++nextId, fragment },
          {
            ok: false,
            code: 'bad-compression',
            message:
              'This link could not be read: the page could not start the part that reads links. Reload the page and try again.',
          },
        );
  last = { fragment, answer };
  return answer;
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
  return ask<FileImport[]>(
    { type: 'import', id: ++nextId, files: [...files] },
    files.map((file) => ({
      file: file.name ?? 'The file',
      result: {
        ok: false,
        problems: [
          { message: 'It could not be read: the page could not start the part that reads files.' },
        ],
      },
    })),
    onProgress,
  );
}
