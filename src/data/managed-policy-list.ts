/**
 * The shipped list of AWS managed policy ARNs, imported statically: for the command line, the
 * tests and the console, which want it at once. The app's worker loads it on demand instead
 * (`loadManagedPolicyArns`), so the first visit does not download it.
 */
import arnSuffixes from './generated/managed-policy-arns.js';
import {
  MANAGED_POLICY_PREFIX,
  managedPolicyNames,
  type ManagedPolicyNames,
} from './managed-policies.ts';

/** Every AWS managed policy ARN, sorted. */
export function managedPolicyArns(): readonly string[] {
  return arnSuffixes.map((suffix) => MANAGED_POLICY_PREFIX + suffix);
}

let shipped: ManagedPolicyNames | undefined;

/** The names of every AWS managed policy the shipped catalog holds. */
export function shippedManagedPolicyNames(): ManagedPolicyNames {
  shipped ??= managedPolicyNames(managedPolicyArns());
  return shipped;
}

/** True when `arn` is the ARN of an AWS managed policy that the catalog holds. */
export function isManagedPolicyArn(arn: string): boolean {
  return shippedManagedPolicyNames().has(arn);
}

/** Up to three AWS managed policy ARNs whose names are close to `name`, best first. */
export function suggestManagedPolicy(name: string): string[] {
  return shippedManagedPolicyNames().suggest(name);
}
