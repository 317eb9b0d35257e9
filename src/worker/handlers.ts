/**
 * What the worker does for each request type. Plain async functions over plain data, so they
 * run the same in the worker and in unit tests (Node), with no worker globals.
 */
import type { ManagedPolicyCatalog } from '../data/managed-policies.ts';
import {
  loadManagedPolicyArns,
  loadManagedPolicyCatalog,
  managedPolicyNames,
  type ManagedPolicyNames,
} from '../data/managed-policies.ts';
import type { ServiceReference } from '../data/service-reference.ts';
import { evaluate as evaluateInput, type EvaluationInput } from '../engine/index.ts';
import {
  evaluateScenario,
  referencedManagedPolicies,
  validateScenarioAgainst,
  type RequestResult,
  type Scenario,
  parseJsonText,
  isRecord,
  MAX_WORLD_TEXT_LENGTH,
} from '../model/index.ts';
import type { AnalysisWorld } from '../analysis/index.ts';
import type { AccessJob, AnalysisJob } from './access.ts';
import type {
  AccessRequest,
  AccessTraceRequest,
  AccessTraceResponse,
  ActionDetails,
  ActionInfoRequest,
  ActionInfoResponse,
  CompleteActionsRequest,
  Completion,
  CompletionsResponse,
  DecideRequest,
  DecideResponse,
  EscalationRequest,
  EscalationResponse,
  EvaluateRequest,
  EvaluateResponse,
  ImpactRequest,
  ImpactResponse,
  ReadTextPart,
  ReadTextRequest,
  ReadTextResponse,
  RequestOutcome,
  ScenarioIssue,
  WorkerError,
  WorkerRequest,
  WorkerResponse,
} from './protocol.ts';
import { decideInWorld } from '../console/index.ts';
import { ScenarioMirror } from './mirror.ts';
import { sliceValue } from './slices.ts';

/**
 * AWS's service reference (findings, completions, action details) loads on first use: deciding
 * requests does not need it, and the first visit's JavaScript has a budget.
 */
const serviceReference = (): Promise<typeof import('../data/service-reference.ts')> =>
  import('../data/service-reference.ts');

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

/** The engine without its trace: the same decision, less work, for requests whose trace is not shown. */
const decideOnly = (input: EvaluationInput) => evaluateInput(input, { trace: false });

/** Decides the requests of one `decide` request, one at a time, so the worker can give way between them. */
export interface DecideJob {
  /** Decides the next request; resolves true when every request is decided. */
  step(): Promise<boolean>;
  /** The answer, once `step` resolved true. */
  response(): DecideResponse;
}

/** What the worker does for each request type. */
export interface Handlers {
  /**
   * Brings the worker's copy of the scenario up to an `evaluate` request. The worker calls it
   * as each request arrives, in order, even for requests it then skips as superseded.
   */
  accept(request: EvaluateRequest): WorkerError | null;
  /** Validates the copy and decides the request on screen, with its trace. */
  evaluate(request: EvaluateRequest): Promise<EvaluateResponse>;
  /** Starts deciding every request of the copy, step by step; an error when the copy is at another revision. */
  decide(request: DecideRequest): DecideJob | WorkerError;
  /**
   * Reads a scenario text (`read-text`): parses it, keeps the value for the evaluate naming its
   * token, and hands it to `onPart` in parts before answering.
   */
  readText(request: ReadTextRequest, onPart: (part: ReadTextPart) => void): ReadTextResponse;
  /**
   * Starts an access analysis of the copy (src/worker/access.ts, loaded on first use), run step
   * by step like `decide`; an error when the copy is at another revision.
   */
  access(request: AccessRequest): AccessJob | WorkerError;
  /** Starts an escalation or change-impact analysis (src/worker/escalation-jobs.ts), run like `access`. */
  analysis(
    request: EscalationRequest | ImpactRequest,
  ): AnalysisJob<EscalationResponse | ImpactResponse> | WorkerError;
  /** Answers one request in full (accepting an `evaluate` first). Rejects with a `WorkerError` for a request that cannot be answered. */
  handle(request: WorkerRequest): Promise<WorkerResponse>;
}

/** Thrown (and only inside the worker) when a request cannot be answered; the worker sends it as data. */
export class WorkerFailure extends Error {
  constructor(readonly failure: WorkerError) {
    super(failure.message);
  }
}

export function createHandlers(deps: Partial<HandlerDeps> = {}): Handlers {
  const d: HandlerDeps = { ...defaults, ...deps };
  const mirror = new ScenarioMirror();
  const handlers: Handlers = {
    accept: (request) => mirror.apply(request),
    evaluate: (request) => evaluate(mirror.scenario, request, d),
    decide(request) {
      if (request.revision !== mirror.revision) {
        return {
          code: 'out-of-sync',
          message: `The worker holds revision ${mirror.revision}, not ${request.revision}.`,
        };
      }
      return startDecide(mirror.scenario, request.revision, d);
    },
    access(request) {
      if (request.revision !== mirror.revision) return outOfSync(mirror.revision, request.revision);
      return startAccessJob(mirror.scenario, request, d);
    },
    analysis(request) {
      if (request.revision !== mirror.revision) return outOfSync(mirror.revision, request.revision);
      return startAnalysisJob(mirror.scenario, request, d);
    },
    readText(request, onPart) {
      // A whole world (an imported account runs to megabytes): the editor's 5 MB is not its limit.
      const parsed = parseJsonText(request.text, { maxLength: MAX_WORLD_TEXT_LENGTH });
      if (!parsed.ok || !isRecord(parsed.value)) {
        const problem = parsed.ok
          ? 'It is JSON but not an object; a scenario is one JSON object ({ … }).'
          : `${parsed.error.message}.`;
        return { type: 'read-text', token: request.token, parts: 0, problem };
      }
      mirror.hold(request.token, parsed.value);
      const parts = sliceValue(parsed.value);
      parts.forEach((entries, index) => onPart({ index, total: parts.length, entries }));
      return { type: 'read-text', token: request.token, parts: parts.length };
    },
    async handle(request) {
      switch (request.type) {
        case 'read-text':
          return handlers.readText(request, () => {});
        case 'evaluate': {
          const problem = handlers.accept(request);
          if (problem) throw new WorkerFailure(problem);
          return handlers.evaluate(request);
        }
        case 'decide': {
          const job = handlers.decide(request);
          if ('code' in job) throw new WorkerFailure(job);
          return runToEnd(job);
        }
        case 'access':
        case 'escalation':
        case 'impact': {
          const job =
            request.type === 'access' ? handlers.access(request) : handlers.analysis(request);
          if ('code' in job) throw new WorkerFailure(job);
          await job.prepare();
          while (!job.step()) {
            // one slice per step
          }
          return job.response();
        }
        case 'access-cancel':
          return { type: 'access-cancel', cancelled: false }; // the worker itself stops a running analysis
        case 'access-trace':
          if (request.revision !== mirror.revision)
            throw new WorkerFailure(outOfSync(mirror.revision, request.revision));
          return accessTrace(mirror.scenario, request, d);
        case 'complete-actions':
          return completeActions(request);
        case 'action-info':
          return actionInfo(request);
        case 'managed-policies':
          return { type: 'managed-policies', arns: [...(await loadManagedPolicyArns())] };
        case 'managed-policy': {
          const catalog = await loadManagedPolicyCatalog();
          return {
            type: 'managed-policy',
            arn: request.arn,
            document: catalog.get(request.arn) ?? null,
          };
        }
        case 'console-decide': {
          // The catalog only when the world names an AWS managed policy, as for `evaluate`.
          const catalog = await catalogFor(request.scenario, d);
          const scenario = request.scenario as Scenario;
          return {
            type: 'console-decide',
            outcome: decideInWorld(scenario, request.request, catalog, d.now()),
          };
        }
        case 'console-evaluate':
          return { type: 'console-evaluate', result: evaluateInput(request.input) };
        case 'console-check-policy': {
          const [{ checkPolicy }, { loadReferenceFor }] = await Promise.all([
            import('../findings/index.ts'),
            serviceReference(),
          ]);
          const reference = await loadReferenceFor([request.document]);
          return {
            type: 'console-check-policy',
            findings: checkPolicy(request.document, request.kind, reference),
          };
        }
        case 'findings': {
          if (request.revision !== mirror.revision) {
            throw new WorkerFailure({
              code: 'out-of-sync',
              message: `The worker holds revision ${mirror.revision}, not ${request.revision}.`,
            });
          }
          const scenario = mirror.scenario;
          // The checks load on first use: they are not needed to show the first decisions.
          const { checkScenario, needsManagedPolicies } = await import('../findings/index.ts');
          // A customer managed policy that repeats an AWS managed one needs every AWS document.
          const managedPolicies = needsManagedPolicies(scenario)
            ? await d.loadCatalog().catch(() => undefined)
            : undefined;
          const { loadReferenceFor } = await serviceReference();
          const findings = checkScenario(scenario, await loadReferenceFor(scenario), undefined, {
            now: d.now(),
            ...(managedPolicies ? { managedPolicies } : {}),
          });
          return { type: 'findings', revision: request.revision, findings };
        }
      }
    },
  };
  return handlers;
}

async function runToEnd(job: DecideJob): Promise<DecideResponse> {
  while (!(await job.step())) {
    // each step decides one request
  }
  return job.response();
}

function outOfSync(holds: number, asked: number): WorkerError {
  return { code: 'out-of-sync', message: `The worker holds revision ${holds}, not ${asked}.` };
}

/** A valid world for an analysis; `which` names the scenario in the message when it is not. */
async function analysisWorld(
  scenario: unknown,
  d: HandlerDeps,
  which = 'the scenario',
): Promise<AnalysisWorld> {
  const catalog = await catalogFor(scenario, d);
  const error = validate(scenario, catalog).find((i) => i.severity === 'error');
  if (error || !isRecord(scenario))
    throw new WorkerFailure({
      code: 'bad-request',
      message: `Fix ${which}'s errors first: the analysis needs a valid world (${error?.message ?? 'not a scenario'}).`,
    });
  return { scenario: scenario as unknown as Scenario, catalog, now: d.now() };
}

/** A job whose start (validating, loading the analysis) happens in its `prepare`. */
function lazyJob<R>(start: () => Promise<AnalysisJob<R>>): AnalysisJob<R> {
  let job: AnalysisJob<R> | undefined;
  return {
    async prepare() {
      job = await start();
      await job.prepare();
    },
    step() {
      if (!job) throw new Error('The analysis was not prepared.');
      return job.step();
    },
    progress: () => job?.progress() ?? null,
    response: () => job!.response(),
  };
}

/**
 * An access analysis of a valid scenario: the first step validates it and loads the analysis;
 * a principal or resource the world does not have, or an invalid scenario, fails as
 * `bad-request` with the reason.
 */
function startAccessJob(scenario: unknown, request: AccessRequest, d: HandlerDeps): AccessJob {
  return lazyJob(async () => {
    const world = await analysisWorld(scenario, d);
    const { startAccess } = await import('./access.ts');
    const { AnalysisInputError } = await import('../analysis/index.ts');
    try {
      return startAccess(world, request, d.clock);
    } catch (e) {
      if (e instanceof AnalysisInputError)
        throw new WorkerFailure({ code: 'bad-request', message: e.message });
      throw e;
    }
  });
}

/** An escalation or impact analysis (escalation-jobs.ts), started once its module is loaded. */
function startAnalysisJob(
  scenario: unknown,
  request: EscalationRequest | ImpactRequest,
  d: HandlerDeps,
): AnalysisJob<EscalationResponse | ImpactResponse> {
  return lazyJob(async () =>
    (await import('./escalation-jobs.ts')).startAnalysis(
      await import('../analysis/index.ts'),
      scenario,
      request,
      {
        world: (value, which) => analysisWorld(value, d, which),
        refuse: (message) => new WorkerFailure({ code: 'bad-request', message }),
        clock: d.clock,
      },
    ),
  );
}

/** One cell of an analysis decided as a request of its own, with its trace. */
async function accessTrace(
  scenario: unknown,
  request: AccessTraceRequest,
  d: HandlerDeps,
): Promise<AccessTraceResponse> {
  const { principal, action, resource, context, revision } = request;
  const one = isRecord(scenario)
    ? { ...scenario, requests: [{ principal, action, resource, ...(context ? { context } : {}) }] }
    : {};
  const catalog = await catalogFor(scenario, d);
  const { outcome, result } = decideOne(one, 0, { catalog, now: d.now(), withTrace: true });
  return {
    type: 'access-trace',
    revision,
    outcome,
    trace: result && outcome.decision ? result.trace : null,
    chain: (result?.chain ?? []).map((c) => ({
      title: c.title,
      decision: c.decision,
      trace: c.trace,
    })),
  };
}

/** The scenario's requests, read defensively. */
function requestsOf(scenario: unknown): unknown[] {
  return isRecord(scenario) && Array.isArray(scenario['requests'])
    ? (scenario['requests'] as unknown[])
    : [];
}

/** Whether validation found the scenario unreadable as a whole (not an object, or a newer format version). */
function unreadable(scenario: unknown, issues: readonly ScenarioIssue[]): boolean {
  return (
    !isRecord(scenario) ||
    issues.some((i) => i.code === 'unsupported-version' || i.code === 'wrong-type')
  );
}

const names = new WeakMap<ManagedPolicyCatalog, ManagedPolicyNames>();

/**
 * Validates against the catalog loaded for the scenario (`catalogFor`): it holds every AWS
 * managed policy, and a world that names none never asks, so the worker need not load the
 * list of names on a first visit.
 */
function validate(scenario: unknown, catalog: ManagedPolicyCatalog): ScenarioIssue[] {
  const kept = isRecord(scenario) ? validated.get(scenario) : undefined;
  if (kept?.catalog === catalog) return kept.issues;
  let known = names.get(catalog);
  if (!known) names.set(catalog, (known = managedPolicyNames(catalog.keys())));
  const issues = validateScenarioAgainst(scenario, known).map(
    ({ code, severity, message, path }) => ({ code, severity, message, path }),
  );
  if (isRecord(scenario)) validated.set(scenario, { catalog, issues });
  return issues;
}

/**
 * The last validation of each scenario value: the worker's copy is replaced (never changed) by
 * each edit, and its trace and then its decisions are asked of the same copy, so a world of
 * thousands of policies is validated once per keystroke, not twice. Shared: not to be changed.
 */
const validated = new WeakMap<object, { catalog: ManagedPolicyCatalog; issues: ScenarioIssue[] }>();
/** Whether a scenario value names AWS managed policies (a walk over the whole world), by value. */
const namesManaged = new WeakMap<object, boolean>();

/**
 * The problems of a scenario's `exercise` (teachers' authoring data), loaded only when a
 * scenario has one, so the first visit does not pay for them.
 */
async function exerciseIssues(scenario: unknown): Promise<ScenarioIssue[]> {
  if (!isRecord(scenario) || !Object.hasOwn(scenario, 'exercise')) return [];
  const { exerciseProblems } = await import('../model/exercise.ts');
  return exerciseProblems(scenario).map(({ code, severity, message, path }) => ({
    code,
    severity,
    message,
    path,
  }));
}

async function catalogFor(scenario: unknown, d: HandlerDeps): Promise<ManagedPolicyCatalog> {
  let named = isRecord(scenario) ? namesManaged.get(scenario) : undefined;
  if (named === undefined) {
    named = referencedManagedPolicies(scenario).length > 0;
    if (isRecord(scenario)) namesManaged.set(scenario, named);
  }
  return named ? d.loadCatalog() : EMPTY_CATALOG;
}

/** Decides one request of the scenario; a request the model cannot read says why instead of throwing. */
function decideOne(
  scenario: Record<string, unknown>,
  index: number,
  context: { catalog: ManagedPolicyCatalog; now: Date; withTrace: boolean },
): { outcome: RequestOutcome; result?: RequestResult } {
  const entry = requestsOf(scenario)[index];
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
    const options = { catalog: context.catalog, now: context.now };
    result = evaluateScenario(
      one,
      context.withTrace ? options : { ...options, evaluate: decideOnly },
    )[0];
  } catch (error) {
    return {
      outcome: {
        ...base,
        problem: describeFailure(error, validate(scenario, context.catalog), index),
      },
    };
  }
  if (!result) return { outcome: { ...base, problem: 'The request was not evaluated.' } };
  if (result.problems && result.problems.length > 0) {
    return { outcome: { ...base, problem: result.problems.map((p) => p.message).join(' ') } };
  }
  const outcome: RequestOutcome = { ...base, decision: result.decision };
  if (base.expect) outcome.pass = result.pass;
  return { outcome, result };
}

/** Validates the scenario and decides one request with its trace. */
async function evaluate(
  scenario: unknown,
  request: EvaluateRequest,
  d: HandlerDeps,
): Promise<EvaluateResponse> {
  const start = d.clock();
  const { traceFor, revision } = request;
  const catalog = await catalogFor(scenario, d);
  const issues = [...validate(scenario, catalog), ...(await exerciseIssues(scenario))];
  const answer = (
    partial: Pick<EvaluateResponse, 'outcome' | 'trace' | 'chain'>,
  ): EvaluateResponse => ({
    type: 'evaluate',
    revision,
    issues,
    ...partial,
    elapsedMs: d.clock() - start,
  });
  const count = requestsOf(scenario).length;
  if (unreadable(scenario, issues) || traceFor === null || traceFor < 0 || traceFor >= count) {
    return answer({ outcome: null, trace: null, chain: [] });
  }
  const { outcome, result } = decideOne(scenario as Record<string, unknown>, traceFor, {
    catalog,
    now: d.now(),
    withTrace: true,
  });
  const chain = (result?.chain ?? []).map((c) => ({
    title: c.title,
    decision: c.decision,
    trace: c.trace,
  }));
  return answer({ outcome, trace: result && outcome.decision ? result.trace : null, chain });
}

function startDecide(scenario: unknown, revision: number, d: HandlerDeps): DecideJob {
  const start = d.clock();
  const outcomes: RequestOutcome[] = [];
  const count = requestsOf(scenario).length;
  let context: { catalog: ManagedPolicyCatalog; now: Date; withTrace: boolean } | undefined;
  let done = false;
  return {
    async step() {
      if (done) return true;
      if (!context) {
        const catalog = await catalogFor(scenario, d);
        if (unreadable(scenario, validate(scenario, catalog))) {
          done = true;
          return true;
        }
        context = { catalog, now: d.now(), withTrace: false };
      }
      if (outcomes.length < count)
        outcomes.push(
          decideOne(scenario as Record<string, unknown>, outcomes.length, context).outcome,
        );
      done = outcomes.length >= count;
      return done;
    },
    response: () => ({ type: 'decide', revision, outcomes, elapsedMs: d.clock() - start }),
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
  const { loadServiceIndex, loadServiceReference, splitAction } = await serviceReference();
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
  const { loadServiceReference, splitAction } = await serviceReference();
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
