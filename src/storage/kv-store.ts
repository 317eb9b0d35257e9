/**
 * The small key-value interface the library is written against.
 *
 * In the app it is IndexedDB through idb-keyval; in unit tests (Node has no IndexedDB) it is the
 * in-memory store below, which copies values with structuredClone just as IndexedDB does, so a
 * test cannot pass by sharing an object the real store would have copied.
 */
import { createStore, del, entries, get, keys, set, update, type UseStore } from 'idb-keyval';

/** What the library needs from storage. Every method may reject (quota, unavailable database). */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  keys(): Promise<string[]>;
  entries(): Promise<[string, unknown][]>;
  /**
   * Reads and writes one key in a single transaction, so a check-then-write (the rev check that
   * stops two tabs from overwriting each other) cannot interleave with another tab's write.
   */
  update(key: string, updater: (old: unknown) => unknown): Promise<void>;
}

/** The database and object store names the app uses in IndexedDB. */
export const IDB_DATABASE = 'iam-playground';
export const IDB_STORE = 'library';

/** The IndexedDB store (idb-keyval). Throws if the browser has no IndexedDB at all. */
export function idbKeyValueStore(dbName = IDB_DATABASE, storeName = IDB_STORE): KeyValueStore {
  const store: UseStore = createStore(dbName, storeName);
  return {
    get: (key) => get(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
    keys: async () => (await keys(store)).filter((k): k is string => typeof k === 'string'),
    entries: async () =>
      (await entries(store)).filter((e): e is [string, unknown] => typeof e[0] === 'string'),
    update: (key, updater) => update(key, updater, store),
  };
}

/** A store in memory: for tests, and for browsers that refuse IndexedDB (the user is told). */
export class MemoryStore implements KeyValueStore {
  readonly #data = new Map<string, unknown>();

  async get(key: string): Promise<unknown> {
    return structuredClone(this.#data.get(key));
  }
  async set(key: string, value: unknown): Promise<void> {
    this.#data.set(key, structuredClone(value));
  }
  async del(key: string): Promise<void> {
    this.#data.delete(key);
  }
  async keys(): Promise<string[]> {
    return [...this.#data.keys()];
  }
  async entries(): Promise<[string, unknown][]> {
    return [...this.#data].map(([k, v]) => [k, structuredClone(v)]);
  }
  async update(key: string, updater: (old: unknown) => unknown): Promise<void> {
    this.#data.set(key, structuredClone(updater(structuredClone(this.#data.get(key)))));
  }
}
