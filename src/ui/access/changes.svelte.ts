/**
 * The state of "What changed?" (issue 18): two versions of a world and the access that
 * differs between them, computed by the worker (`impact`). The versions: the world as it was
 * opened (a lesson's start, an imported file, a library entry), a library entry as stored, or a
 * scenario file, against the world on screen (followed as it is edited: newest wins), another
 * library entry or another file.
 */
import { isRecord, parseJsonText } from '../../model/index.ts';
import type { ImpactGroup } from '../../analysis/index.ts';
import type { AccessProgress, ImpactResponse } from '../../worker/protocol.ts';
import type { Playground } from '../state/playground.svelte.ts';
import { addAsRequest } from './requests.ts';

/** A version of the world: as opened, as on screen, a file's scenario, or a library entry's. */
export type Version =
  | { kind: 'opened' }
  | { kind: 'now' }
  | { kind: 'file'; name: string; scenario: unknown }
  | { kind: 'entry'; id: string; name: string; scenario: unknown };

/** A scenario's text (a file's, a library entry's) read, or what is wrong with it (with line and column). */
export function readVersion(
  name: string,
  text: string,
): { name: string; scenario: unknown } | string {
  const parsed = parseJsonText(text);
  if (!parsed.ok)
    return `${name}: not JSON (line ${parsed.error.line}, column ${parsed.error.column}: ${parsed.error.message}).`;
  if (!isRecord(parsed.value)) return `${name}: not a scenario (a scenario is one JSON object).`;
  return { name, scenario: parsed.value };
}

export class ChangesSession {
  before = $state.raw<Version>({ kind: 'opened' });
  after = $state.raw<Version>({ kind: 'now' });
  #response = $state.raw<ImpactResponse | null>(null);
  #running = $state.raw(false);
  #progress = $state.raw<AccessProgress | null>(null);
  #problem = $state.raw<string | null>(null);
  #seq = 0;

  constructor(readonly playground: Playground) {}

  get response(): ImpactResponse | null {
    return this.#response;
  }
  get running(): boolean {
    return this.#running;
  }
  get progress(): AccessProgress | null {
    return this.#progress;
  }
  get problem(): string | null {
    return this.#problem;
  }

  #scenario(version: Version): unknown {
    if (version.kind === 'opened') return this.playground.opened;
    if (version.kind === 'file' || version.kind === 'entry') return version.scenario;
    return undefined; // the worker's copy of the world on screen
  }

  /** Compares the two versions; a newer comparison (the next edit) replaces this one. */
  async compare(): Promise<void> {
    const seq = ++this.#seq;
    this.#running = true;
    this.#progress = null;
    this.#problem = null;
    const after = this.#scenario(this.after);
    const answer = await this.playground.send(
      {
        type: 'impact',
        revision: this.playground.revision,
        before: this.#scenario(this.before) ?? this.playground.scenario,
        ...(after !== undefined ? { after } : {}),
      },
      undefined,
      (p) => {
        if (seq === this.#seq) this.#progress = p;
      },
    );
    if (seq !== this.#seq) return;
    this.#running = false;
    if (answer.ok) this.#response = answer.value;
    else if (!('stale' in answer)) {
      this.#response = null;
      this.#problem = answer.error.message;
    }
  }

  cancel(): void {
    if (!this.#running) return;
    this.#seq++;
    this.#running = false;
    void this.playground.send({ type: 'access-cancel', analysis: 'impact' });
  }

  /** Adds a group's counterexample to the scenario's requests, expecting the new decision: the change becomes a test. */
  addCounterexample(group: ImpactGroup): boolean {
    return addAsRequest(this.playground, group.counterexample);
  }
}
