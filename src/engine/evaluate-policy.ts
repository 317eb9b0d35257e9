/**
 * Evaluation of one policy document against one request: which statements apply, and the
 * policy's overall result (`deny` if a Deny applies, else `allow` if an Allow applies, else `none`).
 * A statement applies when its action, resource, principal and every condition match
 * (AWS page "Policy evaluation logic"). Statements with errors are skipped.
 */
import type { RequestContext } from './context.ts';
import { evaluateCondition } from './conditions/condition.ts';
import type { CompiledPolicy, CompiledResources, CompiledStatement } from './policy.ts';
import { sizeProblem } from './policy.ts';
import { matchPrincipal, notPrincipalExempts, type PrincipalMatchKind } from './principals.ts';
import type {
  ConditionMatch,
  ElementMatch,
  PolicySource,
  PolicyTrace,
  Principal,
  StatementTrace,
} from './types.ts';
import { cachedArnPattern, type ArnMatcher } from './arn.ts';
import { resolveTemplateMemo } from './variables.ts';
import { decodeLiterals } from './wildcard.ts';
import { DEFAULT_SIZE_LIMITS } from './limits.ts';

export interface PolicyOutcome {
  source: PolicySource;
  result: 'allow' | 'deny' | 'none';
  /** The first Deny that applied. */
  deny?: CompiledStatement;
  /** The Allow that applied (for resource-based policies: the one naming the caller most directly). */
  allow?: CompiledStatement;
  /** For resource-based policies: how the applying Allow named the caller. */
  allowKind?: PrincipalMatchKind;
  level?: string;
  trace?: PolicyTrace;
}

export interface PolicyEvalOptions {
  trace: boolean;
  caller: Principal;
  /** The caller has a permissions boundary: a Deny with NotPrincipal then always applies to it (AWS page "Permissions boundaries for IAM entities"). */
  callerHasBoundary: boolean;
  level?: string;
}

const NOT_CHECKED_RESOURCE: ElementMatch = Object.freeze({
  element: 'Resource',
  matched: false,
  detail: 'not checked',
  notChecked: true,
});
const NOT_CHECKED_PRINCIPAL: ElementMatch = Object.freeze({
  element: 'Principal',
  matched: false,
  detail: 'not checked',
  notChecked: true,
});
const NO_CONDITIONS: ConditionMatch[] = Object.freeze([]) as unknown as ConditionMatch[];
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

const KIND_WORDS: Record<PrincipalMatchKind, string> = {
  wildcard: 'everyone ("*")',
  account: 'the whole account',
  user: 'the user ARN',
  role: 'the role ARN',
  session: 'the session ARN',
  service: 'the service',
  federated: 'the identity provider',
  canonical: 'the canonical user',
};

/** Evaluates a compiled policy. */
export function evaluatePolicy(
  source: PolicySource,
  compiled: CompiledPolicy,
  ctx: RequestContext,
  o: PolicyEvalOptions,
): PolicyOutcome {
  const out: PolicyOutcome = { source, result: 'none' };
  if (o.level !== undefined) out.level = o.level;
  const statements: StatementTrace[] | undefined = o.trace ? [] : undefined;
  const resourceBased =
    compiled.kind === 'resource' || compiled.kind === 'trust' || compiled.kind === 'kms';
  for (const st of compiled.statements) {
    if (st.skipped !== undefined) {
      if (statements) statements.push(skippedTrace(st));
      continue;
    }
    // Untraced: once an Allow applies, only Deny statements can change the result
    // (resource-based policies keep looking for the Allow that names the caller most directly).
    if (
      !statements &&
      st.effect === 'Allow' &&
      out.allow &&
      (!resourceBased || (out.allowKind && RANK[out.allowKind] >= 6))
    )
      continue;
    const r = evaluateStatement(st, ctx, o, statements !== undefined);
    if (statements) statements.push(r.trace as StatementTrace);
    if (!r.matched) continue;
    if (st.effect === 'Deny') {
      out.result = 'deny';
      out.deny ??= st;
      if (!statements) return out;
    } else if (!out.allow || (r.kind && out.allowKind && RANK[r.kind] > RANK[out.allowKind])) {
      out.allow = st;
      if (r.kind) out.allowKind = r.kind;
    }
  }
  if (out.result !== 'deny' && out.allow) out.result = 'allow';
  if (statements) {
    const size = sizeProblem(compiled, source.sizeLimit ?? DEFAULT_SIZE_LIMITS[compiled.kind]);
    out.trace = {
      policyId: source.id,
      name: source.name,
      kind: source.kind,
      result: out.result,
      statements,
      problems: size ? [...compiled.problems, size] : compiled.problems,
    };
    if (o.level !== undefined) out.trace.level = o.level;
  }
  return out;
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

interface StatementResult {
  matched: boolean;
  kind?: PrincipalMatchKind;
  trace?: StatementTrace;
}

function evaluateStatement(
  st: CompiledStatement,
  ctx: RequestContext,
  o: PolicyEvalOptions,
  trace: boolean,
): StatementResult {
  const action = ctx.request.action;
  // Action / NotAction
  const hit = st.actions.find(ctx.actionLower);
  const actionOk = st.notAction ? hit === undefined : hit !== undefined;
  if (!actionOk && trace && st.actionMissTrace !== undefined && st.actionMissFor === action) {
    // Most statements fail on the action, and their trace depends only on the action: reuse it.
    return { matched: false, trace: st.actionMissTrace };
  }
  let t: StatementTrace | undefined;
  if (trace) {
    const el = st.notAction ? 'NotAction' : 'Action';
    const detail = st.notAction
      ? hit === undefined
        ? `${action} is not among the NotAction patterns ${st.actionText}`
        : `${action} matches "${hit}", which NotAction excludes`
      : hit !== undefined
        ? `${action} matches "${hit}"`
        : `${action} does not match ${st.actionText}`;
    const am: ElementMatch = { element: el, matched: actionOk, detail };
    if (hit !== undefined) am.pattern = hit;
    t = {
      index: st.index,
      effect: st.effect,
      path: st.path,
      matched: false,
      action: am,
      resource: NOT_CHECKED_RESOURCE,
      conditions: NO_CONDITIONS,
    };
    if (st.sid !== undefined) t.sid = st.sid;
    if (st.principal) t.principal = NOT_CHECKED_PRINCIPAL;
    if (!actionOk) {
      st.actionMissFor = action;
      st.actionMissTrace = t;
    }
  }
  if (!actionOk) return { matched: false, trace: t };

  // Resource / NotResource
  if (st.resources) {
    const r = matchResources(st.resources, ctx, t !== undefined);
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
    if (!ok) return { matched: false, trace: t };
  } else if (t) {
    t.resource = {
      element: 'Resource',
      matched: true,
      detail: st.principal
        ? 'no Resource element: the statement applies to the resource this policy is attached to'
        : 'no Resource element: every resource',
    };
  }

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
            : `${who} is not exempted by NotPrincipal ${st.principal.text} (an exemption must list the caller's ARN and its account)`;
      }
    } else {
      kind = matchPrincipal(st.principal, o.caller);
      ok = kind !== undefined;
      if (t)
        detail = ok
          ? `${who} is named as ${KIND_WORDS[kind as PrincipalMatchKind]} in ${st.principal.text}`
          : `${who} is not named in ${st.principal.text}`;
    }
    if (t)
      t.principal = {
        element: st.notPrincipal ? 'NotPrincipal' : 'Principal',
        matched: ok,
        detail,
      };
    if (!ok) return { matched: false, trace: t };
  }

  // Conditions: all must hold.
  const conds = st.conditions;
  if (conds.length > 0) {
    if (t) {
      const list: ConditionMatch[] = [];
      t.conditions = list;
      for (const c of conds) {
        const m = evaluateCondition(c, ctx, true);
        list.push(m);
        if (!m.matched) return { matched: false, trace: t };
      }
    } else {
      for (const c of conds)
        if (!evaluateCondition(c, ctx, false).matched) return { matched: false };
    }
  }
  if (t) t.matched = true;
  return kind !== undefined ? { matched: true, kind, trace: t } : { matched: true, trace: t };
}

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
