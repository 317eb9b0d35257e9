/**
 * Deciding whole scenario requests (with `context`) the way the analysis decides a cell:
 * through the model's own path (`evaluateScenario`) with the engine's untraced fast path, as
 * the world gives the request, and, when a policy tests a key the request leaves open, again
 * with those conditions forced each way (conditional.ts). The escalation graph and the change
 * impact use it for requests a cell cannot express, such as `iam:PassRole` with
 * `iam:PassedToService`.
 */
import { evaluate } from '../engine/index.ts';
import type { EvaluationInput, EvaluationResult, PolicyKind } from '../engine/index.ts';
import { evaluateScenario, type ScenarioRequest } from '../model/index.ts';
import { forceConditions, hasUndetermined, openKeys, type Mode } from './conditional.ts';
import { decided, denyKindOf, verdictOf, type Verdict } from './decide.ts';
import type { AnalysisWorld } from './types.ts';

/** A request of the world and its verdict: allowed, conditional (with keys) or denied (with layer). */
export interface RequestVerdict extends Verdict {
  request: ScenarioRequest;
}

const NOW = new Date();

/** Decides each request once, in `mode`; `open[i]` collects the undetermined keys of request i. */
function decideAll(
  world: AnalysisWorld,
  requests: ScenarioRequest[],
  mode: Mode | undefined,
  open: Set<string>[],
) {
  let index = 0;
  // The kind of policy whose Deny decided, per request (for the layer an explicit deny names).
  const denyKinds: (PolicyKind | undefined)[] = [];
  return evaluateScenario(
    { ...world.scenario, requests },
    {
      catalog: world.catalog,
      now: world.now ?? NOW,
      onRequest: (i) => (index = i),
      evaluate: (input: EvaluationInput): EvaluationResult => {
        if (mode === undefined && hasUndetermined(input))
          for (const key of openKeys(input)) open[index]!.add(key);
        const given = mode === undefined ? input : forceConditions(input, mode);
        const result = evaluate(given, { trace: false });
        denyKinds[index] = result.decidingStep === 'explicit-deny' ? denyKindOf(given) : undefined;
        // evaluateScenario reads the deciding step from the trace: give it one without the cost.
        const trace = { steps: [], decidingStep: result.decidingStep, summary: '', toAllow: [] };
        return { ...result, trace: { ...trace, notes: [] } };
      },
    },
  ).map((r, i) => decided(r.decision, r.trace.decidingStep, denyKinds[i]));
}

/** The verdict of each request, in order. */
export function decideRequests(
  world: AnalysisWorld,
  requests: ScenarioRequest[],
): RequestVerdict[] {
  const open = requests.map(() => new Set<string>());
  const base = decideAll(world, requests, undefined, open);
  const reopened = requests.flatMap((r, i) => (open[i]!.size > 0 ? [i] : []));
  const position = new Map(reopened.map((i, at) => [i, at]));
  const again = reopened.map((i) => requests[i]!);
  const best = decideAll(world, again, 'optimistic', []);
  const worst = decideAll(world, again, 'pessimistic', []);
  return requests.map((request, i) => {
    const at = position.get(i) ?? -1;
    const keys = [...open[i]!].sort((a, b) => a.localeCompare(b));
    const verdict = verdictOf(
      base[i]!,
      at < 0 ? base[i]! : best[at]!,
      at < 0 ? base[i]! : worst[at]!,
      keys,
      request.action,
      request.resource,
    );
    return { request, ...verdict };
  });
}
