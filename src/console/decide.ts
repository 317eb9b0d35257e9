/**
 * One console request decided in a world, by the model and the engine. Used on the page's thread
 * by createConsoleDeps (command line, tests) and in the worker for the app's console
 * (src/worker/handlers.ts, `console-decide`), so both decide the same way.
 */
import type { ManagedPolicyCatalog } from '../data/managed-policies';
import { evaluate } from '../engine/index';
import { isAccountId, parseArn, resolveRequest } from '../model/index';
import type { ScenarioRequest } from '../model/index';
import type { DecisionOutcome, DecisionRequest } from './types';
import type { Scenario } from './world';

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
    ...(request.policyArns ? { policyArns: request.policyArns } : {}),
    ...(request.signIn ? { signIn: request.signIn } : {}),
    ...(request.federation ? { assume: [request.federation] } : {}),
  };
  // The caller's account exists even when the world does not list it yet (the root user of
  // 123456789012 in an empty world): decide as if it were listed with nothing in it.
  const account = parseArn(request.principal)?.account;
  const withCaller =
    account !== undefined && isAccountId(account) && !scenario.accounts?.[account]
      ? { ...scenario, accounts: { ...scenario.accounts, [account]: {} } }
      : scenario;
  const resolved = resolveRequest(withCaller, asked, { catalog, now });
  if (!resolved.ok) {
    return {
      decision: 'implicitDeny',
      reason: `The world cannot be evaluated: ${resolved.problems.map((p) => p.message).join(' ')}`,
    };
  }
  // A federated user's GetFederationToken call was decided when the console made it.
  for (const step of request.federation ? [] : resolved.chain) {
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
