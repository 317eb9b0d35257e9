/**
 * Where a managed policy is used: the users, groups and roles that have it attached or as their
 * permissions boundary, in every account, whether the world names it by name or by ARN.
 */
import { isArn } from '../arn.ts';
import { getIn, isObject } from '../json-path.ts';
import type { ScenarioDocument } from '../scenario-types.ts';
import type { IdentityKind } from './document.ts';
import { accountIds, namesIn } from './names.ts';
import { accountParts, reusingLast } from './reuse.ts';

/**
 * The policy ARN a reference stored in `account` stands for: a customer managed policy's name
 * in that account, or already an ARN (of any account, or an AWS managed policy).
 */
export function referenceToArn(account: string, reference: string): string {
  return isArn(reference) ? reference : `arn:aws:iam::${account}:policy/${reference}`;
}

/** One use of a managed policy: attached to (`policies`) or the `boundary` of an identity. */
export interface PolicyUse {
  account: string;
  kind: IdentityKind;
  name: string;
  as: 'policies' | 'boundary';
}

/**
 * Every use of the managed policy `arn`, in document order (an identity's attachment before its
 * boundary). Asked again after each keystroke in the policy: the last answer holds while the
 * identities are the same objects.
 */
export const policyUses = reusingLast(
  (scenario: ScenarioDocument, arn: string) => [
    arn,
    ...accountParts(scenario, ['users', 'groups', 'roles']),
  ],
  usesOf,
);

function usesOf(scenario: ScenarioDocument, arn: string): PolicyUse[] {
  const uses: PolicyUse[] = [];
  for (const account of accountIds(scenario)) {
    const names = (ref: unknown): boolean =>
      typeof ref === 'string' && referenceToArn(account, ref) === arn;
    for (const kind of ['users', 'groups', 'roles'] as const) {
      for (const name of namesIn(scenario, account, kind)) {
        const entry = getIn(scenario, ['accounts', account, kind, name]);
        if (!isObject(entry)) continue;
        const list = entry['policies'];
        if (Array.isArray(list) && list.some(names))
          uses.push({ account, kind, name, as: 'policies' });
        if (kind !== 'groups' && names(entry['boundary']))
          uses.push({ account, kind, name, as: 'boundary' });
      }
    }
  }
  return uses;
}
