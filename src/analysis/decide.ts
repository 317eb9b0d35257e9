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
  PolicyKind,
  StepId,
} from '../engine/index.ts';
import { evaluateScenario } from '../model/index.ts';
import { forceConditions, mayTurn, openKeys, type Mode } from './conditional.ts';
import type { AnalysisWorld, DenyLayer, Status } from './types.ts';

/** A request's decision, its deciding step and, for an explicit deny, the kind of policy whose Deny decided. */
export interface Decided {
  decision: Decision;
  step: StepId;
  /** For step `explicit-deny`: the kind of the first policy whose Deny applied (`rcp`, `scp`, `identity`, …). */
  denyKind?: PolicyKind;
}

export interface Verdict {
  status: Status;
  decision: Decision;
  step: StepId;
  layer?: DenyLayer;
  keys?: string[];
}

/** The engine's evaluate, untraced, on the input as given or with its conditions forced. */
function fastEvaluate(mode: Mode | undefined, seen: Seen) {
  return (input: EvaluationInput, _options?: EvaluationOptions): EvaluationResult => {
    if (mode === undefined && mayTurn(input)) {
      seen.open = true;
      for (const key of openKeys(input)) seen.keys.add(key);
    }
    const given = mode === undefined ? input : forceConditions(input, mode);
    const result = evaluate(given, { trace: false });
    seen.denyKind = result.decidingStep === 'explicit-deny' ? denyKindOf(given) : undefined;
    seen.calls++;
    seen.input = input;
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

/** What deciding a request noticed: open condition keys, and the kind of policy that denied. */
interface Seen {
  open: boolean;
  keys: Set<string>;
  denyKind?: PolicyKind | undefined;
  /** How many engine inputs the request took (more than one: an instance profile's chain). */
  calls: number;
  /** The last engine input of the request. */
  input?: EvaluationInput;
}

const unseen = (): Seen => ({ open: false, keys: new Set<string>(), calls: 0 });

/**
 * The kind of the first policy whose Deny applies to an input the engine denied explicitly:
 * decided again with its trace (explicit denies are few among the analysis's requests), whose
 * explicit-deny step lists the applying Denies in the engine's order (RCPs, SCPs, then the rest).
 */
export function denyKindOf(input: EvaluationInput): PolicyKind | undefined {
  return denyKindOfResult(evaluate(input));
}

/** The kind of the first applying Deny named by a traced result's explicit-deny step. */
export function denyKindOfResult(result: EvaluationResult): PolicyKind | undefined {
  const step = result.trace?.steps.find((s) => s.id === 'explicit-deny');
  return step?.reason?.code === 'explicit-deny' ? step.reason.denies[0]?.kind : undefined;
}

/** Decides one request of the world, as `mode` says; the deciding step comes with it. */
export function decideRequest(
  world: AnalysisWorld,
  principal: string,
  action: string,
  resource: string,
  mode?: Mode,
  seen: Seen = unseen(),
): Decided {
  const scenario = { ...world.scenario, requests: [{ principal, action, resource }] };
  const [result] = evaluateScenario(scenario, {
    catalog: world.catalog,
    now: world.now ?? NOW,
    evaluate: fastEvaluate(mode, seen),
  });
  return decided(result!.decision, result!.trace.decidingStep, seen.denyKind);
}

/** One engine input decided untraced, as evaluateScenario decides a request that is that input alone. */
function decidedInput(input: EvaluationInput): Decided {
  const result = evaluate(input, { trace: false });
  return decided(
    result.decision,
    result.decidingStep,
    result.decidingStep === 'explicit-deny' ? denyKindOf(input) : undefined,
  );
}

/** A Decided, with the deny's policy kind only where the deciding step is the explicit deny. */
export function decided(decision: Decision, step: StepId, denyKind?: PolicyKind): Decided {
  return step === 'explicit-deny' && denyKind !== undefined
    ? { decision, step, denyKind }
    : { decision, step };
}

/** A fixed clock for one analysis run, so every cell reads the same aws:CurrentTime. */
const NOW = new Date();

/**
 * The layer a denying step names, in the words of the issue. An explicit deny is named by the
 * layer of the policy whose Deny decided (`denyKind`): an RCP's or an SCP's Deny is that layer.
 */
export function layerOf(
  step: StepId,
  action: string,
  resource: string,
  denyKind?: PolicyKind,
): DenyLayer {
  switch (step) {
    case 'explicit-deny':
      return denyKind === 'rcp' ? 'RCP' : denyKind === 'scp' ? 'SCP' : 'explicit deny';
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
  const seen = unseen();
  const base = decideRequest(world, principal, action, resource, undefined, seen);
  if (!seen.open)
    return { verdict: verdictOf(base, base, base, [], action, resource), decisions: 1 };
  // A request the model hands to the engine as one input is decided by that input alone: force
  // its conditions each way without resolving the request again. An instance profile's request
  // is a chain (EC2 assumes the role first, and the chain can stop the request): decided again.
  const single = seen.calls === 1 && !principal.includes(':instance-profile/');
  const forced = (mode: Mode): Decided =>
    single && seen.input
      ? decidedInput(forceConditions(seen.input, mode))
      : decideRequest(world, principal, action, resource, mode);
  const keys = [...seen.keys].sort((a, b) => a.localeCompare(b));
  // Allowed even at worst: the best case cannot change the verdict (verdictOf reads it only
  // when the worst is not allowed), so it is not decided.
  const worst = forced('pessimistic');
  if (worst.decision === 'allowed')
    return { verdict: verdictOf(base, worst, worst, keys, action, resource), decisions: 2 };
  const best = forced('optimistic');
  return { verdict: verdictOf(base, best, worst, keys, action, resource), decisions: 3 };
}

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
    return {
      status: 'denied',
      ...common,
      layer: layerOf(best.step, action, resource, best.denyKind),
    };
  return { status: 'conditional', ...common, keys };
}
