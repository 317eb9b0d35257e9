/**
 * The playground's state: the scenario being edited, what is open and selected, and the
 * worker's latest answer.
 *
 * The scenario is one JSON value, replaced (never mutated) by each edit; every change sends
 * it to the worker at once (no Run button), and the newest answer wins. Fields are private
 * `$state.raw` (values are replaced whole, so deep proxies would only cost time), read through
 * getters so components cannot assign them by accident.
 */
import type { JsonPath } from '../../engine/index.ts';
import type { Finding } from '../../findings/index.ts';
import type { Send } from '../../worker/index.ts';
import type {
  DecideResponse,
  EvaluateResponse,
  RequestOutcome,
  WorkerError,
} from '../../worker/index.ts';
import type { ReferenceLookup } from '../editor/completion.ts';
import {
  emptyScenario,
  formatJson,
  getIn,
  isObject,
  pathKey,
  requestsOf,
  setDocument,
  type ScenarioDocument as Scenario,
  parseJsonText,
} from '../../model/index.ts';
import { WorldHistory } from './history.svelte.ts';
import { documentEditLabel } from './documents.ts';
import { brokenLock, lockRefusal, type Lock } from './locks.ts';
import { SliceAssembler } from '../../worker/index.ts';

/** A text length as megabytes, for messages ("1.2 MB"). */
export function megabytes(characters: number): string {
  return `${(characters / 1_000_000).toFixed(1)} MB`;
}

/** A statement to show highlighted: a document and the statement's path inside it. */
export interface Highlight {
  document: JsonPath;
  statement: JsonPath;
  /** Increases with every request, so asking twice for the same statement highlights it again. */
  seq: number;
}

/**
 * Above this many characters a scenario text is read by the worker, not on the page (README, Architecture, big inputs:
 * no main-thread task over 200 ms), and the editor does not open it whole unless asked.
 */
export const BIG_TEXT = 200_000;

/** A big scenario text being read by the worker (its parts arriving). */
export interface Reading {
  text: string;
  /** Parts received and expected (0 of 0 until the first part arrives). */
  received: number;
  total: number;
}

/** Whether the worker's answer matches the current scenario. */
export type EvaluationStatus = 'idle' | 'running' | 'done' | 'error';

/** The explorer's ask of the Access panel: a principal's or resource's ARN, and which view. */
export interface AccessAsk {
  target: string;
  /** Who can become the principal (the escalation view), not what it can do. */
  escalation: boolean;
  seq: number;
}

export class Playground {
  #send: Send;
  #scenario = $state.raw<Scenario>(emptyScenario());
  #revision = $state.raw(0);
  #openDocument = $state.raw<JsonPath>([]);
  #selectedRequest = $state.raw(0);
  #selectedNode = $state.raw<JsonPath | null>(null);
  #result = $state.raw<EvaluateResponse | null>(null);
  #decisions = $state.raw<DecideResponse | null>(null);
  #error = $state.raw<WorkerError | null>(null);
  #status = $state.raw<EvaluationStatus>('idle');
  #highlight = $state.raw<Highlight | null>(null);
  #message = $state.raw<string>('');
  #highlightSeq = 0;
  /** The revision the worker's copy of the scenario is at, as far as this side knows (-1: none). */
  #workerRevision = -1;
  /** The last change, when it replaced one document: sent to the worker as a patch. */
  #change: { path: JsonPath; value: unknown; revision: number } | null = null;
  /** The scenario at `revision` is the one the worker read for `token` (it holds it already). */
  #read: { token: number; revision: number } | null = null;
  #reading = $state.raw<(Reading & { token: number }) | null>(null);
  #readSeq = 0;
  /** Why the last big text could not be read as a scenario (shown by the editor), or null. */
  #readProblem = $state.raw<string | null>(null);
  #loadCount = $state.raw(0);
  #followCount = $state.raw(0);
  #opened: Scenario;
  #revealCount = $state.raw(0);
  #viewing = $state.raw<string | null>(null);
  #draft = $state.raw<string | null>(null);
  #locks = $state.raw<readonly Lock[]>([]);
  #locksKey = '[]';
  #refusal = $state.raw<string | null>(null);
  /** The text the scenario was loaded from or typed as, while the scenario is still its value. */
  #source: { text: string; scenario: Scenario } | null = null;
  /** Every change to this scenario, one labelled step each; opening another scenario resets it. */
  readonly #history = new WorldHistory<Scenario>();

  /** The requests of the scenario, read defensively (the user can type any shape). */
  readonly requests = $derived(requestsOf(this.#scenario));

  /**
   * Every request's outcome, in request order, for the scenario on screen only: the worker's
   * decisions, with the request on screen taken from the (faster) evaluation. An answer computed
   * for another revision (the scenario before an import, a link or an edit) is never shown: its
   * request stays pending (undefined, "…") until the answer for this revision is in.
   */
  readonly outcomes: (RequestOutcome | undefined)[] = $derived.by(() => {
    const revision = this.#revision;
    const decisions = this.#decisions;
    const list: (RequestOutcome | undefined)[] =
      decisions?.revision === revision ? [...decisions.outcomes] : [];
    const evaluation = this.#result;
    if (evaluation?.revision === revision && evaluation.outcome) {
      list[evaluation.outcome.index] = evaluation.outcome;
    }
    return list;
  });

  /**
   * The latest evaluation when it was computed for the scenario on screen, else null (its answer
   * is not in yet). `result` keeps the latest one whatever its revision (its issues keep the
   * editors' underlines steady while typing).
   */
  readonly currentResult: EvaluateResponse | null = $derived(
    this.#result?.revision === this.#revision ? this.#result : null,
  );

  /** Autocomplete answers (actions, ARN templates, condition keys) from the worker's service reference. */
  readonly lookup: ReferenceLookup;
  #managed: Promise<string[]> | undefined;

  constructor(send: Send, initial: Scenario = emptyScenario()) {
    this.#send = send;
    this.#scenario = this.#opened = initial;
    this.lookup = {
      actions: async (prefix) => {
        const answer = await send({ type: 'complete-actions', prefix });
        return answer.ok ? answer.value.items : null;
      },
      actionInfo: async (actions) => {
        const answer = await send({ type: 'action-info', actions });
        return answer.ok ? answer.value : null;
      },
    };
    void this.run();
  }

  /**
   * The findings of the scenario at `revision`, computed by the worker from its copy (sent by
   * `run`). Rejects when the worker has moved on or failed: the caller keeps only the newest.
   */
  async findings(revision: number): Promise<Finding[]> {
    const answer = await this.#send({ type: 'findings', revision });
    if (answer.ok) return answer.value.findings;
    throw new Error('stale' in answer ? 'superseded' : answer.error.message);
  }

  /** The worker's client, for a panel that asks its own questions (the console's decisions). */
  get send(): Send {
    return this.#send;
  }

  #accessAsk = $state.raw<AccessAsk | null>(null);

  /** What the explorer last asked the Access panel to show (a principal's or resource's ARN). */
  get accessAsk(): AccessAsk | null {
    return this.#accessAsk;
  }

  /**
   * Asks for the Access panel on a principal or resource (the explorer's "Access…"), or for
   * who can become a principal ("Who can become it?": the escalation view).
   */
  showAccess(target: string, escalation = false): void {
    this.#accessAsk = { target, escalation, seq: (this.#accessAsk?.seq ?? 0) + 1 };
  }

  /** An AWS managed policy's document from the shipped catalog (null: no such policy). */
  async managedPolicy(arn: string): Promise<unknown> {
    const answer = await this.#send({ type: 'managed-policy', arn });
    if (answer.ok) return answer.value.document;
    throw new Error('stale' in answer ? 'superseded' : answer.error.message);
  }

  /** The AWS managed policy shown read-only in the editor's place (null: the editor shows). */
  get viewing(): string | null {
    return this.#viewing;
  }

  /** Shows an AWS managed policy read-only where the editor is (null: back to the editor). */
  view(arn: string | null): void {
    this.#viewing = arn;
  }

  /** AWS managed policy ARNs (asked of the worker once). */
  managedPolicies(): Promise<string[]> {
    this.#managed ??= this.#send({ type: 'managed-policies' }).then((a) =>
      a.ok ? a.value.arns : [],
    );
    return this.#managed;
  }

  /** The scenario as last edited (always a parsed, JSON-serializable value). */
  get scenario(): Scenario {
    return this.#scenario;
  }
  /** Increases with every change to the scenario. */
  get revision(): number {
    return this.#revision;
  }
  /** Path of the document open in the editor ([] is the whole scenario). */
  get openDocument(): JsonPath {
    return this.#openDocument;
  }
  /** Index of the request whose trace is shown. */
  get selectedRequest(): number {
    return this.#selectedRequest;
  }
  /** The explorer's selected entity (a path in the scenario), if any. */
  get selectedNode(): JsonPath | null {
    return this.#selectedNode;
  }
  /** Every request's outcome once all are known for the current scenario (for goal checklists), else null. */
  get allOutcomes(): RequestOutcome[] | null {
    // Decisions for an older scenario must not count: a goal list would judge the wrong world.
    if (this.#decisions?.revision !== this.#revision) return null;
    const list = this.outcomes;
    const count = this.requests.length;
    if (list.length < count) return null;
    const known = list.slice(0, count).filter((o): o is RequestOutcome => o !== undefined);
    return known.length === count ? known : null;
  }

  /** The worker's latest evaluation: validation issues and the selected request's trace. */
  get result(): EvaluateResponse | null {
    return this.#result;
  }
  /** The worker's error, when the last evaluation failed. */
  get error(): WorkerError | null {
    return this.#error;
  }
  get status(): EvaluationStatus {
    return this.#status;
  }
  /** The statement the editor should highlight. */
  get highlight(): Highlight | null {
    return this.#highlight;
  }
  /** Increases each time another scenario is loaded (editors then drop their per-document state). */
  /** The scenario as it was last opened (a lesson's start, a file, a library entry): "What changed?" compares with it. */
  get opened(): Scenario {
    return this.#opened;
  }

  get loadCount(): number {
    return this.#loadCount;
  }
  /** A short notice for a screen reader's live region (e.g. "Imported team.json"). */
  get message(): string {
    return this.#message;
  }

  /**
   * The scenario as text, for storage: the whole-scenario editor's text while it does not parse
   * (so nothing the user typed is lost), else the text it was loaded from or typed as while it
   * still says the same (so its layout is kept), else the scenario formatted.
   */
  get text(): string {
    if (this.#reading) return this.#reading.text;
    if (this.#draft !== null) return this.#draft;
    if (this.#source?.scenario === this.#scenario) return this.#source.text;
    // Formatted again only where the world changed since it was last formatted (format-json.ts).
    return formatJson(this.#scenario) ?? '{}';
  }

  /** What `text` says, parsed: the scenario, or undefined while the text is not the scenario's. */
  get textValue(): Scenario | undefined {
    return this.#reading || this.#draft !== null ? undefined : this.#scenario;
  }

  /** A big scenario text being read by the worker, or null. */
  get reading(): Reading | null {
    return this.#reading;
  }

  /** Why the open scenario's text could not be read (a big text the worker refused), or null. */
  get readProblem(): string | null {
    return this.#readProblem;
  }

  /** Text of the whole scenario that does not parse yet (shown in the scenario editor), or null. */
  get draft(): string | null {
    return this.#draft;
  }

  /** The scenario editor reports its text while it does not parse (null once it does). */
  setDraft(text: string | null): void {
    if (text !== this.#draft) this.#draft = text;
  }

  /**
   * Opens a scenario given as text (a stored or shared one). Text that does not parse opens in
   * the scenario editor as it is, over an empty world, so the user can repair it.
   *
   * A big text (over BIG_TEXT characters) is read by the worker, which sends the value back in
   * parts: meanwhile an empty world shows with `reading` set (the editor shows the progress),
   * `text` is already the new text (so whatever saves it saves this one), and edits are not
   * taken. The promise settles once the scenario is on screen.
   */
  loadText(text: string, message = ''): Promise<void> {
    this.#cancelReading();
    if (text.length > BIG_TEXT) return this.#readBig(text, message);
    const parsed = parseJsonText(text);
    if (parsed.ok && isObject(parsed.value)) {
      this.load(parsed.value, message);
      this.#source = { text, scenario: parsed.value };
      return Promise.resolve();
    }
    this.load(emptyScenario(), `${message} It is not valid JSON: fix it in the editor.`.trim());
    this.#draft = text;
    return Promise.resolve();
  }

  async #readBig(text: string, message: string): Promise<void> {
    const token = ++this.#readSeq;
    this.load(emptyScenario(), `Opening a scenario of ${megabytes(text.length)}…`);
    this.#reading = { token, text, received: 0, total: 0 };
    const assembler = new SliceAssembler();
    const answer = await this.#send({ type: 'read-text', text, token }, (part) => {
      if (this.#reading?.token !== token) return;
      assembler.add(part.entries);
      this.#reading = { ...this.#reading, received: part.index + 1, total: part.total };
    });
    if (this.#reading?.token !== token) return; // another scenario was opened meanwhile
    this.#reading = null;
    const value = assembler.value;
    if (answer.ok && answer.value.parts > 0 && isObject(value)) {
      this.#load(value, message, token);
      this.#source = { text, scenario: value };
      return;
    }
    const why = answer.ok
      ? (answer.value.problem ?? '')
      : 'error' in answer
        ? answer.error.message
        : '';
    this.load(emptyScenario(), `${message} It could not be read: ${why}`.trim());
    this.#draft = text;
    this.#readProblem = why;
  }

  /** Stops waiting for a big text being read (another scenario replaces it). */
  #cancelReading(): void {
    this.#reading = null;
    this.#readProblem = null;
  }

  /**
   * Shows a newer text of the open scenario (another tab stored it, a rename wrote its title):
   * what is open and selected stays, and the change is one step of the history named `label`.
   * Text that does not parse becomes the draft over the last valid version (nothing is reloaded:
   * the editor keeps its cursor and history); a big text opens as `loadText` opens it.
   */
  replaceText(text: string, label: string, message = ''): void {
    // The same text again (another tab stored what this one shows): no step, nothing to show.
    if (!this.#reading && text === this.text) return;
    if (text.length > BIG_TEXT || this.#reading) {
      void this.loadText(text, message);
      return;
    }
    const parsed = parseJsonText(text);
    if (!parsed.ok || !isObject(parsed.value)) {
      // Not another scenario: the same one, half typed in another tab. It becomes this tab's
      // draft (the last valid version stays evaluated, as it does for the tab that typed it),
      // and the whole-scenario editor takes it as a change of its text (see `followCount`):
      // a reload here would drop the editor's states and send its cursor to the start.
      this.#draft = text;
      this.#followCount++;
      this.#message = message;
      return;
    }
    // One step of the history: the same scenario in a newer version, not another scenario.
    this.#setDocument([], parsed.value, text, label);
    this.#followCount++;
    this.#message = message;
  }

  /**
   * Increases each time `replaceText` shows a newer text of the open scenario (another tab's
   * save, a rename): the whole-scenario editor then brings its text in line with `text` by a
   * minimal change, keeping its cursor and undo history.
   */
  get followCount(): number {
    return this.#followCount;
  }

  /** The documents no edit may change (an exercise's locked documents; none elsewhere). */
  get locks(): readonly Lock[] {
    return this.#locks;
  }
  /** Sets the locks (an exercise on screen); the same locks again change nothing. */
  setLocks(locks: readonly Lock[]): void {
    const key = JSON.stringify(locks);
    if (key === this.#locksKey) return; // (read untracked: an effect may call this)
    this.#locksKey = key;
    this.#locks = locks;
    this.#refusal = null;
  }
  /** Why the last edit was refused (a locked document), until an edit is taken. */
  get refusal(): string | null {
    return this.#refusal;
  }
  /** Why turning the scenario into `next` would be refused, or null when it would be taken. */
  refusalFor(next: unknown): string | null {
    const lock = brokenLock(this.#locks, this.#scenario, next);
    return lock ? lockRefusal(lock) : null;
  }
  /** True when `next` may replace the scenario; otherwise says why not (refusal, announced). */
  #allowed(next: unknown): boolean {
    const refusal = this.refusalFor(next);
    this.#refusal = refusal;
    if (refusal) this.#message = refusal;
    return refusal === null;
  }

  /**
   * Applies an edit as one step of the history, named by `label` ("delete role WebRole", shown
   * as "Undo: delete role WebRole"). Edits with the same `group` in quick succession (typing in
   * one field) are one step. A function that returns the same scenario changes nothing. Returns
   * false when the edit was refused because it changes a locked document (`refusal` says which).
   */
  edit(label: string, change: (scenario: Scenario) => Scenario, group?: string): boolean {
    if (this.#reading) return true; // the world on screen is a placeholder until the text is read
    const before = this.#scenario;
    const next = change(before);
    if (next === before) return true;
    if (!this.#allowed(next)) return false;
    this.#history.record(label, before, next, group);
    this.#replace(next);
    return true;
  }

  /**
   * Writes a document (a policy, or with [] the whole scenario) back into the scenario: the
   * editor's text, once it parses, as one step of the history (typing in one document groups
   * into one step per pause). For the whole scenario, `text` is what the user typed: it is kept
   * as the scenario's text. Returns false when refused (it changes a locked document).
   */
  setDocument(path: JsonPath, value: unknown, text?: string): boolean {
    const label = documentEditLabel(this.#scenario, path);
    return this.#setDocument(path, value, text, label, `document ${pathKey(path)}`);
  }

  #setDocument(
    path: JsonPath,
    value: unknown,
    text: string | undefined,
    label: string,
    group?: string,
  ): boolean {
    if (this.#reading) return true; // the world on screen is a placeholder until the text is read
    const before = this.#scenario;
    if (path.length === 0) {
      if (!isObject(value)) return true;
      if (!this.#allowed(value)) return false;
      // A text parsed anew shares nothing: its length bounds what the step holds, without a walk
      // over a world of megabytes.
      this.#history.record(label, before, value, group, text?.length);
      this.#replace(value);
      if (text !== undefined) this.#source = { text, scenario: value };
      return true;
    }
    const next = setDocument(before, path, value);
    if (next === before) return true;
    if (!this.#allowed(next)) return false;
    this.#history.record(label, before, next, group);
    this.#replace(next, { path, value });
    return true;
  }

  /**
   * Applies `change` to the world and to every world of the history, as no step of it: data Undo
   * does not take back (an exercise's solution). `change` must give one world for one world and
   * leave the documents as they are (locks are not asked).
   */
  editOutsideHistory(change: (scenario: Scenario) => Scenario): void {
    this.#history.rewrite(change);
    this.#replace(change(this.#scenario));
  }

  /** What Undo would take back ("delete role WebRole"), or null when there is nothing. */
  get undoLabel(): string | null {
    return this.#history.undoable(this.#scenario)?.label ?? null;
  }

  /** What Redo would apply again, or null when there is nothing. */
  get redoLabel(): string | null {
    return this.#history.redoable(this.#scenario)?.label ?? null;
  }

  /** Takes back the last step of the history (Undo, Ctrl+Z) and says which. */
  undo(): void {
    const label = this.undoLabel;
    const before = this.#reading ? undefined : this.#history.undo(this.#scenario);
    if (before === undefined) {
      this.#message = 'Nothing to undo.';
      return;
    }
    this.#replace(before);
    this.#message = `Undone: ${label}.`;
  }

  /** Applies the last undone step again (Redo, Ctrl+Shift+Z, Ctrl+Y) and says which. */
  redo(): void {
    const label = this.redoLabel;
    const after = this.#reading ? undefined : this.#history.redo(this.#scenario);
    if (after === undefined) {
      this.#message = 'Nothing to redo.';
      return;
    }
    this.#replace(after);
    this.#message = `Redone: ${label}.`;
  }

  /** How many steps can be undone and redone, and the fresh data they hold (measurements). */
  get historyCounts(): { undo: number; redo: number; size: number } {
    return this.#history.counts;
  }

  /** Opens another scenario (an import, a lesson, a library entry): selection starts fresh. */
  load(scenario: Scenario, message = ''): void {
    this.#cancelReading();
    this.#load(scenario, message);
  }

  #load(scenario: Scenario, message: string, read?: number): void {
    this.#openDocument = [];
    this.#viewing = null;
    this.#selectedNode = null;
    this.#selectedRequest = 0;
    this.#highlight = null;
    this.#message = message;
    this.#refusal = null;
    this.#loadCount++;
    this.#opened = scenario;
    this.#history.reset(); // another scenario: its history starts here
    this.#replace(scenario, undefined, read);
  }

  /** Opens a document in the editor, optionally with one statement highlighted. */
  open(document: JsonPath, statement?: JsonPath): void {
    this.#openDocument = document;
    this.#viewing = null;
    this.#highlight = statement ? { document, statement, seq: ++this.#highlightSeq } : null;
  }

  /** Selects an explorer entity; a document entity also opens in the editor. */
  select(node: JsonPath | null): void {
    this.#selectedNode = node;
  }

  /** Shows this request's trace. */
  selectRequest(index: number): void {
    if (index === this.#selectedRequest) return;
    this.#selectedRequest = index;
    void this.run();
  }

  /** Shows this request's trace and asks the decision panel to bring it into view. */
  revealRequest(index: number): void {
    this.selectRequest(index);
    this.#revealCount++;
  }

  /** Counts `revealRequest` calls: the decision panel scrolls its trace into view when it changes. */
  get revealCount(): number {
    return this.#revealCount;
  }

  /** Announces something to screen readers. */
  announce(message: string): void {
    this.#message = message;
  }

  /**
   * Puts `next` on screen and evaluates it. An unparsed draft of the whole text (typed here, or
   * another tab's half-typed text followed) was of the world before: it goes, else it would stand
   * for the new world in `text` and the change would never be stored (the editor's own undo
   * brings the draft back). Who opens a draft sets it after this.
   */
  #replace(next: Scenario, change?: { path: JsonPath; value: unknown }, read?: number): void {
    this.#draft = null;
    this.#scenario = next;
    this.#revision++;
    this.#change = change ? { ...change, revision: this.#revision } : null;
    this.#read = read !== undefined ? { token: read, revision: this.#revision } : null;
    const count = this.requests.length;
    if (this.#selectedRequest >= count) this.#selectedRequest = Math.max(0, count - 1);
    if (this.#openDocument.length > 0 && getIn(next, this.#openDocument) === undefined)
      this.#openDocument = [];
    void this.run();
  }

  /** Sends the whole scenario again (a restarted worker holds none) and evaluates it. */
  resync(): Promise<void> {
    this.#workerRevision = -1;
    return this.run();
  }

  /**
   * Sends the scenario to the worker: an evaluation (validation and the selected request's
   * trace, answered first) and the decisions of every request. Answers for older revisions are
   * dropped by the client.
   */
  async run(): Promise<void> {
    const revision = this.#revision;
    const scenario = this.#scenario;
    const base = this.#workerRevision;
    // The worker keeps a copy: send nothing when it has this revision, one document when this
    // revision replaced one document of the copy, else the whole scenario.
    const change = this.#change;
    const read = this.#read;
    const payload =
      base === revision
        ? {}
        : change && change.revision === revision && base === revision - 1
          ? { patch: { baseRevision: base, path: change.path, value: change.value } }
          : read?.revision === revision
            ? { read: read.token }
            : { scenario };
    this.#workerRevision = revision;
    this.#status = 'running';
    const evaluating = this.#send({
      type: 'evaluate',
      ...payload,
      traceFor: this.requests.length > 0 ? this.#selectedRequest : null,
      revision,
    });
    void this.#decide(revision);
    const answer = await evaluating;
    if (!answer.ok) {
      if ('stale' in answer) return;
      if (answer.error.code === 'out-of-sync' && !('scenario' in payload)) {
        // The worker lost track (it restarted, or a message failed): send the whole scenario.
        if (revision === this.#revision) await this.resync();
        return;
      }
      this.#error = answer.error;
      this.#status = 'error';
      return;
    }
    this.#result = answer.value;
    this.#error = null;
    this.#status = 'done';
  }

  async #decide(revision: number): Promise<void> {
    const answer = await this.#send({ type: 'decide', revision });
    if (answer.ok) this.#decisions = answer.value;
    else if (!('stale' in answer) && answer.error.code !== 'out-of-sync')
      this.#error = answer.error;
  }
}
