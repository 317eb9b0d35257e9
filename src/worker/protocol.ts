/**
 * Every message between the playground and its Web Worker, typed once for both sides.
 *
 * The UI imports these types to send, the worker imports them to answer: no cast on either
 * side, so the declared messages cannot drift from the real ones. Everything is plain data
 * (structured-clonable); errors travel as data too (`WorkerError`), never as thrown objects.
 */
import type { DecisionOutcome, DecisionRequest } from '../console/index.ts';
import type {
  Decision,
  EvaluationInput,
  EvaluationResult,
  Json,
  JsonPath,
  SourceRange,
  Trace,
} from '../engine/index.ts';
import type { Finding } from '../findings/index.ts';
import type {
  OutsideCaller,
  EscalationGraph,
  EscalationReport,
  EscalationTarget,
  ImpactResult,
} from '../analysis/index.ts';
import type { SliceEntry } from './slices.ts';

/** A problem found while reading the scenario, located by its JSON path in the scenario. */
export interface ScenarioIssue {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** JSON path in the scenario (the UI maps it to a position in whichever editor shows it). */
  path: JsonPath;
  /** Position in the scenario text the worker was given, if any. */
  range?: SourceRange;
}

/** What a request may expect, as the scenario format spells it. */
export type Expectation = 'allowed' | 'explicitDeny' | 'implicitDeny' | 'denied';

/** One request's outcome. `decision` is null when the request could not be decided (see `problem`). */
export interface RequestOutcome {
  index: number;
  id: string;
  decision: Decision | null;
  expect?: Expectation;
  /** Whether the expectation is met; absent when the request has none. */
  pass?: boolean;
  /** Why the request could not be decided, when it could not. */
  problem?: string;
}

/** A step decided before the request itself, e.g. EC2 assuming an instance profile's role. */
export interface ChainStep {
  title: string;
  decision: Decision;
  trace: Trace;
}

/**
 * Validate a scenario and decide one request with its full trace: the answer the screen waits
 * for after an edit. The other requests' decisions come from `decide`, which may take longer.
 */
export interface EvaluateRequest {
  type: 'evaluate';
  /**
   * The scenario as a parsed JSON value; or absent, with `patch` or with nothing, to use the
   * worker's copy (the worker keeps the scenario of the latest evaluate it received).
   */
  scenario?: unknown;
  /** One document replaced in the worker's copy: sends a keystroke's change, not the whole world. */
  patch?: ScenarioPatch;
  /**
   * The scenario the worker itself read from a text (`read-text` with this token) becomes its
   * copy: a big scenario is not cloned back to the worker it came from.
   */
  read?: number;
  /** Index of the request whose decision and trace are wanted (null: validate only). */
  traceFor: number | null;
  /** Identifies the scenario this request is about (echoed back; `decide` refers to it). */
  revision: number;
}

/** Replace the value at `path` in the worker's copy of the scenario, which must be at `baseRevision`. */
export interface ScenarioPatch {
  baseRevision: number;
  path: JsonPath;
  value: unknown;
}

export interface EvaluateResponse {
  type: 'evaluate';
  revision: number;
  /** Validation problems (errors and warnings) of the whole scenario. */
  issues: ScenarioIssue[];
  /** The outcome of `traceFor` (null when there is no such request or the scenario is unreadable). */
  outcome: RequestOutcome | null;
  /** The trace of `traceFor`, when that request was decided. */
  trace: Trace | null;
  /** Steps decided before `traceFor` itself (an instance profile's role assumption), in order. */
  chain: ChainStep[];
  /** Time the worker spent, in milliseconds. */
  elapsedMs: number;
}

/**
 * Decide every request of a scenario, without traces. The worker works on it one request at a
 * time and gives way to any newer `evaluate`, so a big world never delays the trace on screen.
 */
export interface DecideRequest {
  type: 'decide';
  /** The revision of the latest `evaluate`, whose scenario the worker decides. */
  revision: number;
}

export interface DecideResponse {
  type: 'decide';
  revision: number;
  /** One entry per request, in request order (empty when the scenario could not be read at all). */
  outcomes: RequestOutcome[];
  elapsedMs: number;
}

/** One autocompletion candidate. */
export interface Completion {
  label: string;
  /** Short detail shown beside the label (service name, access level, key type). */
  detail?: string;
}

/** Actions (`s3:Get…`) or, before a colon, service prefixes, that start with `prefix`. */
export interface CompleteActionsRequest {
  type: 'complete-actions';
  prefix: string;
  limit?: number;
}

export interface CompletionsResponse {
  type: 'completions';
  items: Completion[];
}

/** What AWS's service reference says about some actions: their ARN templates and condition keys. */
export interface ActionInfoRequest {
  type: 'action-info';
  /** Full action names (`s3:GetObject`); wildcards are not expanded. */
  actions: string[];
}

/** One action as AWS's service reference describes it. */
export interface ActionDetails {
  action: string;
  /** False when AWS defines no such action (the lists are then empty). */
  known: boolean;
  access?: string;
  /** ARN templates of the resource types the action accepts; empty when it only accepts `*`. */
  arnTemplates: string[];
  /** Condition keys of the action and its resource types (global keys not included). */
  conditionKeys: Completion[];
}

export interface ActionInfoResponse {
  type: 'action-info';
  actions: ActionDetails[];
  /** AWS's global condition keys. */
  globalKeys: Completion[];
}

/** AWS managed policy ARNs, for attaching them. */
export interface ManagedPoliciesRequest {
  type: 'managed-policies';
}

export interface ManagedPoliciesResponse {
  type: 'managed-policies';
  arns: string[];
}

/** One AWS managed policy's document, from the shipped catalog (to read it, never to edit it). */
export interface ManagedPolicyRequest {
  type: 'managed-policy';
  arn: string;
}

export interface ManagedPolicyResponse {
  type: 'managed-policy';
  arn: string;
  /** The policy document; null when the catalog has no policy of that ARN. */
  document: unknown;
}

/** The findings of the worker's copy of the scenario, which must be at `revision`. */
export interface FindingsRequest {
  type: 'findings';
  revision: number;
}

export interface FindingsResponse {
  type: 'findings';
  revision: number;
  findings: Finding[];
}

/**
 * A big scenario text to read off the main thread (README, Architecture: big inputs): the worker parses it, keeps the
 * value for the `evaluate` that names `token`, and sends it back in parts (`ReadTextPart`
 * replies, each deserialized by the page in its own task) before this answer.
 */
export interface ReadTextRequest {
  type: 'read-text';
  text: string;
  token: number;
}

export interface ReadTextResponse {
  type: 'read-text';
  token: number;
  /** How many parts were sent (0 when the text is not a JSON object). */
  parts: number;
  /** Why the text is not a JSON object, with line and column, when it is not. */
  problem?: string;
}

/** One part of a value read by `read-text`: entries to put in place, in order. */
export interface ReadTextPart {
  index: number;
  total: number;
  entries: SliceEntry[];
}

// ---- The console's questions (src/worker/console-deps.ts sends them for the console panel) ----
// The console runs its commands on the page and asks the worker to decide, with the worker's
// catalog of AWS managed policies. Each command awaits its answer before asking the next, so
// newest-wins never drops one.

/** Decide one request of a console command in the world the command sees (not the worker's copy). */
export interface ConsoleDecideRequest {
  type: 'console-decide';
  scenario: unknown;
  request: DecisionRequest;
}

export interface ConsoleDecideResponse {
  type: 'console-decide';
  outcome: DecisionOutcome;
}

/** Decide explicit documents (`simulate-custom-policy`). */
export interface ConsoleEvaluateRequest {
  type: 'console-evaluate';
  input: EvaluationInput;
}

export interface ConsoleEvaluateResponse {
  type: 'console-evaluate';
  result: EvaluationResult;
}

/** The project's findings for one policy document (`validate-policy`). */
export interface ConsoleCheckPolicyRequest {
  type: 'console-check-policy';
  document: Json;
  kind: 'identity' | 'resource' | 'scp' | 'rcp';
}

export interface ConsoleCheckPolicyResponse {
  type: 'console-check-policy';
  findings: Finding[];
}

// ---- Access analysis: what-can, who-can, the whole world; newest wins, cancellable ----

/** What the Access panel asks: one principal's actions, one resource's callers, or every principal. */
export type AccessQuery =
  | { kind: 'what-can'; principal: string }
  | { kind: 'who-can'; resource: string }
  | { kind: 'world' };

/**
 * Runs an access analysis of the worker's copy of the scenario, which must be at `revision`.
 * The worker works on it a slice at a time (a few services of one principal), sends progress
 * between slices, and gives way to a newer `evaluate` or `decide`. A newer `access` request
 * replaces it (newest wins); `access-cancel` stops it.
 */
export interface AccessRequest {
  type: 'access';
  revision: number;
  query: AccessQuery;
}

/** How far an access analysis is: `done` of `total` units (services of one principal, or principals). */
export interface AccessProgress {
  done: number;
  total: number;
  unit: 'services' | 'principals' | 'steps';
}

/**
 * The cells of an analysis, flat (src/worker/access-table.ts): a table of tens of thousands of
 * cells crosses to the page as one typed array and a list of distinct strings.
 */
export interface AccessTable {
  /** Every distinct text of the cells (principals, services, actions, resources, layers, keys). */
  strings: string[];
  /** `ACCESS_COLUMNS.length` indexes into `strings` per cell. */
  cells: Int32Array;
}

/** One principal of a whole-world analysis, summed over its cells. */
export interface PrincipalSummary {
  principal: string;
  /** Actions allowed on at least one resource; actions allowed only under conditions. */
  allowed: number;
  conditional: number;
  /** Allowed or conditional actions of AWS's "Permissions management" access level. */
  permissions: number;
  /** Services with at least one allowed or conditional action. */
  services: string[];
}

export type AccessResult =
  | { kind: 'what-can'; principal: string; table: AccessTable }
  | {
      kind: 'who-can';
      resource: string;
      table: AccessTable;
      outside: OutsideCaller[];
    }
  | { kind: 'world'; principals: PrincipalSummary[] };

export interface AccessResponse {
  type: 'access';
  revision: number;
  result: AccessResult;
  elapsedMs: number;
}

/** Stops the running access analysis (or `analysis`: the escalation or impact one); its request is answered `superseded`. */
export interface AccessCancelRequest {
  type: 'access-cancel';
  analysis?: AnalysisType;
}

export interface AccessCancelResponse {
  type: 'access-cancel';
  /** Whether an analysis was running. */
  cancelled: boolean;
}

/** One cell as a request of its own, decided with its trace against the worker's copy at `revision`. */
export interface AccessTraceRequest {
  type: 'access-trace';
  revision: number;
  principal: string;
  action: string;
  resource: string;
  /** Request context keys (an escalation hop's `iam:PassedToService`). */
  context?: Record<string, unknown>;
}

export interface AccessTraceResponse {
  type: 'access-trace';
  revision: number;
  outcome: RequestOutcome;
  trace: Trace | null;
  chain: ChainStep[];
}

// ---- Escalation paths and change impact: run like `access`, each in its own slot ----

/**
 * Who can reach a target (admin, a principal, an action on a resource) in the worker's copy at
 * `revision`: the escalation graph (kept for the next target while the copy stays the same) and
 * the shortest paths. Newest wins; `access-cancel` with `analysis: 'escalation'` stops it.
 */
export interface EscalationRequest {
  type: 'escalation';
  revision: number;
  target: EscalationTarget;
}

export interface EscalationResponse {
  type: 'escalation';
  revision: number;
  graph: EscalationGraph;
  report: EscalationReport;
  elapsedMs: number;
}

/**
 * What access changes from `before` to `after` (both whole scenarios; `after` absent: the
 * worker's copy at `revision`, so the answer follows the edits). Newest wins, cancellable.
 */
export interface ImpactRequest {
  type: 'impact';
  revision: number;
  before: unknown;
  after?: unknown;
}

export interface ImpactResponse {
  type: 'impact';
  revision: number;
  result: ImpactResult;
  elapsedMs: number;
}

/** The long analyses the worker runs a step at a time, each in a slot of its own. */
export type AnalysisType = 'access' | 'escalation' | 'impact';

// ---- end of access analysis ----

/** Each request type and the answer it gets. */
export interface Messages {
  evaluate: [EvaluateRequest, EvaluateResponse];
  decide: [DecideRequest, DecideResponse];
  'complete-actions': [CompleteActionsRequest, CompletionsResponse];
  'action-info': [ActionInfoRequest, ActionInfoResponse];
  'managed-policies': [ManagedPoliciesRequest, ManagedPoliciesResponse];
  'managed-policy': [ManagedPolicyRequest, ManagedPolicyResponse];
  findings: [FindingsRequest, FindingsResponse];
  'read-text': [ReadTextRequest, ReadTextResponse];
  'console-decide': [ConsoleDecideRequest, ConsoleDecideResponse];
  'console-evaluate': [ConsoleEvaluateRequest, ConsoleEvaluateResponse];
  'console-check-policy': [ConsoleCheckPolicyRequest, ConsoleCheckPolicyResponse];
  access: [AccessRequest, AccessResponse];
  'access-cancel': [AccessCancelRequest, AccessCancelResponse];
  'access-trace': [AccessTraceRequest, AccessTraceResponse];
  escalation: [EscalationRequest, EscalationResponse];
  impact: [ImpactRequest, ImpactResponse];
}

export type RequestType = keyof Messages;
export type WorkerRequest = Messages[RequestType][0];
export type WorkerResponse = Messages[RequestType][1];
export type RequestOf<K extends RequestType> = Messages[K][0];
export type ResponseOf<K extends RequestType> = Messages[K][1];

/** A failure inside the worker, as data. */
export interface WorkerError {
  /** `out-of-sync`: the worker's copy of the scenario is not the one a patch or decide refers to; send it whole. */
  code: 'internal' | 'bad-request' | 'data-unavailable' | 'out-of-sync';
  message: string;
}

/** What the UI posts: a request and the id its answer will carry. */
export interface Envelope {
  id: number;
  request: WorkerRequest;
}

/** What the worker posts back: the answer to request `id`, or the error it ran into. */
export type Reply =
  | { id: number; ok: true; response: WorkerResponse }
  | { id: number; ok: false; error: WorkerError }
  /** The worker skipped this request because a newer one of the same type arrived first. */
  | { id: number; ok: false; superseded: true }
  /** Part of the answer to come (`read-text`): the request is not settled by it. */
  | { id: number; part: ReadTextPart }
  /** How far a long answer (`access`) is: the request is not settled by it. */
  | { id: number; progress: AccessProgress };

/** How the client settles a request's promise. */
export type Answer<T> =
  | { ok: true; value: T }
  | { ok: false; error: WorkerError }
  /** A newer request of the same type was sent; this answer is dropped. */
  | { ok: false; stale: true };
