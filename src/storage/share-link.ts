/**
 * Share links: a whole scenario in the URL fragment, which browsers never send to a server.
 *
 * Layout: `#s=<version>.<payload>`, where the payload is the scenario text (UTF-8), compressed
 * with raw DEFLATE (CompressionStream 'deflate-raw') and written in unpadded base64url.
 *
 * A link is untrusted input. Decoding checks, in order and each with its own message: the length
 * of the fragment, the `s=` key, the version, the base64url alphabet, the DEFLATE stream (fed 1 kB at
 * a time and stopped past MAX_DECOMPRESSED_BYTES, so a small "bomb" cannot fill memory),
 * UTF-8, JSON, and finally that it is a scenario (see scenario-check.ts). It never throws.
 */
import { decodeBase64url, encodeBase64url } from './base64url.ts';
import { checkScenarioText } from './scenario-check.ts';
import { isFragmentOf, tooLongLink, type FragmentKey } from './link-fragment.ts';

// What a fragment is, without decoding it, is in link-fragment.ts (the first screen needs that
// alone); it stays importable from here with the rest of the link layout.
export {
  isFragmentOf,
  isShareFragment,
  LINK_NAMES,
  linkKind,
  tooLongLink,
  type FragmentKey,
} from './link-fragment.ts';

/** The share-link layout version this program writes and reads. */
export const SHARE_LINK_VERSION = 1;
import {
  COMFORTABLE_LINK_LENGTH,
  MAX_DECOMPRESSED_BYTES,
  MAX_FRAGMENT_LENGTH,
} from '../model/size-limits.ts';

/** Why a link was refused. */
export type ShareLinkProblemCode =
  | 'empty'
  | 'too-long'
  | 'not-a-share-link'
  | 'bad-version'
  | 'version-too-new'
  | 'bad-base64'
  | 'bad-compression'
  | 'too-large'
  | 'bad-text'
  | 'not-json'
  | 'too-deep'
  | 'forbidden-key'
  | 'not-object'
  | 'wrong-format'
  | 'invalid-scenario'
  // The part that reads links (the storage worker) did not start or did not answer in time.
  | 'not-read';

/** Outcome of decoding a link. `notices` tell the user things that did not stop it from opening. */
export type DecodedShareLink =
  | { ok: true; text: string; title: string | undefined; notices: string[] }
  | { ok: false; code: ShareLinkProblemCode; message: string };

/** Compresses and encodes a scenario text as a fragment, `#s=1.<base64url>`. */
export function encodeShareLink(text: string): Promise<string> {
  return encodeFragment(SHARE_KEY, text);
}

/** Outcome of making a link: the fragment and its full URL, or why it cannot be made. */
export type CreatedShareLink =
  | { ok: true; fragment: string; url: string; length: number; comfortable: boolean }
  | { ok: false; code: ShareLinkProblemCode; message: string };

/**
 * Makes a share link for `text` on top of `pageUrl` (the app's own address; any fragment on it is
 * replaced). Refuses texts that the receiving side would refuse, so nobody sends a broken link.
 */
export async function createShareLink(text: string, pageUrl: string): Promise<CreatedShareLink> {
  // The size first: checking a scenario of megabytes would hold the page for nothing.
  if (new TextEncoder().encode(text).length > MAX_DECOMPRESSED_BYTES) {
    return {
      ok: false,
      code: 'too-large',
      message: `This scenario is larger than ${formatBytes(MAX_DECOMPRESSED_BYTES)}, the most a link may carry. Export it as a file instead.`,
    };
  }
  const checked = checkScenarioText(text);
  if (!checked.ok) {
    const { code, message } = checked.problem;
    return { ok: false, code, message: `This scenario cannot be shared yet: ${message}` };
  }
  const fragment = await encodeShareLink(text);
  if (fragment.length > MAX_FRAGMENT_LENGTH) {
    return {
      ok: false,
      code: 'too-long',
      message: `The link would be ${fragment.length.toLocaleString('en')} characters long, more than a link may be. Export the scenario as a file instead.`,
    };
  }
  const url = pageUrl.split('#')[0] + fragment;
  return {
    ok: true,
    fragment,
    url,
    length: url.length,
    comfortable: url.length <= COMFORTABLE_LINK_LENGTH,
  };
}

/** Decodes a fragment (with or without the leading `#`). Never throws; every failure has a message. */
export async function decodeShareLink(fragment: string): Promise<DecodedShareLink> {
  try {
    return await decode(fragment);
  } catch {
    // Every expected failure is handled below; this is the last guard, so the app keeps working.
    return fail(
      'bad-compression',
      'This link could not be read. It may be damaged; ask for a new one.',
    );
  }
}

async function decode(fragment: string): Promise<DecodedShareLink> {
  const read = await decodeFragmentText(fragment, SHARE_KEY);
  if (!read.ok) return read;
  const text = read.text;
  const checked = checkScenarioText(text);
  if (!checked.ok) {
    const { code, message } = checked.problem;
    return fail(code, `This link does not hold a scenario that can be opened. ${message}`);
  }
  return { ok: true, text, title: checked.scenario.title, notices: checked.scenario.notices };
}

const SHARE_KEY: FragmentKey = 's';

/** Compresses and encodes any text as a fragment `#<key>=1.<base64url>` (the share-link layout). */
export async function encodeFragment(key: FragmentKey, text: string): Promise<string> {
  const compressed = await pipeBytes(
    new TextEncoder().encode(text),
    new CompressionStream('deflate-raw'),
  );
  return `#${key}=${SHARE_LINK_VERSION}.${encodeBase64url(compressed)}`;
}

/**
 * Reads the text a link of `key`'s kind carries, with every check of a share link up to UTF-8
 * (length, key, version, base64url, DEFLATE with its size limit, UTF-8). Never throws.
 */
export async function decodeFragmentText(
  fragment: string,
  key: FragmentKey,
): Promise<
  { ok: true; text: string } | { ok: false; code: ShareLinkProblemCode; message: string }
> {
  try {
    return await readFragment(fragment, key);
  } catch {
    return fail(
      'bad-compression',
      'This link could not be read. It may be damaged; ask for a new one.',
    );
  }
}

async function readFragment(
  fragment: string,
  key: FragmentKey,
): Promise<
  { ok: true; text: string } | { ok: false; code: ShareLinkProblemCode; message: string }
> {
  const body = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (body.length > MAX_FRAGMENT_LENGTH) return tooLongLink(body.length);
  const what = key === 's' ? 'scenario' : key === 'h' ? 'hand-in' : 'course';
  if (body.trim() === '')
    return fail('empty', `This link carries no ${what}: its part after # is empty.`);
  if (!isFragmentOf(body, key)) {
    return fail(
      'not-a-share-link',
      `This is not a ${what} link: the part after # should start with "${key}=".`,
    );
  }
  const dot = body.indexOf('.');
  const version = dot < 0 ? body.slice(2) : body.slice(2, dot);
  if (!/^\d{1,6}$/.test(version)) {
    return fail(
      'bad-version',
      `This link is damaged: after "${key}=" it should carry a version number and a dot, like "${key}=1.…".`,
    );
  }
  if (Number(version) > SHARE_LINK_VERSION) {
    return fail(
      'version-too-new',
      `This link was made by a newer IAM Playground (link version ${Number(version)}); this one reads version ${SHARE_LINK_VERSION}. Reload the page to get the newest version.`,
    );
  }
  if (Number(version) !== SHARE_LINK_VERSION || dot < 0) {
    return fail('bad-version', `This link has an unknown version "${version}"; it was not read.`);
  }
  const payload = body.slice(dot + 1);
  if (payload === '')
    return fail('empty', `This link carries no ${what}: nothing follows "${key}=1.".`);
  const decoded = decodeBase64url(payload);
  if (!decoded.ok) {
    if (decoded.problem.reason === 'length') {
      return fail(
        'bad-base64',
        'This link is cut short: its last characters are missing. Copy the whole link again.',
      );
    }
    const { found, at } = culprit(payload, decoded.problem.offset);
    return fail(
      'bad-base64',
      `This link is damaged: it contains the character ${found} (at position ${dot + 2 + at} after #), which such a link never has. It may have been changed while being copied.`,
    );
  }
  const inflated = await inflate(decoded.bytes);
  if (!inflated.ok) return inflated;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(inflated.bytes);
  } catch {
    return fail('bad-text', 'This link is damaged: its content is not readable text.');
  }
  return { ok: true, text };
}

/**
 * The character a link should not hold, as the user would name it, and its 0-based offset in the
 * payload. Browsers percent-encode characters such as `<` or `é` in `location.hash` (`%3C`,
 * `%C3%A9`): the culprit is then the character those escapes stand for, not the `%` sign (the
 * characters before it are all of the alphabet, so its position is the same). `%20` is kept as
 * the `%` it is, with what it stands for: mail clients write it into links themselves.
 */
function culprit(payload: string, offset: number): { found: string; at: number } {
  const escapes = /^(?:%[0-9A-Fa-f]{2})+/.exec(payload.slice(offset, offset + 60))?.[0];
  let char = String.fromCodePoint(payload.codePointAt(offset) ?? 0x25);
  if (escapes) {
    let decoded = '';
    try {
      decoded = decodeURIComponent(escapes);
    } catch {
      decoded = ''; // not UTF-8: the '%' itself is the culprit
    }
    if (decoded === ' ' || decoded.startsWith(' '))
      return { found: '"%" (%20, an escaped space)', at: offset };
    if (decoded !== '') char = String.fromCodePoint(decoded.codePointAt(0) ?? 0x25);
  }
  const code = char.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const visible = code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0);
  return { found: visible ? `${JSON.stringify(char)} (${hex})` : hex, at: offset };
}

/**
 * How many compressed bytes go into the decompressor at a time. A decompressor inflates each
 * chunk it is given in full before anything can read its output (Chromium's does), and DEFLATE
 * expands a byte to at most 1,032 bytes: fed 1 kB at a time, it produces at most ~1 MB before
 * the reader can stop it, so a bomb is refused after a step or two, not after inflating it all.
 */
export const INFLATE_INPUT_SLICE = 1024;

/** Outcome of `inflateLimited`: `read` is how many compressed bytes were fed to the decompressor. */
export type Inflated =
  | { ok: true; bytes: Uint8Array; read: number }
  | { ok: false; code: 'too-large' | 'bad-compression'; read: number };

/**
 * Inflates raw DEFLATE, feeding the input in INFLATE_INPUT_SLICE pieces, each only once the
 * decompressor has taken the last one and its output has been read, and stopping as soon as the
 * output passes `maxBytes`.
 */
export async function inflateLimited(bytes: Uint8Array, maxBytes: number): Promise<Inflated> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let read = 0;
  let outcome: 'done' | 'too-large' | 'bad-compression' | undefined;
  const reading = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return (outcome ??= 'done');
        total += value.length;
        if (total > maxBytes) {
          outcome = 'too-large';
          // Stop inflating now: a bomb must not get to expand any further.
          await reader.cancel().catch(() => undefined);
          return outcome;
        }
        chunks.push(value);
      }
    } catch {
      return (outcome ??= 'bad-compression');
    }
  })();
  try {
    // The next slice goes in only once the output of the last one has been read (and counted).
    while (read < bytes.length && outcome === undefined) {
      const end = Math.min(bytes.length, read + INFLATE_INPUT_SLICE);
      await writer.ready;
      if (outcome !== undefined) break;
      await writer.write(bytes.slice(read, end));
      read = end;
    }
    if (outcome === undefined) await writer.close();
  } catch {
    // The decompressor failed (broken input) or was cancelled: the reading side says which.
  }
  const result = await reading;
  if (result !== 'done') return { ok: false, code: result, read };
  const joined = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.length;
  }
  return { ok: true, bytes: joined, read };
}

/** Inflates a link's payload, or says why it cannot be read. */
async function inflate(
  bytes: Uint8Array,
): Promise<
  { ok: true; bytes: Uint8Array } | { ok: false; code: ShareLinkProblemCode; message: string }
> {
  const inflated = await inflateLimited(bytes, MAX_DECOMPRESSED_BYTES);
  if (inflated.ok) return { ok: true, bytes: inflated.bytes };
  if (inflated.code === 'too-large') {
    return fail(
      'too-large',
      `This link unpacks to more than ${formatBytes(MAX_DECOMPRESSED_BYTES)}, far more than any scenario; it was not read.`,
    );
  }
  return fail(
    'bad-compression',
    'This link is damaged: its compressed content is broken or cut short. Copy the whole link again.',
  );
}

/** Runs bytes through a transform stream and collects the output. */
async function pipeBytes(bytes: Uint8Array, transform: CompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function fail(
  code: ShareLinkProblemCode,
  message: string,
): { ok: false; code: ShareLinkProblemCode; message: string } {
  return { ok: false, code, message };
}

function formatBytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${bytes / 1_000_000} MB` : `${Math.round(bytes / 1000)} kB`;
}
