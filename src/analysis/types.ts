/**
 * The shapes the access analysis returns: plain data, JSON-serializable, so they cross the
 * worker boundary and print as `eval --json`.
 */
import type { Decision, JsonPath, StepId } from '../engine/index.ts';
import type { ManagedPolicyCatalog } from '../data/managed-policies.ts';
import type { AccessLevel } from '../data/service-reference.ts';
import type { Scenario } from '../model/index.ts';

/** A validated scenario with the AWS managed policies it references. */
export interface AnalysisWorld {
  scenario: Scenario;
  catalog: ManagedPolicyCatalog;
  /** The clock for aws:CurrentTime and friends (default: now). */
  now?: Date;
}

/**
 * What stopped a denied cell: the layer of AWS's evaluation logic that decided.
 * `missing trust`: the role's trust policy (or an instance profile's) does not let the caller in.
 */
export type DenyLayer =
  | 'explicit deny'
  | 'SCP'
  | 'RCP'
  | 'boundary'
  | 'session policy'
  | 'missing trust'
  | 'resource policy'
  | 'key policy'
  | 'VPC endpoint policy'
  | 'Block Public Access'
  | 'caller'
  | 'no allow'
  | 'unresolved';

export type Status = 'allowed' | 'conditional' | 'denied';

/** One (principal, action, resource) of the analysis. */
export interface Cell {
  principal: string;
  action: string;
  resource: string;
  /** `entry` a resource of the world, `other` any other resource of the action's ARN type, `*` an action without resources. */
  resourceKind: 'entry' | 'other' | '*';
  status: Status;
  /** The engine's decision for the request as the world gives it (no caller-supplied keys). */
  decision: Decision;
  /** The step that decided it. */
  step: StepId;
  /** For `denied`: the layer that stopped it even with every condition met. */
  layer?: DenyLayer;
  /** For `conditional`: the condition keys the caller must give values to (as written in the policies). */
  keys?: string[];
}

export interface ActionRow {
  action: string;
  access: AccessLevel;
  cells: Cell[];
}

export interface LevelGroup {
  access: AccessLevel;
  actions: ActionRow[];
}

export interface ServiceGroup {
  service: string;
  levels: LevelGroup[];
}

/** How much work the collapse saved. */
export interface AnalysisStats {
  actions: number;
  /** Classes of actions no statement of the world tells apart. */
  classes: number;
  cells: number;
  /** Distinct requests decided (one per class and resource). */
  requests: number;
  /** Engine decisions made: each request once, or three times when conditions are open (conditional.ts). */
  decisions: number;
}

export interface WhatCanResult {
  principal: string;
  services: ServiceGroup[];
  stats: AnalysisStats;
}

/** Who outside the world a resource's policy lets in (Access Analyzer's external principals). */
export interface OutsideCaller {
  kind: 'public' | 'account' | 'organization' | 'service' | 'federated' | 'principal';
  /** The account id, organization id, service principal, provider or principal ARN; `*` for public. */
  value: string;
  /** The policy document's path in the scenario and the statement's path inside it. */
  policy: JsonPath;
  statement: JsonPath;
  sid?: string;
  /** The actions (of those asked about) the statement allows. */
  actions: string[];
  /** Condition keys of the statement: what the caller must meet. */
  conditionKeys: string[];
}

export interface WhoCanResult {
  resource: string;
  /** Per principal of the world, its cells grouped like `whatCan`. */
  principals: { principal: string; services: ServiceGroup[] }[];
  outside: OutsideCaller[];
  stats: AnalysisStats;
}

/** Which actions `whoCan` asks about. */
export type WhoCanQuery = { action: string } | { accessLevel: AccessLevel } | { all: true };
