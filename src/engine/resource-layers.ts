/**
 * Resource-based policies beyond the request's own: further layers that must each permit the
 * request, and an S3 access point's network origin. The case AWS has today is S3 access points
 * (Amazon S3 User Guide):
 *
 * - "Configuring IAM policies for using access points": a request through an access point must
 *   be permitted by the access point's policy (the request's own resource-based policy, decided
 *   at the `resource-policy` step) and by the underlying bucket's policy (a layer, decided at
 *   the `resource-layer` step). Each policy is evaluated against its own resource: the access
 *   point policy against the access point ARN (`arn:aws:s3:R:A:accesspoint/NAME[/object/KEY]`),
 *   the bucket policy against the bucket or object ARN. The caller's identity policies must
 *   allow the access point ARN.
 * - "Delegating access control to access points": the bucket permits by delegating, an Allow
 *   for Principal "*" limited by `s3:DataAccessPointAccount` (or `s3:DataAccessPointArn`); the
 *   access point policy then decides.
 * - Our reading of "permits" for a layer, after "Policy evaluation logic" and "Cross-account
 *   policy evaluation logic": its policy allows the caller (in any form), or the caller belongs
 *   to the layer's account and its identity policies allow the request (its own account's IAM
 *   policies speak for that account; the root user needs none). A layer that names only the
 *   caller's account needs the identity Allow too.
 * - "Creating access points restricted to a virtual private cloud": an access point whose
 *   network origin is VPC refuses every request that does not come from that VPC (through a
 *   VPC endpoint there, `aws:SourceVpc`), whatever the policies say.
 */
import type { PolicyOutcome } from './evaluate-policy.ts';
import type { RequestContext } from './context.ts';
import type { EvaluationInput, Principal, ResourceLayer, StepOutcome } from './types.ts';

export interface LayerStep {
  outcome: StepOutcome;
  explanation: string;
  toAllow: string[];
}

/** Whether one layer permits the request, and why. `idAllows`: an identity policy allows it. */
export function layerStep(
  layer: ResourceLayer,
  out: PolicyOutcome | undefined,
  caller: Principal,
  idAllows: boolean,
  what: string,
): LayerStep {
  const sameAccount = caller.account !== undefined && caller.account === layer.account;
  const ownAccountAllows = sameAccount && (idAllows || caller.type === 'root');
  const policyName = layer.policy ? `the policy of ${layer.name}` : undefined;
  if (out?.result === 'allow' && out.allowKind !== 'account') {
    return {
      outcome: 'pass',
      explanation: `${policyName} allows ${what} to this caller${out.allowKind === 'wildcard' ? ' (Principal "*", within its conditions)' : ''}, so this layer permits it as well.`,
      toAllow: [],
    };
  }
  if (out?.result === 'allow' && (idAllows || caller.type === 'root')) {
    return {
      outcome: 'pass',
      explanation: `${policyName} allows ${what} to the caller's account ${caller.account}, and the caller's identity policies allow it, so this layer permits it as well.`,
      toAllow: [],
    };
  }
  if (ownAccountAllows) {
    return {
      outcome: 'pass',
      explanation: `The caller belongs to account ${layer.account}, which owns ${layer.name}, and ${caller.type === 'root' ? 'its root user needs no policy there' : "that account's identity policies allow the request"}; ${policyName ? `${policyName} need not name it` : 'it has no policy of its own, and needs none'}.`,
      toAllow: [],
    };
  }
  const why = sameAccount
    ? `the caller's identity policies do not allow it and ${policyName ?? `${layer.name} has no policy that`} does not allow it either`
    : `the caller is not of account ${layer.account ?? '(unknown)'}, which owns ${layer.name}, so ${policyName ? `${policyName} must allow it, and it does not` : `only a policy on it could permit the request, and it has none`}`;
  return {
    outcome: 'deny',
    explanation: `${capital(layer.name)} must permit ${what} too, and ${why}.`,
    toAllow: [
      `${policyName ?? `a policy on ${layer.name}`} must allow ${what} for this caller${layer.advice ? ` (${layer.advice})` : ''}`,
    ],
  };
}

const capital = (s: string): string => (s[0]?.toUpperCase() ?? '') + s.slice(1);

/** The network-origin check of an access point restricted to a VPC, or undefined when none applies. */
export function networkOriginStep(
  input: EvaluationInput,
  ctx: RequestContext,
): LayerStep | undefined {
  const origin = input.networkOrigin;
  if (!origin) return undefined;
  const from = ctx.get('aws:sourcevpc')?.[0];
  if (from === origin.vpc)
    return {
      outcome: 'pass',
      explanation: `Access point ${origin.accessPoint} accepts requests only from VPC ${origin.vpc} (network origin VPC), and this request comes from it.`,
      toAllow: [],
    };
  return {
    outcome: 'deny',
    explanation: `Access point ${origin.accessPoint} accepts requests only from VPC ${origin.vpc} (network origin VPC); this request comes ${from === undefined ? 'from the internet (no VPC endpoint)' : `from VPC ${from}`}, so S3 refuses it whatever the policies say.`,
    toAllow: [
      `send the request through a VPC endpoint in ${origin.vpc}`,
      'or use an access point with network origin Internet',
    ],
  };
}
