/**
 * Base64url (RFC 4648 §5) without padding, written out by hand so share links need no library.
 *
 * Decoding is strict: only the 64 letters of the URL-safe alphabet are accepted, so a link that
 * was mangled by a mail client (spaces, `+`, `/`, `=` or `%20`) is reported, never half-read.
 */

const ALPHABET = /^[A-Za-z0-9_-]*$/;

/** Encodes bytes as base64url without `=` padding. */
export function encodeBase64url(bytes: Uint8Array): string {
  let binary = '';
  // Chunks keep String.fromCharCode's argument list well under engine limits.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Why a base64url text could not be decoded; `offset` is the 0-based position of the culprit. */
export interface Base64urlProblem {
  reason: 'alphabet' | 'length';
  offset: number;
}

/** Decodes unpadded base64url strictly; returns the problem instead of throwing. */
export function decodeBase64url(
  text: string,
): { ok: true; bytes: Uint8Array } | { ok: false; problem: Base64urlProblem } {
  if (!ALPHABET.test(text)) {
    return { ok: false, problem: { reason: 'alphabet', offset: text.search(/[^A-Za-z0-9_-]/) } };
  }
  // One leftover letter carries only 6 bits: no byte can end there, so the text was cut.
  if (text.length % 4 === 1)
    return { ok: false, problem: { reason: 'length', offset: text.length } };
  const padded =
    text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { ok: true, bytes };
}
