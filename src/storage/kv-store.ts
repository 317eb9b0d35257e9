/**
 * The small key-value interface the library is written against.
 *
 * In the app it is IndexedDB through idb-keyval; in unit tests (Node has no IndexedDB) it is the
 * in-memory store below, which copies values with structuredClone just as IndexedDB does, so a
 * test cannot pass by sharing an object the real store would have copied.
 */
import { del, entries, get, keys, set, update, type UseStore } from 'idb-keyval';

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
  /**
   * Calls `listener` when the store found its data gone (its database deleted or its object
   * store missing) and created it again, empty. Stores that cannot lose their data omit it.
   */
  onRecreated?(listener: () => void): void;
}

/** The database and object store names the app uses in IndexedDB. */
export const IDB_DATABASE = 'iam-playground';
export const IDB_STORE = 'library';

/**
 * The IndexedDB store (idb-keyval over a connection of our own). Throws if the browser has no
 * IndexedDB at all.
 *
 * idb-keyval's own `createStore` only creates the object store with a new database, and keeps its
 * connection open when something else deletes or upgrades the database. Then the object store may
 * be missing (every call fails with NotFoundError, which looked like "no storage here"), or a
 * pending delete waits for the page to close and takes the data the page just "saved" with it.
 * This connection gives way to such a change at once (`versionchange`), and the next call opens
 * the database again, creating the object store when it is missing (and saying so).
 */
export function idbKeyValueStore(dbName = IDB_DATABASE, storeName = IDB_STORE): KeyValueStore {
  const store = resilientStore(dbName, storeName);
  return {
    get: (key) => get(key, store.use),
    set: (key, value) => set(key, value, store.use),
    del: (key) => del(key, store.use),
    keys: async () => (await keys(store.use)).filter((k): k is string => typeof k === 'string'),
    entries: async () =>
      (await entries(store.use)).filter((e): e is [string, unknown] => typeof e[0] === 'string'),
    update: (key, updater) => update(key, updater, store.use),
    onRecreated: store.onRecreated,
  };
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * Opens `dbName` (at `version`, if given), creating `storeName` on upgrade when it is missing.
 * `created` says what the upgrade had to create: the whole database, or the object store of a
 * database that was already there (so it had been lost).
 */
async function openDatabase(
  dbName: string,
  storeName: string,
  version?: number,
): Promise<{ db: IDBDatabase; created: 'database' | 'store' | null }> {
  const req = version === undefined ? indexedDB.open(dbName) : indexedDB.open(dbName, version);
  let created: 'database' | 'store' | null = null;
  req.onupgradeneeded = (event) => {
    if (req.result.objectStoreNames.contains(storeName)) return;
    req.result.createObjectStore(storeName);
    created = event.oldVersion === 0 ? 'database' : 'store';
  };
  const db = await request(req);
  return { db, created };
}

/** An idb-keyval `UseStore` that reopens (and recreates) its database when it went away. */
function resilientStore(dbName: string, storeName: string) {
  const listeners = new Set<() => void>();
  /** A loss found before anyone listened (on the first open): told to the first listener. */
  let untold = false;
  let current: Promise<IDBDatabase> | undefined;
  /** True once this page used the object store: a new empty one after that means it was lost. */
  let seen = false;

  const connect = async (): Promise<IDBDatabase> => {
    let { db, created } = await openDatabase(dbName, storeName);
    if (!db.objectStoreNames.contains(storeName)) {
      // The database is there without our object store: add it with an upgrade.
      const version = db.version + 1;
      db.close();
      ({ db, created } = await openDatabase(dbName, storeName, version));
    }
    // Another page (or the user) deletes or upgrades the database: let it, and reopen on next use.
    const opened = db;
    opened.onversionchange = () => {
      opened.close();
      current = undefined;
    };
    opened.onclose = () => (current = undefined);
    if (created === 'store' || (created === 'database' && seen)) {
      untold = listeners.size === 0;
      for (const listener of listeners) listener();
    }
    seen = true;
    return opened;
  };
  const database = (): Promise<IDBDatabase> => {
    if (current) return current;
    const opening = connect();
    current = opening;
    opening.catch(() => {
      if (current === opening) current = undefined;
    });
    return opening;
  };
  const use: UseStore = async (txMode, callback) => {
    let tx: IDBTransaction;
    try {
      tx = (await database()).transaction(storeName, txMode);
    } catch {
      // Closed under us (a versionchange, the backing store went away): one fresh try.
      current = undefined;
      tx = (await database()).transaction(storeName, txMode);
    }
    return callback(tx.objectStore(storeName));
  };
  const onRecreated = (listener: () => void): void => {
    listeners.add(listener);
    if (untold) {
      untold = false;
      listener();
    }
  };
  return { use, onRecreated };
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
