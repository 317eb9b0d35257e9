/**
 * The first of the page's modules to run (src/main.ts imports it before anything else): a link in
 * the address (`#s=`, `#h=`, `#c=`) starts being read now, in the storage worker, while the rest
 * of the app's modules run and the app is drawn. Its scenario, hand-in or course, or why it was
 * refused, is then ready as soon as the app asks for it (src/storage/off-thread.ts).
 */
import { linkKind } from './storage/link-fragment.ts';
import { readLinkOffThread } from './storage/off-thread.ts';

const kind = linkKind(location.hash);
if (kind) void readLinkOffThread(location.hash, kind);
