/**
 * Every link this program makes, read by one path: a scenario (`#s=`), a hand-in (`#h=`) or a
 * course (`#c=`). The fragment's own checks (length, key, version, base64url, DEFLATE with its size
 * limit, UTF-8) are share-link.ts's; what the text must hold is scenario-check.ts's,
 * hand-in-format.ts's or course-format.ts's. The storage worker runs this (off-thread.ts), so no
 * link, however big or hostile, is decompressed, parsed or checked on the page (the page loads
 * this module only where there is no Worker). Never throws.
 */
import { readCourseText, type CourseResult } from './course-format.ts';
import { readHandInText, type HandInResult } from './hand-in-format.ts';
import {
  decodeFragmentText,
  decodeShareLink,
  LINK_NAMES,
  type DecodedShareLink,
  type FragmentKey,
} from './share-link.ts';

/** What reading a link of each kind gives. */
export interface LinkResults {
  s: DecodedShareLink;
  h: HandInResult;
  c: CourseResult;
}

/**
 * Reads `fragment` as a link of `kind`. `where` names a hand-in link in its messages (the class
 * sheet numbers the links pasted into it).
 */
export async function readLink<K extends FragmentKey>(
  fragment: string,
  kind: K,
  where?: string,
): Promise<LinkResults[K]> {
  return (await read(fragment, kind, where)) as LinkResults[K];
}

async function read(
  fragment: string,
  kind: FragmentKey,
  where: string | undefined,
): Promise<LinkResults[FragmentKey]> {
  if (kind === 's') return decodeShareLink(fragment);
  const text = await decodeFragmentText(fragment, kind);
  const source = kind === 'h' ? (where ?? LINK_NAMES.h) : LINK_NAMES.c;
  if (!text.ok) return { ok: false, message: `${source}: ${text.message}` };
  return kind === 'h' ? readHandInText(text.text, source) : readCourseText(text.text, source);
}
