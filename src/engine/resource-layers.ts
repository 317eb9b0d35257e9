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
import type { LayerReason, LayerRef, NetworkOriginReason } from './reasons.ts';
import type { EvaluationInput, Principal, ResourceLayer, StepOutcome } from './types.ts';

export interface LayerStep {
  outcome: StepOutcome;
  reason: LayerReason;
}

/** Whether one layer permits the request, and why. `idAllows`: an identity policy allows it. */
export function layerStep(
  layer: ResourceLayer,
  out: PolicyOutcome | undefined,
  caller: Principal,
  idAllows: boolean,
): LayerStep {
  const ref: LayerRef = { name: layer.name, resource: layer.resource, hasPolicy: !!layer.policy };
  if (layer.account !== undefined) ref.account = layer.account;
  if (layer.advice !== undefined) ref.advice = layer.advice;
  const sameAccount = caller.account !== undefined && caller.account === layer.account;
  const root = caller.type === 'root';
  if (out?.result === 'allow' && out.allowKind !== 'account')
    return {
      outcome: 'pass',
      reason: { code: 'layer-policy-allows', layer: ref, wildcard: out.allowKind === 'wildcard' },
    };
  if (out?.result === 'allow' && (idAllows || root))
    return { outcome: 'pass', reason: { code: 'layer-account-and-identity', layer: ref } };
  if (sameAccount && (idAllows || root))
    return { outcome: 'pass', reason: { code: 'layer-own-account', layer: ref, root } };
  return { outcome: 'deny', reason: { code: 'layer-refuses', layer: ref, sameAccount } };
}

/** The network-origin check of an access point restricted to a VPC, or undefined when none applies. */
export function networkOriginStep(
  input: EvaluationInput,
  ctx: RequestContext,
): { outcome: StepOutcome; reason: NetworkOriginReason } | undefined {
  const origin = input.networkOrigin;
  if (!origin) return undefined;
  const from = ctx.get('aws:sourcevpc')?.[0];
  const facts = { accessPoint: origin.accessPoint, vpc: origin.vpc };
  if (from === origin.vpc) return { outcome: 'pass', reason: { code: 'origin-matches', ...facts } };
  const reason: NetworkOriginReason = { code: 'origin-differs', ...facts };
  if (from !== undefined) reason.from = from;
  return { outcome: 'deny', reason };
}
