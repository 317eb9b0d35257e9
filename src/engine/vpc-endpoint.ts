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
import type { EndpointReason } from './reasons.ts';
import type { EvaluationInput, StepOutcome } from './types.ts';

export interface EndpointStep {
  outcome: StepOutcome;
  reason: EndpointReason;
}

/** The outcome of the endpoint step, or undefined when the request did not come through one. */
export function endpointStep(
  input: EvaluationInput,
  out: PolicyOutcome | undefined,
  /** Its outcome on the resources behind the request's (the bucket behind an access point). */
  behind: { resource: string; out: PolicyOutcome | undefined }[] = [],
): EndpointStep | undefined {
  const endpoint = input.vpcEndpoint;
  if (!endpoint) return undefined;
  const missing =
    out?.result === 'allow' ? behind.find((b) => b.out?.result !== 'allow') : undefined;
  if (missing)
    return {
      outcome: 'deny',
      reason: { code: 'endpoint-misses-behind', endpoint: endpoint.id, behind: missing.resource },
    };
  if (out?.result === 'allow')
    return { outcome: 'pass', reason: { code: 'endpoint-allows', endpoint: endpoint.id } };
  return { outcome: 'deny', reason: { code: 'endpoint-denies', endpoint: endpoint.id } };
}
