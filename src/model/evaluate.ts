/**
 * Decides every request of a scenario with the engine: resolution, the instance-profile chain,
 * and the check of each request's `expect`.
 */
import {
  type Decision,
  type EvaluationInput,
  type EvaluationOptions,
  type EvaluationResult,
  type StepId,
  type Trace,
  type TraceStep,
  evaluate as engineEvaluate,
  TITLES,
} from '../engine/index.ts';
import type { ManagedPolicyCatalog } from '../data/managed-policies.ts';
import { resolveRequest } from './resolve.ts';
import type { ExpectedDecision, Scenario, ScenarioProblem } from './scenario-types.ts';

/** A step of the instance-profile chain, decided before the request itself. */
export interface ChainResult {
  title: string;
  decision: Decision;
  trace: Trace;
}

/** The outcome of one request of a scenario. */
export interface RequestResult {
  /** The request's `id`, or its 0-based index in `requests` when it has none. */
  id: string | number;
  decision: Decision;
  /** The request's `expect`, or null when it has none. */
  expect: ExpectedDecision | null;
  /** True when the decision meets `expect` (`denied` accepts either deny), or when there is no `expect`. */
  pass: boolean;
  trace: Trace;
  /** Steps decided first (the instance-profile chain), in order. */
  chain?: ChainResult[];
  /** Present when the request could not be resolved (invalid scenario or a missing catalog entry); the decision is then not meaningful. */
  problems?: ScenarioProblem[];
}

export interface EvaluateScenarioOptions {
  /** AWS managed policy documents by ARN (at least those the scenario references). */
  catalog: ManagedPolicyCatalog;
  /** The clock for aws:CurrentTime, aws:EpochTime and aws:TokenIssueTime (default: now). */
  now?: Date;
  /** The engine's evaluate (default: src/engine). Tests may pass another. */
  evaluate?: (input: EvaluationInput, options?: EvaluationOptions) => EvaluationResult;
  /** Called as each request starts (the command line's time limit names the request that ran too long). */
  onRequest?: (index: number) => void;
}

/** True when `decision` meets `expect`. */
export function meetsExpectation(decision: Decision, expect: ExpectedDecision | null): boolean {
  if (expect === null) return true;
  if (expect === 'denied') return decision !== 'allowed';
  return decision === expect;
}

/** A trace for a request the model decided without the engine (the chain stopped early). */
/** A trace of one step the model decided itself (mostly one of those before the engine's). */
function modelTrace(
  id: StepId,
  title: string,
  reason: string,
  toAllow: string[],
  notes: string[] = [],
): Trace {
  return {
    steps: [{ id, title, outcome: 'deny', explanation: reason, policies: [] }],
    decidingStep: id,
    summary: reason,
    toAllow,
    notes,
  };
}

function traceOf(result: EvaluationResult): Trace {
  return (
    result.trace ??
    modelTrace(
      'final',
      'Decision',
      `The engine decided ${result.decision} at step ${result.decidingStep}.`,
      [],
    )
  );
}

/** Decides every request of a valid scenario, in order. */
export function evaluateScenario(
  scenario: Scenario,
  options: EvaluateScenarioOptions,
): RequestResult[] {
  const evaluate = options.evaluate ?? engineEvaluate;
  const now = options.now ?? new Date();
  return (scenario.requests ?? []).map((request, index) => {
    options.onRequest?.(index);
    const id = typeof request.id === 'string' ? request.id : index;
    const expect = request.expect ?? null;
    const finish = (
      decision: Decision,
      trace: Trace,
      extra: Partial<RequestResult> = {},
    ): RequestResult => ({
      id,
      decision,
      expect,
      pass: meetsExpectation(decision, expect),
      trace,
      ...extra,
    });

    const resolved = resolveRequest(scenario, request, { catalog: options.catalog, now, index });
    if (!resolved.ok) {
      const reason = `This request could not be decided: ${resolved.problems.map((p) => p.message).join(' ')}`;
      // A request that fails authentication (an inactive or unknown key) is refused before any
      // policy is read: nothing is decided, and it meets only an expectation of "denied".
      const refused = resolved.problems.every((p) => p.code === 'authentication-failed');
      return {
        ...finish(
          'implicitDeny',
          refused
            ? modelTrace('authentication', TITLES.authentication, reason, [])
            : modelTrace('resolution', TITLES.resolution, reason, []),
        ),
        pass: refused && expect === 'denied',
        problems: resolved.problems,
      };
    }

    const chain: ChainResult[] = [];
    for (const step of resolved.chain) {
      const result = evaluate(step.input, { trace: true });
      chain.push({ title: step.title, decision: result.decision, trace: traceOf(result) });
      if (result.decision !== 'allowed') {
        // A hop of a multi-step request stops it with the hop's own decision and hints.
        if (step.stage !== undefined)
          return finish(
            result.decision,
            // The hop's own deciding step, so the flow lights where that call was stopped.
            modelTrace(result.decidingStep, step.stage, step.failure, result.trace?.toAllow ?? []),
            { chain },
          );
        return finish(
          'implicitDeny',
          modelTrace('instance-profile', 'Instance profile', step.failure, [
            `Let ec2.amazonaws.com perform sts:AssumeRole in the role's trust policy.`,
          ]),
          { chain },
        );
      }
    }
    if (!resolved.input) {
      const stop = resolved.stop ?? { reason: 'The request could not be reached.', toAllow: [] };
      const multi = Array.isArray(request.assume);
      return finish(
        'implicitDeny',
        modelTrace(
          multi ? 'resolution' : 'instance-profile',
          multi ? 'Multi-step request' : 'Instance profile',
          stop.reason,
          stop.toAllow,
        ),
        { chain },
      );
    }
    const result = evaluate(resolved.input, { trace: true });
    // The hops of a multi-step request are shown as the chain itself, not as a step of the trace.
    if (chain.length === 0 || Array.isArray(request.assume))
      return finish(result.decision, traceOf(result), chain.length > 0 ? { chain } : {});
    // The instance-profile chain held: its step leads the request's own, so the flow shows the request went through it.
    const trace = traceOf(result);
    const through: TraceStep = {
      id: 'instance-profile',
      title: TITLES['instance-profile'],
      outcome: 'pass',
      explanation: `${chain.map((c) => c.title).join('; ')}: allowed, so code on the instance has credentials.`,
      policies: [],
    };
    return finish(result.decision, { ...trace, steps: [through, ...trace.steps] }, { chain });
  });
}
