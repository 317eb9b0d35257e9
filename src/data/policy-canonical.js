// @ts-check
/**
 * A canonical form of a policy's statements, and a short digest of it: two documents with the
 * same canonical form grant the same (Sids, statement order and the spelling of the elements do
 * not matter). Plain JavaScript (types in policy-canonical.d.ts) so that the generator
 * (scripts/gen-managed-policies.mjs) and the findings share one definition: the generator writes
 * the digest of every AWS managed policy, and the duplicate check looks a customer managed policy
 * up there before loading any AWS document.
 */

/** @param {unknown} v */
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * @param {unknown} document
 * @returns {string | undefined}
 */
export function canonicalPolicy(document) {
  if (!isObject(document)) return undefined;
  const doc = /** @type {Record<string, unknown>} */ (document);
  const statements = Array.isArray(doc['Statement']) ? doc['Statement'] : [doc['Statement']];
  /** @param {unknown} v @param {boolean} lower */
  const norm = (v, lower) =>
    (Array.isArray(v) ? v : v === undefined ? [] : [v])
      .map((x) => (lower ? String(x).toLowerCase() : String(x)))
      .sort();
  const parts = statements.map((s) => {
    if (!isObject(s)) return '?';
    return JSON.stringify([
      s['Effect'],
      norm(s['Action'], true),
      norm(s['NotAction'], true),
      norm(s['Resource'], false),
      norm(s['NotResource'], false),
      s['Principal'] ?? null,
      s['Condition'] ?? null,
    ]);
  });
  return JSON.stringify(parts.sort());
}

/**
 * A 53-bit digest of a canonical form (cyrb53), in base 36: equal forms have equal digests; a
 * match is confirmed against the documents themselves.
 * @param {string} text
 */
export function policyDigest(text) {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
