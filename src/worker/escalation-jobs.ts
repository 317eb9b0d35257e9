/**
 * The escalation and change-impact analyses the worker runs for the Access drawer's "Who can
 * become admin?" and "What changed?" views (issue 18), step by step like the access analyses
 * (access.ts), so a newer evaluate, a heartbeat or a cancel is answered between steps. Loaded
 * on first use: the analysis is not first-visit code.
 *
 * - escalation: step 1 builds the world's escalation graph (kept while the worker's copy of the
 *   scenario stays the same object, so picking another target only walks the paths), step 2
 *   finds the shortest paths to the target;
 * - impact: step 1 works out which services the edit can touch and loads their reference,
 *   step 2 compares the two worlds (`changeImpact`).
 */
import {
  changeImpact,
  escalationGraph,
  escalationPaths,
  impactServices,
  type AnalysisWorld,
  type EscalationGraph,
  type ImpactResult,
} from '../analysis/index.ts';
import { loadServiceIndex, loadServiceReference } from '../data/service-reference.ts';
import type { AnalysisJob } from './access.ts';
import type {
  AccessProgress,
  EscalationRequest,
  EscalationResponse,
  ImpactRequest,
  ImpactResponse,
} from './protocol.ts';

/** A target the world does not have: the request is refused with this message. */
export class TargetError extends Error {}

/** The last graph built, and the scenario object it was built from. */
let kept: { scenario: unknown; graph: EscalationGraph } | null = null;

const progressOf = (done: number): AccessProgress => ({ done, total: 2, unit: 'steps' });

/** Starts "who can reach the target" over a validated world. */
export function startEscalation(
  world: AnalysisWorld,
  request: EscalationRequest,
  clock: () => number,
): AnalysisJob<EscalationResponse> {
  const start = clock();
  const { target, revision } = request;
  let graph = kept?.scenario === world.scenario ? kept.graph : null;
  let response: EscalationResponse | undefined;
  return {
    async prepare() {},
    step() {
      if (!graph) {
        graph = escalationGraph(world);
        kept = { scenario: world.scenario, graph };
        return false;
      }
      if (target.kind === 'principal' && !graph.nodes.some((n) => n.id === target.principal))
        throw new TargetError(
          `${target.principal} is not a principal of this world (its users, roles, instance profiles and the identity providers and services its trust policies name).`,
        );
      const report = escalationPaths(world, graph, target);
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
      services = impactServices(
        before,
        after,
        index.services.map(([prefix]) => prefix),
      );
      reference = await loadServiceReference(services);
    },
    step() {
      if (!reference || !services) throw new Error('The impact analysis was not prepared.');
      result = changeImpact(before, after, reference, { services });
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
