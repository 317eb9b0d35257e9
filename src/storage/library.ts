/**
 * The user's library of scenarios, kept in IndexedDB (through the KeyValueStore interface).
 *
 * - Edits are kept in memory at once and stored debounced: after a short pause in typing, and
 *   never more than `maxSaveDelayMs` (1 s) after the first unsaved edit.
 * - Each edit is also copied to the exit backup (exit-copies.ts: localStorage at once for small
 *   texts, IndexedDB for big ones), and `saveOnExit` copies every unsaved edit again when the
 *   page may be going away, since the library's own write started then may never finish: a
 *   crash or a closed tab loses nothing typed. The next start applies such a copy when the
 *   stored scenario has not changed since.
 * - "Saved" means stored in IndexedDB: where the library only lives in memory (no IndexedDB),
 *   every change stays "not saved" and exportable. A lost object store (site data cleared while
 *   the page runs) is created again and this tab's scenarios are stored in it again.
 * - Nothing is thrown: operations return StorageResult, and the current state (list, save status,
 *   problems, conflicts, quarantine, undo) is pushed to subscribers as plain data.
 * - A full disk keeps the unsaved text in memory (`unsavedScenarios()` for export) and retries on
 *   the next edit or `retry()`.
 * - Records that cannot be read are moved to the quarantine and offered for export; the rest
 *   loads (library-load.ts).
 * - Two tabs: each stored change bumps `rev`; writes check the rev in the same transaction and
 *   tabs announce writes on a BroadcastChannel (see tab-sync.ts for the rule).
 */
import { idbKeyValueStore, MemoryStore, type KeyValueStore } from './kv-store.ts';
import {
  cleanTitle,
  META_KEY,
  quarantineKey,
  readScenarioRecord,
  scenarioKey,
  textWithTitle,
  titleFromText,
  titleOf,
  trashKey,
  UNTITLED,
  type LibraryMeta,
  type QuarantinedRecord,
  type ScenarioRecord,
  type TrashedRecord,
} from './layout.ts';
import { problemFromError, type StorageProblem, type StorageResult } from './problems.ts';
import {
  decideRemoteChange,
  isTabMessage,
  LIBRARY_CHANNEL,
  type TabChannel,
  type TabMessage,
} from './tab-sync.ts';
import { COPY_AT_ONCE_CHARS } from '../model/size-limits.ts';
import {
  COPY_MAX_WAIT_MS,
  COPY_PAUSE_MS,
  defaultExitBackup,
  ExitCopies,
  idbCopyStore,
  type ExitCopy,
} from './exit-copies.ts';
import { entryOf, isDirty, sameContent, type Entry } from './library-entry.ts';
import { loadLibrary } from './library-load.ts';
import { Trash } from './trash.ts';
import {
  blankScenarioText,
  type Conflict,
  type ConflictChoice,
  type LibraryOptions,
  type LibraryState,
  type NewScenario,
  type SaveStatus,
} from './library-types.ts';

export type { ScenarioRecord, QuarantinedRecord } from './layout.ts';
export type { StorageProblem, StorageResult } from './problems.ts';
// Its shapes, for the modules that import the library from here.
export * from './library-types.ts';
export type { ExitBackup } from './exit-copies.ts';

/** Problems a later successful write does not end: they stay until the user dismisses them. */
const LASTING_PROBLEMS = new Set<StorageProblem['code']>(['unavailable', 'corrupt', 'lost']);

/** The library. Create with `await Library.open()`. */
export class Library {
  readonly #store: KeyValueStore;
  readonly #channel: TabChannel | null;
  readonly #opts: Required<
    Pick<LibraryOptions, 'saveDelayMs' | 'maxSaveDelayMs' | 'undoMs' | 'now' | 'newId'>
  >;
  readonly #storageManager: LibraryOptions['storageManager'];
  readonly #tabId: string;
  readonly #entries = new Map<string, Entry>();
  readonly #listeners = new Set<(state: LibraryState) => void>();
  readonly #followers = new Set<(record: ScenarioRecord) => boolean>();
  #meta: LibraryMeta = { layoutVersion: 1, lastOpenedId: null };
  #ready = false;
  #openId: string | null = null;
  #problem: StorageProblem | null = null;
  #conflicts: Conflict[] = [];
  #quarantine: QuarantinedRecord[] = [];
  readonly #trash: Trash;
  #persisted: boolean | null = null;
  #readOnly = false;
  /** True when the store is memory standing in for a browser without IndexedDB: nothing lasts. */
  #volatile = false;
  #saving = 0;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #maxTimer: ReturnType<typeof setTimeout> | undefined;
  #copyTimer: ReturnType<typeof setTimeout> | undefined;
  #copyMaxTimer: ReturnType<typeof setTimeout> | undefined;
  /** Writes run one after another, so a slow write cannot be overtaken by a later one. */
  #queue: Promise<unknown> = Promise.resolve();
  readonly #copies: ExitCopies;
  #onHide = (): void => {
    if (document.visibilityState === 'hidden') this.saveOnExit();
  };

  private constructor(store: KeyValueStore, channel: TabChannel | null, options: LibraryOptions) {
    this.#store = store;
    this.#channel = channel;
    this.#storageManager = options.storageManager;
    this.#copies = new ExitCopies(
      options.exitBackup !== undefined ? options.exitBackup : defaultExitBackup(),
      options.exitStore !== undefined ? options.exitStore : idbCopyStore(),
    );
    this.#opts = {
      saveDelayMs: options.saveDelayMs ?? 300,
      maxSaveDelayMs: options.maxSaveDelayMs ?? 1000,
      undoMs: options.undoMs ?? 10_000,
      now: options.now ?? Date.now,
      newId: options.newId ?? randomId,
    };
    this.#tabId = this.#opts.newId();
    this.#trash = new Trash(this.#opts.undoMs, () => void this.#finalizeUndo());
    channel?.addEventListener('message', (event) => {
      if (isTabMessage(event.data))
        void this.#enqueue(() => this.#onRemote(event.data as TabMessage));
    });
    // A tab being hidden may be a tab being closed: store what is pending while we still can.
    if (typeof document !== 'undefined')
      document.addEventListener('visibilitychange', this.#onHide);
    store.onRecreated?.(() => this.#storeRecreated());
  }

  /** Opens the library: migrates and loads the store, asks for persistent storage. Never throws. */
  static async open(options: LibraryOptions = {}): Promise<Library> {
    let store = options.store ?? (await openBrowserStore());
    let unavailable: StorageProblem | null = null;
    if (!store) {
      store = new MemoryStore();
      unavailable = {
        code: 'unavailable',
        message:
          'This browser does not let the page store data here (private mode or disabled storage). Scenarios are kept only while this tab is open: export them to keep them.',
      };
    }
    const channel =
      options.channel !== undefined
        ? options.channel
        : typeof BroadcastChannel === 'function'
          ? (new BroadcastChannel(LIBRARY_CHANNEL) as unknown as TabChannel)
          : null;
    const library = new Library(store, channel, {
      ...options,
      storageManager:
        options.storageManager !== undefined
          ? options.storageManager
          : (globalThis.navigator?.storage ?? null),
    });
    library.#volatile = unavailable !== null;
    await library.#load();
    if (unavailable) library.#setProblem(unavailable);
    return library;
  }

  /** The current state (a fresh snapshot). */
  get state(): LibraryState {
    const conflictHere = this.#conflicts.some((c) => c.id === this.#openId);
    const anyDirty = [...this.#entries.values()].some(isDirty);
    const failing = this.#problem?.code === 'quota' || this.#problem?.code === 'unknown';
    const saveStatus: SaveStatus = conflictHere
      ? 'conflict'
      : anyDirty && (failing || this.#readOnly || this.#volatile)
        ? 'failed'
        : this.#saving > 0
          ? 'saving'
          : anyDirty
            ? 'pending'
            : 'saved';
    return {
      ready: this.#ready,
      scenarios: [...this.#entries.values()]
        .map(({ record, ...e }) => ({
          id: record.id,
          title: record.title,
          createdAt: record.createdAt,
          updatedAt: record.updatedAt,
          unsaved: isDirty({ record, ...e }),
        }))
        .sort((a, b) => b.updatedAt - a.updatedAt || a.title.localeCompare(b.title)),
      openId: this.#openId,
      saveStatus,
      problem: this.#problem,
      conflicts: this.#conflicts.map((c) => ({ ...c })),
      quarantine: [...this.#quarantine],
      undo: this.#trash.pending,
      persisted: this.#persisted,
      readOnly: this.#readOnly,
    };
  }

  /** Calls `listener` with the state now and after every change; returns the unsubscribe function. */
  subscribe(listener: (state: LibraryState) => void): () => void {
    this.#listeners.add(listener);
    listener(this.state);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Calls `listener` when another tab stored a newer version of the open scenario and this tab,
   * having no unsaved edits it knows of, follows it: the editor should show `record.text`. The
   * listener returns false when it holds edits not handed to the library yet (it hands them
   * over with `edit` before returning): the change is then a conflict for the user to settle.
   */
  onFollow(listener: (record: ScenarioRecord) => boolean): () => void {
    this.#followers.add(listener);
    return () => this.#followers.delete(listener);
  }

  /** The newest version of a scenario in this tab (unsaved edits included). */
  get(id: string): ScenarioRecord | undefined {
    const entry = this.#entries.get(id);
    return entry ? { ...entry.record } : undefined;
  }

  /** The scenario to show on start: the one open last, else the last changed, else none. */
  lastOpened(): ScenarioRecord | undefined {
    const last = this.#meta.lastOpenedId ? this.get(this.#meta.lastOpenedId) : undefined;
    if (last) return last;
    const newest = this.state.scenarios[0];
    return newest ? this.get(newest.id) : undefined;
  }

  /** Marks a scenario as the open one (remembered for the next start). */
  async openScenario(id: string): Promise<StorageResult<ScenarioRecord>> {
    const record = this.get(id);
    if (!record) return notFound(id);
    this.#openId = id;
    this.#emit();
    this.#meta = { ...this.#meta, lastOpenedId: id };
    if (!this.#readOnly) {
      // Remembering the open scenario is a convenience: failing at it must not disturb the user.
      await this.#enqueue(() => this.#store.set(META_KEY, this.#meta)).catch(() => undefined);
    }
    return { ok: true, value: record };
  }

  /** Forgets which scenario is open (e.g. when the editor shows an unsaved shared scenario). */
  closeScenario(): void {
    this.#openId = null;
    this.#emit();
  }

  /** Adds a scenario and stores it at once. Its title is `title`, else the text's own, else "Untitled scenario". */
  async create(
    scenario: NewScenario = { text: blankScenarioText() },
  ): Promise<StorageResult<ScenarioRecord>> {
    const now = this.#opts.now();
    const title = cleanTitle(scenario.title ?? '') || titleFromText(scenario.text) || UNTITLED;
    const record: ScenarioRecord = {
      id: this.#opts.newId(),
      title,
      text: scenario.text,
      createdAt: now,
      updatedAt: now,
      rev: 0,
    };
    const entry = entryOf(record, false);
    this.#entries.set(record.id, entry);
    this.#emit();
    const problem = await this.#enqueue(() => this.#write(entry));
    // Even when storing failed, the scenario exists in this tab: the caller can open and export it.
    return problem ? { ok: false, problem } : { ok: true, value: { ...entry.record } };
  }

  /** Adds several scenarios (an import); stops at the first storage problem. */
  async createMany(scenarios: readonly NewScenario[]): Promise<StorageResult<ScenarioRecord[]>> {
    const created: ScenarioRecord[] = [];
    for (const scenario of scenarios) {
      const result = await this.create(scenario);
      if (!result.ok) return result;
      created.push(result.value);
    }
    return { ok: true, value: created };
  }

  /** Copies a scenario (with its unsaved edits) under the title "Copy of …". */
  async duplicate(id: string): Promise<StorageResult<ScenarioRecord>> {
    const record = this.get(id);
    if (!record) return notFound(id);
    return this.create({ text: record.text, title: `Copy of ${record.title}` });
  }

  /**
   * Renames a scenario and stores it at once: the list's title and the scenario's own `title` in
   * its text (so a share link, an export and an exercise show the new name); the rest of the text
   * stays as written. A text that is not a JSON object keeps its text.
   */
  async rename(id: string, title: string): Promise<StorageResult<ScenarioRecord>> {
    const entry = this.#entries.get(id);
    if (!entry) return notFound(id);
    const clean = cleanTitle(title);
    if (clean === '')
      return { ok: false, problem: { code: 'invalid', message: 'A title cannot be empty.' } };
    const text = textWithTitle(entry.record.text, clean);
    entry.textTitle = titleFromText(text);
    entry.record = { ...entry.record, title: clean, text, updatedAt: this.#opts.now() };
    entry.editSeq++;
    this.#emit();
    const problem = await this.#enqueue(() => this.#write(entry));
    return problem ? { ok: false, problem } : { ok: true, value: { ...entry.record } };
  }

  /**
   * Records the user's text for a scenario. Kept in memory at once, stored debounced. When the
   * scenario's own `title` in the text changes, the list title follows it (a rename in the list
   * stays until then). `value`, when the caller has it, is the text parsed: its title is read
   * from it rather than by parsing megabytes of text again on each keystroke.
   */
  edit(id: string, text: string, value?: unknown): StorageResult<ScenarioRecord> {
    const entry = this.#entries.get(id);
    if (!entry) return notFound(id);
    if (entry.record.text === text) return { ok: true, value: { ...entry.record } };
    const newTitle = value === undefined ? titleFromText(text) : titleOf(value);
    const title =
      newTitle !== undefined && newTitle !== entry.textTitle ? newTitle : entry.record.title;
    entry.record = { ...entry.record, text, title, updatedAt: this.#opts.now() };
    entry.textTitle = newTitle;
    entry.editSeq++;
    // A copy at once, so a crash before the debounced write loses nothing (see saveOnExit). A big
    // text costs too much to copy on every keystroke: it is copied when typing pauses.
    if (text.length <= COPY_AT_ONCE_CHARS) this.#copyToBackup(entry, false);
    else this.#scheduleCopy();
    this.#scheduleSave();
    this.#emit();
    return { ok: true, value: { ...entry.record } };
  }

  /** Stores every pending edit now. Resolves with the first problem, or null when all is stored. */
  async flush(): Promise<StorageProblem | null> {
    this.#clearTimers();
    return this.#enqueue(async () => {
      let first: StorageProblem | null = null;
      for (const entry of [...this.#entries.values()]) {
        if (!isDirty(entry)) continue;
        const problem = await this.#write(entry);
        first ??= problem;
      }
      return first;
    });
  }

  /**
   * For a page that may be going away: copies every unsaved edit to the exit backup at once (a
   * store write started now may never finish), then starts storing them as `flush` does.
   * Returns false when some unsaved edit is not safe (no backup, it refused, or the library only
   * lives in memory): the page should ask before it goes (`beforeunload`).
   */
  saveOnExit(): boolean {
    let safe = true;
    for (const entry of this.#entries.values()) {
      if (isDirty(entry) && !this.#copyToBackup(entry, true)) safe = false;
    }
    void this.flush();
    return safe && (!this.#volatile || this.unsavedScenarios().length === 0);
  }

  /** Copies an entry's unsaved text to the exit backup; false when it is kept nowhere. */
  #copyToBackup(entry: Entry, leaving: boolean): boolean {
    return this.#copies.copy({ baseRev: entry.storedRev, record: entry.record }, leaving);
  }

  /** Tries again to store what failed (e.g. after the user freed space). */
  retry(): Promise<StorageProblem | null> {
    return this.flush();
  }

  /** Scenarios whose latest text is not stored (full disk, read-only library): export these. */
  unsavedScenarios(): ScenarioRecord[] {
    return [...this.#entries.values()].filter(isDirty).map((e) => ({ ...e.record }));
  }

  /** Every scenario of this tab, newest change first, with unsaved edits (for a library export). */
  allScenarios(): ScenarioRecord[] {
    return this.state.scenarios.map((s) => this.get(s.id)!);
  }

  /**
   * Deletes a scenario; it can be brought back with `undoRemove()` until the undo window closes
   * (a later delete closes it at once). While the window is open the record also sits under a
   * `trash:` key, so a crash does not lose it before it is final.
   */
  async remove(id: string): Promise<StorageResult<void>> {
    const entry = this.#entries.get(id);
    if (!entry) return notFound(id);
    await this.#finalizeUndo();
    const trashed: TrashedRecord = { record: { ...entry.record }, deletedAt: this.#opts.now() };
    const problem = await this.#enqueue(async () => {
      if (this.#readOnly) return readOnlyProblem();
      // A full disk must not stop a delete (it frees space): undo then works from memory only.
      await this.#store.set(trashKey(id), trashed).catch(() => undefined);
      try {
        await this.#store.del(scenarioKey(id));
        return null;
      } catch (error) {
        return problemFromError(error, `deleting “${entry.record.title}”`);
      }
    });
    if (problem) {
      this.#setProblem(problem);
      return { ok: false, problem };
    }
    this.#entries.delete(id);
    this.#conflicts = this.#conflicts.filter((c) => c.id !== id);
    if (this.#openId === id) this.#openId = null;
    this.#trash.hold(trashed);
    this.#post({ type: 'deleted', id, from: this.#tabId });
    this.#emit();
    return { ok: true, value: undefined };
  }

  /** Brings back the last deleted scenario, if its undo window is still open. */
  async undoRemove(): Promise<StorageResult<ScenarioRecord>> {
    const trashed = this.#trash.take();
    if (!trashed) {
      return { ok: false, problem: { code: 'not-found', message: 'There is no delete to undo.' } };
    }
    const base = trashed.record;
    const record: ScenarioRecord = { ...base, rev: base.rev + 1 };
    const entry = entryOf(record, false);
    this.#entries.set(record.id, entry);
    const problem = await this.#enqueue(async () => {
      const failed = await this.#write(entry, 'restored');
      if (!failed) await this.#store.del(trashKey(record.id)).catch(() => undefined);
      return failed;
    });
    this.#emit();
    return problem ? { ok: false, problem } : { ok: true, value: { ...entry.record } };
  }

  /**
   * Settles a conflict: `keep-mine` stores this tab's version over the other; `take-theirs`
   * drops this tab's edits (or, if the other tab deleted it, closes it here); `keep-both` stores
   * this tab's version as a new scenario and takes theirs for the original. Returns the record the
   * editor should show now (null when the scenario is gone).
   */
  async resolveConflict(
    id: string,
    choice: ConflictChoice,
  ): Promise<StorageResult<ScenarioRecord | null>> {
    const conflict = this.#conflicts.find((c) => c.id === id);
    const entry = this.#entries.get(id);
    if (!conflict || !entry) {
      return {
        ok: false,
        problem: { code: 'not-found', message: 'There is no such conflict to settle.' },
      };
    }
    let stored: ScenarioRecord | null;
    try {
      const read = readScenarioRecord(scenarioKey(id), await this.#store.get(scenarioKey(id)));
      stored = read.ok ? read.record : null;
    } catch (error) {
      return { ok: false, problem: problemFromError(error, 'reading the other tab’s version') };
    }
    this.#conflicts = this.#conflicts.filter((c) => c.id !== id);
    if (choice === 'keep-mine') {
      entry.storedRev = stored?.rev ?? 0;
      entry.record = { ...entry.record, rev: Math.max(entry.record.rev, stored?.rev ?? 0) };
      entry.editSeq++;
      const problem = await this.#enqueue(() => this.#write(entry));
      this.#emit();
      return problem ? { ok: false, problem } : { ok: true, value: { ...entry.record } };
    }
    if (choice === 'keep-both') {
      const copy = await this.create({
        text: entry.record.text,
        title: `${entry.record.title} (my version)`,
      });
      if (!copy.ok) return copy;
    }
    if (stored) {
      this.#entries.set(id, entryOf(stored, true));
    } else {
      this.#entries.delete(id);
      if (this.#openId === id) this.#openId = null;
    }
    this.#emit();
    return { ok: true, value: stored ? { ...stored } : null };
  }

  /** Removes a quarantined record for good (after the user exported it or gave up on it). */
  async discardQuarantined(key: string): Promise<StorageResult<void>> {
    try {
      await this.#enqueue(() => this.#store.del(quarantineKey(key)));
    } catch (error) {
      return { ok: false, problem: problemFromError(error, 'discarding a damaged record') };
    }
    this.#quarantine = this.#quarantine.filter((q) => q.key !== key);
    this.#emit();
    return { ok: true, value: undefined };
  }

  /** Dismisses the current problem message (it comes back if the problem does). */
  dismissProblem(): void {
    this.#problem = null;
    this.#emit();
  }

  /** Stores what is pending and lets go of timers, channel and listeners. */
  async close(): Promise<void> {
    await this.flush();
    this.#clearTimers();
    this.#clearCopyTimers();
    this.#trash.close();
    this.#channel?.close();
    if (typeof document !== 'undefined')
      document.removeEventListener('visibilitychange', this.#onHide);
    this.#listeners.clear();
    this.#followers.clear();
  }

  // ---- loading ----

  async #load(): Promise<void> {
    const loaded = await loadLibrary(this.#store, this.#opts.now(), this.#opts.undoMs);
    this.#readOnly = loaded.readOnly;
    this.#meta = loaded.meta ?? this.#meta;
    for (const record of loaded.records) this.#entries.set(record.id, entryOf(record, true));
    this.#quarantine = loaded.quarantine;
    // A loss the store reported while loading (see #storeRecreated) is told before damaged records.
    if (loaded.problem && !(loaded.problem.code === 'corrupt' && this.#problem))
      this.#problem = loaded.problem;
    if (!loaded.readOnly) {
      await this.#restoreExitBackups();
      await this.#requestPersistence();
    }
    this.#ready = true;
    this.#emit();
  }

  /**
   * Applies the edits `saveOnExit` copied when the page went away, as unsaved edits to store now:
   * each only when the store still holds the version it was made on (a later write, by this tab
   * or another, wins). A copy that does not apply, or cannot be read, is dropped.
   */
  async #restoreExitBackups(): Promise<void> {
    for (const copy of await this.#copies.readAll()) {
      if (!this.#restoreExitBackup(copy)) this.#copies.drop(copy.record.id);
    }
  }

  /** Applies one copy; false when it does not apply. */
  #restoreExitBackup({ baseRev, record }: ExitCopy): boolean {
    const id = record.id;
    const entry = this.#entries.get(id);
    if (!entry) {
      // Created in this tab but never stored: it comes back as a new scenario to store.
      if (baseRev !== 0) return false;
      this.#entries.set(id, entryOf({ ...record, rev: 0 }, false));
    } else {
      if (entry.storedRev !== baseRev || entry.record.text === record.text) return false;
      const { text, title, updatedAt } = record;
      entry.record = { ...entry.record, text, title, updatedAt };
      entry.textTitle = titleFromText(text);
      entry.editSeq++;
    }
    this.#scheduleSave();
    return true;
  }

  async #requestPersistence(): Promise<void> {
    const manager = this.#storageManager;
    if (!manager?.persist) return;
    try {
      this.#persisted = (await manager.persisted?.()) || (await manager.persist());
    } catch {
      this.#persisted = false;
    }
  }

  // ---- writing ----

  /** Stores one entry with the rev check. Returns a problem, or null when stored. */
  async #write(
    entry: Entry,
    announce: 'saved' | 'restored' = 'saved',
  ): Promise<StorageProblem | null> {
    if (this.#readOnly) {
      const problem = this.#problem ?? readOnlyProblem();
      this.#setProblem(problem);
      return problem;
    }
    const id = entry.record.id;
    if (this.#conflicts.some((c) => c.id === id)) return null; // held until the user settles it
    const seq = entry.editSeq;
    let next = entry.record;
    let clash: Conflict | undefined;
    /** The other tab stored exactly this tab's text: nothing to ask, it is stored. */
    let same: ScenarioRecord | undefined;
    this.#saving++;
    this.#emit();
    try {
      await this.#store.update(scenarioKey(id), (old) => {
        // Read here, not before: a store found lost and recreated just now resets `storedRev`.
        const expected = entry.storedRev;
        next = { ...entry.record, rev: Math.max(expected, entry.record.rev) + 1 };
        clash = same = undefined; // the updater may run again if the transaction retries
        if (old === undefined) {
          if (expected === 0) return next;
          clash = { id, kind: 'deleted-elsewhere', theirs: null };
          return old;
        }
        const read = readScenarioRecord(scenarioKey(id), old);
        // A damaged stored copy is replaced by this tab's good one rather than reported as a clash.
        if (!read.ok || read.record.rev === expected) return next;
        if (sameContent(read.record, next)) same = read.record;
        else clash = { id, kind: 'changed-elsewhere', theirs: read.record };
        return old;
      });
    } catch (error) {
      const problem = problemFromError(error, `saving “${entry.record.title}”`);
      this.#setProblem(problem);
      return problem;
    } finally {
      this.#saving--;
    }
    if (clash) {
      this.#conflicts = [...this.#conflicts.filter((c) => c.id !== id), clash];
      this.#emit();
      return null;
    }
    const stored = same ?? next;
    entry.storedRev = stored.rev;
    entry.record = { ...entry.record, rev: stored.rev };
    // In memory only, nothing is saved: the edit stays unsaved (and exportable).
    if (!this.#volatile) entry.savedSeq = seq;
    if (!isDirty(entry)) this.#dropExitBackup(id);
    if (this.#problem && !LASTING_PROBLEMS.has(this.#problem.code)) {
      this.#problem = null; // the write went through: the earlier failure is over
    }
    if (same) {
      this.#emit();
      return null;
    }
    this.#post({ type: announce, id, rev: next.rev, from: this.#tabId });
    this.#emit();
    return null;
  }

  #dropExitBackup(id: string): void {
    this.#copies.drop(id);
  }

  #scheduleSave(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => void this.flush(), this.#opts.saveDelayMs);
    // The max timer is set once per burst of typing, so a steady typist is never more than 1 s behind.
    this.#maxTimer ??= setTimeout(() => void this.flush(), this.#opts.maxSaveDelayMs);
  }

  /** Copies big unsaved texts in the first pause of typing, and at least every COPY_MAX_WAIT_MS. */
  #scheduleCopy(): void {
    const copy = (): void => {
      this.#clearCopyTimers();
      for (const e of this.#entries.values()) if (isDirty(e)) this.#copyToBackup(e, false);
    };
    clearTimeout(this.#copyTimer);
    this.#copyTimer = setTimeout(copy, COPY_PAUSE_MS);
    this.#copyMaxTimer ??= setTimeout(copy, COPY_MAX_WAIT_MS);
  }

  #clearCopyTimers(): void {
    clearTimeout(this.#copyTimer);
    clearTimeout(this.#copyMaxTimer);
    this.#copyTimer = undefined;
    this.#copyMaxTimer = undefined;
  }

  #clearTimers(): void {
    clearTimeout(this.#idleTimer);
    clearTimeout(this.#maxTimer);
    this.#idleTimer = undefined;
    this.#maxTimer = undefined;
  }

  async #finalizeUndo(): Promise<void> {
    const trashed = this.#trash.take();
    if (!trashed) return;
    const id = trashed.record.id;
    await this.#enqueue(() => this.#store.del(trashKey(id))).catch(() => undefined);
    this.#emit();
  }

  /**
   * The store came back empty: its data was removed (site data cleared, the database deleted)
   * and it was created again. Every scenario this tab holds is stored again, and the user is
   * told what happened rather than that the browser refuses storage.
   */
  #storeRecreated(): void {
    for (const entry of this.#entries.values()) {
      entry.storedRev = 0;
      entry.editSeq++;
    }
    const held = this.#entries.size;
    this.#problem = {
      code: 'lost',
      message:
        held > 0
          ? `The library's storage in this browser was removed while the page was open (for example by clearing site data). It was created again, and the ${held === 1 ? 'scenario' : `${held} scenarios`} open in this tab ${held === 1 ? 'is' : 'are'} being stored in it again.`
          : "The library's storage in this browser was missing (removed outside the app), so it was created again, empty. Scenarios stored before are not in it: import them from a file if you exported them.",
    };
    void this.#enqueue(() => this.#store.set(META_KEY, this.#meta)).catch(() => undefined);
    if (held > 0) this.#scheduleSave();
    this.#emit();
  }

  // ---- other tabs ----

  async #onRemote(message: TabMessage): Promise<void> {
    if (message.from === this.#tabId) return;
    const remoteRev = message.type === 'deleted' ? null : message.rev;
    if (remoteRev !== null && remoteRev <= (this.#entries.get(message.id)?.storedRev ?? 0)) return;
    let stored: ScenarioRecord | null = null;
    if (remoteRev !== null) {
      try {
        const read = readScenarioRecord(
          scenarioKey(message.id),
          await this.#store.get(scenarioKey(message.id)),
        );
        stored = read.ok ? read.record : null;
      } catch {
        stored = null;
      }
    }
    // Decided after the read, not before: the user may have typed while it was under way.
    const entry = this.#entries.get(message.id);
    const decision = decideRemoteChange(
      {
        knownRev: entry?.storedRev ?? 0,
        dirty: entry ? isDirty(entry) : false,
        open: this.#openId === message.id,
      },
      remoteRev,
    );
    if (decision === 'ignore') return;
    if (decision === 'warn' && entry && stored && sameContent(stored, entry.record)) {
      // Both tabs typed the same text (or one restored the other's crash copy): nothing to ask.
      entry.storedRev = stored.rev;
      entry.record = { ...entry.record, rev: stored.rev };
      entry.savedSeq = entry.editSeq;
      this.#dropExitBackup(message.id);
      this.#emit();
      return;
    }
    if (decision === 'warn') {
      const kind = stored ? 'changed-elsewhere' : 'deleted-elsewhere';
      this.#conflicts = [
        ...this.#conflicts.filter((c) => c.id !== message.id),
        { id: message.id, kind, theirs: stored },
      ];
    } else if (stored) {
      const theirs = stored;
      const followed =
        decision !== 'follow' || [...this.#followers].every((follow) => follow({ ...theirs }));
      if (followed) this.#entries.set(message.id, entryOf(theirs, true));
      else
        this.#conflicts = [
          ...this.#conflicts.filter((c) => c.id !== message.id),
          { id: message.id, kind: 'changed-elsewhere', theirs },
        ];
    } else if (remoteRev === null) {
      this.#entries.delete(message.id);
    }
    this.#emit();
  }

  #post(message: TabMessage): void {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // A closed channel (tab shutting down) must not turn a successful save into a failure.
    }
  }

  // ---- plumbing ----

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #setProblem(problem: StorageProblem): void {
    this.#problem = problem;
    this.#emit();
  }

  #emit(): void {
    if (this.#listeners.size === 0) return;
    const state = this.state;
    for (const listener of this.#listeners) listener(state);
  }
}

function notFound(id: string): { ok: false; problem: StorageProblem } {
  return {
    ok: false,
    problem: { code: 'not-found', message: `No scenario with id ${id} in the library.` },
  };
}

function readOnlyProblem(): StorageProblem {
  return { code: 'too-new', message: 'The library is read-only here, so nothing was saved.' };
}

/**
 * The IndexedDB store, or null when the browser has none or refuses it. Some browsers expose
 * `indexedDB` but fail on first use (private modes), so one read proves it works.
 */
async function openBrowserStore(): Promise<KeyValueStore | null> {
  try {
    const store = idbKeyValueStore();
    await store.keys();
    return store;
  } catch {
    return null;
  }
}

function randomId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function')
    return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}
