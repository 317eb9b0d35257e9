/**
 * The vocabulary of world edits and the documents a new world, policy or trust policy starts from.
 */
import type { JsonObject } from '../json-path.ts';
import { SCENARIO_FORMAT, type ScenarioDocument } from '../scenario-types.ts';

/** The kinds of IAM identities an account holds, as their keys in the account object. */
export type IdentityKind = 'users' | 'groups' | 'roles';
/** Everything an account holds by name. */
export type AccountCollection = IdentityKind | 'instanceProfiles' | 'policies';
/** SCPs or RCPs, as their keys on organization nodes. */
export type OrgPolicyList = 'scps' | 'rcps';

export const POLICY_VERSION = '2012-10-17';

/** A new, empty scenario: valid, with no accounts and no requests. */
export function emptyScenario(title = 'Untitled scenario'): ScenarioDocument {
  return { format: SCENARIO_FORMAT, version: 1, title, accounts: {}, resources: {}, requests: [] };
}

/** The starting document of a new identity policy: one statement to fill in, as AWS's console offers. */
export function starterPolicy(): JsonObject {
  return {
    Version: POLICY_VERSION,
    Statement: [{ Sid: 'Statement1', Effect: 'Allow', Action: [], Resource: [] }],
  };
}

/** A role's starting trust policy: anyone in the same account whose identity policy allows it may assume it. */
export function starterTrustPolicy(account: string): JsonObject {
  return {
    Version: POLICY_VERSION,
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: 'sts:AssumeRole',
      },
    ],
  };
}

/** A new resource policy: no statements yet, so it grants nothing. */
export function emptyPolicy(): JsonObject {
  return { Version: POLICY_VERSION, Statement: [] };
}
