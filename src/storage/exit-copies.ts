/**
 * The exit backup: copies of unsaved edits that survive the page going away (a closed tab, a
 * reload, a crash) before the library's debounced IndexedDB write finished. The next start
 * applies a copy when the stored scenario has not changed since (library.ts).
 *
 * Two places, because neither is enough alone:
 * - localStorage, written synchronously, so a copy made on each keystroke is there even when the
 *   renderer crashes right after. It holds about 5 MB per site, so it only takes small texts
 *   (LOCAL_COPY_MAX_CHARS).
 * - IndexedDB (a database of its own, `iam-playground-unsaved`), which has no such limit: every
 *   text is copied there when the page may be going away (pagehide, visibilitychange), and a big
 *   text also while it is typed (in the first pause of COPY_PAUSE_MS, and at least every
 *   COPY_MAX_WAIT_MS while typing goes on). Each copy is a single put whose
 *   transaction is committed at once (`IDBTransaction.commit()`), so the browser finishes it even
 *   when the page is gone by then.
 * A copy is `{ baseRev, record }`: the rev the edit was made on, and the edited record.
 */
import { readScenarioRecord, scenarioKey, type ScenarioRecord } from './layout.ts';

/** The part of the Web Storage API the exit backup uses (localStorage in the browser). */
export type ExitBackup = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/** Where copies go that do not fit in localStorage: IndexedDB in the browser. */
export interface CopyStore {
  /** Starts storing `value` under `key`; false when it could not even start (or the last one failed). */
  put(key: string, value: unknown): boolean;
  del(key: string): void;
  /** Every copy held (opens the store: call it once at start, before `put`). */
  entries(): Promise<[string, unknown][]>;
}

/** One unsaved edit, as copied. */
export interface ExitCopy {
  /** The rev of the stored version the edit was made on (0: never stored). */
  baseRev: number;
  record: ScenarioRecord;
}

const BACKUP_PREFIX = 'iam-playground:unsaved:';

import { COPY_AT_ONCE_CHARS, LOCAL_COPY_MAX_CHARS } from '../model/size-limits.ts';
/**
 * A big text is copied once typing pauses this long, not on every key: its copy (an IndexedDB
 * put of megabytes, ~20 ms of the page's time for a 3 MB world) landing between a keystroke and
 * its decisions was what made them late (bench:ui, the account-sized world).
 */
export const COPY_PAUSE_MS = 250;
/** …and at least this often while typing goes on without a pause. */
export const COPY_MAX_WAIT_MS = 1000;

/** localStorage, when the page may use it (it throws in some privacy modes). */
export function defaultExitBackup(): ExitBackup | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The two places together, as the library uses them. */
export class ExitCopies {
  readonly #local: ExitBackup | null;
  readonly #durable: CopyStore | null;
  /** Scenarios that may have a copy in IndexedDB (so a save of any other costs no transaction). */
  readonly #inDurable = new Set<string>();

  constructor(local: ExitBackup | null, durable: CopyStore | null) {
    this.#local = local;
    this.#durable = durable;
  }

  /**
   * Copies an unsaved edit. `leaving`: the page may be going away, so the copy also goes to
   * IndexedDB. Returns false when it is kept nowhere.
   */
  copy(copy: ExitCopy, leaving: boolean): boolean {
    const id = copy.record.id;
    const small = copy.record.text.length <= LOCAL_COPY_MAX_CHARS;
    let kept = small && this.#copyLocally(id, copy);
    // An older, smaller copy in localStorage must not outlive this one.
    if (!small) this.#dropLocally(id);
    if (leaving || !small || copy.record.text.length > COPY_AT_ONCE_CHARS) {
      this.#inDurable.add(id);
      kept = (this.#durable?.put(id, copy) ?? false) || kept;
    }
    return kept;
  }

  drop(id: string): void {
    this.#dropLocally(id);
    if (!this.#inDurable.delete(id)) return;
    try {
      this.#durable?.del(id);
    } catch {
      // The store went away: there is no copy to drop.
    }
  }

  /**
   * Every copy held, the newest per scenario (by `updatedAt`). Copies that cannot be read are
   * dropped here.
   */
  async readAll(): Promise<ExitCopy[]> {
    const found = new Map<string, ExitCopy>();
    const keep = (id: string, value: unknown): boolean => {
      const copy = readCopy(id, value);
      if (!copy) return false;
      const other = found.get(id);
      if (!other || other.record.updatedAt < copy.record.updatedAt) found.set(id, copy);
      return true;
    };
    for (const [id, raw] of this.#localCopies()) {
      let value: unknown;
      try {
        value = JSON.parse(raw ?? '');
      } catch {
        value = undefined;
      }
      if (!keep(id, value)) this.#dropLocally(id);
    }
    let durable: [string, unknown][] = [];
    try {
      durable = (await this.#durable?.entries()) ?? [];
    } catch {
      durable = []; // IndexedDB refused: only localStorage's copies are there
    }
    for (const [id, value] of durable) {
      if (keep(id, value)) this.#inDurable.add(id);
      else this.#durable?.del(id);
    }
    return [...found.values()];
  }

  #copyLocally(id: string, copy: ExitCopy): boolean {
    if (!this.#local) return false;
    try {
      this.#local.setItem(BACKUP_PREFIX + id, JSON.stringify(copy));
      return true;
    } catch {
      return false; // localStorage full or blocked
    }
  }

  #dropLocally(id: string): void {
    try {
      this.#local?.removeItem(BACKUP_PREFIX + id);
    } catch {
      // localStorage blocked: there is no copy to drop.
    }
  }

  #localCopies(): [string, string | null][] {
    const local = this.#local;
    if (!local) return [];
    try {
      const keys: string[] = [];
      for (let i = 0; i < local.length; i++) {
        const key = local.key(i);
        if (key?.startsWith(BACKUP_PREFIX)) keys.push(key);
      }
      return keys.map((key) => [key.slice(BACKUP_PREFIX.length), local.getItem(key)]);
    } catch {
      return []; // localStorage blocked: nothing was copied there either
    }
  }
}

/** A copy as stored, checked; undefined when it is not one (damaged, or of another scenario). */
function readCopy(id: string, value: unknown): ExitCopy | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { baseRev, record } = value as { baseRev?: unknown; record?: unknown };
  const read = readScenarioRecord(scenarioKey(id), record);
  if (typeof baseRev !== 'number' || !read.ok || read.record.id !== id) return undefined;
  return { baseRev, record: read.record };
}

const COPY_DATABASE = 'iam-playground-unsaved';
const COPY_STORE = 'copies';

/**
 * The copies' IndexedDB store, or null when the browser has no IndexedDB. Its connection is
 * opened by `entries()` (the library's start), so that a `put` in a pagehide handler is issued
 * at once, not after an open that the page may not live to see.
 */
export function idbCopyStore(): CopyStore | null {
  if (typeof indexedDB === 'undefined') return null;
  let db: IDBDatabase | null = null;
  let opening: Promise<IDBDatabase> | null = null;
  /** The last write failed (quota, a store gone): the next `put` reports it. */
  let failed = false;

  const open = (): Promise<IDBDatabase> =>
    (opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(COPY_DATABASE, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(COPY_STORE);
      req.onsuccess = () => {
        const opened = req.result;
        // Someone deletes the database (clearing site data): let go, reopen on next use.
        const forget = (): void => {
          opened.close();
          db = null;
          opening = null;
        };
        opened.onversionchange = forget;
        opened.onclose = forget;
        db = opened;
        resolve(opened);
      };
      req.onerror = () => {
        opening = null;
        reject(req.error);
      };
    }));
  const write = (change: (store: IDBObjectStore) => void): boolean => {
    if (!db) {
      void open().catch(() => undefined);
      return false;
    }
    try {
      const tx = db.transaction(COPY_STORE, 'readwrite');
      tx.oncomplete = () => (failed = false);
      tx.onabort = tx.onerror = () => (failed = true);
      change(tx.objectStore(COPY_STORE));
      tx.commit(); // sent now: the browser finishes it even if the page is gone by then
      return !failed;
    } catch {
      failed = true;
      return false;
    }
  };
  return {
    put: (key, value) => write((store) => store.put(value, key)),
    del: (key) => void write((store) => store.delete(key)),
    entries: async () => {
      const opened = await open();
      return new Promise((resolve, reject) => {
        const store = opened.transaction(COPY_STORE, 'readonly').objectStore(COPY_STORE);
        const keys = store.getAllKeys();
        const values = store.getAll();
        values.onsuccess = () =>
          resolve(keys.result.map((key, i): [string, unknown] => [String(key), values.result[i]]));
        values.onerror = () => reject(values.error);
      });
    },
  };
}
