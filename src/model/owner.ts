/**
 * The account that owns a request's resource, in the format's order: the resource entry's
 * `account`; the account field of its ARN; for a role, the role's account (its ARN carries it);
 * otherwise the principal's own account, which the trace then says was assumed.
 */
import { bucketOf, parseArn } from './arn.ts';
import type { Scenario } from './scenario-types.ts';
import { getResourceEntry } from './world.ts';

export interface ResourceOwner {
  account?: string;
  /** Where the owner came from; `principal` means it was assumed. */
  source: 'resource-entry' | 'bucket-entry' | 'arn' | 'principal' | 'unknown';
}

/**
 * Finds the owner of `resource`. An object inside a bucket belongs to the bucket's owner when
 * its own entry does not say. `principalAccount` is the fallback (absent for anonymous and
 * service callers, whose owner is then unknown).
 */
export function resourceOwner(
  scenario: Scenario,
  resource: string,
  principalAccount?: string,
): ResourceOwner {
  const entryAccount = getResourceEntry(scenario, resource)?.account;
  if (typeof entryAccount === 'string') return { account: entryAccount, source: 'resource-entry' };
  const bucket = bucketOf(resource);
  const bucketAccount = bucket ? getResourceEntry(scenario, bucket)?.account : undefined;
  if (typeof bucketAccount === 'string') return { account: bucketAccount, source: 'bucket-entry' };
  const arn = parseArn(resource);
  if (arn && arn.account !== '' && arn.account !== 'aws')
    return { account: arn.account, source: 'arn' };
  if (principalAccount !== undefined) return { account: principalAccount, source: 'principal' };
  return { source: 'unknown' };
}
