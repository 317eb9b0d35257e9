/**
 * The VPC endpoint step, following Amazon VPC's page "Control access to VPC endpoints using
 * endpoint policies" and IAM's "Policy evaluation logic":
 *
 * - a request that comes through a VPC endpoint is allowed only if the endpoint's policy allows
 *   it too; the endpoint policy grants nothing by itself and does not replace identity-based or
 *   resource-based policies (it is a limit, like an SCP or RCP, but written with Principal);
 * - an endpoint without a written policy has AWS's default policy, which allows everything to
 *   everyone (the model supplies it);
 * - a Deny in the endpoint policy is an explicit deny like any other (step 1);
 * - through an S3 access point, the endpoint policy must allow the access point and the bucket
 *   behind it (Amazon S3, "Creating access points restricted to a virtual private cloud").
 */
import type { PolicyOutcome } from './evaluate-policy.ts';
import type { EvaluationInput, StepOutcome } from './types.ts';

export interface EndpointStep {
  outcome: StepOutcome;
  explanation: string;
  /** What would have to change, when the endpoint policy stops the request. */
  toAllow: string[];
}

/** The outcome of the endpoint step, or undefined when the request did not come through one. */
export function endpointStep(
  input: EvaluationInput,
  out: PolicyOutcome | undefined,
  what: string,
  /** Its outcome on the resources behind the request's (the bucket behind an access point). */
  behind: { resource: string; out: PolicyOutcome | undefined }[] = [],
): EndpointStep | undefined {
  const endpoint = input.vpcEndpoint;
  if (!endpoint) return undefined;
  const missing =
    out?.result === 'allow' ? behind.find((b) => b.out?.result !== 'allow') : undefined;
  if (missing) {
    const action = what.slice(0, what.indexOf(' on '));
    return {
      outcome: 'deny',
      explanation: `The request came through VPC endpoint ${endpoint.id} to an access point; its endpoint policy allows ${what} but not ${action} on ${missing.resource} behind it. Through an access point, the endpoint policy must allow both.`,
      toAllow: [
        `the policy of VPC endpoint ${endpoint.id} must allow ${action} on ${missing.resource} too`,
      ],
    };
  }
  if (out?.result === 'allow')
    return {
      outcome: 'pass',
      explanation: `The request came through VPC endpoint ${endpoint.id}, and its endpoint policy allows ${what}. The endpoint policy only limits: the other policies must still allow.`,
      toAllow: [],
    };
  return {
    outcome: 'deny',
    explanation: `The request came through VPC endpoint ${endpoint.id}, and its endpoint policy does not allow ${what} for this caller. Every request through an endpoint must be allowed by the endpoint policy as well.`,
    toAllow: [
      `the policy of VPC endpoint ${endpoint.id} must allow ${what} for this caller (or send the request another way)`,
    ],
  };
}
