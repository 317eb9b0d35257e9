/**
 * The organization tree: where each account stands, and which SCPs and RCPs apply on its path.
 *
 * Defaults follow AWS (and the format): a node without an `scps` key has `FullAWSAccess`;
 * `RCPFullAWSAccess` is attached to every node and cannot be removed.
 */
import type { JsonPath, PolicyLevel, PolicySource } from '../engine/index.ts';
import type { OrgAccount, OrgNode, Organization } from './scenario-types.ts';
import { getOwn, isRecord } from './own.ts';

export const FULL_AWS_ACCESS = 'FullAWSAccess';
export const RCP_FULL_AWS_ACCESS = 'RCPFullAWSAccess';

/** The built-in SCP that AWS attaches by default: allow everything. */
export const FULL_AWS_ACCESS_DOCUMENT = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
} as const;

/** The built-in RCP attached to every node: allow everything to everyone. */
export const RCP_FULL_AWS_ACCESS_DOCUMENT = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
} as const;

/** One node on an account's path: the root, an OU, or the account itself. */
export interface OrgLevel {
  /** `Root`, `OU Workloads`, `Account 111122223333`. */
  name: string;
  /** JSON path of the node in the scenario. */
  path: JsonPath;
  /** The `scps` list as written; undefined when the key is absent (AWS's default applies). */
  scps: readonly string[] | undefined;
  rcps: readonly string[] | undefined;
}

/** Every account placed in the organization tree, with its path from the root. */
export interface OrgPlacement {
  account: string;
  levels: OrgLevel[];
  /** True for the management account when the tree does not place it: it then sits under the root. */
  implicit: boolean;
}

function stringList(value: unknown): readonly string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

function levelOf(node: OrgAccount | OrgNode, name: string, path: JsonPath): OrgLevel {
  return {
    name,
    path,
    scps:
      isRecord(node) && Object.hasOwn(node, 'scps') ? stringList(getOwn(node, 'scps')) : undefined,
    rcps:
      isRecord(node) && Object.hasOwn(node, 'rcps') ? stringList(getOwn(node, 'rcps')) : undefined,
  };
}

/**
 * Each organization's places, by the organization value: the world is replaced, never mutated,
 * and every request of a world asks for them (an access analysis of an account of 50 accounts
 * asked thousands of times). Shared: not to be changed by the caller.
 */
const places = new WeakMap<object, ReadonlyMap<string, OrgPlacement>>();

/**
 * Walks the tree and returns each account's place. An account listed twice keeps its first
 * place (validation reports the second). Tolerates malformed input: it reads what it can.
 */
export function placeAccounts(
  organization: Organization | undefined,
): ReadonlyMap<string, OrgPlacement> {
  if (!isRecord(organization)) return new Map();
  let placed = places.get(organization);
  if (!placed) places.set(organization, (placed = walkPlaces(organization)));
  return placed;
}

function walkPlaces(organization: Organization): Map<string, OrgPlacement> {
  const placements = new Map<string, OrgPlacement>();
  if (!isRecord(organization)) return placements;
  const root = getOwn(organization, 'root');
  const rootNode: OrgNode = isRecord(root) ? (root as OrgNode) : {};
  const rootPath: JsonPath = ['organization', 'root'];

  // Depth is bounded by the parser's nesting limit; an explicit stack keeps it simple anyway.
  const stack: { node: OrgNode; levels: OrgLevel[]; path: JsonPath }[] = [
    { node: rootNode, levels: [levelOf(rootNode, 'Root', rootPath)], path: rootPath },
  ];
  while (stack.length > 0) {
    const { node, levels, path } = stack.shift()!;
    const accounts = getOwn(node, 'accounts');
    if (isRecord(accounts)) {
      for (const [id, entry] of Object.entries(accounts)) {
        if (placements.has(id)) continue;
        const accountPath = [...path, 'accounts', id];
        const accountNode: OrgAccount = isRecord(entry) ? (entry as OrgAccount) : {};
        placements.set(id, {
          account: id,
          levels: [...levels, levelOf(accountNode, `Account ${id}`, accountPath)],
          implicit: false,
        });
      }
    }
    const ous = getOwn(node, 'ous');
    if (isRecord(ous)) {
      for (const [name, child] of Object.entries(ous)) {
        const childPath = [...path, 'ous', name];
        const childNode: OrgNode = isRecord(child) ? (child as OrgNode) : {};
        stack.push({
          node: childNode,
          levels: [...levels, levelOf(childNode, `OU ${name}`, childPath)],
          path: childPath,
        });
      }
    }
  }

  const management = getOwn(organization, 'managementAccount');
  if (typeof management === 'string' && !placements.has(management)) {
    placements.set(management, {
      account: management,
      levels: [
        levelOf(rootNode, 'Root', rootPath),
        {
          name: `Account ${management}`,
          path: ['organization', 'managementAccount'],
          scps: undefined,
          rcps: undefined,
        },
      ],
      implicit: true,
    });
  }
  return placements;
}

function policySource(organization: Organization, name: string, kind: 'scp' | 'rcp'): PolicySource {
  const builtin = kind === 'scp' ? name === FULL_AWS_ACCESS : name === RCP_FULL_AWS_ACCESS;
  const declared = isRecord(organization.policies)
    ? getOwn(organization.policies, name)
    : undefined;
  const document =
    builtin && declared === undefined
      ? kind === 'scp'
        ? FULL_AWS_ACCESS_DOCUMENT
        : RCP_FULL_AWS_ACCESS_DOCUMENT
      : declared;
  return {
    id: ['organization', 'policies', name],
    // The engine adds the kind and the level: "SCP FullAWSAccess (AWS managed) at Root".
    name: builtin ? `${name} (AWS managed)` : name,
    kind,
    document,
  };
}

/**
 * The SCPs attached to an organization node (the root, an OU or an account): its `scps` list, or,
 * when it has none, FullAWSAccess, which AWS attaches to every node by default.
 */
export function attachedScps(scps: unknown): string[] {
  return Array.isArray(scps)
    ? scps.filter((n): n is string => typeof n === 'string')
    : [FULL_AWS_ACCESS];
}

/** The RCPs in force on an organization node: RCPFullAWSAccess, always attached, then those listed. */
export function attachedRcps(rcps: unknown): string[] {
  const listed = Array.isArray(rcps) ? rcps.filter((n): n is string => typeof n === 'string') : [];
  return [RCP_FULL_AWS_ACCESS, ...listed.filter((n) => n !== RCP_FULL_AWS_ACCESS)];
}

/** The SCPs on each level of an account's path, with AWS's default where a node has no `scps` key. */
export function scpLevels(organization: Organization, placement: OrgPlacement): PolicyLevel[] {
  return placement.levels.map((level) => ({
    name: level.name,
    policies: attachedScps(level.scps).map((name) => policySource(organization, name, 'scp')),
  }));
}

/** The RCPs on each level of an account's path: RCPFullAWSAccess always, plus those listed. */
export function rcpLevels(organization: Organization, placement: OrgPlacement): PolicyLevel[] {
  return placement.levels.map((level) => {
    return {
      name: level.name,
      policies: attachedRcps(level.rcps).map((name) => policySource(organization, name, 'rcp')),
    };
  });
}
