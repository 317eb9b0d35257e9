/**
 * Evaluation of one policy document against one request: which statements apply, and the
 * policy's overall result (`deny` if a Deny applies, else `allow` if an Allow applies, else `none`).
 * A statement applies when its action, resource, principal and every condition match
 * (AWS page "Policy evaluation logic"). Statements with errors are skipped.
 */
import { boundedCache, weakCache } from './caches.ts';
import type { RequestContext } from './context.ts';
import { evaluateCondition, evaluateConditionTraced } from './conditions/condition.ts';
import type { CompiledPolicy, CompiledResources, CompiledStatement } from './policy.ts';
import { sizeProblem } from './policy.ts';
import {
  isNamedById,
  type CompiledPrincipal,
  matchPrincipal,
  notPrincipalExempts,
  type PrincipalMatchKind,
} from './principals.ts';
import type {
  ConditionMatch,
  ElementMatch,
  PolicySource,
  PolicyTrace,
  Principal,
  StatementTrace,
} from './types.ts';
import { cachedArnPattern, type ArnMatcher } from './arn.ts';
import { resolveTemplateMemo, type Template } from './variables.ts';
import { decodeLiterals } from './wildcard.ts';
import { DEFAULT_SIZE_LIMITS } from './limits.ts';

export interface PolicyOutcome {
  source: PolicySource;
  /** What `policyTrace` needs to trace the policy later, only when the trace is read. */
  compiled: CompiledPolicy;
  ctx: RequestContext;
  opts: PolicyEvalOptions;
  result: 'allow' | 'deny' | 'none';
  /** The first Deny that applied. */
  deny?: CompiledStatement;
  /** The Allow that applied (for resource-based policies: the one naming the caller most directly). */
  allow?: CompiledStatement;
  /** For resource-based policies: how the applying Allow named the caller. */
  allowKind?: PrincipalMatchKind;
  level?: string;
  /** The policy's trace, once `policyTrace` built it. */
  trace?: PolicyTrace;
}

export interface PolicyEvalOptions {
  caller: Principal;
  /** The caller has a permissions boundary: a Deny with NotPrincipal then always applies to it (AWS page "Permissions boundaries for IAM entities"). */
  callerHasBoundary: boolean;
  level?: string;
}

// Shared by many traces (traces are read-only data); not frozen, so UI proxies can wrap them.
const NOT_CHECKED_RESOURCE: ElementMatch = {
  element: 'Resource',
  matched: false,
  detail: 'not checked',
  notChecked: true,
};
const NOT_CHECKED_PRINCIPAL: ElementMatch = {
  element: 'Principal',
  matched: false,
  detail: 'not checked',
  notChecked: true,
};
const NOT_CHECKED_STATEMENT = Object.freeze({}) as StatementTrace;
const NO_CONDITIONS: ConditionMatch[] = [];
/** How directly an Allow names the caller: of several, the most direct one counts. */
const RANK: Record<PrincipalMatchKind, number> = {
  session: 7,
  user: 7,
  service: 7,
  federated: 7,
  canonical: 6,
  wildcard: 6,
  role: 3,
  account: 1,
};
/** No Allow names the caller more directly than this. */
const MOST_DIRECT = 7;

const KIND_WORDS: Record<PrincipalMatchKind, string> = {
  wildcard: 'which names everyone',
  account: 'through its account',
  user: 'by its user ARN',
  role: 'by its role ARN',
  session: 'by its session ARN',
  service: 'by its service name',
  federated: 'by its identity provider',
  canonical: 'by its canonical user ID',
};

/** How a matching Principal element names the caller, for the trace ("is named in X, …"). */
function principalWords(p: CompiledPrincipal, caller: Principal, kind: PrincipalMatchKind): string {
  // A user or role matched through the unique id AWS stored for its ARN (e.g. AROA…).
  if ((kind === 'user' || kind === 'role') && isNamedById(p, caller))
    return `by the ${kind}'s unique id (${caller.uniqueId})`;
  return KIND_WORDS[kind];
}

/**
 * Which statements of a policy pass the Action/NotAction test for one action, worked out once
 * per (policy, action): most statements fail on the action, and that depends on nothing else.
 */
interface ActionPlan {
  /** Per statement: the pattern that matched (or undefined), and whether the action test passed. */
  hits: (string | undefined)[];
  passed: boolean[];
  /** Indexes of the statements that passed. */
  candidates: number[];
  /**
   * Traces of every statement as far as the action test goes (built on first traced use);
   * the candidates' slots are filled per request.
   */
  base?: StatementTrace[];
  /** Action elements of the candidates, in `candidates` order. */
  actionMatches?: ElementMatch[];
}

/**
 * What a plan's traced evaluation can reuse for one resource. Requests repeat (action, resource)
 * pairs, and most candidates' traces depend on nothing else: those that fail on fixed Resource
 * patterns, and those that match fixed patterns (or have no Resource) with no Principal and no
 * Condition. They are built once and shared; the others are evaluated per request.
 */
interface ResourceView {
  /** Traces of every statement, with the candidates' fixed traces filled in. */
  statements: StatementTrace[];
  /** Positions (in `candidates`) of the candidates evaluated per request, in order. */
  open: number[];
  /** Per open candidate: its Resource element when fixed patterns matched it (else undefined: matched per request). */
  resource: (ElementMatch | undefined)[];
  /** Positions of the first fixed candidate that applies as a Deny, and as an Allow (-1: none). */
  firstDeny: number;
  firstAllow: number;
  /**
   * Per open candidate without a Principal: its traces by the values of the keys it reads
   * (`traceKeys`), one map level per key; `size` counts the traces.
   */
  memos?: { root: Map<string, unknown>; size: number }[];
}

const plans = weakCache<CompiledPolicy, Map<string, ActionPlan>>('action plans');

/** What a policy's evaluation keeps for one (action, resource) pair: requests repeat pairs. */
interface PairMemo {
  plan: ActionPlan;
  /** The candidates that fixed Resource patterns do not rule out (untraced use). */
  candidates?: ResourceCandidates;
  /** What of the candidates' traces depends on the action and the resource only (traced use). */
  view?: ResourceView;
}

/**
 * One (action, resource) pair of requests, interned once per request, with each policy's memo
 * for it: a policy then finds its plan, candidates and view with one lookup by object.
 */
interface RequestPair {
  byPolicy: WeakMap<CompiledPolicy, PairMemo>;
}
/** Per action (as the request writes it), per resource: bounded at 512 actions × 256 resources, as the plans were. */
const requestPairs = boundedCache<unknown, Map<string, RequestPair>>('request pairs', 512);

/** The policy's memo for this request's action and resource. */
function pairMemo(compiled: CompiledPolicy, ctx: RequestContext): PairMemo {
  let pair = ctx.pair as RequestPair | undefined;
  if (pair === undefined) {
    const action: unknown = ctx.request.action;
    const resource = ctx.resource.full;
    const byResource =
      requestPairs.get(action) ?? requestPairs.set(action, new Map<string, RequestPair>());
    pair = byResource.get(resource);
    if (pair === undefined) {
      if (byResource.size >= 256) byResource.clear();
      pair = { byPolicy: new WeakMap() };
      byResource.set(resource, pair);
    }
    ctx.pair = pair;
  }
  let memo = pair.byPolicy.get(compiled);
  if (memo === undefined) {
    memo = { plan: planFor(compiled, ctx) };
    pair.byPolicy.set(compiled, memo);
  }
  return memo;
}

function planFor(compiled: CompiledPolicy, ctx: RequestContext): ActionPlan {
  const byAction = plans.get(compiled) ?? plans.set(compiled, new Map());
  const key = ctx.request.action;
  let plan = byAction.get(key);
  if (plan === undefined) {
    if (byAction.size >= 512) byAction.clear();
    const hits: (string | undefined)[] = [];
    const passed: boolean[] = [];
    const candidates: number[] = [];
    compiled.statements.forEach((st, i) => {
      const hit = st.skipped === undefined ? st.actions.find(ctx.actionLower) : undefined;
      const ok = st.skipped === undefined && (st.notAction ? hit === undefined : hit !== undefined);
      hits.push(hit);
      passed.push(ok);
      if (ok) candidates.push(i);
    });
    plan = { hits, passed, candidates };
    byAction.set(key, plan);
  }
  return plan;
}

/**
 * Evaluates a compiled policy: its result, the first Deny that applies, and the Allow that
 * applies (for resource-based policies, the first of those that name the caller most directly).
 * `policyTrace` gives the same outcome with every statement's trace, when it is asked for.
 */
export function evaluatePolicy(
  source: PolicySource,
  compiled: CompiledPolicy,
  ctx: RequestContext,
  o: PolicyEvalOptions,
): PolicyOutcome {
  const out: PolicyOutcome = { source, compiled, ctx, opts: o, result: 'none' };
  if (o.level !== undefined) out.level = o.level;
  const resourceBased = isResourceBased(compiled);
  const memo = pairMemo(compiled, ctx);
  const all = compiled.statements;
  const { list, known } = (memo.candidates ??= candidatesForResource(memo.plan, all, ctx));
  for (let k = 0; k < list.length; k++) {
    const st = all[list[k] as number] as CompiledStatement;
    // Once an Allow applies, only Deny statements can change the result (resource-based
    // policies keep looking until an Allow names the caller as directly as any can).
    if (
      st.effect === 'Allow' &&
      out.allow &&
      (!resourceBased || (out.allowKind && RANK[out.allowKind] >= MOST_DIRECT))
    )
      continue;
    const r = known[k]
      ? evaluatePrincipalAndConditions(st, ctx, o, undefined)
      : evaluateRest(st, ctx, o, undefined);
    if (r === false) continue;
    if (st.effect === 'Deny') {
      out.result = 'deny';
      out.deny = st;
      return out;
    }
    noteAllow(out, st, r);
  }
  if (out.allow) out.result = 'allow';
  return out;
}

const isResourceBased = (compiled: CompiledPolicy): boolean =>
  compiled.kind === 'resource' ||
  compiled.kind === 'trust' ||
  compiled.kind === 'kms' ||
  compiled.kind === 'vpc-endpoint';

/** The trace of an evaluated policy, built on first use (evaluate.ts reads it only when its trace is). */
export function policyTrace(out: PolicyOutcome): PolicyTrace {
  return (out.trace ??= tracePolicy(out.source, out.compiled, out.ctx, out.opts).trace);
}

/** A policy's trace, with the statements that decided its result. */
interface TracedPolicy {
  trace: PolicyTrace;
  /** The first Deny that applies, in statement order. */
  deny?: CompiledStatement;
  /** The Allow that applies (see `noteAllow`), and how it named the caller. */
  allow?: CompiledStatement;
  allowKind?: PrincipalMatchKind;
}

/** Every statement's trace of a policy for one request, and the policy's result. */
function tracePolicy(
  source: PolicySource,
  compiled: CompiledPolicy,
  ctx: RequestContext,
  o: PolicyEvalOptions,
): TracedPolicy {
  // The result, worked out with the statements' traces (as `evaluatePolicy` decides it).
  const out: { allow?: CompiledStatement; allowKind?: PrincipalMatchKind } = {};
  const memo = pairMemo(compiled, ctx);
  const plan = memo.plan;
  const all = compiled.statements;
  // The traces of skipped statements and of those that fail on the action depend on the action
  // only: keep them in a base array per plan, and fill in the candidates for this request.
  let base = plan.base;
  if (base === undefined) {
    const action = ctx.request.action;
    base = all.map((st, i) =>
      st.skipped !== undefined
        ? (st.skippedTrace ??= skippedTrace(st))
        : plan.passed[i]
          ? NOT_CHECKED_STATEMENT
          : actionTrace(st, plan.hits[i], false, action),
    );
    plan.base = base;
    plan.actionMatches = plan.candidates.map(
      (i) => actionTrace(all[i] as CompiledStatement, plan.hits[i], true, action).action,
    );
  }
  const candidates = plan.candidates;
  const view = (memo.view ??= viewFor(plan, base, all, ctx));
  const statements = view.open.length === 0 ? view.statements : view.statements.slice();
  // Only the open candidates are evaluated; the fixed ones count through the first fixed Deny
  // and Allow. Order matters for the Allow: `noteAllow` keeps the first one unless a later one
  // names the caller more directly, so the fixed Allow is noted where it stands.
  let denyAt = view.firstDeny;
  let fixedAllow = view.firstAllow;
  for (const c of view.open) {
    if (fixedAllow >= 0 && fixedAllow < c) {
      noteAllow(out, all[candidates[fixedAllow] as number] as CompiledStatement, true);
      fixedAllow = -1;
    }
    const i = candidates[c] as number;
    const st = all[i] as CompiledStatement;
    let r: RestResult;
    if (st.principal === undefined) {
      // Without a Principal, the statement's trace depends on the action, the resource (both
      // fixed for this view) and the values of the keys its conditions and variables read:
      // remember it by those values, as requests repeat them.
      const memo = ((view.memos ??= [])[c] ??= { root: new Map(), size: 0 });
      if (memo.size >= 256) {
        memo.root.clear();
        memo.size = 0;
      }
      const deps = (st.traceKeys ??= traceKeys(st));
      let level = memo.root;
      const last = deps.length - 1;
      for (let d = 0; d < last; d++) {
        const k = ctx.valuesKey(deps[d] as string);
        let next = level.get(k) as Map<string, unknown> | undefined;
        if (next === undefined) level.set(k, (next = new Map()));
        level = next;
      }
      const leaf = last >= 0 ? ctx.valuesKey(deps[last] as string) : '';
      let t = level.get(leaf) as StatementTrace | undefined;
      if (t === undefined) {
        t = traceCandidate(st, plan, view, c, ctx, o);
        level.set(leaf, t);
        memo.size++;
      }
      statements[i] = t;
      r = t.matched;
    } else {
      const t = newTrace(st, (plan.actionMatches as ElementMatch[])[c] as ElementMatch);
      statements[i] = t;
      const known = view.resource[c];
      if (known !== undefined) {
        t.resource = known;
        r = evaluatePrincipalAndConditions(st, ctx, o, t);
      } else r = evaluateRest(st, ctx, o, t);
    }
    if (r === false) continue;
    if (st.effect === 'Deny') {
      if (denyAt < 0 || c < denyAt) denyAt = c;
    } else noteAllow(out, st, r);
  }
  if (fixedAllow >= 0)
    noteAllow(out, all[candidates[fixedAllow] as number] as CompiledStatement, true);
  const size = sizeProblem(compiled, source.sizeLimit ?? DEFAULT_SIZE_LIMITS[compiled.kind]);
  const trace: PolicyTrace = {
    policyId: source.id,
    name: source.name,
    kind: source.kind,
    result: denyAt >= 0 ? 'deny' : out.allow ? 'allow' : 'none',
    statements,
    problems: size ? [...compiled.problems, size] : compiled.problems,
  };
  if (o.level !== undefined) trace.level = o.level;
  const traced: TracedPolicy = { trace };
  if (denyAt >= 0) traced.deny = all[candidates[denyAt] as number] as CompiledStatement;
  if (out.allow !== undefined) traced.allow = out.allow;
  if (out.allowKind !== undefined) traced.allowKind = out.allowKind;
  return traced;
}

/** An open candidate's trace for this request (see `tracePolicy`). */
function traceCandidate(
  st: CompiledStatement,
  plan: ActionPlan,
  view: ResourceView,
  c: number,
  ctx: RequestContext,
  o: PolicyEvalOptions,
): StatementTrace {
  const t = newTrace(st, (plan.actionMatches as ElementMatch[])[c] as ElementMatch);
  const known = view.resource[c];
  if (known !== undefined) {
    t.resource = known;
    evaluatePrincipalAndConditions(st, ctx, o, t);
  } else evaluateRest(st, ctx, o, t);
  return t;
}

/** The context keys (lowercased) a statement's conditions and policy variables read, once each. */
function traceKeys(st: CompiledStatement): string[] {
  const keys = new Set<string>();
  const read = (t: Template): void => {
    if ('parts' in t) for (const p of t.parts) if (typeof p !== 'string') keys.add(p.key);
  };
  for (const c of st.conditions) {
    keys.add(c.keyLower);
    for (const t of c.templates ?? []) read(t);
  }
  for (const d of st.resources?.dynamic ?? []) read(d.t);
  return [...keys];
}

/** A candidate's trace before its Resource test (Principal, Condition not checked yet). */
function newTrace(st: CompiledStatement, action: ElementMatch): StatementTrace {
  const t: StatementTrace = {
    index: st.index,
    effect: st.effect,
    path: st.path,
    matched: false,
    action,
    resource: NOT_CHECKED_RESOURCE,
    conditions: NO_CONDITIONS,
  };
  if (st.sid !== undefined) t.sid = st.sid;
  if (st.principal) t.principal = NOT_CHECKED_PRINCIPAL;
  return t;
}

/** The plan's view for this request's resource (see `ResourceView`), built on first use. */
function viewFor(
  plan: ActionPlan,
  base: StatementTrace[],
  all: CompiledStatement[],
  ctx: RequestContext,
): ResourceView {
  const view: ResourceView = {
    statements: base.slice(),
    open: [],
    resource: [],
    firstDeny: -1,
    firstAllow: -1,
  };
  for (let c = 0; c < plan.candidates.length; c++) {
    const i = plan.candidates[c] as number;
    const st = all[i] as CompiledStatement;
    // Patterns with variables depend on the request's values: such candidates stay open.
    if (st.resources !== undefined && st.resources.dynamic.length > 0) {
      view.open.push(c);
      continue;
    }
    const t = newTrace(st, (plan.actionMatches as ElementMatch[])[c] as ElementMatch);
    if (!checkResource(st, ctx, t)) view.statements[i] = t;
    else if (st.principal === undefined && st.conditions.length === 0) {
      t.matched = true;
      view.statements[i] = t;
      if (st.effect === 'Deny') {
        if (view.firstDeny < 0) view.firstDeny = c;
      } else if (view.firstAllow < 0) view.firstAllow = c;
    } else {
      view.open.push(c);
      view.resource[c] = t.resource;
    }
  }
  return view;
}

/** The candidates of a plan for one resource (see `candidatesForResource`). */
interface ResourceCandidates {
  /** Indexes of the statements. */
  list: number[];
  /** Per entry of `list`: its Resource test is passed already (no Resource element, or fixed patterns only). */
  known: boolean[];
}

/**
 * The candidates of a plan that fixed Resource/NotResource patterns do not already rule out
 * for this resource (kept per resource: they depend on the action and the resource only).
 */
function candidatesForResource(
  plan: ActionPlan,
  all: CompiledStatement[],
  ctx: RequestContext,
): ResourceCandidates {
  const found: ResourceCandidates = { list: [], known: [] };
  for (const i of plan.candidates) {
    const st = all[i] as CompiledStatement;
    const r = st.resources;
    if (r !== undefined && r.dynamic.length > 0) {
      found.list.push(i);
      found.known.push(false);
      continue;
    }
    if (r !== undefined) {
      const hit = r.fixed.some((f) => f.m(ctx.resource));
      if (st.notResource ? hit : !hit) continue;
    }
    found.list.push(i);
    found.known.push(true);
  }
  return found;
}

/** Records an applying Allow, keeping the one that names the caller most directly. */
function noteAllow(
  out: { allow?: CompiledStatement; allowKind?: PrincipalMatchKind },
  st: CompiledStatement,
  r: true | PrincipalMatchKind,
): void {
  const kind = r === true ? undefined : r;
  if (!out.allow || (kind && out.allowKind && RANK[kind] > RANK[out.allowKind])) {
    out.allow = st;
    if (kind) out.allowKind = kind;
  }
}

/** The trace of a statement after its action test (the other elements not checked yet). */
function actionTrace(
  st: CompiledStatement,
  hit: string | undefined,
  ok: boolean,
  action: string,
): StatementTrace {
  const el = st.notAction ? 'NotAction' : 'Action';
  const detail = st.notAction
    ? hit === undefined
      ? `${action} is not among the NotAction patterns ${st.actionText}`
      : `${action} matches "${hit}", which NotAction excludes`
    : hit !== undefined
      ? `${action} matches "${hit}"`
      : `${action} does not match ${st.actionText}`;
  const am: ElementMatch = { element: el, matched: ok, detail };
  if (hit !== undefined) am.pattern = hit;
  return newTrace(st, am);
}

function skippedTrace(st: CompiledStatement): StatementTrace {
  const t: StatementTrace = {
    index: st.index,
    effect: st.effect,
    path: st.path,
    matched: false,
    action: {
      element: st.notAction ? 'NotAction' : 'Action',
      matched: false,
      detail: 'not checked: the statement has errors',
      notChecked: true,
    },
    resource: NOT_CHECKED_RESOURCE,
    conditions: NO_CONDITIONS,
    skipped: st.skipped as string,
  };
  if (st.sid !== undefined) t.sid = st.sid;
  return t;
}

type RestResult = boolean | PrincipalMatchKind;

/**
 * Evaluates the elements after Action (which the plan already tested): Resource, Principal,
 * Condition, stopping at the first that fails. Fills `t` when tracing. Returns false when the
 * statement does not apply, else true or, for statements with a Principal, how it named the caller.
 */
function evaluateRest(
  st: CompiledStatement,
  ctx: RequestContext,
  o: PolicyEvalOptions,
  t: StatementTrace | undefined,
): RestResult {
  if (!checkResource(st, ctx, t)) return false;
  return evaluatePrincipalAndConditions(st, ctx, o, t);
}

/** The Resource/NotResource test of a statement; fills `t.resource` when tracing. */
function checkResource(
  st: CompiledStatement,
  ctx: RequestContext,
  t: StatementTrace | undefined,
): boolean {
  if (st.resources) {
    if (t !== undefined && st.resources.dynamic.length > 0) {
      // Patterns with variables: the Resource element depends on the resource and the values
      // the variables take, which requests repeat; remember it per (resource, values).
      const memo = (st.resources.traced ??= { root: new Map(), size: 0 });
      if (memo.size >= 256) {
        memo.root.clear();
        memo.size = 0;
      }
      let level = memo.root;
      let key: string | symbol = ctx.resource.full;
      for (const d of st.resources.dynamic) {
        let next = level.get(key) as MemoLevel | undefined;
        if (next === undefined) level.set(key, (next = new Map()));
        level = next;
        const value = resolveTemplateMemo(d.t, ctx, d);
        key = typeof value === 'string' ? value : NO_VALUE;
      }
      let m = level.get(key) as ElementMatch | undefined;
      if (m === undefined) {
        const fresh = newTrace(st, NOT_CHECKED_RESOURCE);
        describeResource(st, st.resources, ctx, fresh);
        m = fresh.resource;
        level.set(key, m);
        memo.size++;
      }
      t.resource = m;
      return m.matched;
    }
    return describeResource(st, st.resources, ctx, t);
  } else if (t) {
    t.resource = {
      element: 'Resource',
      matched: true,
      detail: st.principal
        ? 'no Resource element: the statement applies to the resource this policy is attached to'
        : 'no Resource element: every resource',
    };
  }
  return true;
}

/** Matches a statement's Resource/NotResource patterns; fills `t.resource` when tracing. */
function describeResource(
  st: CompiledStatement,
  resources: CompiledResources,
  ctx: RequestContext,
  t: StatementTrace | undefined,
): boolean {
  const r = matchResources(resources, ctx, t !== undefined);
  const ok = st.notResource ? r.hit === undefined : r.hit !== undefined;
  if (t) {
    const el = st.notResource ? 'NotResource' : 'Resource';
    const res = ctx.request.resource;
    let detail: string;
    if (st.notResource)
      detail =
        r.hit === undefined
          ? `${res} is not among the NotResource patterns ${r.shownAll ?? st.resourceText}`
          : `${res} matches ${r.shown}, which NotResource excludes`;
    else
      detail =
        r.hit !== undefined
          ? `${res} matches ${r.shown}`
          : `${res} does not match ${r.shownAll ?? st.resourceText}`;
    const rm: ElementMatch = { element: el, matched: ok, detail };
    if (r.hit !== undefined) rm.pattern = r.hit;
    t.resource = rm;
  }
  return ok;
}

/**
 * The elements after Resource: Principal, then Condition, stopping at the first that fails.
 * Fills `t` when tracing; returns as `evaluateRest` does.
 */
function evaluatePrincipalAndConditions(
  st: CompiledStatement,
  ctx: RequestContext,
  o: PolicyEvalOptions,
  t: StatementTrace | undefined,
): RestResult {
  // Principal / NotPrincipal
  let kind: PrincipalMatchKind | undefined;
  if (st.principal) {
    let ok: boolean;
    let detail = '';
    const who = o.caller.arn;
    if (st.notPrincipal) {
      const forced = st.effect === 'Deny' && o.callerHasBoundary && o.caller.type !== 'root';
      const exempt = notPrincipalExempts(st.principal, o.caller);
      ok = forced || !exempt;
      if (ok) kind = 'wildcard';
      if (t) {
        detail = forced
          ? `a Deny with NotPrincipal always applies to a principal that has a permissions boundary, whatever it lists`
          : exempt
            ? `${who} is exempted by NotPrincipal ${st.principal.text}`
            : `${who} is not exempted by NotPrincipal ${st.principal.text} (an exemption must list the caller's ARN and its account${o.caller.type === 'role-session' ? ', and for a role session its role ARN too' : ''})`;
      }
    } else {
      kind = matchPrincipal(st.principal, o.caller);
      ok = kind !== undefined;
      if (t)
        detail = ok
          ? `${who} is named in ${st.principal.text}, ${principalWords(st.principal, o.caller, kind as PrincipalMatchKind)}`
          : `${who} is not named in ${st.principal.text}`;
    }
    if (t)
      t.principal = {
        element: st.notPrincipal ? 'NotPrincipal' : 'Principal',
        matched: ok,
        detail,
      };
    if (!ok) return false;
  }

  // Conditions: all must hold.
  const conds = st.conditions;
  if (conds.length > 0) {
    if (t) {
      // Traced, every condition is evaluated, so the trace (and the console's
      // MissingContextValues) shows each one, not only the first that fails.
      let all = true;
      t.conditions = conds.map((c) => {
        const m = evaluateConditionTraced(c, ctx);
        if (!m.matched) all = false;
        return m;
      });
      if (!all) return false;
    } else {
      for (const c of conds) if (!evaluateCondition(c, ctx, false).matched) return false;
    }
  }
  if (t) t.matched = true;
  return kind ?? true;
}

/** The key of a pattern whose variable has no value in the request (no string equals it). */
const NO_VALUE = Symbol('no value');
type MemoLevel = Map<string | symbol, unknown>;

function matchResources(
  res: CompiledResources,
  ctx: RequestContext,
  trace: boolean,
): { hit?: string; shown?: string; shownAll?: string } {
  const resource = ctx.resource;
  let hit: string | undefined;
  if (res.lastResource === resource.full) hit = res.lastHit;
  else {
    for (const f of res.fixed) {
      if (f.m(resource)) {
        hit = f.p;
        break;
      }
    }
    res.lastResource = resource.full;
    res.lastHit = hit;
  }
  if (hit !== undefined) return trace ? { hit, shown: `"${hit}"` } : { hit };
  if (res.dynamic.length === 0) return NO_HIT;
  const shown: string[] | undefined = trace ? [] : undefined;
  for (const d of res.dynamic) {
    const value = resolveTemplateMemo(d.t, ctx, d);
    if (typeof value !== 'string') {
      // A variable with no value: this entry matches no resource (AWS "IAM policy elements:
      // Variables and tags", policy variables with no value), in Resource and NotResource alike.
      shown?.push(
        `"${d.p}" matches nothing because \${${value.written}} has no value in this request`,
      );
      continue;
    }
    let matched: boolean;
    if (d.lastValue === value && d.lastResource === resource.full)
      matched = d.lastMatched as boolean;
    else {
      if (d.lastValue !== value) {
        d.lastValue = value;
        d.last = cachedArnPattern(value);
      }
      matched = (d.last as ArnMatcher)(resource);
      d.lastResource = resource.full;
      d.lastMatched = matched;
    }
    if (!trace) {
      if (matched) return { hit: d.p };
      continue;
    }
    const text = decodeLiterals(value);
    if (matched)
      return { hit: d.p, shown: text === d.p ? `"${d.p}"` : `"${text}" (from "${d.p}")` };
    if (text !== d.p) shown?.push(`"${d.p}" is "${text}" here`);
  }
  return shown && shown.length > 0 ? { shownAll: `${res.text} (${shown.join('; ')})` } : NO_HIT;
}

const NO_HIT = Object.freeze({});
