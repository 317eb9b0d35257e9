/**
 * Decodes share links in a worker of their own (link-worker.ts), so no link, however large or
 * hostile, holds the page's main thread: the page only sends the fragment and receives the
 * outcome. The worker starts with the first link and stays for the next (a link opened in the
 * same tab later).
 *
 * `decodeShareLinkOffThread` may be called as the page starts (src/main.ts), before the app is
 * drawn: the answer for the same fragment is then already under way when the app asks for it,
 * so a refusal is on screen as soon as the app is.
 *
 * Where there is no Worker (unit tests in Node), the link is decoded in place, with the same result.
 */
import { decodeShareLink, type DecodedShareLink } from './share-link.ts';

/** What the page sends the link worker. */
export interface LinkRequest {
  id: number;
  fragment: string;
}
/** What the link worker answers. */
export interface LinkAnswer {
  id: number;
  result: DecodedShareLink;
}

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, (result: DecodedShareLink) => void>();
/** The last fragment asked for and its answer: asking again for the same link costs nothing. */
let last: { fragment: string; answer: Promise<DecodedShareLink> } | undefined;

function linkWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(new URL('./link-worker.ts', import.meta.url), {
    type: 'module',
    name: 'share-link',
  });
  started.addEventListener('message', (event: MessageEvent<LinkAnswer>) => {
    waiting.get(event.data.id)?.(event.data.result);
    waiting.delete(event.data.id);
  });
  started.addEventListener('error', () => {
    // The worker could not start or died: every link waiting for it gets an answer all the same.
    worker = undefined;
    for (const [id, settle] of waiting) {
      settle({
        ok: false,
        code: 'bad-compression',
        message:
          'This link could not be read: the page could not start the part that reads links. Reload the page and try again.',
      });
      waiting.delete(id);
    }
  });
  worker = started;
  return started;
}

/** Decodes a share-link fragment in the link worker. Never throws (as decodeShareLink). */
export function decodeShareLinkOffThread(fragment: string): Promise<DecodedShareLink> {
  if (last?.fragment === fragment) return last.answer;
  const answer =
    typeof Worker === 'undefined'
      ? decodeShareLink(fragment)
      : new Promise<DecodedShareLink>((resolve) => {
          const id = ++nextId;
          waiting.set(id, resolve);
          linkWorker().postMessage({ id, fragment } satisfies LinkRequest);
        });
  last = { fragment, answer };
  return answer;
}
