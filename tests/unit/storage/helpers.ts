/** Small helpers that keep the library tests readable. */
import { Library, type LibraryOptions } from '../../../src/storage/library.ts';
import { MemoryStore } from '../../../src/storage/kv-store.ts';
import type { CopyStore } from '../../../src/storage/exit-copies.ts';

/** A memory store that can be made full: then every write fails as a browser's full disk does. */
export class FillableStore extends MemoryStore {
  full = false;
  override async set(key: string, value: unknown): Promise<void> {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return super.set(key, value);
  }
  override async update(key: string, updater: (old: unknown) => unknown): Promise<void> {
    if (this.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return super.update(key, updater);
  }
}

/** A clock the test moves by hand, starting at 2026-01-01T00:00:00Z. */
export function manualClock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

/** Ids id-1, id-2, … so tests can name records. */
export function sequentialIds(prefix = 'id') {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/** Opens a library on `store` without tabs or persistence, with readable ids and a fixed clock. */
export function openLibrary(store = new MemoryStore(), options: LibraryOptions = {}) {
  return Library.open({
    store,
    channel: null,
    storageManager: null,
    exitBackup: null,
    exitStore: null,
    newId: sequentialIds(),
    now: () => Date.UTC(2026, 0, 1),
    ...options,
  });
}

/** A Web Storage in memory, like localStorage (for the library's exit backup). */
export class MemoryBackup {
  readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

/** A store whose writes never finish, like IndexedDB in a page that is being torn down. */
export class StalledStore extends MemoryStore {
  stalled = false;
  override async update(key: string, updater: (old: unknown) => unknown): Promise<void> {
    if (this.stalled) return new Promise(() => {});
    return super.update(key, updater);
  }
}

/** A store whose data can be wiped, as clearing site data does; it then says it was recreated. */
export class WipeableStore extends MemoryStore {
  readonly #listeners = new Set<() => void>();
  onRecreated(listener: () => void): void {
    this.#listeners.add(listener);
  }
  async wipe(): Promise<void> {
    for (const key of await this.keys()) await this.del(key);
    for (const listener of this.#listeners) listener();
  }
}

/** A store whose reads wait while `hold()` is in force, like a slow IndexedDB read. */
export class HeldReadStore extends MemoryStore {
  #gate: Promise<void> | null = null;
  #open: () => void = () => undefined;
  #waiting: () => void = () => undefined;
  /** Resolves when a read is waiting at the gate. */
  waiting: Promise<void> = Promise.resolve();
  hold(): void {
    this.waiting = new Promise((resolve) => (this.#waiting = resolve));
    this.#gate = new Promise((resolve) => (this.#open = resolve));
  }
  release(): void {
    this.#gate = null;
    this.#open();
  }
  override async get(key: string): Promise<unknown> {
    if (this.#gate) {
      this.#waiting();
      await this.#gate;
    }
    return super.get(key);
  }
}

/** A copy store in memory, for tests: values are copied as IndexedDB copies them. */
export class MemoryCopyStore implements CopyStore {
  readonly items = new Map<string, unknown>();
  /** When true, every put fails, as a full disk's would. */
  refusing = false;
  put(key: string, value: unknown): boolean {
    if (this.refusing) return false;
    this.items.set(key, structuredClone(value));
    return true;
  }
  del(key: string): void {
    this.items.delete(key);
  }
  async entries(): Promise<[string, unknown][]> {
    return [...this.items].map(([k, v]) => [k, structuredClone(v)]);
  }
}
