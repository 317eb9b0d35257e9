/**
 * The console's dependencies on the same thread: decisions by the scenario model (src/model
 * resolves the world into the engine's input) and the engine (src/engine decides), and the
 * catalog of AWS managed policies (src/data). The command line and tests use these; the app's
 * console uses the worker's (src/worker/console-deps.ts). Tests may build ConsoleDeps by hand too.
 */
import { evaluate } from '../engine/index';
import type { ManagedPolicyCatalog } from '../data/managed-policies';
import { MANAGED_POLICY_PREFIX } from '../data/managed-policies';
import { managedPolicyArns } from '../data/managed-policy-list';
import type { ServiceReference } from '../data/service-reference';
import { checkPolicy } from '../findings/index';
import { decideInWorld } from './decide';
import type { ConsoleDeps, ManagedPolicyInfo } from './types';

export { decideInWorld };

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

/** An AWS managed policy by its ARN (name and path from the ARN), with its document when one is given. */
export function managedPolicyInfo(arn: string, document?: unknown): ManagedPolicyInfo {
  const suffix = arn.slice(MANAGED_POLICY_PREFIX.length);
  const slash = suffix.lastIndexOf('/');
  return {
    arn,
    name: suffix.slice(slash + 1),
    path: slash < 0 ? '/' : `/${suffix.slice(0, slash + 1)}`,
    // The catalog keeps the current document only; AWS's version numbers are not part of it.
    defaultVersionId: 'v1',
    ...(document !== undefined ? { document: document as ManagedPolicyInfo['document'] } : {}),
  };
}

/** The AWS managed policies the program knows (the shipped list of ARNs), documents from `documentOf`. */
export function knownManagedPolicies(
  documentOf: (arn: string) => unknown,
): NonNullable<ConsoleDeps['managedPolicies']> {
  let arns: Set<string> | undefined;
  return {
    get(arn) {
      arns ??= new Set(managedPolicyArns());
      return arns.has(arn) ? managedPolicyInfo(arn, documentOf(arn)) : undefined;
    },
    list: () => managedPolicyArns().map((arn) => managedPolicyInfo(arn, documentOf(arn))),
  };
}

/** The console's dependencies wired to the model, the engine and the managed-policy catalog. */
export function createConsoleDeps(options: ConsoleDepsOptions = {}): ConsoleDeps {
  const catalog: ManagedPolicyCatalog = options.catalog ?? new Map();
  const now = options.now ?? (() => new Date());
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
    managedPolicies: knownManagedPolicies((arn) => catalog.get(arn)),
  };
}
