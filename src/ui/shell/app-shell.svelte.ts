/**
 * The app shell's own state, apart from the screen (testable without a DOM): where the scenario
 * on screen lives and so where its edits are saved (the mode), the rail's open tab, the library
 * once it is open, saving every change to the open record, following another tab's newer version,
 * storing what is pending when the page goes away, the aws console's session, and how console
 * commands and quick fixes reach the world. App.svelte wires it to the screen and the window.
 *
 * Every change goes through `Playground.edit` as one labelled step of the world's one history,
 * so a console command, a quick fix, an explorer click and typing in the editor are all undone
 * by the same Undo (see history.svelte.ts).
 */
import type { ConsoleState } from '../../console/index.ts';
import type { Finding } from '../../findings/index.ts';
import type { ScenarioDocument as Scenario, Scenario as WorldScenario } from '../../model/index.ts';
import { emptyScenario } from '../../model/index.ts';
import type { ScenarioRecord } from '../../storage/index.ts';
import { textWithTitle } from '../../storage/index.ts';
import type { LibraryController } from '../library/library-controller.svelte.ts';
import type { SharedLink } from '../library/shared-link.svelte.ts';
import type { Playground } from '../state/playground.svelte.ts';
import { untrack } from 'svelte';

/**
 * Where the scenario on screen lives, which decides where edits are saved:
 *   library:  the open library record (saved as the user types);
 *   lesson:   the lesson's own progress (the lesson session saves it), never the library;
 *   shared:   nowhere until "Save to my library": opening a link never replaces local work;
 *   exercise: an exercise from a link or course: its own progress (by digest), never the library;
 *   handin:   a student's hand-in the teacher opened: nowhere.
 */
export type Mode = 'library' | 'lesson' | 'shared' | 'exercise' | 'handin';

/** The rail's tab before anything chose another. */
export const START_TAB = 'world';

export interface AppShellOptions {
  /** The share link's scenario, when the app reads links. */
  shared?: SharedLink;
  /** Leaves an exercise or hand-in (the app takes its link out of the address bar). */
  leaveClassroom?: () => void;
}

export class AppShell {
  readonly #playground: Playground;
  readonly #shared: SharedLink | null;
  readonly #leaveClassroom: () => void;
  /** The console's state and the scenario load it belongs to. */
  #console = $state.raw<{ state: ConsoleState; load: number } | undefined>(undefined);
  /** Where the scenario on screen lives (see Mode). */
  mode = $state<Mode>('library');
  /** The rail's open tab. */
  railTab = $state(START_TAB);
  /** The library, once it is open (null without IndexedDB: the playground works, unsaved). */
  library = $state.raw<LibraryController | null>(null);

  constructor(playground: Playground, options: AppShellOptions = {}) {
    this.#playground = playground;
    this.#shared = options.shared ?? null;
    this.#leaveClassroom = options.leaveClassroom ?? (() => {});
  }

  /**
   * Every change goes to the open library record as it is made: the library copies it at once
   * (so a crash loses nothing) and stores it debounced. "Saved" on screen is then never ahead of
   * the editor. What that costs per change: tests/bench/library-edit.bench.ts.
   */
  saveNow(): void {
    const lib = this.library;
    const id = lib?.state.openId;
    if (!lib || !id) return;
    const text = this.#playground.text;
    if (lib.get(id)?.text !== text) lib.edit(id, text, this.#playground.textValue);
  }

  /** A change of the world: saved to the open record in library mode, elsewhere not. */
  changed(): void {
    if (this.library && this.mode === 'library') this.saveNow();
  }

  /** Calls `changed` at every change of the world (scenario or draft); returns the stop. */
  watchSaves(): () => void {
    return $effect.root(() => {
      $effect(() => {
        void this.#playground.scenario;
        void this.#playground.draft;
        void this.library;
        void this.mode;
        untrack(() => this.changed());
      });
    });
  }

  /**
   * Leaving the page (closing the tab, reloading, switching apps on a phone): what is pending is
   * stored at once, and copied where it survives the page (see Library.saveOnExit). False when
   * some edit cannot be kept anywhere (no storage at all): the browser should ask before leaving.
   */
  flushOnExit(): boolean {
    if (this.mode === 'library') this.saveNow();
    return this.library?.library.saveOnExit() ?? true;
  }

  /** Before a new version reloads the page: everything pending is stored. */
  async flushBeforeUpdate(): Promise<void> {
    this.saveNow();
    await this.library?.library.flush();
  }

  /**
   * Another tab stored a newer version of the open scenario: this tab shows it, keeping what is
   * open and selected. When the editor says anything the library does not hold (edits not handed
   * over yet), they go to it now and the change becomes a conflict for the user to settle, both
   * versions kept (see Library.onFollow): then false.
   */
  followOtherTab(record: ScenarioRecord): boolean {
    const lib = this.library;
    const playground = this.#playground;
    if (this.mode !== 'library' || !lib || record.id !== lib.state.openId) return true;
    if (lib.get(record.id)?.text !== playground.text) {
      this.saveNow();
      return false;
    }
    playground.replaceText(
      record.text,
      'update from another tab',
      `Updated from another tab: “${record.title}”.`,
    );
    return playground.text === record.text;
  }

  /** Leaves library mode: what is pending is saved first, then nothing more goes to the record. */
  leaveLibrary(next: Mode): void {
    this.saveNow();
    this.library?.close();
    this.#leaveClassroomMode();
    if (next !== 'shared') this.leaveShared();
    this.mode = next;
  }

  /** A classroom item (exercise, hand-in) opens: the library record is left, the goals show. */
  enterClassroom(next: Mode): void {
    this.saveNow();
    this.library?.close();
    this.mode = next;
    this.railTab = 'goals';
  }

  /**
   * Leaves a scenario opened from a link (for a lesson, a library scenario, a new one): its
   * banner closes, and edits made to it are kept in the library rather than dropped.
   */
  leaveShared(): void {
    const shared = this.#shared;
    if (this.mode !== 'shared' || !shared) return;
    const playground = this.#playground;
    const text = playground.text;
    const edited = shared.status === 'open' && text !== shared.text;
    const title = shared.title;
    shared.dismiss();
    const lib = this.library;
    if (!edited || !lib) return;
    void lib.saveShared(text, title).then((saved) => {
      if (saved.ok)
        playground.announce(
          `Your edits to the shared scenario are kept in your library as “${saved.value.title}”.`,
        );
    });
  }

  /** Shows a library record (null: the open one was deleted). */
  show(record: ScenarioRecord | null): void {
    this.#leaveClassroomMode();
    this.leaveShared();
    this.mode = 'library';
    if (record) void this.#playground.loadText(record.text, `Opened ${record.title}.`);
    else this.#playground.load(emptyScenario(), 'The open scenario was deleted.');
  }

  /**
   * A rename wrote the new title into the scenario's text: the open scenario shows it too. The
   * title goes into the editor's own text, so nothing typed meanwhile is lost.
   */
  showRenamed(record: ScenarioRecord): void {
    if (this.mode !== 'library' || record.id !== this.library?.state.openId) return;
    const playground = this.#playground;
    const text = textWithTitle(playground.text, record.title);
    if (text !== playground.text)
      playground.replaceText(text, `rename to “${record.title}”`, `Renamed to “${record.title}”.`);
  }

  /** Saves the shared scenario to the library and goes on in it there. */
  async saveShared(): Promise<void> {
    const lib = this.library;
    if (!lib || !this.#shared) return;
    const saved = await this.#shared.save(lib, this.#playground.text);
    if (saved.ok) {
      const opened = await lib.open(saved.value.id);
      if (opened.ok) this.mode = 'library';
    }
  }

  /** Starts an empty scenario, a new library record when there is a library. */
  async newScenario(): Promise<void> {
    const lib = this.library;
    const playground = this.#playground;
    this.#leaveClassroomMode();
    this.leaveShared();
    this.mode = 'library';
    if (!lib) return playground.load(emptyScenario(), 'Started an empty scenario.');
    const created = await lib.create(JSON.stringify(emptyScenario(), null, 2));
    if (!created.ok)
      return playground.load(emptyScenario(), 'Started an empty scenario (not saved).');
    const opened = await lib.open(created.value.id);
    if (opened.ok) this.show(opened.value);
  }

  #leaveClassroomMode(): void {
    if (this.mode === 'exercise' || this.mode === 'handin') this.#leaveClassroom();
  }

  /**
   * The console's caller, role sessions and access keys: kept while the same scenario is open,
   * gone once another is loaded (the console panel then starts a fresh one).
   */
  get consoleState(): ConsoleState | undefined {
    const kept = this.#console;
    return kept && kept.load === this.#playground.loadCount ? kept.state : undefined;
  }
  set consoleState(state: ConsoleState | undefined) {
    this.#console = state ? { state, load: this.#playground.loadCount } : undefined;
  }

  /** A console command changed the world: one step of the history, named by the command. */
  applyCommand(next: WorldScenario, command: string): void {
    // The console reads and writes the world as the model types it; the playground holds the
    // same JSON value under the editor's looser type.
    this.#playground.edit(command, () => next as unknown as Scenario);
  }

  /**
   * Applies a finding's quick fix as one step named by the fix ("enable MFA for the root user").
   * `basis` is the scenario the findings were computed from (see applyFix).
   */
  async fix(finding: Finding, basis: unknown): Promise<void> {
    const fix = finding.fix;
    if (!fix) return;
    // Quick fixes are rare: their code loads with the first one (the first visit's budget).
    const { applyFix } = await import('../findings/apply-fix.ts');
    const playground = this.#playground;
    const result = applyFix(playground.scenario, fix, basis);
    if (!result.ok) return playground.announce(`Not fixed: ${result.problem}`);
    const text = fix.description;
    // "Enable MFA…" reads "Undo: enable MFA…"; a leading acronym ("IAM…") keeps its case.
    const label = /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
    playground.edit(label, () => result.value);
    playground.announce(`Fixed: ${fix.description}.`);
  }
}
