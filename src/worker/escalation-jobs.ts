/**
 * The escalation and change-impact analyses the worker runs for the Access drawer's "Who can
 * become admin?" and "What changed?" views, step by step like the access analyses
 * (access.ts), so a newer evaluate, a heartbeat or a cancel is answered between steps. Loaded
 * on first use: the analysis is not first-visit code.
 *
 * - escalation: step 1 builds the world's escalation graph (kept while the worker's copy of the
 *   scenario stays the same object, so picking another target only walks the paths), step 2
 *   finds the shortest paths to the target;
 * - impact: step 1 works out which services the edit can touch and loads their reference,
 *   step 2 compares the two worlds (`changeImpact`).
 */
import type { AnalysisWorld, EscalationGraph, ImpactResult } from '../analysis/index.ts';

/**
 * The analysis module, handed in by the caller (which loads it with its own dynamic import):
 * imported statically here, the bundler split the worker's first chunk.
 */
type Analysis = typeof import('../analysis/index.ts');
import { loadServiceIndex, loadServiceReference } from '../data/service-reference.ts';
import type { AnalysisJob } from './access.ts';
import type {
  AccessProgress,
  EscalationRequest,
  EscalationResponse,
  ImpactRequest,
  ImpactResponse,
} from './protocol.ts';

/** What the worker gives an analysis: valid worlds, its way to refuse a request, its clock. */
export interface JobTools {
  /** The valid world of a scenario (`which` names it in the message when it is not valid). */
  world(scenario: unknown, which?: string): Promise<AnalysisWorld>;
  /** The error that refuses the request with a message (a `bad-request`). */
  refuse(message: string): Error;
  clock: () => number;
}

/**
 * An escalation analysis of `scenario` (the worker's copy), or the impact of a change between
 * two worlds (`after` absent: the copy); both must be valid, and a target the world does not
 * have is refused.
 */
export async function startAnalysis(
  analysis: Analysis,
  scenario: unknown,
  request: EscalationRequest | ImpactRequest,
  tools: JobTools,
): Promise<AnalysisJob<EscalationResponse | ImpactResponse>> {
  if (request.type === 'impact') {
    const before = await tools.world(request.before, 'the version compared with');
    const after = await tools.world(request.after ?? scenario);
    after.now = before.now; // one clock for both
    return startImpact(analysis, before, after, request, tools.clock);
  }
  return startEscalation(analysis, await tools.world(scenario), request, tools);
}

/** The last graph built, and the scenario object it was built from. */
let kept: { scenario: unknown; graph: EscalationGraph } | null = null;

const progressOf = (done: number): AccessProgress => ({ done, total: 2, unit: 'steps' });

/** Starts "who can reach the target" over a validated world. */
export function startEscalation(
  analysis: Analysis,
  world: AnalysisWorld,
  request: EscalationRequest,
  tools: Pick<JobTools, 'refuse' | 'clock'>,
): AnalysisJob<EscalationResponse> {
  const { clock } = tools;
  const start = clock();
  const { target, revision } = request;
  let graph = kept?.scenario === world.scenario ? kept.graph : null;
  let response: EscalationResponse | undefined;
  return {
    async prepare() {},
    step() {
      if (!graph) {
        graph = analysis.escalationGraph(world);
        kept = { scenario: world.scenario, graph };
        return false;
      }
      if (target.kind === 'principal' && !graph.nodes.some((n) => n.id === target.principal))
        throw tools.refuse(
          `${target.principal} is not a principal of this world (its users, roles, instance profiles and the identity providers and services its trust policies name).`,
        );
      const report = analysis.escalationPaths(world, graph, target);
      response = { type: 'escalation', revision, graph, report, elapsedMs: clock() - start };
      return true;
    },
    progress: () => progressOf(graph ? 1 : 0),
    response() {
      if (!response) throw new Error('The escalation analysis has not finished.');
      return response;
    },
  };
}

/** Starts the comparison of two validated worlds. */
export function startImpact(
  analysis: Analysis,
  before: AnalysisWorld,
  after: AnalysisWorld,
  request: ImpactRequest,
  clock: () => number,
): AnalysisJob<ImpactResponse> {
  const start = clock();
  let services: string[] | undefined;
  let reference: Awaited<ReturnType<typeof loadServiceReference>> | undefined;
  let result: ImpactResult | undefined;
  return {
    async prepare() {
      const index = await loadServiceIndex();
      services = analysis.impactServices(
        before,
        after,
        index.services.map(([prefix]) => prefix),
      );
      reference = await loadServiceReference(services);
    },
    step() {
      if (!reference || !services) throw new Error('The impact analysis was not prepared.');
      result = analysis.changeImpact(before, after, reference, { services });
      return true;
    },
    progress: () => progressOf(result ? 2 : 1),
    response() {
      if (!result) throw new Error('The impact analysis has not finished.');
      return {
        type: 'impact',
        revision: request.revision,
        result,
        elapsedMs: clock() - start,
      };
    },
  };
}
