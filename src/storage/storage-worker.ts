/**
 * The storage worker: reads links (`#s=`, `#h=`, `#c=`: read-link.ts), imported files and the
 * class sheet's hand-in files off the page's main thread. Decompressing, parsing and checking a
 * link of up to 1 MB of scenario took one main-thread task of a third of a second, and parsing a
 * 3.5 MB file to import it several seconds; here they cost the page nothing but the
 * messages.
 *
 * Started lazily by off-thread.ts, only when there is a link or a file to read, so the first
 * visit without one loads none of this.
 */
import { readLink } from './read-link.ts';
import { readImportFiles } from './files.ts';
import { readHandInFile } from './hand-in-format.ts';
import type { StorageAnswer, StorageRequest, StorageResult } from './off-thread.ts';

/** The result of one request (an import reports its progress on the way). */
function answer(request: StorageRequest): Promise<StorageResult> {
  switch (request.type) {
    case 'link':
      return readLink(request.fragment, request.kind, request.where);
    case 'hand-in':
      return readHandInFile(request.file, request.name);
    case 'import':
      return readImportFiles(request.files, (progress) =>
        self.postMessage({ id: request.id, progress } satisfies StorageAnswer),
      );
  }
}

self.addEventListener('message', (event: MessageEvent<StorageRequest>) => {
  const request = event.data;
  void answer(request).then((result) =>
    self.postMessage({ id: request.id, result } satisfies StorageAnswer),
  );
});
