/**
 * The console's real dependencies: decisions by the scenario model (src/model resolves the
 * world into the engine's input) and the engine (src/engine decides), and the catalog of AWS
 * managed policies (src/data). Tests may build ConsoleDeps by hand instead.
 */
import { evaluate } from '../engine/index';
import type { ManagedPolicyCatalog } from '../data/managed-policies';
import { MANAGED_POLICY_PREFIX } from '../data/managed-policies';
import { managedPolicyArns } from '../data/managed-policy-list';
import type { ServiceReference } from '../data/service-reference';
import { checkPolicy } from '../findings/check-policy';
import { resolveRequest } from '../model/index';
import type { ScenarioRequest } from '../model/index';
import type { ConsoleDeps, DecisionOutcome, DecisionRequest, ManagedPolicyInfo } from './types';
import type { Scenario } from './world';

export interface ConsoleDepsOptions {
  /** AWS managed policy documents by ARN (load it with loadManagedPolicyCatalog). Empty: AWS managed policies have no documents. */
  catalog?: ManagedPolicyCatalog;
  /** The clock (default: the real one). */
  now?: () => Date;
  /**
   * AWS's service reference with the services a policy names loaded (loadReferenceFor), for
   * validate-policy. Without one, validate-policy is unavailable.
   */
  reference?: () => ServiceReference | undefined;
}

/**
 * Decides one request in a world: the model resolves it (with the instance-profile chain, if
 * any), the engine decides each step. A world the model cannot resolve (an invalid scenario,
 * mid-edit) decides nothing: the request is implicitly denied and the reason says why.
 */
export function decideInWorld(
  scenario: Scenario,
  request: DecisionRequest,
  catalog: ManagedPolicyCatalog,
  now: Date,
): DecisionOutcome {
  const asked: ScenarioRequest = {
    principal: request.principal,
    action: request.action,
    resource: request.resource,
    ...(request.context ? { context: request.context } : {}),
    ...(request.sessionPolicy !== undefined ? { sessionPolicy: request.sessionPolicy } : {}),
    ...(request.signIn ? { signIn: request.signIn } : {}),
  };
  // The caller's account exists even when the world does not list it yet (the root user of
  // 123456789012 in an empty world): decide as if it were listed with nothing in it.
  const account = /^arn:aws:(?:iam|sts)::(\d{12}):/.exec(request.principal)?.[1];
  const withCaller =
    account !== undefined && !scenario.accounts?.[account]
      ? { ...scenario, accounts: { ...scenario.accounts, [account]: {} } }
      : scenario;
  const resolved = resolveRequest(withCaller, asked, { catalog, now });
  if (!resolved.ok) {
    return {
      decision: 'implicitDeny',
      reason: `The world cannot be evaluated: ${resolved.problems.map((p) => p.message).join(' ')}`,
    };
  }
  for (const step of resolved.chain) {
    const result = evaluate(step.input);
    if (result.decision !== 'allowed')
      return { decision: result.decision, reason: step.failure, result };
  }
  if (!resolved.input) {
    return {
      decision: 'implicitDeny',
      reason: resolved.stop?.reason ?? 'The request cannot be made.',
    };
  }
  const result = evaluate(resolved.input);
  return { decision: result.decision, reason: result.trace?.summary ?? '', result };
}

function managedPolicyInfo(arn: string, catalog: ManagedPolicyCatalog): ManagedPolicyInfo {
  const suffix = arn.slice(MANAGED_POLICY_PREFIX.length);
  const slash = suffix.lastIndexOf('/');
  const document = catalog.get(arn);
  return {
    arn,
    name: suffix.slice(slash + 1),
    path: slash < 0 ? '/' : `/${suffix.slice(0, slash + 1)}`,
    // The catalog keeps the current document only; AWS's version numbers are not part of it.
    defaultVersionId: 'v1',
    ...(document !== undefined ? { document: document as ManagedPolicyInfo['document'] } : {}),
  };
}

/** The console's dependencies wired to the model, the engine and the managed-policy catalog. */
export function createConsoleDeps(options: ConsoleDepsOptions = {}): ConsoleDeps {
  const catalog: ManagedPolicyCatalog = options.catalog ?? new Map();
  const now = options.now ?? (() => new Date());
  let arns: Set<string> | undefined;
  return {
    now,
    decide: async (scenario, request) => decideInWorld(scenario, request, catalog, now()),
    evaluate: async (input) => evaluate(input),
    ...(options.reference
      ? {
          checkPolicy: async (document, kind) => {
            const ref = options.reference!();
            if (!ref) throw new Error("AWS's service reference is not loaded");
            return checkPolicy(document, kind, ref);
          },
        }
      : {}),
    managedPolicies: {
      get(arn) {
        arns ??= new Set(managedPolicyArns());
        return arns.has(arn) ? managedPolicyInfo(arn, catalog) : undefined;
      },
      list: () => managedPolicyArns().map((arn) => managedPolicyInfo(arn, catalog)),
    },
  };
}
