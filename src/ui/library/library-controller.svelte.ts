/**
 * The library as reactive UI state: wraps a storage `Library`, mirrors its state into a rune,
 * and adds what the panel needs beyond storage (file import reports, downloads).
 *
 * The app shell creates one (`await LibraryController.open()`), passes it to LibraryPanel, and
 * tells it about edits (`edit(id, text)`). Nothing here is global.
 */
import type { ExportFile, ImportProgress } from '../../storage/index.ts';
import {
  Library,
  type ConflictChoice,
  type LibraryOptions,
  type LibraryState,
  type ScenarioRecord,
  type StorageResult,
} from '../../storage/index.ts';
import { downloadFile } from './download.ts';
import { readImportFilesOffThread } from '../../storage/index.ts';
import { lastImport } from '../shell/last-import.svelte.ts';

/**
 * File import and export load on first use (they are not needed to show the first decisions, and
 * the first visit's JavaScript has a budget); `preloadFiles` fetches them once the app is ready.
 */
const files = () => import('../../storage/files.ts');

/** Loads the file import and export code ahead of the first click. */
export function preloadFiles(): void {
  void files();
}

/** What an import did: the scenarios added and every problem, one line each with its place. */
export interface ImportReport {
  imported: { id: string; title: string }[];
  problems: { file: string; message: string }[];
  /** What an AWS CLI import could not hold or assumed (also in the scenario's description). */
  notes: { file: string; message: string }[];
}

export class LibraryController {
  readonly #library: Library;
  #state = $state.raw<LibraryState>() as LibraryState;
  #importReport = $state.raw<ImportReport | null>(null);
  #importProgress = $state.raw<ImportProgress | null>(null);
  #unsubscribe: () => void;
  /** Where downloads go; replaceable for tests. */
  download: (file: ExportFile) => boolean = downloadFile;

  constructor(library: Library) {
    this.#library = library;
    this.#unsubscribe = library.subscribe((state) => (this.#state = state));
  }

  /** Opens the browser's library (IndexedDB), or the one described by `options`. */
  static async open(options?: LibraryOptions): Promise<LibraryController> {
    return new LibraryController(await Library.open(options));
  }

  /** The storage library underneath, for anything the controller does not wrap. */
  get library(): Library {
    return this.#library;
  }
  /** The library's state; changes trigger Svelte updates. */
  get state(): LibraryState {
    return this.#state;
  }
  /** The result of the last import, until dismissed. */
  get importReport(): ImportReport | null {
    return this.#importReport;
  }
  /** How far the running import has come (null when none runs). */
  get importProgress(): ImportProgress | null {
    return this.#importProgress;
  }
  /** The scenario open in the editor (its latest text in this tab), if any. */
  get openRecord(): ScenarioRecord | undefined {
    return this.#state.openId ? this.#library.get(this.#state.openId) : undefined;
  }

  get(id: string): ScenarioRecord | undefined {
    return this.#library.get(id);
  }
  lastOpened(): ScenarioRecord | undefined {
    return this.#library.lastOpened();
  }
  open(id: string): Promise<StorageResult<ScenarioRecord>> {
    return this.#library.openScenario(id);
  }
  close(): void {
    this.#library.closeScenario();
  }
  /** Records the user's text (and its value, when parsed already); stored debounced (≤ 1 s behind). */
  edit(id: string, text: string, value?: unknown): StorageResult<ScenarioRecord> {
    return this.#library.edit(id, text, value);
  }
  create(text?: string): Promise<StorageResult<ScenarioRecord>> {
    return this.#library.create(text === undefined ? undefined : { text });
  }
  /** Adds a scenario opened from a share link ("Save to my library"). */
  saveShared(text: string, title?: string): Promise<StorageResult<ScenarioRecord>> {
    return this.#library.create(title === undefined ? { text } : { text, title });
  }
  duplicate(id: string): Promise<StorageResult<ScenarioRecord>> {
    return this.#library.duplicate(id);
  }
  rename(id: string, title: string): Promise<StorageResult<ScenarioRecord>> {
    return this.#library.rename(id, title);
  }
  remove(id: string): Promise<StorageResult<void>> {
    return this.#library.remove(id);
  }
  undoRemove(): Promise<StorageResult<ScenarioRecord>> {
    return this.#library.undoRemove();
  }
  resolveConflict(
    id: string,
    choice: ConflictChoice,
  ): Promise<StorageResult<ScenarioRecord | null>> {
    return this.#library.resolveConflict(id, choice);
  }
  retry(): Promise<unknown> {
    return this.#library.retry();
  }
  dismissProblem(): void {
    this.#library.dismissProblem();
  }
  discardQuarantined(key: string): Promise<StorageResult<void>> {
    return this.#library.discardQuarantined(key);
  }
  /**
   * Calls `listener` when another tab's newer version of the open scenario should replace the
   * editor's text; it returns false when it holds edits of its own (see Library.onFollow).
   */
  onFollow(listener: (record: ScenarioRecord) => boolean): () => void {
    return this.#library.onFollow(listener);
  }

  async exportScenario(id: string): Promise<boolean> {
    const record = this.#library.get(id);
    return record ? this.download((await files()).exportScenarioFile(record)) : false;
  }
  async exportLibrary(): Promise<boolean> {
    return this.download((await files()).exportLibraryFile(this.#library.allScenarios()));
  }
  /** Exports what could not be stored (full disk, read-only library). */
  async exportUnsaved(): Promise<boolean> {
    const { exportLibraryFile } = await files();
    return this.download(
      exportLibraryFile(this.#library.unsavedScenarios(), Date.now(), 'iam-playground-unsaved'),
    );
  }
  async exportQuarantine(): Promise<boolean> {
    return this.download((await files()).exportQuarantineFile(this.#state.quarantine));
  }

  /**
   * Imports scenario or library files into the library (outputs of `aws iam
   * get-account-authorization-details` among them become one scenario together); the report is
   * also kept in `importReport`.
   */
  async importFiles(fileList: Iterable<File>): Promise<ImportReport> {
    const report: ImportReport = { imported: [], problems: [], notes: [] };
    const { formatImportProblem } = await files();
    const picked = [...fileList];
    // The console's file://NAME reads the files of the last import.
    lastImport.keep(picked);
    this.#importProgress = { step: 'Reading', done: 0, total: 1 };
    // Read and checked in the storage worker: a big file does not hold the page.
    const read = await readImportFilesOffThread(picked, (p) => (this.#importProgress = p));
    this.#importProgress = null;
    for (const { file, result } of read) {
      for (const problem of result.problems) {
        report.problems.push({ file, message: formatImportProblem(problem) });
      }
      if (!result.ok) continue;
      for (const message of result.notes ?? []) report.notes.push({ file, message });
      for (const scenario of result.scenarios) {
        const created = await this.#library.create(
          scenario.title === undefined
            ? { text: scenario.text }
            : { text: scenario.text, title: scenario.title },
        );
        if (created.ok) report.imported.push({ id: created.value.id, title: created.value.title });
        else report.problems.push({ file, message: created.problem.message });
      }
    }
    this.#importReport = report;
    return report;
  }

  dismissImportReport(): void {
    this.#importReport = null;
  }

  /** Stores what is pending and releases the library. */
  async destroy(): Promise<void> {
    this.#unsubscribe();
    await this.#library.close();
  }
}
