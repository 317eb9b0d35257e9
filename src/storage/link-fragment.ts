/**
 * What kind of link a URL fragment is, and the refusal of one too long to read, without decoding
 * it: all the first screen needs of links (src/link-start.ts, the shared-link banner). Decoding
 * and making links (share-link.ts) load when a link is read or made.
 */

import { MAX_FRAGMENT_LENGTH } from '../model/size-limits.ts';

/** The kinds of link this program makes: a scenario (`s=`), a hand-in (`h=`), a course (`c=`). */
export type FragmentKey = 's' | 'h' | 'c';

/**
 * True when the fragment (with or without `#`) looks like a share link and should be decoded.
 * `S=` counts too (a link retyped or passed through a tool that changed its case): it is then
 * read, or refused with a message, never ignored without a word.
 */
export function isShareFragment(fragment: string): boolean {
  return /^#?s=/i.test(fragment);
}

/** The kind of link a fragment (with or without `#`) is, in either letter case; null: none of ours. */
export function linkKind(fragment: string): FragmentKey | null {
  const key = /^#?([shc])=/i.exec(fragment)?.[1]?.toLowerCase();
  return key === 's' || key === 'h' || key === 'c' ? key : null;
}

/** How messages name a hand-in or course link whose source is not named otherwise. */
export const LINK_NAMES = { h: 'This hand-in link', c: 'This course link' } as const;

/** True when the fragment (with or without `#`) is a link of `key`'s kind, in either letter case. */
export function isFragmentOf(fragment: string, key: FragmentKey): boolean {
  return new RegExp(`^#?${key}=`, 'i').test(fragment);
}

/**
 * The refusal of a link whose part after `#` is `length` characters long, more than any link may
 * be. (src/link-guard.js takes such a link out of the address before the app starts, and the
 * app reports it with this message.)
 */
export function tooLongLink(length: number): { ok: false; code: 'too-long'; message: string } {
  return {
    ok: false,
    code: 'too-long',
    message: `This link is ${length.toLocaleString('en')} characters long; links are at most ${MAX_FRAGMENT_LENGTH.toLocaleString('en')}. It was not read.`,
  };
}
