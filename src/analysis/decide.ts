/**
 * One cell, decided through the model's own path (`evaluateScenario`: resolution, the
 * instance-profile chain, then the engine) with the engine's untraced fast path, up to three
 * times (as the world gives it, and with the undetermined condition keys forced each way; see
 * conditional.ts).
 */
import { evaluate } from '../engine/index.ts';
import type {
  Decision,
  EvaluationInput,
  EvaluationOptions,
  EvaluationResult,
  StepId,
} from '../engine/index.ts';
import { evaluateScenario } from '../model/index.ts';
import { forceConditions, mayTurn, openKeys, type Mode } from './conditional.ts';
import type { AnalysisWorld, DenyLayer, Status } from './types.ts';

export interface Verdict {
  status: Status;
  decision: Decision;
  step: StepId;
  layer?: DenyLayer;
  keys?: string[];
}

/** The engine's evaluate, untraced, on the input as given or with its conditions forced. */
function fastEvaluate(mode: Mode | undefined, seen: { open: boolean; keys: Set<string> }) {
  return (input: EvaluationInput, _options?: EvaluationOptions): EvaluationResult => {
    if (mode === undefined && mayTurn(input)) {
      seen.open = true;
      for (const key of openKeys(input)) seen.keys.add(key);
    }
    const result = evaluate(mode === undefined ? input : forceConditions(input, mode), {
      trace: false,
    });
    // evaluateScenario reads the deciding step from the trace: give it one without the cost.
    return {
      ...result,
      trace: {
        steps: [],
        decidingStep: result.decidingStep,
        summary: '',
        toAllow: [],
        notes: [],
      },
    };
  };
}

/** Decides one request of the world, as `mode` says; the deciding step comes with it. */
export function decideRequest(
  world: AnalysisWorld,
  principal: string,
  action: string,
  resource: string,
  mode?: Mode,
  seen = { open: false, keys: new Set<string>() },
): { decision: Decision; step: StepId } {
  const scenario = { ...world.scenario, requests: [{ principal, action, resource }] };
  const [result] = evaluateScenario(scenario, {
    catalog: world.catalog,
    now: world.now ?? NOW,
    evaluate: fastEvaluate(mode, seen),
  });
  return { decision: result!.decision, step: result!.trace.decidingStep };
}

/** A fixed clock for one analysis run, so every cell reads the same aws:CurrentTime. */
const NOW = new Date();

/** The layer a denying step names, in the words of the issue. */
export function layerOf(step: StepId, action: string, resource: string): DenyLayer {
  switch (step) {
    case 'explicit-deny':
      return 'explicit deny';
    case 'scp':
      return 'SCP';
    case 'rcp':
      return 'RCP';
    case 'boundary':
      return 'boundary';
    case 'session-policy':
      return 'session policy';
    case 'instance-profile':
      return 'missing trust';
    case 'resource-policy':
      if (/^arn:aws[a-z-]*:iam::\d{12}:role\//.test(resource) && action.startsWith('sts:'))
        return 'missing trust';
      if (/^arn:aws[a-z-]*:kms:/.test(resource)) return 'key policy';
      return 'resource policy';
    case 'vpc-endpoint':
      return 'VPC endpoint policy';
    case 's3-public-access':
      return 'Block Public Access';
    case 'caller':
      return 'caller';
    case 'resolution':
    case 'authentication':
      return 'unresolved';
    default:
      return 'no allow';
  }
}

/** Decides one cell: allowed, conditional (with the keys) or denied (with the layer). */
export function decideCell(
  world: AnalysisWorld,
  principal: string,
  action: string,
  resource: string,
): { verdict: Verdict; decisions: number } {
  const seen = { open: false, keys: new Set<string>() };
  const base = decideRequest(world, principal, action, resource, undefined, seen);
  if (!seen.open)
    return { verdict: verdictOf(base, base, base, [], action, resource), decisions: 1 };
  const best = decideRequest(world, principal, action, resource, 'optimistic');
  const worst = decideRequest(world, principal, action, resource, 'pessimistic');
  const keys = [...seen.keys].sort((a, b) => a.localeCompare(b));
  return { verdict: verdictOf(base, best, worst, keys, action, resource), decisions: 3 };
}

type Decided = { decision: Decision; step: StepId };

/** Combines the three decisions of a cell (exported for the truth test's one-by-one reference). */
export function verdictOf(
  base: Decided,
  best: Decided,
  worst: Decided,
  keys: string[],
  action: string,
  resource: string,
): Verdict {
  const common = { decision: base.decision, step: base.step };
  if (worst.decision === 'allowed') return { status: 'allowed', ...common };
  if (best.decision !== 'allowed')
    return { status: 'denied', ...common, layer: layerOf(best.step, action, resource) };
  return { status: 'conditional', ...common, keys };
}
