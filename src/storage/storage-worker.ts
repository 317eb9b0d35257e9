/**
 * The storage worker: reads links (`#s=`, `#h=`, `#c=`: read-link.ts) and imported files off the
 * page's main thread. Decompressing, parsing and checking a link of up to 1 MB of scenario took
 * one main-thread task of a third of a second, and parsing a 3.5 MB file to import it several
 * seconds (issue 14); here they cost the page nothing but the messages.
 *
 * Started lazily by off-thread.ts, only when there is a link or a file to read, so the first
 * visit without one loads none of this.
 */
import { readLink } from './read-link.ts';
import { readImportFiles } from './files.ts';
import type { StorageAnswer, StorageRequest } from './off-thread.ts';

self.addEventListener('message', (event: MessageEvent<StorageRequest>) => {
  const request = event.data;
  const answer: Promise<StorageAnswer> =
    request.type === 'link'
      ? readLink(request.fragment, request.kind, request.where).then((result) => ({
          id: request.id,
          result,
        }))
      : readImportFiles(request.files, (progress) =>
          self.postMessage({ id: request.id, progress } satisfies StorageAnswer),
        ).then((result) => ({ id: request.id, result }));
  void answer.then((a) => self.postMessage(a));
});
