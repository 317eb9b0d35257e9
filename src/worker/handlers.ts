/**
 * What the worker does for each request type. Plain async functions over plain data, so they
 * run the same in the worker and in unit tests (Node), with no worker globals.
 */
import type { ManagedPolicyCatalog } from '../data/managed-policies.ts';
import { loadManagedPolicyCatalog, managedPolicyArns } from '../data/managed-policies.ts';
import {
  loadServiceIndex,
  loadServiceReference,
  splitAction,
  type ServiceReference,
} from '../data/service-reference.ts';
import {
  evaluateScenario,
  referencedManagedPolicies,
  validateScenario,
  type RequestResult,
  type Scenario,
} from '../model/index.ts';
import type {
  ActionDetails,
  ActionInfoRequest,
  ActionInfoResponse,
  CompleteActionsRequest,
  Completion,
  CompletionsResponse,
  EvaluateRequest,
  EvaluateResponse,
  RequestOutcome,
  ScenarioIssue,
  WorkerRequest,
  WorkerResponse,
} from './protocol.ts';

/** What the handlers depend on; tests replace the slow or variable parts. */
export interface HandlerDeps {
  loadCatalog: () => Promise<ManagedPolicyCatalog>;
  now: () => Date;
  clock: () => number;
}

const defaults: HandlerDeps = {
  loadCatalog: loadManagedPolicyCatalog,
  now: () => new Date(),
  clock: () => performance.now(),
};

const EMPTY_CATALOG: ManagedPolicyCatalog = new Map();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Answers one request. Throws only on a programming error; the worker turns that into a `WorkerError`. */
export function createHandler(
  deps: Partial<HandlerDeps> = {},
): (request: WorkerRequest) => Promise<WorkerResponse> {
  const d: HandlerDeps = { ...defaults, ...deps };
  return (request) => {
    switch (request.type) {
      case 'evaluate':
        return evaluate(request, d);
      case 'complete-actions':
        return completeActions(request);
      case 'action-info':
        return actionInfo(request);
      case 'managed-policies':
        return Promise.resolve({ type: 'managed-policies', arns: [...managedPolicyArns()] });
    }
  };
}

/** Validates the scenario and decides each request; a request that cannot be decided says why. */
async function evaluate(request: EvaluateRequest, d: HandlerDeps): Promise<EvaluateResponse> {
  const start = d.clock();
  const { scenario, traceFor, revision } = request;
  const issues: ScenarioIssue[] = validateScenario(scenario).map(
    ({ code, severity, message, path }) => ({
      code,
      severity,
      message,
      path,
    }),
  );
  const unreadable =
    issues.some((i) => i.code === 'unsupported-version' || i.code === 'wrong-type') ||
    !isRecord(scenario);
  const requests =
    isRecord(scenario) && Array.isArray(scenario['requests'])
      ? (scenario['requests'] as unknown[])
      : [];
  if (unreadable)
    return {
      type: 'evaluate',
      revision,
      issues,
      outcomes: [],
      trace: null,
      chain: [],
      elapsedMs: d.clock() - start,
    };

  const catalog =
    referencedManagedPolicies(scenario).length > 0 ? await d.loadCatalog() : EMPTY_CATALOG;
  const now = d.now();
  const outcomes: RequestOutcome[] = [];
  let trace: EvaluateResponse['trace'] = null;
  let chain: EvaluateResponse['chain'] = [];
  requests.forEach((entry, index) => {
    const id = isRecord(entry) && typeof entry['id'] === 'string' ? entry['id'] : String(index + 1);
    const expect = isRecord(entry) ? entry['expect'] : undefined;
    const base: RequestOutcome = { index, id, decision: null };
    if (
      expect === 'allowed' ||
      expect === 'explicitDeny' ||
      expect === 'implicitDeny' ||
      expect === 'denied'
    )
      base.expect = expect;
    let result: RequestResult | undefined;
    try {
      // One request at a time, so a request the model cannot read does not stop the others.
      const one = { ...scenario, requests: [entry] } as unknown as Scenario;
      result = evaluateScenario(one, { catalog, now })[0];
    } catch (error) {
      outcomes.push({ ...base, problem: describeFailure(error, issues, index) });
      return;
    }
    if (!result) {
      outcomes.push({ ...base, problem: 'The request was not evaluated.' });
      return;
    }
    if (result.problems && result.problems.length > 0) {
      outcomes.push({ ...base, problem: result.problems.map((p) => p.message).join(' ') });
      return;
    }
    const outcome: RequestOutcome = { ...base, decision: result.decision };
    if (base.expect) outcome.pass = result.pass;
    outcomes.push(outcome);
    if (index === traceFor) {
      trace = result.trace;
      chain = (result.chain ?? []).map((c) => ({
        title: c.title,
        decision: c.decision,
        trace: c.trace,
      }));
    }
  });
  return {
    type: 'evaluate',
    revision,
    issues,
    outcomes,
    trace,
    chain,
    elapsedMs: d.clock() - start,
  };
}

/** A request the model could not evaluate: point at the scenario's errors when there are any. */
function describeFailure(error: unknown, issues: ScenarioIssue[], index: number): string {
  const own = issues.find(
    (i) => i.severity === 'error' && i.path[0] === 'requests' && i.path[1] === index,
  );
  if (own) return own.message;
  const first = issues.find((i) => i.severity === 'error');
  if (first) return `The scenario has errors to fix first: ${first.message}`;
  return `This request could not be evaluated: ${error instanceof Error ? error.message : String(error)}`;
}

const DEFAULT_LIMIT = 80;

/** Service prefixes (before a colon) or actions of one service (after it) that start with `prefix`. */
async function completeActions(request: CompleteActionsRequest): Promise<CompletionsResponse> {
  const limit = request.limit ?? DEFAULT_LIMIT;
  const [service, name] = splitAction(request.prefix.trim());
  const index = await loadServiceIndex();
  if (name === undefined) {
    const typed = service.toLowerCase();
    const items: Completion[] = index.services
      .filter(([prefix]) => prefix.startsWith(typed))
      .slice(0, limit)
      .map(([prefix, title]) => ({ label: `${prefix}:`, detail: title }));
    return { type: 'completions', items };
  }
  const reference = await loadServiceReference([service.toLowerCase()]);
  const info = reference.service(service);
  if (!info) return { type: 'completions', items: [] };
  const typed = name.toLowerCase();
  const items = info.actions
    .filter((a) => a.name.toLowerCase().startsWith(typed))
    .slice(0, limit)
    .map((a) => ({ label: `${info.prefix}:${a.name}`, detail: a.access }));
  return { type: 'completions', items };
}

/** ARN templates and condition keys of some actions, from the service reference. */
async function actionInfo(request: ActionInfoRequest): Promise<ActionInfoResponse> {
  const prefixes = request.actions
    .map((a) => splitAction(a)[0].toLowerCase())
    .filter((p) => p !== '');
  const reference = await loadServiceReference(prefixes);
  const globalKeys = reference.globalConditionKeys.map((k) => ({ label: k.key, detail: k.type }));
  return {
    type: 'action-info',
    actions: request.actions.map((a) => describeAction(reference, a)),
    globalKeys,
  };
}

function describeAction(reference: ServiceReference, action: string): ActionDetails {
  const info = reference.action(action);
  if (!info) return { action, known: false, arnTemplates: [], conditionKeys: [] };
  const keys = new Set<string>(info.conditionKeys);
  for (const t of info.resourceTypes) for (const k of t.conditionKeys) keys.add(k);
  const conditionKeys = [...keys].map((key) => {
    const type = reference.findConditionKey(key)?.type;
    return type ? { label: key, detail: type } : { label: key };
  });
  return {
    action: `${info.service}:${info.name}`,
    known: true,
    access: info.access,
    arnTemplates: [...new Set(info.resourceTypes.flatMap((t) => t.arnTemplate ?? []))],
    conditionKeys,
  };
}
