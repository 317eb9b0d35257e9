/**
 * The Access panel's state: what is analyzed (a principal, a resource, or the whole
 * world), the worker's answer, the filters, and the cell whose trace is open. It outlives the
 * panel (switching tabs keeps the answer), and loads with it, on first use.
 */
import { bucketOf, type ScenarioDocument, type Scenario } from '../../model/index.ts';
import { worldPrincipals, worldResources } from '../../analysis/index.ts';
import { cellCount, cellField, readCell, type AccessCell } from '../../worker/index.ts';
import type { AccessQuery, AccessResult, AccessTraceResponse } from '../../worker/index.ts';
import type { Playground } from '../state/playground.svelte.ts';
import { AnalysisRun } from './analysis-run.svelte.ts';
import { ChangesSession } from './changes.svelte.ts';
import { EscalationSession } from './escalation.svelte.ts';
import { addAsRequest, traceRequest } from './requests.ts';

/** The Access drawer's views. */
export type AccessView = 'access' | 'escalation' | 'changes';

/** The decision filter: "granted" is allowed or conditional. */
export type DecisionFilter = 'granted' | 'allowed' | 'conditional' | 'denied' | 'all';

export interface AccessFilters {
  service: string;
  access: string;
  decision: DecisionFilter;
}

/** The principals and resources of a world, for the search box. */
export function accessTargets(scenario: ScenarioDocument): {
  principals: string[];
  resources: string[];
} {
  const world = scenario as unknown as Scenario;
  try {
    return { principals: worldPrincipals(world), resources: worldResources(world) };
  } catch {
    return { principals: [], resources: [] }; // a world too broken to read: nothing to offer
  }
}

/** The rows of a table that pass the filters, as cell indexes (cheap: compares string indexes). */
export function filterCells(result: AccessResult, filters: AccessFilters): number[] {
  if (result.kind === 'world') return [];
  const { table } = result;
  const id = (text: string): number => (text === '' ? -1 : table.strings.indexOf(text));
  const service = id(filters.service);
  const access = id(filters.access);
  const allowed = table.strings.indexOf('allowed');
  const conditional = table.strings.indexOf('conditional');
  const denied = table.strings.indexOf('denied');
  const wanted = new Set(
    filters.decision === 'granted'
      ? [allowed, conditional]
      : filters.decision === 'all'
        ? [allowed, conditional, denied]
        : [table.strings.indexOf(filters.decision)],
  );
  const out: number[] = [];
  const count = cellCount(table);
  for (let row = 0; row < count; row++) {
    if (filters.service !== '' && cellField(table, row, 'service') !== service) continue;
    if (filters.access !== '' && cellField(table, row, 'access') !== access) continue;
    if (!wanted.has(cellField(table, row, 'status'))) continue;
    out.push(row);
  }
  return out;
}

/** How many cells of each status a table holds. */
export function statusCounts(
  result: AccessResult,
): Record<'allowed' | 'conditional' | 'denied', number> {
  const counts = { allowed: 0, conditional: 0, denied: 0 };
  if (result.kind === 'world') return counts;
  const { table } = result;
  for (let row = 0; row < cellCount(table); row++) {
    const status = table.strings[cellField(table, row, 'status')] as keyof typeof counts;
    counts[status]++;
  }
  return counts;
}

/** The distinct values of a column, sorted (the filters' choices). */
export function columnValues(result: AccessResult, column: 'service' | 'access'): string[] {
  if (result.kind === 'world') return [];
  const { table } = result;
  const seen = new Set<number>();
  for (let row = 0; row < cellCount(table); row++) seen.add(cellField(table, row, column));
  return [...seen].map((i) => table.strings[i]!).sort((a, b) => a.localeCompare(b));
}

export class AccessSession extends AnalysisRun {
  /** The principal or resource typed or chosen (the search box). */
  target = $state('');
  filters = $state<AccessFilters>({ service: '', access: '', decision: 'granted' });
  #query = $state.raw<AccessQuery | null>(null);
  #result = $state.raw<AccessResult | null>(null);
  #revision = $state.raw(-1);
  #cell = $state.raw<AccessCell | null>(null);
  #trace = $state.raw<AccessTraceResponse | null>(null);
  #traceProblem = $state.raw<string | null>(null);
  #askSeen = 0;
  /** Which of the drawer's views is shown. */
  view = $state<AccessView>('access');
  readonly escalation: EscalationSession;
  readonly changes: ChangesSession;

  constructor(playground: Playground) {
    super(playground, 'access');
    this.escalation = new EscalationSession(playground);
    this.changes = new ChangesSession(playground);
  }

  get query(): AccessQuery | null {
    return this.#query;
  }
  get result(): AccessResult | null {
    return this.#result;
  }
  /** True when the world changed after the result was computed. */
  get stale(): boolean {
    return this.#result !== null && this.#revision !== this.playground.revision;
  }
  get cell(): AccessCell | null {
    return this.#cell;
  }
  get trace(): AccessTraceResponse | null {
    return this.#trace;
  }
  get traceProblem(): string | null {
    return this.#traceProblem;
  }

  /** Takes up the explorer's newest "Access…" or "Who can become it?", once. */
  takeAsk(): void {
    const ask = this.playground.accessAsk;
    if (!ask || ask.seq === this.#askSeen) return;
    this.#askSeen = ask.seq;
    if (ask.escalation) {
      this.view = 'escalation';
      this.escalation.choice = 'principal';
      this.escalation.principal = ask.target;
      void this.escalation.run();
      return;
    }
    this.view = 'access';
    this.target = ask.target;
    void this.show();
  }

  /** Analyzes `target`: what a principal can do, or who can act on a resource. */
  async show(): Promise<void> {
    const target = this.target.trim();
    const { principals, resources } = accessTargets(this.playground.scenario);
    if (target === '')
      return this.refuse('Type or choose a principal or a resource of this world.');
    if (principals.includes(target)) return this.run({ kind: 'what-can', principal: target });
    const bucket = bucketOf(target);
    if (resources.includes(target) || (bucket !== undefined && resources.includes(bucket)))
      return this.run({ kind: 'who-can', resource: target });
    this.refuse(
      `${target} is not a principal or resource of this world: choose one from the list (users, roles, instance profiles, root users; resources, objects of its buckets, roles, policies).`,
    );
  }

  /** Runs an analysis; a newer one replaces it. */
  async run(query: AccessQuery): Promise<void> {
    this.#query = query;
    this.closeCell();
    const revision = this.playground.revision;
    const answer = await this.track((onProgress) =>
      this.playground.send({ type: 'access', revision, query }, undefined, onProgress),
    );
    if (!answer) return;
    this.#result = answer.result;
    this.#revision = revision;
    this.filters = { service: '', access: '', decision: 'granted' };
  }

  /** Opens a cell's trace: the cell decided as a request of its own. */
  async openCell(cell: AccessCell): Promise<void> {
    this.#cell = cell;
    this.#trace = null;
    this.#traceProblem = null;
    const answer = await traceRequest(this.playground, cell);
    if (this.#cell !== cell) return;
    if (answer.ok) this.#trace = answer.value;
    else if (!('stale' in answer)) this.#traceProblem = answer.error.message;
  }

  closeCell(): void {
    this.#cell = null;
    this.#trace = null;
    this.#traceProblem = null;
  }

  /** Adds the open cell to the scenario's requests: one undoable step; its trace then shows. */
  addAsRequest(): boolean {
    const cell = this.#cell;
    if (!cell) return false;
    const { principal, action, resource } = cell;
    return addAsRequest(this.playground, { principal, action, resource });
  }
}

export { readCell };
