/**
 * Work that must finish before the page reloads into a new version: pending saves of the
 * scenario library register here, so accepting an update never loses what the user typed.
 */
type Flush = () => Promise<void> | void;

const flushes = new Set<Flush>();

/** Registers `flush` to run before an update reloads the page. Returns a function that unregisters it. */
export function beforeUpdate(flush: Flush): () => void {
  flushes.add(flush);
  return () => flushes.delete(flush);
}

/**
 * Runs every registered flush. A failing one does not stop the others; the failures are
 * returned so the caller can refuse to reload rather than lose work.
 */
export async function flushBeforeUpdate(): Promise<unknown[]> {
  const results = await Promise.allSettled([...flushes].map(async (flush) => flush()));
  return results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
}
