/**
 * What "Attach policy" offers for what is being typed, and what it makes of what was typed.
 */
import { isArn } from '../../model/index.ts';
import { firstMatching, OPTIONS_LIMIT } from '../state/candidates.ts';

/** What "Attach policy" makes of what was typed: the reference to store, or why not. */
export type PolicyRefChoice = { ok: true; ref: string } | { ok: false; problem: string };

/**
 * Resolves what the user typed into "Attach policy": a customer managed policy of the account
 * by name, any ARN as typed, and a bare AWS managed policy name (AmazonS3ReadOnlyAccess) to its
 * ARN, since a scenario refers to AWS managed policies by ARN only. `managedArns` is the
 * shipped catalog's list.
 */
export function resolvePolicyRef(
  typed: string,
  account: string,
  own: readonly string[],
  managedArns: readonly string[],
): PolicyRefChoice {
  const ref = typed.trim();
  if (ref === '') return { ok: false, problem: 'Type a policy name or ARN.' };
  if (own.includes(ref)) return { ok: true, ref };
  if (ref.startsWith('arn:aws:iam::aws:policy/')) {
    if (managedArns.length === 0 || managedArns.includes(ref)) return { ok: true, ref };
    return { ok: false, problem: `No AWS managed policy has the ARN ${ref}.` };
  }
  if (isArn(ref)) return { ok: true, ref };
  const named = managedArns.filter((arn) => arn.slice(arn.lastIndexOf('/') + 1) === ref);
  if (named.length === 1) return { ok: true, ref: named[0]! };
  if (named.length > 1)
    return {
      ok: false,
      problem: `"${ref}" names ${named.length} AWS managed policies (${named.join(', ')}): attach one by its ARN.`,
    };
  return {
    ok: false,
    problem: `Account ${account} has no customer managed policy named "${ref}", and no AWS managed policy has that name. Create the policy first, or type an ARN.`,
  };
}

/** How many AWS managed policies "Attach policy" offers at once. */
export const MANAGED_OPTIONS_LIMIT = OPTIONS_LIMIT;

/**
 * The AWS managed policies (ARNs) "Attach policy" offers while `typed` is being typed: those
 * whose ARN contains it, ignoring case, the first `limit` in catalog order. The catalog has
 * about 1,600: a list of them all made the browser build and filter 1,600 options on each key.
 */
export function managedPolicyOptions(
  managedArns: readonly string[],
  typed: string,
  limit = MANAGED_OPTIONS_LIMIT,
): string[] {
  return firstMatching(managedArns, typed, (arn) => arn, limit);
}
