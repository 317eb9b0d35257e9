/** A canonical form of a policy's statements (policy-canonical.js); undefined for a non-object. */
export function canonicalPolicy(document: unknown): string | undefined;
/** A 53-bit digest of a canonical form, in base 36. */
export function policyDigest(text: string): string;
