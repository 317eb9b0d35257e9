/**
 * The library's public shapes: what its UI is shown (state, list lines, conflicts, the undo of a
 * delete) and how it is opened (options). library.ts does the work.
 */
import type { KeyValueStore } from './kv-store.ts';
import { UNTITLED, type QuarantinedRecord, type ScenarioRecord } from './layout.ts';
import type { StorageProblem } from './problems.ts';
import type { TabChannel } from './tab-sync.ts';
import type { CopyStore, ExitBackup } from './exit-copies.ts';

/** One line of the library list. */
export interface ScenarioSummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  /** True while this tab holds edits of it that are not stored yet. */
  unsaved: boolean;
}

/** Another tab changed or deleted a scenario this tab also changed (or has open). */
export interface Conflict {
  id: string;
  kind: 'changed-elsewhere' | 'deleted-elsewhere';
  /** The version the other tab stored; null when it deleted the scenario. */
  theirs: ScenarioRecord | null;
}

/** A delete that can still be undone. */
export interface PendingUndo {
  id: string;
  title: string;
  /** Epoch milliseconds after which the delete is final. */
  expiresAt: number;
}

/**
 * Where the open scenario's edits are: all stored (`saved`), waiting for the debounce
 * (`pending`), being written (`saving`), refused by the browser (`failed`: see `problem`), or held
 * because another tab changed it too (`conflict`).
 */
export type SaveStatus = 'saved' | 'pending' | 'saving' | 'failed' | 'conflict';

/** Everything the library UI shows, as plain data. */
export interface LibraryState {
  /** False until the first load finished. */
  ready: boolean;
  /** Newest change first. */
  scenarios: ScenarioSummary[];
  openId: string | null;
  saveStatus: SaveStatus;
  /** The latest problem that still matters (quota, unavailable, too-new, unknown), or null. */
  problem: StorageProblem | null;
  conflicts: Conflict[];
  /** Records set aside because they could not be read. */
  quarantine: QuarantinedRecord[];
  undo: PendingUndo | null;
  /** Result of navigator.storage.persist(): true, false, or null when the browser has no such API. */
  persisted: boolean | null;
  /** True when nothing can be written (a newer app's library, or no storage at all). */
  readOnly: boolean;
}

/** How conflicts are settled by the user. */
export type ConflictChoice = 'keep-mine' | 'take-theirs' | 'keep-both';

/** Options of `Library.open`; all have defaults that suit the browser app. */
export interface LibraryOptions {
  /** Defaults to IndexedDB `iam-playground` / `library` (idb-keyval), or memory if unavailable. */
  store?: KeyValueStore;
  /** Defaults to BroadcastChannel('iam-playground-library'); null for none. */
  channel?: TabChannel | null;
  /** Pause in typing before a save, in ms (default 300). */
  saveDelayMs?: number;
  /** Longest a change waits to be stored, in ms (default 1000). */
  maxSaveDelayMs?: number;
  /** How long a delete can be undone, in ms (default 10 000). */
  undoMs?: number;
  /** Where unsaved edits of small texts are copied at once (synchronous): defaults to localStorage; null for none. */
  exitBackup?: ExitBackup | null;
  /**
   * Where unsaved edits are copied when the page may be going away, and big texts while typed:
   * defaults to IndexedDB (see exit-copies.ts), so the copy is not bound by localStorage's 5 MB;
   * null for none.
   */
  exitStore?: CopyStore | null;
  /** Defaults to navigator.storage; null for none. */
  storageManager?: Pick<StorageManager, 'persist' | 'persisted'> | null;
  now?: () => number;
  newId?: () => string;
}

/** A scenario to add: its text and, optionally, its title (else the text's own title). */
export interface NewScenario {
  text: string;
  title?: string;
}

/** The text of a new, empty scenario. */
export function blankScenarioText(title = UNTITLED): string {
  return `{\n  "format": "iam-playground/scenario",\n  "version": 1,\n  "title": ${JSON.stringify(title)},\n  "accounts": {},\n  "requests": []\n}\n`;
}
