/**
 * The organization: its OUs, where each account stands, and the SCPs and RCPs attached to each node.
 */
import type { JsonPath } from '../../engine/types.ts';
import { deleteIn, getIn, isObject, renameKey, setIn, type JsonObject } from '../json-path.ts';
import { attachedRcps, attachedScps, RCP_FULL_AWS_ACCESS } from '../organization.ts';
import type { ScenarioDocument } from '../scenario-types.ts';
import { POLICY_VERSION, type OrgPolicyList } from './document.ts';
import { canRename, setField, updateEntry } from './entries.ts';
import { accountIds } from './names.ts';
import { mapRef } from './references.ts';

/**
 * Creates an organization: `organization` when given (the console's create-organization writes
 * AWS's: the caller's account alone, managing it), else one with every account under its root,
 * the first account managing it.
 */
export function addOrganization(
  scenario: ScenarioDocument,
  organization: JsonObject = starterOrganization(scenario),
): ScenarioDocument {
  if (isObject(scenario['organization'])) return scenario;
  return { ...scenario, organization };
}

function starterOrganization(scenario: ScenarioDocument): JsonObject {
  const ids = accountIds(scenario);
  const accounts: JsonObject = {};
  for (const id of ids) accounts[id] = {};
  const organization: JsonObject = { id: 'o-a1b2c3d4e5' };
  if (ids[0]) organization['managementAccount'] = ids[0];
  organization['policies'] = {};
  organization['root'] = { accounts, ous: {} };
  return organization;
}

/** Removes the organization: no SCP or RCP applies any more. */
export function deleteOrganization(scenario: ScenarioDocument): ScenarioDocument {
  return deleteIn(scenario, ['organization']) as ScenarioDocument;
}

/** Path of an organization node: the root, an OU (`ous` steps) or an account under one. */
export type OrgNodePath = JsonPath;
/** The organization root's path. */
export const ORG_ROOT: OrgNodePath = ['organization', 'root'];

/** Adds an OU under a node (the root or another OU); `entry` is its starting content. */
export function addOu(
  scenario: ScenarioDocument,
  parent: OrgNodePath,
  name: string,
  entry: JsonObject = { accounts: {}, ous: {} },
): ScenarioDocument {
  if (!isObject(getIn(scenario, parent))) return scenario;
  const ous = getIn(scenario, [...parent, 'ous']);
  if (isObject(ous) && Object.hasOwn(ous, name)) return scenario;
  return setIn(scenario, [...parent, 'ous', name], entry) as ScenarioDocument;
}

/** The path of the node `ous` names from the root, or of `account` under it when given. */
export function orgNodePath(ous: readonly string[], account?: string): OrgNodePath {
  const path: OrgNodePath = [...ORG_ROOT, ...ous.flatMap((name) => ['ous', name])];
  return account === undefined ? path : [...path, 'accounts', account];
}

/** Renames an OU. */
export function renameOu(
  scenario: ScenarioDocument,
  ouPath: OrgNodePath,
  newName: string,
): ScenarioDocument {
  const oldName = ouPath[ouPath.length - 1];
  if (typeof oldName !== 'string' || newName === '') return scenario;
  return renameKey(scenario, ouPath.slice(0, -1), oldName, newName) as ScenarioDocument;
}

/** Deletes an OU; its accounts move up to its parent, so no account leaves the organization by accident. */
export function deleteOu(scenario: ScenarioDocument, ouPath: OrgNodePath): ScenarioDocument {
  const ou = getIn(scenario, ouPath);
  if (!isObject(ou)) return scenario;
  const parent = ouPath.slice(0, -2);
  let next = deleteIn(scenario, ouPath) as ScenarioDocument;
  const accounts = ou['accounts'];
  if (isObject(accounts)) {
    for (const id of Object.keys(accounts))
      next = setIn(next, [...parent, 'accounts', id], accounts[id]) as ScenarioDocument;
  }
  return next;
}

/** Where an account stands in the organization tree, or null when it is not in it. */
export function findOrgAccount(scenario: ScenarioDocument, account: string): JsonPath | null {
  const search = (path: JsonPath): JsonPath | null => {
    const node = getIn(scenario, path);
    if (!isObject(node)) return null;
    const accounts = node['accounts'];
    if (isObject(accounts) && Object.hasOwn(accounts, account))
      return [...path, 'accounts', account];
    const ous = node['ous'];
    if (!isObject(ous)) return null;
    for (const name of Object.keys(ous)) {
      const found = search([...path, 'ous', name]);
      if (found) return found;
    }
    return null;
  };
  return search(ORG_ROOT);
}

/** Moves an account to another node (root or OU), keeping its own SCP and RCP attachments. */
export function moveAccount(
  scenario: ScenarioDocument,
  account: string,
  to: OrgNodePath,
): ScenarioDocument {
  const from = findOrgAccount(scenario, account);
  if (!isObject(getIn(scenario, to))) return scenario;
  const entry = from ? getIn(scenario, from) : {};
  const next = from ? (deleteIn(scenario, from) as ScenarioDocument) : scenario;
  return setIn(next, [...to, 'accounts', account], entry) as ScenarioDocument;
}

/** Adds an SCP or RCP document to the organization's policies (it is attached separately). */
export function addOrgPolicy(
  scenario: ScenarioDocument,
  name: string,
  document?: unknown,
): ScenarioDocument {
  if (!isObject(scenario['organization'])) return scenario;
  const policies = getIn(scenario, ['organization', 'policies']);
  if (isObject(policies) && Object.hasOwn(policies, name)) return scenario;
  const doc = document ?? {
    Version: POLICY_VERSION,
    Statement: [{ Sid: 'Statement1', Effect: 'Deny', Action: [], Resource: '*' }],
  };
  return setIn(scenario, ['organization', 'policies', name], doc) as ScenarioDocument;
}

/** The organization node paths (root, OUs, accounts), depth first. */
export function orgNodes(scenario: ScenarioDocument): JsonPath[] {
  const out: JsonPath[] = [];
  const walk = (path: JsonPath): void => {
    const node = getIn(scenario, path);
    if (!isObject(node)) return;
    out.push(path);
    const accounts = node['accounts'];
    if (isObject(accounts))
      for (const id of Object.keys(accounts)) out.push([...path, 'accounts', id]);
    const ous = node['ous'];
    if (isObject(ous)) for (const name of Object.keys(ous)) walk([...path, 'ous', name]);
  };
  walk(ORG_ROOT);
  return out;
}

/** Renames an organization policy and its attachments on every node. */
export function renameOrgPolicy(
  scenario: ScenarioDocument,
  oldName: string,
  newName: string,
): ScenarioDocument {
  const policies = getIn(scenario, ['organization', 'policies']);
  if (!isObject(policies) || !canRename(Object.keys(policies), oldName, newName)) return scenario;
  const next = renameKey(
    scenario,
    ['organization', 'policies'],
    oldName,
    newName,
  ) as ScenarioDocument;
  return mapOrgAttachments(next, oldName, () => newName);
}

/** Deletes an organization policy and detaches it from every node. */
export function deleteOrgPolicy(scenario: ScenarioDocument, name: string): ScenarioDocument {
  const next = deleteIn(scenario, ['organization', 'policies', name]) as ScenarioDocument;
  return mapOrgAttachments(next, name, () => undefined);
}

/** Applies `change` to every SCP and RCP attachment of `name`, on every node; undefined detaches it. */
function mapOrgAttachments(
  scenario: ScenarioDocument,
  name: string,
  change: (ref: unknown) => unknown,
): ScenarioDocument {
  const each = (ref: unknown): unknown => (ref === name ? change(ref) : ref);
  let next = scenario;
  for (const node of orgNodes(scenario)) {
    next = updateEntry(next, node, (entry) =>
      mapRef(mapRef(entry, 'scps', true, each), 'rcps', true, each),
    );
  }
  return next;
}

/**
 * The SCPs or RCPs attached to a node. A node without an `scps` list has FullAWSAccess, as in AWS;
 * RCPFullAWSAccess is always attached and is not listed.
 */
export function attachedOrgPolicies(
  scenario: ScenarioDocument,
  node: OrgNodePath,
  list: OrgPolicyList,
): string[] {
  const value = getIn(scenario, [...node, list]);
  if (list === 'scps') return attachedScps(value);
  return attachedRcps(value).filter((name) => name !== RCP_FULL_AWS_ACCESS);
}

/** Attaches an SCP or RCP to a node (making the default FullAWSAccess explicit, so it stays). */
export function attachOrgPolicy(
  scenario: ScenarioDocument,
  node: OrgNodePath,
  list: OrgPolicyList,
  name: string,
): ScenarioDocument {
  if (!isObject(getIn(scenario, node))) return scenario;
  const current = attachedOrgPolicies(scenario, node, list);
  if (current.includes(name)) return scenario;
  return setIn(scenario, [...node, list], [...current, name]) as ScenarioDocument;
}

/**
 * Detaches an SCP or RCP from a node. Detaching FullAWSAccess leaves an explicit, possibly empty,
 * SCP list (an empty one denies everything). An emptied RCP list means RCPFullAWSAccess alone, as
 * no list does; with `keepEmpty` false it is removed.
 */
export function detachOrgPolicy(
  scenario: ScenarioDocument,
  node: OrgNodePath,
  list: OrgPolicyList,
  name: string,
  keepEmpty = true,
): ScenarioDocument {
  if (!isObject(getIn(scenario, node))) return scenario;
  const current = attachedOrgPolicies(scenario, node, list);
  if (!current.includes(name)) return scenario;
  const rest = current.filter((n) => n !== name);
  return setField(
    scenario,
    node,
    list,
    rest.length > 0 || keepEmpty || list === 'scps' ? rest : null,
  );
}
