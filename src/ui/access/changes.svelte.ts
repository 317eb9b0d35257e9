/**
 * The state of "What changed?": two versions of a world and the access that
 * differs between them, computed by the worker (`impact`). The versions: the world as it was
 * opened (a lesson's start, an imported file, a library entry), a library entry as stored, or a
 * scenario file, against the world on screen (followed as it is edited: newest wins), another
 * library entry or another file.
 */
import { isRecord, parseJsonText } from '../../model/index.ts';
import type { ImpactGroup } from '../../analysis/index.ts';
import type { ImpactResponse } from '../../worker/index.ts';
import type { Playground } from '../state/playground.svelte.ts';
import { AnalysisRun } from './analysis-run.svelte.ts';
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

export class ChangesSession extends AnalysisRun {
  before = $state.raw<Version>({ kind: 'opened' });
  after = $state.raw<Version>({ kind: 'now' });
  #response = $state.raw<ImpactResponse | null>(null);

  constructor(playground: Playground) {
    super(playground, 'impact');
  }

  get response(): ImpactResponse | null {
    return this.#response;
  }

  #scenario(version: Version): unknown {
    if (version.kind === 'opened') return this.playground.opened;
    if (version.kind === 'file' || version.kind === 'entry') return version.scenario;
    return undefined; // the worker's copy of the world on screen
  }

  /** Compares the two versions; a newer comparison (the next edit) replaces this one. */
  async compare(): Promise<void> {
    const after = this.#scenario(this.after);
    const request = {
      type: 'impact',
      revision: this.playground.revision,
      before: this.#scenario(this.before) ?? this.playground.scenario,
      ...(after !== undefined ? { after } : {}),
    } as const;
    const answer = await this.track((onProgress) =>
      this.playground.send(request, undefined, onProgress),
    );
    if (answer) this.#response = answer;
    else if (this.problem) this.#response = null; // an old answer would read as this one's
  }

  /** Adds a group's counterexample to the scenario's requests, expecting the new decision: the change becomes a test. */
  addCounterexample(group: ImpactGroup): boolean {
    return addAsRequest(this.playground, group.counterexample);
  }
}
