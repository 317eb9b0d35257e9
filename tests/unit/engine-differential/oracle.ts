/**
 * The oracle: @cloud-copilot/iam-simulate, an independent IAM evaluator.
 *
 * AGPL-licensed, so it is used only here and in tests/bench, never from src/.
 * `runSimulation` validates every policy, the action and the resource ARN against AWS's
 * service reference, and drops context keys that do not apply to the action. A case that
 * fails validation, or whose context it partly ignores, is a bug in our generators, not
 * a decision: it comes back as an `OracleProblem`, never silently as a deny.
 */
import {
  anonymousPrincipal,
  runSimulation,
  type Simulation,
  type SimulationRequestPrincipal,
} from '@cloud-copilot/iam-simulate';
import type { Decision } from '../../../src/engine/types.ts';
import type { DiffCase } from './world.ts';

/** The oracle's answer, or why it could not give one. */
export type OracleAnswer = { ok: true; decision: Decision } | { ok: false; problem: string };

/** Builds the iam-simulate input for a case. */
export function toSimulation(c: DiffCase): Simulation {
  let principal: SimulationRequestPrincipal;
  switch (c.principal.kind) {
    case 'user':
    case 'role-session':
    case 'federated-user':
      principal = c.principal.arn;
      break;
    case 'service':
      principal = c.principal.serviceName;
      break;
    case 'anonymous':
      principal = anonymousPrincipal;
      break;
  }
  const simulation: Simulation = {
    request: {
      principal,
      action: c.action,
      resource: { resource: c.resource, accountId: c.resourceAccount },
      contextVariables: { ...c.context },
    },
    identityPolicies: c.identityPolicies.map((p, i) => ({ name: `identity-${i}`, policy: p })),
    serviceControlPolicies: (c.scps ?? []).map((level, i) => ({
      orgIdentifier: `scp-level-${i}`,
      policies: level.map((p, j) => ({ name: `scp-${i}-${j}`, policy: p })),
    })),
    resourceControlPolicies: (c.rcps ?? []).map((level, i) => ({
      orgIdentifier: `rcp-level-${i}`,
      policies: level.map((p, j) => ({ name: `rcp-${i}-${j}`, policy: p })),
    })),
  };
  if (c.resourcePolicy) simulation.resourcePolicy = c.resourcePolicy;
  if (c.boundary)
    simulation.permissionBoundaryPolicies = [{ name: 'boundary', policy: c.boundary }];
  if (c.sessionPolicy) simulation.sessionPolicy = c.sessionPolicy;
  if (c.restrictPublicBuckets) simulation.additionalSettings = { s3: { blockPublicAccess: true } };
  return simulation;
}

const DECISIONS: Record<string, Decision> = {
  Allowed: 'allowed',
  ExplicitlyDenied: 'explicitDeny',
  ImplicitlyDenied: 'implicitDeny',
};

/** Decides a case with iam-simulate (strict mode). */
export async function oracleDecide(c: DiffCase): Promise<OracleAnswer> {
  const result = await runSimulation(toSimulation(c), {});
  if (result.resultType === 'error') {
    return {
      ok: false,
      problem: `iam-simulate refused the case: ${JSON.stringify(result.errors)}`,
    };
  }
  if (result.resultType === 'single') {
    const ignored = result.result.ignoredContextKeys ?? [];
    if (ignored.length > 0) {
      return { ok: false, problem: `iam-simulate ignored context keys ${ignored.join(', ')}` };
    }
  }
  const decision = DECISIONS[result.overallResult];
  if (!decision)
    return { ok: false, problem: `unknown iam-simulate result ${result.overallResult}` };
  return { ok: true, decision };
}
