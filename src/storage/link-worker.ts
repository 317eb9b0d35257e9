/**
 * The share-link worker: decodes a link (`#s=…`) off the page's main thread. Decompressing,
 * parsing and checking a link of up to 1 MB of scenario took one main-thread task of a third of
 * a second (issue 14); here it costs the page nothing but the message with the text.
 *
 * Started lazily by link-decoder.ts, only when the address holds a link, so the first visit
 * without one loads none of this.
 */
import { decodeShareLink } from './share-link.ts';
import type { LinkRequest, LinkAnswer } from './link-decoder.ts';

self.addEventListener('message', (event: MessageEvent<LinkRequest>) => {
  const { id, fragment } = event.data;
  void decodeShareLink(fragment).then((result) => {
    const answer: LinkAnswer = { id, result };
    self.postMessage(answer);
  });
});
