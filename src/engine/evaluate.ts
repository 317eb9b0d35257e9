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
import {
  describeCaller,
  describeIdentityOwner,
  describePolicy,
  describeStatement,
  roleName,
} from './describe.ts';
import { evaluatePolicy, type PolicyEvalOptions, type PolicyOutcome } from './evaluate-policy.ts';
import { compilePolicy, type CompiledStatement } from './policy.ts';
import type { PrincipalMatchKind } from './principals.ts';
import { s3AclVerdict } from './s3-acl.ts';
import { restrictPublicBuckets } from './s3-public-access.ts';
import { matchGrants } from './kms-grants.ts';
import { stsCallerRule } from './sts-callers.ts';
import { endpointStep } from './vpc-endpoint.ts';
import { layerStep, networkOriginStep } from './resource-layers.ts';
import type {
  Decision,
  EvaluationInput,
  EvaluationOptions,
  EvaluationResult,
  PolicyLevel,
  PolicySource,
  PolicyTrace,
  Principal,
  StepId,
  StepOutcome,
  TraceStep,
} from './types.ts';

/** Every step of the trace with its title (exported so the UI can check it draws them all). */
export const TITLES: Record<StepId, string> = {
  // Decided by the scenario model before the engine runs; listed so every step has a title.
  authentication: 'Authentication',
  resolution: 'Resolution',
  'instance-profile': 'Instance profile',
  caller: 'Who may call this operation',
  'explicit-deny': 'Explicit deny in any policy',
  rcp: 'Resource control policies (RCPs)',
  scp: 'Service control policies (SCPs)',
  'vpc-endpoint': 'VPC endpoint policy',
  'network-origin': 'Access point network origin',
  's3-acl': 'S3 Object Ownership and ACLs',
  'resource-policy': 'Resource-based policy',
  'resource-layer': 'Further resource-based policy',
  'identity-policy': 'Identity-based policies',
  boundary: 'Permissions boundary',
  'session-policy': 'Session policies',
  's3-public-access': 'S3 Block Public Access',
  'root-user': 'Root user',
  'kms-grant': 'KMS grants',
  final: 'Decision',
};

/** Actions decided with the role's trust policy as the resource-based policy (scenario format, "Roles are resources too"). */
export const TRUST_ACTIONS: ReadonlySet<string> = new Set([
  'sts:assumerole',
  'sts:assumerolewithwebidentity',
  'sts:assumerolewithsaml',
  'sts:tagsession',
  'sts:setsourceidentity',
]);
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\//;

interface Decided {
  decision: Decision;
  step: StepId;
  statement?: { outcome: PolicyOutcome; st: CompiledStatement };
  toAllow: string[];
}

const capital = (s: string): string => (s[0]?.toUpperCase() ?? '') + s.slice(1);

class Run {
  readonly steps: TraceStep[] = [];
  readonly all: PolicyOutcome[] = [];
  constructor(
    readonly trace: boolean,
    readonly ctx: RequestContext,
    readonly opts: PolicyEvalOptions,
  ) {}

  /** Evaluates one policy; `ctx` when it is evaluated against another resource (a layer). */
  evaluate(
    source: PolicySource | undefined,
    level?: string,
    ctx: RequestContext = this.ctx,
  ): PolicyOutcome | undefined {
    if (!source || typeof source !== 'object') return undefined;
    const compiled = compilePolicy(source.document, source.kind);
    const o = evaluatePolicy(
      source,
      compiled,
      ctx,
      level === undefined ? this.opts : { ...this.opts, level },
    );
    this.all.push(o);
    return o;
  }

  step(
    id: StepId,
    outcome: StepOutcome,
    explanation: string,
    outcomes: (PolicyOutcome | undefined)[],
    title: string = TITLES[id],
  ): void {
    const policies: PolicyTrace[] = [];
    for (const o of outcomes) if (o?.trace) policies.push(o.trace);
    this.steps.push({
      id,
      title,
      outcome,
      explanation: capital(explanation),
      policies,
    });
  }
}

const ALLOWS = (o: PolicyOutcome | undefined): boolean => o?.result === 'allow';

/**
 * Decides one request. Never throws: malformed input ends in an implicit deny whose trace says why.
 */
export function evaluate(input: EvaluationInput, options?: EvaluationOptions): EvaluationResult {
  try {
    return decide(input, options?.trace !== false);
  } catch (e) {
    const why = `The request could not be evaluated: ${e instanceof Error ? e.message : String(e)}.`;
    const result: EvaluationResult = { decision: 'implicitDeny', decidingStep: 'final' };
    if (options?.trace !== false) {
      result.trace = {
        steps: [
          { id: 'final', title: TITLES.final, outcome: 'deny', explanation: why, policies: [] },
        ],
        decidingStep: 'final',
        summary: why,
        toAllow: [],
        notes: [why],
      };
    }
    return result;
  }
}

function decide(input: EvaluationInput, trace: boolean): EvaluationResult {
  const req = input.request;
  const caller: Principal =
    req.principal && typeof req.principal === 'object'
      ? req.principal
      : { type: 'anonymous', arn: 'anonymous' };
  const ctx = new RequestContext(req);
  const type = caller.type;
  // A federated user (GetFederationToken) acts with its IAM user's policies, limited by the
  // session policy it was given ("Permissions for GetFederationToken").
  const isPerson =
    type === 'user' || type === 'role-session' || type === 'root' || type === 'federated-user';
  const hasSessions = type === 'user' || type === 'role-session' || type === 'federated-user';
  const notes: string[] = trace ? [...(input.notes ?? [])] : [];

  const boundarySource = hasSessions ? input.boundary : undefined;
  const run = new Run(trace, ctx, {
    trace,
    caller,
    callerHasBoundary: boundarySource !== undefined,
  });

  // Which policies apply. Only IAM users, role sessions and the root user have identity policies.
  const identitySources = isPerson ? (input.identityPolicies ?? []) : [];
  if (trace && !isPerson && (input.identityPolicies?.length ?? 0) > 0) {
    notes.push(`Identity policies were ignored: ${describeCaller(caller)} has none of its own.`);
  }
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

  const steps = decideSteps(
    run,
    input,
    caller,
    rcpLevels,
    rcpOut,
    scpLevels,
    scpOut,
    vpceOut,
    vpceLayerOut,
    rpOut,
    idOut,
    boundaryOut,
    sessOut,
  );
  const d = s3PublicAccess(
    run,
    input,
    caller,
    withLayers(run, input, caller, withGrants(run, input, caller, steps, idOut), idOut, layerOut),
    notes,
  );
  const result: EvaluationResult = { decision: d.decision, decidingStep: d.step };
  if (trace) {
    const last = run.steps[run.steps.length - 1];
    const head =
      d.decision === 'allowed'
        ? 'Allowed.'
        : d.decision === 'explicitDeny'
          ? 'Denied explicitly.'
          : d.step === 'caller'
            ? 'Denied implicitly (AWS refuses this kind of caller for this operation).'
            : 'Denied implicitly (no Deny applies, but not everything that must allow it does).';
    result.trace = {
      steps: run.steps,
      decidingStep: d.step,
      summary:
        `${head} ${capital(describeCaller(caller))} asked for ${req.action} on ${req.resource}. ${last ? last.explanation : ''}`.trim(),
      toAllow: d.decision === 'allowed' ? [] : d.toAllow,
      notes,
    };
    if (d.statement)
      result.trace.decidingStatement = {
        policyId: d.statement.outcome.source.id,
        path: d.statement.st.path,
      };
  }
  return result;
}

/**
 * S3 Block Public Access, after AWS's policy logic: RestrictPublicBuckets refuses a request
 * the policies allow when the bucket policy is public and the caller is neither an AWS service
 * principal nor of the bucket owner's account (s3-public-access.ts; "Blocking public access to
 * your Amazon S3 storage"). A request the policies already deny stays as it was. Recorded as an
 * explicit deny: no change to any policy can lift it, only the setting can.
 */
function s3PublicAccess(
  run: Run,
  input: EvaluationInput,
  caller: Principal,
  d: Decided,
  notes: string[],
): Decided {
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
    if (run.trace && v.blocked) notes.push(`${capital(v.why)} (The policies deny it already.)`);
    return d;
  }
  if (!v.blocked) {
    if (run.trace) {
      const final = run.steps.pop();
      run.step('s3-public-access', 'pass', v.why, []);
      if (final) run.steps.push(final);
    }
    return d;
  }
  if (run.trace) {
    const last = run.steps[run.steps.length - 1];
    if (last?.outcome === 'allow') last.outcome = 'pass';
    run.step('s3-public-access', 'deny', v.why, []);
  }
  const where = (settings.setBy.RestrictPublicBuckets ?? []).join(' and ');
  return {
    decision: 'explicitDeny',
    step: 's3-public-access',
    toAllow: run.trace
      ? [
          `make the policy of bucket ${settings.bucket} not public (limit ${v.publicStatement.sid !== undefined ? `statement "${v.publicStatement.sid}"` : 'its public statement'} to fixed principals or fixed condition values)`,
          `or turn RestrictPublicBuckets off on the ${where || 'bucket and account'}`,
        ]
      : [],
  };
}

function stmtName(o: PolicyOutcome, st: CompiledStatement): string {
  return `${describeStatement(st)} of ${describePolicy(o.source.kind, o.source.name, o.level)}`;
}

function decideSteps(
  run: Run,
  input: EvaluationInput,
  caller: Principal,
  rcpLevels: PolicyLevel[] | undefined,
  rcpOut: PolicyOutcome[][],
  scpLevels: PolicyLevel[] | undefined,
  scpOut: PolicyOutcome[][],
  vpceOut: PolicyOutcome | undefined,
  vpceLayerOut: { resource: string; out: PolicyOutcome | undefined }[],
  rpOut: PolicyOutcome | undefined,
  idOut: PolicyOutcome[],
  boundaryOut: PolicyOutcome | undefined,
  sessOut: PolicyOutcome[],
): Decided {
  const T = run.trace;
  const req = input.request;
  const action = req.action;
  const resource = req.resource;
  const who = describeCaller(caller);
  const what = `${action} on ${resource}`;

  // 0. Some AWS STS operations refuse whole kinds of caller, and some need no permission at all,
  // whatever the policies say ("Compare AWS STS credentials", "Permissions for
  // GetSessionToken", GetCallerIdentity in the AWS STS API Reference; see sts-callers.ts).
  const callerRule = stsCallerRule(caller, run.ctx.actionLower);
  if (callerRule) {
    const outcome = !callerRule.allowed ? 'deny' : callerRule.withoutPolicies ? 'allow' : 'pass';
    if (T) run.step('caller', outcome, callerRule.why, []);
    if (!callerRule.allowed)
      return { decision: 'implicitDeny', step: 'caller', toAllow: T ? callerRule.toAllow : [] };
    if (callerRule.withoutPolicies) return { decision: 'allowed', step: 'caller', toAllow: [] };
  }

  // 1. Explicit deny anywhere wins ("Policy evaluation logic": deny evaluation).
  const denies = run.all.filter((o) => o.result === 'deny');
  if (denies.length > 0) {
    const first = denies[0] as PolicyOutcome;
    if (T) {
      run.step(
        'explicit-deny',
        'deny',
        `${stmtName(first, first.deny as CompiledStatement)} explicitly denies ${what}. An explicit deny in any applicable policy overrides every allow.`,
        run.all,
      );
    }
    return {
      decision: 'explicitDeny',
      step: 'explicit-deny',
      statement: { outcome: first, st: first.deny as CompiledStatement },
      toAllow: T
        ? denies.map(
            (o) => `remove or narrow the Deny in ${stmtName(o, o.deny as CompiledStatement)}`,
          )
        : [],
    };
  }
  if (T)
    run.step(
      'explicit-deny',
      'pass',
      `No Deny statement applies in the ${run.all.length} ${run.all.length === 1 ? 'policy' : 'policies'} considered.`,
      [],
    );

  // 2 and 3. Organization policies: every level on the path must allow.
  for (const [id, levels, outs, exemption, whose] of [
    ['rcp', rcpLevels, rcpOut, input.rcpExemption, "resource's"],
    ['scp', scpLevels, scpOut, input.scpExemption, "principal's"],
  ] as const) {
    if (!levels) {
      if (T) {
        const why =
          exemption ??
          (id === 'scp' &&
          (caller.type === 'service' || caller.type === 'anonymous' || caller.type === 'federated')
            ? `SCPs restrict only principals of member accounts; ${who} is not one.`
            : caller.serviceLinkedRole
              ? `${id.toUpperCase()}s do not restrict service-linked roles.`
              : `No ${id.toUpperCase()} applies to this request.`);
        run.step(id, 'not-applicable', why, []);
      }
      continue;
    }
    const failing = levels.findIndex((_, i) => !(outs[i] ?? []).some(ALLOWS));
    const flat = outs.flat();
    if (failing >= 0) {
      const level = (levels[failing] as PolicyLevel).name;
      if (T) {
        run.step(
          id,
          'deny',
          `At ${level}, no ${id.toUpperCase()} allows ${what}. Every level from the organization root down to the ${whose} account must allow the request.`,
          flat,
        );
      }
      return {
        decision: 'implicitDeny',
        step: id,
        toAllow: [
          id === 'scp'
            ? `attach an SCP at ${level} that allows ${what} (for example FullAWSAccess)`
            : `an RCP attached at ${level} must allow ${what} (RCPFullAWSAccess does)`,
        ],
      };
    }
    if (T)
      run.step(
        id,
        'pass',
        `At every level from the root down to the ${whose} account, an ${id.toUpperCase()} allows ${what}.`,
        flat,
      );
  }

  // 3b. The VPC endpoint the request came through must allow it too.
  const endpoint = endpointStep(input, vpceOut, what, vpceLayerOut);
  if (endpoint) {
    if (T)
      run.step('vpc-endpoint', endpoint.outcome, endpoint.explanation, [
        vpceOut,
        ...vpceLayerOut.map((l) => l.out),
      ]);
    if (endpoint.outcome === 'deny')
      return { decision: 'implicitDeny', step: 'vpc-endpoint', toAllow: T ? endpoint.toAllow : [] };
  }
  // 3c. An S3 access point restricted to a VPC refuses requests from elsewhere.
  const origin = networkOriginStep(input, run.ctx);
  if (origin) {
    if (T) run.step('network-origin', origin.outcome, origin.explanation, []);
    if (origin.outcome === 'deny')
      return { decision: 'implicitDeny', step: 'network-origin', toAllow: T ? origin.toAllow : [] };
  }

  const rp = input.resourcePolicy;
  const policyKind: PrincipalMatchKind | undefined =
    rpOut?.result === 'allow' ? rpOut.allowKind : undefined;
  // 3d. S3 ACLs and Object Ownership: a grant is a resource-side Allow for an account, and an
  // object of another account is governed by its owner's ACL (s3-acl.ts).
  const acl = input.s3Acl
    ? s3AclVerdict(input.s3Acl, caller, run.ctx.actionLower, policyKind)
    : undefined;
  if (acl && T) run.step('s3-acl', acl.outcome, acl.explanation, []);
  const kind = acl ? acl.kind : policyKind;
  const rpAllow = acl?.aclName ? undefined : rpOut?.allow;
  const rpName = acl?.aclName ?? (rp ? describePolicy(rp.kind, rp.name) : 'resource-based policy');
  const resourceAccount = acl?.resourceAccount ?? req.resourceAccount;
  // The trust policy decides only the sts actions on a role; any other action on a role is an
  // ordinary request.
  const trustAction = TRUST_ACTIONS.has(run.ctx.actionLower);
  const isAssume = trustAction && ROLE_ARN.test(resource);
  const isTrust = trustAction && (rp?.kind === 'trust' || isAssume);
  const isKms = rp?.kind === 'kms';
  const grantedBy = (): Decided['statement'] =>
    rpOut && rpAllow ? { outcome: rpOut, st: rpAllow } : undefined;
  const rpStep = (outcome: StepOutcome, explanation: string): void => {
    if (T) run.step('resource-policy', outcome, explanation, [rpOut]);
  };
  const deny = (step: StepId, toAllow: string[]): Decided => ({
    decision: 'implicitDeny',
    step,
    toAllow: T ? toAllow : [],
  });

  // Anonymous callers and services: only a resource-based policy can allow them.
  if (caller.type === 'anonymous' || caller.type === 'service') {
    const ok = kind === 'wildcard' || (caller.type === 'service' && kind === 'service');
    const needed =
      caller.type === 'anonymous'
        ? 'Principal "*"'
        : `Principal {"Service": "${caller.serviceName ?? caller.arn}"} (or "*")`;
    if (ok) {
      rpStep('allow', `${rpName} allows ${what} to ${who}.`);
      return { decision: 'allowed', step: 'resource-policy', statement: grantedBy(), toAllow: [] };
    }
    rpStep(
      'deny',
      `${capital(who)} has no identity policies: only a resource-based policy that allows ${needed} can allow it, and ${rp ? `${rpName} does not` : 'this resource has none'}.`,
    );
    return deny('resource-policy', [
      `the resource-based policy of ${resource} must allow ${needed} to perform ${action}`,
    ]);
  }

  // Federated identities: only the role's trust policy naming the provider allows AssumeRoleWith*.
  if (caller.type === 'federated') {
    if (isTrust && kind === 'federated') {
      rpStep('allow', `${rpName} allows ${what} to the identity provider ${caller.arn}.`);
      return { decision: 'allowed', step: 'resource-policy', statement: grantedBy(), toAllow: [] };
    }
    if (!isTrust) {
      rpStep(
        'deny',
        `A federated identity can only assume a role (sts:AssumeRoleWithWebIdentity or sts:AssumeRoleWithSAML) whose trust policy names its provider; it has no other permissions.`,
      );
      return deny('resource-policy', [
        `assume a role whose trust policy allows {"Federated": "${caller.arn}"}, then make the request as that role`,
      ]);
    }
    rpStep(
      'deny',
      `The trust policy of role ${roleName(resource)} does not allow ${action} by {"Federated": "${caller.arn}"}.`,
    );
    return deny('resource-policy', [
      `the trust policy of role ${roleName(resource)} must allow {"Federated": "${caller.arn}"} to perform ${action}`,
    ]);
  }

  const acct = caller.account ?? '?';
  const sameAccount =
    caller.account !== undefined &&
    (resourceAccount === undefined || resourceAccount === caller.account);

  // The root user: full access in its own account, but it cannot assume roles, KMS key policies
  // still decide, and across accounts the resource-based policy must allow it.
  if (caller.type === 'root') {
    if (isAssume) {
      rpStep(
        'deny',
        'The account root user cannot assume roles ("IAM roles" page: roles are assumed by IAM users, roles, services and federated identities, never by the root user).',
      );
      return deny('resource-policy', []);
    }
    if (isKms && !kind) {
      rpStep(
        'deny',
        `${rpName} does not allow ${who}. A KMS key policy must allow access, itself or by delegating to the account (Principal arn:aws:iam::${acct}:root), even for the root user.`,
      );
      return deny('resource-policy', [
        `the key policy must allow arn:aws:iam::${acct}:root to perform ${action}`,
      ]);
    }
    if (sameAccount) {
      rpStep(
        rp ? 'pass' : 'not-applicable',
        rp
          ? `${rpName} ${kind ? 'allows' : 'does not need to allow'} this for the account's own root user.`
          : 'The resource has no resource-based policy.',
      );
      if (T)
        run.step(
          'root-user',
          'allow',
          `${capital(who)} has full access to its own account's resources; no identity policy is needed.`,
          [],
        );
      return { decision: 'allowed', step: 'root-user', statement: grantedBy(), toAllow: [] };
    }
    if (kind) {
      rpStep(
        'allow',
        `${rpName} allows ${what} to account ${acct}; its root user has every permission in its own account, so both sides allow.`,
      );
      return { decision: 'allowed', step: 'resource-policy', statement: grantedBy(), toAllow: [] };
    }
    rpStep(
      'deny',
      `This request crosses accounts (${acct} → ${resourceAccount}), so the resource-based policy must allow it, and ${rp || acl?.aclName ? `${rpName} does not` : 'the resource has none'}.`,
    );
    return deny('resource-policy', [
      `the resource-based policy of ${resource} must allow account ${acct} (arn:aws:iam::${acct}:root) to perform ${action}`,
    ]);
  }

  // IAM users and role sessions.
  const owner = describeIdentityOwner(caller);
  const idAllow = idOut.find(ALLOWS);
  const idSuggestion = `add an Allow for ${what} to an identity policy of ${owner}`;
  if (isTrust && !kind) {
    const extra =
      !sameAccount && !idAllow ? [`${idSuggestion} (across accounts, both sides must allow)`] : [];
    rpStep(
      'deny',
      `${rp ? `The trust policy of role ${roleName(resource)} does not allow` : `Role ${roleName(resource)} has no trust policy that allows`} ${who} to perform ${action}. A role can be assumed only when its trust policy allows it, even within its own account; an identity policy alone is never enough.`,
    );
    return deny('resource-policy', [
      `the trust policy of role ${roleName(resource)} must allow ${caller.arn}${caller.roleArn ? ` (or ${caller.roleArn})` : ''} to perform ${action}`,
      ...extra,
    ]);
  }
  if (isKms && !kind) {
    rpStep(
      'deny',
      `${rpName} does not allow ${who}. A KMS key policy must allow access, itself or by delegating to the account (Principal arn:aws:iam::${acct}:root), before any identity policy counts.`,
    );
    return deny('resource-policy', [
      `the key policy must allow ${caller.arn} (or delegate to account ${acct} with Principal arn:aws:iam::${acct}:root) to perform ${action}`,
    ]);
  }
  if (!sameAccount && !kind) {
    const extra = idAllow ? [] : [`${idSuggestion} (across accounts, both sides must allow)`];
    rpStep(
      'deny',
      `This request crosses accounts (${acct} → ${resourceAccount}): the resource-based policy must allow it as well as the identity policies of the caller, and ${rp || acl?.aclName ? `${rpName} does not allow it` : 'the resource has no resource-based policy'} ("Cross-account policy evaluation logic").`,
    );
    return deny('resource-policy', [
      `the resource-based policy of ${resource} must allow ${caller.arn} (or account ${acct}) to perform ${action}`,
      ...extra,
    ]);
  }

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
  const namedAs =
    kind === 'role'
      ? 'the role ARN'
      : kind === 'session'
        ? 'the session ARN'
        : kind === 'user'
          ? 'the user ARN'
          : kind === 'wildcard'
            ? '"*"'
            : kind;

  if (direct && !(limitedByBoundary && hasBoundary) && !(limitedBySession && hasSession)) {
    rpStep(
      'allow',
      `${rpName} allows ${what} to ${who}, named as ${namedAs}, in the same account: that grants access on its own, without an identity policy${hasBoundary || hasSession ? ', and an implicit deny in a permissions boundary or session policy does not limit it' : ''}.`,
    );
    return { decision: 'allowed', step: 'resource-policy', statement: grantedBy(), toAllow: [] };
  }
  if (T) {
    if (direct)
      rpStep(
        'pass',
        `${rpName} allows ${what} to ${who} by ${namedAs}; in the same account that grants on its own, but the ${[limitedByBoundary && hasBoundary ? 'permissions boundary' : '', limitedBySession && hasSession ? 'session policy' : ''].filter(Boolean).join(' and ')} still limit${limitedByBoundary && hasBoundary && limitedBySession && hasSession ? '' : 's'} it.`,
      );
    else if (kind === 'account')
      rpStep(
        'pass',
        `${rpName} allows ${what} to account ${acct} as a whole: that delegates to the account's identity policies, which must allow it too.`,
      );
    else if (kind)
      rpStep(
        'pass',
        `${rpName} allows ${what} to ${who}; across accounts, the caller's identity policies must allow it too.`,
      );
    else if (!rp)
      rpStep(
        'not-applicable',
        'The resource has no resource-based policy; identity policies decide.',
      );
    else
      rpStep(
        'pass',
        `${rpName} does not allow ${what} to ${who}; in the same account an identity policy can still allow it.`,
      );
  }

  // Identity-based policies.
  if (direct) {
    if (T)
      run.step('identity-policy', 'pass', `Not needed: ${rpName} grants this directly.`, idOut);
  } else if (!idAllow) {
    if (T) {
      run.step(
        'identity-policy',
        'deny',
        idOut.length === 0
          ? `${capital(owner)} has no identity-based policies, so nothing allows ${what}.`
          : idOut.length === 1
            ? `The identity-based policy ${idOut[0]?.source.name} of ${owner} does not allow ${what}.`
            : `None of the ${idOut.length} identity-based policies of ${owner} allows ${what}.`,
        idOut,
      );
    }
    const alt =
      sameAccount && rp && !isKms
        ? [
            `or let ${rpName} allow ${caller.arn} directly${isTrust ? '' : ' (in the same account that is enough)'}`,
          ]
        : [];
    return deny('identity-policy', [idSuggestion, ...alt]);
  } else if (T) {
    const o = idOut.find(ALLOWS) as PolicyOutcome;
    run.step(
      'identity-policy',
      'pass',
      `${stmtName(o, o.allow as CompiledStatement)} allows ${what}.`,
      idOut,
    );
  }

  // Permissions boundary.
  if (boundaryOut) {
    if (direct && !limitedByBoundary) {
      if (T)
        run.step(
          'boundary',
          'not-applicable',
          `An implicit deny in the permissions boundary does not limit what a same-account resource-based policy grants to ${namedAs}.`,
          [boundaryOut],
        );
    } else if (boundaryOut.result !== 'allow') {
      if (T) {
        run.step(
          'boundary',
          'deny',
          `The permissions boundary ${boundaryOut.source.name} does not allow ${what}. A boundary sets the most that identity policies${direct ? ' and resource-based grants to the role ARN' : ''} can allow.`,
          [boundaryOut],
        );
      }
      return deny('boundary', [
        `the permissions boundary ${boundaryOut.source.name} must allow ${what}`,
      ]);
    } else if (T)
      run.step(
        'boundary',
        'pass',
        `The permissions boundary ${boundaryOut.source.name} allows ${what}.`,
        [boundaryOut],
      );
  }

  // Session policies.
  if (hasSession) {
    if (direct && !limitedBySession) {
      if (T)
        run.step(
          'session-policy',
          'not-applicable',
          `A session policy does not limit what a resource-based policy grants to the session ARN.`,
          sessOut,
        );
    } else if (!sessOut.some(ALLOWS)) {
      if (T)
        run.step(
          'session-policy',
          'deny',
          `No session policy allows ${what}. Session policies limit what the session may do.`,
          sessOut,
        );
      return deny('session-policy', [`the session policy must allow ${what}`]);
    } else if (T) run.step('session-policy', 'pass', `A session policy allows ${what}.`, sessOut);
  }

  const granting = direct
    ? grantedBy()
    : ((o) => (o ? { outcome: o, st: o.allow as CompiledStatement } : undefined))(
        idOut.find(ALLOWS),
      );
  if (T) {
    run.step(
      'final',
      'allow',
      direct
        ? `${rpName} grants ${what} and the limits that apply to that grant allow it.`
        : `${granting ? stmtName(granting.outcome, granting.st) : 'An identity policy'} allows ${what}${kind ? ` and ${rpName} allows it too` : ''}; no step denied it.`,
      [],
    );
  }
  return { decision: 'allowed', step: 'final', statement: granting, toAllow: [] };
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
  const T = run.trace;
  if (granting) {
    if (T)
      run.step(
        'kms-grant',
        'allow',
        `${granting.detail}${granting.viaAccount ? ' The grant names the account, and an identity policy of the caller allows it.' : ''} A grant allows on its own what the key policy and identity policies did not.`,
        [],
      );
    return { decision: 'allowed', step: 'kms-grant', toAllow: [] };
  }
  if (T) {
    const lines = matches.map((m) =>
      m.allows && m.viaAccount
        ? `${m.detail} It names the account, so an identity policy must allow too, and none does.`
        : m.detail,
    );
    run.step('kms-grant', 'deny', `No grant allows it. ${lines.join(' ')}`, []);
  }
  return {
    ...d,
    toAllow: T
      ? [
          ...d.toAllow,
          `or create a KMS grant for ${caller.roleArn ?? caller.arn} with this operation`,
        ]
      : [],
  };
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
  const T = run.trace;
  const idAllows = idOut.some(ALLOWS);
  const final = T ? run.steps.pop() : undefined;
  for (const [i, layer] of layers.entries()) {
    const out = layerOut[i];
    const v = layerStep(
      layer,
      out,
      caller,
      idAllows,
      `${input.request.action} on ${layer.resource}`,
    );
    if (T) run.step('resource-layer', v.outcome, v.explanation, [out], capital(layer.name));
    if (v.outcome === 'deny') {
      if (T && final) {
        // The step that allowed only passed: a later layer refused.
        if (final.outcome === 'allow' && final.id !== 'final') {
          final.outcome = 'pass';
          run.steps.splice(run.steps.length - 1, 0, final);
        }
      }
      return { decision: 'implicitDeny', step: 'resource-layer', toAllow: T ? v.toAllow : [] };
    }
  }
  if (final) run.steps.push(final);
  return d;
}
