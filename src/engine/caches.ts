/**
 * Every module-level cache and memo of the engine and of the access analysis is made here, so
 * they live in one list (docs/engine.md, "Caches and memos") and `clearCaches` empties them all.
 * Each is either bounded (its map is cleared when it reaches its bound) or keyed weakly by an
 * object (a document, a compiled policy), so an edited document, being a new object, starts
 * afresh. None changes an answer: a cache only saves recomputing the same value.
 *
 * Memos kept on an object (a compiled statement's last resource, a condition's traced results)
 * live and die with that object; docs/engine.md lists them too.
 */

/** What `clearCaches` clears, by the name each cache is made with. */
const registry = new Map<string, { clear(): void }>();

function register<C extends { clear(): void }>(name: string, cache: C): C {
  if (registry.has(name)) throw new Error(`Two caches are named "${name}".`);
  registry.set(name, cache);
  return cache;
}

/** A map that is emptied when it holds `bound` entries, so patterns built per request cannot grow it forever. */
export class BoundedCache<K, V> {
  readonly #map = new Map<K, V>();
  constructor(readonly bound: number) {}
  get(key: K): V | undefined {
    return this.#map.get(key);
  }
  set(key: K, value: V): V {
    if (this.#map.size >= this.bound) this.#map.clear();
    this.#map.set(key, value);
    return value;
  }
  get size(): number {
    return this.#map.size;
  }
  clear(): void {
    this.#map.clear();
  }
}

/** A WeakMap that can be cleared (by replacing it): its entries go when their key object does. */
export class WeakCache<K extends object, V> {
  #map = new WeakMap<K, V>();
  get(key: K): V | undefined {
    return this.#map.get(key);
  }
  set(key: K, value: V): V {
    this.#map.set(key, value);
    return value;
  }
  clear(): void {
    this.#map = new WeakMap();
  }
}

/** A bounded cache named `name` (see the table in docs/engine.md). */
export function boundedCache<K, V>(name: string, bound: number): BoundedCache<K, V> {
  return register(name, new BoundedCache<K, V>(bound));
}

/** A cache keyed weakly by objects, named `name` (see the table in docs/engine.md). */
export function weakCache<K extends object, V>(name: string): WeakCache<K, V> {
  return register(name, new WeakCache<K, V>());
}

/** The names of the caches made so far (those of modules that are loaded). */
export function cacheNames(): string[] {
  return [...registry.keys()];
}

/** Empties every cache: the next request computes everything afresh (tests, cold benchmarks). */
export function clearCaches(): void {
  for (const cache of registry.values()) cache.clear();
}
