/**
 * What the explorer's selection is, worked out from its path in the scenario, and the small
 * reads and writes the inspector's parts share (src/ui/explorer/Inspector.svelte dispatches on
 * the kind to one component per kind of entry).
 */
import type { JsonPath } from '../../../engine/index.ts';
import {
  deleteIn,
  isObject,
  policyUses,
  referenceToArn,
  setIn,
  type IdentityKind,
  type ScenarioDocument,
} from '../../../model/index.ts';

export type Selection =
  | { kind: 'organization' }
  | { kind: 'org-node'; node: JsonPath; name: string; isOu: boolean; isAccount: boolean }
  | { kind: 'org-policy'; name: string }
  | { kind: 'account'; account: string }
  | { kind: 'identity'; account: string; collection: IdentityKind; name: string }
  | { kind: 'profile'; account: string; name: string }
  | { kind: 'policy'; account: string; name: string }
  | { kind: 'inline'; account: string; collection: IdentityKind; owner: string; name: string }
  | { kind: 'trust'; account: string; role: string }
  | { kind: 'resource'; arn: string }
  | { kind: 'vpc-endpoint'; account: string; id: string }
  | { kind: 'access-point'; account: string; name: string }
  | { kind: 'scenario' }
  | { kind: 'none' };

export function classify(p: JsonPath): Selection {
  const [a, b, c, d, e, f] = p;
  if (p.length === 0) return { kind: 'scenario' };
  if (a === 'organization') {
    if (p.length === 1) return { kind: 'organization' };
    if (b === 'policies' && typeof c === 'string' && p.length === 3)
      return { kind: 'org-policy', name: c };
    if (b === 'root') {
      const last = String(p[p.length - 1]);
      const isAccount = p[p.length - 2] === 'accounts';
      const isOu = p[p.length - 2] === 'ous';
      return { kind: 'org-node', node: p, name: p.length === 2 ? 'Root' : last, isOu, isAccount };
    }
  }
  if (a === 'accounts' && typeof b === 'string') {
    if (p.length === 2) return { kind: 'account', account: b };
    if ((c === 'users' || c === 'groups' || c === 'roles') && typeof d === 'string') {
      if (p.length === 4) return { kind: 'identity', account: b, collection: c, name: d };
      if (e === 'inline' && typeof f === 'string')
        return { kind: 'inline', account: b, collection: c, owner: d, name: f };
      if (e === 'trust') return { kind: 'trust', account: b, role: d };
    }
    if (c === 'instanceProfiles' && typeof d === 'string')
      return { kind: 'profile', account: b, name: d };
    if (c === 'policies' && typeof d === 'string') return { kind: 'policy', account: b, name: d };
    if (c === 'vpcEndpoints' && typeof d === 'string' && p.length === 4)
      return { kind: 'vpc-endpoint', account: b, id: d };
    if (c === 'accessPoints' && typeof d === 'string' && p.length === 4)
      return { kind: 'access-point', account: b, name: d };
  }
  if (a === 'resources' && typeof b === 'string') return { kind: 'resource', arn: b };
  return { kind: 'none' };
}

/**
 * Makes a change as one step of the world's history, named by `label` ("delete role WebRole",
 * shown as "Undo: delete role WebRole"), announces `message`, and selects `next` when given
 * (`null`: nothing). A change to a locked document is refused and says why.
 */
export type Apply = (
  label: string,
  change: (s: ScenarioDocument) => ScenarioDocument,
  message: string,
  next?: JsonPath | null,
) => void;

/** Sets one field (for small fields that have no named edit). */
export function setField(s: ScenarioDocument, path: JsonPath, value: unknown): ScenarioDocument {
  return setIn(s, path, value) as ScenarioDocument;
}

/** Removes one field (for small fields that have no named edit). */
export function deleteField(s: ScenarioDocument, path: JsonPath): ScenarioDocument {
  return deleteIn(s, path) as ScenarioDocument;
}

/** An IAM entity's path (`/` when it has none), for its ARN. */
export function pathOf(value: unknown): string {
  return isObject(value) && typeof value['path'] === 'string' ? value['path'] : '/';
}

/** The strings of a list field (anything else reads as empty). */
export function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function keysOf(value: unknown): string[] {
  return isObject(value) ? Object.keys(value) : [];
}

/** A string field of an entry, or '' when it is not a string. */
export function textOf(entry: unknown, key: string): string {
  return isObject(entry) && typeof entry[key] === 'string' ? entry[key] : '';
}

/**
 * Where a customer managed policy of `account` is attached, for its inspector: "user alice",
 * "boundary of role Web" (the model's `policyUses`, by name or ARN, in that account).
 */
export function attachedToLabels(
  scenario: ScenarioDocument,
  account: string,
  policy: string,
): string[] {
  return policyUses(scenario, referenceToArn(account, policy))
    .filter((use) => use.account === account)
    .map(({ kind, name, as }) => {
      const what = `${kind.slice(0, -1)} ${name}`;
      return as === 'boundary' ? `boundary of ${what}` : what;
    });
}
