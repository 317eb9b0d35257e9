/**
 * The decision for one request, following AWS's pages "Policy evaluation logic" (its section
 * "How AWS enforcement code logic evaluates requests to allow or deny access") and
 * "Cross-account policy evaluation logic", step by step:
 *
 *   0. for some AWS STS operations: whether this kind of caller may call it at all, and
 *      whether policies have any say;
 *   1. explicit deny in any applicable policy → explicitDeny;
 *   2. RCPs: every level from the root to the resource's account must allow;
 *   3. SCPs: every level from the root to the principal's account must allow;
 *   3b. the VPC endpoint policy, when the request came through an endpoint (vpc-endpoint.ts);
 *   4. resource-based policy (bucket, trust or key policy);
 *   5. identity-based policies;
 *   6. permissions boundary;
 *   7. session policies;
 *   8. KMS grants on the key, which can allow what the steps above left implicitly denied
 *      (kms-grants.ts);
 *   9. further resource-based policies that must permit too, each its own step (the bucket
 *      behind an S3 access point; resource-layers.ts), and an access point's network origin.
 *
 * The rules that differ by principal and account are documented where they are applied.
 */
import { RequestContext } from './context.ts';
import { evaluatePolicy, type PolicyEvalOptions, type PolicyOutcome } from './evaluate-policy.ts';
import {
  explainDecision,
  explainError,
  type DecisionRecord,
  type StepFact,
} from './explain/trace.ts';
import type { ExplainContext } from './explain/words.ts';
import { compilePolicy, type CompiledStatement } from './policy.ts';
import type { PrincipalMatchKind } from './principals.ts';
import { s3AclVerdict } from './s3-acl.ts';
import type { NoteReason, StatementRef, StepReason } from './reasons.ts';
import { restrictPublicBuckets } from './s3-public-access.ts';
import { matchGrants } from './kms-grants.ts';
import { sessionTokenRefusal, stsCallerRule } from './sts-callers.ts';
import { endpointStep } from './vpc-endpoint.ts';
import { layerStep, networkOriginStep } from './resource-layers.ts';
import type {
  Decision,
  EvaluationInput,
  EvaluationOptions,
  EvaluationResult,
  PolicyLevel,
  Principal,
  StepId,
  StepOutcome,
  Trace,
} from './types.ts';

export { TITLES } from './explain/titles.ts';

/** Actions decided with the role's trust policy as the resource-based policy (scenario format, "Roles are resources too"). */
export const TRUST_ACTIONS: ReadonlySet<string> = new Set([
  'sts:assumerole',
  'sts:assumerolewithwebidentity',
  'sts:assumerolewithsaml',
  'sts:tagsession',
  'sts:setsourceidentity',
]);
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\//;

/** Where the decision stands: the deciding step, and what would have to change. */
interface Decided {
  decision: Decision;
  step: StepId;
  statement?: { outcome: PolicyOutcome; st: CompiledStatement };
  /** The reasons whose advice says what would have to change (src/engine/explain/). */
  advice: StepReason[];
}

/** One request's evaluation: the policies' outcomes, and the steps recorded so far. */
class Run {
  /** The steps with their reasons; recorded only when tracing. */
  readonly steps: StepFact[] = [];
  readonly notes: NoteReason[] = [];
  readonly all: PolicyOutcome[] = [];
  constructor(
    readonly trace: boolean,
    readonly ctx: RequestContext,
    readonly opts: PolicyEvalOptions,
  ) {}

  /** Evaluates one policy; `ctx` when it is evaluated against another resource (a layer). */
  evaluate(
    source: EvaluationInput['resourcePolicy'],
    level?: string,
    ctx: RequestContext = this.ctx,
  ): PolicyOutcome | undefined {
    if (!source || typeof source !== 'object') return undefined;
    const compiled = compilePolicy(source.document, source.kind);
    // Traced or not, the policy is decided as fast as it can be (an Allow ends the Allow
    // statements); its statements are traced only when the trace is read (`policyTrace`), which
    // most callers never do (a batch check, an analysis, a benchmark).
    const o = evaluatePolicy(
      source,
      compiled,
      ctx,
      level === undefined ? this.opts : { ...this.opts, level },
    );
    this.all.push(o);
    return o;
  }

  /** Records a step (when tracing). */
  step(
    id: StepId,
    outcome: StepOutcome,
    reason: StepReason,
    policies: readonly (PolicyOutcome | undefined)[] = NONE,
  ): void {
    if (this.trace) this.steps.push({ id, outcome, reason, policies });
  }

  /** Records a step that denies implicitly, and decides so. */
  deny(
    id: StepId,
    reason: StepReason,
    policies: readonly (PolicyOutcome | undefined)[] = NONE,
  ): Decided {
    this.step(id, 'deny', reason, policies);
    return { decision: 'implicitDeny', step: id, advice: [reason] };
  }

  /** Records that the resource-based policy does not allow, and decides so. */
  rpDenies(rpOut: PolicyOutcome | undefined, reason: StepReason): Decided {
    return this.deny('resource-policy', reason, [rpOut]);
  }

  /** Records that the resource-based policy allows, and decides so. */
  rpAllows(
    reason: StepReason,
    rpOut: PolicyOutcome | undefined,
    granting: PolicyOutcome | undefined = rpOut,
  ): Decided {
    this.step('resource-policy', 'allow', reason, [rpOut]);
    return {
      decision: 'allowed',
      step: 'resource-policy',
      statement: grantedBy(granting),
      advice: NO_ADVICE,
    };
  }

  note(note: NoteReason): void {
    if (this.trace) this.notes.push(note);
  }
}

const ALLOWS = (o: PolicyOutcome | undefined): boolean => o?.result === 'allow';
const NONE: readonly PolicyOutcome[] = [];
const NO_ADVICE: StepReason[] = [];

/** The statement of the resource-based policy that allowed, if it did. */
function grantedBy(rpOut: PolicyOutcome | undefined): Decided['statement'] {
  return rpOut?.allow ? { outcome: rpOut, st: rpOut.allow } : undefined;
}

/** A statement of a policy outcome, as the explanation names it. */
function ref(o: PolicyOutcome, st: CompiledStatement): StatementRef {
  const r: StatementRef = { kind: o.source.kind, policy: o.source.name, index: st.index };
  if (o.level !== undefined) r.level = o.level;
  if (st.sid !== undefined) r.sid = st.sid;
  return r;
}

/**
 * Decides one request. Never throws: malformed input ends in an implicit deny whose trace says why.
 */
export function evaluate(input: EvaluationInput, options?: EvaluationOptions): EvaluationResult {
  const trace = options?.trace !== false;
  let record: DecisionRecord;
  try {
    record = decide(input, trace);
  } catch (e) {
    return failed(e, trace);
  }
  if (trace) return new TracedResult(record, input);
  return { decision: record.decision, decidingStep: record.step };
}

/**
 * A result whose trace is worded (and each policy's statements traced) when it is first read:
 * most callers only want the decision. `trace` is an own enumerable accessor, so spreading,
 * JSON and structured cloning (the worker's postMessage) read it like any other property; what
 * it is worded from stays in private fields, which none of them sees.
 */
class TracedResult implements EvaluationResult {
  decision: Decision;
  decidingStep: StepId;
  declare trace?: Trace;
  readonly #record: DecisionRecord;
  readonly #input: EvaluationInput;
  #words: Trace | undefined;
  constructor(record: DecisionRecord, input: EvaluationInput) {
    this.decision = record.decision;
    this.decidingStep = record.step;
    Object.defineProperty(this, 'trace', LAZY_TRACE);
    this.#record = record;
    this.#input = input;
  }
  /** The trace, worded on first use. */
  words(): Trace {
    return (this.#words ??= explainRecord(this.#record, this.#input));
  }
}

const LAZY_TRACE: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: TracedResult): Trace {
    return this.words();
  },
};

function explainRecord(record: DecisionRecord, input: EvaluationInput): Trace {
  try {
    return explainDecision(record, explainContext(input));
  } catch (e) {
    return explainError(e instanceof Error ? e.message : String(e));
  }
}

/** The result of a request that could not be evaluated. */
function failed(e: unknown, trace: boolean): EvaluationResult {
  const result: EvaluationResult = { decision: 'implicitDeny', decidingStep: 'final' };
  if (trace) result.trace = explainError(e instanceof Error ? e.message : String(e));
  return result;
}

function callerOf(input: EvaluationInput): Principal {
  const p = input.request.principal;
  return p && typeof p === 'object' ? p : { type: 'anonymous', arn: 'anonymous' };
}

/** What the explanation reads from the request. */
function explainContext(input: EvaluationInput): ExplainContext {
  const req = input.request;
  const c: ExplainContext = { caller: callerOf(input), action: req.action, resource: req.resource };
  if (req.resourceAccount !== undefined) c.resourceAccount = req.resourceAccount;
  const rp = input.resourcePolicy;
  if (rp) c.resourcePolicy = { kind: rp.kind, name: rp.name };
  return c;
}

/** The outcomes of every applicable policy, which the steps decide from. */
interface Outcomes {
  rcpLevels: PolicyLevel[] | undefined;
  rcpOut: PolicyOutcome[][];
  scpLevels: PolicyLevel[] | undefined;
  scpOut: PolicyOutcome[][];
  vpceOut: PolicyOutcome | undefined;
  /** The endpoint policy on the resources behind an access point. */
  vpceLayerOut: { resource: string; out: PolicyOutcome | undefined }[];
  rpOut: PolicyOutcome | undefined;
  layerOut: (PolicyOutcome | undefined)[];
  idOut: PolicyOutcome[];
  boundaryOut: PolicyOutcome | undefined;
  sessOut: PolicyOutcome[];
}

function decide(input: EvaluationInput, trace: boolean): DecisionRecord {
  const req = input.request;
  const caller = callerOf(input);
  const ctx = new RequestContext(req);
  const type = caller.type;
  // A federated user (GetFederationToken) acts with its IAM user's policies, limited by the
  // session policy it was given ("Permissions for GetFederationToken").
  const isPerson =
    type === 'user' || type === 'role-session' || type === 'root' || type === 'federated-user';
  const hasSessions = type === 'user' || type === 'role-session' || type === 'federated-user';

  const boundarySource = hasSessions ? input.boundary : undefined;
  const run = new Run(trace, ctx, {
    caller,
    callerHasBoundary: boundarySource !== undefined,
  });
  for (const text of input.notes ?? []) run.note({ code: 'given', text });

  // Which policies apply. Only IAM users, role sessions and the root user have identity policies.
  const identitySources = isPerson ? (input.identityPolicies ?? []) : [];
  if (!isPerson && (input.identityPolicies?.length ?? 0) > 0)
    run.note({ code: 'identity-ignored' });
  const sessionSources = hasSessions ? (input.sessionPolicies ?? []) : [];
  // RCPs never restrict service-linked roles; SCPs restrict only principals of member accounts
  // (AWS Organizations pages on SCPs and RCPs). The model leaves the lists absent where they do not apply.
  const rcpLevels = input.rcps && !caller.serviceLinkedRole ? input.rcps : undefined;
  const scpLevels = input.scps && !caller.serviceLinkedRole && isPerson ? input.scps : undefined;

  // Evaluate every applicable policy once. Untraced, the first explicit Deny ends the work.
  const rcpOut: PolicyOutcome[][] = [];
  const scpOut: PolicyOutcome[][] = [];
  const evalLevels = (levels: PolicyLevel[] | undefined, into: PolicyOutcome[][]): boolean => {
    for (const level of levels ?? []) {
      const outs: PolicyOutcome[] = [];
      for (const p of level.policies ?? []) {
        const o = run.evaluate(p, level.name);
        if (!o) continue;
        outs.push(o);
        if (!trace && o.result === 'deny') return true;
      }
      into.push(outs);
    }
    return false;
  };
  let earlyDeny = evalLevels(rcpLevels, rcpOut) || evalLevels(scpLevels, scpOut);
  const vpceOut = earlyDeny ? undefined : run.evaluate(input.vpcEndpoint?.policy);
  earlyDeny ||= !trace && vpceOut?.result === 'deny';
  // Through an access point, the endpoint policy must allow the bucket or object behind it too
  // ("Creating access points restricted to a virtual private cloud").
  const layerCtx = (input.resourceLayers ?? []).map(
    (layer) => new RequestContext({ ...req, resource: layer.resource }),
  );
  const vpceLayerOut: { resource: string; out: PolicyOutcome | undefined }[] = [];
  if (input.vpcEndpoint)
    for (const ctx of layerCtx) {
      if (earlyDeny) break;
      const out = run.evaluate(input.vpcEndpoint.policy, undefined, ctx);
      vpceLayerOut.push({ resource: ctx.request.resource, out });
      earlyDeny ||= !trace && out?.result === 'deny';
    }
  const rpOut = earlyDeny ? undefined : run.evaluate(input.resourcePolicy);
  earlyDeny ||= !trace && rpOut?.result === 'deny';
  // Further resource-based policies, each against its own resource (resource-layers.ts).
  const layerOut: (PolicyOutcome | undefined)[] = [];
  for (const [i, layer] of (input.resourceLayers ?? []).entries()) {
    if (earlyDeny) break;
    const o = run.evaluate(layer.policy, undefined, layerCtx[i]);
    layerOut.push(o);
    earlyDeny ||= !trace && o?.result === 'deny';
  }
  const idOut: PolicyOutcome[] = [];
  const sessOut: PolicyOutcome[] = [];
  let boundaryOut: PolicyOutcome | undefined;
  if (!earlyDeny) {
    for (const p of identitySources) {
      const o = run.evaluate(p);
      if (!o) continue;
      idOut.push(o);
      if (!trace && o.result === 'deny') {
        earlyDeny = true;
        break;
      }
    }
  }
  if (!earlyDeny) boundaryOut = run.evaluate(boundarySource);
  if (!earlyDeny && !(boundaryOut?.result === 'deny' && !trace)) {
    for (const p of sessionSources) {
      const o = run.evaluate(p);
      if (o) sessOut.push(o);
    }
  }

  const outcomes: Outcomes = {
    rcpLevels,
    rcpOut,
    scpLevels,
    scpOut,
    vpceOut,
    vpceLayerOut,
    rpOut,
    layerOut,
    idOut,
    boundaryOut,
    sessOut,
  };
  let d = decideSteps(run, input, caller, outcomes);
  d = withGrants(run, input, caller, d, idOut);
  d = withLayers(run, input, caller, d, idOut, layerOut);
  d = s3PublicAccess(run, input, caller, d);
  const record: DecisionRecord = {
    decision: d.decision,
    step: d.step,
    steps: run.steps,
    notes: run.notes,
    advice: d.advice,
  };
  if (d.statement)
    record.statement = {
      policyId: d.statement.outcome.source.id,
      path: d.statement.st.path,
    };
  return record;
}

/**
 * S3 Block Public Access, after AWS's policy logic: RestrictPublicBuckets refuses a request
 * the policies allow when the bucket policy is public and the caller is neither an AWS service
 * principal nor of the bucket owner's account (s3-public-access.ts; "Blocking public access to
 * your Amazon S3 storage"). A request the policies already deny stays as it was. Recorded as an
 * explicit deny: no change to any policy can lift it, only the setting can.
 */
function s3PublicAccess(run: Run, input: EvaluationInput, caller: Principal, d: Decided): Decided {
  const settings = input.s3Bucket;
  if (!settings) return d;
  // The request's own policy, then those of its layers (the bucket behind an access point):
  // Block Public Access looks at each ("Managing public access to access points").
  const policies: [unknown, string | undefined, string][] = [];
  if (input.resourcePolicy?.kind === 'resource')
    policies.push([
      input.resourcePolicy.document,
      input.request.resourceAccount,
      input.resourcePolicy.name.replace(/^of /, ''),
    ]);
  for (const layer of input.resourceLayers ?? [])
    if (layer.policy) policies.push([layer.policy.document, layer.account, layer.name]);
  let v: ReturnType<typeof restrictPublicBuckets> = { applies: false };
  for (const [document, owner, label] of policies) {
    v = restrictPublicBuckets(settings, document, caller, owner, label);
    if (v.applies) break;
  }
  if (!v.applies) return d;
  if (d.decision !== 'allowed') {
    if (v.blocked) run.note({ code: 'bpa-already-denied', why: v.why });
    return d;
  }
  if (!v.blocked) {
    if (run.trace) {
      const final = run.steps.pop();
      run.step('s3-public-access', 'pass', { code: 'bpa-lets-through', why: v.why });
      if (final) run.steps.push(final);
    }
    return d;
  }
  const last = run.steps[run.steps.length - 1];
  if (last?.outcome === 'allow') last.outcome = 'pass';
  const blocks: StepReason = {
    code: 'bpa-blocks',
    why: v.why,
    bucket: settings.bucket,
    setBy: (settings.setBy.RestrictPublicBuckets ?? []).join(' and '),
  };
  if (v.publicStatement.sid !== undefined) blocks.sid = v.publicStatement.sid;
  run.step('s3-public-access', 'deny', blocks);
  return { decision: 'explicitDeny', step: 's3-public-access', advice: [blocks] };
}

/** Steps 0 to 7: the caller check, then the policies in AWS's order. */
function decideSteps(run: Run, input: EvaluationInput, caller: Principal, o: Outcomes): Decided {
  const { idOut, boundaryOut, sessOut, rpOut } = o;
  const req = input.request;
  const resource = req.resource;
  // 0. Some AWS STS operations refuse whole kinds of caller, and some need no permission at all,
  // whatever the policies say ("Compare AWS STS credentials", "Permissions for
  // GetSessionToken", GetCallerIdentity in the AWS STS API Reference; see sts-callers.ts).
  // Credentials from GetSessionToken call no STS operation but AssumeRole and GetCallerIdentity,
  // and IAM only with MFA (sts-callers.ts, sessionTokenRefusal).
  const tokenRefusal = caller.sessionToken
    ? sessionTokenRefusal(caller.sessionToken.mfa, req.action)
    : undefined;
  if (tokenRefusal) return run.deny('caller', tokenRefusal);
  const callerRule = stsCallerRule(caller, run.ctx.actionLower);
  if (callerRule) {
    if (!callerRule.allowed) return run.deny('caller', callerRule.reason);
    const outcome = callerRule.withoutPolicies ? 'allow' : 'pass';
    run.step('caller', outcome, callerRule.reason);
    if (callerRule.withoutPolicies)
      return { decision: 'allowed', step: 'caller', advice: NO_ADVICE };
  }

  // 1. Explicit deny anywhere wins ("Policy evaluation logic": deny evaluation).
  const denies = run.all.filter((p) => p.result === 'deny');
  if (denies.length > 0) {
    const first = denies[0] as PolicyOutcome;
    const reason: StepReason = {
      code: 'explicit-deny',
      denies: denies.map((p) => ref(p, p.deny as CompiledStatement)),
    };
    run.step('explicit-deny', 'deny', reason, run.all);
    return {
      decision: 'explicitDeny',
      step: 'explicit-deny',
      statement: { outcome: first, st: first.deny as CompiledStatement },
      advice: [reason],
    };
  }
  run.step('explicit-deny', 'pass', { code: 'no-explicit-deny', policies: run.all.length });

  // 2 and 3. Organization policies: every level on the path must allow.
  for (const [kind, levels, outs, exemption] of [
    ['rcp', o.rcpLevels, o.rcpOut, input.rcpExemption],
    ['scp', o.scpLevels, o.scpOut, input.scpExemption],
  ] as const) {
    if (!levels) {
      const why =
        exemption !== undefined
          ? 'given'
          : kind === 'scp' &&
              (caller.type === 'service' ||
                caller.type === 'anonymous' ||
                caller.type === 'federated')
            ? 'not-member'
            : caller.serviceLinkedRole
              ? 'service-linked'
              : 'none';
      const reason: StepReason = { code: 'org-exempt', kind, why };
      if (exemption !== undefined) reason.exemption = exemption;
      run.step(kind, 'not-applicable', reason);
      continue;
    }
    const failing = levels.findIndex((_, i) => !(outs[i] ?? []).some(ALLOWS));
    const flat = outs.flat();
    if (failing >= 0) {
      const level = (levels[failing] as PolicyLevel).name;
      return run.deny(kind, { code: 'org-level-denies', kind, level }, flat);
    }
    run.step(kind, 'pass', { code: 'org-all-levels-allow', kind }, flat);
  }

  // 3b. The VPC endpoint the request came through must allow it too.
  const endpoint = endpointStep(input, o.vpceOut, o.vpceLayerOut);
  if (endpoint) {
    const policies = [o.vpceOut, ...o.vpceLayerOut.map((l) => l.out)];
    if (endpoint.outcome === 'deny') return run.deny('vpc-endpoint', endpoint.reason, policies);
    run.step('vpc-endpoint', endpoint.outcome, endpoint.reason, policies);
  }
  // 3c. An S3 access point restricted to a VPC refuses requests from elsewhere.
  const origin = networkOriginStep(input, run.ctx);
  if (origin) {
    if (origin.outcome === 'deny') return run.deny('network-origin', origin.reason);
    run.step('network-origin', origin.outcome, origin.reason);
  }

  const rp = input.resourcePolicy;
  const policyKind: PrincipalMatchKind | undefined =
    rpOut?.result === 'allow' ? rpOut.allowKind : undefined;
  // 3d. S3 ACLs and Object Ownership: a grant is a resource-side Allow for an account, and an
  // object of another account is governed by its owner's ACL (s3-acl.ts). Where the ACL decides,
  // it stands for the resource-based policy in the words, and no policy statement is credited.
  const acl = input.s3Acl
    ? s3AclVerdict(input.s3Acl, caller, run.ctx.actionLower, policyKind)
    : undefined;
  if (acl)
    run.step('s3-acl', acl.outcome, {
      code: 's3-acl',
      detail: acl.explanation,
      ...(acl.aclName !== undefined ? { aclName: acl.aclName } : {}),
      ...(acl.resourceAccount !== undefined ? { resourceAccount: acl.resourceAccount } : {}),
    });
  const kind = acl ? acl.kind : policyKind;
  const rpGranting = acl?.aclName ? undefined : rpOut;
  const rpAllow = rpGranting?.allow;
  const hasPolicy = rp !== undefined || acl?.aclName !== undefined;
  const resourceAccount = acl?.resourceAccount ?? req.resourceAccount;
  // The trust policy decides only the sts actions on a role; any other action on a role is an
  // ordinary request.
  const trustAction = TRUST_ACTIONS.has(run.ctx.actionLower);
  const isAssume = trustAction && ROLE_ARN.test(resource);
  const isTrust = trustAction && (rp?.kind === 'trust' || isAssume);
  const isKms = rp?.kind === 'kms';
  // Anonymous callers and services: only a resource-based policy can allow them.
  if (caller.type === 'anonymous' || caller.type === 'service') {
    const ok = kind === 'wildcard' || (caller.type === 'service' && kind === 'service');
    if (ok) return run.rpAllows({ code: 'rp-allows-caller' }, rpOut, rpGranting);
    return run.rpDenies(rpOut, { code: 'rp-needed', needed: caller.type, hasPolicy });
  }

  // Federated identities: only the role's trust policy naming the provider allows AssumeRoleWith*.
  if (caller.type === 'federated') {
    if (isTrust && kind === 'federated')
      return run.rpAllows({ code: 'rp-allows-provider' }, rpOut, rpGranting);
    return run.rpDenies(rpOut, {
      code: isTrust ? 'federated-trust-missing' : 'federated-not-assume',
    });
  }

  const sameAccount =
    caller.account !== undefined &&
    (resourceAccount === undefined || resourceAccount === caller.account);

  // The root user: full access in its own account, but it cannot assume roles, KMS key policies
  // still decide, and across accounts the resource-based policy must allow it.
  if (caller.type === 'root') {
    if (isAssume) return run.rpDenies(rpOut, { code: 'root-cannot-assume' });
    if (isKms && !kind) return run.rpDenies(rpOut, { code: 'key-policy-missing', root: true });
    if (sameAccount) {
      run.step(
        'resource-policy',
        hasPolicy ? 'pass' : 'not-applicable',
        {
          code: 'root-own-account',
          hasPolicy,
          allows: kind !== undefined,
        },
        [rpOut],
      );
      run.step('root-user', 'allow', { code: 'root-full-access' });
      return {
        decision: 'allowed',
        step: 'root-user',
        statement: grantedBy(rpOut),
        advice: NO_ADVICE,
      };
    }
    if (kind) return run.rpAllows({ code: 'root-cross-account-allowed' }, rpOut, rpGranting);
    return run.rpDenies(rpOut, { code: 'root-cross-account-missing', hasPolicy });
  }

  // IAM users and role sessions.
  const idAllow = idOut.find(ALLOWS);
  if (isTrust && !kind)
    return run.rpDenies(rpOut, {
      code: 'trust-missing',
      hasPolicy,
      identityToo: !sameAccount && !idAllow,
    });
  if (isKms && !kind) return run.rpDenies(rpOut, { code: 'key-policy-missing', root: false });
  if (!sameAccount && !kind)
    return run.rpDenies(rpOut, { code: 'cross-account-missing', hasPolicy, identityToo: !idAllow });

  // Same account, a resource-based policy that names the caller itself grants on its own, but
  // which limits still apply depends on the ARN it names ("Policy evaluation logic", resource-based
  // policies): a user ARN is not limited by the user's boundary; an assumed-role session ARN is
  // limited by neither boundary nor session policy; a role ARN is limited by both. Naming only the
  // account delegates to the identity policies.
  const direct = sameAccount && kind !== undefined && kind !== 'account';
  const limitedByBoundary = direct && kind === 'role';
  const limitedBySession =
    direct &&
    (kind === 'role' ||
      caller.type === 'user' ||
      (caller.type === 'federated-user' && kind === 'user'));
  const hasBoundary = boundaryOut !== undefined;
  const hasSession = sessOut.length > 0;

  if (direct && !(limitedByBoundary && hasBoundary) && !(limitedBySession && hasSession))
    return run.rpAllows(
      {
        code: 'direct-grant',
        namedAs: kind,
        limitsIgnored: hasBoundary || hasSession,
      },
      rpOut,
      rpGranting,
    );
  if (run.trace) {
    const reason: StepReason = direct
      ? {
          code: 'direct-grant-limited',
          namedAs: kind,
          boundary: limitedByBoundary && hasBoundary,
          session: limitedBySession && hasSession,
        }
      : kind === 'account'
        ? { code: 'delegates-to-account' }
        : kind
          ? { code: 'cross-account-allows' }
          : !rp
            ? { code: 'no-resource-policy' }
            : { code: 'rp-does-not-allow' };
    run.step('resource-policy', !rp && !kind ? 'not-applicable' : 'pass', reason, [rpOut]);
  }

  // Identity-based policies.
  if (direct) run.step('identity-policy', 'pass', { code: 'identity-not-needed' }, idOut);
  else if (!idAllow) {
    const reason: StepReason = {
      code: 'identity-no-allow',
      count: idOut.length,
      offerResourcePolicy: sameAccount && hasPolicy && !isKms,
      trust: isTrust,
    };
    if (idOut.length === 1) reason.only = (idOut[0] as PolicyOutcome).source.name;
    return run.deny('identity-policy', reason, idOut);
  } else
    run.step(
      'identity-policy',
      'pass',
      { code: 'identity-allows', statement: ref(idAllow, idAllow.allow as CompiledStatement) },
      idOut,
    );

  // Permissions boundary.
  if (boundaryOut) {
    if (direct && !limitedByBoundary)
      run.step('boundary', 'not-applicable', { code: 'boundary-not-limiting', namedAs: kind }, [
        boundaryOut,
      ]);
    else if (boundaryOut.result !== 'allow')
      return run.deny(
        'boundary',
        { code: 'boundary-denies', name: boundaryOut.source.name, direct },
        [boundaryOut],
      );
    else
      run.step('boundary', 'pass', { code: 'boundary-allows', name: boundaryOut.source.name }, [
        boundaryOut,
      ]);
  }

  // Session policies.
  if (hasSession) {
    if (direct && !limitedBySession)
      run.step('session-policy', 'not-applicable', { code: 'session-not-limiting' }, sessOut);
    else if (!sessOut.some(ALLOWS))
      return run.deny('session-policy', { code: 'session-denies' }, sessOut);
    else run.step('session-policy', 'pass', { code: 'session-allows' }, sessOut);
  }

  const granting = direct
    ? grantedBy(rpGranting)
    : idAllow
      ? { outcome: idAllow, st: idAllow.allow as CompiledStatement }
      : undefined;
  if (run.trace) {
    const reason: StepReason = direct
      ? { code: 'final-direct' }
      : { code: 'final-identity', resourcePolicyToo: kind !== undefined };
    if (reason.code === 'final-identity' && granting)
      reason.statement = ref(granting.outcome, granting.st);
    run.step('final', 'allow', reason);
  }
  return { decision: 'allowed', step: 'final', statement: granting, advice: NO_ADVICE };
}

/** Steps after which a KMS grant can still allow: the policies that grant, not the limits. */
const GRANT_CAN_ALLOW = new Set<StepId>([
  'resource-policy',
  'identity-policy',
  'boundary',
  'session-policy',
]);

/**
 * 8. KMS grants ("Grants in AWS KMS"): when the policies leave a request on a key implicitly
 * denied, a grant for the caller that lists the operation (and whose constraint the request
 * meets) allows it. Explicit denies, SCPs, RCPs and the VPC endpoint policy were decided before
 * and still stop it. A grant to the caller's account needs an identity policy that allows too.
 */
function withGrants(
  run: Run,
  input: EvaluationInput,
  caller: Principal,
  d: Decided,
  idOut: PolicyOutcome[],
): Decided {
  const grants = input.kmsGrants;
  if (
    !grants ||
    grants.length === 0 ||
    d.decision !== 'implicitDeny' ||
    !GRANT_CAN_ALLOW.has(d.step)
  )
    return d;
  const matches = matchGrants(grants, caller, run.ctx.actionLower, input.request.context);
  const idAllows = idOut.some(ALLOWS);
  const granting = matches.find((m) => m.allows && (!m.viaAccount || idAllows));
  if (granting) {
    run.step('kms-grant', 'allow', {
      code: 'grant-allows',
      detail: granting.detail,
      viaAccount: granting.viaAccount,
    });
    return { decision: 'allowed', step: 'kms-grant', advice: NO_ADVICE };
  }
  const none: StepReason = {
    code: 'grant-none',
    grants: matches.map((m) => ({ detail: m.detail, needsIdentity: m.allows && m.viaAccount })),
  };
  run.step('kms-grant', 'deny', none);
  return { ...d, advice: [...d.advice, none] };
}

/**
 * 9. Further resource-based policies (resource-layers.ts): a request the steps above allowed
 * must be permitted by each layer too (the bucket behind an S3 access point). Each layer is its
 * own trace step, drawn before the step that allowed.
 */
function withLayers(
  run: Run,
  input: EvaluationInput,
  caller: Principal,
  d: Decided,
  idOut: PolicyOutcome[],
  layerOut: (PolicyOutcome | undefined)[],
): Decided {
  const layers = input.resourceLayers;
  if (!layers || layers.length === 0 || d.decision !== 'allowed' || d.step === 'caller') return d;
  const idAllows = idOut.some(ALLOWS);
  const final = run.steps.pop();
  for (const [i, layer] of layers.entries()) {
    const out = layerOut[i];
    const v = layerStep(layer, out, caller, idAllows);
    run.step('resource-layer', v.outcome, v.reason, [out]);
    if (v.outcome === 'deny') {
      // The step that allowed only passed: a later layer refused.
      if (final && final.outcome === 'allow' && final.id !== 'final') {
        final.outcome = 'pass';
        run.steps.splice(run.steps.length - 1, 0, final);
      }
      return { decision: 'implicitDeny', step: 'resource-layer', advice: [v.reason] };
    }
  }
  if (final) run.steps.push(final);
  return d;
}
