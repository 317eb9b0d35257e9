/**
 * What a request to decide says about the console's caller (run.ts's permission checks,
 * assume-role, run-instances' iam:PassRole): one place, so every decision sees the same caller.
 */
import type { Caller } from './spec';
import type { DecisionRequest } from './types';
import type { Scenario } from './world';
import { sessionContext, userArn } from './world';

/**
 * The caller's part of a request to decide: who it is and what limits it (a role session's
 * session policies and tags, a sign-in, a federated user's GetFederationToken call).
 */
export function callerRequest(
  caller: Caller,
  scenario: Scenario,
): Pick<
  DecisionRequest,
  'principal' | 'context' | 'sessionPolicy' | 'policyArns' | 'signIn' | 'federation'
> {
  const federated = caller.federated;
  if (federated) {
    const path =
      federated.user === undefined
        ? undefined
        : scenario.accounts?.[federated.account]?.users?.[federated.user]?.path;
    return {
      principal:
        federated.user === undefined
          ? `arn:aws:iam::${federated.account}:root`
          : userArn(federated.account, federated.user, path),
      federation: {
        federatedUser: federated.name,
        ...(federated.sessionPolicy !== undefined
          ? { sessionPolicy: federated.sessionPolicy }
          : {}),
        ...(federated.policyArns ? { policyArns: federated.policyArns } : {}),
        ...(federated.tags ? { tags: federated.tags } : {}),
      },
    };
  }
  const session = caller.session;
  const carried = sessionContext(session);
  return {
    principal: caller.arn,
    ...(Object.keys(carried).length > 0 ? { context: carried } : {}),
    ...(session?.sessionPolicy !== undefined ? { sessionPolicy: session.sessionPolicy } : {}),
    ...(session?.policyArns ? { policyArns: session.policyArns } : {}),
    ...(caller.signIn ? { signIn: caller.signIn } : {}),
  };
}
