/**
 * The collapse on the action axis: actions that no statement of the world tells apart.
 *
 * Two actions get the same decision on the same resource when every Action and NotAction
 * pattern of the world matches both or neither and the engine reads nothing else of them: it
 * reads the action only through those patterns, the service prefix (RCP services, `iam:` for
 * federated users, the `kms:` keys) and a few names it knows (docs/analysis.md lists them).
 * Actions of STS, whose names the engine reads one by one (who may call it, the trust actions),
 * are never collapsed. KMS actions are, but not on the keys whose grants or AWS managed key
 * policy the model reads by name (resource-classes.ts `readsName`).
 *
 * The class `id` says which actions share one decision: actions of the services whose prefix the
 * engine reads (PREFIX_READ) share it only within their service; actions of every other service
 * share it across services when the same patterns match them (a service no pattern but `*`
 * touches has one class, the same for all such services).
 */
import { matchAction } from '../engine/index.ts';
import type { ActionInfo, ServiceInfo } from '../data/service-reference.ts';
import { matchesWildcard } from '../data/service-reference.ts';
import { RCP_SERVICES } from '../model/index.ts';

/** Services whose actions the engine tells apart by name. */
const BY_NAME = new Set(['sts']);

/** Services whose prefix the engine or the model read (RCPs, `iam:` for federated users, `kms:`). */
const PREFIX_READ = new Set([...BY_NAME, 'iam', 'kms', ...RCP_SERVICES]);

export interface ActionClass {
  /** Equal ids: the same decision on the same resource from the same principal. */
  id: string;
  /** The action decided for the whole class (`service:Name`). */
  representative: string;
  members: ActionInfo[];
  /** The members' full names (`service:Name`), in the same order: read once, not per question. */
  names: string[];
}

/**
 * Partitions a service's actions by which of the world's patterns (lower case, indexed: the
 * index names a pattern in the class id) match them.
 */
export function classesOf(service: ServiceInfo, patterns: readonly string[]): ActionClass[] {
  const prefix = service.prefix.toLowerCase();
  const full = (a: ActionInfo) => `${service.prefix}:${a.name}`;
  if (BY_NAME.has(prefix))
    return service.actions.map((a) => ({
      id: full(a),
      representative: full(a),
      members: [a],
      names: [full(a)],
    }));
  // Only the patterns whose service part can match this prefix can tell its actions apart.
  const relevant: number[] = [];
  patterns.forEach((p, i) => {
    if (p === '*') return;
    const colon = p.indexOf(':');
    // A pattern without a colon (`*Object`) is matched against the whole name: any service.
    if (colon < 0 || matchesWildcard(p.slice(0, colon), prefix)) relevant.push(i);
  });
  const scope = PREFIX_READ.has(prefix) ? prefix : '*';
  const byKey = new Map<string, ActionClass>();
  const out: ActionClass[] = [];
  for (const action of service.actions) {
    const name = full(action);
    let key = '';
    for (const i of relevant) if (matchAction(patterns[i]!, name)) key += `${i},`;
    let cls = byKey.get(key);
    if (!cls) {
      cls = { id: `${scope}:${key}`, representative: name, members: [], names: [] };
      byKey.set(key, cls);
      out.push(cls);
    }
    cls.members.push(action);
    cls.names.push(name);
  }
  return out;
}
