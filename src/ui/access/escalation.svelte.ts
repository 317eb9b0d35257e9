/**
 * The state of "Who can become admin?": the target (admin, a principal, or an
 * action on a resource), the worker's answer (the escalation graph and the shortest paths),
 * the selected path, and the hop and request whose trace is open. It outlives the view.
 */
import type {
  EscalationPath,
  EscalationTarget,
  PathHop,
  RequestVerdict,
} from '../../analysis/index.ts';
import type { AccessTraceResponse, EscalationResponse } from '../../worker/index.ts';
import type { Playground } from '../state/playground.svelte.ts';
import { AnalysisRun } from './analysis-run.svelte.ts';
import { TARGET, shortName, targetLabel } from './escalation-picture.ts';
import { addAsRequest, traceRequest, type ViewRequest } from './requests.ts';

export type TargetChoice = EscalationTarget['kind'];

/** One step of a path as the view lists it: an edge or change, or the holder's own access. */
export interface ShownHop {
  /** The step in words. */
  via: string;
  from: string;
  /** The principal reached, or null for the target itself. */
  to: string | null;
  /** The requests that allow the step, decided in the world on screen. */
  requests: RequestVerdict[];
  /** Requests decided in the world as the step changes it (a trust policy or a policy rewritten). */
  after: RequestVerdict[];
}

/** The hops of a path, ending with the holder's own access to the target when it has some. */
export function shownHops(path: EscalationPath, response: EscalationResponse): ShownHop[] {
  const hops = path.hops.map((hop: PathHop): ShownHop =>
    hop.kind === 'edge'
      ? {
          via: hop.via,
          from: hop.from,
          to: hop.to,
          requests: hop.requests,
          after: hop.after ?? [],
        }
      : {
          via: `${hop.via} (${hop.change})`,
          from: hop.principal,
          to: null,
          requests: [hop.request],
          after: hop.after,
        },
  );
  const last = path.hops.at(-1);
  const at = last?.kind === 'edge' ? last.to : undefined;
  const holder = response.report.holders.find((h) => h.principal === at);
  if (holder && response.report.target.kind !== 'principal')
    hops.push({
      via: 'holds it',
      from: holder.principal,
      to: null,
      requests: holder.requests,
      after: [],
    });
  return hops;
}

/**
 * A path as listed: its principals then the target, and its steps, one per arrow (the holder's
 * own access is a step: "(1 step)" beside two arrows did not add up).
 */
export function pathLine(
  path: EscalationPath,
  response: EscalationResponse,
): { words: string; steps: number } {
  const hops = shownHops(path, response);
  const words = [path.from, ...hops.map((h) => h.to ?? TARGET)]
    .map((id) => (id === TARGET ? targetLabel(response.report) : shortName(id)))
    .join(' → ');
  return { words, steps: hops.length };
}

/** Who holds the target already, as principals (shared with the command line). */
export { holdingPrincipals } from '../../analysis/index.ts';

export class EscalationSession extends AnalysisRun {
  choice = $state<TargetChoice>('admin');
  principal = $state('');
  action = $state('');
  resource = $state('');
  #response = $state.raw<EscalationResponse | null>(null);
  #revision = $state.raw(-1);
  /** The path shown, by index in the report. */
  selected = $state(0);
  /** The hop whose requests are shown, by index in the selected path. */
  #hop = $state.raw<number | null>(null);
  #request = $state.raw<ViewRequest | null>(null);
  #trace = $state.raw<AccessTraceResponse | null>(null);
  #traceProblem = $state.raw<string | null>(null);

  constructor(playground: Playground) {
    super(playground, 'escalation');
  }

  get response(): EscalationResponse | null {
    return this.#response;
  }
  get stale(): boolean {
    return this.#response !== null && this.#revision !== this.playground.revision;
  }
  get hop(): number | null {
    return this.#hop;
  }
  get request(): ViewRequest | null {
    return this.#request;
  }
  get trace(): AccessTraceResponse | null {
    return this.#trace;
  }
  get traceProblem(): string | null {
    return this.#traceProblem;
  }

  /** The target the form describes, or what is missing from it. */
  target(): EscalationTarget | string {
    if (this.choice === 'admin') return { kind: 'admin' };
    if (this.choice === 'principal') {
      const principal = this.principal.trim();
      return principal
        ? { kind: 'principal', principal }
        : 'Type or choose the principal to reach.';
    }
    const action = this.action.trim();
    const resource = this.resource.trim();
    if (!/^[\w-]+:[\w*?-]+$/.test(action))
      return 'Type the action to reach as service:Action (e.g. s3:GetObject).';
    return resource
      ? { kind: 'request', action, resource }
      : 'Type the resource ARN the action is on (or * for an action without resources).';
  }

  /** Finds who can reach the target; a newer run replaces this one. */
  async run(): Promise<void> {
    const target = this.target();
    if (typeof target === 'string') return this.refuse(target);
    const revision = this.playground.revision;
    const answer = await this.track((onProgress) =>
      this.playground.send({ type: 'escalation', revision, target }, undefined, onProgress),
    );
    if (!answer) return;
    this.#response = answer;
    this.#revision = revision;
    this.selected = 0;
    this.closeHop();
  }

  selectPath(index: number): void {
    this.selected = index;
    this.closeHop();
  }

  /** Shows a hop of the selected path and opens the trace of its first request. */
  openHop(index: number): void {
    const path = this.#response?.report.paths[this.selected];
    if (!path || !this.#response) return;
    const hop = shownHops(path, this.#response)[index];
    if (!hop) return;
    this.#hop = index;
    const first = hop.requests[0];
    if (first) void this.openRequest(first.request);
  }

  async openRequest(request: ViewRequest): Promise<void> {
    this.#request = request;
    this.#trace = null;
    this.#traceProblem = null;
    const answer = await traceRequest(this.playground, request);
    if (this.#request !== request) return;
    if (answer.ok) this.#trace = answer.value;
    else if (!('stale' in answer)) this.#traceProblem = answer.error.message;
  }

  closeHop(): void {
    this.#hop = null;
    this.#request = null;
    this.#trace = null;
    this.#traceProblem = null;
  }

  /** Adds the open request to the scenario's requests (one undoable step). */
  addAsRequest(): boolean {
    return this.#request ? addAsRequest(this.playground, this.#request) : false;
  }
}
