/**
 * Deterministic identifiers. AWS makes random unique ids (AIDA…, AROA…, ou-…); the console
 * derives them from a seed (usually the entity's ARN) so that the same world always shows the
 * same ids, tests can state them, and an exported script rebuilds a world with the same ids.
 */

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `length` characters of `alphabet` chosen by a hash of `seed` (FNV-1a, re-seeded per 6 characters). */
export function hashChars(seed: string, length: number, alphabet: string): string {
  let out = '';
  let round = 0;
  while (out.length < length) {
    let hash = 0x811c9dc5 ^ round;
    for (let i = 0; i < seed.length; i++) {
      hash ^= seed.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    // Mix once more so that seeds differing only at the end still spread over every character.
    hash = Math.imul(hash ^ (hash >>> 15), 0x2c1b3c6d) >>> 0;
    for (let i = 0; i < 6 && out.length < length; i++) {
      out += alphabet[hash % alphabet.length];
      hash = Math.floor(hash / alphabet.length);
    }
    round++;
  }
  return out;
}

/**
 * Kinds of IAM unique ids the console derives, and their AWS prefixes. Users' and roles' ids are
 * the model's (`identityUniqueId`, which reads an `id` the world gives and follows renames), so
 * what `get-user` prints is what `aws:userid` and a policy naming the id match.
 */
export const ID_PREFIX = {
  group: 'AGPA',
  policy: 'ANPA',
  instanceProfile: 'AIPA',
  accessKey: 'AKIA',
  sessionKey: 'ASIA',
} as const;

/** An IAM unique id such as `AIDA…` (21 characters, as AWS's). */
export function uniqueId(kind: keyof typeof ID_PREFIX, seed: string): string {
  const length = kind === 'accessKey' || kind === 'sessionKey' ? 16 : 17;
  return ID_PREFIX[kind] + hashChars(seed, length, UPPER);
}

/** A lowercase id part for Organizations ids (`r-xxxx`, `ou-xxxx-xxxxxxxx`, `p-xxxxxxxx`). */
export function orgIdPart(seed: string, length: number): string {
  return hashChars(seed, length, LOWER);
}
