/**
 * Reading the library at start: migrate the store's layout, read every record, set aside (the
 * quarantine) what cannot be read so the rest loads, and finish what a page that went away
 * left half done (an expired trash entry, a quarantine move cut short).
 */
import type { KeyValueStore } from './kv-store.ts';
import {
  dump,
  META_KEY,
  migrateStore,
  quarantineKey,
  readMeta,
  readQuarantined,
  readScenarioRecord,
  readTrashed,
  type LibraryMeta,
  type QuarantinedRecord,
  type ScenarioRecord,
} from './layout.ts';
import { problemFromError, type StorageProblem } from './problems.ts';

/** What the store held. */
export interface LoadedLibrary {
  /** True when the store's layout is newer than this app's: nothing may be written. */
  readOnly: boolean;
  /** Undefined when the store holds none (or an unreadable one). */
  meta: LibraryMeta | undefined;
  records: ScenarioRecord[];
  /** Records set aside because they could not be read (this time or before). */
  quarantine: QuarantinedRecord[];
  /** The problem to show, or null. */
  problem: StorageProblem | null;
}

/** Reads the library; `undoMs` is how long a deleted scenario stays in the trash. Never throws. */
export async function loadLibrary(
  store: KeyValueStore,
  now: number,
  undoMs: number,
): Promise<LoadedLibrary> {
  const loaded: LoadedLibrary = {
    readOnly: false,
    meta: undefined,
    records: [],
    quarantine: [],
    problem: null,
  };
  const migrated = await migrateStore(store, now);
  if (!migrated.ok) return { ...loaded, readOnly: true, problem: migrated.problem };
  let stored: [string, unknown][];
  try {
    stored = await store.entries();
  } catch {
    stored = await readOneByOne(store, loaded, now);
  }
  for (const [key, value] of stored) {
    try {
      await loadEntry(store, loaded, key, value, now, undoMs);
    } catch (error) {
      loaded.problem = problemFromError(error, 'loading your library');
    }
  }
  const found = loaded.quarantine.filter((q) => q.foundAt >= now).length;
  if (found > 0 && !loaded.problem) {
    loaded.problem = {
      code: 'corrupt',
      message: `${found === 1 ? 'One stored record' : `${found} stored records`} could not be read and ${found === 1 ? 'was' : 'were'} set aside; the rest of your library loaded. Export the damaged records to rescue what they hold.`,
    };
  }
  return loaded;
}

/** When reading everything at once fails, read key by key so one bad record cannot stop the rest. */
async function readOneByOne(
  store: KeyValueStore,
  loaded: LoadedLibrary,
  now: number,
): Promise<[string, unknown][]> {
  let keys: string[];
  try {
    keys = await store.keys();
  } catch (error) {
    loaded.problem = problemFromError(error, 'reading your library');
    return [];
  }
  const read: [string, unknown][] = [];
  for (const key of keys) {
    try {
      read.push([key, await store.get(key)]);
    } catch (error) {
      // Unreadable even on its own: list it, but leave it where it is, since it cannot be copied.
      loaded.quarantine.push({
        key,
        reason: `the browser could not read it (${error instanceof Error ? error.name : 'error'})`,
        foundAt: now,
        raw: '',
      });
    }
  }
  return read;
}

async function loadEntry(
  store: KeyValueStore,
  loaded: LoadedLibrary,
  key: string,
  value: unknown,
  now: number,
  undoMs: number,
): Promise<void> {
  if (key === META_KEY) {
    loaded.meta = readMeta(value) ?? loaded.meta;
  } else if (key.startsWith('scenario:')) {
    if (value === undefined) {
      // A rev check that found the record deleted elsewhere may leave an empty key behind.
      await store.del(key);
      return;
    }
    const read = readScenarioRecord(key, value);
    if (read.ok) loaded.records.push(read.record);
    else await setAside(store, loaded.quarantine, key, value, read.reason, now);
  } else if (key.startsWith('trash:')) {
    const trashed = readTrashed(key, value);
    if (!trashed || trashed.deletedAt + undoMs < now) await store.del(key);
  } else if (key.startsWith('quarantine:')) {
    const item = readQuarantined(key, value, now);
    // The same record set aside again in this load (a move cut short): listed once.
    if (!loaded.quarantine.some((q) => q.key === item.key)) loaded.quarantine.push(item);
  }
  // Other keys may belong to a newer layout's additions; they are left alone.
}

/** Moves an unreadable record to the quarantine (copy first, then delete, so nothing is lost). */
async function setAside(
  store: KeyValueStore,
  quarantine: QuarantinedRecord[],
  key: string,
  value: unknown,
  reason: string,
  now: number,
): Promise<void> {
  // A move cut short (the page went away between the copy and the delete) left the copy: when
  // it loaded first, finish the move and list the record once.
  if (quarantine.some((q) => q.key === key)) {
    await store.del(key).catch(() => undefined);
    return;
  }
  const item: QuarantinedRecord = { key, reason, foundAt: now, raw: dump(value) };
  quarantine.push(item);
  try {
    await store.set(quarantineKey(key), item);
    await store.del(key);
  } catch {
    // Could not move it (full disk?): it stays where it was and is listed from memory.
  }
}
