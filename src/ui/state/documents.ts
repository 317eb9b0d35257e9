/**
 * The documents of a scenario that the editor can open, named by their JSON path in it.
 *
 * A document is a policy (identity, trust, resource, SCP, RCP, session) or the whole scenario
 * (the empty path). Trace statements carry the same paths as `policyId`, which is what lets a
 * click in the trace open the right document.
 */
import type { JsonPath, PolicyKind } from '../../engine/index.ts';
import { getIn, isKeyArn, isObject, orgNodes, type ScenarioDocument } from '../../model/index.ts';

/** What a document is, for the editor's title and the validator's rules. */
export type DocumentKind = PolicyKind | 'scenario';

export interface DocumentInfo {
  path: JsonPath;
  kind: DocumentKind;
  /** e.g. `S3Read — customer managed policy in 111122223333`. */
  title: string;
  /** False when nothing stands at the path in this scenario (deleted, or never there). */
  exists: boolean;
}

const IDENTITY_WORD: Record<string, string> = { users: 'user', groups: 'group', roles: 'role' };

/** Names the document at `path`, or returns null when the path is no document the editor opens. */
export function describeDocument(scenario: ScenarioDocument, path: JsonPath): DocumentInfo | null {
  const exists = path.length === 0 || getIn(scenario, path) !== undefined;
  const [a, b, c, d, e, f] = path;
  if (path.length === 0) return { path, kind: 'scenario', title: 'Scenario (whole JSON)', exists };
  if (a === 'accounts' && typeof b === 'string') {
    if (c === 'policies' && typeof d === 'string' && path.length === 4) {
      return { path, kind: 'identity', title: `${d} — customer managed policy in ${b}`, exists };
    }
    if ((c === 'users' || c === 'groups' || c === 'roles') && typeof d === 'string') {
      if (e === 'inline' && typeof f === 'string' && path.length === 6) {
        return {
          path,
          kind: 'identity',
          title: `${f} — inline policy of ${IDENTITY_WORD[c]} ${d}`,
          exists,
        };
      }
      if (c === 'roles' && e === 'trust' && path.length === 5) {
        return { path, kind: 'trust', title: `Trust policy of role ${d}`, exists };
      }
    }
    if (c === 'vpcEndpoints' && typeof d === 'string' && e === 'policy' && path.length === 5) {
      return { path, kind: 'vpc-endpoint', title: `Endpoint policy of ${d} in ${b}`, exists };
    }
  }
  if (a === 'resources' && typeof b === 'string' && c === 'policy' && path.length === 3) {
    const kind: PolicyKind = isKeyArn(b) ? 'kms' : 'resource';
    const what =
      b.startsWith('arn:aws:s3:::') && !b.includes('/')
        ? 'Bucket policy'
        : kind === 'kms'
          ? 'Key policy'
          : 'Resource policy';
    return { path, kind, title: `${what} of ${b}`, exists };
  }
  if (a === 'organization' && b === 'policies' && typeof c === 'string' && path.length === 3) {
    const kind = orgPolicyKind(scenario, c);
    return {
      path,
      kind,
      title: `${c} — ${kind === 'rcp' ? 'resource' : 'service'} control policy`,
      exists,
    };
  }
  if (a === 'requests' && typeof b === 'number' && c === 'sessionPolicy' && path.length === 3) {
    const id = getIn(scenario, ['requests', b, 'id']);
    return {
      path,
      kind: 'session',
      title: `Session policy of request ${typeof id === 'string' ? id : b + 1}`,
      exists,
    };
  }
  return null;
}

/**
 * The history's name for typing in the document at `path`: "edit trust policy of role WebRole",
 * "edit S3Read — customer managed policy in 111122223333", "edit the whole scenario".
 */
export function documentEditLabel(scenario: ScenarioDocument, path: JsonPath): string {
  if (path.length === 0) return 'edit the whole scenario';
  const title = describeDocument(scenario, path)?.title ?? path.join(' / ');
  // "Trust policy of …" reads as a phrase; a title that starts with a name keeps its case.
  const phrase = /^[A-Z][a-z]+ policy of /.test(title);
  return `edit ${phrase ? title[0]!.toLowerCase() + title.slice(1) : title}`;
}

/** An organization policy is an RCP when some node lists it under `rcps`, else an SCP. */
export function orgPolicyKind(scenario: ScenarioDocument, name: string): 'scp' | 'rcp' {
  for (const node of orgNodes(scenario)) {
    const rcps = getIn(scenario, [...node, 'rcps']);
    if (Array.isArray(rcps) && rcps.includes(name)) return 'rcp';
  }
  const doc = getIn(scenario, ['organization', 'policies', name]);
  // An unattached document that names principals can only be an RCP (SCPs have no Principal element).
  const statements = isObject(doc) ? doc['Statement'] : undefined;
  const list = Array.isArray(statements) ? statements : [statements];
  if (list.some((s) => isObject(s) && ('Principal' in s || 'NotPrincipal' in s))) return 'rcp';
  return 'scp';
}

/** Every document in the scenario, in the order the explorer shows them. */
export function listDocuments(scenario: ScenarioDocument): DocumentInfo[] {
  const out: DocumentInfo[] = [];
  const push = (path: JsonPath): void => {
    const info = describeDocument(scenario, path);
    if (info) out.push(info);
  };
  const keys = (value: unknown): string[] => (isObject(value) ? Object.keys(value) : []);
  for (const name of keys(getIn(scenario, ['organization', 'policies'])))
    push(['organization', 'policies', name]);
  for (const account of keys(scenario['accounts'])) {
    for (const name of keys(getIn(scenario, ['accounts', account, 'policies'])))
      push(['accounts', account, 'policies', name]);
    for (const id of keys(getIn(scenario, ['accounts', account, 'vpcEndpoints'])))
      if (getIn(scenario, ['accounts', account, 'vpcEndpoints', id, 'policy']) !== undefined)
        push(['accounts', account, 'vpcEndpoints', id, 'policy']);
    for (const kind of ['users', 'groups', 'roles'] as const) {
      for (const name of keys(getIn(scenario, ['accounts', account, kind]))) {
        if (kind === 'roles') push(['accounts', account, kind, name, 'trust']);
        for (const p of keys(getIn(scenario, ['accounts', account, kind, name, 'inline']))) {
          push(['accounts', account, kind, name, 'inline', p]);
        }
      }
    }
  }
  for (const arn of keys(scenario['resources'])) {
    if (getIn(scenario, ['resources', arn, 'policy']) !== undefined)
      push(['resources', arn, 'policy']);
  }
  const requests = scenario['requests'];
  if (Array.isArray(requests)) {
    requests.forEach((r: unknown, i) => {
      if (isObject(r) && r['sessionPolicy'] !== undefined && r['sessionPolicy'] !== null)
        push(['requests', i, 'sessionPolicy']);
    });
  }
  return out;
}
