/**
 * Managed session policies: `policyArns` of a request (made by a role session) or of one STS
 * call of `assume`, as AssumeRole's and GetFederationToken's `PolicyArns` (AWS STS API
 * Reference; IAM User Guide, "Session policies"). Each names a managed policy, AWS managed or
 * customer managed in the account of the role (of the calling user, for GetFederationToken);
 * they are session policies like the inline `sessionPolicy`, which the engine intersects with
 * the identity side. AWS's limits: at most 10 ARNs, and the plaintext of the inline session
 * policy and the ARNs together at most 2,048 characters.
 */
import { DEFAULT_SIZE_LIMITS, type JsonPath, type PolicySource } from '../engine/index.ts';
import type { Checker } from './validate-checker.ts';

export const MAX_POLICY_ARNS = 10;
export const SESSION_PLAINTEXT_LIMIT = 2048;

/** Checks `policyArns` at `path`; `account` is the account the policies must be in, when known. */
export function checkPolicyArns(
  c: Checker,
  value: unknown,
  path: JsonPath,
  inline: unknown,
  account: string | undefined,
): void {
  const arns = c.stringList(value, path, '"policyArns"');
  if (arns.length > MAX_POLICY_ARNS)
    c.error(
      'too-many-policy-arns',
      path,
      `"policyArns" names ${arns.length} managed policies; AWS takes at most ${MAX_POLICY_ARNS} per call ("PolicyArns" of AssumeRole).`,
    );
  if (account !== undefined)
    arns.forEach((arn, i) => c.policyRef(account, arn, [...path, i], 'Managed session policy'));
  const inlineText = inline !== undefined && inline !== null ? JSON.stringify(inline).length : 0;
  const total = inlineText + arns.reduce((n, arn) => n + arn.length, 0);
  if (total > SESSION_PLAINTEXT_LIMIT)
    c.error(
      'session-policies-too-large',
      path,
      `The inline session policy (${inlineText} characters) and the managed policy ARNs (${total - inlineText}) come to ${total} characters; AWS takes at most ${SESSION_PLAINTEXT_LIMIT} for both together ("PolicyArns" of AssumeRole).`,
    );
}

/** What resolves a managed policy reference into a document (resolve.ts's PolicyCollector). */
export type PolicyReferenceResolver = (
  account: string,
  arn: string,
  path: JsonPath,
) => PolicySource;

/** The session policies a call passes: its inline one, then each of its managed ones. */
export function passedSessionPolicies(
  inline: unknown,
  inlinePath: JsonPath,
  inlineName: string,
  arns: readonly string[] | undefined,
  arnsPath: JsonPath,
  account: string,
  resolve: PolicyReferenceResolver,
): PolicySource[] | undefined {
  const out: PolicySource[] = [];
  if (inline !== undefined && inline !== null)
    out.push({ id: inlinePath, name: inlineName, kind: 'session', document: inline });
  (arns ?? []).forEach((arn, i) => {
    const source = resolve(account, arn, [...arnsPath, i]);
    out.push({
      ...source,
      kind: 'session',
      name: `${arn.slice(arn.lastIndexOf('/') + 1)} (managed session policy ${arn})`,
      // Its size is a managed policy's; only its ARN counts against the session's 2,048.
      sizeLimit: DEFAULT_SIZE_LIMITS.identity,
    });
  });
  return out.length > 0 ? out : undefined;
}
